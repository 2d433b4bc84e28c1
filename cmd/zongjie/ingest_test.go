package main

// Issue 2: parse, ingest, docs, show.

import (
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

var hanRE = regexp.MustCompile(`\p{Han}`)

// checkParseContract checks one `parse --json` output against the contract
// of DESIGN.md and returns the number of documents.
func checkParseContract(t *testing.T, raw []byte, source string) (docs []map[string]any) {
	t.Helper()
	var top map[string]any
	if err := json.Unmarshal(raw, &top); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if top["source"] != source {
		t.Errorf("source = %v, want %q", top["source"], source)
	}
	if enc, _ := top["encoding"].(string); enc == "" {
		t.Errorf("encoding = %v, want a non-empty string", top["encoding"])
	}
	list, ok := top["documents"].([]any)
	if !ok || len(list) == 0 {
		t.Fatalf("documents = %v, want a non-empty list", top["documents"])
	}
	categories := map[string]bool{}
	for _, n := range corpus.DefaultTaxonomy().Names() {
		categories[n] = true
	}
	for di, d := range list {
		doc, ok := d.(map[string]any)
		if !ok {
			t.Fatalf("documents[%d] is %T", di, d)
		}
		docs = append(docs, doc)
		for _, k := range []string{"title", "org", "kind"} {
			if _, ok := doc[k].(string); !ok {
				t.Errorf("documents[%d].%s = %#v, want a string", di, k, doc[k])
			}
		}
		// year and period are left out when unknown (omitempty in corpus;
		// see the report); when present they have the contract's types.
		if y, ok := doc["year"]; ok {
			if _, num := y.(float64); !num {
				t.Errorf("documents[%d].year = %#v, want a number", di, y)
			}
		}
		if p, ok := doc["period"]; ok {
			if _, str := p.(string); !str {
				t.Errorf("documents[%d].period = %#v, want a string", di, p)
			}
		}
		switch doc["kind"] {
		case "summary", "plan", "summary+plan", "quarterly":
		default:
			t.Errorf("documents[%d].kind = %v", di, doc["kind"])
		}
		secs, ok := doc["sections"].([]any)
		if !ok || len(secs) == 0 {
			t.Fatalf("documents[%d].sections = %v, want a non-empty flat list", di, doc["sections"])
		}
		levels := map[string]float64{} // ids seen so far, in document order
		headed := 0
		for si, s := range secs {
			sec, ok := s.(map[string]any)
			if !ok {
				t.Fatalf("section %d is %T", si, s)
			}
			where := "documents[" + itoa(di) + "].sections[" + itoa(si) + "]"
			for _, k := range []string{"id", "parent", "marker", "heading", "part", "category", "text"} {
				if _, ok := sec[k].(string); !ok {
					t.Errorf("%s.%s = %#v, want a string", where, k, sec[k])
				}
			}
			id, _ := sec["id"].(string)
			parent, _ := sec["parent"].(string)
			level, ok := sec["level"].(float64)
			if !ok {
				t.Errorf("%s.level = %#v, want a number", where, sec["level"])
			}
			if _, dup := levels[id]; dup || id == "" {
				t.Errorf("%s.id = %q: empty or repeated", where, id)
			}
			if parent != "" {
				pl, seen := levels[parent]
				if !seen {
					t.Errorf("%s.parent = %q is not an earlier section", where, parent)
				} else if level <= pl {
					t.Errorf("%s level %v is not below its parent's %v", where, level, pl)
				}
			}
			levels[id] = level
			if level > 0 {
				headed++
				h, _ := sec["heading"].(string)
				m, _ := sec["marker"].(string)
				if h == "" || (m != "" && strings.HasPrefix(h, m)) {
					t.Errorf("%s heading %q (marker %q): want the heading without its marker", where, h, m)
				}
			}
			switch sec["part"] {
			case "summary", "plan", "problems", "preamble":
			default:
				t.Errorf("%s.part = %v", where, sec["part"])
			}
			if c, _ := sec["category"].(string); !categories[c] {
				t.Errorf("%s.category = %q is not in the taxonomy", where, c)
			}
			// The contract shows figures as a list; a section without
			// figures comes out as null (see the report), which JSON
			// consumers must treat as empty.
			var figs []any
			switch f := sec["figures"].(type) {
			case nil:
			case []any:
				figs = f
			default:
				t.Errorf("%s.figures = %#v, want a list", where, sec["figures"])
			}
			for fi, f := range figs {
				fig, ok := f.(map[string]any)
				if !ok {
					t.Fatalf("%s.figures[%d] is %T", where, fi, f)
				}
				for _, k := range []string{"text", "unit", "label"} {
					if _, ok := fig[k].(string); !ok {
						t.Errorf("%s.figures[%d].%s = %#v, want a string", where, fi, k, fig[k])
					}
				}
				if _, ok := fig["placeholder"].(bool); !ok {
					t.Errorf("%s.figures[%d].placeholder = %#v, want a bool", where, fi, fig["placeholder"])
				}
				if v, ok := fig["value"]; !ok {
					t.Errorf("%s.figures[%d] has no value", where, fi)
				} else if _, num := v.(float64); !num && !(v == nil && fig["placeholder"] == true) {
					t.Errorf("%s.figures[%d].value = %#v, want a number (null only for placeholders)", where, fi, v)
				}
			}
		}
		if headed == 0 {
			t.Errorf("documents[%d] has no headed section", di)
		}
	}
	return docs
}

func TestParseJSONContract(t *testing.T) {
	type tc struct {
		name, path string
		docs       int
		encoding   string // prefix; "" = any
		title      string // substring of the first document's title
	}
	tests := []tc{
		{"gbk fixture", repoPath("corpus/testdata/gbk.txt"), 1, "gb", "青禾县教育局2023年工作总结"},
		{"big5 traditional fixture", repoPath("corpus/testdata/big5.txt"), 1, "big5", "松潭区教育局2024年上半年工作总结"},
		{"multi-document fixture", repoPath("corpus/testdata/multi_document.txt"), 3, "utf-8", "教育局季度工作总结一"},
		{"docx fixture", repoPath("corpus/testdata/report.docx"), 1, "", "松潭区教育局2023年工作总结"},
		{"page markers fixture", repoPath("corpus/testdata/page_markers.txt"), 1, "utf-8", "云岭县教育局2022年工作总结和2023年工作计划"},
	}
	seedDir := filepath.Join(pkgDir, "..", "..", "..", "shared", "seeds")
	if _, err := os.Stat(seedDir); err == nil {
		seeds, _ := filepath.Glob(filepath.Join(seedDir, "00[34]_*.txt"))
		for _, s := range seeds {
			c := tc{"seed " + filepath.Base(s), s, 1, "", ""}
			if strings.HasPrefix(filepath.Base(s), "003") {
				c.docs = 3 // the traditional-script seed holds three reports
			} else {
				c.title = "溆浦"
			}
			tests = append(tests, c)
		}
	} else {
		t.Logf("../shared/seeds absent: parsing only the package's own fixtures")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			dbFlag := e.path("flag.db")
			r := mustZJ(t, "parse", tt.path, "--json", "--db", dbFlag)
			docs := checkParseContract(t, []byte(r.stdout), tt.path)
			if len(docs) != tt.docs {
				t.Errorf("%d documents, want %d", len(docs), tt.docs)
			}
			var top struct{ Encoding string }
			decodeJSON(t, r, &top)
			if !strings.HasPrefix(top.Encoding, tt.encoding) {
				t.Errorf("encoding %q, want %s…", top.Encoding, tt.encoding)
			}
			if title, _ := docs[0]["title"].(string); !strings.Contains(title, tt.title) {
				t.Errorf("title %q, want it to contain %q", title, tt.title)
			}
			for _, p := range []string{e.db, dbFlag} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("parse created the database %s", p)
				}
			}
		})
	}

	t.Run("corrupt docx fails naming the file", func(t *testing.T) {
		e := newEnv(t)
		p := repoPath("corpus/testdata/corrupt.docx")
		r := zj(t, "parse", p, "--json")
		if r.code == 0 || !strings.Contains(r.stderr, "corrupt.docx") || !hanRE.MatchString(r.stderr) {
			t.Errorf("want a non-zero exit and a Chinese message naming corrupt.docx: %s", r)
		}
		if _, err := os.Stat(e.db); err == nil {
			t.Errorf("parse created the database")
		}
	})
}

