package web_test

// Users with personal tokens: every request needs one once users exist,
// drafts, plans and model calls are their user's alone (another user gets
// 404, however the id is reached), uploads record their user, only admins
// remove reports, and tokens are never stored in clear. Each runs on SQLite
// and on PostgreSQL (skipped, saying so, where PostgreSQL is not installed).

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/users"
	"github.com/zongjie/zongjie/web"
)

// userFixture is a server with users: alice and bob, and the admin root.
type userFixture struct {
	*fixture
	accounts               *users.Service
	alice, bob, root       string // their tokens
	aliceID, bobID, rootID int64
}

func newUserFixture(t *testing.T, e engine, configure func(*web.Server)) *userFixture {
	t.Helper()
	uf := &userFixture{}
	uf.fixture = newFixtureOn(t, e, func(s *web.Server) {
		uf.accounts = &users.Service{Store: s.Runs.(users.Store)}
		s.Users = uf.accounts
		if configure != nil {
			configure(s)
		}
	})
	uf.aliceID, uf.alice = uf.add(t, "alice", false)
	uf.bobID, uf.bob = uf.add(t, "bob", false)
	uf.rootID, uf.root = uf.add(t, "root", true)
	return uf
}

func (uf *userFixture) add(t *testing.T, name string, admin bool) (int64, string) {
	t.Helper()
	u, token, err := uf.accounts.Add(context.Background(), name, admin)
	if err != nil {
		t.Fatal(err)
	}
	return u.ID, token
}

func bearer(token string) []string { return []string{"Authorization", "Bearer " + token} }

// draftAs drafts the test report as the token's user and returns the run id.
func (uf *userFixture) draftAs(t *testing.T, token string) int64 {
	t.Helper()
	resp := uf.post(t, "/draft", url.Values{"org": {"岚湖县教育局"}, "year": {"2024"}, "period": {"annual"}, "doc": {"summary"},
		"facts-党建": {"新发展党员9人"}, "facts-师资": {"招聘特岗教师72名"}}, bearer(token)...)
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST /draft: %d\n%s", resp.StatusCode, b)
	}
	events := readEvents(t, resp.Body)
	var res resultData
	if len(events) == 0 || json.Unmarshal(events[len(events)-1].Data, &res) != nil || res.RunID == 0 {
		t.Fatalf("draft ended without a run: %v", events)
	}
	return res.RunID
}

// runPaths are every address that reads or changes a run.
func runPaths(id int64) (gets, posts []string) {
	return []string{fmt.Sprintf("/runs/%d/report.md", id), fmt.Sprintf("/runs/%d/report.docx", id)},
		[]string{fmt.Sprintf("/runs/%d/sections/1/rewrite", id), fmt.Sprintf("/runs/%d/sections/0/rewrite", id)}
}

func TestUsersNeedTheirOwnToken(t *testing.T) { eachEngine(t, testUsersNeedTheirOwnToken) }

func testUsersNeedTheirOwnToken(t *testing.T, e engine) {
	uf := newUserFixture(t, e, func(s *web.Server) { s.Token = "shared-token" })
	_, removed := uf.add(t, "carol", false)
	if err := uf.accounts.Remove(context.Background(), "carol"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		hdr  []string
	}{
		{"no token", nil},
		{"wrong token", bearer("zj_wrong")},
		{"the single --token, once users exist", bearer("shared-token")},
		{"a removed user's token", bearer(removed)},
		{"a cookie made of the shared token", []string{"Cookie", "zongjie_session=" + users.SessionKey("shared-token")}},
		{"the stored hash as a cookie", []string{"Cookie", "zongjie_session=" + users.TokenHash(uf.alice)}},
	} {
		status, body := uf.get(t, "/", c.hdr...)
		if status != http.StatusUnauthorized || !strings.Contains(body, "个人口令") {
			t.Errorf("%s: status %d %q, want 401 asking for a personal token", c.name, status, body)
		}
	}
	status, body := uf.get(t, "/", bearer(uf.alice)...)
	if status != http.StatusOK || !strings.Contains(body, `class="who"`) || !strings.Contains(body, ">alice<") {
		t.Errorf("alice's token: status %d, or her name missing from the header", status)
	}

	// ?token= sets the cookie as with the single token, and the cookie
	// holds neither the token nor the stored hash.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(uf.ts.URL + "/log?token=" + url.QueryEscape(uf.bob))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) != 1 {
		t.Fatalf("?token=: status %d cookies %v, want 303 with the cookie", resp.StatusCode, cookies)
	}
	if v := cookies[0].Value; strings.Contains(v, uf.bob) || v == users.TokenHash(uf.bob) {
		t.Errorf("cookie %q holds the token or the stored hash", v)
	}
	if status, body := uf.get(t, "/log", "Cookie", cookies[0].Name+"="+cookies[0].Value); status != http.StatusOK || !strings.Contains(body, ">bob<") {
		t.Errorf("bob's cookie: status %d", status)
	}
	// Removing the user ends the cookie too.
	if err := uf.accounts.Remove(context.Background(), "bob"); err != nil {
		t.Fatal(err)
	}
	if status, _ := uf.get(t, "/log", "Cookie", cookies[0].Name+"="+cookies[0].Value); status != http.StatusUnauthorized {
		t.Errorf("a removed user's cookie: status %d, want 401", status)
	}
}

