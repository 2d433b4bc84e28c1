package main

// Issue 14: every command that uses the database, end to end on PostgreSQL.

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/store/postgres/pgtest"
)

// TestCommandsOnPostgres runs ingest, search, examples, templates, draft,
// plan and serve with ZONGJIE_DB naming a PostgreSQL database.
func TestCommandsOnPostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	e := newEnv(t)
	t.Setenv("ZONGJIE_DB", dsn)

	r := mustZJ(t, "ingest", repoPath("corpus/testdata/gbk.txt"), repoPath("corpus/testdata/big5.txt"), repoPath("corpus/testdata/inline_items.txt"))
	if !strings.Contains(r.stdout, "新增") || !strings.Contains(r.stderr, "已载入内置范文") {
		t.Fatalf("ingest on a new PostgreSQL database: %s", r)
	}
	if r := mustZJ(t, "ingest", repoPath("corpus/testdata/gbk.txt")); !strings.Contains(r.stdout, "新增 0 篇，重复 1 篇") {
		t.Errorf("ingesting again: %s", r)
	}
	hits := search(t, "党建")
	if len(hits) == 0 || hits[0].Score <= 0 || !strings.Contains(hits[0].Heading+hits[0].Snippet, "党建") {
		t.Fatalf("search 党建 = %+v", hits)
	}
	if hits := search(t, "党建", "--category", "党建", "--year", "2099"); len(hits) != 0 {
		t.Errorf("search with a year of no report = %+v", hits)
	}
	if r := mustZJ(t, "examples", "--category", "党建"); !strings.Contains(r.stdout, "党建") {
		t.Errorf("examples: %s", r)
	}
	if r := mustZJ(t, "templates"); !strings.Contains(r.stdout, "内置") && !strings.Contains(r.stdout, "总结") {
		t.Errorf("templates: %s", r)
	}
	draftFile := e.path("draft.md")
	if r := mustZJ(t, "draft", "--facts", factsFile(), "--offline", "--out", draftFile); !strings.Contains(r.stdout+r.stderr, "离线") {
		t.Errorf("draft --offline: %s", r)
	}
	if r := mustZJ(t, "plan", "--from", draftFile, "--offline"); !strings.Contains(r.stdout, "计划") && !strings.Contains(r.stdout, "工作") {
		t.Errorf("plan --offline: %s", r)
	}

	base := startServe(t, dsn)
	for path, want := range map[string]string{"/": "报告", "/?" + url.Values{"q": {"党建"}}.Encode(): "<mark>党建</mark>"} {
		body := get(t, base+path)
		if !strings.Contains(body, want) {
			t.Errorf("GET %s lacks %q:\n%s", path, want, clip(body))
		}
	}
}

// get fetches url and fails the test unless it answers 200.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v\n%s", url, resp.StatusCode, err, clip(string(body)))
	}
	return string(body)
}

func TestDBNameMasksThePassword(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://zongjie:s3cret@db.example/zongjie": "postgres://zongjie:xxxxx@db.example/zongjie",
		"postgresql://zongjie@/zongjie?host=/run/pg":   "postgresql://zongjie@/zongjie?host=/run/pg",
		"postgres://zongjie@h/zongjie?password=s3cret": "postgres://zongjie@h/zongjie?password=xxxxx",
		"/home/u/.local/share/zongjie/zongjie.db":      "/home/u/.local/share/zongjie/zongjie.db",
	} {
		if got := dbName(in); got != want {
			t.Errorf("dbName(%q) = %q; want %q", in, got, want)
		}
	}
}
