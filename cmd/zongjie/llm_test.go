package main

// Issue 4 with a model: the llmtest server plays an OpenAI-compatible
// endpoint; requests, faults, the call log, the key and resuming.

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm/llmtest"
)

const testKey = "sk-secret-test-123"

// useModel points the program at srv with the test key.
func useModel(t *testing.T, srv *llmtest.Server) {
	t.Setenv("ZONGJIE_LLM_BASE_URL", srv.URL)
	t.Setenv("ZONGJIE_LLM_MODEL", "test-model")
	t.Setenv("ZONGJIE_LLM_API_KEY", testKey)
}

var fenceRE = regexp.MustCompile(`(?s)<<<\n(.*?)\n>>>`)

// fakeModel answers like a well-behaved model: each section is a lead
// sentence and the facts it was given, the opening names no figures. invent
// maps a category to a sentence the model adds to that section; the repair
// of such a section invents it again.
func fakeModel(invent map[string]string) func(llmtest.Request) llmtest.Reply {
	return func(r llmtest.Request) llmtest.Reply {
		switch llmtest.KindOf(r.Last()) {
		case llmtest.KindOpening:
			return llmtest.Reply{Text: "2024年，岚湖县教育局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，扎实推进各项工作。现将有关情况总结如下："}
		case llmtest.KindRepair:
			text := "对照问题逐项整改，扎实推进各项工作。" + strings.Join(llmtest.Facts(r.Last()), "；") + "。"
			for _, s := range invent {
				if strings.Contains(r.Last(), s) {
					text += s
				}
			}
			return llmtest.Reply{Text: text}
		case llmtest.KindSection:
			text := "坚持统筹推进，扎实开展各项工作。"
			if facts := llmtest.Facts(r.Last()); len(facts) > 0 {
				text += strings.Join(facts, "；") + "。"
			}
			return llmtest.Reply{Text: text + invent[llmtest.Category(r.Last())]}
		}
		return llmtest.Reply{}
	}
}

// llmWorld is a test with a model endpoint.
type llmWorld struct {
	testEnv
	srv *llmtest.Server
	mu  sync.Mutex
	out []string // every stdout and stderr, to search for the key
}

func newLLMWorld(t *testing.T, opts ...llmtest.Option) *llmWorld {
	w := &llmWorld{testEnv: newEnv(t)}
	w.srv = llmtest.NewServer(t, opts...)
	useModel(t, w.srv)
	return w
}

func (w *llmWorld) zj(t *testing.T, args ...string) result {
	t.Helper()
	return w.zjCtx(t, context.Background(), args...)
}

func (w *llmWorld) zjCtx(t *testing.T, ctx context.Context, args ...string) result {
	t.Helper()
	r := zjCtx(t, ctx, args...)
	w.mu.Lock()
	w.out = append(w.out, r.stdout, r.stderr)
	w.mu.Unlock()
	return r
}

// assertNoKey checks every output so far and every database file for the key.
func (w *llmWorld) assertNoKey(t *testing.T) {
	t.Helper()
	for _, o := range w.out {
		if strings.Contains(o, testKey) {
			t.Errorf("the API key appears in the output:\n%s", clip(o))
		}
	}
	files, _ := filepath.Glob(w.db + "*") // the database, -wal, -shm
	if len(files) == 0 {
		t.Fatalf("no database files at %s", w.db)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), testKey) {
			t.Errorf("the API key is stored in %s", filepath.Base(f))
		}
	}
}

// requestsOf returns the server's requests of one kind.
func requestsOf(srv *llmtest.Server, kind string) []llmtest.Request {
	var out []llmtest.Request
	for _, r := range srv.Requests() {
		if llmtest.KindOf(r.Last()) == kind {
			out = append(out, r)
		}
	}
	return out
}

// corpusTexts maps each category to the texts of its sections in the corpus.
func corpusTexts(t *testing.T) map[string][]string {
	t.Helper()
	var docs []docJSON
	decodeJSON(t, mustZJ(t, "docs", "--json"), &docs)
	out := map[string][]string{}
	for _, d := range docs {
		var doc struct {
			Sections []corpus.Section `json:"sections"`
		}
		decodeJSON(t, mustZJ(t, "show", itoa(int(d.ID)), "--json", "--text"), &doc)
		for _, s := range doc.Sections {
			out[s.Category] = append(out[s.Category], s.Text)
		}
	}
	return out
}

