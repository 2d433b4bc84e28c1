package store_test

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
)

// mustOpen opens a store in a fresh temporary directory, closed at cleanup.
func mustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "zongjie.db"))
}

func mustOpenAt(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// rawDB opens path directly, to look at what the store wrote.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", path+"?_foreign_keys=on&_busy_timeout=5000")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func count(tb testing.TB, db *sql.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := db.QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatalf("%s: %v", query, err)
	}
	return n
}

// fixtures are three small reports. Their texts are made up for the tests.
func fixtures() []corpus.Document {
	docs := []corpus.Document{
		{
			Title: "某某县教育局2023年工作总结", Org: "某某县教育局", Year: 2023,
			Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
			Sections: []corpus.Section{
				{ID: "0", Level: 0, Part: corpus.PartPreamble, Category: "总述",
					Text: "2023年，县教育局坚持以党建引领教育高质量发展，全面落实立德树人根本任务。"},
				{ID: "1", Level: 1, Marker: "一、", Heading: "加强党建工作", Part: corpus.PartSummary, Category: "党建",
					Text:    "全面加强学校基层党组织建设，开展主题党日活动，党组织覆盖学校56所。",
					Figures: []corpus.Figure{{Text: "覆盖学校56所", Value: 56, Unit: "所", Label: "党组织覆盖学校"}}},
				{ID: "2", Level: 1, Marker: "二、", Heading: "落实学生资助政策", Part: corpus.PartSummary, Category: "资助",
					Text: "全年发放各类资助资金xx万元，惠及学生1200人次，按照方案第3条要求做到应助尽助。",
					Figures: []corpus.Figure{
						{Text: "xx万元", Unit: "万元", Label: "资助资金", Placeholder: true},
						{Text: "1200人次", Value: 1200, Unit: "人次", Label: "惠及学生"},
					}},
				{ID: "3", Level: 1, Marker: "三、", Heading: "存在问题", Part: corpus.PartProblems, Category: "问题",
					Text: "师资结构不够合理，农村学校教师老龄化问题突出。"},
				{ID: "3.1", Parent: "3", Level: 2, Marker: "（一）", Heading: "安全管理", Part: corpus.PartProblems, Category: "安全",
					Text: "校园安全隐患排查不彻底，防溺水教育仍需加强。"},
			},
		},
		{
			Title: "某某县教育体育局2024年工作计划", Org: "某某县教育体育局", Year: 2024,
			Period: corpus.PeriodAnnual, Kind: corpus.KindPlan,
			Sections: []corpus.Section{
				{ID: "1", Level: 1, Marker: "一、", Heading: "加强师资队伍建设", Part: corpus.PartPlan, Category: "师资",
					Text:    "2024年计划招聘特岗教师166名，开展教师全员培训。",
					Figures: []corpus.Figure{{Text: "招聘特岗教师166名", Value: 166, Unit: "名", Label: "招聘特岗教师"}}},
				{ID: "2", Level: 1, Marker: "二、", Heading: "安全稳定", Part: corpus.PartPlan, Category: "安全",
					Text: "落实校园安全责任制，开展防溺水专项教育，守住安全底线。"},
				{ID: "3", Level: 1, Marker: "三、", Heading: "课后服务", Part: corpus.PartPlan, Category: "双减",
					Text: "推进课后服务全覆盖，巩固双减成果，利用AI助教提升作业设计水平。"},
			},
		},
		{
			Title: "某市教育局工作总结", Org: "某市教育局",
			Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
			Sections: []corpus.Section{
				{ID: "1", Level: 1, Marker: "一、", Heading: "党建引领", Part: corpus.PartSummary, Category: "党建",
					Text: "以高质量党建引领教育事业发展，落实全面从严治党主体责任。"},
				{ID: "2", Level: 1, Marker: "二、", Heading: "下一步工作", Part: corpus.PartPlan, Category: "计划",
					Text: "继续做好学生资助和安全工作。"},
			},
		},
	}
	for i := range docs {
		docs[i].Text = docText(docs[i])
	}
	return docs
}

// docText joins a document's headings and texts the way the parser would.
func docText(d corpus.Document) string {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	for _, s := range d.Sections {
		b.WriteString(s.Marker + s.Heading + "\n" + s.Text + "\n")
	}
	return b.String()
}

