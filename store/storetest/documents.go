package storetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

func testSaveDocument(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	t.Run("SameTextIsNoOp", func(t *testing.T) {
		db := open(t)
		doc := Fixtures()[0]
		id, created, err := db.SaveDocument(ctx, "a.txt", "GBK", doc)
		if err != nil || !created {
			t.Fatalf("first save: created = %v, %v", created, err)
		}
		doc.Title = "another title, same text"
		id2, created, err := db.SaveDocument(ctx, "b.txt", "UTF-8", doc)
		if err != nil || created || id2 != id {
			t.Fatalf("second save = %d, %v, %v; want %d, false, nil", id2, created, err, id)
		}
		docs, err := db.Documents(ctx)
		if err != nil || len(docs) != 1 || docs[0].Source != "a.txt" || docs[0].SectionCount != len(doc.Sections) {
			t.Fatalf("Documents = %+v, %v; want the first save only", docs, err)
		}
	})
	t.Run("FailureLeavesNothing", func(t *testing.T) {
		db := open(t)
		doc := Fixtures()[0]
		// The last section breaks a constraint, after the document and its
		// other sections were written.
		doc.Sections[len(doc.Sections)-1].Level = -1
		if _, _, err := db.SaveDocument(ctx, "bad.txt", "UTF-8", doc); err == nil {
			t.Fatal("SaveDocument of a bad section succeeded")
		}
		if n, err := db.CountDocuments(ctx); err != nil || n != 0 {
			t.Errorf("CountDocuments = %d, %v after a failed save", n, err)
		}
		if hits, err := db.Search(ctx, corpus.SearchQuery{Text: "党建"}); err != nil || len(hits) != 0 {
			t.Errorf("Search after failed save = %d hits, %v", len(hits), err)
		}
	})
	t.Run("NoSections", func(t *testing.T) {
		db := open(t)
		id, created, err := db.SaveDocument(ctx, "a.txt", "UTF-8", corpus.Document{Title: "只有正文", Text: "只有正文"})
		if err != nil || !created {
			t.Fatalf("SaveDocument without sections = %d, %v, %v", id, created, err)
		}
		if rec, sections, err := db.Document(ctx, id); err != nil || rec.SectionCount != 0 || len(sections) != 0 {
			t.Fatalf("Document = %+v, %d sections, %v", rec, len(sections), err)
		}
	})
	t.Run("LongSection", func(t *testing.T) {
		// Beyond what PostgreSQL keeps of a vector: 16,383 positions, 256 a token.
		db := open(t)
		text := strings.Repeat("教育教学质量稳步提升。", 3000) + "末尾资助"
		doc := corpus.Document{Title: "长文", Text: text, Sections: []corpus.Section{{ID: "1", Level: 1, Heading: "长段", Category: "其他", Text: text}}}
		if _, _, err := db.SaveDocument(ctx, "long.txt", "UTF-8", doc); err != nil {
			t.Fatal(err)
		}
		for _, term := range []string{"资助", "教学"} {
			if hits, err := db.Search(ctx, corpus.SearchQuery{Text: term}); err != nil || len(hits) != 1 {
				t.Errorf("Search(%s) in a long section = %d hits, %v", term, len(hits), err)
			}
		}
	})
	t.Run("CancelledContext", func(t *testing.T) {
		db := open(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := db.SaveDocument(cctx, "a.txt", "UTF-8", Fixtures()[0]); !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v; want context.Canceled", err)
		}
		if n, err := db.CountDocuments(ctx); err != nil || n != 0 {
			t.Fatalf("CountDocuments = %d, %v; want 0", n, err)
		}
	})
	t.Run("EmptyTextRejected", func(t *testing.T) {
		db := open(t)
		if _, _, err := db.SaveDocument(ctx, "a.txt", "UTF-8", corpus.Document{Title: "空"}); err == nil {
			t.Fatal("SaveDocument without text succeeded")
		}
		if _, _, err := db.SaveUnindexed(ctx, textindex.Prepared{}); err == nil {
			t.Fatal("SaveUnindexed of an unprepared document succeeded")
		}
	})
}

