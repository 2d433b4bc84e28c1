// Package ingest is the one way reports enter the corpus: files, folders
// and uploaded files are read (through a Reader that converts what needs a
// tool), parsed, stored one document per transaction and indexed in
// batches. The command's ingest and the web page's upload both call it. It
// declares the store it needs.
package ingest

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
)

// Store is what ingest needs of the store. P is the store's prepared
// document: preparing is pure CPU work, done ahead of writing.
type Store[P any] interface {
	// PrepareDocument computes what storing doc from source needs.
	// addedBy is the name of the user who uploaded it ("" for none).
	PrepareDocument(source, encoding, addedBy string, doc corpus.Document) (P, error)
	// SaveUnindexed stores a prepared document in its own transaction,
	// leaving it out of the full-text index; created is false for a text
	// already stored.
	SaveUnindexed(ctx context.Context, doc P) (id int64, created bool, err error)
	// IndexPending indexes what was stored unindexed.
	IndexPending(ctx context.Context) (int, error)
	// RemoveReplaced removes what an earlier version of source added and
	// current no longer holds, and returns how many documents it removed.
	RemoveReplaced(ctx context.Context, source string, current []P) (int, error)
}

// Parser turns a file's bytes into documents.
type Parser interface {
	// Parse decodes and parses one file's bytes; name gives the file type.
	Parse(name string, data []byte) (corpus.Result, error)
}

// Reader reads report files, converting those whose type needs a tool.
type Reader interface {
	// Extensions lists the accepted file types, lower case with the dot.
	Extensions() []string
	// ReadFile reads the file at path; errors start with the path.
	ReadFile(ctx context.Context, path string) ([]byte, error)
	// Convert returns the bytes of an uploaded file named name.
	Convert(ctx context.Context, name string, data []byte) ([]byte, error)
}

// IndexBatch is how many documents are stored before they are indexed.
// Each document is stored in its own transaction; FTS5 writes an index
// segment per commit, so indexing one document at a time took over half of
// the time to store it (measured).
const IndexBatch = 200

// UploadSource is the prefix of an uploaded file's recorded source.
const UploadSource = "upload:"

// Service ingests reports into its Store.
type Service[P any] struct {
	// Store keeps the documents.
	Store Store[P]
	// Parser turns a file's bytes into documents.
	Parser Parser
	// Reader reads files and converts uploads (convert.Reader).
	Reader Reader
	// IndexEvery overrides IndexBatch when positive.
	IndexEvery int
}

// Input is one file to ingest: a path on disk, or an uploaded file's name
// and bytes.
type Input struct {
	// Name is the path, or the uploaded file's name.
	Name string
	// Data holds an uploaded file's bytes.
	Data []byte
	// Upload says that the input is an uploaded file, stored with the
	// source UploadSource+Name.
	Upload bool
	// AddedBy is the name of the user who uploaded the file, recorded with
	// its documents; "" for none.
	AddedBy string
}

// Path returns the Input for a file on disk.
func Path(p string) Input { return Input{Name: p} }

// Upload returns the Input for an uploaded file.
func Upload(name string, data []byte) Input { return Input{Name: name, Data: data, Upload: true} }

// source is what the stored documents record as where they came from.
func (in Input) source() string {
	if in.Upload {
		return UploadSource + in.Name
	}
	return in.Name
}

// Request is one ingest: its inputs, in order, and how to report progress.
type Request struct {
	// Inputs are ingested in order.
	Inputs []Input
	// Replace removes, per file, what an earlier version of it added that
	// the file no longer holds.
	Replace bool
	// Progress, when set, is called after each input.
	Progress func(File)
}

// File is what became of one input.
type File struct {
	// Name is the input's name.
	Name string
	// Added, Duplicates and Replaced count the documents stored, already
	// stored, and removed as earlier versions (with Replace).
	Added, Duplicates, Replaced int
	// Titles are the titles of the file's documents, stored or already
	// there.
	Titles []string
	// Err says why the file failed; an error of kind Invalid is about the
	// file itself (its type, encoding, content), others are internal.
	Err error
	// Took is the time reading, parsing and storing the file took.
	Took time.Duration
}

// Status is "failed", "added" or "duplicate".
func (f File) Status() string {
	switch {
	case f.Err != nil:
		return "failed"
	case f.Added > 0:
		return "added"
	}
	return "duplicate"
}

// Report is what an ingest did.
type Report struct {
	// Added, Duplicates and Replaced are the totals over Files.
	Added, Duplicates, Replaced int
	// Files has one entry per input handled, in order; after cancellation
	// the inputs not reached are missing.
	Files []File
	// IndexErr is a failure to index; the documents stay stored and the
	// next ingest or open of the database indexes them.
	IndexErr error
}

// Failed counts the files that failed.
func (r Report) Failed() int {
	n := 0
	for _, f := range r.Files {
		if f.Err != nil {
			n++
		}
	}
	return n
}

// prepared is an input read, parsed and prepared for storing.
type prepared[P any] struct {
	in     Input
	docs   []P
	titles []string
	err    error
	took   time.Duration
}

