package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/corpus/starter"
	"github.com/zongjie/zongjie/store"
)

// BenchmarkIngest measures ingest end to end — read, decode, parse,
// classify, store with the full-text index, one transaction per document —
// on generated reports: the starter reports with the county renamed, so each
// copy is a new document (about 3,000 characters and 30 sections each).
func BenchmarkIngest(b *testing.B) {
	names, err := fs.Glob(starter.Files, "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatal("no starter reports")
	}
	dir := b.TempDir()
	const perRun = 200
	var files []string
	for i := 0; i < perRun*b.N; i++ {
		data, err := fs.ReadFile(starter.Files, names[i%len(names)])
		if err != nil {
			b.Fatal(err)
		}
		county := fmt.Sprintf("第%d号", i)
		text := strings.Replace(string(data), "教育局", county+"教育局", 1)
		path := filepath.Join(dir, fmt.Sprintf("r%05d.txt", i))
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, path)
	}
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p := corpus.NewParser(corpus.DefaultTaxonomy())
	ctx := context.Background()
	b.ResetTimer()
	sum := ingestAll(ctx, db, p, files, func() {})
	if len(sum.Failed) > 0 {
		b.Fatal(sum.Failed[0].Error)
	}
	added := sum.Added
	b.StopTimer()
	if added != len(files) {
		b.Fatalf("added %d of %d", added, len(files))
	}
	b.ReportMetric(float64(added)/b.Elapsed().Seconds(), "docs/s")
}
