package storetest

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// Concurrently has many goroutines write through the stores at once (give
// two handles on one database to stand for two processes): each saves the
// same shared reports and reports of its own, logs calls and saves a run.
// Nothing may fail, be lost or be stored twice.
func Concurrently(t *testing.T, stores ...Store) {
	const workers, own = 8, 3
	ctx := context.Background()
	shared := Fixtures()
	var wg sync.WaitGroup
	errs := make(chan error, workers*64)
	created := make(chan string, workers*(own+len(shared)))
	for w := range workers {
		db := stores[w%len(stores)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- concurrentWork(ctx, db, w, own, shared, created)
		}()
	}
	wg.Wait()
	close(errs)
	close(created)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	n := len(created)
	db := stores[0]
	docs, err := db.Documents(ctx)
	if want := workers*own + len(shared); err != nil || len(docs) != want || n != want {
		t.Fatalf("%d documents stored, %d created, %v; want %d: the shared reports once each", len(docs), n, err, want)
	}
	if calls, err := db.Calls(ctx, 0); err != nil || len(calls) != workers*own {
		t.Fatalf("%d calls logged, %v; want %d", len(calls), err, workers*own)
	}
	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "并发专项", Limit: 1000})
	if err != nil || len(hits) != workers*own {
		t.Fatalf("Search(并发专项) = %d hits, %v; want %d", len(hits), err, workers*own)
	}
}

// concurrentWork is one writer's share of Concurrently; it reports the
// titles of the documents it created on created.
func concurrentWork(ctx context.Context, db Store, w, own int, shared []corpus.Document, created chan<- string) error {
	run := sampleRun()
	runID, err := db.CreateRun(ctx, run)
	if err != nil {
		return err
	}
	for i := range own {
		doc := corpus.Document{Title: fmt.Sprintf("并发%d-%d", w, i), Org: "某县教育局", Year: 2024, Kind: corpus.KindSummary,
			Sections: []corpus.Section{{ID: "1", Level: 1, Heading: "并发专项", Category: "其他", Text: fmt.Sprintf("写入者%d第%d篇并发专项工作。", w, i)}}}
		doc.Text = DocText(doc)
		for _, d := range append([]corpus.Document{doc}, shared[(w+i)%len(shared)]) {
			_, isNew, err := db.SaveDocument(ctx, "concurrent", "UTF-8", d)
			if err != nil {
				return err
			}
			if isNew {
				created <- d.Title
			}
		}
		if _, err := db.LogCall(ctx, draft.Call{Purpose: fmt.Sprintf("section:%d-%d", w, i), Model: "m"}); err != nil {
			return err
		}
		s := run.Sections[0]
		s.Status, s.Text = "done", fmt.Sprintf("第%d次", i)
		if err := db.SaveRunSection(ctx, runID, s); err != nil {
			return err
		}
	}
	got, err := db.GetRun(ctx, runID)
	if err == nil && (len(got.Sections) != 2 || got.Sections[0].Text != fmt.Sprintf("第%d次", own-1)) {
		err = fmt.Errorf("run %d lost a write: %+v", runID, got.Sections)
	}
	return err
}
