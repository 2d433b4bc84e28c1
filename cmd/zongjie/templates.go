package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
)

// templateRow is one row of `templates --json`.
type templateRow struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Kind       string   `json:"kind"`
	Sections   int      `json:"sections"`
	Categories []string `json:"categories"`
	Markers    []string `json:"markers"`
}

// allTemplates loads every stored document's skeleton (headings only).
func allTemplates(ctx context.Context, db database) ([]draft.Template, error) {
	return db.Templates(ctx, "")
}

func (a *app) templatesCommand() *cobra.Command {
	var asJSON, canonical, phrasings bool
	cmd := &cobra.Command{
		Use:     "templates",
		Aliases: []string{"template"},
		Short:   "列出标题模板（每篇报告的标题结构），或归纳常见结构",
		Example: `  zongjie templates
  zongjie templates --canonical
  zongjie templates --phrasings --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			ts, err := allTemplates(cmd.Context(), db)
			if err != nil {
				return err
			}
			fallback := a.cfg.TaxonomyValue().Fallback
			switch {
			case canonical:
				var out []draft.Template
				for _, k := range []string{corpus.KindSummary, corpus.KindSummaryPlan, corpus.KindPlan, corpus.KindQuarterly} {
					if t := draft.CanonicalTemplate(k, ts, fallback); len(t.Sections) > 0 {
						out = append(out, t)
					}
				}
				if asJSON {
					return writeJSON(a, out)
				}
				for _, t := range out {
					fmt.Fprintf(a.stdout, "【%s】\n", t.Title)
					printTemplate(a, t)
					fmt.Fprintln(a.stdout)
				}
				return nil
			case phrasings:
				ph := draft.HeadingPhrasings(ts, fallback)
				if asJSON {
					return writeJSON(a, ph)
				}
				for _, c := range a.cfg.TaxonomyValue().Names() {
					if len(ph[c]) == 0 {
						continue
					}
					fmt.Fprintf(a.stdout, "%s：\n", c)
					for i, p := range ph[c] {
						if i == 8 {
							break
						}
						fmt.Fprintf(a.stdout, "  %s（%d）\n", p.Heading, p.Count)
					}
				}
				return nil
			}
			rows := make([]templateRow, 0, len(ts))
			for _, t := range ts {
				rows = append(rows, templateRow{t.ID, t.Title, t.Kind, len(t.Sections), nonNil(t.Categories(fallback)), nonNil(t.MarkerStyles())})
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			for _, r := range rows {
				fmt.Fprintf(a.stdout, "%d  %s（%s，%d 个标题）\n    类别：%s\n    序号：%s\n", r.ID, orDash(r.Title), kindName(r.Kind), r.Sections, strings.Join(r.Categories, " → "), strings.Join(r.Markers, " / "))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.Flags().BoolVar(&canonical, "canonical", false, "按报告类型归纳常见结构（类别的常见顺序与序号）")
	cmd.Flags().BoolVar(&phrasings, "phrasings", false, "按类别列出常用标题写法及次数")
	cmd.AddCommand(a.templateShowCommand())
	return cmd
}

func (a *app) templateShowCommand() *cobra.Command {
	var asYAML bool
	cmd := &cobra.Command{
		Use:     "show 编号",
		Short:   "显示一篇报告的标题模板（--yaml 输出可编辑的模板文件）",
		Example: "  zongjie templates show 3\n  zongjie templates show 3 --yaml > 模板.yaml",
		Args:    exactArgs(1, "一个报告编号"),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := a.loadTemplate(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if asYAML {
				b, err := t.YAML()
				if err != nil {
					return err
				}
				_, err = a.stdout.Write(b)
				return err
			}
			fmt.Fprintf(a.stdout, "%d  %s（%s）\n", t.ID, orDash(t.Title), kindName(t.Kind))
			printTemplate(a, t)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asYAML, "yaml", false, "输出 YAML 模板文件")
	return cmd
}

// loadTemplate resolves a template reference: a document id or a .yaml file.
func (a *app) loadTemplate(ctx context.Context, ref string) (draft.Template, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		db, err := a.openDB(ctx)
		if err != nil {
			return draft.Template{}, err
		}
		return draft.ChooseTemplate(ctx, db, id, "", a.cfg.TaxonomyValue().Fallback, store.ErrNotFound)
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return draft.Template{}, fmt.Errorf("读取模板 %s: %w", ref, err)
	}
	return draft.ParseTemplate(ref, data, a.cfg.TaxonomyValue())
}

func printTemplate(a *app, t draft.Template) {
	for _, s := range t.Sections {
		fmt.Fprintf(a.stdout, "%s%s%s  〔%s · %s〕\n", strings.Repeat("  ", s.Level-1), s.Marker, s.Heading, s.Category, partName(s.Part))
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
