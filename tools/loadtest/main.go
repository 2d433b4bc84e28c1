// Command loadtest puts `zongjie serve` under the load of an office: it
// writes a corpus of fictional reports (the starter reports with other
// county names), ingests it, starts the fake model (web/e2e/fakellm) and
// the server on loopback, and lets concurrent users open the corpus page,
// search, open reports, draft with the stream read to the end and download
// the .docx, for a fixed time. It then compares the stored runs with the
// drafts the users saw and prints errors, lost run data, latencies and the
// server's peak memory. Everything listens on 127.0.0.1 and stops with it.
//
//	go run -tags sqlite_fts5 ./tools/loadtest -reports 1500 -users 50 -duration 60s
//	go run -tags sqlite_fts5 ./tools/loadtest -db 'postgres://zongjie@/zongjie_load?host=/var/run/postgresql' -reports 2000
//
// -db (or ZONGJIE_LOADTEST_DB) names the database: by default a new SQLite
// file in the working directory; a postgres:// URL must name an empty
// database, which the run fills.
//
// It exits 1 when a request failed or run data was lost.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"
)

// options are the command's flags.
type options struct {
	reports    int
	users      int
	duration   time.Duration
	think      time.Duration
	chunkDelay time.Duration
	work       string
	keep       bool
	db         string
}

func main() {
	var o options
	flag.IntVar(&o.reports, "reports", 1500, "reports in the generated corpus")
	flag.IntVar(&o.users, "users", 50, "concurrent users")
	flag.DurationVar(&o.duration, "duration", 60*time.Second, "how long the users work")
	flag.DurationVar(&o.think, "think", 500*time.Millisecond, "mean pause of a user between two actions")
	flag.DurationVar(&o.chunkDelay, "chunk-delay", 40*time.Millisecond, "the fake model's pause between streamed pieces")
	flag.StringVar(&o.work, "work", "", "working directory (default: a new temporary one)")
	flag.BoolVar(&o.keep, "keep", false, "keep the working directory")
	flag.StringVar(&o.db, "db", os.Getenv("ZONGJIE_LOADTEST_DB"), "database: a postgres:// URL of an empty database, or \"\" for a new SQLite file in the working directory (env ZONGJIE_LOADTEST_DB)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ok, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

// run prepares, loads and reports; ok is false when the load saw errors or
// lost run data.
func run(ctx context.Context, o options) (bool, error) {
	if o.work == "" {
		dir, err := os.MkdirTemp("", "zongjie-load-")
		if err != nil {
			return false, err
		}
		o.work = dir
	}
	if !o.keep {
		defer os.RemoveAll(o.work)
	}
	bin, err := buildBinaries(ctx, o.work)
	if err != nil {
		return false, err
	}
	if o.db == "" {
		o.db = filepath.Join(o.work, "zongjie.db")
	}
	env := []string{"ZONGJIE_DB=" + o.db, "XDG_DATA_HOME=" + filepath.Join(o.work, "data"),
		"XDG_CONFIG_HOME=" + filepath.Join(o.work, "config"), "ZONGJIE_LLM_MODEL=fake-model", "ZONGJIE_LLM_API_KEY=sk-fake"}
	corpusDir := filepath.Join(o.work, "corpus")
	if err := writeCorpus(corpusDir, o.reports); err != nil {
		return false, err
	}
	started := time.Now()
	if err := ingest(ctx, bin.zongjie, env, corpusDir); err != nil {
		return false, err
	}
	fmt.Printf("语料：%d 篇报告，导入用时 %.1f 秒，数据库 %s\n", o.reports, time.Since(started).Seconds(), engineName(o.db))

	model, modelURL, err := startProcess(ctx, bin.fakellm, nil, `FAKE_LLM_URL=(\S+)`, "-addr", "127.0.0.1:0", "-chunk-delay", o.chunkDelay.String())
	if err != nil {
		return false, err
	}
	defer model.stop()
	env = append(env, "ZONGJIE_LLM_BASE_URL="+modelURL)
	server, serverURL, err := startProcess(ctx, bin.zongjie, env, `(http://127\.0\.0\.1:\d+)/`, "serve", "--addr", "127.0.0.1:0")
	if err != nil {
		return false, err
	}
	defer server.stop()
	fmt.Printf("服务：%s（模型 %s），%d 个用户，%s，平均间隔 %s\n", serverURL, modelURL, o.users, o.duration, o.think)

	res := load(ctx, serverURL, o)
	hwm, err := peakRSS(server.cmd.Process.Pid)
	if err != nil {
		return false, err
	}
	server.stop()
	lost, err := compareRuns(ctx, o.db, res.drafts)
	if err != nil {
		return false, err
	}
	return report(res, lost, hwm), nil
}
