package web_test

// The 写计划 page: the form escapes corpus titles; a plan from a corpus
// summary or pasted text carries the summary's unfinished work over, answers
// its problems and the form's, is checked for figures, and downloads as .md
// and .docx; the usual origin and size checks apply.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/prompts"
	"github.com/zongjie/zongjie/web"
)

// unfinishedSummary reports a project still under construction and two
// problems.
const unfinishedSummary = `青川县教育局2023年工作总结

2023年，全县教育系统坚持立德树人根本任务，统筹推进各级各类教育协调发展，各项工作取得新成效。现将全年工作总结如下。

一、改善办学条件
全年投入教育资金1.2亿元，完成校舍维修改造12处，学校标准化建设水平持续提升。新建5所小学教师周转宿舍，正在实施主体工程建设，预计年底前交付使用。

二、加强师资队伍建设
招聘特岗教师40名，组织教师培训1800人次，师德师风建设扎实推进，教师队伍整体素质不断提升。

三、存在的问题
一是农村学校寄宿条件仍较薄弱；二是音体美学科教师结构性缺编问题仍然突出。
`

// firstHalfSummary is a first-half summary, to be pasted.
const firstHalfSummary = `云杉县教育局2024年上半年工作总结

2024年上半年，全县教育系统坚持稳中求进工作总基调，扎实推进教育强县建设，各项工作有序开展。现将上半年工作总结如下。

一、推进项目建设
云杉县第三中学综合楼项目已完成招标，正在开展基础施工，计划于2025年秋季投入使用。为农村学校新配备课桌椅3200套。

二、存在的问题
部分乡镇学校教师年龄结构老化问题仍较突出。
`

type planTask struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Label  string `json:"label"`
}

type planResult struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Year     int    `json:"year"`
	Mode     string `json:"mode"`
	From     string `json:"from"`
	Markdown string `json:"markdown"`
	Sections []struct {
		Heading  string     `json:"heading"`
		Category string     `json:"category"`
		Items    []planTask `json:"items"`
		Text     string     `json:"text"`
	} `json:"sections"`
	Check struct {
		OK          bool     `json:"ok"`
		Unsupported []string `json:"unsupported"`
	} `json:"check"`
}

// tasks lists every task of the plan with the given source.
func (p planResult) tasks(source string) []string {
	var out []string
	for _, s := range p.Sections {
		for _, it := range s.Items {
			if it.Source == source {
				out = append(out, it.Text)
			}
		}
	}
	return out
}

