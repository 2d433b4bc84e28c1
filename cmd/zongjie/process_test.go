package main

// Concurrency tests with real processes on a real database file: the test
// binary runs itself as the zongjie command when cliEnv is set (TestMain),
// so no separate build is needed.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm/llmtest"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
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
	pgtest.Main(m) // stops the PostgreSQL cluster that tests may have started
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
// returns how long each search process took and the failed ones.
func searchLoop(ctx context.Context, db string, stop <-chan struct{}) (took []time.Duration, failed []procResult) {
	for {
		select {
		case <-stop:
			return took, failed
		default:
		}
		start := time.Now()
		r := runCLI(ctx, "--db", db, "search", "特岗教师", "--json")
		took = append(took, time.Since(start))
		if r.err != nil || strings.Contains(r.stderr, "locked") {
			failed = append(failed, r)
		}
	}
}

// percentile returns the p-th percentile (0–100) of ds, which it sorts.
func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[(len(ds)-1)*p/100]
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
	var took []time.Duration
	var failed []procResult
	for range searchers {
		wg.Go(func() {
			d, f := searchLoop(ctx, db, stop)
			mu.Lock()
			took = append(took, d...)
			failed = append(failed, f...)
			mu.Unlock()
		})
	}
	start := time.Now()
	ing := runCLI(ctx, "--db", db, "ingest", dir)
	ingestTook := time.Since(start)
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
	t.Logf("ingest of %d reports: %.1f s (%.0f docs/s) while %d processes ran %d searches (each process p50 %v, p99 %v), %d failed",
		reports, ingestTook.Seconds(), float64(reports)/ingestTook.Seconds(), searchers, len(took),
		percentile(took, 50).Round(time.Millisecond), percentile(took, 99).Round(time.Millisecond), len(failed))
	if len(took) < searchers {
		t.Errorf("only %d searches ran", len(took))
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

// startServe starts `zongjie serve` on a free loopback port and returns its
// address; the server is stopped (SIGTERM) at cleanup.
func startServe(t *testing.T, db string) string {
	t.Helper()
	cmd := cliCmd(context.Background(), "--db", db, "serve", "--addr", "127.0.0.1:0")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
		if strings.Contains(errb.String(), "locked") || t.Failed() {
			t.Errorf("serve stderr:\n%s", clip(errb.String()))
		}
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	addr := serveURL.FindString(line)
	if addr == "" {
		t.Fatalf("serve did not start: %q %v\n%s", line, err, errb.String())
	}
	return addr
}

var serveURL = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// postDraft posts the draft form as the page does and returns the event
// stream, or why it failed.
func postDraft(ctx context.Context, base string, user int) (string, error) {
	form := url.Values{
		"org": {fmt.Sprintf("第%d号县教育局", user)}, "year": {"2024"}, "period": {"annual"}, "doc": {"summary"},
		"template": {"1"}, // a starter report; without one every document is loaded (issue 13 item 3)
		"facts-党建": {"新发展党员9人"}, "facts-师资": {"招聘特岗教师72名"}, "facts-安全": {"整改隐患86处"},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/draft", strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK || strings.Contains(string(body), "event: error") || !strings.Contains(string(body), "event: result") {
		return "", fmt.Errorf("POST /draft: %d\n%s", resp.StatusCode, clip(string(body)))
	}
	return string(body), nil
}

// TestServeUnderLoadWhileIngesting is issue 13's item 2 end to end: 50
// users draft at once through `zongjie serve` (a fake model answering), in
// two rounds, while `zongjie ingest` stores 600 reports into the same file:
// every draft succeeds and every section of every run is stored.
func TestServeUnderLoadWhileIngesting(t *testing.T) {
	w := newLLMWorld(t, llmtest.WithReply(fakeModel(nil)), llmtest.WithKey(testKey))
	db := w.path("zongjie.db")
	mustZJ(t, "--db", db, "docs") // a database with the starter reports
	base := startServe(t, db)
	dir := writeReports(t, w.path("big"), 0, 600)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	start := time.Now()
	ingestDone := make(chan procResult, 1)
	var ingestTook time.Duration
	go func() {
		r := runCLI(ctx, "--db", db, "ingest", dir)
		ingestTook = time.Since(start)
		ingestDone <- r
	}()
	const users, rounds = 50, 2
	var mu sync.Mutex
	var failed []error
	var wg sync.WaitGroup
	for u := range users {
		wg.Go(func() {
			for range rounds {
				if _, err := postDraft(ctx, base, u); err != nil {
					mu.Lock()
					failed = append(failed, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	drafted := time.Since(start)
	if ing := <-ingestDone; ing.err != nil {
		t.Errorf("ingest: %s", ing)
	}
	t.Logf("%d drafts by %d users: %.1f s; ingest of 600 reports: %.1f s", users*rounds, users, drafted.Seconds(), ingestTook.Seconds())
	for i, err := range failed {
		if i == 3 {
			break
		}
		t.Error(err)
	}
	if len(failed) > 0 {
		t.Fatalf("%d of %d drafts failed", len(failed), users*rounds)
	}
	checkStoredRuns(t, db, users*rounds)
}

// checkStoredRuns fails unless the database holds n runs whose sections to
// write are all done with text, and a logged call per model request.
func checkStoredRuns(t *testing.T, path string, n int) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	lost := 0
	for id := int64(1); id <= int64(n); id++ {
		r, err := db.GetRun(ctx, id)
		if err != nil {
			t.Fatalf("run %d: %v", id, err)
		}
		for _, s := range r.Sections {
			if s.Write && (s.Status != draft.StatusDone || s.Text == "") {
				lost++
			}
		}
	}
	if _, err := db.GetRun(ctx, int64(n+1)); err == nil {
		t.Errorf("more than %d runs stored", n)
	}
	calls, err := db.Calls(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if c.Error != "" {
			t.Errorf("call %d: %s", c.ID, c.Error)
			break
		}
	}
	if lost > 0 {
		t.Errorf("%d run sections not stored as done", lost)
	}
	t.Logf("%d runs, %d model calls logged", n, len(calls))
}