// badFiles writes the three unreadable files of the issue: random bytes, an
// empty file and a corrupt .docx.
func badFiles(t *testing.T, e testEnv) []string {
	rng := rand.New(rand.NewSource(20240105))
	random := make([]byte, 4096)
	rng.Read(random)
	garbage := make([]byte, 700)
	rng.Read(garbage)
	return []string{
		e.write(t, "bad/random.txt", random),
		e.write(t, "bad/empty.txt", nil),
		e.write(t, "bad/corrupt.docx", append([]byte("PK\x03\x04"), garbage...)),
	}
}

func TestIngestSeedsAndBadFiles(t *testing.T) {
	seeds := seedFiles(t)
	e := newEnv(t)
	bad := badFiles(t, e)
	args := append(append([]string{"ingest", "--json"}, seeds...), bad...)

	// A new database gets the starter corpus first; it is not counted as added.
	first := zj(t, args...)
	if first.code == 0 {
		t.Errorf("ingest with failed files exited 0: %s", first)
	}
	var sum ingestSummary
	decodeJSON(t, first, &sum)
	if sum.Added != 7 || sum.Duplicates != 0 {
		t.Errorf("first ingest: added %d, duplicates %d; want 7 added (seed 003 holds 3 documents), 0 duplicates: %s", sum.Added, sum.Duplicates, first)
	}
	checkFailures(t, sum.Failed, bad)
	if !strings.Contains(first.stderr, "内置范文") {
		t.Errorf("stderr does not mention loading the starter corpus into the new database: %s", first)
	}

	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	fromSeeds, starter := 0, 0
	for _, d := range docs {
		switch {
		case strings.HasPrefix(d.Source, "starter:"):
			starter++
		case strings.Contains(d.Source, "seeds"):
			fromSeeds++
		}
	}
	if fromSeeds != 7 || starter == 0 || len(docs) != fromSeeds+starter {
		t.Errorf("docs: %d from the seeds, %d starter, %d in all; want 7 seed documents plus the starter corpus", fromSeeds, starter, len(docs))
	}

	// The same files again: nothing new, every seed document a duplicate.
	second := zj(t, args...)
	var sum2 ingestSummary
	decodeJSON(t, second, &sum2)
	if second.code == 0 || sum2.Added != 0 || sum2.Duplicates != 7 {
		t.Errorf("second ingest: exit %d, added %d, duplicates %d; want non-zero, 0, 7: %s", second.code, sum2.Added, sum2.Duplicates, second)
	}
	checkFailures(t, sum2.Failed, bad)
	var docs2 []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs2)
	if len(docs2) != len(docs) {
		t.Errorf("second ingest changed the number of documents from %d to %d", len(docs), len(docs2))
	}

	// The human-readable form says the same.
	text := zj(t, append([]string{"ingest"}, bad[0])...)
	if text.code == 0 || !strings.Contains(text.stdout, "失败") || !strings.Contains(text.stdout, "random.txt") {
		t.Errorf("plain ingest of a bad file: %s", text)
	}
}

