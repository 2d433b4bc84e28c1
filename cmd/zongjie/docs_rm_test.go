package main

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestDocsRmRemovesReportsAndStarterDoesNotComeBack(t *testing.T) {
	newEnv(t)
	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	if len(docs) == 0 || !docs[0].Builtin {
		t.Fatalf("a new database should hold the built-in sample reports, marked builtin: %+v", docs)
	}
	if r := mustZJ(t, "docs"); !strings.Contains(r.stdout, "〔内置范文〕") {
		t.Errorf("docs does not mark the built-in reports:\n%s", r.stdout)
	}
	args := []string{"docs", "rm"}
	for _, d := range docs {
		args = append(args, strconv.FormatInt(d.ID, 10))
	}
	r := mustZJ(t, args...)
	if !strings.Contains(r.stdout, "共删除 "+strconv.Itoa(len(docs))+" 篇") {
		t.Errorf("docs rm output:\n%s", r)
	}
	// The next open does not load the sample reports again.
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	if len(docs) != 0 {
		t.Errorf("after removing every report, %d came back", len(docs))
	}
	if r := mustZJ(t, "search", "党建"); !strings.Contains(r.stdout, "没有找到") {
		t.Errorf("removed reports are still found:\n%s", r.stdout)
	}
	r = zj(t, "docs", "rm", "99999")
	if r.code != exitNotFound || !strings.Contains(r.stderr, "没有编号为 99999 的报告") {
		t.Errorf("removing no report: %s", r)
	}
	if r = zj(t, "docs", "rm", "abc"); r.code != exitInvalid || !strings.Contains(r.stderr, "报告编号应为正整数") {
		t.Errorf("a bad number: %s", r)
	}
}

func TestIngestReplaceSwapsAnEditedFile(t *testing.T) {
	e := newEnv(t)
	data, err := os.ReadFile(repoPath("web/e2e/fixtures/云杉县教育局2023年工作总结.txt"))
	if err != nil {
		t.Fatal(err)
	}
	file := e.write(t, "总结.txt", data)
	var sum ingestSummary
	decodeJSON(t, mustZJ(t, "ingest", "--json", file), &sum)
	if sum.Added != 1 {
		t.Fatalf("first ingest: %+v", sum)
	}
	edited := strings.Replace(string(data), "星火助学", "春风助学", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	// Without --replace both versions stay.
	decodeJSON(t, mustZJ(t, "ingest", "--json", file), &sum)
	if sum.Added != 1 || sum.Replaced != 0 {
		t.Fatalf("ingest of the edited file without --replace: %+v", sum)
	}
	edited = strings.Replace(edited, "春风助学", "秋实助学", 1)
	if err := os.WriteFile(file, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	decodeJSON(t, mustZJ(t, "ingest", "--json", "--replace", file), &sum)
	if sum.Added != 1 || sum.Replaced != 2 {
		t.Fatalf("ingest --replace: %+v; want 1 added, the 2 earlier versions replaced", sum)
	}
	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	n := 0
	for _, d := range docs {
		if d.Source == file {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d reports from %s after --replace; want 1", n, file)
	}
	// Unchanged: nothing added, nothing removed.
	decodeJSON(t, mustZJ(t, "ingest", "--json", "--replace", file), &sum)
	if sum.Added != 0 || sum.Duplicates != 1 || sum.Replaced != 0 {
		t.Errorf("ingest --replace of an unchanged file: %+v", sum)
	}
	if r := mustZJ(t, "search", "秋实助学"); !strings.Contains(r.stdout, "秋实") {
		t.Errorf("the new version is not found:\n%s", r.stdout)
	}
	if r := mustZJ(t, "search", "春风助学"); !strings.Contains(r.stdout, "没有找到") {
		t.Errorf("the replaced version is still found:\n%s", r.stdout)
	}
}
