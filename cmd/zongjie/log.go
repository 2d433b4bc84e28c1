package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
)

// callJSON is one model call in `log --json`.
type callJSON struct {
	ID               int64  `json:"id"`
	Time             string `json:"time"`
	Purpose          string `json:"purpose"`
	Model            string `json:"model"`
	PromptTokens     int    `json:"prompt_tokens"`
	CompletionTokens int    `json:"completion_tokens"`
	FinishReason     string `json:"finish_reason"`
	LatencyMS        int64  `json:"latency_ms"`
	Error            string `json:"error"`
	Prompt           string `json:"prompt,omitempty"`
	Response         string `json:"response,omitempty"`
}

func toCallJSON(c draft.Call, full bool) callJSON {
	j := callJSON{c.ID, c.CreatedAt.Local().Format("2006-01-02 15:04:05"), c.Purpose, c.Model, c.PromptTokens, c.CompletionTokens, c.FinishReason, c.Latency.Milliseconds(), c.Error, "", ""}
	if full {
		j.Prompt, j.Response = c.Prompt, c.Response
	}
	return j
}

func (a *app) logCommand() *cobra.Command {
	var asJSON bool
	var limit int
	cmd := &cobra.Command{
		Use:     "log",
		Short:   "查看模型调用记录",
		Example: "  zongjie log\n  zongjie log --json -n 50\n  zongjie log show 7",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			calls, err := db.Calls(cmd.Context(), limit)
			if err != nil {
				return err
			}
			rows := make([]callJSON, 0, len(calls))
			for _, c := range calls {
				rows = append(rows, toCallJSON(c, false))
			}
			if asJSON {
				return writeJSON(a, rows)
			}
			if len(rows) == 0 {
				fmt.Fprintln(a.stdout, "还没有模型调用记录。")
				return nil
			}
			var tb table
			tb.add("编号", "时间", "用途", "模型", "输入/输出词元", "耗时", "结果")
			for _, r := range rows {
				result := r.FinishReason
				if r.Error != "" {
					result = "错误：" + truncate(r.Error, 40)
				}
				tb.add(strconv.FormatInt(r.ID, 10), r.Time, r.Purpose, r.Model, fmt.Sprintf("%d/%d", r.PromptTokens, r.CompletionTokens), fmt.Sprintf("%.1f 秒", float64(r.LatencyMS)/1000), result)
			}
			return tb.write(a.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "显示最近多少条")
	show := &cobra.Command{
		Use:   "show 编号",
		Short: "显示一次调用的完整提示词与回答",
		Args:  exactArgs(1, "一个调用记录编号"),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return invalid("记录编号应为数字：%q", args[0])
			}
			db, err := a.openDB(cmd.Context())
			if err != nil {
				return err
			}
			c, err := db.Call(cmd.Context(), id)
			if errors.Is(err, store.ErrNotFound) {
				return notFound("没有编号为 %d 的调用记录", id)
			}
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a, toCallJSON(c, true))
			}
			j := toCallJSON(c, true)
			fmt.Fprintf(a.stdout, "编号 %d · %s · %s · %s · 词元 %d/%d · %.1fs · %s\n", j.ID, j.Time, j.Purpose, j.Model, j.PromptTokens, j.CompletionTokens, float64(j.LatencyMS)/1000, j.FinishReason)
			if j.Error != "" {
				fmt.Fprintf(a.stdout, "错误：%s\n", j.Error)
			}
			fmt.Fprintf(a.stdout, "\n—— 提示词 ——\n%s\n\n—— 回答 ——\n%s\n", j.Prompt, j.Response)
			return nil
		},
	}
	show.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.AddCommand(show)
	return cmd
}

func truncate(s string, n int) string {
	r := []rune(strings.ReplaceAll(s, "\n", " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n]) + "…"
}
