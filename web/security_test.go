package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// ok is the handler behind the checks under test.
var ok = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })

func TestHostHeaderWithoutToken(t *testing.T) {
	tests := []struct {
		name    string
		addr    string
		allowed []string
		host    string
		want    int
	}{
		{"localhost with port", "127.0.0.1:8080", nil, "localhost:8080", http.StatusOK},
		{"localhost upper case", "127.0.0.1:8080", nil, "LOCALHOST:8080", http.StatusOK},
		{"127.0.0.1", "127.0.0.1:8080", nil, "127.0.0.1:8080", http.StatusOK},
		{"other loopback", "127.0.0.1:8080", nil, "127.0.0.2:8080", http.StatusOK},
		{"[::1]", "127.0.0.1:8080", nil, "[::1]:8080", http.StatusOK},
		{"no port", "127.0.0.1:8080", nil, "localhost", http.StatusOK},
		{"rebinding name", "127.0.0.1:8080", nil, "evil.example:8080", http.StatusMisdirectedRequest},
		{"rebinding name no port", "127.0.0.1:8080", nil, "evil.example", http.StatusMisdirectedRequest},
		{"localhost subdomain", "127.0.0.1:8080", nil, "localhost.evil.example:8080", http.StatusMisdirectedRequest},
		{"empty host", "127.0.0.1:8080", nil, "", http.StatusMisdirectedRequest},
		{"host of --addr", "192.168.1.20:8080", nil, "192.168.1.20:8080", http.StatusOK},
		{"other LAN address", "192.168.1.20:8080", nil, "192.168.1.21:8080", http.StatusMisdirectedRequest},
		{"0.0.0.0 is not a host", "0.0.0.0:8080", nil, "0.0.0.0:8080", http.StatusMisdirectedRequest},
		{"0.0.0.0 still allows loopback", "0.0.0.0:8080", nil, "127.0.0.1:8080", http.StatusOK},
		{"allowed name", "0.0.0.0:8080", []string{"jiaoyuju.lan"}, "JiaoYuJu.lan:8080", http.StatusOK},
		{"allowed host:port", "0.0.0.0:8080", []string{"jiaoyuju.lan:8080"}, "jiaoyuju.lan:8080", http.StatusOK},
		{"allowed host:port, other port", "0.0.0.0:8080", []string{"jiaoyuju.lan:8080"}, "jiaoyuju.lan:9090", http.StatusMisdirectedRequest},
		{"allow any", "0.0.0.0:8080", []string{"*"}, "evil.example", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{Addr: tt.addr, AllowedHosts: tt.allowed, Logger: slog.New(slog.DiscardHandler)}
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Host = tt.host
			w := httptest.NewRecorder()
			s.checkHost(ok).ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Fatalf("Host %q: status %d, want %d", tt.host, w.Code, tt.want)
			}
			if w.Code != http.StatusOK && !strings.Contains(w.Body.String(), "已拒绝") {
				t.Errorf("refusal is not in Chinese: %q", w.Body.String())
			}
		})
	}
}

func TestHostHeaderWithTokenIsNotChecked(t *testing.T) {
	s := &Server{Token: "T", Addr: "127.0.0.1:8080", Logger: slog.New(slog.DiscardHandler)}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "zongjie.example:8080"
	w := httptest.NewRecorder()
	s.checkHost(ok).ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("with a token the Host is not checked: status %d", w.Code)
	}
}

func TestTokenRedirectStaysOnSite(t *testing.T) {
	const token = "T0ken"
	tests := []struct {
		target string
		want   string // the path and query the browser lands on
	}{
		{"/draft?token=" + token, "/draft"},
		{"/draft?token=" + token + "&q=%E5%85%9A", "/draft?q=%E5%85%9A"},
		{"//evil.example/?token=" + token, "/evil.example/"},
		{"///evil.example/?token=" + token, "/evil.example/"},
		{"/\\evil.example/?token=" + token, "/%5Cevil.example/"},
		{"/\\/evil.example/?token=" + token, "/%5C/evil.example/"},
		{"/%2F%2Fevil.example/?token=" + token, "/%2F%2Fevil.example/"},
		{"/%2f/evil.example?token=" + token, "/%2f/evil.example"},
		{"/%5C%5Cevil.example?token=" + token, "/%5C%5Cevil.example"},
		{"/./evil.example?token=" + token, "/evil.example"},
	}
	s := &Server{Token: token, Logger: slog.New(slog.DiscardHandler)}
	h := s.auth(ok)
	base, _ := url.Parse("http://127.0.0.1:8080/start")
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, tt.target, nil)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			loc := w.Header().Get("Location")
			if w.Code != http.StatusSeeOther {
				t.Fatalf("status %d, want 303", w.Code)
			}
			// Browsers read a backslash in a URL as a slash.
			u, err := url.Parse(strings.ReplaceAll(loc, "\\", "/"))
			if err != nil {
				t.Fatalf("Location %q: %v", loc, err)
			}
			got := base.ResolveReference(u)
			if got.Host != base.Host || got.Scheme != base.Scheme {
				t.Fatalf("Location %q leaves the site: %s", loc, got)
			}
			if strings.Contains(loc, token) {
				t.Errorf("Location %q keeps the token", loc)
			}
			if loc != tt.want {
				t.Errorf("Location %q, want %q", loc, tt.want)
			}
		})
	}
}
