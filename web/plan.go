package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/docx"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// planFormView is the data of the 写计划 page.
type planFormView struct {
	// Summaries are the corpus documents to plan from, summaries first.
	Summaries []corpus.DocumentRecord
	// Templates are the newest reports, for the template picker; More also
	// counts the summaries not listed.
	Templates picker
	// MaxForm is the form size limit in words.
	MaxForm string
}

// planPage shows the plan form: a summary from the corpus or pasted, the
// plan year, extra problems and targets, and a template.
func (h *handlers) planPage(w http.ResponseWriter, r *http.Request) {
	docs, err := h.newestReports(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := planFormView{Summaries: summariesFirst(docs.Docs), Templates: docs, MaxForm: sizeText(h.MaxFormBytes)}
	h.render(w, r, http.StatusOK, "plan", page{Title: "写计划", Nav: "plan", Data: v})
}

// summariesFirst orders documents for the summary picker: summaries (and
// summaries with a plan) first, plans last, each by year, newest first.
func summariesFirst(docs []corpus.DocumentRecord) []corpus.DocumentRecord {
	out := append([]corpus.DocumentRecord(nil), docs...)
	rank := func(k string) int {
		switch k {
		case corpus.KindSummary, corpus.KindSummaryPlan:
			return 0
		case corpus.KindPlan:
			return 2
		}
		return 1
	}
	sort.SliceStable(out, func(i, j int) bool {
		if ri, rj := rank(out[i].Kind), rank(out[j].Kind); ri != rj {
			return ri < rj
		}
		return out[i].Year > out[j].Year
	})
	return out
}

// pastedName is the file name pasted summaries are parsed as.
const pastedName = "pasted.txt"

// planSummary is the summary a plan answers, and how the page names it.
type planSummary struct {
	Doc  corpus.Document
	From string
}

// planSummaryFromForm reads the chosen summary: source=corpus with
// summary=ID, or source=paste with text. Without source, whichever is
// filled in is used.
func (h *handlers) planSummaryFromForm(ctx context.Context, r *http.Request) (planSummary, error) {
	id := chosenReport(r, "summary")
	text := strings.TrimSpace(r.PostFormValue("text"))
	source := r.PostFormValue("source")
	if source == "" {
		source = "corpus"
		if id == "" && text != "" {
			source = "paste"
		}
	}
	switch source {
	case "corpus":
		if id == "" {
			return planSummary{}, invalidf("请选择语料库中的一篇总结，或改为粘贴总结全文。")
		}
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil {
			return planSummary{}, invalidf("总结编号应为数字：%q", id)
		}
		rec, secs, err := h.Corpus.Document(ctx, n)
		if err != nil {
			if h.NotFound != nil && errors.Is(err, h.NotFound) {
				return planSummary{}, invalidf("语料库中没有编号为 %d 的报告", n)
			}
			return planSummary{}, err
		}
		doc := corpus.Document{Title: rec.Title, Org: rec.Org, Year: rec.Year, Period: rec.Period, Kind: rec.Kind, Sections: secs}
		return planSummary{Doc: doc, From: fmt.Sprintf("语料库第 %d 篇：%s", rec.ID, or(rec.Title, "（无标题）"))}, nil
	case "paste":
		if text == "" {
			return planSummary{}, invalidf("请粘贴本期工作总结的全文（含标题和各部分内容），或改为从语料库中选择。")
		}
		res, err := h.Parser.Parse(pastedName, []byte(text))
		if err != nil || len(res.Documents) == 0 {
			return planSummary{}, invalidf("粘贴的文本中没有找到工作总结：请粘贴总结全文（含标题、各部分标题和正文），而不只是几句话。")
		}
		doc := res.Documents[0]
		return planSummary{Doc: doc, From: "粘贴的总结：" + or(doc.Title, "（无标题）")}, nil
	}
	return planSummary{}, invalidf("总结来源应为语料库或粘贴：%q", source)
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// planRequestFromForm builds the plan request with draft.NewPlanRequest, as
// `zongjie plan --from` does; a year in the form overrides the plan's year,
// and problems and targets typed into the form are added as facts.
func (h *handlers) planRequestFromForm(ctx context.Context, r *http.Request) (draft.PlanRequest, planSummary, error) {
	sum, err := h.planSummaryFromForm(ctx, r)
	if err != nil {
		return draft.PlanRequest{}, sum, err
	}
	year := 0
	if y := strings.TrimSpace(r.PostFormValue("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1990 || n > 2100 {
			return draft.PlanRequest{}, sum, invalidf("计划年份应为 1990 至 2100 之间的数字：%q", y)
		}
		year = n
	}
	// Problems and targets typed into the form are the plan's own facts.
	facts := draft.Facts{Org: strings.TrimSpace(r.PostFormValue("org")), Doc: corpus.KindPlan}
	line := 0
	for _, p := range factLines(r.PostFormValue("problems")) {
		line++
		facts.Problems = append(facts.Problems, draft.NewFact(p, line))
	}
	for _, t := range factLines(r.PostFormValue("targets")) {
		line++
		c := h.Taxonomy.Classify(t, "", "").Category
		facts.Sections = addFact(facts.Sections, c, draft.NewFact(t, line))
	}
	req, err := draft.NewPlanRequest(&sum.Doc, &facts, year)
	if err != nil {
		return req, sum, invalidf("无法从总结中确定年份，请填写计划年份。")
	}
	if facts.Org != "" {
		req.Org = facts.Org
	}
	if req.Org == "" {
		return req, sum, invalidf("无法从总结中确定单位名称，请填写单位。")
	}
	req.Facts.Org, req.Facts.Year = req.Org, req.Year
	if req.Template, err = h.template(ctx, chosenReport(r, "template"), corpus.KindPlan); err != nil {
		return req, sum, err
	}
	return req, sum, nil
}

// addFact appends a fact to its category, keeping categories in first-seen
// order.
func addFact(secs []draft.CategoryFacts, category string, f draft.Fact) []draft.CategoryFacts {
	for i := range secs {
		if secs[i].Category == category {
			secs[i].Facts = append(secs[i].Facts, f)
			return secs
		}
	}
	return append(secs, draft.CategoryFacts{Category: category, Facts: []draft.Fact{f}})
}

// sourceLabels name the sources of plan tasks on the page.
var sourceLabels = map[string]string{
	draft.SourceCarryOver: "续办",
	draft.SourceProblem:   "对策",
	draft.SourceSeason:    "时令",
	draft.SourceCorpus:    "常见",
	draft.SourceFact:      "目标",
	draft.SourceModel:     "模型",
}

// planTaskView is one task with its source named for people.
type planTaskView struct {
	Text   string `json:"text"`
	Source string `json:"source"`
	Label  string `json:"label"`
}

// planSectionView is one category of the plan.
type planSectionView struct {
	Marker   string         `json:"marker"`
	Heading  string         `json:"heading"`
	Category string         `json:"category"`
	Items    []planTaskView `json:"items"`
	Text     string         `json:"text"`
}

// planView is the answer to POST /plan.
type planView struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Year     int               `json:"year"`
	Half     bool              `json:"half"` // a second-half plan, for the page's wording
	Mode     string            `json:"mode"`
	From     string            `json:"from"`
	Markdown string            `json:"markdown"`
	Sections []planSectionView `json:"sections"`
	Check    draft.CheckResult `json:"check"`
}

// planPost builds a plan from the form and answers it as JSON; the plan is
// kept in memory for the .md/.docx downloads.
func (h *handlers) planPost(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	req, sum, err := h.planRequestFromForm(r.Context(), r)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	if h.NewPlanner == nil {
		plainError(w, http.StatusInternalServerError, "服务器未配置计划生成。")
		return
	}
	planner, err := h.NewPlanner()
	if err != nil {
		h.failText(w, r, fmt.Errorf("准备生成计划: %w", err))
		return
	}
	res, err := planner.Plan(r.Context(), req)
	if err != nil {
		h.failText(w, r, fmt.Errorf("生成计划: %w", err))
		return
	}
	if len(res.Sections) == 0 {
		plainError(w, http.StatusBadRequest, "没有生成任何计划任务：总结中没有找到未完成的工作或存在的问题，语料库中也没有同类计划。请在“补充问题”或“下期目标”中填写后重试。")
		return
	}
	v := planView{Title: markdownTitle(res.Markdown), Year: res.Year, Half: req.Period == corpus.PeriodSecondHalf, Mode: res.Mode, From: sum.From,
		Markdown: res.Markdown, Check: res.Check}
	if v.Check.Unsupported == nil {
		v.Check.Unsupported = []string{}
	}
	if v.Check.Missing == nil {
		v.Check.Missing = []string{}
	}
	if len(res.Goals) > 0 {
		// The targets come first, together, as in the plan's text.
		gv := planSectionView{Marker: "一、", Heading: "主要目标"}
		for _, g := range res.Goals {
			gv.Items = append(gv.Items, planTaskView{Text: g, Source: draft.SourceFact, Label: sourceLabels[draft.SourceFact]})
		}
		v.Sections = append(v.Sections, gv)
	}
	for _, s := range res.Sections {
		sv := planSectionView{Marker: s.Marker, Heading: s.Heading, Category: s.Category, Text: s.Text}
		for _, it := range s.Items {
			sv.Items = append(sv.Items, planTaskView{Text: it.Text, Source: it.Source, Label: or(sourceLabels[it.Source], it.Source)})
		}
		v.Sections = append(v.Sections, sv)
	}
	v.ID = h.plans.add(v.Title, res.Markdown, users.Owner(r.Context()))
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

// markdownTitle is the text of a Markdown report's first-level title.
func markdownTitle(md string) string {
	first, _, _ := strings.Cut(md, "\n")
	if t, ok := strings.CutPrefix(first, "# "); ok {
		return strings.TrimSpace(t)
	}
	return "工作计划"
}

// downloadPlanMarkdown sends a generated plan as Markdown.
func (h *handlers) downloadPlanMarkdown(w http.ResponseWriter, r *http.Request) {
	p, ok := h.plans.get(r.PathValue("id"))
	if !ok || !users.MaySee(r.Context(), p.Owner) {
		plainError(w, http.StatusNotFound, planGone)
		return
	}
	attachment(w, p.Title+".md", "text/markdown; charset=utf-8")
	w.Write([]byte(p.Markdown))
}

// downloadPlanDocx sends a generated plan as a Word document.
func (h *handlers) downloadPlanDocx(w http.ResponseWriter, r *http.Request) {
	p, ok := h.plans.get(r.PathValue("id"))
	if !ok || !users.MaySee(r.Context(), p.Owner) {
		plainError(w, http.StatusNotFound, planGone)
		return
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, docx.FromMarkdown(p.Markdown)); err != nil {
		h.Logger.Error("docx", "plan", r.PathValue("id"), "err", err)
		plainError(w, http.StatusInternalServerError, "生成 Word 文件出错，请稍后再试或下载 .md 文件。")
		return
	}
	attachment(w, p.Title+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	buf.WriteTo(w)
}

const planGone = "没有这份计划：生成的计划只保存在内存中（最近 50 份），服务重启后请重新生成。"

// keptPlans is how many generated plans stay available for download.
const keptPlans = 50

// storedPlan is a generated plan kept for its downloads.
type storedPlan struct {
	Title, Markdown string
	// Owner is the id of the user who made it (see users.Owner).
	Owner int64
}

// planStore keeps the latest generated plans in memory. Plans are not runs:
// draft.RunStore holds drafts that can be resumed and rewritten from a
// facts file, which a plan has not.
type planStore struct {
	mu    sync.Mutex
	order []string
	plans map[string]storedPlan
}

// add keeps a plan under a new random id, dropping the oldest beyond
// keptPlans.
func (s *planStore) add(title, markdown string, owner int64) string {
	b := make([]byte, 12)
	rand.Read(b)
	id := hex.EncodeToString(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.plans == nil {
		s.plans = map[string]storedPlan{}
	}
	s.plans[id] = storedPlan{Title: title, Markdown: markdown, Owner: owner}
	s.order = append(s.order, id)
	for len(s.order) > keptPlans {
		delete(s.plans, s.order[0])
		s.order = s.order[1:]
	}
	return id
}

func (s *planStore) get(id string) (storedPlan, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.plans[id]
	return p, ok
}
