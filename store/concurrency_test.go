package store_test

// Concurrency with real processes on a real database file: the test binary
// runs itself as a helper process when helperEnv is set (see TestMain).

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/storetest"
)

// helperEnv names what the helper process does: "ingest N" stores N
// documents as the ingest command does (unindexed, indexed in batches);
// "save-forever" stores documents without ever indexing them, printing the
// term of each, until it is killed. helperDBEnv is the database file.
const (
	helperEnv   = "ZONGJIE_STORE_HELPER"
	helperDBEnv = "ZONGJIE_STORE_HELPER_DB"
)

// helperMain is the helper process; it returns the exit status.
func helperMain() int {
	ctx := context.Background()
	db, err := store.Open(os.Getenv(helperDBEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer db.Close()
	verb, arg, _ := strings.Cut(os.Getenv(helperEnv), " ")
	n, _ := strconv.Atoi(arg)
	if verb == "save-forever" {
		n = 1 << 30
	}
	for i := range n {
		doc := processDoc(os.Getpid(), i)
		p, err := store.Prepare("helper", "UTF-8", doc)
		if err == nil {
			_, _, err = db.SaveUnindexed(ctx, p)
		}
		if err == nil && verb == "ingest" && (i+1)%50 == 0 {
			_, err = db.IndexPending(ctx)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println(processTerm(os.Getpid(), i))
	}
	if _, err := db.IndexPending(ctx); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// processTerm is a phrase only document i of process pid contains.
func processTerm(pid, i int) string { return fmt.Sprintf("进程%d文档%d专项", pid, i) }

// processDoc is document i of process pid: three sections.
func processDoc(pid, i int) corpus.Document {
	d := corpus.Document{
		Title: fmt.Sprintf("第%d号县教育局工作总结", i), Org: "某县教育局", Year: 2024,
		Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
		Sections: []corpus.Section{
			{ID: "1", Level: 1, Marker: "一、", Heading: "加强党建工作", Part: corpus.PartSummary, Category: "党建",
				Text: fmt.Sprintf("全面加强学校基层党组织建设，%s，党组织覆盖学校%d所。", processTerm(pid, i), i%90+3)},
			{ID: "2", Level: 1, Marker: "二、", Heading: "师资队伍建设", Part: corpus.PartSummary, Category: "师资",
				Text: fmt.Sprintf("招聘特岗教师%d名，开展教师全员培训。", i%70+10)},
			{ID: "3", Level: 1, Marker: "三、", Heading: "学生资助", Part: corpus.PartSummary, Category: "扶贫",
				Text: "落实学生资助政策，做到应助尽助。"},
		},
	}
	d.Text = storetest.DocText(d)
	return d
}

// startHelper starts the helper process doing what on the database at path.
func startHelper(t *testing.T, path, what string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), helperEnv+"="+what, helperDBEnv+"="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() && stderr.Len() > 0 {
			t.Logf("helper %q stderr: %s", what, stderr.String())
		}
	})
	return cmd, bufio.NewScanner(out)
}

// webLoad is what the web page writes while people draft: users runs at
// once, each created with sections sections, then every section logged as
// a model call and saved as done. It returns the run ids and the errors.
func webLoad(ctx context.Context, db *store.DB, users, sections int) ([]int64, []error) {
	var mu sync.Mutex
	var ids []int64
	var errs []error
	fail := func(err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
	var wg sync.WaitGroup
	for u := range users {
		wg.Go(func() {
			run := draft.Run{Title: fmt.Sprintf("用户%d的草稿", u), Mode: "llm", Template: draft.Template{}}
			for s := range sections {
				run.Sections = append(run.Sections, draft.RunSection{Seq: s, Level: 1, Heading: fmt.Sprintf("第%d节", s), Write: true, Status: draft.StatusPending})
			}
			id, err := db.CreateRun(ctx, run)
			if err != nil {
				fail(err)
				return
			}
			mu.Lock()
			ids = append(ids, id)
			mu.Unlock()
			var inner sync.WaitGroup
			for _, s := range run.Sections {
				inner.Go(func() {
					if _, err := db.LogCall(ctx, draft.Call{Purpose: fmt.Sprintf("run%d:%d", id, s.Seq), Model: "fake", Prompt: "写", Response: "好", CreatedAt: time.Now()}); err != nil {
						fail(err)
					}
					s.Status, s.Text = draft.StatusDone, fmt.Sprintf("草稿%d第%d节正文。", id, s.Seq)
					if err := db.SaveRunSection(ctx, id, s); err != nil {
						fail(err)
					}
				})
			}
			inner.Wait()
		})
	}
	wg.Wait()
	return ids, errs
}

// checkRuns fails unless every run of ids has all its sections done with
// their text, and the call log has a call per section.
func checkRuns(t *testing.T, db *store.DB, ids []int64, sections int) {
	t.Helper()
	ctx := context.Background()
	lost := 0
	for _, id := range ids {
		r, err := db.GetRun(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range r.Sections {
			if s.Status != draft.StatusDone || s.Text != fmt.Sprintf("草稿%d第%d节正文。", id, s.Seq) {
				lost++
			}
		}
		if len(r.Sections) != sections {
			lost += sections - len(r.Sections)
		}
	}
	calls, err := db.Calls(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if lost > 0 || len(calls) != len(ids)*sections {
		t.Errorf("%d of %d run sections lost; %d calls logged, want %d", lost, len(ids)*sections, len(calls), len(ids)*sections)
	}
}

// TestWebWritesWhileProcessesIngest runs the web page's writes (50 drafts
// of 7 sections saving sections and logging calls) and searches in this
// process while three other processes ingest into the same file: no error
// anywhere and no lost row.
func TestWebWritesWhileProcessesIngest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	ctx := context.Background()
	const docs = 200
	var helpers []*exec.Cmd
	var last []string
	var mu sync.Mutex
	var readers sync.WaitGroup
	for range 3 {
		cmd, out := startHelper(t, path, fmt.Sprintf("ingest %d", docs))
		helpers = append(helpers, cmd)
		readers.Go(func() {
			term := ""
			for out.Scan() {
				term = out.Text()
			}
			mu.Lock()
			last = append(last, term)
			mu.Unlock()
		})
	}
	var searchErrs atomic.Int64
	stop := make(chan struct{})
	var searchers sync.WaitGroup
	for range 4 {
		searchers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Search(ctx, corpus.SearchQuery{Text: "特岗教师"}); err != nil {
					searchErrs.Add(1)
					t.Error(err)
				}
			}
		})
	}
	ids, errs := webLoad(ctx, db, 50, 7)
	for _, cmd := range helpers {
		if err := cmd.Wait(); err != nil {
			t.Errorf("ingest process: %v", err)
		}
	}
	readers.Wait()
	close(stop)
	searchers.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	checkRuns(t, db, ids, 7)
	if n, err := db.CountDocuments(ctx); err != nil || n != 3*docs {
		t.Errorf("%d documents stored, %v; want %d", n, err, 3*docs)
	}
	for _, term := range last {
		if hits, err := db.Search(ctx, corpus.SearchQuery{Text: term}); err != nil || len(hits) != 1 {
			t.Errorf("Search(%q) = %d hits, %v; want the last document of its ingest", term, len(hits), err)
		}
	}
}

