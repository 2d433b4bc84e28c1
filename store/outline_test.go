package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/zongjie/zongjie/store"
)

func TestTemplatesHoldHeadingsWithoutText(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := fixtures()
	ids := mustSave(t, db, docs...)

	all, err := db.Templates(ctx, "")
	if err != nil || len(all) != len(docs) {
		t.Fatalf("Templates(\"\") = %d templates, %v; want %d", len(all), err, len(docs))
	}
	for i, tm := range all {
		var want []string
		for _, s := range docs[i].Sections {
			if s.Level > 0 {
				want = append(want, s.Marker+s.Heading+"|"+s.Category+"|"+s.Part)
			}
		}
		var got []string
		for _, s := range tm.Sections {
			got = append(got, s.Marker+s.Heading+"|"+s.Category+"|"+s.Part)
		}
		if tm.ID != ids[i] || tm.Kind != docs[i].Kind || tm.Title != docs[i].Title || len(got) != len(want) {
			t.Fatalf("template %d = %+v; want %d headings of %s", i, tm, len(want), docs[i].Title)
		}
		for j := range want {
			if got[j] != want[j] {
				t.Errorf("template %d heading %d = %s; want %s", i, j, got[j], want[j])
			}
		}
	}
	kind := docs[0].Kind
	some, err := db.Templates(ctx, kind)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range some {
		if tm.Kind != kind {
			t.Errorf("Templates(%q) returned a %q", kind, tm.Kind)
		}
	}
	one, err := db.Template(ctx, ids[1])
	if err != nil || one.ID != ids[1] || len(one.Sections) != len(all[1].Sections) {
		t.Errorf("Template(%d) = %+v, %v", ids[1], one, err)
	}
	if _, err := db.Template(ctx, 999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Template(999): %v; want ErrNotFound", err)
	}
}

func TestCorpusVersionChangesWithTheCorpus(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/v.db"
	db := mustOpenAt(t, path)
	docs := fixtures()
	v0, err := db.CorpusVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := mustSave(t, db, docs[0])
	v1, _ := db.CorpusVersion(ctx)
	if v1 == v0 {
		t.Error("storing a report left the version")
	}
	if _, created, err := db.SaveDocument(ctx, "again", "UTF-8", docs[0]); err != nil || created {
		t.Fatalf("saving the same text again: created %v, %v", created, err)
	}
	if v, _ := db.CorpusVersion(ctx); v != v1 {
		t.Error("a duplicate changed the version")
	}
	raw := rawDB(t, path)
	if _, err := raw.Exec(`DELETE FROM documents WHERE id = ?`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.CorpusVersion(ctx); v == v1 {
		t.Error("removing a report left the version")
	}
}

func TestDocumentPageIsNewestFirst(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	docs := fixtures()
	ids := mustSave(t, db, docs...)
	page, total, err := db.DocumentPage(ctx, 0, 2)
	if err != nil || total != len(docs) || len(page) != min(2, len(docs)) {
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