func TestLLMDraft(t *testing.T) {
	for _, stream := range []string{"true", "false"} {
		t.Run("stream="+stream, func(t *testing.T) { testLLMDraft(t, stream) })
	}
}

func testLLMDraft(t *testing.T, stream string) {
	w := newLLMWorld(t)
	t.Setenv("ZONGJIE_LLM_STREAM", stream)
	w.srv.SetReply(fakeModel(nil))
	facts := loadFacts(t, factsFile())

	r := w.zj(t, "draft", "--facts", factsFile(), "--json")
	if r.code != 0 {
		t.Fatalf("draft: %s", r)
	}
	var res draft.Result
	decodeJSON(t, r, &res)
	if res.Mode != draft.ModeLLM || !res.Check.OK {
		t.Errorf("mode %q, check %+v; want llm and a clean check", res.Mode, res.Check)
	}
	if strings.Contains(res.Markdown, "离线草稿") {
		t.Errorf("an LLM draft says it is offline")
	}
	for _, fig := range facts.Figures() {
		if !strings.Contains(res.Markdown, fig.Text) {
			t.Errorf("figure %q missing from the draft", fig.Text)
		}
	}

	t.Run("each section request carries its facts and fenced examples of its category", func(t *testing.T) {
		texts := corpusTexts(t)
		secs := requestsOf(w.srv, llmtest.KindSection)
		seen := map[string]bool{}
		for _, req := range secs {
			c := llmtest.Category(req.Last())
			seen[c] = true
			u := req.Last()
			if req.Stream != (stream == "true") {
				t.Errorf("request for %s: stream %v, want %s", c, req.Stream, stream)
			}
			if req.Model != "test-model" || req.Authorization != "Bearer "+testKey {
				t.Errorf("request for %s: model %q, authorization %q", c, req.Model, req.Authorization)
			}
			if len(req.Messages) < 2 || req.Messages[0].Role != "system" || !strings.Contains(req.Messages[0].Content, "简体中文") {
				t.Errorf("request for %s lacks the system prompt pinning Chinese", c)
			}
			want := facts.For(c)
			if c == corpus.DefaultTaxonomy().Fallback {
				want = facts.Problems
			}
			got := llmtest.Facts(u)
			for _, f := range want {
				if !strings.Contains(u, f.Text) {
					t.Errorf("the %s request lacks its fact %q", c, f.Text)
				}
			}
			if len(got) != len(want) {
				t.Errorf("the %s request lists %d facts %q, want its %d", c, len(got), got, len(want))
			}
			for _, other := range facts.Sections {
				if other.Category == c {
					continue
				}
				for _, f := range other.Facts {
					if strings.Contains(u, f.Text) {
						t.Errorf("the %s request carries the %s fact %q", c, other.Category, f.Text)
					}
				}
			}
			if c == corpus.DefaultTaxonomy().Fallback {
				continue // the problems section; examples optional
			}
			fences := fenceRE.FindAllStringSubmatch(u, -1)
			if len(fences) == 0 || !strings.Contains(u, "仅供参考文风") {
				t.Errorf("the %s request has no fenced, labelled example", c)
				continue
			}
			for _, f := range fences {
				head := []rune(strings.TrimSuffix(f[1], "……"))
				head = head[:min(len(head), 30)]
				found := false
				for _, txt := range texts[c] {
					if strings.Contains(txt, string(head)) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("the %s request's example %q… is not a %s section of the corpus", c, string(head), c)
				}
			}
		}
		for _, c := range facts.Categories() {
			if !seen[c] {
				t.Errorf("no request for the category %s", c)
			}
		}
		if n := len(requestsOf(w.srv, llmtest.KindRepair)); n != 0 {
			t.Errorf("%d repair calls for clean answers", n)
		}
	})

	t.Run("log lists every call and shows a prompt", func(t *testing.T) {
		var calls []callJSON
		decodeJSON(t, w.zj(t, "log", "--json", "-n", "1000"), &calls)
		if len(calls) != w.srv.Count() {
			t.Errorf("log lists %d calls, the server got %d requests", len(calls), w.srv.Count())
		}
		purposes := map[string]bool{}
		for _, c := range calls {
			purposes[c.Purpose] = true
			if c.Model == "" || c.Error != "" || c.CompletionTokens == 0 {
				t.Errorf("call %+v: want model, tokens and no error", c)
			}
		}
		for _, p := range []string{"opening", "section:党建", "section:师资"} {
			if !purposes[p] {
				t.Errorf("no call with purpose %q in %v", p, purposes)
			}
		}
		var id int64
		for _, c := range calls {
			if c.Purpose == "section:师资" {
				id = c.ID
			}
		}
		show := w.zj(t, "log", "show", itoa(int(id)))
		if show.code != 0 || !strings.Contains(show.stdout, "[system]") || !strings.Contains(show.stdout, "招聘特岗教师72名") || !strings.Contains(show.stdout, "—— 回答 ——") {
			t.Errorf("log show %d: %s", id, show)
		}
		var full callJSON
		decodeJSON(t, w.zj(t, "log", "show", itoa(int(id)), "--json"), &full)
		if !strings.Contains(full.Prompt, "招聘特岗教师72名") || !strings.Contains(full.Response, "招聘特岗教师72名") {
			t.Errorf("log show --json: %+v", full)
		}
		if r := w.zj(t, "log", "show", "99999"); r.code == 0 || !strings.Contains(r.stderr, "99999") {
			t.Errorf("log show 99999: %s", r)
		}
		if r := w.zj(t, "log"); r.code != 0 || !strings.Contains(r.stdout, "section:师资") {
			t.Errorf("log (text): %s", r)
		}
	})

	w.assertNoKey(t)
}

