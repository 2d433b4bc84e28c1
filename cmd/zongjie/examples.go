package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/draft"
)

// exampleJSON is one row of `examples --json`.
type exampleJSON struct {
	DocID     int64    `json:"doc_id"`
	SectionID int64    `json:"section_id"`
	Title     string   `json:"title"`
	Year      int      `json:"year,omitempty"`
	Heading   string   `json:"heading"`
	Category  string   `json:"category"`
	Part      string   `json:"part"`
	Score     float64  `json:"score"`
	Reasons   []string `json:"reasons"`
	Text      string   `json:"text,omitempty"`
	Builtin   bool     `json:"builtin"` // from a built-in sample report (内置范文)
}

func (a *app) examplesCommand() *cobra.Command {
	var category, part, factsPath string
	var explain, asJSON bool
	var k int
	cmd := &cobra.Command{
		Use:   "examples --category 类别 [--facts 事实文件]",
		Short: "按类别挑选起草时使用的范文段落",
		Long: `挑选起草某一类别时放在模型面前的范文：与事实相关、含同类数字、每篇报告至多一段；占位符多、过短或过长的段落降分。
本单位的报告排在内置范文之前；某类别一旦有了本单位的报告，内置范文就不再作该类别的范文（配置 drafting.starter_examples）。
--explain 说明每段为何入选（类别、部分、本单位报告或内置范文、长度、年份），不给 --facts 也说明。`,
		Example: `  zongjie examples --category 师资 --facts examples/facts-2024.yaml --explain
  zongjie examples --category 安全 --part plan --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tax := a.cfg.TaxonomyValue()
			if category == "" {
				return errors.New("请用 --category 指定类别")
			}
			if !tax.Has(category) {
				return fmt.Errorf("没有类别 %q（可用：%s）", category, strings.Join(tax.Names(), "、"))
			}
			var facts []draft.Fact
			if factsPath != "" {
				data, err := os.ReadFile(factsPath)
				if err != nil {
					return invalid("读取事实文件: %w", err)
				}
				f, err := draft.LoadFacts(factsPath, data, tax)
				if err != nil {
					return err
				}
				facts = f.For(category)
			}
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			opt := a.cfg.ExampleOptions(k)
			ex, err := draft.SelectExamples(cmd.Context(), db, category, part, facts, opt)
			if err != nil {
				return err
			}
			rows := make([]exampleJSON, 0, len(ex))
			for _, e := range ex {
				r := exampleJSON{DocID: e.DocID, SectionID: e.SectionID, Title: e.DocTitle, Year: e.Year, Heading: e.Heading,
					Category: e.Category, Part: e.Part, Score: e.Score, Reasons: e.Reasons, Builtin: e.Builtin}
				if explain {
					r.Text = e.Text
				}
				rows = append(rows, r)
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			if explain || len(rows) == 0 {
				_, hasOwn, err := draft.UseStarter(cmd.Context(), db, category, opt.Starter)
				if err != nil {
					return err
				}
				fmt.Fprintln(a.stdout, starterNote(category, opt.Starter, hasOwn))
				if explain && len(facts) == 0 {
					fmt.Fprintln(a.stdout, "未给 --facts：不比较用词与数字，按来源（本单位报告优先）、长度和年份挑选。")
				}
			}
			if len(rows) == 0 {
				fmt.Fprintf(a.stdout, "没有可作范文的“%s”类段落。\n", category)
				return nil
			}
			for i, r := range rows {
				fmt.Fprintf(a.stdout, "%d. 《%s》%s%s（文档 %d，%s，得分 %.2f）\n", i+1, orDash(r.Title), builtinMark(r.Builtin), r.Heading, r.DocID, yearOrUnknown(r.Year), r.Score)
				if explain {
					fmt.Fprintf(a.stdout, "   理由：%s\n   %s\n", strings.Join(r.Reasons, "；"), truncate(r.Text, 160))
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&category, "category", "", "`类别`（如 师资）")
	cmd.Flags().StringVar(&part, "part", "summary", "`部分`：summary、plan、problems")
	cmd.Flags().StringVar(&factsPath, "facts", "", "事实`文件`：按其中该类别的事实挑选")
	cmd.Flags().IntVarP(&k, "k", "k", 3, "范文条数")
	cmd.Flags().BoolVar(&explain, "explain", false, "显示排序理由与正文开头")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	return cmd
}

// starterNote says whether the built-in sample reports serve as examples of
// the category, and why.
func starterNote(category string, policy draft.StarterPolicy, hasOwn bool) string {
	switch {
	case policy == draft.StarterNever:
		return "内置范文不作范文（配置 drafting.starter_examples: never）。"
	case policy == draft.StarterAlways:
		return "内置范文也作范文，排在本单位报告之后（配置 drafting.starter_examples: always）。"
	case hasOwn:
		return fmt.Sprintf("“%s”类已有本单位报告，内置范文不再作范文（配置 drafting.starter_examples: auto）。", category)
	}
	return fmt.Sprintf("“%s”类尚无本单位报告，暂用内置范文（配置 drafting.starter_examples: auto）；导入本单位报告后即改用本单位的。", category)
}

// yearOrUnknown words a year for listings.
func yearOrUnknown(y int) string {
	if y <= 0 {
		return "年份不详"
	}
	return fmt.Sprintf("%d 年", y)
}