// mustSave stores docs and returns their ids.
func mustSave(tb testing.TB, db *store.DB, docs ...corpus.Document) []int64 {
	tb.Helper()
	var ids []int64
	for _, d := range docs {
		id, created, err := db.SaveDocument(context.Background(), "test:"+d.Title, "UTF-8", d)
		if err != nil {
			tb.Fatal(err)
		}
		if !created {
			tb.Fatalf("SaveDocument(%s): created = false", d.Title)
		}
		ids = append(ids, id)
	}
	return ids
}

func TestOpen(t *testing.T) {
	t.Run("MigratesBlankDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "sub", "dir", "zongjie.db") // parents created
		mustOpenAt(t, path)
		raw := rawDB(t, path)
		if n := count(t, raw, `SELECT count(*) FROM migrations WHERE name = '0001_init.sql'`); n != 1 {
			t.Fatalf("0001_init.sql recorded %d times", n)
		}
		var mode string
		if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
			t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
		}
	})

	t.Run("ReopenIsIdempotent", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "zongjie.db")
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, fixtures()[0])
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		// A re-run migration would fail on CREATE TABLE or lose the data.
		db = mustOpenAt(t, path)
		if n, err := db.CountDocuments(context.Background()); err != nil || n != 1 {
			t.Fatalf("CountDocuments after reopen = %d, %v; want 1", n, err)
		}
		files, err := filepath.Glob("migrations/*.sql")
		if err != nil || len(files) == 0 {
			t.Fatal("no migrations found", err)
		}
		raw := rawDB(t, path)
		if n := count(t, raw, `SELECT count(*) FROM migrations`); n != len(files) {
			t.Fatalf("%d migrations recorded; want %d", n, len(files))
		}
	})

	t.Run("Migration0004ReindexesSections", func(t *testing.T) {
		// A database from before 0004: its index used unicode61. 0004
		// replaces the table, and only its Go hook can fill it again.
		path := filepath.Join(t.TempDir(), "zongjie.db")
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		mustSave(t, db, fixtures()...)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		raw := rawDB(t, path)
		for _, q := range []string{
			`DROP TABLE sections_fts`,
			`CREATE VIRTUAL TABLE sections_fts USING fts5 (heading, text, content = '', contentless_delete = 1, tokenize = 'unicode61')`,
			`DELETE FROM migrations WHERE name = '0004_fts_ascii.sql'`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatal(q, err)
			}
		}
		raw.Close()

		db = mustOpenAt(t, path)
		for query, want := range map[string]int{"资助": 2, "特岗教师": 1, "ai": 1, "党建": 3} {
			hits, err := db.Search(context.Background(), corpus.SearchQuery{Text: query})
			if err != nil || len(hits) != want {
				t.Errorf("Search(%q) after migration = %d hits, %v; want %d", query, len(hits), err, want)
			}
		}
		var sql string
		if err := db.SQL().QueryRow(`SELECT sql FROM sqlite_master WHERE name = 'sections_fts'`).Scan(&sql); err != nil || !strings.Contains(sql, "'ascii'") {
			t.Errorf("sections_fts = %q, %v; want the ascii tokenizer", sql, err)
		}
	})

	t.Run("Pragmas", func(t *testing.T) {
		db := mustOpen(t)
		for pragma, want := range map[string]int{"foreign_keys": 1, "busy_timeout": 10000, "synchronous": 1, "wal_autocheckpoint": 10000} {
			var got int
			if err := db.SQL().QueryRow(`PRAGMA ` + pragma).Scan(&got); err != nil || got != want {
				t.Errorf("PRAGMA %s = %d, %v; want %d", pragma, got, err, want)
			}
		}
	})

	t.Run("EmptyPath", func(t *testing.T) {
		if db, err := store.Open(""); err == nil {
			db.Close()
			t.Fatal(`Open("") succeeded`)
		}
	})

	t.Run("FTS5", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "zongjie.db")
		mustOpenAt(t, path)
		raw := rawDB(t, path)
		if _, err := raw.Exec(`CREATE VIRTUAL TABLE temp.probe USING fts5(x)`); err != nil {
			t.Fatalf("FTS5 unavailable (build with -tags sqlite_fts5 and CGO_ENABLED=1): %v", err)
		}
	})
}

