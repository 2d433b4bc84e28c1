package llm_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm"
	"github.com/zongjie/zongjie/llm/llmtest"
)

const testKey = "sk-test-key-0001"

// callLog is a fake llm.CallLogger.
type callLog struct {
	mu    sync.Mutex
	calls []draft.Call
}

func (l *callLog) LogCall(_ context.Context, c draft.Call) (int64, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.calls = append(l.calls, c)
	return int64(len(l.calls)), nil
}

func (l *callLog) all() []draft.Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]draft.Call(nil), l.calls...)
}

// newClient returns a client for srv with millisecond backoffs; mod may
// adjust the config.
func newClient(t *testing.T, srv *llmtest.Server, log llm.CallLogger, mod func(*llm.Config)) *llm.Client {
	t.Helper()
	cfg := llm.DefaultConfig()
	cfg.BaseURL = srv.URL
	cfg.Model = "fake-model"
	cfg.APIKey = testKey
	cfg.KeyEnv = "ZONGJIE_TEST_KEY"
	cfg.HeaderTimeout = 2 * time.Second
	cfg.CallTimeout = 5 * time.Second
	cfg.MinBackoff = time.Millisecond
	cfg.MaxBackoff = 20 * time.Millisecond
	if mod != nil {
		mod(&cfg)
	}
	c, err := llm.New(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func chatRequest() draft.ChatRequest {
	return draft.ChatRequest{
		Purpose: "section:党建",
		Messages: []draft.Message{
			{Role: "system", Content: "你是县教育局的文字秘书。"},
			{Role: "user", Content: "写一段党建工作总结。"},
		},
	}
}

// deltas collects onDelta pieces.
type deltas struct{ pieces []string }

func (d *deltas) add(s string) { d.pieces = append(d.pieces, s) }
func (d *deltas) text() string { return strings.Join(d.pieces, "") }

func TestNew(t *testing.T) {
	for name, cfg := range map[string]llm.Config{
		"NoBaseURL": {Model: "m"},
		"NoModel":   {BaseURL: "http://localhost:11434/v1"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := llm.New(cfg, nil)
			if err == nil || !strings.Contains(err.Error(), "未配置") {
				t.Fatalf("New(%+v) = %v, want a 未配置 error", cfg, err)
			}
		})
	}
}

func TestCompleteSuccess(t *testing.T) {
	for name, stream := range map[string]bool{"Stream": true, "Plain": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithKey(testKey), llmtest.WithReply(llmtest.Sequence(
				llmtest.Reply{ReasoningText: "先想一想：用户要党建总结。", PromptTokens: 21, CompletionTokens: 17},
			)))
			log := &callLog{}
			c := newClient(t, srv, log, func(c *llm.Config) { c.Stream = stream })
			var d deltas
			resp, err := c.Complete(context.Background(), chatRequest(), d.add)
			if err != nil {
				t.Fatal(err)
			}
			want := draft.ChatResponse{Text: llmtest.DefaultText, Model: "fake-model", FinishReason: "stop", PromptTokens: 21, CompletionTokens: 17}
			if resp != want {
				t.Errorf("response = %+v, want %+v", resp, want)
			}
			if d.text() != llmtest.DefaultText {
				t.Errorf("onDelta got %q, want %q", d.text(), llmtest.DefaultText)
			}
			if stream && len(d.pieces) < 3 {
				t.Errorf("onDelta got %d pieces, want the stream's chunks", len(d.pieces))
			}

			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("server got %d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Stream != stream || r.IncludeUsage != stream {
				t.Errorf("stream = %v, include_usage = %v, want both %v", r.Stream, r.IncludeUsage, stream)
			}
			if r.Model != "fake-model" || len(r.Messages) != 2 || r.Messages[0].Role != "system" || r.Last() != "写一段党建工作总结。" {
				t.Errorf("request = %+v", r)
			}

			calls := log.all()
			if len(calls) != 1 {
				t.Fatalf("logged %d calls, want 1", len(calls))
			}
			got := calls[0]
			wantPrompt := "[system]\n你是县教育局的文字秘书。\n[user]\n写一段党建工作总结。"
			if got.Purpose != "section:党建" || got.Model != "fake-model" || got.Prompt != wantPrompt ||
				got.Response != llmtest.DefaultText || got.PromptTokens != 21 || got.CompletionTokens != 17 ||
				got.FinishReason != "stop" || got.Error != "" || got.Latency <= 0 || got.CreatedAt.IsZero() {
				t.Errorf("logged call = %+v", got)
			}
		})
	}
}

