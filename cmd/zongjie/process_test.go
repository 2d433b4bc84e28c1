package main

// Concurrency tests with real processes on a real database file: the test
// binary runs itself as the zongjie command when cliEnv is set (TestMain),
// so no separate build is needed.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// cliEnv makes the test binary behave as the zongjie command.
const cliEnv = "ZONGJIE_TEST_RUN_AS_CLI"

func TestMain(m *testing.M) {
	if os.Getenv(cliEnv) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// cliCmd returns the zongjie command line args as a child process, with the
// test's environment (see newEnv).
func cliCmd(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), cliEnv+"=1")
	return cmd
}

// procResult is a finished child process.
type procResult struct {
	args           []string
	err            error
	stdout, stderr string
}

func (r procResult) String() string {
	return fmt.Sprintf("zongjie %s: %v\n--- stdout ---\n%s\n--- stderr ---\n%s",
		strings.Join(r.args, " "), r.err, clip(r.stdout), clip(r.stderr))
}

// runCLI runs zongjie as a child process and waits for it.
func runCLI(ctx context.Context, args ...string) procResult {
	cmd := cliCmd(ctx, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return procResult{args, err, out.String(), errb.String()}
}

// writeReports writes n small reports, numbered from first, into dir. Each
// is a new document (its county is numbered) with three sections; report i
// mentions the term reportTerm(i).
func writeReports(t testing.TB, dir string, first, n int) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := first; i < first+n; i++ {
		text := fmt.Sprintf(`第%d号县教育局2024年工作总结
一、党建工作
全面加强党的建设，新发展党员%d名，组织专题学习%d次，%s。
二、师资队伍建设
招聘特岗教师%d名，培训教师%d人次，师德师风建设持续加强。
三、学生资助
落实学生资助政策，资助家庭经济困难学生%d人，发放资助金%d万元。
`, i, i%17+1, i%9+2, reportTerm(i), i%80+10, i%500+100, i%300+50, i%90+5)
		path := filepath.Join(dir, fmt.Sprintf("r%05d.txt", i))
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// reportTerm is a phrase only report i contains.
func reportTerm(i int) string {
	return fmt.Sprintf("编号%d专项行动", i)
}

// searchLoop runs `zongjie search` in a loop until stop is closed and
// returns how many searches ran and the failed ones.
func searchLoop(ctx context.Context, db string, stop <-chan struct{}) (runs int, failed []procResult) {
	for {
		select {
		case <-stop:
			return runs, failed
		default:
		}
		r := runCLI(ctx, "--db", db, "search", "特岗教师", "--json")
		runs++
		if r.err != nil || strings.Contains(r.stderr, "locked") {
			failed = append(failed, r)
		}
	}
}

// ingestWhileSearching ingests reports reports into a new database while
// searchers processes search it in a loop; every process must succeed.
func ingestWhileSearching(t *testing.T, reports, searchers int) {
	e := newEnv(t)
	dir := writeReports(t, e.path("big"), 0, reports)
	db := e.path("zongjie.db")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	runs := 0
	var failed []procResult
	for range searchers {
		wg.Go(func() {
			n, f := searchLoop(ctx, db, stop)
			mu.Lock()
			runs += n
			failed = append(failed, f...)
			mu.Unlock()
		})
	}
	start := time.Now()
	ing := runCLI(ctx, "--db", db, "ingest", dir)
	took := time.Since(start)
	close(stop)
	wg.Wait()

	if ing.err != nil || !strings.Contains(ing.stdout, fmt.Sprintf("新增 %d 篇，重复 0 篇，失败 0 个文件", reports)) {
		t.Errorf("ingest failed: %s", ing)
	}
	for i, f := range failed {
		if i == 3 {
			t.Errorf("… %d failed searches in all", len(failed))
			break
		}
		t.Errorf("search failed: %s", f)
	}
	t.Logf("ingest of %d reports: %.1f s (%.0f docs/s) while %d processes ran %d searches, %d failed",
		reports, took.Seconds(), float64(reports)/took.Seconds(), searchers, runs, len(failed))
	if runs < searchers {
		t.Errorf("only %d searches ran", runs)
	}
	// Everything ingested is searchable.
	r := runCLI(ctx, "--db", db, "search", reportTerm(reports-1), "--json")
	if r.err != nil || !strings.Contains(r.stdout, reportTerm(reports-1)) {
		t.Errorf("the last report is not found: %s", r)
	}
}

// TestIngestWhileSearching is issue 13's proof: an ingest of 1,500 reports
// while 5 processes search in a loop, with no error on either side (before,
// "database is locked" at the searches' open).
func TestIngestWhileSearching(t *testing.T) {
	reports := 1500
	if testing.Short() {
		reports = 300
	}
	ingestWhileSearching(t, reports, 5)
}

// TestTwoIngests runs two ingests on one database at once, overlapping in
// 100 reports: both succeed and every report is stored once.
func TestTwoIngests(t *testing.T) {
	e := newEnv(t)
	a := writeReports(t, e.path("a"), 0, 300)
	b := writeReports(t, e.path("b"), 200, 300)
	db := e.path("zongjie.db")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	results := make([]procResult, 2)
	var wg sync.WaitGroup
	for i, dir := range []string{a, b} {
		wg.Go(func() { results[i] = runCLI(ctx, "--db", db, "ingest", "--json", dir) })
	}
	wg.Wait()
	added := 0
	for _, r := range results {
		var sum ingestSummary
		if r.err != nil || jsonUnmarshal(r.stdout, &sum) != nil || len(sum.Failed) > 0 {
			t.Fatalf("ingest failed: %s", r)
		}
		if sum.Added+sum.Duplicates != 300 {
			t.Errorf("ingest reported %d added and %d duplicates of 300: %s", sum.Added, sum.Duplicates, r)
		}
		added += sum.Added
	}
	if added != 500 {
		t.Errorf("the two ingests added %d reports; want 500", added)
	}
	docs := runCLI(ctx, "--db", db, "docs", "--json")
	var rows []docJSON
	if docs.err != nil || jsonUnmarshal(docs.stdout, &rows) != nil {
		t.Fatalf("docs: %s", docs)
	}
	if want := 500 + starterCount(t); len(rows) != want {
		t.Errorf("%d documents stored; want %d", len(rows), want)
	}
}

// TestConcurrentCreate has several processes open a database that does not
// exist yet at the same moment: one creates it, the others wait and find the
// finished schema and the starter reports loaded once.
func TestConcurrentCreate(t *testing.T) {
	e := newEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for round := range 5 {
		db := e.path(fmt.Sprintf("new%d/zongjie.db", round))
		results := make([]procResult, 4)
		var wg sync.WaitGroup
		for i := range results {
			args := []string{"--db", db, "docs", "--json"}
			if i%2 == 1 {
				args = []string{"--db", db, "search", "党建", "--json"}
			}
			wg.Go(func() { results[i] = runCLI(ctx, args...) })
		}
		wg.Wait()
		for _, r := range results {
			if r.err != nil {
				t.Errorf("round %d: %s", round, r)
			}
		}
		docs := runCLI(ctx, "--db", db, "docs", "--json")
		var rows []docJSON
		if docs.err != nil || jsonUnmarshal(docs.stdout, &rows) != nil {
			t.Fatalf("docs: %s", docs)
		}
		if len(rows) != starterCount(t) {
			t.Errorf("round %d: %d documents; want the %d starter reports once", round, len(rows), starterCount(t))
		}
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// starterCount is how many documents the starter corpus loads into a new
// database.
func starterCount(t *testing.T) int {
	t.Helper()
	starterOnce.Do(func() {
		var out, errb bytes.Buffer
		db := filepath.Join(t.TempDir(), "starter.db")
		if run(context.Background(), []string{"--db", db, "docs", "--json"}, strings.NewReader(""), &out, &errb) != 0 {
			t.Fatalf("docs: %s", errb.String())
		}
		var rows []docJSON
		if err := jsonUnmarshal(out.String(), &rows); err != nil {
			t.Fatal(err)
		}
		starterN = len(rows)
	})
	return starterN
}

var (
	starterOnce sync.Once
	starterN    int
)