func TestUserCannotReachAnotherUsersRun(t *testing.T) {
	eachEngine(t, testUserCannotReachAnotherUsersRun)
}

func testUserCannotReachAnotherUsersRun(t *testing.T, e engine) {
	uf := newUserFixture(t, e, nil)
	aliceRun := uf.draftAs(t, uf.alice)
	bobRun := uf.draftAs(t, uf.bob)

	gets, posts := runPaths(aliceRun)
	for _, p := range gets {
		if status, _ := uf.get(t, p, bearer(uf.alice)...); status != http.StatusOK {
			t.Errorf("alice GET %s: %d, want 200", p, status)
		}
	}
	// By page, download and API, with bob's token, bob's cookie, and as the
	// admin: alice's draft holds her facts, and is hers alone.
	for _, who := range []struct{ name, token string }{{"bob", uf.bob}, {"root (admin)", uf.root}} {
		for _, p := range gets {
			status, body := uf.get(t, p, bearer(who.token)...)
			if status != http.StatusNotFound || strings.Contains(body, "新发展党员9人") {
				t.Errorf("%s GET %s: %d, want 404 without the draft", who.name, p, status)
			}
		}
		for _, p := range posts {
			resp := uf.post(t, p, url.Values{}, bearer(who.token)...)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), "新发展党员9人") {
				t.Errorf("%s POST %s: %d, want 404 without the draft", who.name, p, resp.StatusCode)
			}
		}
	}
	// Guessing ids: every id but bob's own looks like no draft at all, the
	// same answer as for an id never used.
	_, missing := uf.get(t, "/runs/999999/report.md", bearer(uf.bob)...)
	for id := int64(1); id <= bobRun+3; id++ {
		status, body := uf.get(t, fmt.Sprintf("/runs/%d/report.md", id), bearer(uf.bob)...)
		switch {
		case id == bobRun && status != http.StatusOK:
			t.Errorf("bob's own run %d: %d", id, status)
		case id != bobRun && (status != http.StatusNotFound || strings.ReplaceAll(body, fmt.Sprint(id), "N") != strings.ReplaceAll(missing, "999999", "N")):
			t.Errorf("bob guessing run %d: %d %q, want the 404 of a missing run", id, status, body)
		}
	}
}

func TestUserCannotReachAnotherUsersPlanOrCalls(t *testing.T) {
	eachEngine(t, testUserCannotReachAnotherUsersPlanOrCalls)
}

