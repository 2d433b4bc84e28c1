package store_test

import (
	"context"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
)

// partyReport is a report with a heading-only 党建 section (its text is in
// its subsection) and a 党建 subsection with text.
func partyReport(title, text string) corpus.Document {
	return corpus.Document{Title: title, Org: "某县教育局", Year: 2022, Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
		Text: title + text,
		Sections: []corpus.Section{
			{ID: "1", Level: 1, Marker: "一、", Heading: "加强党建引领", Part: corpus.PartSummary, Category: "党建"},
			{ID: "1.1", Parent: "1", Level: 2, Marker: "（一）", Heading: "基层组织", Part: corpus.PartSummary, Category: "党建", Text: text},
		}}
}

func saveFrom(t *testing.T, db *store.DB, source string, doc corpus.Document) int64 {
	t.Helper()
	id, _, err := db.SaveDocument(context.Background(), source, "UTF-8", doc)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestOwnReportsRankBeforeBuiltinOnes(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	// The built-in report matches better (党建 three times) and is newer in
	// storage order; the user's own still comes first.
	builtin := saveFrom(t, db, corpus.StarterSource+"01.txt", partyReport("内置县2023年总结", "党建工作扎实，党建品牌突出，党建引领发展。"))
	own := saveFrom(t, db, "我局/2023.txt", partyReport("本局2023年总结", "全年党建工作稳步推进。"))

	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "党建"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 {
		t.Fatalf("%d hits; want the two sections with text: %+v", len(hits), hits)
	}
	if hits[0].DocID != own || hits[0].Builtin || hits[1].DocID != builtin || !hits[1].Builtin {
		t.Errorf("hits = %d (builtin %v), %d (builtin %v); want own %d first", hits[0].DocID, hits[0].Builtin, hits[1].DocID, hits[1].Builtin, own)
	}
	for _, h := range hits {
		if h.Snippet == "" || h.Text == "" {
			t.Errorf("hit %q has an empty snippet", h.Heading)
		}
	}
	// Single characters take the scanning path: the same rules.
	if hits, err = db.Search(ctx, corpus.SearchQuery{Text: "党"}); err != nil || len(hits) != 2 || hits[0].DocID != own {
		t.Errorf("single-character search: %+v, %v", hits, err)
	}

	pool, err := db.Sections(ctx, "党建", "", 0)
	if err != nil || len(pool) != 4 || pool[0].DocID != own || pool[3].DocID != builtin || !pool[3].Builtin {
		t.Errorf("Sections pool order: %+v, %v", pool, err)
	}
}

func TestRemoveDocuments(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/rm.db"
	db := mustOpenAt(t, path)
	ids := mustSave(t, db, fixtures()...)
	v0, _ := db.CorpusVersion(ctx)
	removed, err := db.RemoveDocuments(ctx, []int64{ids[0], 99999})
	if err != nil || len(removed) != 1 || removed[0].ID != ids[0] {
		t.Fatalf("RemoveDocuments = %+v, %v; want the first fixture only", removed, err)
	}
	raw := rawDB(t, path)
	if n := count(t, raw, `SELECT count(*) FROM sections WHERE doc_id = ?`, ids[0]); n != 0 {
		t.Errorf("%d sections left", n)
	}
	if n := count(t, raw, `SELECT count(*) FROM figures f LEFT JOIN sections s ON s.id = f.section_id WHERE s.id IS NULL`); n != 0 {
		t.Errorf("%d figures left", n)
	}
	if hits, _ := db.Search(ctx, corpus.SearchQuery{Text: "主题党日"}); len(hits) != 0 {
		t.Errorf("the removed report is still found: %+v", hits)
	}
	if v, _ := db.CorpusVersion(ctx); v == v0 {
		t.Error("the corpus version did not change")
	}
}

func TestSeeded(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	if seeded, err := db.Seeded(ctx); err != nil || seeded {
		t.Fatalf("a new database: seeded %v, %v", seeded, err)
	}
	if err := db.MarkSeeded(ctx); err != nil {
		t.Fatal(err)
	}
	if seeded, err := db.Seeded(ctx); err != nil || !seeded {
		t.Fatalf("after MarkSeeded: seeded %v, %v", seeded, err)
	}
}