// saveSummary stores a report in the fixture's corpus and returns its id.
func (f *fixture) saveSummary(t *testing.T, name, text string) int64 {
	t.Helper()
	res, err := corpus.NewParser(corpus.DefaultTaxonomy()).Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := f.db.SaveDocument(context.Background(), name, res.Encoding, res.Documents[0])
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// plan posts the plan form and decodes the answer; it fails the test unless
// the status is 200.
func (f *fixture) plan(t *testing.T, form url.Values) planResult {
	t.Helper()
	resp := f.post(t, "/plan", form)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("POST /plan: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var p planResult
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPlanPageEscapesCorpusTitles(t *testing.T) {
	f := newFixture(t, nil)
	status, body := f.get(t, "/plan")
	if status != http.StatusOK {
		t.Fatalf("GET /plan: status %d\n%s", status, body)
	}
	if strings.Contains(body, rawScript) || !strings.Contains(body, escapedScript) {
		t.Errorf("GET /plan: title not escaped")
	}
	for _, want := range []string{`<a href="/plan" aria-current="page">写计划</a>`, fmt.Sprintf(`<option value="%d" data-year="2023" data-period="annual">`, f.docID),
		`name="text"`, `name="problems"`, `name="year"`, `id="template"`} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /plan lacks %s", want)
		}
	}
}

func TestPlanFromCorpusSummary(t *testing.T) {
	f := newFixture(t, nil)
	id := f.saveSummary(t, "青川县2023年总结.txt", unfinishedSummary)
	p := f.plan(t, url.Values{"source": {"corpus"}, "summary": {fmt.Sprint(id)},
		"problems": {"农村学校心理健康教师配备不足\n"}, "targets": {"新建普惠性幼儿园2所"}})

	if p.Year != 2024 || !strings.HasPrefix(p.Markdown, "# 青川县教育局2024年工作计划\n") || p.Title != "青川县教育局2024年工作计划" {
		t.Errorf("an annual 2023 summary gives year %d, title %q", p.Year, p.Title)
	}
	if p.Mode != draft.ModeLLM || !strings.Contains(p.From, "青川县教育局2023年工作总结") {
		t.Errorf("mode %q from %q", p.Mode, p.From)
	}
	carry := strings.Join(p.tasks(draft.SourceCarryOver), "\n")
	if !strings.Contains(carry, "小学教师周转宿舍") {
		t.Errorf("no carry-over task naming the dormitories: %q", carry)
	}
	problems := strings.Join(p.tasks(draft.SourceProblem), "\n")
	for _, want := range []string{"心理健康教师", "寄宿条件", "音体美"} {
		if !strings.Contains(problems, want) {
			t.Errorf("no problem task for %s: %q", want, problems)
		}
	}
	if facts := p.tasks(draft.SourceFact); len(facts) != 1 || facts[0] != "新建普惠性幼儿园2所" {
		t.Errorf("target tasks %q", facts)
	}
	if len(p.tasks(draft.SourceModel)) == 0 {
		t.Errorf("no model task although the text was polished")
	}
	for _, s := range p.Sections {
		for _, it := range s.Items {
			if it.Label == "" || it.Label == it.Source {
				t.Errorf("task %q has no label for source %q", it.Text, it.Source)
			}
		}
	}
	// The fake model adds 9350人, which neither the summary nor the form has.
	if p.Check.OK || !strings.Contains(strings.Join(p.Check.Unsupported, " "), "9350") || !strings.Contains(p.Markdown, "【待核实：") {
		t.Errorf("invented figure not caught: %+v\n%s", p.Check, p.Markdown)
	}
	// One model call per category; the targets (主要目标) are stated as given.
	if n := f.model.Count(); n != len(p.Sections)-1 || p.Sections[0].Heading != "主要目标" {
		t.Errorf("%d model calls for %d sections (the first %q)", n, len(p.Sections), p.Sections[0].Heading)
	}

	// A year in the form overrides the computed one.
	p2 := f.plan(t, url.Values{"summary": {fmt.Sprint(id)}, "year": {"2026"}, "org": {"青川县教育体育局"}})
	if p2.Year != 2026 || p2.Title != "青川县教育体育局2026年工作计划" {
		t.Errorf("year/org override: %d %q", p2.Year, p2.Title)
	}
}

func TestPlanFromPastedText(t *testing.T) {
	f := newFixture(t, nil)
	p := f.plan(t, url.Values{"source": {"paste"}, "text": {firstHalfSummary}, "summary": {"999"}})
	if p.Year != 2024 || p.Title != "云杉县教育局2024年下半年工作计划" {
		t.Errorf("a first-half 2024 summary gives year %d, title %q", p.Year, p.Title)
	}
	if carry := strings.Join(p.tasks(draft.SourceCarryOver), "\n"); !strings.Contains(carry, "第三中学综合楼") {
		t.Errorf("no carry-over task naming the building: %q", carry)
	}
	if problems := strings.Join(p.tasks(draft.SourceProblem), "\n"); !strings.Contains(problems, "年龄结构老化") {
		t.Errorf("no problem task: %q", problems)
	}
	if _, body := f.get(t, "/"); strings.Contains(body, "云杉县") {
		t.Errorf("pasted text was stored in the corpus")
	}

	for _, c := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"source": {"paste"}, "text": {"你好，请帮我写计划。"}}, "没有找到工作总结"},
		{url.Values{"source": {"paste"}, "text": {"  "}}, "请粘贴"},
		{url.Values{"source": {"corpus"}}, "请选择"},
		{url.Values{"source": {"corpus"}, "summary": {"999"}}, "没有编号为 999"},
		{url.Values{"source": {"paste"}, "text": {firstHalfSummary}, "year": {"明年"}}, "计划年份应为"},
	} {
		resp := f.post(t, "/plan", c.form)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), c.want) {
			t.Errorf("POST %v: %d %q, want 400 with %q", c.form, resp.StatusCode, body, c.want)
		}
	}
}

