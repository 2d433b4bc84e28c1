package web

import (
	"net/http"
	"strings"
)

// tokenPage is what a browser without the access word (口令, the README's
// term for --token) sees: a field to type it. The form sends it as
// ?token=…, which sets the session cookie. Self-contained, since the
// stylesheet is behind the same check.
const tokenPage = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>需要访问口令 · 总结</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.4rem; }
label { display: block; margin: 1.5rem 0 .4rem; }
input { font-size: 1rem; padding: .4rem; width: 100%; box-sizing: border-box; }
button { margin-top: 1rem; font-size: 1rem; padding: .4rem 1.2rem; }
.wrong { color: #b00020; }
</style>
</head>
<body>
<h1>需要访问口令</h1>
<!--why-->
<!--wrong-->
<form method="get">
<label for="token">访问口令</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">进入</button>
</form>
</body>
</html>
`

// Why an access word is asked for: the single --token, or personal tokens.
const (
	whySharedToken   = `<p>这个总结网页设置了访问口令（启动时的 <code>zongjie serve --token 口令</code>）。请输入口令，或直接打开启动时打印的完整网址（含 <code>?token=…</code>）。</p>`
	whyPersonalToken = `<p>这个总结网页分用户使用。请输入管理员用 <code>zongjie user add</code> 为您生成的个人口令（以 <code>zj_</code> 开头）；每人的草稿只有自己能看到。</p>`
)

// askToken answers a request without a valid access word: the form page
// for browsers, a line of text for other clients. personal says that a
// personal token is wanted rather than the single --token.
func askToken(w http.ResponseWriter, r *http.Request, personal bool) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="zongjie"`)
	if !strings.Contains(r.Header.Get("Accept"), "text/html") {
		msg := "需要访问口令：请使用启动 zongjie serve 时打印的完整网址（含 ?token=…）打开本页，或在请求头中带上 Authorization: Bearer 口令。"
		if personal {
			msg = "需要个人口令：请用 ?token=个人口令 打开本页，或在请求头中带上 Authorization: Bearer 个人口令（口令由 zongjie user add 生成）。"
		}
		plainError(w, http.StatusUnauthorized, msg)
		return
	}
	why := whySharedToken
	if personal {
		why = whyPersonalToken
	}
	page := strings.Replace(tokenPage, "<!--why-->", why, 1)
	if r.URL.Query().Get("token") != "" {
		page = strings.Replace(page, "<!--wrong-->", `<p class="wrong">口令不对，请重新输入。</p>`, 1)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	_, _ = w.Write([]byte(page))
}
