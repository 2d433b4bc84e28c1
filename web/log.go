package web

import (
	"net/http"
	"strconv"
)

// logLimit is how many calls the 记录 page lists.
const logLimit = 100

// logPage lists the latest model calls.
func (h *handlers) logPage(w http.ResponseWriter, r *http.Request) {
	calls, err := h.Calls.Calls(r.Context(), logLimit)
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
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "call", page{Title: "调用记录 " + strconv.FormatInt(id, 10), Nav: "log", Data: c})
}