func TestSaveDocument(t *testing.T) {
	ctx := context.Background()

	t.Run("SameTextIsNoOp", func(t *testing.T) {
		db := mustOpen(t)
		doc := fixtures()[0]
		id, created, err := db.SaveDocument(ctx, "a.txt", "GBK", doc)
		if err != nil || !created {
			t.Fatalf("first save: created = %v, %v", created, err)
		}
		doc.Title = "another title, same text"
		id2, created, err := db.SaveDocument(ctx, "b.txt", "UTF-8", doc)
		if err != nil || created || id2 != id {
			t.Fatalf("second save = %d, %v, %v; want %d, false, nil", id2, created, err, id)
		}
		docs, err := db.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Source != "a.txt" || docs[0].SectionCount != len(doc.Sections) {
			t.Fatalf("Documents = %+v; want the first save only", docs)
		}
	})

	t.Run("FailureLeavesNothing", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "zongjie.db")
		db := mustOpenAt(t, path)
		doc := fixtures()[0]
		// The last section fails, after the document, its other sections,
		// their index rows and figures were written.
		last := &doc.Sections[len(doc.Sections)-1]
		last.Figures = []corpus.Figure{{Text: "NaN", Value: math.NaN()}}
		if _, _, err := db.SaveDocument(ctx, "bad.txt", "UTF-8", doc); err == nil {
			t.Fatal("SaveDocument with a NaN figure succeeded")
		}
		raw := rawDB(t, path)
		for _, table := range []string{"documents", "sections", "figures", "sections_fts"} {
			if n := count(t, raw, `SELECT count(*) FROM `+table); n != 0 {
				t.Errorf("%d rows left in %s", n, table)
			}
		}
		if hits, err := db.Search(ctx, corpus.SearchQuery{Text: "党建"}); err != nil || len(hits) != 0 {
			t.Errorf("Search after failed save = %d hits, %v", len(hits), err)
		}
	})

	t.Run("CancelledContext", func(t *testing.T) {
		db := mustOpen(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := db.SaveDocument(cctx, "a.txt", "UTF-8", fixtures()[0]); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v; want context.Canceled", err)
		}
		if n, err := db.CountDocuments(ctx); err != nil || n != 0 {
			t.Fatalf("CountDocuments = %d, %v; want 0", n, err)
		}
	})

	t.Run("EmptyTextRejected", func(t *testing.T) {
		db := mustOpen(t)
		if _, _, err := db.SaveDocument(ctx, "a.txt", "UTF-8", corpus.Document{Title: "空"}); err == nil {
			t.Fatal("SaveDocument without text succeeded")
		}
	})
}

