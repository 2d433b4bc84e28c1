package main

// Issue 4 without a model: the offline composer and the number check.

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

var numberRE = regexp.MustCompile(`[0-9０-９]+(?:[.．][0-9０-９]+)?`)

// loadFacts reads a facts file the way the command does.
func loadFacts(t *testing.T, path string) draft.Facts {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := draft.LoadFacts(path, data, corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// factNumbers are the numbers written in the facts file, plus the year.
func factNumbers(f draft.Facts) map[string]bool {
	nums := map[string]bool{itoa(f.Year): true}
	for _, c := range f.Sections {
		for _, x := range c.Facts {
			for _, n := range numberRE.FindAllString(x.Text, -1) {
				nums[n] = true
			}
		}
	}
	for _, x := range f.Problems {
		for _, n := range numberRE.FindAllString(x.Text, -1) {
			nums[n] = true
		}
	}
	return nums
}

// assertOnlyFactNumbers fails for any digit in md that is not one of the
// facts' numbers or the year.
var signOffDateRE = regexp.MustCompile(`\n\d{4}年\d{1,2}月\d{1,2}日\n*$`)

func assertOnlyFactNumbers(t *testing.T, md string, f draft.Facts) {
	t.Helper()
	allowed := factNumbers(f)
	// The sign-off date on the last line dates the report and claims nothing.
	md = signOffDateRE.ReplaceAllString(md, "")
	for _, n := range numberRE.FindAllString(md, -1) {
		if !allowed[n] {
			i := strings.Index(md, n)
			t.Errorf("the draft holds the number %q, which is neither a fact's figure nor the year: …%s…", n, string([]rune(md[max(0, i-30):])[:20]))
		}
	}
}

func TestOfflineDraftForAnUnseenCounty(t *testing.T) {
	for _, withSeeds := range []bool{false, true} {
		name := "fresh database (starter corpus only)"
		if withSeeds {
			name = "after ingesting the seeds"
		}
		t.Run(name, func(t *testing.T) {
			if withSeeds {
				seedFiles(t)
			}
			e := newEnv(t)
			if withSeeds {
				ingestSeeds(t)
			}
			facts := loadFacts(t, factsFile())

			r := mustZJ(t, "draft", "--facts", factsFile())
			md := r.stdout
			if !strings.Contains(r.stderr, "离线") {
				t.Errorf("stderr does not say the draft is offline: %s", r)
			}
			lines := strings.Split(strings.TrimSpace(md), "\n")
			if !strings.HasPrefix(lines[0], "# ") || !strings.Contains(lines[0], "岚湖县教育局") || !strings.Contains(lines[0], "2024") {
				t.Errorf("title line %q: want a heading naming 岚湖县教育局 and 2024", lines[0])
			}
			// How the draft was made is said on stderr, not in the report.
			if !strings.Contains(r.stderr, "ZONGJIE_LLM_BASE_URL") || !strings.Contains(r.stderr, "ZONGJIE_LLM_MODEL") || strings.Contains(md, "离线") {
				t.Errorf("want the offline notice (with how to configure a model) on stderr and not in the report; stderr: %s", r.stderr)
			}

			// A heading per category of the facts, and every figure.
			var res draft.Result
			decodeJSON(t, mustZJ(t, "draft", "--facts", factsFile(), "--json"), &res)
			if res.Mode != draft.ModeOffline || !res.Check.OK || res.RunID == 0 {
				t.Errorf("draft --json: mode %q, check %+v, run %d; want offline, ok, a stored run", res.Mode, res.Check, res.RunID)
			}
			if res.Markdown != md {
				t.Errorf("--json markdown differs from the plain output")
			}
			headings := map[string]string{}
			for _, s := range res.Sections {
				if s.Level > 0 {
					headings[s.Category] = s.Marker + s.Heading
				}
			}
			for _, c := range facts.Categories() {
				h, ok := headings[c]
				if !ok {
					t.Errorf("no section for the category %s (sections: %v)", c, headings)
					continue
				}
				if !regexp.MustCompile(`(?m)^#{2,6} ` + regexp.QuoteMeta(h) + `$`).MatchString(md) {
					t.Errorf("no Markdown heading line for %s (%q)", c, h)
				}
			}
			// Every figure, as written (the label may take a verb: 上线率达71.4%).
			for _, fig := range facts.Figures() {
				if !strings.Contains(md, strings.TrimPrefix(fig.Text, fig.Label)) || !strings.Contains(md, fig.Label) {
					t.Errorf("the figure %q of the facts is not in the draft", fig.Text)
				}
			}
			for _, p := range facts.Problems {
				if !strings.Contains(md, p.Text) {
					t.Errorf("the problem %q is not in the draft", p.Text)
				}
			}

			// No other number, the county's name, no other county's.
			assertOnlyFactNumbers(t, md, facts)
			if strings.Count(md, "岚湖县") < 2 {
				t.Errorf("the draft names 岚湖县 %d times, want the title and the opening at least", strings.Count(md, "岚湖县"))
			}
			for _, c := range corpusCounties {
				if strings.Contains(md, c) {
					t.Errorf("the draft names %s, a county of the corpus:\n%s", c, md)
				}
			}

			// The draft passes the standalone check; an invented number fails it.
			file := e.write(t, "draft.md", []byte(md))
			if r := zj(t, "check", file, "--facts", factsFile()); r.code != 0 || !strings.Contains(r.stdout, "通过") {
				t.Errorf("check of the offline draft: %s", r)
			}
			bad := strings.Replace(md, "招聘特岗教师72名", "招聘特岗教师72名，另新建图书室35间", 1)
			badFile := e.write(t, "bad.md", []byte(bad))
			r = zj(t, "check", badFile, "--facts", factsFile(), "--json")
			if r.code != 3 {
				t.Errorf("check of a draft with an invented number exits %d, want 3: %s", r.code, r)
			}
			var c draft.CheckResult
			decodeJSON(t, r, &c)
			if c.OK || !containsPart(c.Unsupported, "35") {
				t.Errorf("check --json = %+v, want the invented 35间 listed as unsupported", c)
			}
			if r := zj(t, "check", badFile, "--facts", factsFile()); r.code != 3 || !strings.Contains(r.stdout, "35") {
				t.Errorf("check (text) does not list the invented figure: %s", r)
			}
			// A figure dropped from the draft is reported missing.
			dropped := e.write(t, "dropped.md", []byte(strings.ReplaceAll(md, "整改隐患86处", "整改隐患若干处")))
			r = zj(t, "check", dropped, "--facts", factsFile(), "--json")
			decodeJSON(t, r, &c)
			if r.code != 3 || !containsPart(c.Missing, "86") {
				t.Errorf("check of a draft missing 86处: exit %d, %+v", r.code, c)
			}
		})
	}
}

func TestDraftErrors(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name  string
		facts string
		want  []string // substrings of stderr
	}{
		{"unknown category lists the valid ones", "org: 岚湖县教育局\nyear: 2024\nsections:\n  党建: [新发展党员9人]\n  后勤: [食堂改造3处]\n", []string{"第5行", "后勤", "师资"}},
		{"bad YAML names the line", "org: 岚湖县教育局\nyear: 2024\nsections:\n  党建: [新发展党员9人\n", []string{"facts.yaml 第4行", "YAML"}},
		{"no facts at all", "org: 岚湖县教育局\nyear: 2024\nsections: {}\n", []string{"facts.yaml 第3行", "没有任何事实"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := e.write(t, tt.name+"/facts.yaml", []byte(tt.facts))
			r := zj(t, "draft", "--facts", f, "--offline")
			if r.code == 0 {
				t.Fatalf("draft accepted bad facts: %s", r)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, r)
				}
			}
		})
	}
	if r := zj(t, "draft"); r.code == 0 || !strings.Contains(r.stderr, "--facts") {
		t.Errorf("draft without --facts: %s", r)
	}
	if r := zj(t, "draft", "--facts", e.path("none.yaml")); r.code == 0 || !strings.Contains(r.stderr, "事实文件") {
		t.Errorf("draft with a missing facts file: %s", r)
	}
	if r := zj(t, "draft", "--resume", "9999"); r.code == 0 || !strings.Contains(r.stderr, "9999") {
		t.Errorf("draft --resume 9999: %s", r)
	}
	out := e.path("out.md")
	r := mustZJ(t, "draft", "--facts", factsFile(), "--out", out)
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), "岚湖县教育局") || r.stdout != "" || !strings.Contains(r.stderr, out) {
		t.Errorf("draft --out: file %q (%v), %s", clip(string(data)), err, r)
	}
}

// containsPart reports whether some item of list contains s.
func containsPart(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}
