package llm_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm"
	"github.com/zongjie/zongjie/llm/llmtest"
)

// TestCompleteBoundedWaits: a model that hangs costs a request at most
// MaxWait, across its retries; a stream that stops sending fails after
// IdleTimeout and is retried; a slow but steady stream is not cut.
func TestCompleteBoundedWaits(t *testing.T) {
	tests := map[string]struct {
		replies  []llmtest.Reply
		cfg      func(*llm.Config)
		want     string // "" means success
		requests int    // 0: not checked
		within   time.Duration
	}{
		// No headers ever: each attempt would wait HeaderTimeout (5 s), but
		// the request gives up after MaxWait.
		"HungBeforeHeaders": {
			[]llmtest.Reply{{Delay: time.Minute}},
			func(c *llm.Config) { c.HeaderTimeout, c.MaxWait = 5*time.Second, 300*time.Millisecond },
			"0.3 秒内没有回答（已尝试 1 次", 1, 2 * time.Second,
		},
		// Headers and one chunk, then silence: the idle timeout fails each
		// attempt; MaxWait ends the retries.
		"HungMidStream": {
			[]llmtest.Reply{{ChunkDelay: time.Minute}},
			func(c *llm.Config) {
				c.IdleTimeout, c.MaxWait, c.MaxRetries = 100*time.Millisecond, 450*time.Millisecond, 100
			},
			"没有再发送任何内容", 0, 2 * time.Second,
		},
		// The idle timeout alone, with retries used up first.
		"IdleRetriesExhausted": {
			[]llmtest.Reply{{ChunkDelay: time.Minute}},
			func(c *llm.Config) { c.IdleTimeout, c.MaxRetries = 100*time.Millisecond, 1 },
			"重试 1 次后仍失败：模型服务 0.1 秒没有再发送任何内容", 2, 2 * time.Second,
		},
		// A stall followed by a good answer: retried, succeeds.
		"IdleThenAnswer": {
			[]llmtest.Reply{{ChunkDelay: time.Minute}, {}},
			func(c *llm.Config) { c.IdleTimeout = 100 * time.Millisecond },
			"", 2, 2 * time.Second,
		},
		// Chunks every 80 ms for about 1 s: longer than MaxWait in all, but
		// every chunk restarts the wait, and no gap reaches IdleTimeout.
		"SlowSteadyStream": {
			[]llmtest.Reply{{ChunkDelay: 80 * time.Millisecond, ChunkRunes: 3}},
			func(c *llm.Config) { c.IdleTimeout, c.MaxWait = 300*time.Millisecond, 400*time.Millisecond },
			"", 1, 5 * time.Second,
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.replies...)))
			c := newClient(t, srv, nil, tt.cfg)
			start := time.Now()
			resp, err := c.Complete(context.Background(), chatRequest(), nil)
			took := time.Since(start)
			if took > tt.within {
				t.Errorf("took %v, want ≤ %v", took, tt.within)
			}
			if tt.requests != 0 && srv.Count() != tt.requests {
				t.Errorf("server got %d requests, want %d", srv.Count(), tt.requests)
			}
			if tt.want == "" {
				if err != nil || resp.Text != llmtest.DefaultText {
					t.Fatalf("Complete = %q, %v; want the default answer", resp.Text, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, draft.ErrModelUnavailable) {
				t.Errorf("err = %v, want it to wrap draft.ErrModelUnavailable", err)
			}
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				t.Errorf("err = %v must not look like the caller's cancellation", err)
			}
		})
	}
}

// TestCompleteMalformedChunk: a chunk that is not JSON breaks that attempt
// only; the request is retried.
func TestCompleteMalformedChunk(t *testing.T) {
	tests := map[string]struct {
		replies    []llmtest.Reply
		maxRetries int
		requests   int
		want       string // "" means success
	}{
		"RetriedOnce":  {[]llmtest.Reply{{MalformedChunk: true}, {}}, 4, 2, ""},
		"NoRetries":    {[]llmtest.Reply{{MalformedChunk: true}}, 0, 1, "流式回答中有无法解析的数据块"},
		"AllMalformed": {[]llmtest.Reply{{MalformedChunk: true}}, 2, 3, "重试 2 次后仍失败：模型服务的流式回答中有无法解析的数据块"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.replies...)))
			c := newClient(t, srv, nil, func(c *llm.Config) { c.MaxRetries = tt.maxRetries })
			resp, err := c.Complete(context.Background(), chatRequest(), nil)
			if n := srv.Count(); n != tt.requests {
				t.Errorf("server got %d requests, want %d", n, tt.requests)
			}
			if tt.want == "" {
				if err != nil || resp.Text != llmtest.DefaultText {
					t.Fatalf("Complete = %q, %v; want the default answer", resp.Text, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestMaxRetries: MaxRetries is the number of retries after the first
// request; 0 and negative values mean a single request.
func TestMaxRetries(t *testing.T) {
	for _, tt := range []struct {
		maxRetries, requests int
	}{{-1, 1}, {0, 1}, {1, 2}, {3, 4}} {
		srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(llmtest.Reply{Status: 503})))
		c := newClient(t, srv, nil, func(c *llm.Config) { c.MaxRetries = tt.maxRetries })
		_, err := c.Complete(context.Background(), chatRequest(), nil)
		if err == nil {
			t.Fatalf("MaxRetries %d: Complete succeeded against a 503", tt.maxRetries)
		}
		if n := srv.Count(); n != tt.requests {
			t.Errorf("MaxRetries %d: server got %d requests, want %d", tt.maxRetries, n, tt.requests)
		}
		if !errors.Is(err, draft.ErrModelUnavailable) {
			t.Errorf("MaxRetries %d: err = %v, want ErrModelUnavailable once retries are used up", tt.maxRetries, err)
		}
	}
}
