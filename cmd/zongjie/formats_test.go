package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12: a folder of mixed formats is ingested with a result per file.
func TestIngestMixedFormatsReportsEachFile(t *testing.T) {
	e := newEnv(t)
	e.copyRepo(t, "convert/testdata/report.doc", "mixed/青溪县上半年总结.doc")
	e.copyRepo(t, "convert/testdata/report.pdf", "mixed/青溪县上半年总结.pdf")
	e.copyRepo(t, "corpus/testdata/gbk.txt", "mixed/青禾县2023年总结.txt")
	e.write(t, "mixed/损坏.rtf", []byte("{\\rtf1 不完整"))
	e.write(t, "mixed/表格.xlsx", []byte("PK\x03\x04")) // not a report type: skipped

	r := zj(t, "ingest", "--json", e.path("mixed"))
	var sum ingestSummary
	decodeJSON(t, r, &sum)
	got := map[string]ingestFile{}
	for _, f := range sum.Files {
		got[filepath.Base(f.Path)] = f
	}
	if len(sum.Files) != 4 {
		t.Errorf("want a result for each of the 4 report files, got %+v", sum.Files)
	}
	if f := got["青禾县2023年总结.txt"]; f.Added != 1 || f.Error != "" {
		t.Errorf(".txt: %+v", f)
	}
	if f := got["损坏.rtf"]; f.Error == "" {
		t.Errorf("a broken .rtf did not fail: %+v", f)
	}
	doc := got["青溪县上半年总结.doc"]
	if _, err := exec.LookPath("soffice"); err != nil {
		if !strings.Contains(doc.Error, "libreoffice-writer-nogui") {
			t.Errorf(".doc without LibreOffice: want an error naming the package, got %+v", doc)
		}
	} else if doc.Added != 1 || doc.Error != "" {
		t.Errorf(".doc: %+v", doc)
	}
	if r.code == 0 {
		t.Errorf("ingest with a broken file exited 0")
	}
	text := zj(t, "ingest", e.path("mixed"))
	for _, want := range []string{"重复 1 篇：", "青禾县2023年总结.txt", "失败：", "损坏.rtf"} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("plain ingest output lacks %q:\n%s", want, text.stdout)
		}
	}
}

func TestParseDocWithoutLibreOfficeSaysWhatToInstall(t *testing.T) {
	newEnv(t)
	t.Setenv("PATH", t.TempDir())
	r := zj(t, "parse", repoPath("convert/testdata/report.doc"))
	if r.code == 0 || !strings.Contains(r.stderr, "读取 .doc 文件需要 LibreOffice") || !strings.Contains(r.stderr, "apt-get install libreoffice-writer-nogui") {
		t.Errorf("want a clear error naming LibreOffice and its package, got %s", r)
	}
}
