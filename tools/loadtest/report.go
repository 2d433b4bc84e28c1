package main

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
)

// Targets of the issue: page and search p99, server memory.
const (
	targetP99 = 300 * time.Millisecond
	targetRSS = 500 << 20
)

// lostData counts drafts whose stored run lacks what the user was shown.
type lostData struct {
	runs     int // drafts without a stored run
	sections int // sections shown as written but stored otherwise
}

// runGetter reads a stored run: what both stores offer.
type runGetter interface {
	GetRun(ctx context.Context, id int64) (draft.Run, error)
	Close() error
}

// openDB opens the database setting: a postgres:// URL or a SQLite file.
func openDB(setting string) (runGetter, error) {
	if postgres.IsDSN(setting) {
		return postgres.Open(setting)
	}
	return store.Open(setting)
}

// engineName names the store of a database setting, without a password.
func engineName(setting string) string {
	if postgres.IsDSN(setting) {
		return "PostgreSQL"
	}
	return "SQLite"
}

// compareRuns reads every draft's run from the database setting and counts
// what the user saw that the run does not hold.
func compareRuns(ctx context.Context, setting string, drafts []draftMade) (lostData, error) {
	db, err := openDB(setting)
	if err != nil {
		return lostData{}, fmt.Errorf("打开数据库核对草稿记录: %w", err)
	}
	defer db.Close()
	var lost lostData
	for _, d := range drafts {
		if d.runID == 0 {
			lost.runs++
			continue
		}
		run, err := db.GetRun(ctx, d.runID)
		if err != nil {
			lost.runs++
			continue
		}
		for i, text := range d.sections {
			if i >= len(run.Sections) || run.Sections[i].Status != "done" || run.Sections[i].Text != text {
				lost.sections++
			}
		}
	}
	return lost, nil
}

// report prints the figures and says whether the load passed: no errors
// and no lost run data (the latency and memory targets are reported).
func report(r *results, lost lostData, hwm int64) bool {
	fmt.Printf("\n动作 %d 次，草稿 %d 篇\n", r.actions, len(r.drafts))
	names := make([]string, 0, len(r.times))
	for k := range r.times {
		names = append(names, k)
	}
	sort.Strings(names)
	var pages []time.Duration
	for _, k := range names {
		fmt.Printf("  %-26s %s\n", k, summary(r.times[k]))
		if strings.HasPrefix(k, "page ") {
			pages = append(pages, r.times[k]...)
		}
	}
	pageP99, searchP99 := percentile(pages, 99), percentile(r.times["search"], 99)
	errors := 0
	for _, n := range r.errors {
		errors += n
	}
	fmt.Printf("\n页面（全部 GET 页面）%s  %s\n", summary(pages), verdict(pageP99 <= targetP99))
	fmt.Printf("检索 %s  %s\n", summary(r.times["search"]), verdict(searchP99 <= targetP99))
	fmt.Printf("服务器内存峰值（VmHWM）%.0f MB  %s\n", float64(hwm)/(1<<20), verdict(hwm <= targetRSS))
	fmt.Printf("错误 %d（其中 database is locked %d）  %s\n", errors, r.locked, verdict(errors == 0))
	keys := make([]string, 0, len(r.errors))
	for k := range r.errors {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("  %4d × %s\n", r.errors[k], k)
	}
	fmt.Printf("丢失的草稿记录：%d 篇无记录，%d 节与所见不符  %s\n", lost.runs, lost.sections, verdict(lost.runs+lost.sections == 0))
	return errors == 0 && lost.runs+lost.sections == 0
}

func verdict(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗ 未达标"
}

// summary is "n=… p50=… p99=… max=…" of ds.
func summary(ds []time.Duration) string {
	if len(ds) == 0 {
		return "n=0"
	}
	return fmt.Sprintf("n=%d p50=%s p99=%s max=%s", len(ds), ms(percentile(ds, 50)), ms(percentile(ds, 99)), ms(slices.Max(ds)))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0fms", float64(d)/float64(time.Millisecond)) }

// percentile is the p-th percentile of ds (nearest rank).
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i-1, 0)]
}
