package main

// Issue 14: a county's SQLite database copied into the shared PostgreSQL one.

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/users"
)

// TestMigrate copies a database with reports, a user, runs and calls into
// PostgreSQL, checks that all arrived and that a second copy adds nothing.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	e := newEnv(t)
	mustZJ(t, "ingest", repoPath("corpus/testdata/gbk.txt"))
	token := strings.TrimSpace(mustZJ(t, "user", "add", "王老师").stdout)
	mustZJ(t, "user", "add", "李主任", "--admin")
	source := fillRunsAndCalls(t, e.db)

	r := mustZJ(t, "migrate", "--from", e.db, "--to", dsn)
	for _, want := range []string{"新增用户 2 个，已有 0 个", "新增草稿 2 份，已有 0 份", "新增模型调用记录 3 条，已有 0 条"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("migrate: want %q in %s", want, r)
		}
	}
	if !strings.Contains(r.stderr, "报告：") || !strings.Contains(r.stdout, "已有 0 篇") {
		t.Errorf("migrate: no progress or document counts: %s", r)
	}

	pg, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	checkMigrated(t, pg, source, token)

	r = mustZJ(t, "migrate", "--from", e.db, "--to", dsn)
	want := "新增报告 0 篇，已有 " + itoa(len(source.docs)) + " 篇；新增用户 0 个，已有 2 个；新增草稿 0 份，已有 2 份；新增模型调用记录 0 条，已有 3 条。"
	if !strings.Contains(r.stdout, want) {
		t.Errorf("migrating again: want %q in %s", want, r)
	}
	if docs, _ := pg.Documents(ctx); len(docs) != len(source.docs) {
		t.Errorf("after a second migrate %d documents, want %d", len(docs), len(source.docs))
	}
}

// migrated is what the source database held.
type migrated struct {
	docs []corpus.DocumentRecord
	user users.User // 王老师
}

