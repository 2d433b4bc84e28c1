package bench_test

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/store/storetest"
)

// sameMatches checks the fixtures before they are measured: every query
// with fewer matches than a search ranks (so its hits are all its
// matches) finds the same sections on every engine, and the frequent ones
// find some.
func sameMatches(dbs []searcher) error {
	ctx := context.Background()
	for _, c := range queryClasses {
		for _, q := range c.queries {
			q.Limit = 1000
			var first []int64
			for i, db := range dbs {
				hits, err := db.Search(ctx, q)
				if err != nil {
					return err
				}
				ids := sectionIDs(hits)
				if c.name == "frequent" && len(ids) == 0 {
					return fmt.Errorf("%s: %q 没有找到 / found nothing", engines[i].name, q.Text)
				}
				if len(ids) >= 200 {
					continue // only the newest 200 were ranked
				}
				if i == 0 {
					first = ids
				} else if !slices.Equal(first, ids) {
					return fmt.Errorf("%+v: %s 找到 %d 段, %s 找到 %d 段 / engines differ", q, engines[0].name, len(first), engines[i].name, len(ids))
				}
			}
		}
	}
	return nil
}

// sectionIDs returns the section ids of hits, sorted.
func sectionIDs(hits []corpus.SearchHit) []int64 {
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.SectionID
	}
	slices.Sort(ids)
	return ids
}

// sample returns n generated reports, some of whose sections hold figures
// (a placeholder among them), as parsed reports do.
func sample(n int) []corpus.Document {
	g := storetest.NewGenerator(5)
	docs := make([]corpus.Document, n)
	for i := range docs {
		d := g.Document()
		d.Sections[1].Figures = []corpus.Figure{{Text: "招聘特岗教师80名", Value: 80, Unit: "名", Label: "招聘特岗教师"},
			{Text: "xx人", Unit: "人", Placeholder: true}}
		docs[i] = d
	}
	return docs
}

// TestBulkLoadMatchesSaveDocument stores the same reports with SaveDocument
// and with BulkLoad, on each engine, and requires the same documents,
// sections, figures and search results (and, on PostgreSQL, the same
// stored vectors): the benchmark fixtures are what the store writes.
func TestBulkLoadMatchesSaveDocument(t *testing.T) {
	docs := sample(40)
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		a, b := openSQLite(t, "a.db"), openSQLite(t, "b.db")
		saveAll(t, a, docs)
		if _, err := b.BulkLoad(ctx, "bench", slices.Values(docs)); err != nil {
			t.Fatal(err)
		}
		compareStores(t, a, b)
	})
	t.Run("postgres", func(t *testing.T) {
		dsnA, dsnB := pgtest.DSN(t), pgtest.DSN(t)
		a, b := openPG(t, dsnA), openPG(t, dsnB)
		saveAll(t, a, docs)
		if _, err := b.BulkLoad(ctx, "bench", slices.Values(docs)); err != nil {
			t.Fatal(err)
		}
		compareStores(t, a, b)
		if va, vb := vectors(t, dsnA), vectors(t, dsnB); va != vb {
			t.Errorf("stored vectors differ:\n%.300s\n%.300s", va, vb)
		}
		// The id sequences moved past the copied rows.
		if _, _, err := b.SaveDocument(ctx, "later", "UTF-8", storetest.NewGenerator(6).Document()); err != nil {
			t.Fatal(err)
		}
	})
}

func openSQLite(t *testing.T, name string) *store.DB {
	db, err := store.Open(t.TempDir() + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPG(t *testing.T, dsn string) *postgres.DB {
	db, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func saveAll(t *testing.T, db storetest.Store, docs []corpus.Document) {
	for _, d := range docs {
		if _, _, err := db.SaveDocument(context.Background(), "bench", "UTF-8", d); err != nil {
			t.Fatal(err)
		}
	}
}

// compareStores requires a and b to hold the same documents and to answer
// the benchmark's queries alike.
func compareStores(t *testing.T, a, b storetest.Store) {
	ctx := context.Background()
	da, err := a.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db, err := b.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(da) != len(db) {
		t.Fatalf("%d documents, bulk %d", len(da), len(db))
	}
	for i := range da {
		da[i].CreatedAt, db[i].CreatedAt = time.Time{}, time.Time{}
		if fmt.Sprint(da[i]) != fmt.Sprint(db[i]) {
			t.Fatalf("document %d:\n%+v\n%+v", i, da[i], db[i])
		}
		_, sa, err := a.Document(ctx, da[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		_, sb, err := b.Document(ctx, db[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(sa) != fmt.Sprint(sb) {
			t.Fatalf("sections of document %d differ", da[i].ID)
		}
	}
	for _, c := range queryClasses {
		for _, q := range c.queries {
			ha, err := a.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			hb, err := b.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(ha) != fmt.Sprint(hb) {
				t.Errorf("search %+v: %d hits, bulk %d, or they differ", q, len(ha), len(hb))
			}
		}
	}
}

// vectors returns every stored tsvector, in section order, as text.
func vectors(t *testing.T, dsn string) string {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var s string
	if err := conn.QueryRow(ctx, `SELECT string_agg(tsv::text, '|' ORDER BY id) FROM sections`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLargeCorpusSameHits has both engines answer the benchmark's queries
// on 16,000 sections, more than PostgreSQL's phrase window (the newest
// 10,000), so that phrases are answered from the window when it holds
// enough matches and from every section when it does not. With the limit
// at the number of candidates ranked (200) a search returns all its
// candidates, the newest 200 matches, which must be the sections SQLite
// finds (the two rank them differently: bm25 and ts_rank).
func TestLargeCorpusSameHits(t *testing.T) {
	if testing.Short() {
		t.Skip("建 16,000 段 / builds 16,000 sections")
	}
	ctx := context.Background()
	lite, pg := openSQLite(t, "large.db"), openPG(t, pgtest.DSN(t))
	for _, db := range []interface {
		BulkLoad(context.Context, string, iter.Seq[corpus.Document]) (int, error)
		Optimize(context.Context) error
	}{lite, pg} {
		if _, err := db.BulkLoad(ctx, "bench", generated(2000)); err != nil {
			t.Fatal(err)
		}
		if err := db.Optimize(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range queryClasses {
		for _, q := range c.queries {
			q.Limit = 200
			hl, err := lite.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			hp, err := pg.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := sectionIDs(hl), sectionIDs(hp); !slices.Equal(a, b) {
				t.Errorf("%+v: SQLite %d sections, PostgreSQL %d, or they differ", q, len(a), len(b))
			}
		}
	}
}
