package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/zongjie/zongjie/errkind"
)

// Messages shown for errors whose own text stays in the log.
const (
	internalMessage    = "服务器出错，请稍后再试；详情已记入服务器日志。"
	unavailableMessage = "模型服务没有回答或拒绝了请求，请稍后再试，或请管理员用 zongjie config check 检查模型配置。"
)

// kindOf is the kind of err; the store's not-found error given in
// Server.NotFound counts as NotFound even without a kind.
func (h *handlers) kindOf(err error) errkind.Kind {
	if h.NotFound != nil && errors.Is(err, h.NotFound) {
		return errkind.NotFound
	}
	return errkind.Of(err)
}

// statusOf maps an error kind to an HTTP status: the one place the web
// interface does so.
func statusOf(k errkind.Kind) int {
	switch k {
	case errkind.NotFound:
		return http.StatusNotFound
	case errkind.Invalid:
		return http.StatusBadRequest
	case errkind.Conflict:
		return http.StatusConflict
	case errkind.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// explain returns the status and the message a page may show for err. The
// text of an error the user can act on (not found, invalid, conflict) is
// the domain's Chinese message and is shown; any other error is logged and
// shown in general words, never as its own text.
func (h *handlers) explain(r *http.Request, err error) (int, string) {
	k := h.kindOf(err)
	switch k {
	case errkind.NotFound, errkind.Invalid, errkind.Conflict:
		return statusOf(k), err.Error()
	case errkind.Unavailable:
		h.Logger.Warn("model", "path", r.URL.Path, "err", err)
		return statusOf(k), unavailableMessage
	}
	h.Logger.Error("handler", "path", r.URL.Path, "err", err)
	return statusOf(k), internalMessage
}

// fail shows err as an error page (see explain).
func (h *handlers) fail(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := h.explain(r, err)
	h.render(w, r, status, "error", page{Title: "出错了", Data: msg})
}

// failText answers err as plain text, for the page's scripts (see
// explain).
func (h *handlers) failText(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := h.explain(r, err)
	plainError(w, status, msg)
}

// invalidf is an error of kind Invalid: a form or path the user can
// correct.
func invalidf(format string, args ...any) error {
	return errkind.Mark(errkind.Invalid, fmt.Errorf(format, args...))
}

// notFoundf is an error of kind NotFound.
func notFoundf(format string, args ...any) error {
	return errkind.Mark(errkind.NotFound, fmt.Errorf(format, args...))
}