// Gateways send keep-alive comments while a model thinks; go-openai's
// default limit (300 empty lines) would fail this stream.
func TestCompleteKeepAlives(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(llmtest.Reply{KeepAlives: 400})))
	resp, err := newClient(t, srv, nil, nil).Complete(context.Background(), chatRequest(), nil)
	if err != nil || resp.Text != llmtest.DefaultText {
		t.Fatalf("Complete = %q, %v", resp.Text, err)
	}
}

func TestCompleteRetries(t *testing.T) {
	html := "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"
	tests := map[string]struct {
		replies  []llmtest.Reply
		stream   bool
		requests int
		minWait  time.Duration // Retry-After must have been honoured
	}{
		"429ThenOK":           {[]llmtest.Reply{{Status: 429, RetryAfter: "1"}, {}}, true, 2, 950 * time.Millisecond},
		"Two429sThenOK":       {[]llmtest.Reply{{Status: 429, RetryAfter: "1"}, {Status: 429, RetryAfter: "1"}, {}}, true, 3, 1900 * time.Millisecond},
		"429WithoutHeader":    {[]llmtest.Reply{{Status: 429}, {}}, false, 2, 0},
		"500ThenOK":           {[]llmtest.Reply{{Status: 500}, {Status: 503}, {}}, true, 3, 0},
		"502HTMLThenOK":       {[]llmtest.Reply{{Status: 502, Body: html}, {}}, true, 2, 0},
		"502HTMLThenOKPlain":  {[]llmtest.Reply{{Status: 502, Body: html}, {}}, false, 2, 0},
		"MidStreamBeforeText": {[]llmtest.Reply{{MidStreamError: "overloaded", MidStreamAfter: -1}, {}}, true, 2, 0},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.replies...)))
			log := &callLog{}
			c := newClient(t, srv, log, func(c *llm.Config) {
				c.Stream = tt.stream
				c.MaxBackoff = 3 * time.Second // room for Retry-After: 1
			})
			start := time.Now()
			resp, err := c.Complete(context.Background(), chatRequest(), nil)
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Text != llmtest.DefaultText {
				t.Errorf("text = %q", resp.Text)
			}
			if n := srv.Count(); n != tt.requests {
				t.Errorf("server got %d requests, want %d", n, tt.requests)
			}
			if elapsed < tt.minWait {
				t.Errorf("took %v, want at least %v (Retry-After)", elapsed, tt.minWait)
			}
			calls := log.all()
			if len(calls) != tt.requests {
				t.Fatalf("logged %d calls, want one per request (%d)", len(calls), tt.requests)
			}
			for _, call := range calls[:len(calls)-1] {
				if call.Error == "" {
					t.Errorf("failed attempt logged without error: %+v", call)
				}
			}
		})
	}
}