func testDocument(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	ids := MustSave(t, db, docs...)
	for i, id := range ids {
		checkDocument(t, db, id, docs[i])
	}
	if _, _, err := db.Document(ctx, 999); !errors.Is(err, textindex.ErrNotFound) {
		t.Fatalf("Document(999): %v; want ErrNotFound", err)
	}
	recs, err := db.Documents(ctx)
	if err != nil || len(recs) != len(docs) {
		t.Fatalf("Documents = %d, %v; want %d", len(recs), err, len(docs))
	}
	for i, r := range recs {
		if r.ID != ids[i] || r.SectionCount != len(docs[i].Sections) {
			t.Errorf("Documents[%d] = %+v", i, r)
		}
	}
	if n, err := db.CountDocuments(ctx); err != nil || n != len(docs) {
		t.Errorf("CountDocuments = %d, %v", n, err)
	}
}

// checkDocument checks that document id reads back as want was saved.
func checkDocument(t *testing.T, db Store, id int64, want corpus.Document) {
	t.Helper()
	rec, sections, err := db.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.ID != id || rec.Title != want.Title || rec.Org != want.Org || rec.Year != want.Year ||
		rec.Period != want.Period || rec.Kind != want.Kind || rec.SectionCount != len(want.Sections) ||
		rec.Source != "test:"+want.Title || rec.Encoding != "UTF-8" || rec.CreatedAt.IsZero() {
		t.Errorf("record = %+v; want %s", rec, want.Title)
	}
	// Placeholders round-trip without a value.
	if !reflect.DeepEqual(sections, want.Sections) {
		t.Errorf("sections of %s:\n got %+v\nwant %+v", want.Title, sections, want.Sections)
	}
}

