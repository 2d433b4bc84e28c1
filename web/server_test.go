package web_test

// The web interface against a real SQLite file in t.TempDir() and the
// llmtest fake model: pages escape corpus text, the token is required, size
// limits answer 413, cross-origin posts are refused, drafts stream as
// server-sent events and download as .md and .docx.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/convert"
	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/llm"
	"github.com/zongjie/zongjie/llm/llmtest"
	"github.com/zongjie/zongjie/prompts"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/users"
	"github.com/zongjie/zongjie/web"
)

// TestMain stops the PostgreSQL cluster that the user tests may have started.
func TestMain(m *testing.M) { pgtest.Main(m) }

const (
	rawScript     = "<script>alert(1)</script>"
	escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"
)

// evilReport is a report whose title, heading and text carry a script tag.
const evilReport = rawScript + `岚湖县教育局2023年工作总结

2023年，全县教育系统坚持立德树人根本任务，各项工作取得新成效。现将有关情况总结如下。

一、加强党建` + rawScript + `引领
全年新发展党员8人` + rawScript + `，开展主题党日活动24次，党风廉政建设持续加强，基层党组织战斗堡垒作用进一步发挥。

二、加强师资队伍建设
招聘特岗教师72名，培训教师3100人次，师德师风建设扎实推进，教师队伍整体素质不断提升。
`

// testStore is what the tests and the server's wiring need of a store; both
// *store.DB (SQLite) and *postgres.DB have it.
type testStore interface {
	web.Corpus
	web.CallLog
	draft.RunStore
	draft.SectionSource
	ingest.Store[store.Prepared]
	users.Store
	SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (int64, bool, error)
	Documents(ctx context.Context) ([]corpus.DocumentRecord, error)
	LogCall(ctx context.Context, c draft.Call) (int64, error)
	Close() error
}

// engine opens an empty store for a test; dbPath is "" when it has no file.
type engine struct {
	name string
	open func(t *testing.T) (db testStore, dbPath string)
}

// sqliteEngine opens a SQLite file in t.TempDir().
var sqliteEngine = engine{"sqlite", func(t *testing.T) (testStore, string) {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "zongjie.db")
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	return db, dbPath
}}

// postgresEngine opens a database of its own in pgtest's cluster; the test
// skips where PostgreSQL is not installed.
var postgresEngine = engine{"postgres", func(t *testing.T) (testStore, string) {
	t.Helper()
	db, err := postgres.Open(pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	return db, ""
}}

// engines are the stores the user tests run on.
var engines = []engine{sqliteEngine, postgresEngine}

// eachEngine runs test as a subtest per engine.
func eachEngine(t *testing.T, test func(t *testing.T, e engine)) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) { test(t, e) })
	}
}

// fixture is a running server with its database and fake model.
type fixture struct {
	ts     *httptest.Server
	db     testStore
	dbPath string // the SQLite file, "" on PostgreSQL
	model  *llmtest.Server
	docID  int64
	call   int64
}

// echoWithInvented answers with the prompt's facts, except any holding
// "3100" (so one fact goes missing), plus an invented 9350人.
func echoWithInvented(extra string) func(llmtest.Request) llmtest.Reply {
	return func(req llmtest.Request) llmtest.Reply {
		msg := req.Last()
		if strings.Contains(msg, "总述段") {
			return llmtest.Reply{Text: "一年来，全县教育系统扎实推进各项工作。"}
		}
		var b strings.Builder
		b.WriteString(extra + "坚持问题导向，扎实推进各项工作。")
		facts := llmtest.Facts(msg)
		if llmtest.KindOf(msg) == llmtest.KindPlan {
			facts = llmtest.PlanTasks(msg)
		}
		for _, f := range facts {
			if !strings.Contains(f, "3100") {
				b.WriteString(f + "。")
			}
		}
		b.WriteString("全年另有师生9350人参加培训。")
		return llmtest.Reply{Text: b.String(), ChunkRunes: 3}
	}
}

func newFixture(t *testing.T, configure func(*web.Server)) *fixture {
	t.Helper()
	return newFixtureOn(t, sqliteEngine, configure)
}