func TestCompleteFailures(t *testing.T) {
	tests := map[string]struct {
		reply      llmtest.Reply
		maxRetries int
		requests   int
		want       []string // substrings of the error
		keyErr     bool
	}{
		"500Exhausted": {llmtest.Reply{Status: 500, ErrorMessage: "upstream crashed"}, 3, 4,
			[]string{"调用模型 fake-model（section:党建）", "重试 3 次后仍失败", "HTTP 500", "upstream crashed"}, false},
		"502HTMLExhausted": {llmtest.Reply{Status: 502, Body: "<html><h1>502 Bad Gateway</h1></html>"}, 1, 2,
			[]string{"重试 1 次后仍失败", "HTTP 502", "502 Bad Gateway"}, false},
		"MidStreamExhausted": {llmtest.Reply{MidStreamError: "server overloaded"}, 2, 3,
			[]string{"重试 2 次后仍失败", "回答中途出错", "server overloaded"}, false},
		"401": {llmtest.Reply{Status: 401, ErrorMessage: "Incorrect API key provided."}, 4, 1,
			[]string{"模型服务拒绝了 API 密钥（HTTP 401），请检查环境变量 ZONGJIE_TEST_KEY"}, true},
		"403": {llmtest.Reply{Status: 403, ErrorMessage: "model access denied"}, 4, 1,
			[]string{"模型服务拒绝了 API 密钥（HTTP 403）", "model access denied"}, true},
		"400": {llmtest.Reply{Status: 400, ErrorMessage: "This model's maximum context length is 8192 tokens"}, 4, 1,
			[]string{"HTTP 400", "maximum context length is 8192"}, false},
		"404": {llmtest.Reply{Status: 404, ErrorMessage: "model not found"}, 4, 1,
			[]string{"HTTP 404", "llm.base_url", "model not found"}, false},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.reply)))
			c := newClient(t, srv, nil, func(c *llm.Config) { c.MaxRetries = tt.maxRetries })
			_, err := c.Complete(context.Background(), chatRequest(), nil)
			if err == nil {
				t.Fatal("Complete succeeded, want an error")
			}
			for _, s := range tt.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not contain %q", err, s)
				}
			}
			if got := errors.Is(err, draft.ErrKeyRejected); got != tt.keyErr {
				t.Errorf("errors.Is(err, ErrKeyRejected) = %v, want %v", got, tt.keyErr)
			}
			if n := srv.Count(); n != tt.requests {
				t.Errorf("server got %d requests, want %d", n, tt.requests)
			}
		})
	}
}

func TestCompleteWrongKey(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.WithKey("sk-the-right-one"))
	_, err := newClient(t, srv, nil, nil).Complete(context.Background(), chatRequest(), nil)
	if !errors.Is(err, draft.ErrKeyRejected) {
		t.Fatalf("err = %v, want ErrKeyRejected", err)
	}
	if n := srv.Count(); n != 1 {
		t.Errorf("server got %d requests, want 1 (no retry on 401)", n)
	}
}

func TestCompleteTimeouts(t *testing.T) {
	tests := map[string]struct {
		reply llmtest.Reply
		cfg   func(*llm.Config)
		want  string
	}{
		// The server takes longer than HeaderTimeout to answer at all.
		"Header": {llmtest.Reply{Delay: time.Second}, func(c *llm.Config) { c.HeaderTimeout = 50 * time.Millisecond }, "没有响应（超时）"},
		// Headers come at once but the stream outlasts CallTimeout.
		"Call": {llmtest.Reply{ChunkDelay: 100 * time.Millisecond}, func(c *llm.Config) { c.CallTimeout = 250 * time.Millisecond }, "未完成回答（超时）"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.reply)))
			c := newClient(t, srv, nil, func(c *llm.Config) { tt.cfg(c); c.MaxRetries = 2 })
			start := time.Now()
			_, err := c.Complete(context.Background(), chatRequest(), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "重试 2 次后仍失败") {
				t.Fatalf("err = %v, want %q after 2 retries", err, tt.want)
			}
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				t.Errorf("err = %v: a timeout must not look like the caller's cancellation", err)
			}
			if n := srv.Count(); n != 3 {
				t.Errorf("server got %d requests, want 3", n)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestCompleteConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	c, err := llm.New(llm.Config{BaseURL: url, Model: "m", MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Complete(context.Background(), chatRequest(), nil)
	for _, s := range []string{"重试 1 次后仍失败", "无法连接模型服务 " + url, "请检查 llm.base_url"} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("err = %v, want it to contain %q", err, s)
		}
	}
}

