package draft_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm/llmtest"
)

func TestOfflineDraftPassesTheNumberCheckByConstruction(t *testing.T) {
	svc, _ := benchService(&testing.B{}, 0, 1)
	for _, facts := range []string{
		"org: 岚湖县教育局\nyear: 2024\nsections:\n  师资: [招聘特岗教师72名, 培训教师3100人次]\n  安全: [整改隐患86处]\nproblems: [城区大班额问题仍较突出]\n",
		"org: 松岭区教育局\nyear: 2023\nperiod: first-half\ndoc: summary+plan\nsections:\n  办学条件: [完成投资1.35亿元, 新增学位2160个]\n  扶贫: [资助学生1.26万人次]\n",
		"org: 岚湖县教育局\nyear: 2025\ndoc: plan\nsections:\n  学前教育: [普惠性幼儿园覆盖率达到92.5%]\n",
	} {
		f, err := draft.LoadFacts("t.yaml", []byte(facts), taxonomy())
		if err != nil {
			t.Fatal(err)
		}
		res, err := svc.Draft(context.Background(), draft.Request{Facts: f, Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Mode != draft.ModeOffline || !res.Check.OK {
			t.Errorf("%s: mode %s, check %+v\n%s", f.Org, res.Mode, res.Check, res.Markdown)
		}
		if strings.Contains(res.Markdown, "离线") || !strings.Contains(res.Markdown, f.Org) {
			t.Errorf("the offline notice is in the report, or the org is not:\n%s", res.Markdown)
		}
		// The report ends with its sign-off: the org, then the date alone.
		lines := strings.Split(strings.TrimSpace(res.Markdown), "\n\n")
		if n := len(lines); n < 3 || lines[n-2] != f.Org || !regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`).MatchString(lines[n-1]) {
			t.Errorf("no sign-off at the end:\n%s", res.Markdown)
		}
		rest := strings.Join(lines[:len(lines)-1], "\n\n")
		for _, fact := range f.Sections {
			for _, x := range fact.Facts {
				if !strings.Contains(rest, x.Text) {
					t.Errorf("fact %q missing from the draft", x.Text)
				}
				rest = strings.ReplaceAll(rest, x.Text, "")
			}
		}
		for _, y := range []int{f.Year, f.Year + 1} {
			rest = strings.ReplaceAll(rest, strconv.Itoa(y), "")
		}
		if d := regexp.MustCompile(`\d+`).FindString(rest); d != "" {
			t.Errorf("a number the user did not give (%s) is in:\n%s", d, res.Markdown)
		}
	}
}

func TestModelInventedFigureIsRepairedOnceThenMarked(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.WithReply(func(req llmtest.Request) llmtest.Reply {
		rep := llmtest.EchoFacts(req)
		rep.Text += "全年另招收新生9350人。"
		return rep
	}))
	res := draftOneFact(t, srv.URL)
	if !strings.Contains(res.Markdown, "【待核实：") || !strings.Contains(res.Markdown, "9350人】") {
		t.Errorf("invented figure not marked:\n%s", res.Markdown)
	}
	if res.Check.OK || len(res.Check.Unsupported) == 0 || !strings.Contains(strings.Join(res.Check.Unsupported, " "), "9350") {
		t.Errorf("check = %+v, want 9350 unsupported", res.Check)
	}
	n9350 := 0
	for _, u := range res.Check.Unsupported {
		if strings.Contains(u, "9350") {
			n9350++
		}
	}
	if n9350 != 1 {
		t.Errorf("9350 listed %d times in %q, want once", n9350, res.Check.Unsupported)
	}
	repairs := 0
	for _, r := range srv.Requests() {
		// The opening (标题“开头”) has its own repair; this counts the section's.
		if (strings.Contains(r.Messages[0].Content, "修改") || strings.Contains(r.Last(), "9350")) && !strings.Contains(r.Last(), "标题“开头”") {
			repairs++
		}
	}
	if repairs != 1 {
		t.Errorf("section repair calls = %d, want exactly one", repairs)
	}
}

// TestOpeningWithAnInventedFigureIsRepairedThenMarked checks that an opening
// holding a figure nobody gave is repaired once and, when the model insists,
// kept with the figure marked: never dropped or swapped silently.
func TestOpeningWithAnInventedFigureIsRepairedThenMarked(t *testing.T) {
	const opening = "2024年，全县教育系统凝心聚力，全县共有学校128所。"
	srv := llmtest.NewServer(t, llmtest.WithReply(func(req llmtest.Request) llmtest.Reply {
		if strings.Contains(req.Messages[0].Content, "总述段") || strings.Contains(req.Last(), "开头") {
			return llmtest.Reply{Text: opening}
		}
		return llmtest.EchoFacts(req)
	}))
	res := draftOneFact(t, srv.URL)
	if !strings.Contains(res.Markdown, "全县教育系统凝心聚力") || !strings.Contains(res.Markdown, "【待核实：128所】") {
		t.Errorf("the opening is not kept with its figure marked:\n%s", res.Markdown)
	}
	repairs := 0
	for _, r := range srv.Requests() {
		if strings.Contains(r.Last(), "128") && !strings.Contains(r.Messages[0].Content, "总述段") {
			repairs++
		}
	}
	if repairs != 1 || res.Check.OK {
		t.Errorf("opening repairs = %d (want 1), check %+v", repairs, res.Check)
	}
}

// draftOneFact drafts a one-fact report against the model at url.
func draftOneFact(t *testing.T, url string) draft.Result {
	t.Helper()
	f, err := draft.LoadFacts("t.yaml", []byte("org: 岚湖县教育局\nyear: 2024\nsections:\n  师资: [招聘特岗教师72名]\n"), taxonomy())
	if err != nil {
		t.Fatal(err)
	}
	res, err := modelService(t, url).Draft(context.Background(), draft.Request{Facts: f})
	if err != nil {
		t.Fatal(err)
	}
	return res
}
