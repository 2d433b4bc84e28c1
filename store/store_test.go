package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/storetest"
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
		storetest.MustSave(t, db, storetest.Fixtures()[0])
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
		storetest.MustSave(t, db, storetest.Fixtures()...)
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

// TestCascadeDelete checks that deleting a document, which only SQL can do
// for now, takes its sections, figures and index rows with it.
func TestCascadeDelete(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	ids := storetest.MustSave(t, db, storetest.Fixtures()[:2]...)

	raw := rawDB(t, path)
	if _, err := raw.Exec(`DELETE FROM documents WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if n := count(t, raw, `SELECT count(*) FROM figures`); n != 1 {
		t.Errorf("%d figures left; want 1 (of the second document)", n)
	}
	if n := count(t, raw, `SELECT count(*) FROM sections_fts`); n != len(storetest.Fixtures()[1].Sections) {
		t.Errorf("%d index rows left; want %d", n, len(storetest.Fixtures()[1].Sections))
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
	docs := storetest.Fixtures()
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
	docs := storetest.Fixtures()
	p, err := store.Prepare("test:a", "UTF-8", docs[1])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
		t.Fatal(err)
	}
	storetest.MustSave(t, db, docs[0]) // a web upload in between, indexed at once
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
