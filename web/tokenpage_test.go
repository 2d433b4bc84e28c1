package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/web"
)

// TestTokenPage: a browser without the 口令 gets a page with a field to type
// it; a wrong one is said to be wrong; the page calls it 口令 throughout.
func TestTokenPage(t *testing.T) {
	const token = "t0ken-abc"
	f := newFixture(t, func(s *web.Server) { s.Token = token })
	tests := []struct {
		path, accept string
		want, not    []string
	}{
		{"/", "text/html,application/xhtml+xml", []string{`<input id="token" name="token" type="password"`, "<form method=\"get\">", "需要访问口令"}, []string{"口令不对", "令牌"}},
		{"/?token=badguess", "text/html", []string{"口令不对", `name="token"`}, []string{"令牌", "badguess"}},
		{"/docs/1", "text/html", []string{`name="token"`}, []string{"令牌"}},
		{"/", "", []string{"需要访问口令", "Authorization: Bearer 口令"}, []string{"<form", "令牌"}},
	}
	for _, tt := range tests {
		status, body := f.get(t, tt.path, "Accept", tt.accept)
		if status != http.StatusUnauthorized {
			t.Errorf("GET %s: status %d, want 401", tt.path, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s (Accept %q): body lacks %q:\n%s", tt.path, tt.accept, w, body)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(body, w) {
				t.Errorf("GET %s (Accept %q): body has %q", tt.path, tt.accept, w)
			}
		}
	}
	// What the form sends: the right 口令 as ?token= sets the session cookie.
	req, _ := http.NewRequest(http.MethodGet, f.ts.URL+"/?token="+token, nil)
	req.Header.Set("Accept", "text/html")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || len(resp.Cookies()) == 0 {
		t.Errorf("the typed 口令: status %d with %d cookies, want a redirect setting the session", resp.StatusCode, len(resp.Cookies()))
	}
}
