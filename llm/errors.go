package llm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/zongjie/zongjie/draft"
)

// callError is a classified failure of one request. Its message is Chinese,
// meant for the user, and already free of the API key; it wraps only
// sentinels (draft.ErrKeyRejected), never the provider's error, whose text
// may quote the key.
type callError struct {
	msg        string
	retry      bool          // transient: worth another attempt
	retryAfter time.Duration // the server's requested wait, if any
	wrapped    error
}

func (e *callError) Error() string { return e.msg }
func (e *callError) Unwrap() error { return e.wrapped }

var (
	errNoChoices = errors.New("回答中没有内容（choices 为空）")
	// errIdle is the cause an attempt is cancelled with when its response
	// sent nothing for IdleTimeout.
	errIdle = errors.New("idle timeout")
	// errNoAnswer is the cause a request is cancelled with when MaxWait
	// passed without any part of an answer.
	errNoAnswer = errors.New("no answer within MaxWait")
)

// classify turns an attempt's error into a *callError, or into a wrapped
// ctx.Err() when the caller gave up. actx is the attempt's own context.
func (c *Client) classify(ctx, actx context.Context, err error, retryAfter time.Duration) error {
	if ctx.Err() != nil {
		return canceled(ctx)
	}
	e := &callError{retryAfter: retryAfter}
	var (
		reqErr *openai.RequestError
		apiErr *openai.APIError
		netErr net.Error
		dnsErr *net.DNSError
	)
	var badChunk *badChunkError
	// RequestError first: it may wrap an APIError that lacks the status.
	switch {
	case context.Cause(actx) == errIdle:
		e.msg, e.retry = fmt.Sprintf("模型服务 %s没有再发送任何内容（回答停住了）", durText(c.cfg.IdleTimeout)), true
	case errors.As(err, &badChunk):
		e.msg, e.retry = "模型服务的流式回答中有无法解析的数据块", true
	case errors.As(err, &reqErr):
		c.status(e, reqErr.HTTPStatusCode, bodySnippet(reqErr.Body))
	case errors.As(err, &apiErr) && apiErr.HTTPStatusCode != 0:
		c.status(e, apiErr.HTTPStatusCode, apiErr.Message)
	case errors.As(err, &apiErr):
		// An error event inside a 200 stream: the server gave up mid-answer.
		e.msg, e.retry = "模型服务在回答中途出错："+apiErr.Message, true
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		e.msg, e.retry = fmt.Sprintf("模型服务在 %s内未完成回答（超时）", durText(c.cfg.CallTimeout)), true
	case errors.As(err, &netErr) && netErr.Timeout():
		e.msg, e.retry = fmt.Sprintf("模型服务在 %s内没有响应（超时）", durText(c.cfg.HeaderTimeout)), true
	case errors.Is(err, syscall.ECONNREFUSED), errors.As(err, &dnsErr):
		e.msg, e.retry = fmt.Sprintf("无法连接模型服务 %s，请检查 llm.base_url（%v）", c.cfg.BaseURL, err), true
	case errors.Is(err, openai.ErrTooManyEmptyStreamMessages):
		e.msg, e.retry = fmt.Sprintf("模型服务的流式回答异常：%v", err), true
	case errors.As(err, &netErr), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		e.msg, e.retry = fmt.Sprintf("与模型服务的连接中断：%v", err), true
	default:
		e.msg = fmt.Sprintf("调用模型服务失败：%v", err)
	}
	e.msg = c.redact(e.msg)
	return e
}

// status fills e for an HTTP error status with the server's message.
func (c *Client) status(e *callError, code int, serverMsg string) {
	detail := ""
	if serverMsg = strings.TrimSpace(serverMsg); serverMsg != "" {
		detail = "：" + serverMsg
	}
	switch {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		where := "API 密钥配置（llm.api_key_env）"
		if c.cfg.KeyEnv != "" {
			where = "环境变量 " + c.cfg.KeyEnv
		}
		e.msg = fmt.Sprintf("%s（HTTP %d），请检查%s%s", draft.ErrKeyRejected, code, where, detail)
		e.wrapped = draft.ErrKeyRejected
	case code == http.StatusTooManyRequests:
		e.msg, e.retry = "模型服务限流（HTTP 429）"+detail, true
	case code == http.StatusRequestTimeout || code == http.StatusConflict || code >= 500:
		e.msg, e.retry = fmt.Sprintf("模型服务暂时不可用（HTTP %d）%s", code, detail), true
	case code == http.StatusNotFound:
		e.msg = fmt.Sprintf("模型服务找不到接口或模型（HTTP 404），请检查 llm.base_url 和 llm.model%s", detail)
	default:
		e.msg = fmt.Sprintf("模型服务拒绝了请求（HTTP %d）%s", code, detail)
	}
}

var (
	htmlTag = regexp.MustCompile(`<[^>]*>`)
	spaces  = regexp.MustCompile(`\s+`)
)

// bodySnippet makes a short readable message of a non-JSON error body
// (typically a gateway's HTML page).
func bodySnippet(body []byte) string {
	s := spaces.ReplaceAllString(htmlTag.ReplaceAllString(string(body), " "), " ")
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

// canceled reports that the caller's ctx ended.
func canceled(ctx context.Context) error {
	return fmt.Errorf("调用已中止：%w", ctx.Err())
}

func retriesMsg(n int, last string) string {
	return fmt.Sprintf("重试 %d 次后仍失败：%s", n, last)
}

// noAnswer is the error of a request that got no answer within MaxWait
// after attempts tries; last is the last attempt's failure, if any.
func (c *Client) noAnswer(attempts int, last *callError) error {
	msg := fmt.Sprintf("模型服务在 %s内没有回答（已尝试 %d 次", durText(c.cfg.MaxWait), attempts)
	if last != nil {
		msg += "；最近一次：" + last.msg
	}
	msg += "），请检查模型服务是否正常，稍后再试"
	return &callError{msg: c.redact(msg), wrapped: draft.ErrModelUnavailable}
}

// durText writes d the way a person says it: "2 分钟", "30 秒", "1 分 30 秒",
// "0.25 秒".
func durText(d time.Duration) string {
	switch {
	case d < time.Second:
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " 秒"
	case d%time.Minute == 0:
		return fmt.Sprintf("%d 分钟", d/time.Minute)
	case d < time.Minute:
		return strconv.FormatFloat(d.Round(100*time.Millisecond).Seconds(), 'f', -1, 64) + " 秒"
	}
	return fmt.Sprintf("%d 分 %d 秒", d/time.Minute, (d%time.Minute)/time.Second)
}

// opError names the operation in a failed Complete's error.
func (c *Client) opError(purpose string, err error) error {
	if purpose == "" {
		return fmt.Errorf("调用模型 %s：%w", c.cfg.Model, err)
	}
	return fmt.Errorf("调用模型 %s（%s）：%w", c.cfg.Model, purpose, err)
}

// backoff returns the wait before retry n+1: exponential from MinBackoff
// with jitter (so parallel section writers don't retry in lockstep), at
// least the server's Retry-After, at most MaxBackoff.
func (c *Client) backoff(n int, retryAfter time.Duration) time.Duration {
	d := c.cfg.MinBackoff
	for i := 0; i < n && d < c.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, c.cfg.MaxBackoff)
	d = d/2 + rand.N(d/2+1)
	return min(max(d, retryAfter), c.cfg.MaxBackoff)
}
