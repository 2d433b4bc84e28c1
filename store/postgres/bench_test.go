package postgres_test

import (
	"context"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/store/storetest"
)

// fill stores 100,000 generated sections (12,500 reports), four writers at
// once, and refreshes the planner's statistics.
func fill(b *testing.B, db *postgres.DB) time.Duration {
	start := time.Now()
	ctx := context.Background()
	g := storetest.NewGenerator(2)
	docs := make(chan corpus.Document)
	go func() {
		for range 100_000 / 8 {
			docs <- g.Document()
		}
		close(docs)
	}()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				if _, _, err := db.SaveDocument(ctx, "bench", "UTF-8", d); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	if err := db.Optimize(ctx); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}

// BenchmarkSearch100k measures Search on 100,000 generated sections, with
// ts_rank ranking the newest 200 matches (what Search does), the newest
// 1,000, and every match. One op is one pass over storetest.BenchQueries;
// p50/p99 are per query.
//
//	go test -tags sqlite_fts5 -run '^$' -bench Search100k -benchtime 5x ./store/postgres/
func BenchmarkSearch100k(b *testing.B) {
	db := open(b, pgtest.DSN(b))
	build := fill(b, db)
	ctx := context.Background()
	for _, v := range []struct {
		name       string
		candidates int
	}{{"search-200-candidates", 200}, {"rank-1000-candidates", 1000}, {"rank-all-matches", 0}} {
		b.Run(v.name, func(b *testing.B) {
			var lat []time.Duration
			hits := 0
			for b.Loop() {
				for _, q := range storetest.BenchQueries {
					start := time.Now()
					h, err := db.SearchCandidates(ctx, q, v.candidates)
					lat = append(lat, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
					hits += len(h)
				}
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / float64(time.Millisecond)
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
			b.ReportMetric(build.Seconds(), "build-s")
		})
	}
}
