package draft_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// poolSource counts reads and can fail them.
type poolSource struct {
	version atomic.Int64
	reads   atomic.Int64
	fail    atomic.Bool
}

func (s *poolSource) Sections(_ context.Context, category, part string, limit int) ([]corpus.SectionRecord, error) {
	s.reads.Add(1)
	if s.fail.Load() {
		return nil, errors.New("store down")
	}
	out := make([]corpus.SectionRecord, 2, 10) // spare capacity, as a store's append leaves
	for i := range out {
		out[i].Category, out[i].Part, out[i].Text = category, part, "text"
	}
	return out, nil
}

func (s *poolSource) CorpusVersion(context.Context) (int64, error) { return s.version.Load(), nil }

func TestSectionCacheReadsEachPoolOncePerVersion(t *testing.T) {
	ctx := context.Background()
	src := &poolSource{}
	c := &draft.SectionCache{Source: src}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			secs, err := c.Sections(ctx, "师资", "summary", 2000)
			if err != nil || len(secs) != 2 {
				t.Errorf("Sections = %d, %v", len(secs), err)
			}
			// Appending must not write into the shared pool.
			var mine corpus.SectionRecord
			mine.Text = "mine"
			_ = append(secs, mine)
		}()
	}
	wg.Wait()
	if n := src.reads.Load(); n != 1 {
		t.Errorf("20 concurrent calls read the store %d times; want 1", n)
	}
	c.Sections(ctx, "师资", "", 2000)
	if n := src.reads.Load(); n != 2 {
		t.Errorf("another pool: %d reads; want 2", n)
	}
	src.version.Add(1)
	c.Sections(ctx, "师资", "summary", 2000)
	if n := src.reads.Load(); n != 3 {
		t.Errorf("after a corpus change: %d reads; want 3", n)
	}
}

func TestSectionCacheDoesNotKeepErrors(t *testing.T) {
	ctx := context.Background()
	src := &poolSource{}
	c := &draft.SectionCache{Source: src}
	src.fail.Store(true)
	if _, err := c.Sections(ctx, "安全", "", 10); err == nil {
		t.Fatal("no error from a failing store")
	}
	src.fail.Store(false)
	if secs, err := c.Sections(ctx, "安全", "", 10); err != nil || len(secs) != 2 {
		t.Fatalf("after the store recovered: %d, %v", len(secs), err)
	}
}