func TestCompleteTruncated(t *testing.T) {
	tests := map[string]struct {
		second    llmtest.Reply
		stream    bool
		text      string
		truncated bool
	}{
		"ContinuedStream": {llmtest.Reply{Text: "后半部分。"}, true, "前半部分，后半部分。", false},
		"ContinuedPlain":  {llmtest.Reply{Text: "后半部分。"}, false, "前半部分，后半部分。", false},
		"CutTwice":        {llmtest.Reply{Text: "又被截断", FinishReason: "length"}, true, "前半部分，又被截断", true},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(
				llmtest.Reply{Text: "前半部分，", FinishReason: "length", PromptTokens: 10, CompletionTokens: 5},
				tt.second,
			)))
			c := newClient(t, srv, nil, func(c *llm.Config) { c.Stream = tt.stream })
			var d deltas
			resp, err := c.Complete(context.Background(), chatRequest(), d.add)
			if err != nil {
				t.Fatal(err)
			}
			if resp.Text != tt.text || resp.Truncated != tt.truncated || d.text() != tt.text {
				t.Errorf("text %q (shown %q), truncated %v; want %q, %v", resp.Text, d.text(), resp.Truncated, tt.text, tt.truncated)
			}
			if resp.PromptTokens <= 10 || resp.CompletionTokens <= 5 {
				t.Errorf("tokens %d/%d not summed over both requests", resp.PromptTokens, resp.CompletionTokens)
			}
			reqs := srv.Requests()
			if len(reqs) != 2 {
				t.Fatalf("server got %d requests, want 2 (one continuation only)", len(reqs))
			}
			m := reqs[1].Messages
			if len(m) != 4 || m[2].Role != "assistant" || m[2].Content != "前半部分，" ||
				m[3].Role != "user" || m[3].Content != "请从中断处继续写，不要重复已写内容。" {
				t.Errorf("continuation messages = %+v", m)
			}
		})
	}
}

func TestCompleteMidStreamRestart(t *testing.T) {
	const other = "另一种说法：全县教育系统坚持立德树人，办学水平稳步提高。"
	tests := map[string]struct {
		retry llmtest.Reply
		shown string // what onDelta must have received in total
	}{
		// The retry repeats the text: onDelta continues seamlessly.
		"SameText": {llmtest.Reply{}, llmtest.DefaultText},
		// The retry words it differently: onDelta keeps the 8 runes it showed
		// and nothing else; the response carries the new answer.
		"Diverged": {llmtest.Reply{Text: other}, string([]rune(llmtest.DefaultText)[:8])},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(
				llmtest.Reply{MidStreamError: "overloaded", MidStreamAfter: 2},
				tt.retry,
			)))
			var d deltas
			resp, err := newClient(t, srv, nil, nil).Complete(context.Background(), chatRequest(), d.add)
			if err != nil {
				t.Fatal(err)
			}
			if want := cmp.Or(tt.retry.Text, llmtest.DefaultText); resp.Text != want {
				t.Errorf("text = %q, want %q", resp.Text, want)
			}
			if d.text() != tt.shown {
				t.Errorf("onDelta got %q, want %q", d.text(), tt.shown)
			}
			if n := srv.Count(); n != 2 {
				t.Errorf("server got %d requests, want 2", n)
			}
		})
	}
}

