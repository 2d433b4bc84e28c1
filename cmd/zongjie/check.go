package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/draft"
)

func (a *app) checkCommand() *cobra.Command {
	var factsPath string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check DRAFT.md --facts FILE",
		Short: "核对草稿中的数字是否都来自事实文件",
		Long: `核对草稿：草稿中的每个数字都必须是事实文件中的数字（写法可不同：1.4亿元 = 14000万元；80名 = 八十名），
或报告年份；事实文件中的每个数字都必须写进草稿。“十四五”“三会一课”等固定提法与标题序号不算数字。
不通过时退出码为 3。`,
		Example: `  zongjie check 2024年工作总结.md --facts 2024.yaml
  zongjie check 2024年工作总结.md --facts 2024.yaml --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if factsPath == "" {
				return errors.New("请用 --facts 指定事实文件")
			}
			text, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("读取草稿: %w", err)
			}
			data, err := os.ReadFile(factsPath)
			if err != nil {
				return fmt.Errorf("读取事实文件: %w", err)
			}
			facts, err := draft.LoadFacts(factsPath, data, a.cfg.TaxonomyValue())
			if err != nil {
				return err
			}
			res := draft.Checker{Fixed: a.cfg.Drafting.FixedNumerals}.Check(string(text), facts)
			if asJSON {
				if err := writeJSON(a, res); err != nil {
					return err
				}
			} else {
				printCheck(a.stdout, res)
			}
			if !res.OK {
				return exitError{code: 3}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&factsPath, "facts", "", "事实文件（YAML）")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON：{\"ok\",\"unsupported\",\"missing\"}")
	return cmd
}