// newFixtureOn is newFixture on the store of e.
func newFixtureOn(t *testing.T, e engine, configure func(*web.Server)) *fixture {
	t.Helper()
	ctx := context.Background()
	db, dbPath := e.open(t)
	t.Cleanup(func() { db.Close() })
	tax := corpus.DefaultTaxonomy()
	parser := corpus.NewParser(tax)
	res, err := parser.Parse("evil.txt", []byte(evilReport))
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{db: db, dbPath: dbPath}
	if f.docID, _, err = db.SaveDocument(ctx, "evil.txt", res.Encoding, res.Documents[0]); err != nil {
		t.Fatal(err)
	}
	// A logged call whose prompt quotes the report, as an example section would.
	if f.call, err = db.LogCall(ctx, draft.Call{Purpose: "section:党建", Model: "test", Prompt: "参考范文：" + evilReport,
		Response: rawScript + "回答", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	f.model = llmtest.NewServer(t, llmtest.WithReply(echoWithInvented("")))
	set, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	newClient := func() (*llm.Client, error) {
		cfg := llm.DefaultConfig()
		cfg.BaseURL, cfg.Model, cfg.APIKey = f.model.URL, "test", "sk-test"
		cfg.MinBackoff, cfg.MaxBackoff = time.Millisecond, 5*time.Millisecond
		return llm.New(cfg, db)
	}
	srv := &web.Server{
		Corpus: db, Calls: db, Runs: db, Parser: parser, Files: convert.New(), Taxonomy: tax, NotFound: store.ErrNotFound,
		Ingest: &ingest.Service[store.Prepared]{Store: db, Parser: parser, Reader: convert.New()},
		NewDrafter: func() (*draft.Service, error) {
			client, err := newClient()
			if err != nil {
				return nil, err
			}
			return &draft.Service{Sections: db, Runs: db, Completer: client, Prompts: set, Concurrency: 2,
				Fallback: tax.Fallback, Taxonomy: tax, Examples: draft.ExampleOptions{K: 2}}, nil
		},
		NewPlanner: func() (*draft.Planner, error) {
			client, err := newClient()
			if err != nil {
				return nil, err
			}
			return &draft.Planner{Sections: db, Completer: client, Prompts: set, Taxonomy: tax}, nil
		},
	}
	if configure != nil {
		configure(srv)
	}
	h, err := srv.Handler()
	if err != nil {
		t.Fatal(err)
	}
	f.ts = httptest.NewServer(h)
	t.Cleanup(f.ts.Close)
	return f
}

// get fetches a path and returns the status and body.
func (f *fixture) get(t *testing.T, path string, hdr ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, f.ts.URL+path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post sends a form from this server's own origin unless hdr says otherwise.
func (f *fixture) post(t *testing.T, path string, form url.Values, hdr ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", f.ts.URL)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestPagesEscapeCorpusText(t *testing.T) {
	f := newFixture(t, nil)
	pages := []string{
		"/",
		"/?q=" + url.QueryEscape("党员"),
		"/?q=" + url.QueryEscape("党员") + "&category=" + url.QueryEscape("党建") + "&part=summary",
		fmt.Sprintf("/docs/%d", f.docID),
		fmt.Sprintf("/docs/%d/tree", f.docID),
		"/draft",
		"/plan",
		fmt.Sprintf("/templates/preview?id=%d", f.docID),
		"/log",
		fmt.Sprintf("/log/%d", f.call),
	}
	for _, p := range pages {
		status, body := f.get(t, p)
		if status != http.StatusOK {
			t.Errorf("GET %s: status %d\n%s", p, status, body)
			continue
		}
		if strings.Contains(body, rawScript) {
			t.Errorf("GET %s: raw %s in the page", p, rawScript)
		}
		if !strings.Contains(body, escapedScript) {
			t.Errorf("GET %s: escaped %s missing", p, escapedScript)
		}
	}
	_, body := f.get(t, "/?q="+url.QueryEscape("党员"))
	if !strings.Contains(body, "<mark>党员</mark>") {
		t.Errorf("search hit not highlighted:\n%s", body)
	}
	if status, _ := f.get(t, "/docs/999"); status != http.StatusNotFound {
		t.Errorf("missing document: status %d, want 404", status)
	}
}

func TestTokenIsRequired(t *testing.T) {
	const token = "t0ken-abc"
	f := newFixture(t, func(s *web.Server) { s.Token = token })
	if status, body := f.get(t, "/"); status != http.StatusUnauthorized || !strings.Contains(body, "口令") {
		t.Errorf("no token: status %d %q, want 401 with a message", status, body)
	}
	if status, _ := f.get(t, "/", "Authorization", "Bearer wrong"); status != http.StatusUnauthorized {
		t.Errorf("wrong token: status %d, want 401", status)
	}
	if status, _ := f.get(t, "/static/app.css"); status != http.StatusUnauthorized {
		t.Errorf("static without token: status %d, want 401", status)
	}
	if status, _ := f.get(t, "/", "Authorization", "Bearer "+token); status != http.StatusOK {
		t.Errorf("bearer token: status %d, want 200", status)
	}

	// ?token= once sets an HttpOnly, SameSite=Strict cookie and redirects
	// to the address without the token.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(f.ts.URL + "/draft?token=" + token)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/draft" {
		t.Fatalf("?token=: status %d location %q, want 303 to /draft", resp.StatusCode, resp.Header.Get("Location"))
	}
	cookies := resp.Cookies()
	if len(cookies) != 1 || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode {
		t.Fatalf("cookie = %+v, want one HttpOnly SameSite=Strict cookie", cookies)
	}
	if strings.Contains(cookies[0].Value, token) {
		t.Errorf("cookie holds the token itself")
	}
	req, _ := http.NewRequest(http.MethodGet, f.ts.URL+"/log", nil)
	req.AddCookie(cookies[0])
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with cookie: status %d, want 200", resp.StatusCode)
	}
	if strings.Contains(string(body), token) {
		t.Errorf("the page shows the token")
	}
}

// multipartBody builds an upload form with the given files.
func multipartBody(t *testing.T, files map[string][]byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for name, data := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return &buf, mw.FormDataContentType()
}

func (f *fixture) upload(t *testing.T, files map[string][]byte) (int, string) {
	t.Helper()
	body, ct := multipartBody(t, files)
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+"/upload", body)
	req.Header.Set("Content-Type", ct)
	req.Header.Set("Origin", f.ts.URL)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestUploadReportsEachFile(t *testing.T) {
	f := newFixture(t, nil)
	report := strings.ReplaceAll(evilReport, rawScript, "")
	report = strings.ReplaceAll(report, "岚湖县", "青川县")
	report = strings.ReplaceAll(report, "师德师风建设", "银杏课堂项目")
	status, body := f.upload(t, map[string][]byte{
		"青川县2023年总结.txt": []byte(report),
		"重复.txt":         []byte(evilReport),
		"表格.xlsx":        []byte("PK\x03\x04"),
		"空白.md":          []byte("   \n"),
	})
	if status != http.StatusOK {
		t.Fatalf("upload: status %d\n%s", status, body)
	}
	for _, want := range []string{"青川县2023年总结.txt", "已导入 1 篇", "重复.txt", "重复</span>", "表格.xlsx", "不支持的文件类型", "空白.md", "失败"} {
		if !strings.Contains(body, want) {
			t.Errorf("upload results lack %q", want)
		}
	}
	if _, body := f.get(t, "/?q="+url.QueryEscape("银杏课堂")); !strings.Contains(body, "<mark>银杏课堂</mark>") || !strings.Contains(body, "青川县") {
		t.Errorf("uploaded report not found by search")
	}
}

func TestUploadReadsOldWordFilesLikeIngest(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice is not installed (apt-get install libreoffice-writer-nogui); .doc uploads are not tested")
	}
	doc, err := os.ReadFile("../convert/testdata/report.doc")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, nil)
	status, body := f.upload(t, map[string][]byte{"青溪县上半年总结.doc": doc})
	if status != http.StatusOK || !strings.Contains(body, "已导入 1 篇") || !strings.Contains(body, "青溪县教育局2024年上半年工作总结") {
		t.Errorf("upload of a .doc: status %d\n%s", status, body)
	}
	if !strings.Contains(body, `accept=".txt,.md,.docx,.doc,.wps,.rtf,.odt,.html,.htm,.pdf"`) {
		t.Errorf("the file input does not accept the formats ingest reads")
	}
}

