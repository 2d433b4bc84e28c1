package web

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/zongjie/zongjie/users"
)

// cookieName holds the session cookie set after ?token=.
const cookieName = "zongjie_session"

// auth requires a token on every request when users are defined (a
// personal token, and the request then acts as its user) or else when the
// single Token is set. Users win over Token: once a user exists the shared
// token no longer opens anything, so nobody keeps a way past the per-user
// separation. Either token is presented the same ways: as
// "Authorization: Bearer T", as the session cookie, or once as ?token=T,
// which sets the cookie and redirects to the same address without the
// token. Whether users exist is read on every request, so a user added or
// removed with the command takes effect at once.
func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		check, personal, err := s.currentCheck(r.Context())
		if err != nil {
			s.Logger.Error("auth", "path", r.URL.Path, "err", err)
			plainError(w, http.StatusInternalServerError, "无法核对访问口令，请稍后再试；详情见服务器日志。")
			return
		}
		if check == nil {
			next.ServeHTTP(w, r)
			return
		}
		s.admit(w, r, next, check, personal)
	})
}

// keyCheck says whose a session key is (ok false for nobody's); the user is
// the zero User for the single token.
type keyCheck func(ctx context.Context, key string) (u users.User, ok bool, err error)

// currentCheck returns the check requests must pass now, nil for none, and
// whether it wants personal tokens.
func (s *Server) currentCheck(ctx context.Context) (check keyCheck, personal bool, err error) {
	if on, err := s.usersEnabled(ctx); on || err != nil {
		return s.userKey, true, err
	}
	if s.Token == "" {
		return nil, false, nil
	}
	session := sessionValue(s.Token)
	return func(_ context.Context, key string) (users.User, bool, error) {
		return users.User{}, equal(key, session), nil
	}, false, nil
}

// usersEnabled reports whether users are defined.
func (s *Server) usersEnabled(ctx context.Context) (bool, error) {
	if s.Users == nil {
		return false, nil
	}
	return s.Users.Enabled(ctx)
}

// userKey finds the user of a session key. The store looks the key's hash
// up; timing can at most tell something about a hash, never the token.
func (s *Server) userKey(ctx context.Context, key string) (users.User, bool, error) {
	u, err := s.Users.AuthenticateSession(ctx, key)
	if errors.Is(err, users.ErrNoUser) {
		return users.User{}, false, nil
	}
	return u, err == nil, err
}

// admit passes the request on, as its user, when one of the ways it
// presents a token passes check; a token in the query sets the cookie and
// redirects instead.
func (s *Server) admit(w http.ResponseWriter, r *http.Request, next http.Handler, check keyCheck, personal bool) {
	for _, p := range presentedKeys(r) {
		u, ok, err := check(r.Context(), p.key)
		if err != nil {
			s.Logger.Error("auth", "path", r.URL.Path, "err", err)
			plainError(w, http.StatusInternalServerError, "无法核对访问口令，请稍后再试；详情见服务器日志。")
			return
		}
		if !ok {
			continue
		}
		if p.query {
			http.SetCookie(w, &http.Cookie{Name: cookieName, Value: p.key, Path: "/", HttpOnly: true,
				SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
			http.Redirect(w, r, localTarget(r.URL), http.StatusSeeOther)
			return
		}
		if u.ID != 0 {
			r = r.WithContext(users.NewContext(r.Context(), u))
		}
		next.ServeHTTP(w, r)
		return
	}
	askToken(w, r, personal)
}

// presented is a session key a request carries, and whether it came as
// ?token= (which is then moved into the cookie).
type presented struct {
	key   string
	query bool
}

// presentedKeys are the session keys of a request, in the order tried: the
// bearer token, the cookie, ?token= on a GET.
func presentedKeys(r *http.Request) []presented {
	var keys []presented
	if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && bearer != "" {
		keys = append(keys, presented{key: sessionValue(bearer)})
	}
	if c, err := r.Cookie(cookieName); err == nil && c.Value != "" {
		keys = append(keys, presented{key: c.Value})
	}
	if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet {
		keys = append(keys, presented{key: sessionValue(t), query: true})
	}
	return keys
}

// localTarget is the address of u on this server without the token: a
// path that browsers cannot read as another host. A request for
// "//evil.example/?token=T" (or "/\evil", or one whose slashes are
// escaped) must not redirect to evil.example, so leading slashes and
// backslashes collapse to one slash.
func localTarget(u *url.URL) string {
	path := "/" + strings.TrimLeft(u.EscapedPath(), "/\\")
	if p, err := url.Parse(path); err != nil || p.Host != "" || p.Scheme != "" {
		path = "/"
	}
	q := u.Query()
	q.Del("token")
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	return path
}

// sessionValue is the cookie value for a token: a hash, so the cookie jar
// does not hold the token itself. Personal tokens use the same, so every
// way of presenting a token works for both.
func sessionValue(token string) string { return users.SessionKey(token) }

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// sameOrigin refuses state-changing requests that a page of another site
// could have sent: the browser's Sec-Fetch-Site must say same-origin, or else
// the Origin (or Referer) host must be this server's. Requests carrying an
// Authorization header cannot be forged by another page and pass.
func sameOrigin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if err := checkOrigin(r); err != nil {
			plainError(w, http.StatusForbidden, "已拒绝："+err.Error())
			return
		}
		next.ServeHTTP(w, r)
	})
}

func checkOrigin(r *http.Request) error {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" {
		if site == "same-origin" {
			return nil
		}
		return fmt.Errorf("请求来自其他网站（%s）", site)
	}
	from := r.Header.Get("Origin")
	if from == "" || from == "null" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		if r.Header.Get("Authorization") != "" {
			return nil
		}
		return errors.New("请求缺少来源（Origin/Referer），只接受本站页面提交的表单")
	}
	u, err := url.Parse(from)
	if err != nil || !strings.EqualFold(u.Host, r.Host) {
		return fmt.Errorf("请求来自其他网站（%s）", from)
	}
	return nil
}

// securityHeaders forbids inline and foreign scripts, framing and MIME
// sniffing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code for the request log and passes
// flushes through for streaming.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Flush sends buffered data, for server-sent events.
func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// logRequests logs method, path (never the query, which may hold the
// token), status and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

// plainError writes a short Chinese message as text.
func plainError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintln(w, msg)
}

// tooLarge reports whether err comes from an http.MaxBytesReader limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

// limitMessage words a size limit for people.
func limitMessage(what string, limit int64) string {
	return fmt.Sprintf("%s超过大小限制（最多 %s）。请分批上传或减少内容后重试。", what, sizeText(limit))
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}
