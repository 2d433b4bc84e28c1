// Package llm is the adapter to OpenAI-compatible chat endpoints (OpenAI,
// DeepSeek, Qwen/DashScope compatible mode, GLM, Moonshot, Ollama, vLLM,
// llama.cpp). It implements draft.Completer and is the only importer of
// go-openai: it streams answers, retries transient failures, asks the model to
// continue a cut answer, classifies provider errors into Chinese messages, and
// logs every attempt.
package llm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/zongjie/zongjie/draft"
)

var _ draft.Completer = (*Client)(nil)

// Default values New uses for zero Config fields.
const (
	DefaultHeaderTimeout = 60 * time.Second
	DefaultIdleTimeout   = 30 * time.Second
	DefaultCallTimeout   = 5 * time.Minute
	DefaultMaxWait       = 2 * time.Minute
	DefaultMaxRetries    = 4
	DefaultMinBackoff    = 1 * time.Second
	DefaultMaxBackoff    = 30 * time.Second
)

// continuePrompt is the user message that asks for the rest of an answer cut
// by the token limit.
const continuePrompt = "请从中断处继续写，不要重复已写内容。"

// Config configures a Client. Zero durations take the Default values; start
// from DefaultConfig to also get Stream = true and DefaultMaxRetries.
type Config struct {
	BaseURL string // the API root, e.g. "https://api.deepseek.com/v1" or "http://localhost:11434/v1"
	Model   string
	APIKey  string // may be empty for local servers
	// KeyEnv names the environment variable the key came from; error
	// messages point the user to it and never show the key itself.
	KeyEnv string

	// HeaderTimeout bounds the wait for the response headers of one request.
	// It is a transport setting, not http.Client.Timeout, because the latter
	// would also cut long streams.
	HeaderTimeout time.Duration
	// IdleTimeout bounds the silence inside one answer: a response whose
	// body sends no byte for this long fails (and is retried).
	IdleTimeout time.Duration
	// CallTimeout bounds one request including its whole stream; each retry
	// and the continuation request get a fresh CallTimeout.
	CallTimeout time.Duration
	// MaxWait bounds how long one request waits for the model without
	// receiving any part of an answer, across all its retries and backoffs;
	// every chunk that arrives starts the wait afresh. When it runs out the
	// request fails with draft.ErrModelUnavailable, so a hung model costs a
	// section at most MaxWait.
	MaxWait time.Duration
	// MaxRetries is how often a failed request is retried; 0 (or negative)
	// means one request and no retries.
	MaxRetries int
	// Temperature is the sampling temperature. 0 leaves it to the server's
	// default, because go-openai omits a zero temperature from the request.
	Temperature float32
	MaxTokens   int // 0 leaves it to the server
	// Stream selects SSE streaming; false sends plain requests (some
	// gateways buffer or break SSE).
	Stream bool

	MinBackoff, MaxBackoff time.Duration // retry wait bounds; Retry-After is capped at MaxBackoff
}

// DefaultConfig returns the defaults, including Stream = true, for the
// caller to fill in BaseURL, Model and the key.
func DefaultConfig() Config {
	return Config{
		HeaderTimeout: DefaultHeaderTimeout,
		IdleTimeout:   DefaultIdleTimeout,
		CallTimeout:   DefaultCallTimeout,
		MaxWait:       DefaultMaxWait,
		MaxRetries:    DefaultMaxRetries,
		Stream:        true,
		MinBackoff:    DefaultMinBackoff,
		MaxBackoff:    DefaultMaxBackoff,
	}
}

// CallLogger records model calls, e.g. into the SQLite call log. Complete
// calls it once per HTTP attempt, including failed ones.
type CallLogger interface {
	LogCall(ctx context.Context, c draft.Call) (int64, error)
}

// Client is a draft.Completer backed by an OpenAI-compatible endpoint. It is
// safe for concurrent use.
type Client struct {
	cfg Config
	oa  *openai.Client
	log CallLogger // may be nil
}