func TestUploadOverTheLimitIs413(t *testing.T) {
	f := newFixture(t, func(s *web.Server) { s.MaxUploadBytes = 4 << 10 })
	status, body := f.upload(t, map[string][]byte{"大文件.txt": bytes.Repeat([]byte("教育"), 4<<10)})
	if status != http.StatusRequestEntityTooLarge || !strings.Contains(body, "超过大小限制（最多 4 KB）") {
		t.Errorf("status %d, want 413 with the limit named:\n%s", status, body)
	}
	if _, body := f.get(t, "/"); strings.Contains(body, "大文件") {
		t.Errorf("a refused upload left something behind")
	}
	resp := f.post(t, "/draft", url.Values{"org": {strings.Repeat("长", 1<<20)}})
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(msg), "超过大小限制") {
		t.Errorf("large form: status %d %q, want 413 with a message", resp.StatusCode, msg)
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	f := newFixture(t, nil)
	form := url.Values{"org": {"岚湖县教育局"}, "year": {"2024"}, "facts-党建": {"新发展党员9人"}}
	for _, hdr := range [][]string{
		{"Origin", "http://evil.example"},
		{"Origin", "", "Referer", "http://evil.example/page"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Origin", ""},
	} {
		if resp := f.post(t, "/draft", form, hdr...); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST with %q: status %d, want 403", hdr, resp.StatusCode)
		}
	}
	if f.model.Count() != 0 {
		t.Errorf("a refused request reached the model")
	}
	if status, _ := f.get(t, "/upload"); status != http.StatusMethodNotAllowed {
		t.Errorf("GET /upload: status %d, want 405", status)
	}
}

