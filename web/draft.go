package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/users"
)

// draftFormView is the data of the 写总结 page.
type draftFormView struct {
	Year       int
	Periods    []struct{ Value, Name string }
	Categories []string
	// Templates are the newest reports, for the template picker.
	Templates picker
}

// draftPage shows the facts form.
func (h *handlers) draftPage(w http.ResponseWriter, r *http.Request) {
	docs, err := h.newestReports(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := draftFormView{Year: time.Now().Year(), Periods: periods, Categories: h.Taxonomy.Names(), Templates: docs}
	h.render(w, r, http.StatusOK, "draft", page{Title: "写总结", Nav: "draft", Data: v})
}

// templatePreview answers the heading tree of the chosen template as an
// HTML fragment: ?id=N for a corpus document, none for the common structure
// of ?kind.
func (h *handlers) templatePreview(w http.ResponseWriter, r *http.Request) {
	t, err := h.template(r.Context(), r.URL.Query().Get("id"), r.URL.Query().Get("kind"))
	if err != nil {
		h.failText(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := h.pages["draft"].ExecuteTemplate(w, "preview", t); err != nil {
		h.Logger.Error("render", "page", "preview", "err", err)
	}
}

// template resolves the template picker: a document id, or "" for the
// common structure of the corpus's reports of that kind.
func (h *handlers) template(ctx context.Context, id, kind string) (draft.Template, error) {
	var n int64
	if id != "" {
		var err error
		if n, err = strconv.ParseInt(id, 10, 64); err != nil || n <= 0 {
			return draft.Template{}, invalidf("模板编号应为正整数：%q", id)
		}
	}
	t, err := h.templates.Choose(ctx, n, kind)
	if h.kindOf(err) == errkind.NotFound {
		// A number typed into a form: the form is to correct.
		err = errkind.Mark(errkind.Invalid, err)
	}
	return t, err
}

// draftStream drafts a report from the form and streams its progress as
// server-sent events: outline, then start/delta/repair/done/failed per
// section, then result (and error if the draft stopped early).
func (h *handlers) draftStream(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	facts, yamlText, err := factsFromForm(r, h.Taxonomy)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	tmpl, err := h.template(r.Context(), chosenReport(r, "template"), facts.Doc)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	svc, err := h.NewDrafter()
	if err != nil {
		h.failText(w, r, fmt.Errorf("准备起草: %w", err))
		return
	}
	items := svc.Outline(facts, tmpl)
	es := newEventStream(w)
	es.send("outline", outlineEvent(items))
	res, err := svc.Draft(r.Context(), draft.Request{Facts: facts, FactsYAML: yamlText, Template: tmpl,
		Progress: es.progress(writeIndexes(items)), Owner: users.Owner(r.Context())})
	es.send("result", resultFromDraft(res, items))
	if err != nil {
		h.streamError(es, r, err)
	}
}

// streamError ends an event stream with an error event whose message says
// what explain lets a page say.
func (h *handlers) streamError(es *eventStream, r *http.Request, err error) {
	_, msg := h.explain(r, err)
	es.send("error", map[string]string{"message": msg})
}

// parseForm reads a url-encoded form within the form size limit; it
// answers 413 and returns false when the form is too large.
func (h *handlers) parseForm(w http.ResponseWriter, r *http.Request) bool {
	if r.ContentLength > h.MaxFormBytes {
		plainError(w, http.StatusRequestEntityTooLarge, limitMessage("提交的内容", h.MaxFormBytes))
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		if tooLarge(err) {
			plainError(w, http.StatusRequestEntityTooLarge, limitMessage("提交的内容", h.MaxFormBytes))
		} else {
			plainError(w, http.StatusBadRequest, "表单无法读取，请刷新页面后重试。")
		}
		return false
	}
	return true
}

// listMarker is a bullet or item number a user may type before a fact; it
// would otherwise count as a figure.
var listMarker = regexp.MustCompile(`^(?:[-*•·●]\s*|\d{1,2}[、)）]\s*|\d{1,2}[.．]\s+|[（(]\d{1,2}[)）]\s*)`)

// factLines splits a text box into facts, one per line.
func factLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(listMarker.ReplaceAllString(strings.TrimSpace(l), ""))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// factsFromForm writes the form as a facts file and loads it with
// draft.LoadFacts, so the web checks facts exactly as the command does and
// the run keeps a facts file to rewrite sections from.
func factsFromForm(r *http.Request, tax corpus.Taxonomy) (draft.Facts, string, error) {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	list := func(xs []string) string {
		parts := make([]string, len(xs))
		for i, x := range xs {
			parts[i] = q(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "org: %s\n", q(strings.TrimSpace(r.PostFormValue("org"))))
	for _, key := range []string{"year", "period", "doc"} {
		if v := strings.TrimSpace(r.PostFormValue(key)); v != "" {
			fmt.Fprintf(&b, "%s: %s\n", key, q(v))
		}
	}
	b.WriteString("sections:\n")
	for _, c := range tax.Names() {
		if facts := factLines(r.PostFormValue("facts-" + c)); len(facts) > 0 {
			fmt.Fprintf(&b, "  %s: %s\n", q(c), list(facts))
		}
	}
	if problems := factLines(r.PostFormValue("problems")); len(problems) > 0 {
		fmt.Fprintf(&b, "problems: %s\n", list(problems))
	}
	f, err := draft.LoadFacts("网页表单", []byte(b.String()), tax)
	var fe *draft.FactsError
	if errors.As(err, &fe) {
		return f, "", invalidf("%s", formMessage(fe.Msg))
	}
	return f, b.String(), err
}

// formMessage rewords facts-file messages for the form's fields.
func formMessage(msg string) string {
	r := strings.NewReplacer("缺少 org（单位名称", "请填写单位（", "缺少 year（年份", "请填写年份（",
		"没有任何事实：sections 为空（例如 党建: [新发展党员8人]）", "请至少在一个类别中填写一条事实（每行一条，例如“新发展党员8人”）。",
		"year 应为", "年份应为", "period 应为", "时段应为", "doc 应为", "类型应为", "year ", "年份 ")
	return r.Replace(msg)
}