// TestKeepIndexedFindsWhatAKilledIngestStored kills a process that stores
// documents without indexing them; a store that was already open (as
// `serve` has it) indexes them, without being opened again.
func TestKeepIndexedFindsWhatAKilledIngestStored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.KeepIndexed(ctx, 20*time.Millisecond, func(err error) { t.Error(err) })
	}()
	defer func() { cancel(); <-done }()

	cmd, out := startHelper(t, path, "save-forever")
	var term string
	for i := 0; i < 30 && out.Scan(); i++ {
		term = out.Text()
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	for out.Scan() {
		term = out.Text() // printed after it was stored
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		hits, err := db.Search(context.Background(), corpus.SearchQuery{Text: term})
		if err != nil {
			t.Fatal(err)
		}
		lags, err := db.IndexLags(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 1 && !lags {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Search(%q) = %d hits, index lags %v, 5 s after the ingest was killed", term, len(hits), lags)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkConcurrentWrites measures the web page's writes (50 drafts at
// once, see webLoad) while 4 goroutines read examples (Sections) as drafting
// does, with writer pools of 1, 8 and 16 connections. With more than one,
// this process's writers meet at SQLite's lock and wait by polling it (the
// busy timeout); with one they queue in Go and commit back to back.
func BenchmarkConcurrentWrites(b *testing.B) {
	for _, writers := range []int{1, 8, 16} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			db, err := store.OpenWithWriters(filepath.Join(b.TempDir(), "zongjie.db"), writers)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			var docs []corpus.Document
			for i := range 300 {
				docs = append(docs, processDoc(0, i))
			}
			if err := db.BulkSave(ctx, "bench", docs); err != nil {
				b.Fatal(err)
			}
			failed := 0
			var reads atomic.Int64
			stop := make(chan struct{})
			var readers sync.WaitGroup
			b.ResetTimer()
			for range 4 {
				readers.Go(func() {
					for {
						select {
						case <-stop:
							return
						default:
						}
						if _, err := db.Sections(ctx, "党建", "", 0); err != nil {
							b.Error(err)
						}
						reads.Add(1)
					}
				})
			}
			for range b.N {
				_, errs := webLoad(ctx, db, 50, 7)
				failed += len(errs)
			}
			close(stop)
			readers.Wait()
			b.ReportMetric(float64(b.N*50*(1+2*7))/b.Elapsed().Seconds(), "writes/s")
			b.ReportMetric(float64(reads.Load())/b.Elapsed().Seconds(), "reads/s")
			b.ReportMetric(float64(failed), "errors")
		})
	}
}

// holdWriteLock takes the database's write lock on a connection of its own
// (as another process would) and releases it after d, or at cleanup.
func holdWriteLock(t *testing.T, path string, d time.Duration) {
	t.Helper()
	raw := rawDB(t, path)
	conn, err := raw.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	release := sync.OnceFunc(func() {
		conn.ExecContext(context.Background(), `ROLLBACK`)
		conn.Close()
	})
	time.AfterFunc(d, release)
	t.Cleanup(release)
}

// TestReadersNeverNeedTheWriteLock opens a store and reads from it while
// another connection holds the write lock for longer than the test waits:
// opening an up-to-date database and reading take no write lock.
func TestReadersNeverNeedTheWriteLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	storetest.MustSave(t, db, storetest.Fixtures()...)
	db.Close()

	holdWriteLock(t, path, time.Minute)
	start := time.Now()
	db = mustOpenAt(t, path)
	ctx := context.Background()
	if hits, err := db.Search(ctx, corpus.SearchQuery{Text: "党建"}); err != nil || len(hits) == 0 {
		t.Errorf("Search = %d hits, %v", len(hits), err)
	}
	if _, err := db.Documents(ctx); err != nil {
		t.Error(err)
	}
	if n, err := db.IndexPending(ctx); err != nil || n != 0 {
		t.Errorf("IndexPending with nothing pending = %d, %v", n, err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("reads took %v while another connection held the write lock", took)
	}
}

// TestWritersWaitForTheWriteLock has another connection hold the write lock
// for a moment: a write waits for it instead of failing with "database is
// locked", and so does opening a database with sections to index.
func TestWritersWaitForTheWriteLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zongjie.db")
	db := mustOpenAt(t, path)
	ctx := context.Background()
	p, err := store.Prepare("test", "UTF-8", storetest.Fixtures()[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.SaveUnindexed(ctx, p); err != nil {
		t.Fatal(err)
	}

	const hold = 300 * time.Millisecond
	holdWriteLock(t, path, hold)
	start := time.Now()
	other := mustOpenAt(t, path) // indexes the pending sections: waits
	if _, err := db.LogCall(ctx, draft.Call{Purpose: "test", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < hold/2 {
		t.Errorf("the writes did not wait for the lock (%v)", took)
	}
	if lags, err := other.IndexLags(ctx); err != nil || lags {
		t.Errorf("after Open: index lags %v, %v", lags, err)
	}
}
