package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) exportCommand() *cobra.Command {
	var docxPath string
	cmd := &cobra.Command{
		Use:   "export 草稿.md --docx 输出.docx",
		Short: "把草稿（Markdown）导出为公文格式的 Word 文件",
		Long: `按 GB/T 9704-2012 版式导出 .docx：A4，页边距上 37、下 35、左 28、右 26 毫米；标题方正小标宋简体二号居中；
正文仿宋_GB2312 三号、首行缩进两字、固定行距（每页 22 行）；一级标题黑体、二级楷体_GB2312、三级仿宋加粗；
页码“— N —”宋体四号，单页居右、双页居左；【待核实…】标记以黄色突出显示。`,
		Example: "  zongjie export 2024年工作总结.md --docx 2024年工作总结.docx",
		Args:    exactArgs(1, "一个草稿文件（.md）"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if docxPath == "" {
				docxPath = strings.TrimSuffix(args[0], filepath.Ext(args[0])) + ".docx"
			}
			if !strings.EqualFold(filepath.Ext(docxPath), ".docx") {
				return fmt.Errorf("--docx 的文件名应以 .docx 结尾：%s", docxPath)
			}
			md, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("读取草稿: %w", err)
			}
			if err := writeReportFile(docxPath, string(md)); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "已导出 %s\n", docxPath)
			return nil
		},
	}
	cmd.Flags().StringVar(&docxPath, "docx", "", "输出的 .docx `文件`（默认与草稿同名）")
	return cmd
}
