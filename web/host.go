package web

import (
	"net"
	"net/http"
	"strings"
)

// hostRefused is what a request with a Host header the server does not
// answer to is told.
const hostRefused = "已拒绝：本服务只接受通过本机地址（localhost、127.0.0.1）或启动时 --addr 指定的地址访问。" +
	"如需用其他主机名访问，请把它加入配置 serve.allowed_hosts，或启动时设置 --token。"

// checkHost refuses, when no token is needed, requests whose Host header is
// not a loopback name, the host of Addr or one of AllowedHosts. A page of
// another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends
// its own name as Host, so it cannot read the corpus or run drafts. With a
// token (the single one, or personal ones once users are defined) such a
// page has no token, so any host is served.
func (s *Server) checkHost(next http.Handler) http.Handler {
	if s.Token != "" || s.allowsAnyHost() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hostAllowed(r.Host) && !s.personalTokens(r) {
			s.Logger.Warn("refused host", "host", r.Host)
			plainError(w, http.StatusMisdirectedRequest, hostRefused)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// allowsAnyHost reports whether AllowedHosts holds "*".
func (s *Server) allowsAnyHost() bool {
	for _, h := range s.AllowedHosts {
		if strings.TrimSpace(h) == "*" {
			return true
		}
	}
	return false
}

// hostAllowed reports whether a Host header names this server.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostName(hostport)
	if host == "" {
		return false
	}
	if isLoopbackName(host) || host == hostName(s.Addr) && !unspecified(host) {
		return true
	}
	for _, a := range s.AllowedHosts {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == strings.ToLower(hostport) || a == host {
			return true
		}
	}
	return false
}

// hostName is the lower-case host of "host:port", "[::1]:port" or "host",
// without brackets.
func hostName(hostport string) string {
	h := strings.ToLower(strings.TrimSpace(hostport))
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.Trim(h, "[]"), ".")
}

// isLoopbackName reports whether host is localhost or a loopback address.
func isLoopbackName(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// unspecified reports whether host is 0.0.0.0 or ::, which listen on every
// address but are never a Host a browser sends.
func unspecified(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsUnspecified()
}

// personalTokens reports whether users are defined, so that auth demands a
// personal token; a failure to tell counts as no.
func (s *Server) personalTokens(r *http.Request) bool {
	on, err := s.usersEnabled(r.Context())
	return on && err == nil
}
