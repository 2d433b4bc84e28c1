// Package bench_test measures both stores side by side in one run: search
// latency at 100,000 and 1,000,000 sections and ingest speed, on SQLite
// (package store) and PostgreSQL (package store/postgres).
//
//	ZONGJIE_BENCH_DIR=/var/tmp/zongjie-bench go test -tags sqlite_fts5 -run '^$' -bench . ./store/bench/
//	ZONGJIE_BENCH_DIR=/var/tmp/zongjie-bench go test -tags sqlite_fts5 -run '^$' -bench 'Search/1M' ./store/bench/
//
// The fixtures are built once with each store's BulkLoad (the rows and the
// index SaveDocument writes; TestBulkLoadMatchesSaveDocument checks that)
// and kept in ZONGJIE_BENCH_DIR; the 1,000,000-section ones only when the
// -bench pattern names 1M or ZONGJIE_BENCH_1M is set.
package bench_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/store/storetest"
	"github.com/zongjie/zongjie/store/textindex"
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	teardown()
	pgtest.Stop()
	os.Exit(code)
}

// searcher is what the search benchmark needs of a store.
type searcher interface {
	Search(ctx context.Context, q corpus.SearchQuery) ([]corpus.SearchHit, error)
}

// engine opens one store's fixture of a size.
type engine struct {
	name string
	open func(tb testing.TB, sections int) searcher
}

var engines = []engine{
	{"sqlite", func(tb testing.TB, n int) searcher { return sqliteFixture(tb, n) }},
	{"postgres", func(tb testing.TB, n int) searcher { return pgFixture(tb, n) }},
}

// queryClasses are the kinds of search measured: frequent terms (in a
// third or more of all sections), rare ones (in none, 0.2% and 0.03% of
// the sections), filtered queries, and the mix of storetest.BenchQueries
// that earlier measurements used.
var queryClasses = []struct {
	name    string
	queries []corpus.SearchQuery
}{
	{"frequent", []corpus.SearchQuery{{Text: "安全"}, {Text: "党建"}, {Text: "教育"}}},
	{"rare", []corpus.SearchQuery{{Text: "研学旅行"}, {Text: "499名"}, {Text: "137万元 幼小衔接"}}},
	{"filtered", []corpus.SearchQuery{{Text: "安全", Category: "安全"}, {Text: "师资", Year: 2023},
		{Text: "课后服务", Part: corpus.PartPlan}, {Text: "党建", Org: "东山"}}},
	{"mix", storetest.BenchQueries},
}

// want1M reports whether the 1,000,000-section fixtures are asked for.
func want1M() bool {
	if os.Getenv(env1M) != "" {
		return true
	}
	f := flag.Lookup("test.bench")
	return f != nil && strings.Contains(f.Value.String(), "1M")
}

// BenchmarkSearch runs each query class on each engine, the engines next
// to each other, at 100,000 sections and (when asked for) 1,000,000. One
// op is one pass over the class's queries; p50/p99 are per query.
func BenchmarkSearch(b *testing.B) {
	for _, size := range []struct {
		name     string
		sections int
	}{{"100k", 100_000}, {"1M", 1_000_000}} {
		b.Run(size.name, func(b *testing.B) {
			if size.sections > 100_000 && !want1M() {
				b.Skip(errSkip1M)
			}
			dbs := make([]searcher, len(engines))
			for i, e := range engines {
				dbs[i] = e.open(b, size.sections)
			}
			if err := sameMatches(dbs); err != nil {
				b.Fatal(err)
			}
			for _, c := range queryClasses {
				for i, e := range engines {
					b.Run(c.name+"/"+e.name, func(b *testing.B) { searchBench(b, dbs[i], c.queries) })
				}
			}
		})
	}
}

// searchBench times each query of qs on db, b.N passes.
func searchBench(b *testing.B, db searcher, qs []corpus.SearchQuery) {
	ctx := context.Background()
	var lat []time.Duration
	hits := 0
	for b.Loop() {
		for _, q := range qs {
			start := time.Now()
			h, err := db.Search(ctx, q)
			lat = append(lat, time.Since(start))
			if err != nil {
				b.Fatal(err)
			}
			hits += len(h)
		}
	}
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
}

// ingester is what the ingest benchmark needs of a store.
type ingester interface {
	PrepareDocument(source, encoding, addedBy string, doc corpus.Document) (textindex.Prepared, error)
	SaveUnindexed(ctx context.Context, p textindex.Prepared) (int64, bool, error)
	IndexPending(ctx context.Context) (int, error)
	Optimize(ctx context.Context) error
}

// BenchmarkIngest stores b.N generated reports (eight sections each) into
// an empty database the way `zongjie ingest` does: each in its own
// transaction, the full-text index built every 200 reports and at the end,
// then Optimize; with one writer and with four at once.
func BenchmarkIngest(b *testing.B) {
	for _, writers := range []int{1, 4} {
		for _, name := range []string{"sqlite", "postgres"} {
			b.Run(fmt.Sprintf("writers-%d/%s", writers, name), func(b *testing.B) {
				var db ingester
				if name == "sqlite" {
					s, err := store.Open(b.TempDir() + "/ingest.db")
					if err != nil {
						b.Fatal(err)
					}
					b.Cleanup(func() { s.Close() })
					db = s
				} else {
					p, err := postgres.Open(newPGDatabase(b, "ingest"))
					if err != nil {
						b.Fatal(err)
					}
					b.Cleanup(func() { p.Close() })
					db = p
				}
				ingestBench(b, db, writers)
			})
		}
	}
}

// ingestBench stores b.N generated documents with writers goroutines.
func ingestBench(b *testing.B, db ingester, writers int) {
	ctx := context.Background()
	g := storetest.NewGenerator(3)
	docs := make([]textindex.Prepared, b.N)
	for i := range docs {
		p, err := db.PrepareDocument("bench", "UTF-8", "", g.Document())
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = p
	}
	b.ResetTimer()
	next := make(chan textindex.Prepared)
	errs := make(chan error, b.N+1)
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for range writers {
		wg.Go(func() {
			for p := range next {
				if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
					errs <- err
					continue // keep taking documents, so the sender never blocks
				}
				mu.Lock()
				stored++
				due := stored%200 == 0
				mu.Unlock()
				if due {
					if _, err := db.IndexPending(ctx); err != nil {
						errs <- err
					}
				}
			}
		})
	}
	for _, p := range docs {
		next <- p
	}
	close(next)
	wg.Wait()
	if _, err := db.IndexPending(ctx); err != nil {
		b.Fatal(err)
	}
	if err := db.Optimize(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