func testUserCannotReachAnotherUsersPlanOrCalls(t *testing.T, e engine) {
	uf := newUserFixture(t, e, nil)
	resp := uf.post(t, "/plan", url.Values{"source": {"corpus"}, "summary": {fmt.Sprint(uf.docID)}}, bearer(uf.alice)...)
	body, _ := io.ReadAll(resp.Body)
	var p planResult
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &p) != nil || p.ID == "" {
		t.Fatalf("alice POST /plan: %d %s", resp.StatusCode, body)
	}
	for _, path := range []string{"/plans/" + p.ID + "/plan.md", "/plans/" + p.ID + "/plan.docx"} {
		if status, _ := uf.get(t, path, bearer(uf.alice)...); status != http.StatusOK {
			t.Errorf("alice GET %s: %d", path, status)
		}
		if status, _ := uf.get(t, path, bearer(uf.bob)...); status != http.StatusNotFound {
			t.Errorf("bob GET %s: %d, want 404", path, status)
		}
	}

	// The plan's model calls are alice's: bob's log does not list them and
	// their ids answer 404; the admin sees them.
	calls, err := uf.db.CallsBy(context.Background(), uf.aliceID, 0)
	if err != nil || len(calls) == 0 {
		t.Fatalf("alice's calls: %v, %v", calls, err)
	}
	if calls[0].User != "alice" {
		t.Errorf("call logged for %q, want alice", calls[0].User)
	}
	callPath := fmt.Sprintf("/log/%d", calls[0].ID)
	if _, body := uf.get(t, "/log", bearer(uf.bob)...); strings.Contains(body, callPath) {
		t.Errorf("bob's log lists alice's call %s", callPath)
	}
	for id := int64(1); id <= calls[0].ID; id++ {
		if status, _ := uf.get(t, fmt.Sprintf("/log/%d", id), bearer(uf.bob)...); status != http.StatusNotFound {
			t.Errorf("bob GET /log/%d: %d, want 404", id, status)
		}
	}
	if status, _ := uf.get(t, callPath, bearer(uf.alice)...); status != http.StatusOK {
		t.Errorf("alice GET %s: %d", callPath, status)
	}
	if _, body := uf.get(t, "/log", bearer(uf.root)...); !strings.Contains(body, callPath) || !strings.Contains(body, " · alice</td>") {
		t.Errorf("the admin's log does not list alice's call with her name")
	}
}

func TestOnlyAdminsRemoveReports(t *testing.T) { eachEngine(t, testOnlyAdminsRemoveReports) }

func testOnlyAdminsRemoveReports(t *testing.T, e engine) {
	uf := newUserFixture(t, e, nil)
	removePath := fmt.Sprintf("/docs/%d/remove", uf.docID)
	for _, page := range []string{"/", fmt.Sprintf("/docs/%d", uf.docID)} {
		if _, body := uf.get(t, page, bearer(uf.alice)...); strings.Contains(body, removePath) {
			t.Errorf("%s shows alice a remove button", page)
		}
		if _, body := uf.get(t, page, bearer(uf.root)...); !strings.Contains(body, removePath) {
			t.Errorf("%s hides the admin's remove button", page)
		}
	}
	resp := uf.post(t, removePath, url.Values{}, bearer(uf.alice)...)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "只有管理员") {
		t.Errorf("alice removing: %d, want 403 saying only admins may", resp.StatusCode)
	}
	if _, _, err := uf.db.Document(context.Background(), uf.docID); err != nil {
		t.Fatalf("the report is gone after a refused removal: %v", err)
	}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, uf.ts.URL+removePath, nil)
	req.Header.Set("Origin", uf.ts.URL)
	req.Header.Set("Authorization", "Bearer "+uf.root)
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("admin removing: %d, want 303", resp.StatusCode)
	}
	if _, _, err := uf.db.Document(context.Background(), uf.docID); err == nil {
		t.Errorf("the admin's removal left the report")
	}
}

func TestUploadRecordsItsUser(t *testing.T) { eachEngine(t, testUploadRecordsItsUser) }

func testUploadRecordsItsUser(t *testing.T, e engine) {
	uf := newUserFixture(t, e, nil)
	body, ct := multipartBody(t, map[string][]byte{"青溪.txt": []byte(strings.ReplaceAll(evilReport, "岚湖", "青溪"))})
	req, _ := http.NewRequest(http.MethodPost, uf.ts.URL+"/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", uf.ts.URL)
	req.Header.Set("Authorization", "Bearer "+uf.alice)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	docs, err := uf.db.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var uploaded int64
	for _, d := range docs {
		switch {
		case d.ID == uf.docID && d.AddedBy != "":
			t.Errorf("a report saved without a user records %q", d.AddedBy)
		case d.ID != uf.docID && d.AddedBy != "alice":
			t.Errorf("uploaded report %d records %q, want alice", d.ID, d.AddedBy)
		case d.ID != uf.docID:
			uploaded = d.ID
		}
	}
	if uploaded == 0 {
		t.Fatalf("upload stored nothing (status %d)", resp.StatusCode)
	}
	// The corpus is shared: bob reads it, and sees who uploaded it.
	if status, page := uf.get(t, fmt.Sprintf("/docs/%d", uploaded), bearer(uf.bob)...); status != http.StatusOK || !strings.Contains(page, "上传者：alice") {
		t.Errorf("bob GET the uploaded report: %d, or 上传者：alice missing", status)
	}
}

