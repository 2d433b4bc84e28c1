package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/corpus"
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
			defer limitMemory()()
			data, err := readReport(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			res, err := a.parser().Parse(args[0], data)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			if asJSON {
				return writeResultJSON(a.stdout, res)
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

// writeResultJSON writes res as an indented JSON encoder would, one
// document at a time: encoding the whole result at once held a second copy
// of every section's text (and the encoder's growing buffer) in memory.
func writeResultJSON(w io.Writer, res corpus.Result) error {
	bw := bufio.NewWriter(w)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("    ", "  ")
	value := func(v any) []byte {
		buf.Reset()
		if err := enc.Encode(v); err != nil {
			panic(err) // strings and documents always encode
		}
		return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	}
	bw.WriteString("{\n  \"source\": ")
	bw.Write(value(res.Source))
	bw.WriteString(",\n  \"encoding\": ")
	bw.Write(value(res.Encoding))
	bw.WriteString(",\n  \"documents\": ")
	switch {
	case res.Documents == nil:
		bw.WriteString("null")
	case len(res.Documents) == 0:
		bw.WriteString("[]")
	default:
		bw.WriteString("[")
		for i, d := range res.Documents {
			if i > 0 {
				bw.WriteString(",")
			}
			bw.WriteString("\n    ")
			bw.Write(value(d))
		}
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("写出解析结果：%w", err)
	}
	return nil
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
