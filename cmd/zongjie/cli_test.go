package main

// Issue 13 items 11 and 12: a command line that speaks Chinese, shows its
// version and configuration, and checks the model.

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/llm/llmtest"
)

// english are fragments of cobra's, pflag's and the OS's English.
var english = []string{"Usage:", "Flags:", "help for", "Available Commands", "Global Flags", "[flags]", "[command]",
	"requires at least", "accepts ", "arg(s)", "unknown flag", "unknown command", "Did you mean", "no such file",
	"permission denied", "is a directory", "invalid argument", "flag needs", " string ", " int ", "Additional help"}

func assertNoEnglish(t *testing.T, what, s string) {
	t.Helper()
	for _, e := range english {
		if strings.Contains(s, e) {
			t.Errorf("%s contains %q:\n%s", what, e, s)
		}
	}
}

// TestErrorsInChinese: wrong arguments, flags, commands and files are
// reported in Chinese.
func TestErrorsInChinese(t *testing.T) {
	e := newEnv(t)
	dir := e.path("adir")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"search"}, []string{"zongjie search 需要搜索词"}},
		{[]string{"show"}, []string{"需要一个报告编号"}},
		{[]string{"ingest"}, []string{"需要要导入的文件或文件夹"}},
		{[]string{"show", "1", "2"}, []string{"最多接受 1 个一个报告编号"}},
		{[]string{"docs", "extra"}, []string{"没有子命令", "extra"}}, // docs has subcommands (docs rm)
		{[]string{"version", "extra"}, []string{"不需要参数", "extra"}},
		{[]string{"drat"}, []string{"没有命令 \"drat\"", "是不是 draft"}},
		{[]string{"draft", "--nope"}, []string{"没有选项 --nope", "zongjie draft --help"}},
		{[]string{"draft", "--facts"}, []string{"选项 --facts 需要一个值"}},
		{[]string{"draft", "--resume", "x"}, []string{"选项 --resume 的值 “x” 不合要求"}},
		{[]string{"search", "-z", "党建"}, []string{"没有短选项 -z"}},
		{[]string{"draft", "--facts", "nosuch.yaml"}, []string{"找不到 nosuch.yaml"}},
		{[]string{"draft", "--facts", dir}, []string{dir + " 是文件夹，不是文件"}},
		{[]string{"docs", "--config", e.path("nope.yaml")}, []string{"找不到 " + e.path("nope.yaml")}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := zj(t, tt.args...)
			if r.code == 0 {
				t.Fatalf("exit 0: %s", r)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, r)
				}
			}
			assertNoEnglish(t, "stderr", r.stderr)
		})
	}
	if os.Geteuid() != 0 { // root reads everything
		locked := e.write(t, "locked.yaml", []byte("org: x\n"))
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		r := zj(t, "draft", "--facts", locked)
		if !strings.Contains(r.stderr, "没有权限读写 "+locked) {
			t.Errorf("unreadable facts file: %s", r)
		}
	}
}

// TestHelpInChinese: the help of every command is free of cobra's English.
func TestHelpInChinese(t *testing.T) {
	newEnv(t)
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			walk(sub, append(append([]string(nil), path...), sub.Name()))
		}
	}
	walk((&app{}).rootCommand(), nil)
	if len(paths) < 15 {
		t.Fatalf("found %d commands", len(paths))
	}
	for _, p := range paths {
		r := mustZJ(t, append(p, "--help")...)
		if !strings.Contains(r.stdout, "用法：") || !strings.Contains(r.stdout, "显示帮助") {
			t.Errorf("zongjie %s --help: no 用法 or 显示帮助:\n%s", strings.Join(p, " "), r.stdout)
		}
		assertNoEnglish(t, "zongjie "+strings.Join(p, " ")+" --help", r.stdout)
	}
	assertNoEnglish(t, "zongjie help draft", mustZJ(t, "help", "draft").stdout)
}

func TestVersion(t *testing.T) {
	newEnv(t)
	for _, args := range [][]string{{"version"}, {"--version"}} {
		r := mustZJ(t, args...)
		if !strings.Contains(r.stdout, "zongjie 版本") || !strings.Contains(r.stdout, "Go 版本 "+runtime.Version()) {
			t.Errorf("zongjie %s: %s", args[0], r)
		}
	}
}

// TestConfigShowsSources: each value with where it came from, the key
// masked.
func TestConfigShowsSources(t *testing.T) {
	e := newEnv(t)
	file := e.write(t, "conf.yaml", []byte("llm:\n  base_url: http://file.example/v1\nretrieval:\n  k: 5\n"))
	t.Setenv("ZONGJIE_LLM_MODEL", "env-model")
	t.Setenv("ZONGJIE_LLM_API_KEY", testKey)
	r := mustZJ(t, "config", "--config", file, "--db", e.path("flag.db"))
	for _, row := range [][]string{
		{"db", e.path("flag.db"), "命令行参数 --db"},
		{"llm.model", "env-model", "环境变量 ZONGJIE_LLM_MODEL"},
		{"llm.base_url", "http://file.example/v1", "配置文件 " + file},
		{"retrieval.k", "5", "配置文件"},
		{"llm.max_wait", "2m", "默认值"},
		{"API 密钥", "sk-…-123（18 位）", "环境变量 ZONGJIE_LLM_API_KEY"},
	} {
		if !hasRow(r.stdout, row) {
			t.Errorf("no line with %q:\n%s", row, r.stdout)
		}
	}
	if strings.Contains(r.stdout, testKey) {
		t.Errorf("the key is shown:\n%s", r.stdout)
	}
}