// TestTokensAreNeverStoredInClear looks for the tokens in what the store
// keeps: on SQLite the bytes of the database files (-wal and -shm included),
// on PostgreSQL every column of every table in the database, read as text.
func TestTokensAreNeverStoredInClear(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		uf := newUserFixture(t, sqliteEngine, nil)
		uf.draftAs(t, uf.alice) // the session key travels with requests: none of it lands in the log either
		var files []byte
		for _, suffix := range []string{"", "-wal", "-shm"} {
			b, err := os.ReadFile(uf.dbPath + suffix)
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			files = append(files, b...)
		}
		if len(files) == 0 {
			t.Fatal("read nothing of the database")
		}
		checkTokensNotStored(t, uf, func(s string) bool { return strings.Contains(string(files), s) })
	})
	t.Run("postgres", func(t *testing.T) {
		var dsn string
		pg := engine{"postgres", func(t *testing.T) (testStore, string) {
			dsn = pgtest.DSN(t)
			db, err := postgres.Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			return db, ""
		}}
		uf := newUserFixture(t, pg, nil)
		uf.draftAs(t, uf.alice)
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		// Every column of the store's tables, bytea as its escaped bytes and
		// everything else cast to text.
		rows, err := conn.Query(ctx, `SELECT table_name, column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name IN
				(SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
			ORDER BY table_name, ordinal_position`)
		if err != nil {
			t.Fatal(err)
		}
		type column struct{ table, name, typ string }
		var cols []column
		for rows.Next() {
			var c column
			if err := rows.Scan(&c.table, &c.name, &c.typ); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		var sawUsers bool
		for _, c := range cols {
			sawUsers = sawUsers || c.table == "users" && c.name == "token_hash"
		}
		if !sawUsers {
			t.Fatalf("no users.token_hash among the columns %v: the test reads the wrong database", cols)
		}
		stored := func(s string) bool {
			for _, c := range cols {
				expr := pgx.Identifier{c.name}.Sanitize() + "::text"
				if c.typ == "bytea" {
					expr = "encode(" + pgx.Identifier{c.name}.Sanitize() + ", 'escape')"
				}
				var found bool
				q := fmt.Sprintf("SELECT EXISTS (SELECT 1 FROM %s WHERE strpos(%s, $1) > 0)", pgx.Identifier{c.table}.Sanitize(), expr)
				if err := conn.QueryRow(ctx, q, s).Scan(&found); err != nil {
					t.Fatalf("%s.%s: %v", c.table, c.name, err)
				}
				if found {
					return true
				}
			}
			return false
		}
		checkTokensNotStored(t, uf, stored)
	})
}

// checkTokensNotStored checks each user's token, its session key and its
// random part are not stored, and its hash is (so stored reads the store).
func checkTokensNotStored(t *testing.T, uf *userFixture, stored func(string) bool) {
	t.Helper()
	for name, token := range map[string]string{"alice": uf.alice, "bob": uf.bob, "root": uf.root} {
		if !strings.HasPrefix(token, users.TokenPrefix) || len(token) < len(users.TokenPrefix)+22 {
			t.Errorf("%s's token %q: want the prefix and at least 128 random bits", name, token)
		}
		for what, s := range map[string]string{"token": token, "session key": users.SessionKey(token), "random part": strings.TrimPrefix(token, users.TokenPrefix)} {
			if stored(s) {
				t.Errorf("the database holds %s's %s", name, what)
			}
		}
		if !stored(users.TokenHash(token)) {
			t.Errorf("the database lacks %s's token hash: the test reads the wrong store", name)
		}
	}
}
