package web

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/errkind"
)

// TestErrorStatus is the mapping of error kinds to HTTP statuses and to
// what a page may say, with the errors that carry the kinds.
func TestErrorStatus(t *testing.T) {
	storeNotFound := errors.New("记录不存在") // a store error without a kind, given as Server.NotFound
	tests := []struct {
		name     string
		err      error
		status   int
		shown    bool // the error's own text is shown
		loggedAs string
	}{
		{"internal", errors.New("sql: database is closed"), http.StatusInternalServerError, false, "ERROR"},
		{"invalid", invalidf("模板编号应为正整数：%q", "x"), http.StatusBadRequest, true, ""},
		{"facts", &draft.FactsError{Name: "网页表单", Msg: "未知的类别"}, http.StatusBadRequest, true, ""},
		{"not found", fmt.Errorf("读取: %w", draft.ErrRunNotFound), http.StatusNotFound, true, ""},
		{"Server.NotFound", fmt.Errorf("读取文档 9: %w", storeNotFound), http.StatusNotFound, true, ""},
		{"conflict", errkind.New(errkind.Conflict, "已存在"), http.StatusConflict, true, ""},
		{"unavailable", fmt.Errorf("调用模型: HTTP 500 internal error: %w", draft.ErrModelUnavailable), http.StatusServiceUnavailable, false, "WARN"},
	}
	for _, tt := range tests {
		var log bytes.Buffer
		h := &handlers{Server: &Server{NotFound: storeNotFound, Logger: slog.New(slog.NewTextHandler(&log, nil))}}
		status, msg := h.explain(httptest.NewRequest(http.MethodGet, "/", nil), tt.err)
		if status != tt.status {
			t.Errorf("%s: status %d, want %d", tt.name, status, tt.status)
		}
		if shown := msg == tt.err.Error(); shown != tt.shown {
			t.Errorf("%s: message %q, error text shown %v, want %v", tt.name, msg, shown, tt.shown)
		}
		if tt.loggedAs != "" && !strings.Contains(log.String(), "level="+tt.loggedAs) {
			t.Errorf("%s: not logged as %s: %q", tt.name, tt.loggedAs, log.String())
		}
		if tt.loggedAs == "" && log.Len() > 0 {
			t.Errorf("%s: logged: %q", tt.name, log.String())
		}
	}
}