// event is one server-sent event.
type event struct {
	Name string
	Data json.RawMessage
}

func readEvents(t *testing.T, r io.Reader) []event {
	t.Helper()
	var out []event
	var cur event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			cur.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			cur.Data = json.RawMessage(strings.TrimPrefix(line, "data: "))
		case line == "" && cur.Name != "":
			out = append(out, cur)
			cur = event{}
		}
	}
	return out
}

type sectionData struct {
	I       int    `json:"i"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Write   bool   `json:"write"`
	Status  string `json:"status"`
}

type resultData struct {
	RunID    int64         `json:"run_id"`
	Title    string        `json:"title"`
	Markdown string        `json:"markdown"`
	Sections []sectionData `json:"sections"`
	Check    struct {
		OK          bool     `json:"ok"`
		Unsupported []string `json:"unsupported"`
		Missing     []string `json:"missing"`
	} `json:"check"`
}

// draft posts the facts form and returns its events and final result.
func (f *fixture) draft(t *testing.T) ([]event, resultData) {
	t.Helper()
	resp := f.post(t, "/draft", url.Values{
		"org": {"岚湖县教育局"}, "year": {"2024"}, "period": {"annual"}, "doc": {"summary"},
		"template":  {fmt.Sprint(f.docID)},
		"facts-党建":  {"新发展党员9人\n- 开展主题党日活动30次"},
		"facts-师资":  {"招聘特岗教师72名\n培训教师3100人次"},
		"facts-信息化": {"建成智慧课堂120间"},
	})
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST /draft: %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
	events := readEvents(t, resp.Body)
	if len(events) == 0 || events[len(events)-1].Name != "result" {
		t.Fatalf("stream does not end with a result: %v", events)
	}
	var res resultData
	if err := json.Unmarshal(events[len(events)-1].Data, &res); err != nil {
		t.Fatal(err)
	}
	return events, res
}

func TestDraftStreamsEverySectionThenTheResult(t *testing.T) {
	f := newFixture(t, nil)
	events, res := f.draft(t)
	if events[0].Name != "outline" {
		t.Fatalf("first event %q, want outline", events[0].Name)
	}
	var outline []sectionData
	if err := json.Unmarshal(events[0].Data, &outline); err != nil {
		t.Fatal(err)
	}
	seen := map[int]map[string]int{}
	for _, e := range events[1 : len(events)-1] {
		var d sectionData
		json.Unmarshal(e.Data, &d)
		if seen[d.I] == nil {
			seen[d.I] = map[string]int{}
		}
		seen[d.I][e.Name]++
	}
	written := 0
	for _, s := range outline {
		if !s.Write {
			continue
		}
		written++
		if ev := seen[s.I]; ev["start"] != 1 || ev["delta"] == 0 || ev["done"] != 1 {
			t.Errorf("section %d %s: events %v, want start, deltas, done", s.I, s.Heading, ev)
		}
	}
	if written != 3 {
		t.Errorf("%d sections written, want 3 (党建, 师资, 信息化): %+v", written, outline)
	}
	if res.RunID == 0 || !strings.Contains(res.Title, "岚湖县教育局2024年") {
		t.Errorf("result run %d title %q", res.RunID, res.Title)
	}
	if !strings.Contains(res.Markdown, "【待核实：") || !strings.Contains(res.Markdown, "9350人】") {
		t.Errorf("invented figure not marked:\n%s", res.Markdown)
	}
	if res.Check.OK || !strings.Contains(strings.Join(res.Check.Unsupported, " "), "9350") {
		t.Errorf("check unsupported = %q, want 9350", res.Check.Unsupported)
	}
	if !strings.Contains(strings.Join(res.Check.Missing, " "), "3100") {
		t.Errorf("check missing = %q, want 3100人次", res.Check.Missing)
	}
	if strings.Contains(res.Markdown, "- 开展") || !strings.Contains(res.Markdown, "开展主题党日活动30次") {
		t.Errorf("list marker not stripped from a fact:\n%s", res.Markdown)
	}

	// Rewrite one section: only it streams, and the run keeps the new text.
	target := -1
	for _, s := range res.Sections {
		if s.Write && strings.Contains(s.Text, "招聘特岗教师72名") {
			target = s.I
		}
	}
	if target < 0 {
		t.Fatalf("no 师资 section in %+v", res.Sections)
	}
	f.model.SetReply(echoWithInvented("重写后："))
	resp := f.post(t, fmt.Sprintf("/runs/%d/sections/%d/rewrite", res.RunID, target), nil)
	events = readEvents(t, resp.Body)
	if len(events) == 0 || events[len(events)-1].Name != "result" {
		t.Fatalf("rewrite stream: %v", events)
	}
	for _, e := range events[:len(events)-1] {
		var d sectionData
		json.Unmarshal(e.Data, &d)
		if d.I != target {
			t.Errorf("rewrite streamed section %d, want only %d", d.I, target)
		}
	}
	var after resultData
	json.Unmarshal(events[len(events)-1].Data, &after)
	for _, s := range after.Sections {
		if rewritten := strings.HasPrefix(s.Text, "重写后"); rewritten != (s.I == target) {
			t.Errorf("section %d rewritten=%v: %q", s.I, rewritten, s.Text)
		}
	}
	_, md := f.get(t, fmt.Sprintf("/runs/%d/report.md", res.RunID))
	if !strings.Contains(md, "重写后") || !strings.HasPrefix(md, "# 岚湖县教育局2024年工作总结") {
		t.Errorf("report.md does not hold the rewritten section:\n%s", md)
	}
}

func TestDocxDownloadIsAZip(t *testing.T) {
	f := newFixture(t, nil)
	_, res := f.draft(t)
	resp, err := http.Get(fmt.Sprintf("%s/runs/%d/report.docx", f.ts.URL, res.RunID))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(data, []byte("PK")) {
		t.Fatalf("status %d, %d bytes starting %q", resp.StatusCode, len(data), data[:min(4, len(data))])
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, ".docx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, zf := range zr.File {
		if zf.Name == "word/document.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			doc = string(b)
		}
	}
	if !strings.Contains(doc, "岚湖县教育局") || !strings.Contains(doc, "9350") {
		t.Errorf("word/document.xml lacks the draft (%d bytes)", len(doc))
	}
	if status, _ := f.get(t, "/runs/999/report.docx"); status != http.StatusNotFound {
		t.Errorf("unknown run: status %d, want 404", status)
	}
}
