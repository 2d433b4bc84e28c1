package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/users"
)

// searchView is the search form and its hits.
type searchView struct {
	Query, Category, Part string
	Searched              bool
	Hits                  []corpus.SearchHit
}

// uploadResult is what became of one uploaded file.
type uploadResult struct {
	Name       string
	Status     string // "added", "duplicate", "failed"
	Added      int
	Duplicates int
	Titles     []string
	Reason     string
}

// corpusView is the data of the 语料库 page.
type corpusView struct {
	// Removed is the number of the report just removed, 0 for none.
	Removed    int64
	Docs       []corpus.DocumentRecord
	Pager      pager
	Search     searchView
	Uploads    []uploadResult
	Categories []string
	// MaxUpload is the upload limit in words, MaxUploadBytes in bytes for
	// the page's own check before sending.
	MaxUpload      string
	MaxUploadBytes int64
	// Accept is the file input's accept list (".txt,.md,…"); Formats the
	// same for people (".txt、.md、…").
	Accept, Formats string
	// CanRemove shows the remove buttons (see users.MayRemoveDocuments).
	CanRemove bool
}

// corpusPage lists the documents with their heading trees and answers a
// search given in the query string.
func (h *handlers) corpusPage(w http.ResponseWriter, r *http.Request) {
	h.showCorpus(w, r, http.StatusOK, nil)
}

func (h *handlers) showCorpus(w http.ResponseWriter, r *http.Request, status int, uploads []uploadResult) {
	ctx := r.Context()
	v := corpusView{Uploads: uploads, Categories: h.Taxonomy.Names(), MaxUpload: sizeText(h.MaxUploadBytes), MaxUploadBytes: h.MaxUploadBytes,
		CanRemove: users.MayRemoveDocuments(ctx),
		Accept:    strings.Join(h.Files.Extensions(), ","), Formats: strings.Join(h.Files.Extensions(), "、")}
	q := r.URL.Query()
	v.Removed, _ = strconv.ParseInt(q.Get("removed"), 10, 64)
	v.Search = searchView{Query: strings.TrimSpace(q.Get("q")), Category: q.Get("category"), Part: q.Get("part")}
	if v.Search.Query != "" || v.Search.Category != "" || v.Search.Part != "" {
		v.Search.Searched = true
		hits, err := h.Corpus.Search(ctx, corpus.SearchQuery{Text: h.Parser.Normalize(v.Search.Query),
			Category: v.Search.Category, Part: v.Search.Part, Limit: 20})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		v.Search.Hits = hits
	}
	docs, total, err := h.Corpus.DocumentPage(ctx, (pageNumber(q)-1)*docsPerPage, docsPerPage)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v.Docs, v.Pager = docs, newPager(q, pageNumber(q), total)
	h.render(w, r, status, "corpus", page{Title: "语料库", Nav: "corpus", Data: v})
}

// removeDocument deletes one report and goes back to the corpus list,
// which says so.
func (h *handlers) removeDocument(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if !users.MayRemoveDocuments(r.Context()) {
		h.render(w, r, http.StatusForbidden, "error", page{Title: "不能删除", Data: "只有管理员可以从语料库删除报告。如需删除，请联系管理员。"})
		return
	}
	removed, err := h.Corpus.RemoveDocuments(r.Context(), []int64{id})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(removed) == 0 {
		h.render(w, r, http.StatusNotFound, "error", page{Title: "出错了", Data: "没有找到这篇报告，可能已被删除。"})
		return
	}
	http.Redirect(w, r, "/?removed="+strconv.FormatInt(id, 10)+"#docs", http.StatusSeeOther)
}

// documentTree answers the heading tree of one document as an HTML
// fragment, for the list's details element to load when opened.
func (h *handlers) documentTree(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	t, err := h.Corpus.Template(r.Context(), id)
	if err != nil {
		if h.NotFound != nil && errors.Is(err, h.NotFound) {
			plainError(w, http.StatusNotFound, "没有找到这篇报告。")
			return
		}
		h.Logger.Error("handler", "path", r.URL.Path, "err", err)
		plainError(w, http.StatusInternalServerError, "标题结构载入失败，请稍后再试。")
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := h.pages["corpus"].ExecuteTemplate(w, "doctree", t); err != nil {
		h.Logger.Error("render", "page", "doctree", "err", err)
	}
}

// documentPage shows one document: its heading tree with the text.
func (h *handlers) documentPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	rec, secs, err := h.Corpus.Document(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "document", page{Title: rec.Title, Nav: "corpus", Data: struct {
		Doc       corpus.DocumentRecord
		Sections  []corpus.Section
		CanRemove bool
	}{rec, secs, users.MayRemoveDocuments(r.Context())}})
}

