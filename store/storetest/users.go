package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// testUsers: the store side of users — adding, listing, finding by token
// hash, removing — with ids never reused.
func testUsers(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	if on, err := db.HasUsers(ctx); err != nil || on {
		t.Errorf("HasUsers = %v, %v on a new database", on, err)
	}
	now := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	a, b := addTwoUsers(t, db, now)
	for _, taken := range []struct{ name, hash string }{{"王老师", "hash-c"}, {"赵老师", "hash-a"}} {
		if _, err := db.AddUser(ctx, users.User{Name: taken.name, CreatedAt: now}, taken.hash); !errors.Is(err, users.ErrNameTaken) {
			t.Errorf("AddUser(%s, %s): %v, want ErrNameTaken", taken.name, taken.hash, err)
		}
	}
	if us, err := db.Users(ctx); err != nil || len(us) != 2 || us[0] != a || us[1] != b {
		t.Errorf("Users = %+v, %v; want %+v %+v (nothing stored by the failed adds)", us, err, a, b)
	}
	if u, err := db.UserByTokenHash(ctx, "hash-b"); err != nil || u != b {
		t.Errorf("UserByTokenHash(b) = %+v, %v", u, err)
	}
	if _, err := db.UserByTokenHash(ctx, "hash-c"); !errors.Is(err, users.ErrNoUser) {
		t.Errorf("an unknown hash: %v, want ErrNoUser", err)
	}
	checkIDsNotReused(t, db, b, now)
	if on, err := db.HasUsers(ctx); err != nil || !on {
		t.Errorf("HasUsers = %v, %v with users", on, err)
	}
}

// addTwoUsers adds 王老师 (token hash "hash-a") and the admin 李主任
// ("hash-b") and returns them as stored.
func addTwoUsers(t *testing.T, db Store, now time.Time) (a, b users.User) {
	t.Helper()
	ctx := context.Background()
	a, err := db.AddUser(ctx, users.User{Name: "王老师", CreatedAt: now}, "hash-a")
	if err != nil || a.ID == 0 || a.Name != "王老师" || a.Admin || !a.CreatedAt.Equal(now) {
		t.Fatalf("AddUser = %+v, %v", a, err)
	}
	b, err = db.AddUser(ctx, users.User{Name: "李主任", Admin: true, CreatedAt: now}, "hash-b")
	if err != nil || b.ID == a.ID || !b.Admin {
		t.Fatalf("AddUser = %+v, %v", b, err)
	}
	return a, b
}

// checkIDsNotReused removes newest, the user with the highest id, and
// adds users under its name and under an older one's: neither gets an id
// at or below it, so neither owns what the removed users made.
func checkIDsNotReused(t *testing.T, db Store, newest users.User, now time.Time) {
	t.Helper()
	ctx := context.Background()
	for _, name := range []string{newest.Name, "王老师"} {
		if err := db.RemoveUser(ctx, name); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveUser(ctx, name); !errors.Is(err, users.ErrNoUser) {
			t.Errorf("removing %s twice: %v, want ErrNoUser", name, err)
		}
	}
	if _, err := db.UserByTokenHash(ctx, "hash-a"); !errors.Is(err, users.ErrNoUser) {
		t.Errorf("a removed user's token: %v, want ErrNoUser", err)
	}
	for _, name := range []string{newest.Name, "王老师"} {
		if c, err := db.AddUser(ctx, users.User{Name: name, CreatedAt: now}, "hash-new-"+name); err != nil || c.ID <= newest.ID {
			t.Errorf("re-added %s: %+v, %v; want an id above %d", name, c, err, newest.ID)
		}
	}
}

// testRunOwner: a run keeps the id of the user who drafted it.
func testRunOwner(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	for _, owner := range []int64{0, 7} {
		id, err := db.CreateRun(ctx, draft.Run{Title: "总结", Mode: draft.ModeOffline, Owner: owner})
		if err != nil {
			t.Fatal(err)
		}
		if r, err := db.GetRun(ctx, id); err != nil || r.Owner != owner {
			t.Errorf("run of owner %d reads back owner %d, %v", owner, r.Owner, err)
		}
	}
}

// testCallUser: a call keeps whose request made it, and CallsBy lists one
// user's calls, newest first.
func testCallUser(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	base := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	for i, c := range []draft.Call{{Purpose: "a"}, {Purpose: "b", UserID: 7, User: "王老师"},
		{Purpose: "c", UserID: 8, User: "李主任"}, {Purpose: "d", UserID: 7, User: "王老师"}} {
		c.CreatedAt = base.Add(time.Duration(i) * time.Minute)
		if _, err := db.LogCall(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		user  int64
		limit int
		want  []string
	}{
		{7, 0, []string{"d", "b"}},
		{7, 1, []string{"d"}},
		{8, 0, []string{"c"}},
		{9, 0, nil},
	}
	for _, tt := range tests {
		calls, err := db.CallsBy(ctx, tt.user, tt.limit)
		if err != nil || len(calls) != len(tt.want) {
			t.Errorf("CallsBy(%d, %d) = %+v, %v; want %v", tt.user, tt.limit, calls, err, tt.want)
			continue
		}
		for i, c := range calls {
			if c.Purpose != tt.want[i] || c.UserID != tt.user {
				t.Errorf("CallsBy(%d, %d)[%d] = %s of user %d", tt.user, tt.limit, i, c.Purpose, c.UserID)
			}
		}
	}
	if calls, _ := db.CallsBy(ctx, 8, 0); len(calls) == 1 && calls[0].User != "李主任" {
		t.Errorf("call of user 8 names %q", calls[0].User)
	}
	if all, _ := db.Calls(ctx, 0); len(all) != 4 {
		t.Errorf("Calls lists %d, want all 4", len(all))
	}
}

// testAddedBy: a document records who uploaded it, "" for none.
func testAddedBy(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	p, err := db.PrepareDocument("upload:a.txt", "UTF-8", "王老师", docs[0])
	if err != nil {
		t.Fatal(err)
	}
	if p.AddedBy() != "王老师" {
		t.Errorf("Prepared.AddedBy = %q", p.AddedBy())
	}
	id, _, err := db.SaveUnindexed(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	other := MustSave(t, db, docs[1])[0]
	for want, id := range map[string]int64{"王老师": id, "": other} {
		rec, _, err := db.Document(ctx, id)
		if err != nil || rec.AddedBy != want {
			t.Errorf("document %d added by %q, %v; want %q", id, rec.AddedBy, err, want)
		}
	}
	if recs, err := db.Documents(ctx); err != nil || len(recs) != 2 || recs[0].AddedBy != "王老师" {
		t.Errorf("Documents = %+v, %v", recs, err)
	}
}
