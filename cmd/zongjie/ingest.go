package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/convert"
	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
)

// ingestFailure is one file that could not be ingested.
type ingestFailure struct {
	Path  string `json:"path"`
	Error string `json:"error"`
}

// ingestFile is what became of one file: documents added and already
// stored, or why it failed, and how long reading and storing it took.
type ingestFile struct {
	Path       string  `json:"path"`
	Added      int     `json:"added"`
	Duplicates int     `json:"duplicates"`
	Replaced   int     `json:"replaced"` // earlier versions removed (--replace)
	Error      string  `json:"error,omitempty"`
	Seconds    float64 `json:"seconds"`
}

// ingestSummary is what ingest reports, also as --json.
type ingestSummary struct {
	Added      int             `json:"added"`
	Duplicates int             `json:"duplicates"`
	Replaced   int             `json:"replaced"`
	Failed     []ingestFailure `json:"failed"`
	Files      []ingestFile    `json:"files"`
}

func (a *app) ingestCommand() *cobra.Command {
	var asJSON, replace bool
	cmd := &cobra.Command{
		Use:   "ingest 文件或文件夹…",
		Short: "把报告文件或文件夹导入语料库",
		Long:  "导入 " + strings.Join(convert.Extensions(), " ") + " 文件（.doc/.wps/.rtf/.odt/.html 需要 LibreOffice，.pdf 需要 pdftotext，扫描版 PDF 还需要 tesseract）；文件夹递归导入。逐个文件报告结果；同一文本重复导入不会新增；文件改过后用 --replace 重新导入，会删除此前从同一路径导入的旧版本。任何文件失败时退出码非零，但成功的文件都会保留。",
		Example: `  zongjie ingest 历年总结/
  zongjie ingest 2023年工作总结.docx 2024年上半年总结.txt --json
  zongjie ingest --replace 2023年工作总结.docx`,
		Args: minArgs(1, "要导入的文件或文件夹"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			files, failed := collectFiles(args)
			db, err := a.openDB(ctx)
			if err != nil {
				return err
			}
			sum := ingestSummary{Failed: failed}
			bar := progressbar.NewOptions(len(files),
				progressbar.OptionSetWriter(a.stderr),
				progressbar.OptionSetDescription("导入"),
				progressbar.OptionSetVisibility(isTerminal(a.stderr) && !asJSON),
				progressbar.OptionShowCount(),
				progressbar.OptionClearOnFinish())
			done := ingestAll(ctx, db, a.parser(), files, replace, func() { bar.Add(1) })
			sum.Added, sum.Duplicates, sum.Replaced, sum.Files = done.Added, done.Duplicates, done.Replaced, done.Files
			sum.Failed = append(sum.Failed, done.Failed...)
			bar.Finish()
			if sum.Added > 0 && ctx.Err() == nil {
				// One index segment again after many small commits.
				if err := db.Optimize(ctx); err != nil {
					return err
				}
			}
			if err := a.printIngest(sum, asJSON); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if len(sum.Failed) > 0 {
				return exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `输出 JSON：{"added":N,"duplicates":N,"replaced":N,"failed":[…],"files":[{"path":…,"added":N,"duplicates":N,"replaced":N,"error":…,"seconds":S}]}`)
	cmd.Flags().BoolVar(&replace, "replace", false, "替换：文件改过后重新导入时，删除此前从同一路径导入、内容已不同的报告")
	return cmd
}

// printIngest reports an ingest: a line per file, then the totals.
func (a *app) printIngest(sum ingestSummary, asJSON bool) error {
	if sum.Failed == nil {
		sum.Failed = []ingestFailure{}
	}
	if sum.Files == nil {
		sum.Files = []ingestFile{}
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(sum)
	}
	listed := map[string]bool{}
	for _, f := range sum.Files {
		listed[f.Path] = true
		switch {
		case f.Error != "":
			fmt.Fprintf(a.stdout, "  失败：%s：%s\n", f.Path, f.Error)
		case f.Added > 0 && f.Replaced > 0:
			fmt.Fprintf(a.stdout, "  新增 %d 篇、替换旧版 %d 篇：%s（%.1f 秒）\n", f.Added, f.Replaced, f.Path, f.Seconds)
		case f.Added > 0:
			fmt.Fprintf(a.stdout, "  新增 %d 篇：%s（%.1f 秒）\n", f.Added, f.Path, f.Seconds)
		case f.Replaced > 0:
			fmt.Fprintf(a.stdout, "  删除旧版 %d 篇：%s\n", f.Replaced, f.Path)
		default:
			fmt.Fprintf(a.stdout, "  重复 %d 篇：%s\n", f.Duplicates, f.Path)
		}
	}
	for _, f := range sum.Failed {
		if !listed[f.Path] {
			fmt.Fprintf(a.stdout, "  失败：%s：%s\n", f.Path, f.Error)
		}
	}
	if sum.Replaced > 0 {
		fmt.Fprintf(a.stdout, "新增 %d 篇，重复 %d 篇，替换旧版 %d 篇，失败 %d 个文件。\n", sum.Added, sum.Duplicates, sum.Replaced, len(sum.Failed))
		return nil
	}
	fmt.Fprintf(a.stdout, "新增 %d 篇，重复 %d 篇，失败 %d 个文件。\n", sum.Added, sum.Duplicates, len(sum.Failed))
	return nil
}

// ingestGCPercent is the garbage collector's GOGC while ingesting.
const ingestGCPercent = 400

// ingestAll ingests files in order. Files are read, parsed and prepared for
// storing one step ahead, so that work overlaps writing the previous file.
// With replace, what an earlier version of a file added and the file no
// longer holds is removed once the file's documents are stored.
func ingestAll(ctx context.Context, db storeWriter, p reportParser, files []string, replace bool, progress func()) ingestSummary {
	if os.Getenv("GOGC") == "" {
		// Parsing makes much short-lived garbage over a small live heap, so
		// at the default GOGC=100 the collector runs every few megabytes;
		// 400 measured 10–25% faster ingests for about 12 MB more peak memory
		// (1,000 reports: 71 → 83 MB).
		defer debug.SetGCPercent(debug.SetGCPercent(ingestGCPercent))
	}
	defer limitMemory()()
	type prepared struct {
		path string
		docs []store.Prepared
		err  error
		took time.Duration // reading and parsing
	}
	ch := make(chan prepared, 4)
	go func() {
		defer close(ch)
		for _, f := range files {
			if ctx.Err() != nil {
				return
			}
			start := time.Now()
			docs, err := prepareFile(ctx, p, f)
			ch <- prepared{f, docs, err, time.Since(start)}
		}
	}()
	var sum ingestSummary
	unindexed := 0
	index := func(ctx context.Context) {
		if _, err := db.IndexPending(ctx); err != nil {
			// The sections are stored; the next ingest or Open indexes them.
			sum.Failed = append(sum.Failed, ingestFailure{Path: "（全文索引）", Error: err.Error()})
		}
		unindexed = 0
	}
	for item := range ch {
		n, dups, err := 0, 0, item.err
		saveStart := time.Now()
		if err == nil {
			n, dups, err = saveAll(ctx, db, item.docs)
		}
		replaced := 0
		if err == nil && replace {
			replaced, err = db.RemoveReplaced(ctx, item.path, item.docs)
		}
		sum.Added += n
		sum.Duplicates += dups
		sum.Replaced += replaced
		file := ingestFile{Path: item.path, Added: n, Duplicates: dups, Replaced: replaced, Seconds: (item.took + time.Since(saveStart)).Seconds()}
		if err != nil {
			sum.Failed = append(sum.Failed, ingestFailure{Path: item.path, Error: err.Error()})
			file.Error = err.Error()
		}
		sum.Files = append(sum.Files, file)
		if unindexed += n; unindexed >= ingestIndexBatch {
			index(ctx)
		}
		progress()
	}
	if unindexed > 0 {
		// Also after Ctrl-C: what was stored becomes searchable.
		index(context.WithoutCancel(ctx))
	}
	return sum
}

// ingestIndexBatch is how many documents ingest stores before it indexes
// them. Each document is stored in its own transaction; FTS5 writes an index
// segment per commit, so indexing one document at a time took over half of
// the time to store it (measured).
const ingestIndexBatch = 200

// prepareFile reads and parses one report file and prepares its documents
// for storing.
func prepareFile(ctx context.Context, p reportParser, path string) ([]store.Prepared, error) {
	res, err := parseFile(ctx, p, path)
	if err != nil {
		return nil, err
	}
	docs := make([]store.Prepared, 0, len(res.Documents))
	for _, doc := range res.Documents {
		pd, err := store.Prepare(path, res.Encoding, doc)
		if err != nil {
			return nil, err
		}
		docs = append(docs, pd)
	}
	return docs, nil
}

// parseFile reads and parses one report file.
func parseFile(ctx context.Context, p reportParser, path string) (corpus.Result, error) {
	data, err := readReport(ctx, path)
	if err != nil {
		return corpus.Result{}, trimPathPrefix(err, path)
	}
	return p.Parse(path, data)
}

// saveAll stores each prepared document of a file in its own transaction,
// leaving the full-text index to ingestAll.
func saveAll(ctx context.Context, db storeWriter, docs []store.Prepared) (added, dups int, err error) {
	for _, doc := range docs {
		_, created, err := db.SaveUnindexed(ctx, doc)
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

// trimPathPrefix drops a leading "path: " from an error already reported
// next to its path.
func trimPathPrefix(err error, path string) error {
	msg := strings.TrimPrefix(err.Error(), path+": ")
	return fmt.Errorf("%s", msg)
}

// collectFiles expands folders into the report files below them, sorted.
func collectFiles(args []string) (files []string, failed []ingestFailure) {
	for _, arg := range args {
		st, err := os.Stat(arg)
		if err != nil {
			failed = append(failed, ingestFailure{Path: arg, Error: "文件不存在或无法读取"})
			continue
		}
		if !st.IsDir() {
			files = append(files, arg)
			continue
		}
		var found []string
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				failed = append(failed, ingestFailure{Path: p, Error: err.Error()})
				return nil
			}
			if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != arg {
				return filepath.SkipDir
			}
			if d.IsDir() || !convert.Accepts(p) || strings.HasPrefix(d.Name(), "~$") {
				return nil
			}
			if err := regularEntry(p, d); err != nil {
				failed = append(failed, ingestFailure{Path: p, Error: err.Error()})
				return nil
			}
			found = append(found, p)
			return nil
		})
		if err != nil {
			failed = append(failed, ingestFailure{Path: arg, Error: err.Error()})
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, failed
}
