package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/docx"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// rewriteSection drafts one section of a stored draft again (the use case
// is draft.Service.RewriteSection) and streams it like draftStream, ending
// with the whole draft as a result event.
func (h *handlers) rewriteSection(w http.ResponseWriter, r *http.Request) {
	if !h.parseForm(w, r) {
		return
	}
	run, i, err := h.runSection(r)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	facts, err := draft.LoadFacts(run.FactsName, []byte(run.FactsYAML), h.Taxonomy)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	svc, err := h.NewDrafter()
	if err != nil {
		h.failText(w, r, fmt.Errorf("准备起草: %w", err))
		return
	}
	if svc.Runs == nil {
		svc.Runs = h.Runs
	}
	es := newEventStream(w)
	run, err = svc.RewriteSection(r.Context(), run, i, es.progress(map[int]int{1: i}))
	if err != nil {
		h.streamError(es, r, err)
		return
	}
	es.send("result", resultFromRun(run, facts, svc.Checker))
}

// runSection finds the run and written section named by the path.
func (h *handlers) runSection(r *http.Request) (draft.Run, int, error) {
	run, err := h.run(r)
	if err != nil {
		return run, 0, err
	}
	i, err := strconv.Atoi(r.PathValue("i"))
	if err != nil || i < 0 || i >= len(run.Sections) || !run.Sections[i].Write {
		return run, 0, notFoundf("草稿 %d 中没有第 %s 节", run.ID, r.PathValue("i"))
	}
	return run, i, nil
}

// run loads the run named by the path.
func (h *handlers) run(r *http.Request) (draft.Run, error) {
	id, err := strconv.ParseInt(r.PathValue("run"), 10, 64)
	if err != nil {
		return draft.Run{}, notFoundf("草稿编号应为数字：%q", r.PathValue("run"))
	}
	run, err := h.Runs.GetRun(r.Context(), id)
	// Another user's draft is answered like a missing one, so that ids
	// cannot be probed.
	if errors.Is(err, draft.ErrRunNotFound) || err == nil && !users.MaySee(r.Context(), run.Owner) {
		return draft.Run{}, notFoundf("没有编号为 %d 的草稿", id)
	}
	return run, err
}

// matchSection finds the written outline item of the same part and category.

// runMarkdown renders a stored run with the facts it was drafted from (a
// run whose facts no longer load is rendered without its closing).
func (h *handlers) runMarkdown(run draft.Run) string {
	facts, err := draft.LoadFacts("网页表单", []byte(run.FactsYAML), h.Taxonomy)
	if err != nil {
		return draft.RenderMarkdown(run.Title, run.Opening, draft.RunResults(run), "")
	}
	return draft.RunMarkdown(run, facts)
}

// resultFromRun is the result event for a stored run, with the number
// check of its whole text (which counts its 【待核实】 marks).
func resultFromRun(run draft.Run, facts draft.Facts, checker draft.Checker) resultView {
	md := draft.RunMarkdown(run, facts)
	v := resultView{RunID: run.ID, Title: run.Title, Mode: run.Mode, Opening: run.Opening, Markdown: md, Check: checker.Check(md, facts)}
	for i, s := range run.Sections {
		v.Sections = append(v.Sections, sectionView{I: i, Level: s.Level, Marker: s.Marker, Heading: s.Heading,
			Category: s.Category, Part: s.Part, Write: s.Write, Text: s.Text, Status: s.Status})
	}
	return v
}

// downloadMarkdown sends a stored draft as Markdown.
func (h *handlers) downloadMarkdown(w http.ResponseWriter, r *http.Request) {
	run, err := h.run(r)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	attachment(w, run.Title+".md", "text/markdown; charset=utf-8")
	w.Write([]byte(h.runMarkdown(run)))
}

// downloadDocx sends a stored draft as a Word document.
func (h *handlers) downloadDocx(w http.ResponseWriter, r *http.Request) {
	run, err := h.run(r)
	if err != nil {
		h.failText(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, docx.FromMarkdown(h.runMarkdown(run))); err != nil {
		h.Logger.Error("docx", "run", run.ID, "err", err)
		plainError(w, http.StatusInternalServerError, "生成 Word 文件出错，请稍后再试或下载 .md 文件。")
		return
	}
	attachment(w, run.Title+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
	buf.WriteTo(w)
}

// attachment sets the headers of a download named name (UTF-8, RFC 6266).
func attachment(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="report%s"; filename*=UTF-8''%s`,
		name[strings.LastIndex(name, "."):], url.PathEscape(name)))
}
