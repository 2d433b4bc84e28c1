package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

func (a *app) checkCommand() *cobra.Command {
	var factsPath, planRef, summaryRef, nextRef string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check (草稿.md --facts 事实文件 | --plan 去年计划 --summary 今年总结 [--next 下一年计划])",
		Short: "核对草稿中的数字是否都来自事实文件",
		Long: `核对草稿：草稿中的每个数字都必须是事实文件中的数字（写法可不同：1.4亿元 = 14000万元；80名 = 八十名），
或报告年份；事实文件中的每个数字都必须写进草稿。“十四五”“三会一课”等固定提法与标题序号不算数字。
不通过时退出码为 3。

连贯性核对（--plan/--summary）：去年计划中的每项任务，是否在今年总结中有回应（按类别与文字相似度匹配，
给出对应的句子）；加 --next 时，今年总结中的每个问题，是否在下一年计划中有对应任务。阈值见配置 continuity.match_threshold。
有未见回应的任务或问题时，退出码同样为 3（便于脚本判断）。`,
		Example: `  zongjie check 2024年工作总结.md --facts 2024.yaml
  zongjie check 2024年工作总结.md --facts 2024.yaml --json
  zongjie check --plan 2023年工作计划.docx --summary 2024年工作总结.docx
  zongjie check --plan 12 --summary 15 --next 2025年工作计划.md --json`,
		Args: rangeArgs(0, 1, "草稿文件"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if planRef != "" || summaryRef != "" {
				return a.checkContinuity(cmd.Context(), planRef, summaryRef, nextRef, asJSON)
			}
			if len(args) != 1 {
				return errors.New("请给出要核对的草稿文件，或用 --plan 与 --summary 做连贯性核对")
			}
			if factsPath == "" {
				return errors.New("请用 --facts 指定事实文件")
			}
			text, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("读取草稿: %w", err)
			}
			data, err := os.ReadFile(factsPath)
			if err != nil {
				return invalid("读取事实文件: %w", err)
			}
			facts, err := draft.LoadFacts(factsPath, data, a.cfg.TaxonomyValue())
			if err != nil {
				return err
			}
			res := draft.NewChecker(a.cfg.Drafting.FixedNumerals).Check(string(text), facts)
			if asJSON {
				if err := writeJSON(a, res); err != nil {
					return err
				}
			} else {
				printCheck(a.stdout, res)
			}
			if !res.OK {
				return exitError{code: exitCheck}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&factsPath, "facts", "", "事实`文件`（YAML）")
	cmd.Flags().StringVar(&planRef, "plan", "", "去年的`计划`（文件或报告编号）")
	cmd.Flags().StringVar(&summaryRef, "summary", "", "今年的`总结`（文件或报告编号）")
	cmd.Flags().StringVar(&nextRef, "next", "", "下一年的`计划`（文件或报告编号），核对问题是否都有对应任务")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON：{\"ok\",\"unsupported\",\"missing\"}")
	return cmd
}

// checkContinuity runs the plan → summary → plan loop check.
func (a *app) checkContinuity(ctx context.Context, planRef, summaryRef, nextRef string, asJSON bool) error {
	if planRef == "" || summaryRef == "" {
		return errors.New("连贯性核对需要同时给出 --plan（去年计划）和 --summary（今年总结）")
	}
	if _, err := a.openDB(ctx); err != nil {
		return err
	}
	plan, err := a.loadSummary(ctx, planRef)
	if err != nil {
		return err
	}
	summary, err := a.loadSummary(ctx, summaryRef)
	if err != nil {
		return err
	}
	var next []corpus.Section
	if nextRef != "" {
		doc, err := a.loadSummary(ctx, nextRef)
		if err != nil {
			return err
		}
		next = doc.Sections
		if next == nil {
			next = []corpus.Section{}
		}
	}
	rep := draft.CheckContinuity(plan.Sections, summary.Sections, next, a.cfg.Continuity.MatchThreshold, a.cfg.TaxonomyValue())
	if len(rep.Tasks) == 0 {
		return fmt.Errorf("%s 中没有找到计划部分的任务（需要“工作计划/工作思路/下一步”等部分）", planRef)
	}
	if asJSON {
		if err := writeJSON(a, rep); err != nil {
			return err
		}
	} else {
		printContinuity(a, "去年计划的任务", rep.Tasks, "今年总结")
		if rep.Problems != nil {
			printContinuity(a, "今年总结的问题", rep.Problems, "下一年计划")
		}
	}
	if unaddressed(rep.Tasks)+unaddressed(rep.Problems) > 0 {
		return exitError{code: exitCheck}
	}
	return nil
}

// unaddressed counts the items without a response.
func unaddressed(items []draft.ContinuityItem) int {
	n := 0
	for _, it := range items {
		if !it.Addressed {
			n++
		}
	}
	return n
}

func printContinuity(a *app, title string, items []draft.ContinuityItem, where string) {
	done := len(items) - unaddressed(items)
	fmt.Fprintf(a.stdout, "%s：%d 项，%s中有回应 %d 项，未见回应 %d 项。\n", title, len(items), where, done, len(items)-done)
	for _, it := range items {
		if it.Addressed {
			fmt.Fprintf(a.stdout, "  ✓ 〔%s〕%s\n      → %s（相似度 %.2f）\n", it.Category, truncate(it.Text, 50), truncate(it.Match, 60), it.Score)
		} else {
			fmt.Fprintf(a.stdout, "  ✗ 〔%s〕%s（最高相似度 %.2f）\n", it.Category, truncate(it.Text, 50), it.Score)
		}
	}
	fmt.Fprintln(a.stdout)
}
