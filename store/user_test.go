package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// TestUsers: the store side of users, and what records who made it — the
// contract another store must keep too.
func TestUsers(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	a, err := db.AddUser(ctx, users.User{Name: "王老师", CreatedAt: now}, "hash-a")
	if err != nil || a.ID == 0 || a.Name != "王老师" || a.Admin {
		t.Fatalf("AddUser = %+v, %v", a, err)
	}
	b, err := db.AddUser(ctx, users.User{Name: "李主任", Admin: true, CreatedAt: now}, "hash-b")
	if err != nil || b.ID == a.ID {
		t.Fatalf("AddUser = %+v, %v", b, err)
	}
	if _, err := db.AddUser(ctx, users.User{Name: "王老师", CreatedAt: now}, "hash-c"); !errors.Is(err, users.ErrNameTaken) {
		t.Errorf("a taken name: %v, want ErrNameTaken", err)
	}
	if us, err := db.Users(ctx); err != nil || len(us) != 2 || us[0] != a || us[1] != b {
		t.Errorf("Users = %+v, %v; want %+v %+v", us, err, a, b)
	}
	if u, err := db.UserByTokenHash(ctx, "hash-b"); err != nil || u != b {
		t.Errorf("UserByTokenHash(b) = %+v, %v", u, err)
	}
	if _, err := db.UserByTokenHash(ctx, "hash-c"); !errors.Is(err, users.ErrNoUser) {
		t.Errorf("an unknown hash: %v, want ErrNoUser", err)
	}
	if err := db.RemoveUser(ctx, "王老师"); err != nil {
		t.Fatal(err)
	}
	if err := db.RemoveUser(ctx, "王老师"); !errors.Is(err, users.ErrNoUser) {
		t.Errorf("removing twice: %v, want ErrNoUser", err)
	}
	// Ids are never reused: a new 王老师 owns nothing of the old one's.
	if c, err := db.AddUser(ctx, users.User{Name: "王老师", CreatedAt: now}, "hash-a"); err != nil || c.ID <= b.ID {
		t.Errorf("re-added: %+v, %v; want an id above %d", c, err, b.ID)
	}
	if err := db.RemoveUser(ctx, "李主任"); err != nil {
		t.Fatal(err)
	}
	if on, err := db.HasUsers(ctx); err != nil || !on {
		t.Errorf("HasUsers = %v, %v with one user", on, err)
	}
}

func TestRunOwnerAndCallUser(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if on, err := db.HasUsers(ctx); err != nil || on {
		t.Errorf("HasUsers = %v, %v on a new database", on, err)
	}
	for _, owner := range []int64{0, 7} {
		id, err := db.CreateRun(ctx, draft.Run{Title: "总结", Mode: draft.ModeOffline, Owner: owner})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := db.GetRun(ctx, id); err != nil || r.Owner != owner {
			t.Errorf("run of owner %d reads back owner %d, %v", owner, r.Owner, err)
		}
	}
	for _, c := range []draft.Call{{Purpose: "a"}, {Purpose: "b", UserID: 7, User: "王老师"}, {Purpose: "c", UserID: 8, User: "李主任"}} {
		if _, err := db.LogCall(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	calls, err := db.CallsBy(ctx, 7, 0)
	if err != nil || len(calls) != 1 || calls[0].Purpose != "b" || calls[0].User != "王老师" || calls[0].UserID != 7 {
		t.Errorf("CallsBy(7) = %+v, %v", calls, err)
	}
	if all, _ := db.Calls(ctx, 0); len(all) != 3 {
		t.Errorf("Calls lists %d, want all 3", len(all))
	}
}

func TestAddedBy(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := fixtures()
	p, err := db.PrepareDocument("upload:a.txt", "utf-8", "王老师", docs[0])
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := db.SaveUnindexed(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	other := mustSave(t, db, docs[1])[0]
	for want, id := range map[string]int64{"王老师": id, "": other} {
		rec, _, err := db.Document(ctx, id)
		if err != nil || rec.AddedBy != want {
			t.Errorf("document %d added by %q, %v; want %q", id, rec.AddedBy, err, want)
		}
	}
}
