// Package llmtest provides a fake OpenAI-compatible chat server for tests of
// llm and of the packages that use it (draft, cmd, web). It speaks
// POST /v1/chat/completions as plain JSON and as SSE, records every request,
// and answers through a scriptable Reply hook, so tests never need a network.
//
// It imports only the standard library, so even in-package tests of draft may
// use it without an import cycle.
package llmtest

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultText is the answer the server gives when a Reply has no Text.
const DefaultText = "本季度全县教育系统认真贯彻落实上级决策部署，各项工作稳步推进，教育质量持续提升。"

// Message is one chat message as the server decoded it.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// Request is one request the server received, decoded.
type Request struct {
	N             int // 1-based arrival order
	Path          string
	Model         string
	Messages      []Message
	Stream        bool
	IncludeUsage  bool // stream_options.include_usage
	MaxTokens     int
	Temperature   *float64 // nil when the client left it out
	Authorization string   // the raw Authorization header, e.g. "Bearer sk-test"
	Body          []byte   // the raw request body
}

// Last returns the content of the request's last message, or "" if it has none.
func (r Request) Last() string {
	if len(r.Messages) == 0 {
		return ""
	}
	return r.Messages[len(r.Messages)-1].Content
}

// Reply scripts the server's answer to one request. The zero Reply is a
// successful answer of DefaultText with finish_reason "stop".
type Reply struct {
	Text          string // answer text; "" means DefaultText
	ReasoningText string // sent as reasoning_content (DeepSeek/Qwen style) before Text
	FinishReason  string // "" means "stop"

	// Status other than 0 and 200 sends an OpenAI JSON error body with
	// ErrorMessage (default: the status text) instead of an answer.
	Status       int
	ErrorMessage string
	RetryAfter   string // Retry-After header value, e.g. "1" or an HTTP date

	// Body, when set, is sent verbatim with Status (default 200) and
	// ContentType (default guessed: text/html for "<…", else application/json).
	Body        string
	ContentType string

	Delay      time.Duration // wait before sending headers
	ChunkDelay time.Duration // wait between SSE chunks
	ChunkRunes int           // runes per content delta; 0 means 4
	KeepAlives int           // SSE comment lines (": keep-alive") before the first chunk

	// MidStreamError, for streaming requests, sends `data: {"error":…}` with
	// this message after MidStreamAfter content chunks (0 means half of them,
	// negative means before the first) and ends the response. Ignored for
	// non-streaming requests.
	MidStreamError string
	MidStreamAfter int

	// MalformedChunk, for streaming requests, sends a data line that is not
	// JSON after half of the content chunks, then carries on with the rest.
	MalformedChunk bool

	PromptTokens     int // usage; 0 means the rune count of the messages
	CompletionTokens int // usage; 0 means the rune count of Text
}

// Option configures a Server.
type Option func(*Server)

// WithReply sets the hook that answers every request.
func WithReply(fn func(Request) Reply) Option {
	return func(s *Server) { s.reply = fn }
}

// WithKey makes the server require "Authorization: Bearer key"; requests
// with another token get 401 and an OpenAI JSON error body.
func WithKey(key string) Option {
	return func(s *Server) { s.key = key }
}

// WithDelay adds a fixed delay before every response's headers, for
// benchmarks and timing tests that want a steady model latency.
func WithDelay(d time.Duration) Option {
	return func(s *Server) { s.delay = d }
}

// Sequence returns a Reply hook that answers the n-th request with
// replies[n-1] and repeats the last reply after that. It is safe for
// concurrent use.
func Sequence(replies ...Reply) func(Request) Reply {
	var (
		mu sync.Mutex
		i  int
	)
	return func(Request) Reply {
		mu.Lock()
		defer mu.Unlock()
		if len(replies) == 0 {
			return Reply{}
		}
		r := replies[min(i, len(replies)-1)]
		i++
		return r
	}
}

