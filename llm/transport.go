package llm

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// go-openai turns error responses into *openai.APIError without their
// headers, so Retry-After would be lost. retryAfterTransport reads it at the
// HTTP layer and leaves it in a holder that the attempt put in the request's
// context.

type retryAfterKey struct{}

// retryAfterHolder keeps the server's requested wait for one attempt.
type retryAfterHolder struct {
	mu sync.Mutex
	d  time.Duration
}

func (h *retryAfterHolder) set(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.d = d
}

func (h *retryAfterHolder) get() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.d
}

func withRetryAfterHolder(ctx context.Context, h *retryAfterHolder) context.Context {
	return context.WithValue(ctx, retryAfterKey{}, h)
}

// retryAfterTransport is an http.RoundTripper that records Retry-After.
type retryAfterTransport struct {
	base http.RoundTripper
}

func (t retryAfterTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if h, ok := req.Context().Value(retryAfterKey{}).(*retryAfterHolder); ok {
		h.set(retryAfter(resp.Header, time.Now()))
	}
	return resp, nil
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
