package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/convert"
	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/store"
)

// report is a small report; county makes each copy a different document.
func report(county string) string {
	return county + `教育局2024年工作总结

2024年，全县教育系统坚持立德树人根本任务，各项工作取得新成效。现将有关情况总结如下。

一、加强党建引领
全年新发展党员8人，开展主题党日活动24次，党风廉政建设持续加强。

二、加强师资队伍建设
招聘特岗教师72名，培训教师3100人次，师德师风建设扎实推进。
`
}

// newService returns the service over a new database in t.TempDir().
func newService(t *testing.T) (*ingest.Service[store.Prepared], *store.DB) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "zongjie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := &ingest.Service[store.Prepared]{Store: db, Parser: corpus.NewParser(corpus.DefaultTaxonomy()), Reader: convert.New()}
	return svc, db
}

// write writes files under dir and returns dir.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// hits counts search hits for text.
func hits(t *testing.T, db *store.DB, text string) int {
	t.Helper()
	hs, err := db.Search(context.Background(), corpus.SearchQuery{Text: text, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return len(hs)
}

func TestIngestFolderReportsEachFile(t *testing.T) {
	svc, db := newService(t)
	dir := write(t, map[string]string{
		"a.txt":         report("青溪县"),
		"sub/b.md":      report("白石县"),
		"sub/c.txt":     report("青溪县"), // the same text as a.txt
		"empty.txt":     "",
		".hidden/d.txt": report("隐藏县"),
		"~$lock.txt":    report("锁县"),
		"notes.xyz":     "not a report",
	})
	inputs, failed := svc.Expand([]string{dir, filepath.Join(dir, "nosuch.txt")})
	if len(inputs) != 4 {
		t.Fatalf("inputs %v, want a.txt, empty.txt, sub/b.md, sub/c.txt", inputs)
	}
	if len(failed) != 1 || errkind.Of(failed[0].Err) != errkind.NotFound {
		t.Errorf("failed %v, want nosuch.txt not found", failed)
	}
	var progress []string
	rep := svc.Ingest(context.Background(), ingest.Request{Inputs: inputs,
		Progress: func(f ingest.File) { progress = append(progress, filepath.Base(f.Name)+":"+f.Status()) }})
	want := "a.txt:added empty.txt:failed b.md:added c.txt:duplicate"
	if got := strings.Join(progress, " "); got != want {
		t.Errorf("progress %q, want %q", got, want)
	}
	if rep.Added != 2 || rep.Duplicates != 1 || rep.Failed() != 1 || rep.IndexErr != nil {
		t.Errorf("report %+v", rep)
	}
	if f := rep.Files[1]; errkind.Of(f.Err) != errkind.Invalid || strings.Contains(f.Err.Error(), f.Name) {
		t.Errorf("empty file: %v (kind %v), want invalid without its path", f.Err, errkind.Of(f.Err))
	}
	if n := hits(t, db, "特岗教师"); n != 2 {
		t.Errorf("search finds %d sections after ingest, want 2", n)
	}
}

func TestIngestIndexesInBatches(t *testing.T) {
	svc, db := newService(t)
	svc.IndexEvery = 2
	dir := write(t, map[string]string{"1.txt": report("一县"), "2.txt": report("二县"), "3.txt": report("三县")})
	inputs, _ := svc.Expand([]string{dir})
	seen := []int{}
	svc.Ingest(context.Background(), ingest.Request{Inputs: inputs,
		Progress: func(ingest.File) { seen = append(seen, hits(t, db, "特岗教师")) }})
	// Progress runs before the batch is indexed: after the second file
	// nothing is searchable yet, after the third the first two are.
	if want := []int{0, 0, 2}; !slices.Equal(seen, want) {
		t.Errorf("searchable while ingesting: %v, want %v", seen, want)
	}
	if n := hits(t, db, "特岗教师"); n != 3 {
		t.Errorf("after ingest %d, want 3", n)
	}
}

func TestIngestStopsAtCancelAndIndexesWhatItStored(t *testing.T) {
	svc, db := newService(t)
	dir := write(t, map[string]string{"1.txt": report("一县"), "2.txt": report("二县"), "3.txt": report("三县")})
	inputs, _ := svc.Expand([]string{dir})
	ctx, cancel := context.WithCancel(context.Background())
	rep := svc.Ingest(ctx, ingest.Request{Inputs: inputs, Progress: func(ingest.File) { cancel() }})
	if rep.Added != 1 || len(rep.Files) != 1 {
		t.Fatalf("after cancel at the first file: %+v", rep)
	}
	if n := hits(t, db, "特岗教师"); n != 1 {
		t.Errorf("the stored document is not indexed: %d hits", n)
	}
}

func TestIngestReplace(t *testing.T) {
	svc, db := newService(t)
	dir := write(t, map[string]string{"r.txt": report("青溪县")})
	path := filepath.Join(dir, "r.txt")
	ctx := context.Background()
	svc.Ingest(ctx, ingest.Request{Inputs: []ingest.Input{ingest.Path(path)}})
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(report("青溪县"), "72名", "80名")), 0o644); err != nil {
		t.Fatal(err)
	}
	rep := svc.Ingest(ctx, ingest.Request{Inputs: []ingest.Input{ingest.Path(path)}, Replace: true})
	if rep.Added != 1 || rep.Replaced != 1 {
		t.Errorf("replace: %+v", rep)
	}
	if n, err := db.CountDocuments(ctx); err != nil || n != 1 {
		t.Errorf("%d documents (%v), want 1", n, err)
	}
}

func TestIngestUploads(t *testing.T) {
	svc, db := newService(t)
	rep := svc.Ingest(context.Background(), ingest.Request{Inputs: []ingest.Input{
		ingest.Upload("青溪县总结.txt", []byte(report("青溪县"))),
		ingest.Upload("病毒.exe", []byte("MZ")),
	}})
	if rep.Added != 1 || rep.Files[0].Status() != "added" || len(rep.Files[0].Titles) != 1 {
		t.Errorf("upload: %+v", rep.Files[0])
	}
	if f := rep.Files[1]; f.Status() != "failed" || errkind.Of(f.Err) != errkind.Invalid || !strings.Contains(f.Err.Error(), "不支持的文件类型") {
		t.Errorf("an .exe upload: %v", f.Err)
	}
	docs, err := db.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range docs {
		found = found || d.Source == ingest.UploadSource+"青溪县总结.txt"
	}
	if !found {
		t.Errorf("no document from the upload's source among %d", len(docs))
	}
}

// failingStore fails every save, as a closed database would.
type failingStore struct{ *store.DB }

func (failingStore) SaveUnindexed(context.Context, store.Prepared) (int64, bool, error) {
	return 0, false, errors.New("sql: database is closed")
}

func TestIngestStoreFailureIsInternal(t *testing.T) {
	svc, db := newService(t)
	svc.Store = failingStore{db}
	rep := svc.Ingest(context.Background(), ingest.Request{Inputs: []ingest.Input{ingest.Upload("a.txt", []byte(report("青溪县")))}})
	if f := rep.Files[0]; f.Err == nil || errkind.Of(f.Err) != errkind.Internal {
		t.Errorf("a store failure: %v (kind %v), want internal", f.Err, errkind.Of(f.Err))
	}
}