func TestLLMInventedFigure(t *testing.T) {
	w := newLLMWorld(t)
	const invented = "另招收新生9350人。"
	w.srv.SetReply(fakeModel(map[string]string{"教育质量": invented}))
	pending := regexp.MustCompile(`【待核实：[^】]*9350人】`)

	r := w.zj(t, "draft", "--facts", factsFile(), "--json")
	if r.code != 0 {
		t.Fatalf("draft without --strict: %s", r)
	}
	var res draft.Result
	decodeJSON(t, r, &res)
	if !pending.MatchString(res.Markdown) {
		t.Errorf("the invented figure is not marked 【待核实：…9350人】:\n%s", res.Markdown)
	}
	if res.Check.OK || !containsPart(res.Check.Unsupported, "9350") {
		t.Errorf("check = %+v, want 9350人 in unsupported", res.Check)
	}
	repairs := requestsOf(w.srv, llmtest.KindRepair)
	if len(repairs) != 1 || !strings.Contains(repairs[0].Last(), "9350") {
		t.Errorf("%d repair calls, want one for the section with 9350", len(repairs))
	}
	for _, s := range res.Sections {
		if s.Category == "教育质量" && (s.Check.OK || !pending.MatchString(s.Text)) {
			t.Errorf("教育质量 section: check %+v, text %q", s.Check, s.Text)
		} else if s.Category != "教育质量" && strings.Contains(s.Text, "待核实") {
			t.Errorf("%s section is marked: %q", s.Category, s.Text)
		}
	}

	strict := w.zj(t, "draft", "--facts", factsFile(), "--strict")
	if strict.code != 3 {
		t.Errorf("draft --strict with an invented figure exits %d, want 3: %s", strict.code, strict)
	}
	if !pending.MatchString(strict.stdout) || !strings.Contains(strict.stderr, "9350") {
		t.Errorf("draft --strict: the marked draft on stdout and the figure named on stderr: %s", strict)
	}
	// The marked draft fails the standalone check too.
	f := w.write(t, "marked.md", []byte(strict.stdout))
	if c := w.zj(t, "check", f, "--facts", factsFile()); c.code != 3 || !strings.Contains(c.stdout, "9350") {
		t.Errorf("check of the marked draft: %s", c)
	}
	w.assertNoKey(t)
}

