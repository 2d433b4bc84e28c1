package llm

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// attempt sends one HTTP request and logs it, successful or not. alive is
// told how many bytes of answer (text and reasoning) the attempt has
// received whenever a part of it arrives.
func (c *Client) attempt(ctx context.Context, purpose string, msgs []openai.ChatCompletionMessage, out *relay, offset int, alive func(int)) (seg segment, err error) {
	start := time.Now()
	tctx, cancelTimeout := context.WithTimeout(ctx, c.cfg.CallTimeout)
	defer cancelTimeout()
	actx, cancel := context.WithCancelCause(tctx)
	defer cancel(nil)
	w := &watch{idle: c.cfg.IdleTimeout, stall: func() { cancel(errIdle) }}
	actx = withWatch(actx, w)

	var text strings.Builder
	defer func() {
		call := draft.Call{
			Purpose:          purpose,
			Model:            cmp.Or(seg.model, c.cfg.Model),
			Prompt:           c.redact(renderPrompt(msgs)),
			Response:         c.redact(text.String()),
			PromptTokens:     seg.promptTokens,
			CompletionTokens: seg.completionTokens,
			FinishReason:     seg.finish,
			Latency:          time.Since(start),
			CreatedAt:        start,
		}
		if err != nil {
			call.Error = c.redact(err.Error())
		}
		c.logCall(ctx, call)
	}()

	req := openai.ChatCompletionRequest{
		Model:       c.cfg.Model,
		Messages:    msgs,
		Temperature: c.cfg.Temperature,
		MaxTokens:   c.cfg.MaxTokens,
	}
	out.begin(offset)
	if c.cfg.Stream {
		seg, err = c.stream(actx, req, &text, out, alive)
	} else {
		seg, err = c.plain(actx, req, &text, out)
		if err == nil {
			alive(text.Len() + 1)
		}
	}
	if err != nil {
		return seg, c.classify(ctx, actx, err, w.retryAfter())
	}
	seg.text = text.String()
	out.end()
	return seg, nil
}

// plain sends a non-streaming request.
func (c *Client) plain(ctx context.Context, req openai.ChatCompletionRequest, text *strings.Builder, out *relay) (segment, error) {
	resp, err := c.oa.CreateChatCompletion(ctx, req)
	if err != nil {
		return segment{}, err
	}
	seg := segment{
		model:            resp.Model,
		promptTokens:     resp.Usage.PromptTokens,
		completionTokens: resp.Usage.CompletionTokens,
	}
	if len(resp.Choices) == 0 {
		return seg, errNoChoices
	}
	// ReasoningContent (DeepSeek/Qwen thinking) is deliberately dropped: it
	// is not part of the report.
	ch := resp.Choices[0]
	text.WriteString(ch.Message.Content)
	out.push(ch.Message.Content)
	seg.finish = string(ch.FinishReason)
	return seg, nil
}

// stream sends a streaming request and reads it to the end.
func (c *Client) stream(ctx context.Context, req openai.ChatCompletionRequest, text *strings.Builder, out *relay, alive func(int)) (segment, error) {
	// Usage arrives in a last chunk only when asked for.
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	st, err := c.oa.CreateChatCompletionStream(ctx, req)
	if err != nil {
		return segment{}, err
	}
	defer st.Close()

	var seg segment
	received := 0 // bytes of text and reasoning
	for {
		chunk, err := st.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var (
				syntaxErr *json.SyntaxError
				typeErr   *json.UnmarshalTypeError
			)
			if errors.As(err, &syntaxErr) || errors.As(err, &typeErr) {
				// A chunk that is not valid JSON: the stream is broken, not
				// the request, so it is worth another attempt.
				return seg, &badChunkError{err}
			}
			return seg, err
		}
		if chunk.Model != "" {
			seg.model = chunk.Model
		}
		if u := chunk.Usage; u != nil {
			seg.promptTokens, seg.completionTokens = u.PromptTokens, u.CompletionTokens
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			// Delta.ReasoningContent is left out of the text on purpose, as
			// in plain, but a model that thinks aloud is not silent.
			received += len(ch.Delta.ReasoningContent) + len(ch.Delta.Content)
			if d := ch.Delta.Content; d != "" {
				text.WriteString(d)
				out.push(d)
			}
			if ch.FinishReason != "" {
				seg.finish = string(ch.FinishReason)
			}
		}
		alive(received)
	}
	return seg, nil
}

// logCall hands call to the logger. A failing call log must not cost the
// user an answer already paid for, so its error is dropped; the logger is
// the place to report it. The record is written even after ctx is
// cancelled, because cancelled attempts belong in the audit trail.
func (c *Client) logCall(ctx context.Context, call draft.Call) {
	if c.log == nil {
		return
	}
	// Prompts hold the user's facts: the log shows each user only theirs.
	if u, ok := users.FromContext(ctx); ok {
		call.UserID, call.User = u.ID, u.Name
	}
	_, _ = c.log.LogCall(context.WithoutCancel(ctx), call)
}

// renderPrompt renders messages as "[role]\ncontent" blocks for the call log.
func renderPrompt(msgs []openai.ChatCompletionMessage) string {
	var b strings.Builder
	for i, m := range msgs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("[" + m.Role + "]\n")
		b.WriteString(m.Content)
	}
	return b.String()
}

// redact removes the API key from s. Servers sometimes echo the key (or
// part of a request) in error bodies, and errors and logs outlive the call.
// Keys shorter than 8 bytes are placeholders ("ollama", "EMPTY") and are
// left alone so that ordinary words are not blanked out.
func (c *Client) redact(s string) string {
	if len(c.cfg.APIKey) < 8 {
		return s
	}
	return strings.ReplaceAll(s, c.cfg.APIKey, "[已隐藏]")
}

// badChunkError is a streamed chunk that could not be decoded.
type badChunkError struct{ err error }

func (e *badChunkError) Error() string { return "无法解析的流式数据块：" + e.err.Error() }
func (e *badChunkError) Unwrap() error { return e.err }