// fillRunsAndCalls adds to the database at path a run of 王老师, one made
// without users, and calls of 王老师, 李主任 and nobody.
func fillRunsAndCalls(t *testing.T, path string) migrated {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	us, err := db.Users(ctx)
	if err != nil || len(us) != 2 {
		t.Fatalf("Users = %+v, %v", us, err)
	}
	wang := us[0]
	sections := []draft.RunSection{{Seq: 0, Level: 1, Marker: "一、", Heading: "党建", Write: true, Status: "done", Text: "加强党建。"}}
	for _, r := range []draft.Run{{Title: "王老师的总结", Mode: draft.ModeOffline, Owner: wang.ID, Sections: sections}, {Title: "命令行的总结", Mode: draft.ModeOffline}} {
		if _, err := db.CreateRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	base := time.Date(2025, 6, 1, 8, 0, 0, 0, time.UTC)
	for i, c := range []draft.Call{{Purpose: "section:党建", UserID: wang.ID, User: wang.Name}, {Purpose: "outline", UserID: us[1].ID, User: us[1].Name}, {Purpose: "cli"}} {
		c.CreatedAt = base.Add(time.Duration(i) * time.Minute)
		if _, err := db.LogCall(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	upload := corpus.Document{Title: "青禾县教育局2024年上半年工作总结", Org: "青禾县教育局", Year: 2024, Kind: corpus.KindSummary,
		Text: "上半年党建工作扎实推进。", Sections: []corpus.Section{{ID: "1", Level: 1, Marker: "一、", Heading: "党建工作",
			Part: corpus.PartSummary, Category: "党建", Text: "上半年党建工作扎实推进，覆盖学校12所。",
			Figures: []corpus.Figure{{Text: "12所", Value: 12, Unit: "所", Label: "覆盖学校"}}}}}
	p, err := db.PrepareDocument("upload:上半年.txt", "UTF-8", wang.Name, upload)
	if err == nil {
		_, _, err = db.SaveUnindexed(ctx, p)
	}
	if err == nil {
		_, err = db.IndexPending(ctx)
	}
	if err != nil {
		t.Fatal(err)
	}
	docs, err := db.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return migrated{docs: docs, user: wang}
}

// checkMigrated checks that pg holds source's documents, searchable, and
// that 王老师's token works there and his run and call are his.
func checkMigrated(t *testing.T, pg *postgres.DB, source migrated, token string) {
	t.Helper()
	ctx := context.Background()
	checkDocumentsMigrated(t, pg, source.docs)
	u, err := (&users.Service{Store: pg}).Authenticate(ctx, token)
	if err != nil || u.Name != "王老师" {
		t.Fatalf("王老师's token on the copy: %+v, %v", u, err)
	}
	var mine []string
	for id := int64(1); id <= 2; id++ {
		r, err := pg.GetRun(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if r.Owner == u.ID {
			mine = append(mine, r.Title)
			if len(r.Sections) != 1 || r.Sections[0].Text != "加强党建。" {
				t.Errorf("王老师's run has sections %+v", r.Sections)
			}
		}
	}
	if len(mine) != 1 || mine[0] != "王老师的总结" {
		t.Errorf("runs of 王老师 on the copy: %v", mine)
	}
	if calls, err := pg.CallsBy(ctx, u.ID, 0); err != nil || len(calls) != 1 || calls[0].Purpose != "section:党建" {
		t.Errorf("CallsBy(王老师) on the copy = %+v, %v", calls, err)
	}
}

// checkDocumentsMigrated checks that pg holds want, in order, with their
// metadata, and finds them.
func checkDocumentsMigrated(t *testing.T, pg *postgres.DB, want []corpus.DocumentRecord) {
	t.Helper()
	ctx := context.Background()
	docs, err := pg.Documents(ctx)
	if err != nil || len(docs) != len(want) {
		t.Fatalf("Documents = %d, %v; want %d", len(docs), err, len(want))
	}
	for i, d := range docs {
		s := want[i]
		if d.Title != s.Title || d.Source != s.Source || d.Org != s.Org || d.Year != s.Year || d.Period != s.Period ||
			d.Kind != s.Kind || d.AddedBy != s.AddedBy || d.SectionCount != s.SectionCount {
			t.Errorf("document %d = %+v, want %+v", i, d, s)
		}
	}
	if hits, err := pg.Search(ctx, corpus.SearchQuery{Text: "覆盖学校"}); err != nil || len(hits) == 0 {
		t.Errorf("Search 覆盖学校 on the copy = %d hits, %v", len(hits), err)
	}
	last := docs[len(docs)-1]
	_, sections, err := pg.Document(ctx, last.ID)
	if err != nil || last.AddedBy != "王老师" || len(sections) != 1 || len(sections[0].Figures) != 1 || sections[0].Figures[0].Value != 12 {
		t.Errorf("the uploaded report on the copy: %+v, %+v, %v", last, sections, err)
	}
}

// TestMigrateKeepsTargetUser: a name the target has is kept with its token
// and reported; the source user's drafts go to the target's user of that
// name.
func TestMigrateKeepsTargetUser(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	e := newEnv(t)
	theirs := strings.TrimSpace(mustZJ(t, "user", "add", "王老师", "--db", dsn).stdout)
	ours := strings.TrimSpace(mustZJ(t, "user", "add", "王老师").stdout)
	mustZJ(t, "user", "add", "李主任")
	fillRunsAndCalls(t, e.db)

	r := mustZJ(t, "migrate", "--from", e.db, "--to", dsn)
	if !strings.Contains(r.stdout, "新增用户 1 个，已有 1 个") || !strings.Contains(r.stdout, "保留目标库中的用户（其口令不变）：王老师") {
		t.Errorf("migrate with a name taken: %s", r)
	}
	pg, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	svc := &users.Service{Store: pg}
	u, err := svc.Authenticate(ctx, theirs)
	if err != nil || u.Name != "王老师" {
		t.Fatalf("the target's 王老师: %+v, %v", u, err)
	}
	if _, err := svc.Authenticate(ctx, ours); err == nil {
		t.Error("the source's token of a kept name works on the target")
	}
	// The target's 王老师 may be another person: the source's drafts and
	// calls of 王老师 belong to nobody there.
	if calls, err := pg.CallsBy(ctx, u.ID, 0); err != nil || len(calls) != 0 {
		t.Errorf("calls of the target's 王老师 = %+v, %v; want none of the source's", calls, err)
	}
}

// TestMigrateRefuses: a missing source, a file that is not a Zongjie
// database and an unreachable target are clear errors that change nothing.
func TestMigrateRefuses(t *testing.T) {
	e := newEnv(t)
	mustZJ(t, "docs") // creates the default database
	notDB := e.write(t, "notes.db", []byte("这不是数据库\n"))
	missing := e.path("nowhere/zongjie.db")
	unreachable := "postgres://zongjie@/zongjie?host=" + filepath.Join(e.dir, "no-socket-here")
	tests := []struct {
		name, from, to string
		code           int
		want           string
	}{
		{"missing source", missing, unreachable, exitNotFound, "找不到数据库文件"},
		{"not a Zongjie database", notDB, unreachable, exitInvalid, "不是总结（Zongjie）的数据库"},
		{"unreachable target", e.db, unreachable, exitUnavailable, "无法连接目标数据库"},
		{"target not PostgreSQL", e.db, e.path("other.db"), exitInvalid, "postgres://"},
		{"no --to", e.db, "", exitInvalid, "--to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := snapshot(t, e.db, notDB)
			args := []string{"migrate", "--from", tt.from}
			if tt.to != "" {
				args = append(args, "--to", tt.to)
			}
			r := zj(t, args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q: %s", r.code, tt.code, tt.want, r)
			}
			if after := snapshot(t, e.db, notDB); after != before {
				t.Error("a refused migrate changed a file")
			}
			if _, err := os.Stat(missing); !os.IsNotExist(err) {
				t.Errorf("a refused migrate created %s", missing)
			}
		})
	}
}

// snapshot is the contents of the files at paths, to compare.
func snapshot(t *testing.T, paths ...string) string {
	t.Helper()
	var b strings.Builder
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
