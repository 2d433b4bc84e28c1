package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) parseCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "parse 文件",
		Short: "解析一份报告（不写数据库）",
		Example: `  zongjie parse 2023年工作总结.txt
  zongjie parse 2023年工作总结.docx --json`,
		Args: exactArgs(1, "一个报告文件"),
		RunE: func(cmd *cobra.Command, args []string) error {
			data, err := readReport(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			res, err := a.parser().Parse(args[0], data)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			for i, d := range res.Documents {
				fmt.Fprintf(a.stdout, "文档 %d：%s（%s，%s，%s）编码 %s\n", i+1, orDash(d.Title), orDash(d.Org), yearText(d.Year), d.Kind, res.Encoding)
				for _, s := range d.Sections {
					if s.Level == 0 {
						continue
					}
					fmt.Fprintf(a.stdout, "%s%s %s  [%s/%s] 数字%d\n", strings.Repeat("  ", s.Level), s.Marker, s.Heading, s.Category, s.Part, len(s.Figures))
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	return cmd
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func yearText(y int) string {
	if y == 0 {
		return "年份不详"
	}
	return fmt.Sprintf("%d年", y)
}
