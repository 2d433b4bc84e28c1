package users_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/users"
)

func newService(t *testing.T) *users.Service {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "zongjie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &users.Service{Store: db}
}

func TestValidName(t *testing.T) {
	for _, c := range []struct {
		name string
		ok   bool
	}{
		{"王老师", true},
		{"alice", true},
		{"li.zhu-ren_2", true},
		{strings.Repeat("名", 64), true},
		{"", false},
		{"王 老师", false},
		{"王\u3000老师", false}, // ideographic space
		{"alice\n", false},
		{"a\x00b", false},
		{"a\u200bb", false}, // zero-width space
		{"\xff", false},
		{strings.Repeat("名", 65), false},
	} {
		err := users.ValidName(c.name)
		if (err == nil) != c.ok {
			t.Errorf("ValidName(%q) = %v, want ok %v", c.name, err, c.ok)
		}
		if err != nil && errkind.Of(err) != errkind.Invalid {
			t.Errorf("ValidName(%q): kind %v, want invalid", c.name, errkind.Of(err))
		}
	}
}

func TestAddAuthenticateRemove(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	if on, err := s.Enabled(ctx); err != nil || on {
		t.Fatalf("a new database: Enabled = %v, %v", on, err)
	}
	a, tokenA, err := s.Add(ctx, "王老师", false)
	if err != nil {
		t.Fatal(err)
	}
	b, tokenB, err := s.Add(ctx, "李主任", true)
	if err != nil {
		t.Fatal(err)
	}
	if tokenA == tokenB || !strings.HasPrefix(tokenA, users.TokenPrefix) || a.ID == b.ID || !b.Admin || a.Admin {
		t.Fatalf("added %+v %q and %+v %q", a, tokenA, b, tokenB)
	}
	if on, _ := s.Enabled(ctx); !on {
		t.Error("Enabled is false with users")
	}
	got, err := s.Authenticate(ctx, tokenA)
	if err != nil || got.ID != a.ID || got.Name != "王老师" {
		t.Errorf("Authenticate(A) = %+v, %v", got, err)
	}
	for _, bad := range []string{"", "zj_", tokenA + "x", strings.ToUpper(tokenA), users.TokenHash(tokenA), users.SessionKey(tokenA)} {
		if _, err := s.Authenticate(ctx, bad); !errors.Is(err, users.ErrNoUser) {
			t.Errorf("Authenticate(%q) = %v, want ErrNoUser", bad, err)
		}
	}
	if u, err := s.AuthenticateSession(ctx, users.SessionKey(tokenB)); err != nil || u.ID != b.ID {
		t.Errorf("AuthenticateSession(B) = %+v, %v", u, err)
	}
}

func TestRemovedUsersTokenStopsWorking(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	a, tokenA, err := s.Add(ctx, "王老师", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Remove(ctx, "王老师"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, tokenA); !errors.Is(err, users.ErrNoUser) {
		t.Errorf("a removed user's token: %v, want ErrNoUser", err)
	}
	// A new user of the same name is a new id: nothing of the old one's.
	c, _, err := s.Add(ctx, "王老师", false)
	if err != nil || c.ID == a.ID {
		t.Errorf("re-added 王老师: %+v, %v; want a new id", c, err)
	}
}

func TestErrorsChangeNothing(t *testing.T) {
	ctx := context.Background()
	s := newService(t)
	if _, _, err := s.Add(ctx, "王老师", false); err != nil {
		t.Fatal(err)
	}
	before, _ := s.List(ctx)
	for _, c := range []struct {
		what string
		do   func() error
		kind errkind.Kind
		msg  string
	}{
		{"a taken name", func() error { _, _, err := s.Add(ctx, "王老师", true); return err }, errkind.Conflict, "用户名已被使用"},
		{"an empty name", func() error { _, _, err := s.Add(ctx, "", false); return err }, errkind.Invalid, "用户名不能为空"},
		{"a name with a space", func() error { _, _, err := s.Add(ctx, "王 老师", false); return err }, errkind.Invalid, "空格"},
		{"removing nobody", func() error { return s.Remove(ctx, "张三") }, errkind.NotFound, "没有这个用户"},
	} {
		err := c.do()
		if errkind.Of(err) != c.kind || !strings.Contains(fmt.Sprint(err), c.msg) {
			t.Errorf("%s: %v (kind %v), want %v saying %s", c.what, err, errkind.Of(err), c.kind, c.msg)
		}
		after, _ := s.List(ctx)
		if len(after) != len(before) || after[0] != before[0] {
			t.Errorf("%s changed the users: %+v → %+v", c.what, before, after)
		}
	}
}

func TestAccessRules(t *testing.T) {
	none := context.Background()
	alice := users.NewContext(none, users.User{ID: 1, Name: "alice"})
	root := users.NewContext(none, users.User{ID: 2, Name: "root", Admin: true})
	for _, c := range []struct {
		what      string
		ctx       context.Context
		owner     int64
		see, rm   bool
		allCalls  bool
		callOwner int64
	}{
		{"no users, own nothing", none, 0, true, true, true, 0},
		{"no users, a user's run", none, 1, true, true, true, 0},
		{"alice, her run", alice, 1, true, false, false, 1},
		{"alice, root's run", alice, 2, false, false, false, 1},
		{"alice, a run made without users", alice, 0, false, false, false, 1},
		{"root, alice's run", root, 1, false, true, true, 0},
	} {
		owner, all := users.CallsOf(c.ctx)
		if got := users.MaySee(c.ctx, c.owner); got != c.see {
			t.Errorf("%s: MaySee = %v", c.what, got)
		}
		if got := users.MayRemoveDocuments(c.ctx); got != c.rm {
			t.Errorf("%s: MayRemoveDocuments = %v", c.what, got)
		}
		if all != c.allCalls || !all && owner != c.callOwner {
			t.Errorf("%s: CallsOf = %d, %v", c.what, owner, all)
		}
	}
}
