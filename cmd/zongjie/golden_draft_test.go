package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

var update = flag.Bool("update", false, "rewrite testdata/drafts/*.golden.md")

// goldenCase is one facts file of testdata/drafts and how it is drafted.
type goldenCase struct {
	name string   // facts file without .yaml
	args []string // the command after the facts flag
	plan bool     // a plan from this period's facts: it covers the next period
}

var goldenCases = []goldenCase{
	{"annual-county", []string{"draft"}, false},
	{"firsthalf-summary-plan", []string{"draft"}, false},
	{"q3", []string{"draft"}, false},
	{"summary-plan-district", []string{"draft"}, false},
	{"plan-from-summary", []string{"plan"}, true},
	{"template-reuse", []string{"draft", "--template", testdataPath("drafts/template-2020.yaml")}, false},
	{"plan-doc", []string{"draft"}, false},
	{"q4", []string{"draft"}, false},                            // the last quarter closes on the next year
	{"sports-bureau-summary-plan", []string{"draft"}, false},    // 其他 facts, projects carried over, 教育体育局
	{"sports-bureau-summary-plan.plan", []string{"plan"}, true}, // a plan from a summary+plan's facts
}

// signOffLine is the 成文日期 under a report; it depends on the day the test
// runs, so golden files hold a fixed one.
var signOffLine = regexp.MustCompile(`(?m)^\d{4}年\d{1,2}月\d{1,2}日$`)

// TestGoldenOfflineDrafts drafts every facts file of testdata/drafts offline
// on the starter corpus, compares the report with its golden file (-update
// rewrites them) and checks what a bureau writer checks on all of them.
func TestGoldenOfflineDrafts(t *testing.T) {
	newEnv(t)
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			path := testdataPath("drafts/" + strings.TrimSuffix(c.name, ".plan") + ".yaml")
			args := append(append([]string{}, c.args...), "--facts", path, "--offline")
			md := mustZJ(t, args...).stdout
			facts := loadTestFacts(t, path)
			compareGolden(t, testdataPath("drafts/"+c.name+".golden.md"), signOffLine.ReplaceAllString(md, "YYYY年M月D日"))
			checkWriterRules(t, md, facts, c.plan)
		})
	}
}

// TestWriterRulesOnUnseenFacts runs the writer's checks on facts files the
// code was not tuned on: ZONGJIE_UNSEEN_FACTS names a directory of them (a
// set written blind, kept out of the repository). Each is drafted as its
// doc says; a summary's facts are also planned from.
func TestWriterRulesOnUnseenFacts(t *testing.T) {
	dir := os.Getenv("ZONGJIE_UNSEEN_FACTS")
	if dir == "" {
		t.Skip("ZONGJIE_UNSEEN_FACTS not set: no unseen facts files to check")
	}
	checkFactsDir(t, dir)
}

// TestWriterRulesOnBlindFacts runs the same checks on the two sets written
// blind (from the README and the facts contract only) that the composer was
// later tuned on: testdata/blind-facts, s1 and s2. They are no longer
// unseen; they keep what was fixed fixed.
func TestWriterRulesOnBlindFacts(t *testing.T) {
	checkFactsDir(t, testdataPath("blind-facts"))
}

// checkFactsDir drafts every facts file of dir offline (and plans from each
// summary's facts) and checks what a bureau writer checks.
func checkFactsDir(t *testing.T, dir string) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no facts files in %s (%v)", dir, err)
	}
	newEnv(t)
	for _, path := range paths {
		facts := loadTestFacts(t, path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			checkWriterRules(t, checkedOutput(t, "draft", "--facts", path, "--offline"), facts, false)
			if facts.Doc != corpus.KindPlan {
				checkWriterRules(t, checkedOutput(t, "plan", "--facts", path, "--offline"), facts, true)
			}
		})
	}
}

// checkedOutput runs an offline draft or plan and returns its Markdown; the
// number check must pass, since nothing the tool wrote itself (a title's
// period, a date) may be taken for an invented figure.
func checkedOutput(t *testing.T, args ...string) string {
	t.Helper()
	r := mustZJ(t, args...)
	if strings.Contains(r.stderr, "数字核对：未通过") {
		t.Errorf("zongjie %s: the number check did not pass: %s", strings.Join(args, " "), r.stderr)
	}
	return r.stdout
}

func loadTestFacts(t *testing.T, path string) draft.Facts {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := draft.LoadFacts(filepath.Base(path), data, corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the draft (run with -update after checking):\n%s", filepath.Base(path), got)
	}
}

