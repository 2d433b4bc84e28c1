package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/storetest"
)

func BenchmarkSaveDocument(b *testing.B) {
	ctx := context.Background()
	db := mustOpen(b)
	g := storetest.NewGenerator(1)
	docs := make([]corpus.Document, b.N)
	for i := range docs {
		docs[i] = g.Document()
	}
	b.ResetTimer()
	for _, d := range docs {
		if _, _, err := db.SaveDocument(ctx, "bench", "UTF-8", d); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// bench100k is the 100,000-section database, built once per test binary.
var bench100k struct {
	once  sync.Once
	dir   string
	path  string
	build time.Duration
	err   error
}

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	code := m.Run()
	if bench100k.dir != "" {
		os.RemoveAll(bench100k.dir)
	}
	os.Exit(code)
}

func open100k(b *testing.B) (*store.DB, string) {
	b.Helper()
	bench100k.once.Do(func() {
		bench100k.dir, bench100k.err = os.MkdirTemp("", "zongjie-bench-")
		if bench100k.err != nil {
			return
		}
		bench100k.path = filepath.Join(bench100k.dir, "100k.db")
		start := time.Now()
		db, err := store.Open(bench100k.path)
		if err != nil {
			bench100k.err = err
			return
		}
		defer db.Close()
		g := storetest.NewGenerator(2)
		docs := make([]corpus.Document, 100_000/8)
		for i := range docs {
			docs[i] = g.Document()
		}
		ctx := context.Background()
		if bench100k.err = db.BulkSave(ctx, "bench", docs); bench100k.err != nil {
			return
		}
		if bench100k.err = db.Optimize(ctx); bench100k.err != nil {
			return
		}
		if _, bench100k.err = db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); bench100k.err != nil {
			return
		}
		bench100k.build = time.Since(start)
		// Flush the 190 MB now rather than while searches are timed.
		bench100k.err = syncFile(bench100k.path)
		if bench100k.err == nil {
			bench100k.err = checkRecall(ctx, db)
		}
	})
	if bench100k.err != nil {
		b.Fatal(bench100k.err)
	}
	return mustOpenAt(b, bench100k.path), bench100k.path
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// checkRecall makes sure the index finds exactly the sections a LIKE scan
// finds, so the speed-up is not bought with missed hits.
func checkRecall(ctx context.Context, db *store.DB) error {
	for _, q := range storetest.BenchQueries {
		match, _ := store.ParseQuery(q.Text)
		var fts, like int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?`, match).Scan(&fts); err != nil {
			return err
		}
		query, args := likeQuery(corpus.SearchQuery{Text: q.Text}, `count(*)`, ``)
		if err := db.SQL().QueryRowContext(ctx, query, args...).Scan(&like); err != nil {
			return err
		}
		if fts != like {
			return fmt.Errorf("%s: index finds %d sections, LIKE finds %d", q.Text, fts, like)
		}
	}
	return nil
}

// likeQuery returns the LIKE baseline of q: the same filters, a substring
// scan of heading and text instead of the index.
func likeQuery(q corpus.SearchQuery, selectList, tail string) (string, []any) {
	query := `SELECT ` + selectList + ` FROM sections s JOIN documents d ON d.id = s.doc_id
		WHERE (s.heading LIKE ? OR s.text LIKE ?)`
	pat := "%" + q.Text + "%"
	args := []any{pat, pat}
	if q.Category != "" {
		query, args = query+` AND s.category = ?`, append(args, q.Category)
	}
	if q.Part != "" {
		query, args = query+` AND s.part = ?`, append(args, q.Part)
	}
	if q.Org != "" {
		query, args = query+` AND instr(d.org, ?) > 0`, append(args, q.Org)
	}
	if q.Year != 0 {
		query, args = query+` AND d.year = ?`, append(args, q.Year)
	}
	return query + tail, args
}

// latencies collects per-query times and reports their percentiles.
type latencies []time.Duration

func (l latencies) percentile(p float64) time.Duration {
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// medians of the variants measured so far in this run, for the speed-up ratios.
var benchMedians sync.Map

// BenchmarkSearch100k measures Search on 100,000 generated sections against
// bm25 over every match and against LIKE scans. One op is one pass over
// storetest.BenchQueries; p50/p99 are per query.
func BenchmarkSearch100k(b *testing.B) {
	db, path := open100k(b)
	ctx := context.Background()
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}

	run := func(name string, query func(corpus.SearchQuery) (int, error)) {
		b.Run(name, func(b *testing.B) {
			var lat latencies
			hits := 0
			for i := 0; i < b.N; i++ {
				for _, q := range storetest.BenchQueries {
					start := time.Now()
					n, err := query(q)
					lat = append(lat, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
					hits += n
				}
			}
			p50 := lat.percentile(0.50)
			benchMedians.Store(name, p50)
			b.ReportMetric(ms(p50), "p50-ms")
			b.ReportMetric(ms(lat.percentile(0.99)), "p99-ms")
			b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
			if name == "search" {
				b.ReportMetric(float64(size)/(1<<20), "db-MB")
				b.ReportMetric(bench100k.build.Seconds(), "build-s")
			}
			if fts, ok := benchMedians.Load("search"); ok && name != "search" {
				b.ReportMetric(ms(p50)/ms(fts.(time.Duration)), "x-search-p50")
			}
		})
	}
	searchWith := func(candidates int) func(corpus.SearchQuery) (int, error) {
		return func(q corpus.SearchQuery) (int, error) {
			hits, err := db.SearchCandidates(ctx, q, candidates)
			return len(hits), err
		}
	}
	run("search", func(q corpus.SearchQuery) (int, error) {
		hits, err := db.Search(ctx, q)
		return len(hits), err
	})
	run("bm25-1000-candidates", searchWith(1000))
	run("bm25-all-matches", searchWith(0))
	// The floor under any bm25 ranking: bm25 counts every match of every
	// phrase once per query for its IDF, which costs about this much.
	run("fts-count-only", func(q corpus.SearchQuery) (int, error) {
		match, _ := store.ParseQuery(q.Text)
		var n int
		err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?`, match).Scan(&n)
		return n, err
	})
	run("like-limit10", func(q corpus.SearchQuery) (int, error) {
		query, args := likeQuery(q, `s.id`, ` LIMIT 10`)
		rows, err := db.SQL().QueryContext(ctx, query, args...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		return n, rows.Err()
	})
	run("like-count", func(q corpus.SearchQuery) (int, error) {
		query, args := likeQuery(q, `count(*)`, ``)
		var n int
		err := db.SQL().QueryRowContext(ctx, query, args...).Scan(&n)
		return n, err
	})
}