func checkFailures(t *testing.T, failed []ingestFailure, bad []string) {
	t.Helper()
	got := map[string]string{}
	for _, f := range failed {
		got[f.Path] = f.Error
	}
	if len(failed) != len(bad) {
		t.Errorf("failed = %+v, want exactly the %d bad files", failed, len(bad))
	}
	for _, b := range bad {
		reason, ok := got[b]
		if !ok {
			t.Errorf("%s is not reported as failed (failed: %+v)", filepath.Base(b), failed)
			continue
		}
		if strings.TrimSpace(reason) == "" || !hanRE.MatchString(reason) {
			t.Errorf("%s: reason %q, want a non-empty Chinese reason", filepath.Base(b), reason)
		}
	}
}

func TestIngestFolderRecurses(t *testing.T) {
	e := newEnv(t)
	e.copyRepo(t, "corpus/testdata/gbk.txt", "reports/2023/gbk.txt")
	e.copyRepo(t, "corpus/testdata/multi_document.txt", "reports/multi.txt")                // 3 documents
	e.copyRepo(t, "corpus/testdata/report.docx", "reports/2023/docx/deeper/report.docx")    // 1 document
	e.copyRepo(t, "corpus/testdata/inline_items.txt", "reports/2023/docx/deeper/inline.md") // .md counts
	e.write(t, "reports/2023/notes.xyz", []byte("不是报告"))                                    // not a report type: skipped
	e.write(t, "reports/.hidden/secret.txt", []byte("隐藏文件夹不导入"))                            // hidden folder: skipped
	e.write(t, "reports/2023/~$report.docx", []byte("Word lock file"))                      // Office lock file: skipped

	r := mustZJ(t, "ingest", e.path("reports"), "--json")
	var sum ingestSummary
	decodeJSON(t, r, &sum)
	if sum.Added != 6 || sum.Duplicates != 0 || len(sum.Failed) != 0 {
		t.Errorf("folder ingest: %+v, want 6 added from 4 files in nested folders, nothing failed", sum)
	}
	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	sources := map[string]int{}
	for _, d := range docs {
		sources[filepath.Base(d.Source)]++
	}
	for name, n := range map[string]int{"gbk.txt": 1, "multi.txt": 3, "report.docx": 1, "inline.md": 1} {
		if sources[name] != n {
			t.Errorf("%d documents from %s, want %d (sources: %v)", sources[name], name, n, sources)
		}
	}
}

