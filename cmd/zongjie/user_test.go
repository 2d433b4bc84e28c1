package main

import (
	"context"
	"strings"
	"testing"
	"time"
)

// listedUsers is `user list --json`.
func listedUsers(t *testing.T) []userJSON {
	t.Helper()
	var us []userJSON
	decodeJSON(t, mustZJ(t, "user", "list", "--json"), &us)
	return us
}

// userCase is one command of TestUserAddListRemove.
type userCase struct {
	args   []string
	code   int
	stderr string // what the message must say
}

// runUserCases runs the cases in order and returns the tokens printed,
// by user name; a failing command must change nothing and print no token.
func runUserCases(t *testing.T, cases []userCase) map[string]string {
	t.Helper()
	tokens := map[string]string{}
	for _, c := range cases {
		before := listedUsers(t)
		r := zj(t, c.args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
			t.Errorf("zongjie %q: %s\nwant exit %d saying %q", c.args, r, c.code, c.stderr)
		}
		if after := listedUsers(t); c.code != 0 {
			if len(after) != len(before) || r.stdout != "" {
				t.Errorf("zongjie %q failed but changed the users or printed a token: %v → %v, %q", c.args, before, after, r.stdout)
			}
			continue
		}
		token := strings.TrimSpace(r.stdout)
		if !strings.HasPrefix(token, "zj_") || strings.Contains(r.stderr, token) {
			t.Errorf("zongjie %q: stdout %q should be the token alone (not on stderr)", c.args, r.stdout)
		}
		tokens[c.args[2]] = token
	}
	return tokens
}

func TestUserAddListRemove(t *testing.T) {
	newEnv(t)
	r := mustZJ(t, "user", "list")
	if r.stdout != "" || !strings.Contains(r.stderr, "还没有用户") {
		t.Errorf("no users yet: %s", r)
	}
	tokens := runUserCases(t, []userCase{
		{[]string{"user", "add", "王老师"}, 0, "只显示这一次"},
		{[]string{"user", "add", "李主任", "--admin"}, 0, "已添加管理员“李主任”"},
		{[]string{"user", "add", "王老师"}, exitConflict, "用户名已被使用"},
		{[]string{"user", "add", "王老师", "--admin"}, exitConflict, "未做任何改动"},
		{[]string{"user", "add", ""}, exitInvalid, "用户名不能为空"},
		{[]string{"user", "add", "王 老师"}, exitInvalid, "不能含有空格或控制字符"},
		{[]string{"user", "add", "a\tb"}, exitInvalid, "不能含有空格或控制字符"},
		{[]string{"user", "add", strings.Repeat("名", 65)}, exitInvalid, "最长 64 个字符"},
		{[]string{"user", "add"}, exitInvalid, "用户名"},
		{[]string{"user", "rm", "张三"}, exitNotFound, "没有这个用户"},
	})
	us := listedUsers(t)
	if len(us) != 2 || us[0].Name != "王老师" || us[0].Admin || us[1].Name != "李主任" || !us[1].Admin {
		t.Fatalf("user list --json: %+v", us)
	}
	r = mustZJ(t, "user", "list")
	for _, want := range []string{"王老师", "李主任", "管理员"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("user list lacks %s:\n%s", want, r.stdout)
		}
	}
	for name, token := range tokens {
		for _, args := range [][]string{{"user", "list"}, {"user", "list", "--json"}} {
			if out := mustZJ(t, args...).stdout; strings.Contains(out, token) || strings.Contains(out, token[3:]) {
				t.Errorf("%v shows %s's token", args, name)
			}
		}
	}
	r = mustZJ(t, "user", "rm", "王老师")
	if !strings.Contains(r.stderr, "已删除用户“王老师”") {
		t.Errorf("user rm: %s", r)
	}
	if us := listedUsers(t); len(us) != 1 || us[0].Name != "李主任" {
		t.Errorf("after rm: %+v", us)
	}
}

// TestServeRefusesTheSharedTokenOnceUsersExist: with users defined --token
// would open nothing, so serve says so instead of starting.
func TestServeRefusesTheSharedTokenOnceUsersExist(t *testing.T) {
	newEnv(t)
	mustZJ(t, "user", "add", "王老师")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	r := zjCtx(t, ctx, "serve", "--addr", "127.0.0.1:0", "--token", "共用口令")
	if r.code != exitInvalid || !strings.Contains(r.stderr, "--token 不再适用") {
		t.Errorf("serve --token with users: %s", r)
	}
}