// Ingest reads, parses and stores the inputs in order, reading one step
// ahead of storing. It stops at cancellation of ctx, and indexes what it
// stored also then.
func (s *Service[P]) Ingest(ctx context.Context, req Request) Report {
	ch := make(chan prepared[P], 4)
	go s.prefetch(ctx, req.Inputs, ch)
	var rep Report
	unindexed := 0
	for item := range ch {
		if ctx.Err() != nil {
			continue // drain: prefetch stops at the next input
		}
		f := s.store(ctx, item, req.Replace)
		rep.add(f)
		if req.Progress != nil {
			req.Progress(f)
		}
		if unindexed += f.Added; unindexed >= s.batch() {
			rep.index(ctx, s.Store)
			unindexed = 0
		}
	}
	if unindexed > 0 {
		// Also after cancellation: what was stored becomes searchable.
		rep.index(context.WithoutCancel(ctx), s.Store)
	}
	return rep
}

func (s *Service[P]) batch() int {
	if s.IndexEvery > 0 {
		return s.IndexEvery
	}
	return IndexBatch
}

// add counts one file into the report.
func (r *Report) add(f File) {
	r.Added += f.Added
	r.Duplicates += f.Duplicates
	r.Replaced += f.Replaced
	r.Files = append(r.Files, f)
}

// index indexes pending sections, keeping the first failure.
func (r *Report) index(ctx context.Context, st interface {
	IndexPending(context.Context) (int, error)
}) {
	if _, err := st.IndexPending(ctx); err != nil && r.IndexErr == nil {
		r.IndexErr = err
	}
}

// prefetch prepares the inputs in order onto ch, and closes it.
func (s *Service[P]) prefetch(ctx context.Context, inputs []Input, ch chan<- prepared[P]) {
	defer close(ch)
	for _, in := range inputs {
		if ctx.Err() != nil {
			return
		}
		start := time.Now()
		item := s.prepare(ctx, in)
		item.took = time.Since(start)
		select {
		case ch <- item:
		case <-ctx.Done():
			return
		}
	}
}

// prepare reads and parses one input and prepares its documents.
func (s *Service[P]) prepare(ctx context.Context, in Input) prepared[P] {
	item := prepared[P]{in: in}
	res, err := s.parse(ctx, in)
	if err != nil {
		item.err = errkind.Mark(errkind.Invalid, err)
		return item
	}
	for _, doc := range res.Documents {
		p, err := s.Store.PrepareDocument(in.source(), res.Encoding, in.AddedBy, doc)
		if err != nil {
			item.err = errkind.Mark(errkind.Invalid, err)
			return item
		}
		item.docs = append(item.docs, p)
		item.titles = append(item.titles, doc.Title)
	}
	return item
}

// parse reads one input, converting it when needed, and parses it. Errors
// do not repeat the input's name.
func (s *Service[P]) parse(ctx context.Context, in Input) (corpus.Result, error) {
	data, err := s.read(ctx, in)
	if err != nil {
		return corpus.Result{}, trimName(err, in.Name)
	}
	res, err := s.Parser.Parse(in.Name, data)
	if err != nil {
		return corpus.Result{}, trimName(err, in.Name)
	}
	return res, nil
}

// read returns an input's bytes.
func (s *Service[P]) read(ctx context.Context, in Input) ([]byte, error) {
	if !in.Upload {
		return s.Reader.ReadFile(ctx, in.Name)
	}
	exts := s.Reader.Extensions()
	if ext := strings.ToLower(path.Ext(in.Name)); !slices.Contains(exts, ext) {
		return nil, fmt.Errorf("不支持的文件类型“%s”，请上传 %s 文件", ext, strings.Join(exts, "、"))
	}
	return s.Reader.Convert(ctx, in.Name, in.Data)
}

// trimName drops a leading "name: " from an error reported next to its
// name.
func trimName(err error, name string) error {
	msg, ok := strings.CutPrefix(err.Error(), name+": ")
	if !ok {
		return err
	}
	return fmt.Errorf("%s", msg)
}

// store saves one prepared input's documents, each in its own transaction,
// and with replace removes what an earlier version of the file added.
func (s *Service[P]) store(ctx context.Context, item prepared[P], replace bool) File {
	start := time.Now()
	f := File{Name: item.in.Name, Titles: item.titles, Err: item.err}
	if f.Err == nil {
		f.Added, f.Duplicates, f.Err = s.saveAll(ctx, item.docs)
	}
	if f.Err == nil && replace {
		f.Replaced, f.Err = s.Store.RemoveReplaced(ctx, item.in.source(), item.docs)
	}
	f.Took = item.took + time.Since(start)
	return f
}

// saveAll stores each document in its own transaction.
func (s *Service[P]) saveAll(ctx context.Context, docs []P) (added, dups int, err error) {
	for _, doc := range docs {
		_, created, err := s.Store.SaveUnindexed(ctx, doc)
		if err != nil {
			return added, dups, err
		}
		if created {
			added++
		} else {
			dups++
		}
	}
	return added, dups, nil
}
