package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
)

// docJSON is one row of `docs --json`.
type docJSON struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	Org      string `json:"org"`
	Year     int    `json:"year"`
	Kind     string `json:"kind"`
	Period   string `json:"period"`
	Sections int    `json:"sections"`
	Source   string `json:"source"`
	Builtin  bool   `json:"builtin"` // a built-in sample report (内置范文)
}

func (a *app) docsCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "docs",
		Short:   "列出语料库中的报告（删除用 zongjie docs rm 编号）",
		Example: "  zongjie docs\n  zongjie docs --json\n  zongjie docs rm 3 7",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			docs, err := db.Documents(cmd.Context())
			if err != nil {
				return err
			}
			rows := make([]docJSON, 0, len(docs))
			for _, d := range docs {
				rows = append(rows, docJSON{d.ID, d.Title, d.Org, d.Year, d.Kind, d.Period, d.SectionCount, d.Source, d.Builtin()})
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			var tb table
			tb.add("编号", "标题", "单位", "年份", "类型", "节数")
			for _, r := range rows {
				tb.add(strconv.FormatInt(r.ID, 10), orDash(r.Title)+builtinMark(r.Builtin), orDash(r.Org), yearText(r.Year), kindName(r.Kind), strconv.Itoa(r.Sections))
			}
			return tb.write(a.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.AddCommand(a.docsRemoveCommand())
	return cmd
}

// docsRemoveCommand is `docs rm ID…`: remove reports with their sections
// and index rows. Numbers of no report are reported and make the exit
// status 1; the others are removed.
func (a *app) docsRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "rm 编号...",
		Aliases: []string{"remove", "delete"},
		Short:   "从语料库删除报告（连同其段落、数字和检索索引；内置范文也可删除）",
		Example: "  zongjie docs rm 3\n  zongjie docs rm 1 2 5",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids := make([]int64, 0, len(args))
			for _, arg := range args {
				id, err := strconv.ParseInt(arg, 10, 64)
				if err != nil || id <= 0 {
					return invalid("报告编号应为正整数：%q（用 zongjie docs 查看编号）", arg)
				}
				ids = append(ids, id)
			}
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			removed, err := db.RemoveDocuments(cmd.Context(), ids)
			if err != nil {
				return err
			}
			return a.printRemoved(ids, removed)
		},
	}
}

// printRemoved lists the removed reports and the numbers of none.
func (a *app) printRemoved(ids []int64, removed []corpus.DocumentRecord) error {
	gone := map[int64]bool{}
	for _, d := range removed {
		gone[d.ID] = true
		fmt.Fprintf(a.stdout, "已删除 %d  %s%s\n", d.ID, orDash(d.Title), builtinMark(d.Builtin()))
	}
	missing := 0
	for _, id := range ids {
		if !gone[id] {
			missing++
			fmt.Fprintf(a.stderr, "没有编号为 %d 的报告（用 zongjie docs 查看编号）\n", id)
		}
	}
	fmt.Fprintf(a.stdout, "共删除 %d 篇。\n", len(removed))
	if missing > 0 {
		return exitError{code: exitNotFound}
	}
	return nil
}

func (a *app) showCommand() *cobra.Command {
	var asJSON, withText, explain bool
	cmd := &cobra.Command{
		Use:     "show 编号",
		Short:   "显示一篇报告的标题树（类别、部分）",
		Example: "  zongjie show 3\n  zongjie show 3 --text\n  zongjie show 3 --explain\n  zongjie show 3 --json",
		Args:    exactArgs(1, "一个报告编号"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return invalid("报告编号应为数字：%q（用 zongjie docs 查看编号）", args[0])
			}
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			rec, secs, err := db.Document(cmd.Context(), id)
			if errors.Is(err, store.ErrNotFound) {
				return notFound("没有编号为 %d 的报告（用 zongjie docs 查看编号）", id)
			}
			if err != nil {
				return err
			}
			if asJSON {
				if !withText {
					for i := range secs {
						secs[i].Text = ""
					}
				}
				return writeJSON(a, struct {
					docJSON
					Sections []corpus.Section `json:"sections"`
				}{docJSON{rec.ID, rec.Title, rec.Org, rec.Year, rec.Kind, rec.Period, rec.SectionCount, rec.Source, rec.Builtin()}, secs})
			}
			fmt.Fprintf(a.stdout, "%d  %s\n    %s · %s · %s · 来源 %s\n\n", rec.ID, orDash(rec.Title), orDash(rec.Org), yearText(rec.Year), kindName(rec.Kind), rec.Source)
			for _, s := range secs {
				if s.Level == 0 {
					if withText {
						fmt.Fprintf(a.stdout, "【开头】\n%s\n\n", s.Text)
					}
					continue
				}
				fmt.Fprintf(a.stdout, "%s%s%s  〔%s · %s〕\n", strings.Repeat("  ", s.Level-1), s.Marker, s.Heading, s.Category, partName(s.Part))
				if explain {
					// The same keyword rules the parser used; a child also
					// leans to its parent's category, which is not repeated here.
					why := a.cfg.TaxonomyValue().Classify(s.Heading, s.Text, "")
					fmt.Fprintf(a.stdout, "%s    分类依据：%s\n", strings.Repeat("  ", s.Level-1), strings.Join(why.Reasons, "；"))
				}
				if withText && s.Text != "" {
					fmt.Fprintf(a.stdout, "%s\n\n", indent(s.Text, strings.Repeat("  ", s.Level)))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.Flags().BoolVar(&withText, "text", false, "同时显示正文")
	cmd.Flags().BoolVar(&explain, "explain", false, "显示每个标题的分类依据（命中的关键词）")
	return cmd
}

// builtinMark marks a built-in sample report in listings.
func builtinMark(builtin bool) string {
	if builtin {
		return "〔内置范文〕"
	}
	return ""
}

func writeJSON(a *app, v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func kindName(k string) string { return corpus.KindName(k) }

func partName(p string) string { return corpus.PartName(p) }
