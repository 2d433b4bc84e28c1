package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
)

// searchHitJSON is one row of `search --json`.
type searchHitJSON struct {
	DocID     int64   `json:"doc_id"`
	SectionID int64   `json:"section_id"`
	Title     string  `json:"title"`
	Org       string  `json:"org"`
	Year      int     `json:"year"`
	Heading   string  `json:"heading"`
	Category  string  `json:"category"`
	Part      string  `json:"part"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
	Builtin   bool    `json:"builtin"` // from a built-in sample report (内置范文)
}

func (a *app) searchCommand() *cobra.Command {
	var q corpus.SearchQuery
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search 检索词…",
		Short: "全文检索语料库中的段落",
		Long:  "按词检索各报告的段落（两字词如“党建”“资助”也能检索），可按类别、部分、单位、年份筛选。多个词用空格分开，须同时出现。",
		Example: `  zongjie search 党建
  zongjie search 特岗教师 --category 师资
  zongjie search 资助 --part summary -k 5 --json`,
		Args: minArgs(1, "搜索词"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Queries are normalised like the corpus: 雙減 finds 双减.
			q.Text = a.parser().Normalize(strings.Join(args, " "))
			if q.Category != "" && !a.cfg.TaxonomyValue().Has(q.Category) {
				return fmt.Errorf("没有类别 %q（可用：%s）", q.Category, strings.Join(a.cfg.TaxonomyValue().Names(), "、"))
			}
			switch q.Part {
			case "", corpus.PartSummary, corpus.PartPlan, corpus.PartProblems, corpus.PartPreamble:
			default:
				return fmt.Errorf("--part 应为 summary、plan 或 problems，而不是 %q", q.Part)
			}
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			hits, err := db.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			rows := make([]searchHitJSON, 0, len(hits))
			for _, h := range hits {
				rows = append(rows, searchHitJSON{h.DocID, h.SectionID, h.DocTitle, h.Org, h.Year, h.Heading, h.Category, h.Part, h.Snippet, h.Score, h.Builtin})
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			if len(rows) == 0 {
				fmt.Fprintf(a.stdout, "没有找到与“%s”相关的段落。\n", q.Text)
				return nil
			}
			for i, r := range rows {
				fmt.Fprintf(a.stdout, "%d. 《%s》%s%s（文档 %d）\n   %s  〔%s · %s〕 得分 %.2f\n   %s\n\n", i+1, orDash(r.Title), yearText(r.Year), builtinMark(r.Builtin), r.DocID, orDash(r.Heading), r.Category, partName(r.Part), r.Score, r.Snippet)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&q.Category, "category", "", "只看该`类别`（如 师资）")
	cmd.Flags().StringVar(&q.Part, "part", "", "只看该`部分`：summary、plan、problems")
	cmd.Flags().StringVar(&q.Org, "org", "", "只看该`单位`（部分匹配）")
	cmd.Flags().IntVar(&q.Year, "year", 0, "只看该年份")
	cmd.Flags().IntVarP(&q.Limit, "k", "k", 10, "最多返回条数")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	return cmd
}