// New returns a Client for cfg. log may be nil to disable call logging.
func New(cfg Config, log CallLogger) (*Client, error) {
	cfg.BaseURL = strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	cfg.Model = strings.TrimSpace(cfg.Model)
	if cfg.BaseURL == "" {
		return nil, errors.New("未配置模型服务地址（llm.base_url）")
	}
	if cfg.Model == "" {
		return nil, errors.New("未配置模型名称（llm.model）")
	}
	cfg = cfg.withDefaults()

	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = cfg.HeaderTimeout
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = &http.Client{Transport: watchTransport{base: tr}}
	// Gateways send ": keep-alive" comment lines while a model thinks; the
	// default limit of 300 fails such streams.
	oc.EmptyMessagesLimit = 1 << 20
	return &Client{cfg: cfg, oa: openai.NewClientWithConfig(oc), log: log}, nil
}

// withDefaults fills zero fields with the Default values.
func (cfg Config) withDefaults() Config {
	if cfg.HeaderTimeout <= 0 {
		cfg.HeaderTimeout = DefaultHeaderTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = DefaultCallTimeout
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = DefaultMaxWait
	}
	cfg.MaxRetries = max(cfg.MaxRetries, 0)
	if cfg.MinBackoff <= 0 {
		cfg.MinBackoff = DefaultMinBackoff
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	cfg.MaxBackoff = max(cfg.MaxBackoff, cfg.MinBackoff)
	return cfg
}

// WorstCaseWait is the longest one request can wait on a model that sends
// nothing at all, computed from the settings: every attempt waits at most
// HeaderTimeout for headers and then IdleTimeout for a byte (never more than
// CallTimeout), with at most MaxBackoff between attempts, and MaxWait cuts
// the whole short. Giving up takes a few milliseconds more.
func (cfg Config) WorstCaseWait() time.Duration {
	cfg = cfg.withDefaults()
	attempt := min(cfg.HeaderTimeout+cfg.IdleTimeout, cfg.CallTimeout)
	n := time.Duration(cfg.MaxRetries)
	return min(cfg.MaxWait, (n+1)*attempt+n*cfg.MaxBackoff)
}

// Model returns the configured model name.
func (c *Client) Model() string { return c.cfg.Model }

// Complete sends req and returns the whole answer, streaming its text to
// onDelta (which may be nil) as it arrives.
//
// Transient failures (429, 5xx, network errors, timeouts, a stream broken by
// the server) are retried with exponential backoff and jitter, honouring
// Retry-After. An answer cut by the token limit is continued once; if the
// continuation is cut too, the joined text is returned with Truncated set.
// A rejected key (401/403) fails at once with an error wrapping
// draft.ErrKeyRejected; when ctx ends, Complete returns at once with an error
// wrapping ctx.Err().
//
// When a stream breaks after onDelta has shown text, the retry starts from
// scratch without any restart marker: onDelta gets only the part of the new
// answer beyond what it already showed, provided the new answer begins with
// that text (as it does with deterministic sampling). If the new answer
// diverges, onDelta receives nothing more for this call, so the shown text is
// never duplicated or contradicted; the returned ChatResponse.Text is always
// the complete, authoritative answer.
func (c *Client) Complete(ctx context.Context, req draft.ChatRequest, onDelta func(string)) (draft.ChatResponse, error) {
	msgs := make([]openai.ChatCompletionMessage, 0, len(req.Messages)+2)
	for _, m := range req.Messages {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	out := &relay{onDelta: onDelta}

	first, err := c.retry(ctx, req.Purpose, msgs, out, 0)
	if err != nil {
		return draft.ChatResponse{}, c.opError(req.Purpose, err)
	}
	resp := draft.ChatResponse{
		Text:             first.text,
		Model:            first.model,
		FinishReason:     first.finish,
		PromptTokens:     first.promptTokens,
		CompletionTokens: first.completionTokens,
	}
	if first.finish != string(openai.FinishReasonLength) {
		return resp, nil
	}

	// Cut by the token limit: show the model what it wrote and ask once for
	// the rest, rather than silently returning half a section.
	msgs = append(msgs,
		openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: first.text},
		openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: continuePrompt},
	)
	resp.Truncated = true
	more, err := c.retry(ctx, req.Purpose, msgs, out, len(first.text))
	if err != nil {
		// The partial answer is returned too, marked Truncated, for callers
		// that prefer something over nothing.
		return resp, c.opError(req.Purpose, err)
	}
	resp.Text += more.text
	resp.FinishReason = more.finish
	resp.PromptTokens += more.promptTokens
	resp.CompletionTokens += more.completionTokens
	resp.Truncated = more.finish == string(openai.FinishReasonLength)
	return resp, nil
}

