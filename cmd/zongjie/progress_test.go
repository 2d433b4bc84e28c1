package main

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
)

// TestProgressLines: model drafts say how long a section took, offline
// drafts (which take no time) do not say "(0.0 秒)"; JSON output is quiet.
func TestProgressLines(t *testing.T) {
	events := []draft.Event{
		{Seq: 1, Total: 2, Heading: "党建引领", Category: "党建", Status: "start"},
		{Seq: 1, Total: 2, Heading: "党建引领", Category: "党建", Status: "done", Elapsed: 1500 * time.Millisecond},
		{Seq: 2, Total: 2, Heading: "师资队伍", Category: "师资", Status: "start"},
		{Seq: 2, Total: 2, Heading: "师资队伍", Category: "师资", Status: "failed", Err: errors.New("模型服务没有回答")},
	}
	for _, tt := range []struct {
		name           string
		quiet, offline bool
		want, wantNot  []string
	}{
		{"Model", false, false, []string{"[1/2] 正在写：党建引领（党建）", "[1/2] 完成：党建引领（1.5 秒）", "[2/2] 失败：师资队伍：模型服务没有回答"}, nil},
		{"Offline", false, true, []string{"[1/2] 完成：党建引领\n"}, []string{"秒"}},
		{"JSON", true, false, nil, []string{"["}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			a := &app{stderr: &b}
			p := a.newProgress(tt.quiet, tt.offline)
			for _, e := range events {
				p.event(e)
			}
			p.close()
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("progress lacks %q:\n%s", w, b.String())
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(b.String(), w) {
					t.Errorf("progress has %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// TestProgressWaiting: a section with no answer yet gets a "waiting" line,
// one that is answered (or finished) does not.
func TestProgressWaiting(t *testing.T) {
	var b syncBuilder
	a := &app{stderr: &b}
	a.cfg.LLM.WaitNotice = 30 * time.Millisecond
	p := a.newProgress(false, false)
	p.event(draft.Event{Seq: 1, Total: 2, Heading: "党建引领", Status: "start"})
	p.event(draft.Event{Seq: 2, Total: 2, Heading: "师资队伍", Status: "start"})
	p.event(draft.Event{Seq: 2, Total: 2, Heading: "师资队伍", Status: "done"})
	time.Sleep(80 * time.Millisecond)
	p.close()
	out := b.String()
	if !strings.Contains(out, "[1/2] 等待模型响应…（党建引领") {
		t.Errorf("no waiting line for the silent section:\n%s", out)
	}
	if strings.Contains(out, "[2/2] 等待") {
		t.Errorf("a waiting line for a finished section:\n%s", out)
	}
	n := strings.Count(out, "等待")
	time.Sleep(80 * time.Millisecond)
	if strings.Count(b.String(), "等待") != n {
		t.Errorf("waiting lines after close:\n%s", b.String())
	}
}

// syncBuilder is a strings.Builder safe for the progress timers.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
