package store_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
)

func TestScratch(t *testing.T) {
	path := os.Getenv("SCRATCH_DB")
	if path == "" {
		t.Skip()
	}
	ctx := context.Background()
	if _, err := os.Stat(path); err != nil {
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		g := newGenerator(2)
		docs := make([]corpus.Document, 100_000/8)
		for i := range docs {
			docs[i] = g.document()
		}
		if err := db.BulkSave(ctx, "bench", docs); err != nil {
			t.Fatal(err)
		}
		db.Optimize(ctx)
		db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
		db.Close()
	}
	db := mustOpenAt(t, path)
	raw := db.SQL()
	queries := []string{
		`SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '"党建"'`,
		`SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '"安全"'`,
		`SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '"特岗 岗教 教师"'`,
		`SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '"课后 后服 服务"'`,
		`SELECT count(*) FROM sections_fts WHERE sections_fts MATCH '{heading}: "安全"'`,
		`SELECT rowid FROM sections_fts WHERE sections_fts MATCH '"安全"' ORDER BY rowid DESC LIMIT 1000`,
		`SELECT rowid, bm25(sections_fts) FROM sections_fts WHERE sections_fts MATCH '"安全"' ORDER BY rowid DESC LIMIT 1`,
		`SELECT rowid, bm25(sections_fts) FROM sections_fts WHERE sections_fts MATCH '"安全"' ORDER BY rowid DESC LIMIT 1000`,
		`SELECT rowid, bm25(sections_fts) FROM sections_fts WHERE sections_fts MATCH '"特岗 岗教 教师"' ORDER BY rowid DESC LIMIT 1`,
		`SELECT rowid, bm25(sections_fts) FROM sections_fts WHERE sections_fts MATCH '"特岗 岗教 教师"' ORDER BY rowid DESC LIMIT 1000`,
	}
	for _, q := range queries {
		var best time.Duration
		n := 0
		for i := 0; i < 5; i++ {
			start := time.Now()
			rows, err := raw.Query(q)
			if err != nil {
				t.Fatal(err)
			}
			n = 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if d := time.Since(start); i == 0 || d < best {
				best = d
			}
		}
		var c int
		raw.QueryRow(q).Scan(&c)
		t.Logf("%8.3f ms rows=%d first=%d  %s", ms(best), n, c, q)
	}
}