func TestCompleteCanceled(t *testing.T) {
	tests := map[string]struct {
		reply llmtest.Reply
		cfg   func(*llm.Config)
	}{
		"WaitingForHeaders": {llmtest.Reply{Delay: 10 * time.Second}, nil},
		"MidStream":         {llmtest.Reply{ChunkDelay: time.Second}, nil},
		"InBackoff":         {llmtest.Reply{Status: 429, RetryAfter: "30"}, func(c *llm.Config) { c.MaxBackoff = time.Minute }},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(llmtest.Sequence(tt.reply)))
			log := &callLog{}
			c := newClient(t, srv, log, tt.cfg)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			start := time.Now()
			_, err := c.Complete(ctx, chatRequest(), nil)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("returned after %v, want promptly", d)
			}
			if n := srv.Count(); n != 1 {
				t.Errorf("server got %d requests, want 1", n)
			}
			if len(log.all()) != 1 {
				t.Errorf("logged %d calls, want the one attempt", len(log.all()))
			}
		})
	}
}

// TestKeyNeverLeaks points a client whose key is "sk-secret-test-123" at a
// server that echoes the Authorization header back in every kind of failure.
func TestKeyNeverLeaks(t *testing.T) {
	const key = "sk-secret-test-123"
	echo := func(r llmtest.Reply) func(llmtest.Request) llmtest.Reply {
		return func(req llmtest.Request) llmtest.Reply {
			out := r
			msg := "bad request from " + req.Authorization
			out.ErrorMessage, out.MidStreamError = msg, msg
			if out.Body != "" {
				out.Body = fmt.Sprintf(out.Body, msg)
			}
			return out
		}
	}
	tests := map[string]llmtest.Reply{
		"401":       {Status: 401},
		"403":       {Status: 403},
		"400":       {Status: 400},
		"500":       {Status: 500},
		"429":       {Status: 429},
		"502HTML":   {Status: 502, Body: "<html>%s</html>"},
		"MidStream": {MidStreamError: "x", MidStreamAfter: 1},
	}
	for name, reply := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := llmtest.NewServer(t, llmtest.WithReply(echo(reply)))
			log := &callLog{}
			c := newClient(t, srv, log, func(c *llm.Config) { c.APIKey = key; c.MaxRetries = 1 })
			var d deltas
			_, err := c.Complete(context.Background(), chatRequest(), d.add)
			if err == nil {
				t.Fatal("Complete succeeded, want an error")
			}
			if got := srv.Requests()[0].Authorization; got != "Bearer "+key {
				t.Fatalf("server saw Authorization %q; the test would prove nothing", got)
			}
			if !strings.Contains(err.Error(), "bad request from") {
				t.Errorf("error %q lost the server's message", err)
			}
			check := func(what, s string) {
				if strings.Contains(s, key) {
					t.Errorf("key leaked into %s: %s", what, s)
				}
			}
			check("error", fmt.Sprintf("%v %+v %#v", err, err, err.Error()))
			for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
				check("wrapped error", e.Error())
			}
			for _, call := range log.all() {
				check("call log", fmt.Sprintf("%+v", call))
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		in   string
		want time.Duration
	}{
		"Empty":      {"", 0},
		"Seconds":    {"2", 2 * time.Second},
		"Fraction":   {"1.5", 1500 * time.Millisecond},
		"Zero":       {"0", 0},
		"Negative":   {"-3", 0},
		"HTTPDate":   {now.Add(5 * time.Second).Format(http.TimeFormat), 5 * time.Second},
		"PastDate":   {now.Add(-time.Minute).Format(http.TimeFormat), 0},
		"Nonsense":   {"soon", 0},
		"WhiteSpace": {" 3 ", 3 * time.Second},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			if got := llm.ParseRetryAfter(tt.in, now); got != tt.want {
				t.Errorf("ParseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// BenchmarkComplete measures the client's overhead per streamed call against
// a server with a steady 1 ms model latency.
func BenchmarkComplete(b *testing.B) {
	srv := llmtest.NewServer(b, llmtest.WithDelay(time.Millisecond))
	cfg := llm.DefaultConfig()
	cfg.BaseURL, cfg.Model = srv.URL, "fake-model"
	c, err := llm.New(cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := c.Complete(context.Background(), chatRequest(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
