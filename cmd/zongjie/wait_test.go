package main

// Issue 13 item 5: a model that stops answering costs a draft a bounded,
// announced wait; the finished sections are kept for --resume.

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/llm/llmtest"
)

// TestDraftHungModel: the first section is answered, then the model hangs
// (no headers for one section, headers and silence for the rest). The draft
// says it is waiting, fails within max_wait with a Chinese message and the
// --resume hint, and keeps the finished section.
func TestDraftHungModel(t *testing.T) {
	for _, tt := range []struct {
		name string
		hang llmtest.Reply
	}{
		{"NoHeaders", llmtest.Reply{Delay: time.Minute}},
		{"SilentStream", llmtest.Reply{ChunkDelay: time.Minute}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := newLLMWorld(t)
			model := fakeModel(nil)
			var mu sync.Mutex
			sections := 0
			w.srv.SetReply(func(r llmtest.Request) llmtest.Reply {
				if llmtest.KindOf(r.Last()) != llmtest.KindSection {
					return model(r)
				}
				mu.Lock()
				defer mu.Unlock()
				if sections++; sections == 1 {
					return model(r)
				}
				return tt.hang
			})
			t.Setenv("ZONGJIE_LLM_CONCURRENCY", "1")
			t.Setenv("ZONGJIE_LLM_HEADER_TIMEOUT", "300ms")
			t.Setenv("ZONGJIE_LLM_IDLE_TIMEOUT", "200ms")
			t.Setenv("ZONGJIE_LLM_MAX_WAIT", "800ms")
			t.Setenv("ZONGJIE_LLM_WAIT_NOTICE", "100ms")
			out := w.path("draft.md")
			start := time.Now()
			r := w.zj(t, "draft", "--facts", factsFile(), "--out", out)
			took := time.Since(start)
			if r.code == 0 {
				t.Fatalf("draft against a hung model exited 0: %s", r)
			}
			if took > 5*time.Second {
				t.Errorf("draft took %v, want about max_wait (0.8 s)", took)
			}
			for _, want := range []string{"等待模型响应…", "模型服务在 0.8 秒内没有回答", "已完成的小节已保存", "zongjie draft --resume"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q: %s", want, r)
				}
			}
			if strings.Count(r.stderr, "没有回答") > 3 {
				t.Errorf("the failure is repeated for every section: %s", r)
			}
			// With one section at a time, only the hung one was tried after
			// the first: drafting stopped at it.
			if n := len(requestsOf(w.srv, llmtest.KindSection)); n > 2+4 {
				t.Errorf("%d section requests: drafting went on after the model stopped answering", n)
			}
			md := readFile(t, out)
			if !strings.Contains(md, "坚持统筹推进，扎实开展各项工作。") {
				t.Errorf("the finished section is not in %s:\n%s", out, clip(md))
			}
			t.Logf("failed after %v", took)
		})
	}
}

// TestDefaultWorstCaseWait proves from the configuration, without waiting,
// that with the defaults of config.yaml a hung model fails a draft within
// 150 s: a section's request gives up after WorstCaseWait and drafting stops
// at the first section that does.
func TestDefaultWorstCaseWait(t *testing.T) {
	newEnv(t)
	cfg, err := loadConfig("", nil)
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: cfg}
	lc := a.llmConfig()
	worst := lc.WorstCaseWait()
	t.Logf("defaults: header %v, idle %v, call %v, max_wait %v, retries %d, max backoff %v → worst case %v",
		lc.HeaderTimeout, lc.IdleTimeout, lc.CallTimeout, lc.MaxWait, lc.MaxRetries, lc.MaxBackoff, worst)
	if worst > 150*time.Second {
		t.Errorf("a hung model may hold a draft for %v with the default settings, want ≤ 150 s", worst)
	}
	if cfg.LLM.WaitNotice <= 0 || cfg.LLM.WaitNotice >= worst {
		t.Errorf("wait_notice %v: the user should hear that a section waits well before it fails (%v)", cfg.LLM.WaitNotice, worst)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
