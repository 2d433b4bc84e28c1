package llm

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// watch links one attempt's HTTP response to the retry loop. go-openai
// turns error responses into *openai.APIError without their headers, so
// Retry-After would be lost: watchTransport records it here. It also times
// the silences in the response body: after idle without a byte it calls
// stall, which cancels the attempt.
type watch struct {
	idle  time.Duration
	stall func()

	mu    sync.Mutex
	after time.Duration // the server's requested wait, if any
}

func (w *watch) setRetryAfter(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.after = d
}

func (w *watch) retryAfter() time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.after
}

type watchKey struct{}

func withWatch(ctx context.Context, w *watch) context.Context {
	return context.WithValue(ctx, watchKey{}, w)
}

// watchTransport is an http.RoundTripper that records Retry-After and
// watches the response body for silence, for requests whose context holds a
// *watch.
type watchTransport struct {
	base http.RoundTripper
}

// RoundTrip sends req and wraps the response body in an idle watchdog.
func (t watchTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	w, ok := req.Context().Value(watchKey{}).(*watch)
	if !ok {
		return resp, nil
	}
	w.setRetryAfter(retryAfter(resp.Header, time.Now()))
	if w.idle > 0 && w.stall != nil {
		resp.Body = &idleBody{ReadCloser: resp.Body, idle: w.idle, timer: time.AfterFunc(w.idle, w.stall)}
	}
	return resp, nil
}

// idleBody is a response body whose timer is reset by every byte read.
type idleBody struct {
	io.ReadCloser
	idle  time.Duration
	timer *time.Timer
}

func (b *idleBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	switch {
	case err != nil:
		b.timer.Stop()
	case n > 0:
		b.timer.Reset(b.idle)
	}
	return n, err
}

func (b *idleBody) Close() error {
	b.timer.Stop()
	return b.ReadCloser.Close()
}

// retryAfter returns the wait a response asks for, or 0. It understands
// Retry-After as seconds or an HTTP date, and OpenAI's retry-after-ms.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	return parseRetryAfter(h.Get("Retry-After"), now)
}

// parseRetryAfter parses a Retry-After value (delay-seconds or HTTP-date).
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