func TestDocument(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := fixtures()
	ids := mustSave(t, db, docs...)

	t.Run("RoundTrip", func(t *testing.T) {
		for i, id := range ids {
			rec, sections, err := db.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := docs[i]
			if rec.ID != id || rec.Title != want.Title || rec.Org != want.Org || rec.Year != want.Year ||
				rec.Period != want.Period || rec.Kind != want.Kind || rec.SectionCount != len(want.Sections) ||
				rec.Source != "test:"+want.Title || rec.Encoding != "UTF-8" || rec.CreatedAt.IsZero() {
				t.Errorf("record = %+v; want %s", rec, want.Title)
			}
			if !reflect.DeepEqual(sections, want.Sections) {
				t.Errorf("sections of %s:\n got %+v\nwant %+v", want.Title, sections, want.Sections)
			}
		}
	})

	t.Run("PlaceholderHasNoValue", func(t *testing.T) {
		_, sections, err := db.Document(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		f := sections[2].Figures[0]
		if !f.Placeholder || f.Value != 0 || f.Text != "xx万元" {
			t.Fatalf("placeholder figure = %+v", f)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		if _, _, err := db.Document(ctx, 999); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("err = %v; want ErrNotFound", err)
		}
	})

	t.Run("Documents", func(t *testing.T) {
		recs, err := db.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(docs) {
			t.Fatalf("%d documents; want %d", len(recs), len(docs))
		}
		for i, r := range recs {
			if r.ID != ids[i] || r.SectionCount != len(docs[i].Sections) {
				t.Errorf("Documents[%d] = %+v", i, r)
			}
		}
		if n, err := db.CountDocuments(ctx); err != nil || n != len(docs) {
			t.Errorf("CountDocuments = %d, %v", n, err)
		}
	})
}

func TestSections(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	mustSave(t, db, fixtures()...)

	tests := map[string]struct {
		category, part string
		limit          int
		want           []string // headings, in order
	}{
		"Category":        {category: "安全", want: []string{"安全稳定", "安全管理"}}, // 2024 before 2023
		"CategoryAndPart": {category: "安全", part: corpus.PartProblems, want: []string{"安全管理"}},
		"Limit":           {category: "党建", limit: 1, want: []string{"加强党建工作"}},
		"UnknownYearLast": {category: "党建", want: []string{"加强党建工作", "党建引领"}},
		"None":            {category: "无此类别"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			recs, err := db.Sections(ctx, tt.category, tt.part, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Heading)
				if r.Category != tt.category || r.DocTitle == "" || r.SectionID == 0 {
					t.Errorf("record = %+v", r)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("headings = %q; want %q", got, tt.want)
			}
		})
	}

	t.Run("Figures", func(t *testing.T) {
		recs, err := db.Sections(ctx, "师资", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 || len(recs[0].Figures) != 1 || recs[0].Figures[0].Value != 166 {
			t.Fatalf("师资 sections = %+v", recs)
		}
	})
}

// TestCascadeDelete checks that deleting a document, which only SQL can do
// for now, takes its sections, figures and index rows with it.
func TestCascadeDelete(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	ids := mustSave(t, db, fixtures()[:2]...)

	raw := rawDB(t, path)
	if _, err := raw.Exec(`DELETE FROM documents WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if n := count(t, raw, `SELECT count(*) FROM figures`); n != 1 {
		t.Errorf("%d figures left; want 1 (of the second document)", n)
	}
	if n := count(t, raw, `SELECT count(*) FROM sections_fts`); n != len(fixtures()[1].Sections) {
		t.Errorf("%d index rows left; want %d", n, len(fixtures()[1].Sections))
	}
	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "资助"})
	if err != nil || len(hits) != 0 {
		t.Fatalf("Search(资助) after delete = %d hits, %v; want none", len(hits), err)
	}
}

func TestSaveUnindexedAndIndexPending(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := fixtures()
	hits := func(db *store.DB, q string) int {
		t.Helper()
		h, err := db.Search(ctx, corpus.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		return len(h)
	}
	for _, d := range docs[:2] {
		p, err := store.Prepare("test:"+d.Title, "UTF-8", d)
		if err != nil {
			t.Fatal(err)
		}
		if _, created, err := db.SaveUnindexed(ctx, p); err != nil || !created {
			t.Fatalf("SaveUnindexed(%s) = %v, %v", d.Title, created, err)
		}
	}
	if n := hits(db, "特岗教师"); n != 0 {
		t.Errorf("search found %d unindexed sections", n)
	}
	if n, err := db.IndexPending(ctx); err != nil || n != 8 {
		t.Fatalf("IndexPending = %d, %v; want the 8 sections of two documents", n, err)
	}
	if n := hits(db, "特岗教师"); n != 1 {
		t.Errorf("search after IndexPending found %d sections; want 1", n)
	}
	if n, err := db.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("second IndexPending = %d, %v; want 0", n, err)
	}

	// An ingest interrupted before IndexPending: the next Open indexes.
	p, err := store.Prepare("test:"+docs[2].Title, "UTF-8", docs[2])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
		t.Fatal(err)
	}
	if n := hits(db, "高质量党建"); n != 0 {
		t.Errorf("search found %d unindexed sections", n)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = mustOpenAt(t, path)
	if n := hits(db, "高质量党建"); n != 1 {
		t.Errorf("search after reopening found %d sections; want 1", n)
	}
	// Every section is in the index exactly once.
	var indexed, sections int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM sections_fts_docsize`).Scan(&indexed); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow(`SELECT count(*) FROM sections`).Scan(&sections); err != nil {
		t.Fatal(err)
	}
	if indexed != sections {
		t.Errorf("%d index rows for %d sections", indexed, sections)
	}
}

func TestSaveDocumentIndexesEarlierPendingSections(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := fixtures()
	p, err := store.Prepare("test:a", "UTF-8", docs[1])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
		t.Fatal(err)
	}
	mustSave(t, db, docs[0]) // a web upload in between, indexed at once
	for q, want := range map[string]int{"特岗教师": 1, "资助": 1} {
		h, err := db.Search(ctx, corpus.SearchQuery{Text: q})
		if err != nil || len(h) != want {
			t.Errorf("Search(%q) = %d hits, %v; want %d", q, len(h), err, want)
		}
	}
	if n, err := db.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("IndexPending after SaveDocument = %d, %v; want 0 (nothing indexed twice)", n, err)
	}
}
