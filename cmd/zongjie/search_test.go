package main

// Issue 3: search, examples, templates.

import (
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

func search(t *testing.T, args ...string) []searchHitJSON {
	t.Helper()
	var hits []searchHitJSON
	decodeJSON(t, mustZJ(t, append(append([]string{"search"}, args...), "--json")...), &hits)
	return hits
}

func TestSearchAfterSeeds(t *testing.T) {
	seedFiles(t)
	newEnv(t)
	ingestSeeds(t)

	t.Run("党建 finds 党建 sections", func(t *testing.T) {
		hits := search(t, "党建")
		if len(hits) == 0 {
			t.Fatal("no hits")
		}
		if hits[0].Category != "党建" {
			t.Errorf("top hit %q is %s, want 党建", hits[0].Heading, hits[0].Category)
		}
		n := 0
		for _, h := range hits {
			if h.Category == "党建" {
				n++
			}
		}
		if n*2 < len(hits) {
			t.Errorf("only %d of %d hits are 党建 sections", n, len(hits))
		}
	})

	t.Run("特岗教师 in 师资 comes from several documents", func(t *testing.T) {
		hits := search(t, "特岗教师", "--category", "师资")
		docs := map[int64]bool{}
		for _, h := range hits {
			if h.Category != "师资" {
				t.Errorf("hit %q has category %s despite --category 师资", h.Heading, h.Category)
			}
			if !strings.Contains(h.Heading+h.Snippet, "特岗") {
				t.Errorf("hit %q (doc %d) does not mention 特岗: %q", h.Heading, h.DocID, h.Snippet)
			}
			if h.Score == 0 || h.Title == "" || h.SectionID == 0 {
				t.Errorf("hit lacks score, title or section id: %+v", h)
			}
			docs[h.DocID] = true
		}
		if len(docs) < 2 {
			t.Errorf("hits from %d documents, want at least 2: %+v", len(docs), hits)
		}
		// The seeds themselves are indexed, not only the starter corpus.
		seed := search(t, "特岗教师", "--category", "师资", "--org", "溆浦")
		if len(seed) == 0 || !strings.Contains(seed[0].Title, "溆浦") {
			t.Errorf("search --org 溆浦 found %+v, want the 溆浦 seed", seed)
		}
	})

	t.Run("资助 --part summary returns only summary sections", func(t *testing.T) {
		hits := search(t, "资助", "--part", "summary", "-k", "50")
		if len(hits) == 0 {
			t.Fatal("no hits")
		}
		for _, h := range hits {
			if h.Part != corpus.PartSummary {
				t.Errorf("hit %q has part %s", h.Heading, h.Part)
			}
		}
	})

	t.Run("hostile queries are not syntax errors", func(t *testing.T) {
		for _, q := range []string{`"AND OR ( * NEAR`, `NEAR(党建 师资)`, `党建"`, `*`, `-`, `^党建`, `党建 OR`, `'`, `AND`, `{col}:党建`, `"`, `（）`, `党建 NOT 师资`} {
			r := zj(t, "search", q, "--json")
			if r.code != 0 {
				t.Errorf("search %q: %s", q, r)
				continue
			}
			var hits []searchHitJSON
			decodeJSON(t, r, &hits)
		}
	})

	t.Run("bad filters are reported", func(t *testing.T) {
		if r := zj(t, "search", "党建", "--category", "不存在"); r.code == 0 || !strings.Contains(r.stderr, "师资") {
			t.Errorf("unknown category: want an error listing the categories: %s", r)
		}
		if r := zj(t, "search", "党建", "--part", "middle"); r.code == 0 {
			t.Errorf("unknown part accepted: %s", r)
		}
	})
}

func TestTemplatesAndRoundTrip(t *testing.T) {
	seedFiles(t)
	e := newEnv(t)
	ingestSeeds(t)

	var rows []templateRow
	decodeJSON(t, mustZJ(t, "templates", "--json"), &rows)
	var xupu templateRow
	for _, r := range rows {
		if strings.Contains(r.Title, "溆浦") {
			xupu = r
		}
	}
	if xupu.ID == 0 || xupu.Sections == 0 || len(xupu.Categories) == 0 || len(xupu.Markers) == 0 {
		t.Fatalf("templates --json: 溆浦 report = %+v", xupu)
	}
	id := itoa(int(xupu.ID))

	y := mustZJ(t, "template", "show", id, "--yaml").stdout
	for _, h := range []string{"下阶段工作打算", "抓党建工作", "党建工作深入推进"} {
		if !strings.Contains(y, h) {
			t.Errorf("template show %s --yaml lacks %q:\n%s", id, h, clip(y))
		}
	}
	if plain := mustZJ(t, "templates", "show", id); !strings.Contains(plain.stdout, "下阶段工作打算") {
		t.Errorf("templates show %s (text) lacks 下阶段工作打算: %s", id, plain)
	}
	if r := zj(t, "template", "show", "9999"); r.code == 0 || !strings.Contains(r.stderr, "9999") {
		t.Errorf("template show 9999: %s", r)
	}

	// The YAML is a template file the parser accepts as it is.
	file := e.write(t, "xupu.yaml", []byte(y))
	tmpl, err := draft.ParseTemplate(file, []byte(y), corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatalf("the YAML of template show does not parse back: %v", err)
	}
	summaryHeading := map[string]draft.TemplateSection{}
	for _, s := range tmpl.Sections {
		if s.Part == corpus.PartSummary && s.Level == 2 {
			if _, ok := summaryHeading[s.Category]; !ok {
				summaryHeading[s.Category] = s
			}
		}
	}

	t.Run("draft --template FILE uses its headings", func(t *testing.T) {
		var res draft.Result
		decodeJSON(t, mustZJ(t, "draft", "--facts", factsFile(), "--template", file, "--offline", "--json"), &res)
		used := map[string]draft.SectionResult{}
		for _, s := range res.Sections {
			used[s.Category] = s
		}
		for _, c := range []string{"党建", "办学条件", "师资", "安全"} {
			want, got := summaryHeading[c], used[c]
			if want.Heading == "" {
				t.Fatalf("template has no level-2 summary heading for %s", c)
			}
			// Headings are the template's; markers keep its style but are
			// renumbered for the sections the facts call for.
			if got.Heading != want.Heading || draft.MarkerStyle(got.Marker) != draft.MarkerStyle(want.Marker) {
				t.Errorf("%s section: %q%q, want the template's heading %q in its marker style %q", c, got.Marker, got.Heading, want.Heading, want.Marker)
			}
			if !strings.Contains(res.Markdown, got.Marker+want.Heading) {
				t.Errorf("markdown lacks the template heading %q", got.Marker+want.Heading)
			}
		}
	})

	t.Run("an edited template file is honoured", func(t *testing.T) {
		edited := strings.Replace(y, "党建工作深入推进", "党建引领坚强有力", 1)
		f := e.write(t, "edited.yaml", []byte(edited))
		r := mustZJ(t, "draft", "--facts", factsFile(), "--template", f, "--offline")
		if !strings.Contains(r.stdout, "党建引领坚强有力") || strings.Contains(r.stdout, "党建工作深入推进") {
			t.Errorf("draft with the edited template does not use the edited heading:\n%s", clip(r.stdout))
		}
		broken := e.write(t, "broken.yaml", []byte("sections: [this is: not: valid"))
		if r := zj(t, "draft", "--facts", factsFile(), "--template", broken, "--offline"); r.code == 0 || !strings.Contains(r.stderr, "broken.yaml") {
			t.Errorf("a broken template file: want an error naming it: %s", r)
		}
	})

	t.Run("templates --canonical and --phrasings", func(t *testing.T) {
		var canon []draft.Template
		decodeJSON(t, mustZJ(t, "templates", "--canonical", "--json"), &canon)
		kinds := map[string]bool{}
		for _, c := range canon {
			kinds[c.Kind] = true
			if len(c.Sections) == 0 {
				t.Errorf("canonical template %q has no sections", c.Title)
			}
		}
		if !kinds[corpus.KindSummary] || !kinds[corpus.KindSummaryPlan] {
			t.Errorf("canonical templates for kinds %v, want at least summary and summary+plan", kinds)
		}
		if r := mustZJ(t, "templates", "--canonical"); !strings.Contains(r.stdout, "【") {
			t.Errorf("templates --canonical (text): %s", r)
		}
		var ph map[string][]draft.Phrase
		decodeJSON(t, mustZJ(t, "templates", "--phrasings", "--json"), &ph)
		if len(ph["安全"]) == 0 || ph["安全"][0].Count < 1 {
			t.Errorf("no phrasings for 安全: %+v", ph["安全"])
		}
	})

	t.Run("examples --category 师资 --facts --explain", func(t *testing.T) {
		var ex []exampleJSON
		decodeJSON(t, mustZJ(t, "examples", "--category", "师资", "--facts", repoPath("examples/facts-2024.yaml"), "--explain", "--json"), &ex)
		if len(ex) == 0 || len(ex) > 3 {
			t.Fatalf("%d examples, want 1..3", len(ex))
		}
		docs := map[int64]bool{}
		for _, x := range ex {
			if docs[x.DocID] {
				t.Errorf("two examples from document %d", x.DocID)
			}
			docs[x.DocID] = true
			if len(x.Reasons) == 0 || x.Text == "" || x.Part != corpus.PartSummary {
				t.Errorf("example %+v: want reasons, text (--explain) and part summary", x)
			}
		}
		text := mustZJ(t, "examples", "--category", "师资", "--facts", repoPath("examples/facts-2024.yaml"), "--explain")
		if !strings.Contains(text.stdout, "理由") {
			t.Errorf("examples --explain (text) shows no reasons: %s", text)
		}
		if r := zj(t, "examples", "--category", "不存在"); r.code == 0 || !strings.Contains(r.stderr, "师资") {
			t.Errorf("unknown category: %s", r)
		}
	})
}