// upload ingests the files of a multipart form, each on its own, and shows
// the corpus page with a result per file.
func (h *handlers) upload(w http.ResponseWriter, r *http.Request) {
	body := r.Body
	if r.ContentLength > h.MaxUploadBytes {
		h.refuseLarge(w, r, body, "上传的文件", h.MaxUploadBytes)
		return
	}
	r.Body = http.MaxBytesReader(w, body, h.MaxUploadBytes)
	if err := r.ParseMultipartForm(h.MaxUploadBytes); err != nil {
		if tooLarge(err) {
			h.refuseLarge(w, r, body, "上传的文件", h.MaxUploadBytes)
			return
		}
		h.render(w, r, http.StatusBadRequest, "error", page{Title: "上传失败", Data: "上传的表单无法读取，请刷新页面后重新选择文件。"})
		return
	}
	defer r.MultipartForm.RemoveAll()
	files := r.MultipartForm.File["files"]
	if len(files) == 0 {
		h.render(w, r, http.StatusBadRequest, "error", page{Title: "上传失败", Data: "没有选择文件。"})
		return
	}
	results := h.ingestUploads(r, files)
	r.URL.RawQuery = ""
	h.showCorpus(w, r, http.StatusOK, results)
}

// maxDrain is how much of a refused upload is read and dropped, so that a
// browser still sending it reads the 413 page rather than a reset
// connection.
const maxDrain = 64 << 20

// refuseLarge answers 413 with a message saying what the limit is.
func (h *handlers) refuseLarge(w http.ResponseWriter, r *http.Request, body io.Reader, what string, limit int64) {
	io.CopyN(io.Discard, body, maxDrain)
	w.Header().Set("Connection", "close")
	h.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "内容过大", Data: limitMessage(what, limit)})
}

// readUploads reads the uploaded files. A file that cannot be read gets its
// failed result now; the others become ingest inputs, whose results fill
// the nil places of results in order.
func readUploads(files []*multipart.FileHeader) (inputs []ingest.Input, results []*uploadResult) {
	results = make([]*uploadResult, len(files))
	for i, fh := range files {
		data, err := readUpload(fh)
		if err != nil {
			results[i] = &uploadResult{Name: fh.Filename, Status: "failed", Reason: "无法读取上传的文件，请重新上传。"}
			continue
		}
		inputs = append(inputs, ingest.Upload(fh.Filename, data))
	}
	return inputs, results
}

// readUpload returns one uploaded file's bytes.
func readUpload(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// ingestUploads ingests the uploaded files through the ingest service and
// returns a result per file, in order.
func (h *handlers) ingestUploads(r *http.Request, files []*multipart.FileHeader) []uploadResult {
	inputs, pending := readUploads(files)
	for i := range inputs {
		inputs[i].AddedBy = users.Name(r.Context())
	}
	rep := h.Ingest.Ingest(r.Context(), ingest.Request{Inputs: inputs})
	if rep.IndexErr != nil {
		h.Logger.Error("upload index", "path", r.URL.Path, "err", rep.IndexErr)
	}
	results := make([]uploadResult, 0, len(files))
	next := 0
	for _, res := range pending {
		if res == nil && next < len(rep.Files) {
			res = h.uploadResult(r, rep.Files[next])
			next++
		}
		if res != nil {
			results = append(results, *res)
		}
	}
	return results
}

// uploadResult shows what became of one file. A problem with the file
// itself is shown; any other failure is logged and shown in general words.
func (h *handlers) uploadResult(r *http.Request, f ingest.File) *uploadResult {
	res := &uploadResult{Name: f.Name, Status: f.Status(), Added: f.Added, Duplicates: f.Duplicates, Titles: f.Titles}
	if f.Err == nil {
		return res
	}
	res.Titles = nil
	if errkind.Of(f.Err) == errkind.Invalid {
		res.Reason = f.Err.Error()
		return res
	}
	h.Logger.Error("upload", "path", r.URL.Path, "file", f.Name, "err", f.Err)
	res.Reason = "保存失败，请稍后再试；详情见服务器日志。"
	return res
}
