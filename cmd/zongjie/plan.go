package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/prompts"
)

func (a *app) planCommand() *cobra.Command {
	var factsPath, from, templateRef, outPath string
	var year int
	var offline, asJSON bool
	cmd := &cobra.Command{
		Use:   "plan (--facts 事实文件 | --from 本期总结)",
		Short: "由本期总结及存在问题生成下期工作计划",
		Long: `按类别列出下期计划：标题用计划式写法，每类 2–5 项任务，任务来自
（1）续办：总结中尚未完成的工作（正在实施、预计、开工……）；
（2）对策：每个存在的问题对应一项任务；
（3）时令：季度、半年计划里这几个月的例行工作（寒假安全、春季开学、防溺水、秋季招生……）；
（4）常见任务：语料库中同类计划的通用表述。
配置了模型时再润色为正文（同样核对数字：不得出现你没给的目标数）。`,
		Example: `  zongjie plan --from 2024年上半年总结.docx
  zongjie plan --from 5 --year 2025 --json
  zongjie plan --facts 2025目标.yaml --out 2025年工作计划.md`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if factsPath == "" && from == "" {
				return errors.New("请用 --from 指定本期总结（文件或报告编号），或用 --facts 指定事实文件")
			}
			if _, err := a.openDB(ctx); err != nil {
				return err
			}
			var summary *corpus.Document
			if from != "" {
				doc, err := a.loadSummary(ctx, from)
				if err != nil {
					return err
				}
				summary = &doc
			}
			var facts *draft.Facts
			if factsPath != "" {
				data, err := os.ReadFile(factsPath)
				if err != nil {
					return invalid("读取事实文件 %s：%w", factsPath, err)
				}
				f, err := draft.LoadFacts(factsPath, data, a.cfg.TaxonomyValue())
				if err != nil {
					return err
				}
				facts = &f
				if templateRef == "" {
					templateRef = f.Template
				}
			}
			req, err := draft.NewPlanRequest(summary, facts, year)
			if err != nil {
				return err
			}
			req.Offline = offline
			if req.Template, err = a.chooseTemplate(ctx, templateRef, corpus.KindPlan); err != nil {
				return err
			}
			planner, err := a.planner(offline)
			if err != nil {
				return err
			}
			res, err := planner.Plan(ctx, req)
			if err != nil {
				return err
			}
			if res.Mode == draft.ModeOffline {
				fmt.Fprintln(a.stderr, "提示："+draft.OfflinePlanNotice)
			}
			if asJSON {
				return writeJSON(a, res)
			}
			if outPath != "" {
				if err := writeReportFile(outPath, res.Markdown); err != nil {
					return err
				}
				fmt.Fprintf(a.stderr, "已写入 %s\n", outPath)
			} else {
				fmt.Fprint(a.stdout, res.Markdown)
			}
			if !res.Check.OK {
				printCheck(a.stderr, res.Check)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&factsPath, "facts", "", "事实`文件`（YAML）：各类别的目标与问题")
	cmd.Flags().StringVar(&from, "from", "", "本期`总结`：报告文件（可导入的任一格式）或语料库中的报告编号")
	cmd.Flags().IntVar(&year, "year", 0, "计划年份（默认：总结的下一期——年度总结的下一年，上半年总结的当年下半年，季度总结的下一季度）")
	cmd.Flags().StringVar(&templateRef, "template", "", "`模板`：报告编号或模板 .yaml")
	cmd.Flags().StringVar(&outPath, "out", "", "写入`文件`（.md 或 .docx）")
	cmd.Flags().BoolVar(&offline, "offline", false, "不调用模型")
	cmd.Flags().String("model", "", "本次使用的`模型`名称（覆盖配置 llm.model）")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	return cmd
}

// loadSummary reads a summary: a report file, or a document id in the corpus.
func (a *app) loadSummary(ctx context.Context, ref string) (corpus.Document, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		if _, statErr := os.Stat(ref); statErr != nil {
			rec, secs, err := a.db.Document(ctx, id)
			if err != nil {
				return corpus.Document{}, fmt.Errorf("读取报告 %d: %w", id, err)
			}
			return corpus.Document{Title: rec.Title, Org: rec.Org, Year: rec.Year, Period: rec.Period, Kind: rec.Kind, Sections: secs}, nil
		}
	}
	data, err := readReport(ctx, ref)
	if err != nil {
		return corpus.Document{}, err
	}
	res, err := a.parser().Parse(ref, data)
	if err != nil {
		return corpus.Document{}, fmt.Errorf("%s: %w", ref, err)
	}
	return res.Documents[0], nil
}

// planner wires the plan builder from the configuration.
func (a *app) planner(offline bool) (*draft.Planner, error) {
	set, err := prompts.Load(a.cfg.Drafting.PromptsDir)
	if err != nil {
		return nil, err
	}
	p := &draft.Planner{Sections: a.db, Prompts: set, Checker: draft.NewChecker(a.cfg.Drafting.FixedNumerals), Taxonomy: a.cfg.TaxonomyValue(),
		Starter: draft.StarterPolicy(a.cfg.Drafting.StarterExamples)}
	if !offline && a.cfg.LLM.BaseURL != "" && a.cfg.LLM.Model != "" {
		client, err := a.llmClient()
		if err != nil {
			return nil, err
		}
		p.Completer = client
		a.sayModel()
	}
	return p, nil
}