// retry runs attempts of one request until one succeeds, a failure is
// permanent, the retries are used up, MaxWait passes without any answer, or
// ctx ends. offset is where this request's text starts within the whole
// answer (for the relay).
func (c *Client) retry(ctx context.Context, purpose string, msgs []openai.ChatCompletionMessage, out *relay, offset int) (segment, error) {
	wctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	wait := time.AfterFunc(c.cfg.MaxWait, func() { stop(errNoAnswer) })
	defer wait.Stop()
	// Only news restarts the wait: a retry that repeats the part of the
	// answer an earlier attempt already brought, then stalls again, is no
	// progress.
	var mu sync.Mutex
	most := 0
	alive := func(received int) {
		mu.Lock()
		defer mu.Unlock()
		if received > most {
			most = received
			wait.Reset(c.cfg.MaxWait)
		}
	}

	var last *callError
	for n := 0; ; n++ {
		seg, err := c.attempt(wctx, purpose, msgs, out, offset, alive)
		if err == nil {
			return seg, nil
		}
		if ctx.Err() != nil {
			return segment{}, canceled(ctx)
		}
		if context.Cause(wctx) == errNoAnswer {
			return segment{}, c.noAnswer(n+1, last)
		}
		var ce *callError
		if !errors.As(err, &ce) || !ce.retry {
			return segment{}, err
		}
		last = ce
		if n >= c.cfg.MaxRetries {
			if n == 0 {
				return segment{}, &callError{msg: ce.msg, wrapped: draft.ErrModelUnavailable}
			}
			return segment{}, &callError{msg: retriesMsg(n, ce.msg), wrapped: draft.ErrModelUnavailable}
		}
		t := time.NewTimer(c.backoff(n, ce.retryAfter))
		select {
		case <-wctx.Done():
			t.Stop()
			if ctx.Err() != nil {
				return segment{}, canceled(ctx)
			}
			return segment{}, c.noAnswer(n+1, last)
		case <-t.C:
		}
	}
}

// segment is the answer of one successful request.
type segment struct {
	text, model, finish            string
	promptTokens, completionTokens int
}

// relay forwards streamed text to onDelta without ever showing a piece twice
// across retries; see Complete.
type relay struct {
	onDelta func(string)
	shown   strings.Builder // all text onDelta received
	pos     int             // the current attempt's offset in the whole answer
	muted   bool
}

// begin starts an attempt whose text begins at offset in the whole answer.
func (r *relay) begin(offset int) { r.pos = offset }

// push passes on the part of piece that onDelta has not yet shown, and mutes
// the relay if the piece contradicts what was shown.
func (r *relay) push(piece string) {
	if r.onDelta == nil || r.muted || piece == "" {
		return
	}
	shown := r.shown.String()
	end := r.pos + len(piece)
	if r.pos < len(shown) {
		overlap := shown[r.pos:min(end, len(shown))]
		if !strings.HasPrefix(piece, overlap) {
			r.muted = true
			return
		}
		piece = piece[len(overlap):]
	}
	r.pos = end
	if piece != "" {
		r.shown.WriteString(piece)
		r.onDelta(piece)
	}
}

// end closes a successful attempt; text shown beyond it (left over from a
// longer failed attempt) makes the display wrong, so the relay mutes.
func (r *relay) end() {
	if r.pos != r.shown.Len() {
		r.muted = true
	}
}
