package web_test

import (
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// goErrorText matches what Go, database/sql and SQLite put in errors.
var goErrorText = regexp.MustCompile(`(?i)sql|database|closed|error|%!|0x[0-9a-f]|\.go:`)

// TestInternalErrorsShowNoGoText: with the database closed under the
// server, every page fails with a Chinese message and no error text.
func TestInternalErrorsShowNoGoText(t *testing.T) {
	f := newFixture(t, nil)
	f.db.Close()
	for _, path := range []string{"/", "/?q=党建", "/docs/1", "/draft", "/plan", "/log", "/log/1", "/runs/1/report.md"} {
		status, body := f.get(t, path)
		if status < 500 {
			t.Errorf("GET %s: status %d, want a server error", path, status)
		}
		checkNoGoText(t, "GET "+path, body)
	}
	posts := map[string]url.Values{
		"/plan":                      {"source": {"corpus"}, "summary_id": {"1"}},
		"/docs/1/remove":             nil,
		"/runs/1/sections/0/rewrite": nil,
	}
	for path, form := range posts {
		resp := f.post(t, path, form)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		checkNoGoText(t, "POST "+path, string(b))
	}
	_, body := f.upload(t, map[string][]byte{"a.txt": []byte("青溪县教育局2024年工作总结\n\n一、加强党建\n新发展党员8人。\n")})
	checkNoGoText(t, "upload", body)
}

func checkNoGoText(t *testing.T, what, body string) {
	t.Helper()
	text := visibleText(body)
	if m := goErrorText.FindString(text); m != "" {
		t.Errorf("%s shows %q:\n%s", what, m, text)
	}
	if !strings.ContainsAny(text, "错误误败") && !strings.Contains(text, "没有") {
		t.Errorf("%s says nothing in Chinese about the failure:\n%s", what, text)
	}
}

// visibleText drops tags, scripts and styles from an HTML page.
func visibleText(body string) string {
	body = regexp.MustCompile(`(?s)<(script|style)\b.*?</(script|style)>`).ReplaceAllString(body, "")
	return regexp.MustCompile(`<[^>]*>`).ReplaceAllString(body, " ")
}
