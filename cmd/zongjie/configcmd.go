package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm"
)

// version is the release version, set at build time with
// -ldflags "-X main.version=v1.2.0"; when empty, the module version or the
// VCS revision recorded in the build info is shown.
var version string

// versionText is what `zongjie version` prints.
func versionText() string {
	v, rev, when, dirty := version, "", "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			v = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "zongjie 版本 %s\n", cmp.Or(v, "开发版（未标版本）"))
	if rev != "" {
		fmt.Fprintf(&b, "源码提交 %s", rev[:min(12, len(rev))])
		if when != "" {
			fmt.Fprintf(&b, "（%s）", when)
		}
		if dirty {
			b.WriteString("，含未提交的修改")
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "Go 版本 %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return b.String()
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "显示版本与 Go 版本",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(a.stdout, versionText())
			return err
		},
	}
}

func (a *app) configCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "显示生效的配置及每项的来源（命令行参数、环境变量、配置文件、默认值）",
		Long: `显示每个配置项的生效值，以及它来自哪里：命令行参数 > 环境变量（ZONGJIE_ 加键名）> 配置文件 > 默认值。
API 密钥只显示首尾几位。用 zongjie config check 试调用一次模型。`,
		Example: "  zongjie config\n  zongjie config --config 我的配置.yaml\n  zongjie config check",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			a.printConfig()
			return nil
		},
	}
	check := &cobra.Command{
		Use:   "check",
		Short: "试调用一次配置的模型，说明哪里不对（地址、密钥、模型名、超时）",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.checkModel(cmd.Context())
		},
	}
	cmd.AddCommand(check)
	return cmd
}

// printConfig lists every setting, then the API key, masked.
func (a *app) printConfig() {
	fmt.Fprintf(a.stdout, "配置文件：%s\n\n", cmp.Or(a.cfg.File, "（无，使用内置默认值）"))
	var tb table
	tb.add("配置项", "生效值", "来源")
	for _, st := range a.cfg.Settings {
		if st.Key == "llm.api_key" {
			continue // shown below, masked
		}
		tb.add(st.Key, settingText(st.Value), st.Source)
	}
	key, src := a.cfg.APIKey(), a.cfg.APIKeySource()
	switch {
	case key == "":
		tb.add("API 密钥", "（未设置）", "环境变量 "+cmp.Or(a.cfg.LLM.APIKeyEnv, "ZONGJIE_LLM_API_KEY")+" 为空")
	case src == "":
		tb.add("API 密钥", maskKey(key), "配置文件（不建议：请改用环境变量）")
	default:
		tb.add("API 密钥", maskKey(key), "环境变量 "+src)
	}
	tb.write(a.stdout)
}

// settingText shows a value on one line; long lists are summarised.
func settingText(v any) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case string:
		if x == "" {
			return "（空）"
		}
		return x
	case []any:
		if len(x) > 0 {
			if _, ok := x[0].(map[string]any); ok {
				return fmt.Sprintf("%d 项", len(x))
			}
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmt.Sprint(e)
		}
		return truncate(strings.Join(parts, "、"), 40)
	}
	return truncate(fmt.Sprint(v), 60)
}

// maskKey shows only the ends of a key.
func maskKey(k string) string {
	if len(k) < 12 {
		return fmt.Sprintf("已设置（%d 位）", len(k))
	}
	return k[:3] + "…" + k[len(k)-4:] + fmt.Sprintf("（%d 位）", len(k))
}

// checkTimeout caps the wait of `config check`, whatever max_wait says.
const checkTimeout = 30 * time.Second

// checkModel makes one small call to the configured model and says what
// went wrong in the user's terms.
func (a *app) checkModel(ctx context.Context) error {
	c := a.cfg.LLM
	if c.BaseURL == "" || c.Model == "" {
		return errors.New("未配置模型：llm.base_url 或 llm.model 为空（draft 会用离线方式）。请在 config.yaml 中填写，或设置 ZONGJIE_LLM_BASE_URL 与 ZONGJIE_LLM_MODEL")
	}
	cfg := a.llmConfig()
	cfg.MaxRetries = 0
	cfg.MaxTokens = 16
	cfg.MaxWait = min(cfg.MaxWait, checkTimeout)
	cfg.HeaderTimeout = min(cfg.HeaderTimeout, checkTimeout)
	client, err := llm.New(cfg, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "正在试调用模型 %s（%s）…\n", c.Model, c.BaseURL)
	start := time.Now()
	resp, err := client.Complete(ctx, draft.ChatRequest{
		Purpose:  "config-check",
		Messages: []draft.Message{{Role: "user", Content: "请只回复两个字：正常"}},
	}, nil)
	if err != nil {
		return fmt.Errorf("模型检查未通过：%w%s", err, checkHint(err, a.cfg.APIKey() == ""))
	}
	fmt.Fprintf(a.stdout, "模型服务正常：%s 用时 %.1f 秒回答“%s”。\n", cmp.Or(resp.Model, c.Model), time.Since(start).Seconds(), truncate(strings.TrimSpace(resp.Text), 20))
	return nil
}

// checkHint adds advice that the model's error itself cannot give.
func checkHint(err error, noKey bool) string {
	if errors.Is(err, draft.ErrKeyRejected) && noKey {
		return "（当前没有设置 API 密钥）"
	}
	return ""
}