func testSections(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	MustSave(t, db, Fixtures()...)
	tests := map[string]struct {
		category, part string
		limit          int
		want           []string // headings, in order
	}{
		"Category":        {category: "安全", want: []string{"安全稳定", "安全管理"}}, // 2024 before 2023
		"CategoryAndPart": {category: "安全", part: corpus.PartProblems, want: []string{"安全管理"}},
		"Limit":           {category: "党建", limit: 1, want: []string{"加强党建工作"}},
		"UnknownYearLast": {category: "党建", want: []string{"加强党建工作", "党建引领"}},
		"None":            {category: "无此类别"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			recs, err := db.Sections(ctx, tt.category, tt.part, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range recs {
				got = append(got, r.Heading)
				if r.Category != tt.category || r.DocTitle == "" || r.SectionID == 0 {
					t.Errorf("record = %+v", r)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("headings = %q; want %q", got, tt.want)
			}
		})
	}
	recs, err := db.Sections(ctx, "师资", "", 0)
	if err != nil || len(recs) != 1 || len(recs[0].Figures) != 1 || recs[0].Figures[0].Value != 166 {
		t.Fatalf("师资 sections = %+v, %v", recs, err)
	}
}

func testTemplates(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	ids := MustSave(t, db, docs...)
	all, err := db.Templates(ctx, "")
	if err != nil || len(all) != len(docs) {
		t.Fatalf("Templates(\"\") = %d templates, %v; want %d", len(all), err, len(docs))
	}
	for i, tm := range all {
		var want, got []string
		for _, s := range docs[i].Sections {
			if s.Level > 0 {
				want = append(want, s.Marker+s.Heading+"|"+s.Category+"|"+s.Part)
			}
		}
		for _, s := range tm.Sections {
			got = append(got, s.Marker+s.Heading+"|"+s.Category+"|"+s.Part)
		}
		if tm.ID != ids[i] || tm.Kind != docs[i].Kind || tm.Title != docs[i].Title || !reflect.DeepEqual(got, want) {
			t.Errorf("template %d = %+v\nheadings %q; want %q", i, tm, got, want)
		}
	}
	some, err := db.Templates(ctx, corpus.KindPlan)
	if err != nil || len(some) != 1 || some[0].ID != ids[1] {
		t.Errorf("Templates(plan) = %+v, %v", some, err)
	}
	one, err := db.Template(ctx, ids[1])
	if err != nil || one.ID != ids[1] || len(one.Sections) != len(all[1].Sections) {
		t.Errorf("Template(%d) = %+v, %v", ids[1], one, err)
	}
	if _, err := db.Template(ctx, 999); !errors.Is(err, textindex.ErrNotFound) {
		t.Errorf("Template(999): %v; want ErrNotFound", err)
	}
}

func testDocumentPage(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	ids := MustSave(t, db, docs...)
	page, total, err := db.DocumentPage(ctx, 0, 2)
	if err != nil || total != len(docs) || len(page) != 2 {
		t.Fatalf("DocumentPage(0, 2) = %d docs of %d, %v", len(page), total, err)
	}
	if page[0].ID != ids[len(ids)-1] || page[0].SectionCount != len(docs[len(docs)-1].Sections) {
		t.Errorf("first = %+v; want the newest", page[0])
	}
	rest, _, err := db.DocumentPage(ctx, len(docs)-1, 10)
	if err != nil || len(rest) != 1 || rest[0].ID != ids[0] {
		t.Errorf("last page = %+v, %v; want the oldest only", rest, err)
	}
}

func testCorpusVersion(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	v0, err := db.CorpusVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := MustSave(t, db, docs[0])
	if v1, _ := db.CorpusVersion(ctx); v1 == v0 {
		t.Error("storing a report left the version")
	}
	v1, _ := db.CorpusVersion(ctx)
	if _, created, err := db.SaveDocument(ctx, "again", "UTF-8", docs[0]); err != nil || created {
		t.Fatalf("saving the same text again: created %v, %v", created, err)
	}
	if v, _ := db.CorpusVersion(ctx); v != v1 {
		t.Error("a duplicate changed the version")
	}
	if _, err := db.RemoveDocuments(ctx, ids); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.CorpusVersion(ctx); v == v1 {
		t.Error("removing a report left the version")
	}
}

func testRemoveDocuments(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	ids := MustSave(t, db, Fixtures()...)
	removed, err := db.RemoveDocuments(ctx, []int64{ids[0], 99999})
	if err != nil || len(removed) != 1 || removed[0].ID != ids[0] {
		t.Fatalf("RemoveDocuments = %+v, %v; want the first fixture only", removed, err)
	}
	if _, _, err := db.Document(ctx, ids[0]); !errors.Is(err, textindex.ErrNotFound) {
		t.Errorf("Document of a removed report: %v", err)
	}
	for _, text := range []string{"主题党日", "校"} {
		if hits, _ := db.Search(ctx, corpus.SearchQuery{Text: text, Year: 2023}); len(hits) != 0 {
			t.Errorf("the removed report is still found by %s: %+v", text, hits)
		}
	}
	if pool, _ := db.Sections(ctx, "资助", "", 0); len(pool) != 0 {
		t.Errorf("the removed report's sections are still in the pool: %+v", pool)
	}
}

func testRemoveReplaced(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	docs := Fixtures()
	var current []textindex.Prepared
	for _, d := range docs[:2] {
		p, err := db.PrepareDocument("file.txt", "UTF-8", "", d)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
			t.Fatal(err)
		}
		current = append(current, p)
	}
	MustSave(t, db, docs[2])
	// The file now holds only its second report.
	n, err := db.RemoveReplaced(ctx, "file.txt", current[1:])
	if err != nil || n != 1 {
		t.Fatalf("RemoveReplaced = %d, %v; want 1", n, err)
	}
	if n, err := db.RemoveReplaced(ctx, "file.txt", current[1:]); err != nil || n != 0 {
		t.Fatalf("RemoveReplaced again = %d, %v; want 0", n, err)
	}
	recs, _ := db.Documents(ctx)
	if len(recs) != 2 || recs[0].Title != docs[1].Title || recs[1].Title != docs[2].Title {
		t.Fatalf("Documents = %+v", recs)
	}
}

func testSaveUnindexed(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	p, err := db.PrepareDocument("a.txt", "UTF-8", "", Fixtures()[1])
	if err != nil {
		t.Fatal(err)
	}
	id, created, err := db.SaveUnindexed(ctx, p)
	if err != nil || !created {
		t.Fatalf("SaveUnindexed = %d, %v, %v", id, created, err)
	}
	if again, created, err := db.SaveUnindexed(ctx, p); err != nil || created || again != id {
		t.Fatalf("SaveUnindexed again = %d, %v, %v; want %d, false", again, created, err, id)
	}
	if _, err := db.IndexPending(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := db.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending with nothing pending = %d, %v", n, err)
	}
	if hits, err := db.Search(ctx, corpus.SearchQuery{Text: "特岗"}); err != nil || len(hits) != 1 || hits[0].DocID != id {
		t.Fatalf("Search after IndexPending = %+v, %v", hits, err)
	}
	if err := db.Optimize(ctx); err != nil {
		t.Fatal(err)
	}
}

func testSeeded(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
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