// hasRow reports whether a line of out starts with cells[0] and holds the
// other cells in order.
func hasRow(out string, cells []string) bool {
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, cells[0]+" ") {
			continue
		}
		rest, ok := line, true
		for _, c := range cells {
			i := strings.Index(rest, c)
			if i < 0 {
				ok = false
				break
			}
			rest = rest[i+len(c):]
		}
		if ok {
			return true
		}
	}
	return false
}

// TestConfigCheck: one small call, and in Chinese what is wrong.
func TestConfigCheck(t *testing.T) {
	tests := []struct {
		name  string
		reply llmtest.Reply
		opts  []llmtest.Option
		env   map[string]string
		code  int
		want  string
	}{
		{"OK", llmtest.Reply{Text: "正常"}, nil, nil, 0, "模型服务正常：test-model"},
		{"WrongKey", llmtest.Reply{}, []llmtest.Option{llmtest.WithKey("sk-another-key-456")}, nil, exitUnavailable, "模型服务拒绝了 API 密钥（HTTP 401），请检查环境变量 ZONGJIE_LLM_API_KEY"},
		{"WrongModel", llmtest.Reply{Status: 404, ErrorMessage: "The model `test-model` does not exist"}, nil, nil, 1, "HTTP 404），请检查 llm.base_url 和 llm.model"},
		{"Unreachable", llmtest.Reply{}, nil, map[string]string{"ZONGJIE_LLM_BASE_URL": "http://127.0.0.1:1/v1"}, exitUnavailable, "无法连接模型服务 http://127.0.0.1:1/v1"},
		{"Timeout", llmtest.Reply{Delay: 10e9}, nil, map[string]string{"ZONGJIE_LLM_HEADER_TIMEOUT": "200ms"}, exitUnavailable, "0.2 秒内没有响应（超时）"},
		{"NotConfigured", llmtest.Reply{}, nil, map[string]string{"ZONGJIE_LLM_MODEL": ""}, 1, "未配置模型"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newLLMWorld(t, append(tt.opts, llmtest.WithReply(llmtest.Sequence(tt.reply)))...)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := w.zj(t, "config", "check")
			if r.code != tt.code || !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("exit %d, want %d with %q: %s", r.code, tt.code, tt.want, r)
			}
			if n := w.srv.Count(); n > 1 {
				t.Errorf("%d requests, want at most one", n)
			}
			assertNoEnglish(t, "config check", r.stderr)
			if strings.Contains(r.stdout+r.stderr, testKey) {
				t.Errorf("the key is shown: %s", r)
			}
		})
	}
}

// TestModelFlag: --model picks the model for one run, and the run says once
// which endpoint and model it uses.
func TestModelFlag(t *testing.T) {
	w := newLLMWorld(t)
	w.srv.SetReply(fakeModel(nil))
	r := w.zj(t, "draft", "--facts", factsFile(), "--model", "other-model")
	if r.code != 0 {
		t.Fatalf("draft --model: %s", r)
	}
	for _, req := range w.srv.Requests() {
		if req.Model != "other-model" {
			t.Fatalf("request %d asked for model %q, want other-model", req.N, req.Model)
		}
	}
	if line := "使用模型 other-model（" + w.srv.URL + "）"; strings.Count(r.stderr, line) != 1 {
		t.Errorf("stderr should say %q once: %s", line, r)
	}
	n := w.srv.Count()
	r = w.zj(t, "plan", "--facts", factsFile(), "--model", "plan-model", "--json")
	if r.code != 0 || !strings.Contains(r.stderr, "使用模型 plan-model") {
		t.Fatalf("plan --model: %s", r)
	}
	for _, req := range w.srv.Requests()[n:] {
		if req.Model != "plan-model" {
			t.Errorf("plan request asked for model %q, want plan-model", req.Model)
		}
	}
}

// TestBadConfigFileInChinese checks that a config.yaml with a YAML error is
// reported in Chinese at its line, not in the YAML reader's English.
func TestBadConfigFileInChinese(t *testing.T) {
	e := newEnv(t)
	file := e.write(t, "config.yaml", []byte("db: x.db\n  llm: [\n"))
	r := zj(t, "--config", file, "docs")
	if r.code == 0 || !strings.Contains(r.stderr, "第2行") || !strings.Contains(r.stderr, "YAML 格式错误") || strings.Contains(r.stderr, "mapping values") {
		t.Errorf("bad config: %s", r)
	}
}