func TestPlanOffline(t *testing.T) {
	set, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	var f *fixture
	f = newFixture(t, func(s *web.Server) {
		s.NewPlanner = func() (*draft.Planner, error) {
			return &draft.Planner{Sections: f.db, Prompts: set, Taxonomy: corpus.DefaultTaxonomy()}, nil
		}
	})
	id := f.saveSummary(t, "青川县2023年总结.txt", unfinishedSummary)
	p := f.plan(t, url.Values{"summary": {fmt.Sprint(id)}})
	if p.Mode != draft.ModeOffline || f.model.Count() != 0 || !p.Check.OK || len(p.tasks(draft.SourceModel)) != 0 {
		t.Errorf("offline plan: mode %q, %d model calls, check %+v", p.Mode, f.model.Count(), p.Check)
	}
	if !strings.Contains(p.Markdown, "加快推进5所小学教师周转宿舍建设") {
		t.Errorf("offline text lacks the carry-over task:\n%s", p.Markdown)
	}
}

func TestPlanPostChecks(t *testing.T) {
	f := newFixture(t, func(s *web.Server) { s.MaxFormBytes = 8 << 10 })
	form := url.Values{"source": {"paste"}, "text": {firstHalfSummary}}
	for _, hdr := range [][]string{
		{"Origin", "http://evil.example"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", ""},
	} {
		if resp := f.post(t, "/plan", form, hdr...); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST /plan with %q: status %d, want 403", hdr, resp.StatusCode)
		}
	}
	resp := f.post(t, "/plan", url.Values{"source": {"paste"}, "text": {strings.Repeat(firstHalfSummary, 20)}})
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(msg), "超过大小限制（最多 8 KB）") {
		t.Errorf("large form: status %d %q, want 413", resp.StatusCode, msg)
	}
	if f.model.Count() != 0 {
		t.Errorf("a refused request reached the model")
	}
}

func TestPlanDownloads(t *testing.T) {
	f := newFixture(t, nil)
	id := f.saveSummary(t, "青川县2023年总结.txt", unfinishedSummary)
	p := f.plan(t, url.Values{"summary": {fmt.Sprint(id)}})

	resp, err := http.Get(fmt.Sprintf("%s/plans/%s/plan.md", f.ts.URL, p.ID))
	if err != nil {
		t.Fatal(err)
	}
	md, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || string(md) != p.Markdown || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/markdown") {
		t.Errorf("plan.md: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), md)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, url.PathEscape("青川县教育局2024年工作计划.md")) {
		t.Errorf("Content-Disposition %q", cd)
	}

	resp, err = http.Get(fmt.Sprintf("%s/plans/%s/plan.docx", f.ts.URL, p.ID))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("plan.docx: status %d, %d bytes", resp.StatusCode, len(data))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	if !strings.Contains(doc, "青川县教育局2024年工作计划") || !strings.Contains(doc, "周转宿舍") {
		t.Errorf("word/document.xml lacks the plan (%d bytes)", len(doc))
	}
	for _, path := range []string{"/plans/nope/plan.md", "/plans/nope/plan.docx"} {
		if status, body := f.get(t, path); status != http.StatusNotFound || !strings.Contains(body, "重新生成") {
			t.Errorf("GET %s: %d %q, want 404", path, status, body)
		}
	}
}
