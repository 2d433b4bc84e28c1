package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// logLimit is how many calls the 记录 page lists.
const logLimit = 100

// logPage lists the latest model calls.
func (h *handlers) logPage(w http.ResponseWriter, r *http.Request) {
	calls, err := h.calls(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "log", page{Title: "模型调用记录", Nav: "log", Data: calls})
}

// callPage shows one call with its prompt and answer.
func (h *handlers) callPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	c, err := h.Calls.Call(r.Context(), id)
	if owner, all := users.CallsOf(r.Context()); err == nil && !all && c.UserID != owner {
		err = notFoundf("没有编号为 %d 的调用记录", id) // like a missing one: ids cannot be probed
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "call", page{Title: "调用记录 " + strconv.FormatInt(id, 10), Nav: "log", Data: c})
}

// calls are the latest calls the acting user may read: their own, or all
// for admins and without users.
func (h *handlers) calls(ctx context.Context) ([]draft.Call, error) {
	if owner, all := users.CallsOf(ctx); !all {
		return h.Calls.CallsBy(ctx, owner, logLimit)
	}
	return h.Calls.Calls(ctx, logLimit)
}
