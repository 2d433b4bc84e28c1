package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/docx"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm"
	"github.com/zongjie/zongjie/prompts"
	"github.com/zongjie/zongjie/store"
)

func (a *app) draftCommand() *cobra.Command {
	var factsPath, templateRef, outPath string
	var offline, asJSON, strict bool
	var resume int64
	cmd := &cobra.Command{
		Use:   "draft --facts 事实文件",
		Short: "按事实文件起草工作总结（数字只用你给的）",
		Long: `按事实文件（YAML）起草报告：结构取自模板（默认为语料库中同类报告的常见结构），
每节先检索同类范文，再由模型行文；所有数字都要与事实文件一致，模型编造的数字标为【待核实：…】。
未配置模型或加 --offline 时，用离线方式生成（标题 + 范文引导句 + 你的事实）。`,
		Example: `  zongjie draft --facts examples/facts-2024.yaml
  zongjie draft --facts 2024.yaml --template 3 --out 2024年工作总结.md
  zongjie draft --facts 2024.yaml --template 模板.yaml --json
  zongjie draft --resume 12`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if factsPath == "" && resume == 0 {
				return errors.New("请用 --facts 指定事实文件（示例见 examples/facts-2024.yaml），或用 --resume 继续未完成的草稿")
			}
			db, err := a.openDB(ctx)
			if err != nil {
				return err
			}
			svc, mode, err := a.draftService(offline)
			if err != nil {
				return err
			}
			prog := a.newProgress(asJSON, mode == draft.ModeOffline)
			defer prog.close()
			req := draft.Request{Offline: mode == draft.ModeOffline, ResumeRun: resume, Progress: prog.event}
			if resume != 0 {
				run, err := db.GetRun(ctx, resume)
				if err != nil {
					return err
				}
				factsPath = run.FactsName
				req.FactsYAML, req.Template = run.FactsYAML, run.Template
				if outPath == "" {
					outPath = run.OutPath // a resumed run writes where the run wrote
				}
				req.Facts, err = draft.LoadFacts(run.FactsName, []byte(run.FactsYAML), a.cfg.TaxonomyValue())
				if err != nil {
					return err
				}
			} else {
				data, err := os.ReadFile(factsPath)
				if err != nil {
					return invalid("读取事实文件: %w", err)
				}
				req.FactsYAML = string(data)
				if outPath != "" {
					if abs, err := filepath.Abs(outPath); err == nil {
						req.OutPath = abs
					}
				}
				if req.Facts, err = draft.LoadFacts(factsPath, data, a.cfg.TaxonomyValue()); err != nil {
					return err
				}
				if templateRef == "" {
					templateRef = req.Facts.Template
				}
				if req.Template, err = a.chooseTemplate(ctx, templateRef, req.Facts.Doc); err != nil {
					return err
				}
			}
			if mode == draft.ModeOffline && !asJSON {
				fmt.Fprintln(a.stderr, "提示："+draft.OfflineNotice)
			}
			if mode == draft.ModeLLM {
				a.sayModel()
			}
			res, err := svc.Draft(ctx, req)
			if errors.Is(err, draft.ErrKeyRejected) {
				return err // nothing was written, and --resume cannot help
			}
			if werr := a.writeDraft(res, outPath, asJSON); werr != nil {
				return werr
			}
			if err != nil {
				if res.RunID != 0 {
					fmt.Fprintf(a.stderr, "草稿未全部完成（记录编号 %d），已完成的小节已保存；继续：zongjie draft --resume %d\n", res.RunID, res.RunID)
				}
				return err
			}
			if !asJSON {
				printCheck(a.stderr, res.Check)
			}
			if strict && !res.Check.OK {
				return exitError{code: exitCheck}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&factsPath, "facts", "", "事实`文件`（YAML）")
	cmd.Flags().StringVar(&templateRef, "template", "", "`模板`：语料库中的报告编号，或模板 .yaml 文件")
	cmd.Flags().StringVar(&outPath, "out", "", "写入`文件`（.md）；默认输出到屏幕")
	cmd.Flags().String("model", "", "本次使用的`模型`名称（覆盖配置 llm.model）")
	cmd.Flags().BoolVar(&offline, "offline", false, "不调用模型，生成离线草稿")
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	cmd.Flags().BoolVar(&strict, "strict", false, "数字核对未通过时退出码为 3")
	cmd.Flags().Int64Var(&resume, "resume", 0, "继续一次未完成的草稿（记录编号）")
	return cmd
}

// draftService wires the drafting service from the configuration.
func (a *app) draftService(offline bool) (*draft.Service, string, error) {
	set, err := prompts.Load(a.cfg.Drafting.PromptsDir)
	if err != nil {
		return nil, "", err
	}
	svc := &draft.Service{
		Sections:    a.db,
		Runs:        a.db,
		Prompts:     set,
		Checker:     draft.NewChecker(a.cfg.Drafting.FixedNumerals),
		Examples:    a.cfg.ExampleOptions(0),
		Concurrency: a.cfg.LLM.Concurrency,
		Fallback:    a.cfg.TaxonomyValue().Fallback,
		Taxonomy:    a.cfg.TaxonomyValue(),
	}
	if offline || a.cfg.LLM.BaseURL == "" || a.cfg.LLM.Model == "" {
		return svc, draft.ModeOffline, nil
	}
	client, err := a.llmClient()
	if err != nil {
		return nil, "", err
	}
	svc.Completer = client
	return svc, draft.ModeLLM, nil
}

// sayModel says once, on stderr, which endpoint and model a run uses.
func (a *app) sayModel() {
	fmt.Fprintf(a.stderr, "使用模型 %s（%s）\n", a.cfg.LLM.Model, a.cfg.LLM.BaseURL)
}

// llmClient builds the model client from the configuration.
func (a *app) llmClient() (*llm.Client, error) {
	return llm.New(a.llmConfig(), a.db)
}

// llmConfig is the model client's configuration; zero values in the file
// keep the llm package's defaults, except max_retries, where 0 means none.
func (a *app) llmConfig() llm.Config {
	c := a.cfg.LLM
	cfg := llm.DefaultConfig()
	cfg.BaseURL, cfg.Model, cfg.APIKey, cfg.KeyEnv = c.BaseURL, c.Model, a.cfg.APIKey(), a.cfg.APIKeySource()
	cfg.Temperature, cfg.MaxTokens, cfg.Stream = c.Temperature, c.MaxTokens, c.Stream
	for _, d := range []struct{ to, from *time.Duration }{
		{&cfg.HeaderTimeout, &c.HeaderTimeout}, {&cfg.IdleTimeout, &c.IdleTimeout},
		{&cfg.CallTimeout, &c.CallTimeout}, {&cfg.MaxWait, &c.MaxWait},
	} {
		if *d.from > 0 {
			*d.to = *d.from
		}
	}
	cfg.MaxRetries = c.MaxRetries
	return cfg
}

// chooseTemplate resolves --template, else the canonical template of the
// document kind mined from the corpus.
func (a *app) chooseTemplate(ctx context.Context, ref, doc string) (draft.Template, error) {
	if ref != "" {
		return a.loadTemplate(ctx, ref)
	}
	return draft.ChooseTemplate(ctx, a.db, 0, doc, a.cfg.TaxonomyValue().Fallback, store.ErrNotFound)
}

// writeDraft writes the report to outPath when given (also with --json,
// which then prints the result too), else to stdout.
func (a *app) writeDraft(res draft.Result, outPath string, asJSON bool) error {
	if outPath != "" {
		if err := writeReportFile(outPath, res.Markdown); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "已写入 %s（记录编号 %s）\n", outPath, strconv.FormatInt(res.RunID, 10))
	}
	if asJSON {
		return writeJSON(a, res)
	}
	if outPath == "" {
		_, err := io.WriteString(a.stdout, res.Markdown)
		return err
	}
	return nil
}

