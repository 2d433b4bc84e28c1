package draft_test

import (
	"context"
	"sync"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// countingSource serves fixed skeletons and counts the reads of all of them.
type countingSource struct {
	version int64
	ts      []draft.Template
	reads   int
}

func (s *countingSource) Template(_ context.Context, id int64) (draft.Template, error) {
	for _, t := range s.ts {
		if t.ID == id {
			return t, nil
		}
	}
	return draft.Template{}, draft.ErrNoSuchTemplate
}

func (s *countingSource) Templates(_ context.Context, kind string) ([]draft.Template, error) {
	s.reads++
	var out []draft.Template
	for _, t := range s.ts {
		if kind == "" || t.Kind == kind {
			out = append(out, t)
		}
	}
	return out, nil
}

func (s *countingSource) CorpusVersion(context.Context) (int64, error) { return s.version, nil }

func skeleton(id int64, cats ...string) draft.Template {
	t := draft.Template{ID: id, Kind: corpus.KindSummary}
	for i, c := range cats {
		t.Sections = append(t.Sections, draft.TemplateSection{Level: 1, Marker: draft.NumberMarker("一、", i+1), Heading: c + "工作", Part: corpus.PartSummary, Category: c})
	}
	return t
}

func TestTemplateChooserCachesUntilTheCorpusChanges(t *testing.T) {
	ctx := context.Background()
	src := &countingSource{version: 1, ts: []draft.Template{skeleton(1, "党建", "师资")}}
	c := &draft.TemplateChooser{Source: src, Fallback: "其他"}
	first, err := c.Choose(ctx, 0, corpus.KindSummary)
	if err != nil || len(first.Sections) != 2 {
		t.Fatalf("first choice: %+v, %v", first, err)
	}
	if _, err := c.Choose(ctx, 0, corpus.KindSummary); err != nil || src.reads != 1 {
		t.Fatalf("second choice read the corpus again (%d reads, %v)", src.reads, err)
	}
	src.ts = append(src.ts, skeleton(2, "党建", "师资", "安全"), skeleton(3, "安全", "党建"))
	src.version++
	again, err := c.Choose(ctx, 0, corpus.KindSummary)
	if err != nil || src.reads != 2 || len(again.Sections) != 3 {
		t.Fatalf("after a change: %d reads, %+v, %v", src.reads, again, err)
	}
	byID, err := c.Choose(ctx, 3, "")
	if err != nil || byID.ID != 3 || src.reads != 2 {
		t.Fatalf("by id: %+v, %v (%d reads)", byID, err, src.reads)
	}
}

func TestChooseTemplateFallsBackToOtherKinds(t *testing.T) {
	src := &countingSource{version: 1, ts: []draft.Template{skeleton(1, "党建", "师资")}}
	got, err := draft.ChooseTemplate(context.Background(), src, 0, corpus.KindQuarterly, "其他", nil)
	if err != nil || len(got.Sections) != 2 {
		t.Fatalf("quarterly from summaries: %+v, %v", got, err)
	}
	empty, err := draft.ChooseTemplate(context.Background(), &countingSource{}, 0, corpus.KindSummary, "其他", nil)
	if err != nil || empty.Title != "默认结构" {
		t.Fatalf("empty corpus: %+v, %v", empty, err)
	}
}

func TestTemplateChooserMinesOnceForConcurrentMisses(t *testing.T) {
	src := &countingSource{version: 1, ts: []draft.Template{skeleton(1, "党建", "师资")}}
	c := &draft.TemplateChooser{Source: src, Fallback: "其他"}
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Choose(context.Background(), 0, corpus.KindSummary); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if src.reads != 1 {
		t.Errorf("20 concurrent misses read the corpus %d times; want 1", src.reads)
	}
}