func TestDocsAndShow(t *testing.T) {
	seedFiles(t)
	newEnv(t)
	ingestSeeds(t)

	var raw []map[string]any
	decodeJSON(t, mustZJ(t, "docs", "--json"), &raw)
	if len(raw) < 7 {
		t.Fatalf("docs --json lists %d documents", len(raw))
	}
	for _, d := range raw {
		for _, k := range []string{"id", "title", "org", "year", "kind", "sections"} {
			if _, ok := d[k]; !ok {
				t.Errorf("docs --json entry %v lacks %q", d, k)
			}
		}
	}
	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	var xupu docJSON
	for _, d := range docs {
		if strings.Contains(d.Title, "溆浦") {
			xupu = d
		}
	}
	if xupu.ID == 0 || xupu.Org != "溆浦县教育局" || xupu.Year != 2021 || xupu.Kind != corpus.KindSummaryPlan || xupu.Sections == 0 {
		t.Fatalf("docs --json: 溆浦 report = %+v", xupu)
	}

	t.Run("show --json gives the heading tree", func(t *testing.T) {
		r := mustZJ(t, "show", itoa(int(xupu.ID)), "--json")
		var doc struct {
			docJSON
			Sections []corpus.Section `json:"sections"`
		}
		decodeJSON(t, r, &doc)
		if doc.ID != xupu.ID || len(doc.Sections) != xupu.Sections {
			t.Errorf("show: id %d with %d sections, docs said %d with %d", doc.ID, len(doc.Sections), xupu.ID, xupu.Sections)
		}
		byHeading := map[string]corpus.Section{}
		for _, s := range doc.Sections {
			byHeading[s.Heading] = s
			if s.Text != "" {
				t.Errorf("show --json without --text carries text for %q", s.Heading)
			}
		}
		for heading, want := range map[string][2]string{
			"党建工作深入推进":     {corpus.PartSummary, "党建"},
			"下阶段工作打算":      {corpus.PartPlan, "其他"},
			"抓党建工作，筑牢思想堡垒": {corpus.PartPlan, "党建"},
		} {
			s, ok := byHeading[heading]
			if !ok {
				t.Errorf("heading %q missing from the tree", heading)
				continue
			}
			if s.Part != want[0] || s.Category != want[1] {
				t.Errorf("%q: part %s, category %s; want %s, %s", heading, s.Part, s.Category, want[0], want[1])
			}
		}
		plan := byHeading["下阶段工作打算"]
		if c := byHeading["抓党建工作，筑牢思想堡垒"]; c.Parent != plan.ID || c.Level != plan.Level+1 {
			t.Errorf("抓党建工作 (parent %q, level %d) is not a child of 下阶段工作打算 (id %q, level %d)", c.Parent, c.Level, plan.ID, plan.Level)
		}

		withText := mustZJ(t, "show", itoa(int(xupu.ID)), "--json", "--text")
		if !strings.Contains(withText.stdout, "党史学习教育") {
			t.Errorf("show --json --text lacks the section text")
		}
		plain := mustZJ(t, "show", itoa(int(xupu.ID)))
		if !strings.Contains(plain.stdout, "下阶段工作打算") || !strings.Contains(plain.stdout, "〔党建 · 计划〕") {
			t.Errorf("show (text) lacks the tree with category and part: %s", plain)
		}
	})

	t.Run("show of a missing or bad id fails clearly", func(t *testing.T) {
		for _, id := range []string{"9999", "abc"} {
			r := zj(t, "show", id)
			if r.code == 0 || !strings.Contains(r.stderr, "编号") || !strings.Contains(r.stderr, "zongjie docs") {
				t.Errorf("show %s: want a non-zero exit and a message about the id pointing to zongjie docs: %s", id, r)
			}
		}
		if r := zj(t, "show", "9999"); !strings.Contains(r.stderr, "9999") {
			t.Errorf("show 9999 does not name the id: %s", r)
		}
	})
}