// Server is a fake OpenAI-compatible server. Create it with NewServer; it is
// closed automatically when the test ends.
type Server struct {
	// URL is the API root to use as a base URL, ending in "/v1".
	URL string

	ts    *httptest.Server
	key   string
	delay time.Duration

	mu       sync.Mutex
	reply    func(Request) Reply
	requests []Request
}

// NewServer starts a fake server and registers its Close with tb.Cleanup.
func NewServer(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s := &Server{}
	for _, o := range opts {
		o(s)
	}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = s.ts.URL + "/v1"
	tb.Cleanup(s.Close)
	return s
}

// Close shuts the server down. It is safe to call more than once.
func (s *Server) Close() {
	// Drop client connections first: a handler waiting out a Delay would
	// otherwise keep Close blocked until it ends.
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// SetReply replaces the reply hook for the requests that follow.
func (s *Server) SetReply(fn func(Request) Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reply = fn
}

// Requests returns a copy of every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Count returns the number of requests received so far.
func (s *Server) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/v1/models":
		writeJSON(w, http.StatusOK, map[string]any{
			"object": "list",
			"data":   []any{map[string]any{"id": "fake-model", "object": "model", "owned_by": "llmtest"}},
		})
		return
	case r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions":
		writeError(w, http.StatusNotFound, "unknown endpoint "+r.Method+" "+r.URL.Path, "")
		return
	}

	body, _ := io.ReadAll(r.Body)
	var in struct {
		Model         string    `json:"model"`
		Messages      []Message `json:"messages"`
		Stream        bool      `json:"stream"`
		MaxTokens     int       `json:"max_tokens"`
		Temperature   *float64  `json:"temperature"`
		StreamOptions *struct {
			IncludeUsage bool `json:"include_usage"`
		} `json:"stream_options"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, http.StatusBadRequest, "invalid JSON body: "+err.Error(), "")
		return
	}
	req := Request{
		Path:          r.URL.Path,
		Model:         in.Model,
		Messages:      in.Messages,
		Stream:        in.Stream,
		IncludeUsage:  in.StreamOptions != nil && in.StreamOptions.IncludeUsage,
		MaxTokens:     in.MaxTokens,
		Temperature:   in.Temperature,
		Authorization: r.Header.Get("Authorization"),
		Body:          body,
	}
	s.mu.Lock()
	req.N = len(s.requests) + 1
	s.requests = append(s.requests, req)
	hook := s.reply
	s.mu.Unlock()

	var rep Reply
	if hook != nil {
		rep = hook(req)
	}
	if !sleep(r, s.delay+rep.Delay) {
		return
	}
	if s.key != "" && req.Authorization != "Bearer "+s.key {
		writeError(w, http.StatusUnauthorized, "Incorrect API key provided.", "invalid_api_key")
		return
	}
	if rep.RetryAfter != "" {
		w.Header().Set("Retry-After", rep.RetryAfter)
	}
	switch {
	case rep.Body != "":
		ct := rep.ContentType
		if ct == "" {
			ct = "application/json"
			if strings.HasPrefix(strings.TrimSpace(rep.Body), "<") {
				ct = "text/html; charset=utf-8"
			}
		}
		w.Header().Set("Content-Type", ct)
		w.WriteHeader(cmp.Or(rep.Status, http.StatusOK))
		io.WriteString(w, rep.Body)
	case rep.Status != 0 && rep.Status != http.StatusOK:
		writeError(w, rep.Status, cmp.Or(rep.ErrorMessage, http.StatusText(rep.Status)), errorCode(rep.Status))
	case req.Stream:
		s.stream(w, r, req, rep)
	default:
		text := cmp.Or(rep.Text, DefaultText)
		msg := map[string]any{"role": "assistant", "content": text}
		if rep.ReasoningText != "" {
			msg["reasoning_content"] = rep.ReasoningText
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"id":      fmt.Sprintf("chatcmpl-fake-%d", req.N),
			"object":  "chat.completion",
			"created": time.Now().Unix(),
			"model":   req.Model,
			"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": cmp.Or(rep.FinishReason, "stop")}},
			"usage":   usage(req, rep, text),
		})
	}
}

// stream writes rep as server-sent events the way OpenAI does: one chunk per
// delta, a final chunk with finish_reason, an optional usage chunk, [DONE].
func (s *Server) stream(w http.ResponseWriter, r *http.Request, req Request, rep Reply) {
	flusher, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)

	id := fmt.Sprintf("chatcmpl-fake-%d", req.N)
	created := time.Now().Unix()
	send := func(v any) {
		b, _ := json.Marshal(v)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	chunk := func(delta map[string]any, finish any) map[string]any {
		return map[string]any{
			"id": id, "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}},
		}
	}

	for range rep.KeepAlives {
		io.WriteString(w, ": keep-alive\n\n")
	}
	text := cmp.Or(rep.Text, DefaultText)
	pieces := split(text, cmp.Or(rep.ChunkRunes, 4))
	failAt := -1 // no failure
	if rep.MidStreamError != "" {
		failAt = max(cmp.Or(rep.MidStreamAfter, max(len(pieces)/2, 1)), 0)
	}

	send(chunk(map[string]any{"role": "assistant", "content": ""}, nil))
	for _, p := range split(rep.ReasoningText, cmp.Or(rep.ChunkRunes, 4)) {
		send(chunk(map[string]any{"reasoning_content": p}, nil))
	}
	for i, p := range pieces {
		if i == failAt {
			send(map[string]any{"error": map[string]any{"message": rep.MidStreamError, "type": "server_error", "code": "overloaded"}})
			return
		}
		if i > 0 && !sleep(r, rep.ChunkDelay) {
			return
		}
		if rep.MalformedChunk && i == len(pieces)/2 {
			io.WriteString(w, "data: {\"id\": \"broken\", \"choices\": [{\"delta\n\n")
		}
		send(chunk(map[string]any{"content": p}, nil))
	}
	if rep.MidStreamError != "" && failAt >= len(pieces) {
		send(map[string]any{"error": map[string]any{"message": rep.MidStreamError, "type": "server_error", "code": "overloaded"}})
		return
	}
	send(chunk(map[string]any{}, cmp.Or(rep.FinishReason, "stop")))
	if req.IncludeUsage {
		send(map[string]any{
			"id": id, "object": "chat.completion.chunk", "created": created, "model": req.Model,
			"choices": []any{}, "usage": usage(req, rep, text),
		})
	}
	io.WriteString(w, "data: [DONE]\n\n")
	if flusher != nil {
		flusher.Flush()
	}
}

func usage(req Request, rep Reply, text string) map[string]int {
	p := rep.PromptTokens
	if p == 0 {
		for _, m := range req.Messages {
			p += len([]rune(m.Content))
		}
	}
	c := cmp.Or(rep.CompletionTokens, len([]rune(text)))
	return map[string]int{"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}
}

// sleep waits d or until the client goes away; it reports whether to go on.
func sleep(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// split cuts s into pieces of n runes.
func split(s string, n int) []string {
	var out []string
	rs := []rune(s)
	for len(rs) > 0 {
		k := min(n, len(rs))
		out = append(out, string(rs[:k]))
		rs = rs[k:]
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg, code string) {
	typ := "invalid_request_error"
	if status == http.StatusTooManyRequests {
		typ = "requests"
	} else if status >= 500 {
		typ = "server_error"
	}
	e := map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}
	if code != "" {
		e["code"] = code
	}
	writeJSON(w, status, map[string]any{"error": e})
}

func errorCode(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "invalid_api_key"
	case status == http.StatusTooManyRequests:
		return "rate_limit_exceeded"
	case status >= 500:
		return "server_error"
	}
	return ""
}