func TestLLMSurvivesTwo429s(t *testing.T) {
	w := newLLMWorld(t)
	model := fakeModel(nil)
	var mu sync.Mutex
	n := 0
	w.srv.SetReply(func(r llmtest.Request) llmtest.Reply {
		if llmtest.KindOf(r.Last()) == llmtest.KindSection && llmtest.Category(r.Last()) == "党建" {
			mu.Lock()
			n++
			k := n
			mu.Unlock()
			if k <= 2 {
				return llmtest.Reply{Status: 429, RetryAfter: "1", ErrorMessage: "Rate limit reached"}
			}
		}
		return model(r)
	})
	start := time.Now()
	r := w.zj(t, "draft", "--facts", factsFile(), "--json")
	if r.code != 0 {
		t.Fatalf("draft after two 429s: %s", r)
	}
	if took := time.Since(start); took < time.Second {
		t.Errorf("draft took %v: the Retry-After of 1s was not honoured", took)
	}
	var res draft.Result
	decodeJSON(t, r, &res)
	if !res.Check.OK || !strings.Contains(res.Markdown, "新发展党员9人") {
		t.Errorf("the 党建 section was not written after the retries: check %+v", res.Check)
	}
	perCategory := map[string]int{}
	for _, req := range requestsOf(w.srv, llmtest.KindSection) {
		perCategory[llmtest.Category(req.Last())]++
	}
	for c, k := range perCategory {
		if want := map[bool]int{true: 3, false: 1}[c == "党建"]; k != want {
			t.Errorf("the %s section was requested %d times, want %d (党建: two 429s, then success)", c, k, want)
		}
	}
	var calls []callJSON
	decodeJSON(t, w.zj(t, "log", "--json", "-n", "1000"), &calls)
	limited := 0
	for _, c := range calls {
		if strings.Contains(c.Error, "429") {
			limited++
		}
	}
	if limited != 2 {
		t.Errorf("the log holds %d calls with a 429 error, want 2", limited)
	}
	w.assertNoKey(t)
}

func TestLLMRejectedKey(t *testing.T) {
	w := newLLMWorld(t, llmtest.WithKey("sk-another-key-456"))
	w.srv.SetReply(fakeModel(nil))
	start := time.Now()
	r := w.zj(t, "draft", "--facts", factsFile())
	took := time.Since(start)
	if r.code == 0 {
		t.Fatalf("draft with a rejected key exited 0: %s", r)
	}
	if !strings.Contains(r.stderr, "拒绝了 API 密钥") || !strings.Contains(r.stderr, "401") {
		t.Errorf("stderr does not say the key was rejected: %s", r)
	}
	if !strings.Contains(r.stderr, "ZONGJIE_LLM_API_KEY") {
		t.Errorf("the message does not point to ZONGJIE_LLM_API_KEY, where the key came from: %s", r)
	}
	// No retries: at most one request per section and the opening.
	facts := loadFacts(t, factsFile())
	if limit := len(facts.Categories()) + 2; w.srv.Count() > limit {
		t.Errorf("%d requests after a 401, want at most %d (no retries)", w.srv.Count(), limit)
	}
	if took > 3*time.Second {
		t.Errorf("a rejected key took %v to report, want at once", took)
	}
	t.Logf("%d requests, %v", w.srv.Count(), took)

	// A key from the variable named by llm.api_key_env is named as such.
	t.Setenv("ZONGJIE_LLM_API_KEY", "")
	t.Setenv("OPENAI_API_KEY", testKey)
	if r := w.zj(t, "draft", "--facts", factsFile()); r.code == 0 || !strings.Contains(r.stderr, "OPENAI_API_KEY") {
		t.Errorf("a rejected key from OPENAI_API_KEY: want a message naming OPENAI_API_KEY: %s", r)
	}
	t.Setenv("OPENAI_API_KEY", "")
	t.Setenv("ZONGJIE_LLM_API_KEY", testKey)

	// The key never leaks, even when a server echoes it in its error.
	w.srv.SetReply(func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 401, ErrorMessage: "Incorrect API key provided: " + testKey + "."}
	})
	t.Setenv("ZONGJIE_LLM_MAX_RETRIES", "-1")
	w.zj(t, "draft", "--facts", factsFile(), "--json")
	w.srv.SetReply(func(llmtest.Request) llmtest.Reply {
		return llmtest.Reply{Status: 500, ErrorMessage: "upstream failed for key " + testKey}
	})
	w.zj(t, "draft", "--facts", factsFile())
	w.zj(t, "log", "--json", "-n", "1000")
	var calls []callJSON
	decodeJSON(t, w.zj(t, "log", "--json", "-n", "1000"), &calls)
	for _, c := range calls {
		w.zj(t, "log", "show", itoa(int(c.ID)))
	}
	w.assertNoKey(t)
}