// checkWriterRules checks a draft against what would embarrass its writer.
func checkWriterRules(t *testing.T, md string, f draft.Facts, plan bool) {
	t.Helper()
	checkPeriod(t, md, f, plan)
	checkNoRepeats(t, md)
	checkLevel(t, md, f.Org)
	checkYearsAndCampaigns(t, md, f, plan)
	checkProblemsNotEchoed(t, md, f)
	if strings.Contains(md, "离线") || strings.ContainsAny(md, "\"'") {
		t.Errorf("the offline notice or an ASCII quote is in the report")
	}
	lines := strings.Split(strings.TrimSpace(md), "\n\n")
	if n := len(lines); n < 2 || lines[n-2] != f.Org || !signOffLine.MatchString(lines[n-1]) {
		t.Errorf("no sign-off (org, then date) at the end")
	}
	if plan {
		checkNoFiguresRestated(t, md, f)
		return
	}
	if f.Doc == corpus.KindSummaryPlan {
		checkNoFiguresRestated(t, planPart(md, f), f) // the plan part looks forward too
	}
	if f.Doc != corpus.KindPlan {
		// a report's facts are woven into paragraphs; a plan's tasks are
		// listed as the writer gave them, not padded with stock sentences
		checkParagraphLength(t, md, f)
	}
}

// checkPeriod: the title names the report's period, and a plan covers the
// period after a summary.
func checkPeriod(t *testing.T, md string, f draft.Facts, plan bool) {
	t.Helper()
	title := strings.SplitN(md, "\n", 2)[0]
	p := draft.Period{Year: f.Year, Span: f.Period}
	want := p.Name()
	if plan {
		want = p.Next().Name() + "工作计划"
	}
	if !strings.Contains(title, want) {
		t.Errorf("title %q does not name %s", title, want)
	}
	if next := p.Next(); f.Doc == corpus.KindSummaryPlan && !plan && !regexp.MustCompile(`(?m)^## .*`+regexp.QuoteMeta(next.Short())+`.*(计划|打算|思路|要点)`).MatchString(md) {
		t.Errorf("no plan part heading for %s", next.Short())
	}
}

// checkNoRepeats: no sentence of ten characters or more appears twice.
func checkNoRepeats(t *testing.T, md string) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range regexp.MustCompile(`[^。！？\n]+[。！？]`).FindAllString(md, -1) {
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) >= 10 && seen[s] {
			t.Errorf("sentence repeated: %s", s)
		}
		seen[s] = true
	}
}

// checkLevel: a county's report speaks of 全县, a district's of 全区.
func checkLevel(t *testing.T, md, org string) {
	t.Helper()
	other := map[bool]string{true: "全县", false: "全区"}[strings.Contains(org, "区")]
	if strings.Contains(md, other) {
		t.Errorf("%s writes %s", org, other)
	}
}

