package web

import (
	"bytes"
	"html/template"
	"net/http"
	"strings"
	"unicode"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/users"
)

// pageNames are the templates that each render a whole page with layout.html.
var pageNames = []string{"corpus", "document", "draft", "plan", "log", "call", "error"}

// parsePages parses each page together with the shared layout and partials.
func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles,
			"templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		pages[name] = t
	}
	return pages, nil
}

var funcs = template.FuncMap{
	"kindName":   kindName,
	"partName":   partName,
	"periodName": periodName,
	"preview":    preview,
	"marks":      markPending,
	"snippet":    highlightSnippet,
	"pickID":     pickID,
}

// pickIDView is the data of the "pick-id" partial: the typed-number field
// of a picker that does not list every report.
type pickIDView struct {
	Field        string
	Listed, More int
}

func pickID(field string, more int) pickIDView {
	return pickIDView{Field: field, Listed: pickerLimit, More: more}
}

// page is what layout.html needs besides the page's own data.
type page struct {
	Title string
	Nav   string // which tab is current: corpus, draft, plan, log
	Data  any
	// User is the name of the acting user, shown in the header; "" without
	// users. render fills it in.
	User string
}

// render writes a page; an error while rendering is logged and answered
// with 500 before anything is sent.
func (h *handlers) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	p.User = users.Name(r.Context())
	if err := h.pages[name].Execute(&buf, p); err != nil {
		h.Logger.Error("render", "page", name, "err", err)
		plainError(w, http.StatusInternalServerError, "页面生成出错，请查看服务器日志。")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// highlightSnippet renders a search snippet: the store wraps each match in
// 【】; only brackets around one of the query's terms become <mark>, so a
// report's own 【…】 stays text. Everything is escaped.
func highlightSnippet(snippet, query string) template.HTML {
	terms := queryTerms(query)
	var b strings.Builder
	rest := snippet
	for {
		i := strings.Index(rest, "【")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "】")
		if j < 0 {
			break
		}
		inner := rest[i+len("【") : i+j]
		b.WriteString(template.HTMLEscapeString(rest[:i]))
		if isTerm(inner, terms) {
			b.WriteString("<mark>" + template.HTMLEscapeString(inner) + "</mark>")
		} else {
			b.WriteString(template.HTMLEscapeString(rest[i : i+j+len("】")]))
		}
		rest = rest[i+j+len("】"):]
	}
	b.WriteString(template.HTMLEscapeString(rest))
	return template.HTML(b.String())
}

// queryTerms splits a query into its runs of letters and digits, as the
// store does.
func queryTerms(q string) []string {
	return strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

func isTerm(s string, terms []string) bool {
	s = strings.ToLower(s)
	for _, t := range terms {
		if strings.Contains(t, s) || strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// markPending escapes a draft text and wraps its 【待核实：…】 marks in
// <mark class="pending">.
func markPending(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range corpus.FindMarks(text) {
		b.WriteString(template.HTMLEscapeString(text[last:m.Start]))
		b.WriteString(`<mark class="pending">` + template.HTMLEscapeString(text[m.Start:m.End]) + `</mark>`)
		last = m.End
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}

// previewRunes is how much of an answer the call list shows.
const previewRunes = 40

// preview is the start of a model answer on one line, or the error.
func preview(response, errText string) string {
	s := response
	if errText != "" {
		s = errText
	}
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > previewRunes {
		return string(rs[:previewRunes]) + "…"
	}
	return s
}

func kindName(k string) string { return corpus.KindName(k) }

func partName(p string) string { return corpus.PartName(p) }

// periods are the periods the draft form offers, in order.
var periods = []struct{ Value, Name string }{
	{corpus.PeriodAnnual, "全年"}, {corpus.PeriodFirstHalf, "上半年"}, {corpus.PeriodSecondHalf, "下半年"},
	{"q1", "第一季度"}, {"q2", "第二季度"}, {"q3", "第三季度"}, {"q4", "第四季度"},
}

func periodName(p string) string {
	for _, x := range periods {
		if x.Value == p {
			return x.Name
		}
	}
	if p == corpus.PeriodQuarter {
		return "季度"
	}
	return p
}
