package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/convert"
	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/corpus/starter"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/store"
)

// BenchmarkIngest measures ingest end to end — read, decode, parse,
// classify, store with the full-text index, one transaction per document —
// on generated reports: copies of a set of reports with the organisation
// renamed so that each copy is a new document. "starter" copies the built-in
// reports (about 3,000 characters and 39 sections each, inline items
// included); "seeds" copies the real reports in ../shared/seeds (about 14
// sections each) when they are present.
func BenchmarkIngest(b *testing.B) {
	b.Run("starter", func(b *testing.B) {
		names, err := fs.Glob(starter.Files, "*.txt")
		if err != nil || len(names) == 0 {
			b.Fatal("no starter reports")
		}
		var texts []string
		for _, n := range names {
			data, err := fs.ReadFile(starter.Files, n)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
		}
		benchIngest(b, texts)
	})
	b.Run("seeds", func(b *testing.B) {
		files, _ := filepath.Glob(filepath.Join(pkgDir, "..", "..", "..", "shared", "seeds", "*.txt"))
		if len(files) == 0 {
			b.Skip("../shared/seeds absent")
		}
		var texts []string
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
		}
		benchIngest(b, texts)
	})
}

func benchIngest(b *testing.B, texts []string) {
	dir := b.TempDir()
	const perRun = 200
	var files []string
	for i := 0; i < perRun*b.N; i++ {
		county := fmt.Sprintf("第%d号", i)
		// Every document of a file gets the mark, so none is a duplicate.
		text := strings.ReplaceAll(texts[i%len(texts)], "教育局", county+"教育局")
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
	svc := &ingest.Service[store.Prepared]{Store: db, Parser: corpus.NewParser(corpus.DefaultTaxonomy()), Reader: convert.New()}
	inputs := make([]ingest.Input, 0, len(files))
	for _, f := range files {
		inputs = append(inputs, ingest.Path(f))
	}
	ctx := context.Background()
	b.ResetTimer()
	rep := ingestAll(ctx, svc, inputs, false, func() {})
	if rep.Failed() > 0 || rep.IndexErr != nil {
		b.Fatalf("%d files failed; index: %v", rep.Failed(), rep.IndexErr)
	}
	added := rep.Added
	if err := db.Optimize(ctx); err != nil { // as the ingest command does
		b.Fatal(err)
	}
	b.StopTimer()
	if added < len(files) {
		b.Fatalf("added %d documents from %d files", added, len(files))
	}
	b.ReportMetric(float64(added)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(len(files))/b.Elapsed().Seconds(), "files/s")
}
