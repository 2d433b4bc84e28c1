package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/convert"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/users"
	"github.com/zongjie/zongjie/web"
)

// serveIndexInterval is how often serve indexes sections that an
// interrupted ingest stored; with nothing pending that is one small read.
const serveIndexInterval = 30 * time.Second

func (a *app) serveCommand() *cobra.Command {
	var addr, token string
	cmd := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--token 口令]",
		Short: "启动网页界面（语料库、写总结、写计划、调用记录）",
		Long: `在浏览器中使用总结：浏览和检索语料库、上传报告、填写事实生成草稿（逐节显示）、由总结生成下期计划、下载 .md/.docx、查看模型调用记录。
默认只监听本机（127.0.0.1）。要让局域网中的其他电脑访问，请用 --addr 0.0.0.0:8080 并同时设置 --token，
之后每个请求都须带上口令（用打印出的网址打开即可）。
多人共用时用 zongjie user add 为每人生成个人口令：定义了用户之后，每个请求都须带上某人的个人口令，
各人的草稿互不可见，--token 不再适用。`,
		Example: `  zongjie serve
  zongjie serve --addr 127.0.0.1:9000
  zongjie serve --addr 0.0.0.0:8080 --token 一串不易猜到的字符`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if addr == "" {
				addr = a.cfg.Serve.Addr
			}
			db, err := a.openDB(ctx)
			if err != nil {
				return err
			}
			accounts := &users.Service{Store: db}
			personal, err := accounts.Enabled(ctx)
			if err != nil {
				return err
			}
			if personal && token != "" {
				return errSharedToken
			}
			// Drafts share the pools of example sections until the corpus changes.
			sections := &draft.SectionCache{Source: db}
			srv := &web.Server{
				Corpus: db, Calls: db, Runs: db, Parser: a.parser(), Files: convert.New(), Ingest: a.ingestService(db),
				Taxonomy: a.cfg.TaxonomyValue(),
				NewDrafter: func() (*draft.Service, error) {
					svc, _, err := a.draftService(false)
					if svc != nil {
						svc.Sections = sections
					}
					return svc, err
				},
				NewPlanner: func() (*draft.Planner, error) {
					p, err := a.planner(false)
					if p != nil {
						p.Sections = sections
					}
					return p, err
				},
				MaxUploadBytes: int64(max(a.cfg.Serve.MaxUploadMB, 1)) << 20,
				Token:          token,
				Users:          accounts,
				Addr:           addr,
				AllowedHosts:   a.cfg.Serve.AllowedHosts,
				NotFound:       store.ErrNotFound,
				Logger:         slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
			}
			// What an interrupted ingest stored becomes searchable without
			// restarting the server.
			indexing, stopIndexing := context.WithCancel(ctx)
			defer stopIndexing()
			go db.KeepIndexed(indexing, serveIndexInterval, func(err error) {
				srv.Logger.Warn("补建全文索引失败", "error", err)
			})
			return a.listen(ctx, srv, addr, token, personal)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "监听`地址`（默认取配置 serve.addr，即 127.0.0.1:8080）")
	cmd.Flags().StringVar(&token, "token", "", "访问`口令`：设置后每个请求都须带上")
	return cmd
}

// errSharedToken refuses --token when users are defined. The server would
// ignore it (personal tokens win, see web.Server.auth), and starting anyway
// would let whoever set it believe the shared token still opens the pages,
// or hand it around as if it did.
var errSharedToken = invalid("已定义用户（zongjie user list），网页版只接受各人的个人口令，--token 不再适用：请去掉 --token 后再启动")

// listen serves until ctx ends, then shuts down gracefully.
func (a *app) listen(ctx context.Context, srv *web.Server, addr, token string, personal bool) error {
	h, err := srv.Handler()
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("监听地址 %q 应为“主机:端口”，如 127.0.0.1:8080", addr)
	}
	if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && host != "localhost" && token == "" && !personal {
		fmt.Fprintln(a.stderr, "警告：监听的不是本机地址且未设置 --token，局域网中的任何人都能访问。"+
			"其他电脑须用 --addr 中的地址或 serve.allowed_hosts 中的主机名打开。")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("无法监听 %s: %w", addr, err)
	}
	// Requests share ctx, so Ctrl-C also stops drafts in progress (their
	// finished sections stay saved).
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	u := url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"}
	if token != "" {
		u.RawQuery = url.Values{"token": {token}}.Encode()
	}
	fmt.Fprintf(a.stdout, "总结网页界面已启动：%s\n按 Ctrl-C 停止。\n", u.String())
	if personal {
		fmt.Fprintf(a.stdout, "已定义用户：每人用自己的个人口令打开 %s?token=个人口令\n", u.String())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	fmt.Fprintln(a.stderr, "已停止。")
	return nil
}