// writeReportFile saves Markdown as .md/.txt, or as a GB/T 9704 style .docx.
func writeReportFile(path, markdown string) error {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".md", ".txt", "":
		if err := os.WriteFile(path, []byte(markdown), 0o644); err != nil {
			return fmt.Errorf("写入 %s: %w", path, err)
		}
		return nil
	case ".docx":
		var buf bytes.Buffer
		if err := docx.Write(&buf, docx.FromMarkdown(markdown)); err != nil {
			return fmt.Errorf("生成 %s: %w", path, err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("写入 %s: %w", path, err)
		}
		return nil
	}
	return fmt.Errorf("--out 支持 .md、.txt、.docx，而不是 %s", filepath.Ext(path))
}

// printCheck summarises the number check for a person.
func printCheck(w io.Writer, c draft.CheckResult) {
	for _, q := range c.Queries {
		fmt.Fprintln(w, "请核实事实："+q)
	}
	if c.OK {
		fmt.Fprintln(w, "数字核对：通过（草稿中的数字都来自事实文件，事实文件中的数字都已写入）。")
		return
	}
	fmt.Fprintln(w, "数字核对：未通过。")
	if len(c.Unsupported) > 0 {
		fmt.Fprintf(w, "  事实文件中没有的数字（已标【待核实】）：%s\n", strings.Join(c.Unsupported, "、"))
	}
	if len(c.Missing) > 0 {
		fmt.Fprintf(w, "  事实文件中未写入草稿的数字：%s\n", strings.Join(c.Missing, "、"))
	}
}