// checkYearsAndCampaigns: only the report's years, and no campaign of
// another year in any heading.
func checkYearsAndCampaigns(t *testing.T, md string, f draft.Facts, plan bool) {
	t.Helper()
	body := signOffLine.ReplaceAllString(md, "")
	for _, sp := range corpus.Scan(body) {
		if sp.Kind == corpus.KindYear && sp.Value != float64(f.Year) && sp.Value != float64(f.Year+1) {
			t.Errorf("year %s in a %d report", sp.Text, f.Year)
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range []string{"疫情", "新冠", "党史学习教育", "不忘初心"} {
			if strings.Contains(line, w) {
				t.Errorf("heading %q names a campaign of another year", line)
			}
		}
	}
}

// checkProblemsNotEchoed: a problem is listed in the problems part and at
// most named once more, after a measure; its countermeasure does not
// restate it as the task.
func checkProblemsNotEchoed(t *testing.T, md string, f draft.Facts) {
	t.Helper()
	for _, p := range f.Problems {
		if n := strings.Count(md, strings.TrimRight(p.Text, "。")); n > 2 {
			t.Errorf("problem %q appears %d times", p.Text, n)
		}
	}
	if strings.Contains(md, "着力解决") && strings.Contains(md, "的情况") {
		t.Errorf("a countermeasure echoes its problem")
	}
}

// checkNoFiguresRestated: a plan from this year's facts restates none of
// this year's results.
func checkNoFiguresRestated(t *testing.T, md string, f draft.Facts) {
	t.Helper()
	plan := corpus.Scan(md)
	next := draft.Period{Year: f.Year, Span: f.Period}.Next()
	ahead := func(text string) bool {
		return regexp.MustCompile(`力争|争取|预计|计划|下半年|明年`).MatchString(text) || strings.HasPrefix(text, next.Short()) || strings.HasPrefix(text, next.Name())
	}
	var targets []corpus.Span // the writer's own figures for the next period
	for _, c := range f.Sections {
		for _, fact := range c.Facts {
			if ahead(fact.Text) {
				targets = append(targets, corpus.Scan(fact.Text)...)
			}
		}
	}
	for _, c := range f.Sections {
		for _, fact := range c.Facts {
			if ahead(fact.Text) {
				continue // the writer's target or unfinished work is carried into the plan
			}
			for _, fs := range corpus.Scan(fact.Text) {
				if slices.ContainsFunc(targets, func(ts corpus.Span) bool { return ts.Value == fs.Value && ts.Class == fs.Class }) {
					continue // a target of the same figure (检查覆盖率100%) may be in the plan
				}
				for _, ps := range plan {
					if fs.Claims() && ps.Claims() && fs.Value == ps.Value && fs.Class == ps.Class {
						t.Errorf("the plan restates this year's %q", fact.Text)
					}
				}
			}
		}
	}
}

// planPart is the text from the plan part's heading to the closing.
func planPart(md string, f draft.Facts) string {
	next := draft.Period{Year: f.Year, Span: f.Period}.Next().Short()
	loc := regexp.MustCompile(`(?m)^## .*` + regexp.QuoteMeta(next)).FindStringIndex(md)
	if loc == nil {
		return ""
	}
	return md[loc[0]:]
}

// checkParagraphLength: a paragraph that reports two facts or more of a
// section reads as 80 characters or more.
func checkParagraphLength(t *testing.T, md string, f draft.Facts) {
	t.Helper()
	for _, c := range f.Sections {
		if len(c.Facts) < 2 {
			continue
		}
		for _, para := range strings.Split(md, "\n\n") {
			n := 0
			for _, fact := range c.Facts {
				if strings.Contains(para, strings.TrimRight(fact.Text, "。")) {
					n++
				}
			}
			if n >= 2 && utf8.RuneCountInString(para) < 80 {
				t.Errorf("the %s section is %d characters: %s", c.Category, utf8.RuneCountInString(para), para)
			}
		}
	}
}

// TestPlanFromSeedsLooksForward makes a plan from each real seed report (no
// golden file: their text is third-party) and checks what a writer checks:
// the next period in the title, an opening, no campaign of another year, no
// sentence twice, the org's level, a sign-off, no figure the seed reports as
// this period's result.
func TestPlanFromSeedsLooksForward(t *testing.T) {
	newEnv(t)
	for _, path := range seedFiles(t) {
		res := zj(t, "parse", path, "--json")
		var parsed struct {
			Documents []struct {
				Org    string `json:"org"`
				Year   int    `json:"year"`
				Period string `json:"period"`
			} `json:"documents"`
		}
		decodeJSON(t, res, &parsed)
		doc := parsed.Documents[0]
		if doc.Year == 0 || doc.Org == "" {
			continue // a plan needs a year and an org to look forward from
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			md := mustZJ(t, "plan", "--from", path, "--offline").stdout
			next := draft.Period{Year: doc.Year, Span: doc.Period}.Next()
			title := strings.SplitN(md, "\n", 2)[0]
			if !strings.Contains(title, next.Name()+"工作计划") {
				t.Errorf("title %q does not plan %s", title, next.Name())
			}
			f := draft.Facts{Org: doc.Org, Year: next.Year, Period: next.Span, Doc: corpus.KindPlan}
			checkNoRepeats(t, md)
			checkLevel(t, md, doc.Org)
			for _, w := range []string{"党纪学习教育", "党史学习教育", "疫情", "新冠"} {
				if strings.Contains(md, w) && !(w == "党纪学习教育" && next.Year == 2024) && !(w == "党史学习教育" && next.Year == 2021) {
					t.Errorf("a %d plan names %s", next.Year, w)
				}
			}
			lines := strings.Split(strings.TrimSpace(md), "\n\n")
			if n := len(lines); n < 3 || lines[n-2] != f.Org || !signOffLine.MatchString(lines[n-1]) || !strings.Contains(lines[1], "主要工作安排如下") {
				t.Errorf("no opening or no sign-off:\n%s", md)
			}
		})
	}
}

// TestDraftQueriesAWrongYearCampaign: the writer's 党纪学习教育 in a 2025
// report stays as written, and the command asks the writer to confirm it.
func TestDraftQueriesAWrongYearCampaign(t *testing.T) {
	newEnv(t)
	res := mustZJ(t, "draft", "--facts", testdataPath("drafts/firsthalf-summary-plan.yaml"), "--offline")
	if !strings.Contains(res.stderr, "请核实事实：“开展党纪学习教育专题研讨6场”") || !strings.Contains(res.stdout, "开展党纪学习教育专题研讨6场") {
		t.Errorf("stderr:\n%s", res.stderr)
	}
	var out draft.Result
	decodeJSON(t, mustZJ(t, "draft", "--facts", testdataPath("drafts/firsthalf-summary-plan.yaml"), "--offline", "--json"), &out)
	if len(out.Check.Queries) != 1 {
		t.Errorf("JSON check.queries = %q", out.Check.Queries)
	}
}