func TestLLMResume(t *testing.T) {
	tests := []struct {
		name string
		// fail is how the 安全 section fails in the first run.
		fail        func(cancel context.CancelFunc) llmtest.Reply
		code        int
		concurrency string
	}{
		{"500 until retries run out", func(context.CancelFunc) llmtest.Reply {
			return llmtest.Reply{Status: 500, ErrorMessage: "internal error"}
		}, exitUnavailable, "3"},
		{"interrupted (context cancelled)", func(cancel context.CancelFunc) llmtest.Reply {
			cancel()
			return llmtest.Reply{Delay: 10 * time.Second}
		}, 130, "1"}, // one at a time: the sections after 安全 are never started
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newLLMWorld(t)
			t.Setenv("ZONGJIE_LLM_MAX_RETRIES", "1")
			t.Setenv("ZONGJIE_LLM_CONCURRENCY", tt.concurrency)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			model := fakeModel(nil)
			w.srv.SetReply(func(r llmtest.Request) llmtest.Reply {
				if llmtest.KindOf(r.Last()) == llmtest.KindSection && llmtest.Category(r.Last()) == "安全" {
					return tt.fail(cancel)
				}
				return model(r)
			})
			out := filepath.Join(t.TempDir(), "草稿.md")
			r := w.zjCtx(t, ctx, "draft", "--facts", factsFile(), "--json", "--out", out)
			if r.code != tt.code {
				t.Errorf("interrupted draft exits %d, want %d: %s", r.code, tt.code, r)
			}
			var first draft.Result
			decodeJSON(t, r, &first)
			id := itoa(int(first.RunID))
			if first.RunID == 0 || !strings.Contains(r.stderr, "--resume "+id) {
				t.Fatalf("the interrupted draft does not report its run id %s for --resume: %s", id, r)
			}
			missing := map[string]bool{}
			for _, s := range first.Sections {
				if s.Level > 0 && s.Status != draft.StatusDone {
					missing[s.Heading] = true
				}
			}
			if len(missing) == 0 || len(missing) == len(first.Sections)-1 {
				t.Fatalf("sections not done after the first run: %v; want 安全 and maybe some others", missing)
			}
			// The partial draft says which sections are missing; none is left
			// as a bare heading.
			for _, s := range first.Sections {
				if !missing[s.Heading] {
					continue
				}
				if s.Status != draft.StatusFailed && s.Status != draft.StatusPending {
					t.Errorf("unfinished section %q has status %q, want failed or pending", s.Heading, s.Status)
				}
				body := sectionBody(first.Markdown, s.Marker+s.Heading)
				if !strings.Contains(body, "待核实") || !strings.Contains(body, "--resume") {
					t.Errorf("unfinished section %q appears in the partial draft as %q, want a 【待核实：…--resume…】 note", s.Heading, body)
				}
			}

			before := len(w.srv.Requests())
			w.srv.SetReply(model)
			r = w.zj(t, "draft", "--resume", id, "--json")
			if r.code != 0 {
				t.Fatalf("draft --resume %s: %s", id, r)
			}
			var res draft.Result
			decodeJSON(t, r, &res)
			redone := map[string]bool{}
			for _, req := range w.srv.Requests()[before:] {
				if llmtest.KindOf(req.Last()) == llmtest.KindSection {
					h := llmtest.Heading(req.Last())
					for m := range missing {
						if strings.HasSuffix(h, m) {
							redone[m] = true
							h = ""
						}
					}
					if h != "" {
						t.Errorf("the resume requested %q again, which the first run had finished", h)
					}
				}
			}
			for m := range missing {
				if !redone[m] {
					t.Errorf("the resume did not write %q", m)
				}
			}
			if res.RunID != first.RunID || !res.Check.OK || strings.Contains(res.Markdown, "待核实") {
				t.Errorf("resumed draft: run %d (want %d), check %+v:\n%s", res.RunID, first.RunID, res.Check, res.Markdown)
			}
			for _, s := range res.Sections {
				if s.Status != draft.StatusDone || (s.Level > 0 && s.Text == "" && s.Category != "其他") {
					t.Errorf("section %q: status %q, text %q", s.Heading, s.Status, s.Text)
				}
			}
			if !strings.Contains(res.Markdown, "整改隐患86处") {
				t.Errorf("the resumed draft lacks the 安全 facts")
			}
			// The resume writes the finished report where the first run wrote.
			if data, err := os.ReadFile(out); err != nil || string(data) != res.Markdown {
				t.Errorf("the resumed report is not in the first run's --out file %s (%v)", out, err)
			}
			w.assertNoKey(t)
		})
	}
}

// sectionBody returns the Markdown between the heading line of heading and
// the next heading line.
func sectionBody(md, heading string) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "#") && strings.HasSuffix(l, " "+heading) {
			var body []string
			for _, b := range lines[i+1:] {
				if strings.HasPrefix(b, "#") {
					break
				}
				body = append(body, b)
			}
			return strings.TrimSpace(strings.Join(body, "\n"))
		}
	}
	return "(no heading " + heading + ")"
}
