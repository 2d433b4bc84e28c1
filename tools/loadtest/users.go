package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// searchWords are what users look for.
var searchWords = []string{"特岗教师", "资助", "防溺水", "党建", "师资", "校园安全", "双减", "教师培训",
	"控辍保学", "大班额", "营养改善", "课后服务", "学前教育", "职业教育", "信息化", "中考"}

// draftMade is what a user saw of one draft: its run and the text of every
// section it was told was written.
type draftMade struct {
	runID    int64
	sections map[int]string // section index → text, for sections done
}

// results collects timings, errors and drafts from all users.
type results struct {
	mu      sync.Mutex
	times   map[string][]time.Duration // by action
	errors  map[string]int             // by short reason
	locked  int                        // errors mentioning "database is locked"
	drafts  []draftMade
	actions int
}

func (r *results) time(action string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.times[action] = append(r.times[action], d)
	r.actions++
}

func (r *results) fail(action string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	msg := err.Error()
	if strings.Contains(msg, "database is locked") {
		r.locked++
	}
	if len([]rune(msg)) > 120 {
		msg = string([]rune(msg)[:120]) + "…"
	}
	r.errors[action+": "+msg]++
}

func (r *results) draft(d draftMade) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.drafts = append(r.drafts, d)
}

// user is one simulated person with a browser.
type user struct {
	base   string
	client *http.Client
	rng    *rand.Rand
	res    *results
	docs   int // how many reports the corpus list said there are
}

// load runs o.users users until o.duration has passed.
func load(ctx context.Context, base string, o options) *results {
	res := &results{times: map[string][]time.Duration{}, errors: map[string]int{}}
	tr := &http.Transport{MaxIdleConnsPerHost: o.users * 2, MaxConnsPerHost: o.users * 2}
	client := &http.Client{Transport: tr, Timeout: 3 * time.Minute}
	ctx, cancel := context.WithTimeout(ctx, o.duration)
	defer cancel()
	var wg sync.WaitGroup
	for i := range o.users {
		u := &user{base: base, client: client, rng: rand.New(rand.NewPCG(uint64(i), 7)), res: res, docs: o.reports}
		wg.Add(1)
		go func() {
			defer wg.Done()
			u.work(ctx, o.think)
		}()
	}
	wg.Wait()
	return res
}

// work does one action after another, with a pause between, until ctx
// ends. A draft in progress is read to its end.
func (u *user) work(ctx context.Context, think time.Duration) {
	for ctx.Err() == nil {
		switch n := u.rng.IntN(100); {
		case n < 25:
			u.corpusPage()
		case n < 55:
			u.search()
		case n < 80:
			u.openReport()
		default:
			u.draft()
		}
		pause := time.Duration(u.rng.Int64N(int64(2*think) + 1))
		select {
		case <-ctx.Done():
		case <-time.After(pause):
		}
	}
}

// get fetches path, timing it under action; it returns the body when the
// answer is 200.
func (u *user) get(action, path string) ([]byte, bool) {
	start := time.Now()
	resp, err := u.client.Get(u.base + path)
	if err != nil {
		u.res.fail(action, err)
		return nil, false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %d %s", strings.SplitN(path, "?", 2)[0], resp.StatusCode, firstLine(body))
	}
	if err != nil {
		u.res.fail(action, err)
		return nil, false
	}
	u.res.time(action, time.Since(start))
	return body, true
}

var totalRe = regexp.MustCompile(`共 (\d+) 篇`)

// corpusPage opens the corpus list, mostly its first page.
func (u *user) corpusPage() {
	path := "/"
	if u.rng.IntN(3) == 0 {
		path = fmt.Sprintf("/?page=%d", 1+u.rng.IntN(max(u.docs/50, 1)))
	}
	if body, ok := u.get("page /", path); ok {
		if m := totalRe.FindSubmatch(body); m != nil {
			u.docs, _ = strconv.Atoi(string(m[1]))
		}
	}
}

// search looks for a word, sometimes within a category.
func (u *user) search() {
	q := url.Values{"q": {searchWords[u.rng.IntN(len(searchWords))]}}
	if u.rng.IntN(4) == 0 {
		q.Set("category", []string{"师资", "安全", "扶贫", "党建"}[u.rng.IntN(4)])
	}
	u.get("search", "/?"+q.Encode())
}

// openReport opens a report's heading tree, as the list does, then often
// the report itself.
func (u *user) openReport() {
	id := 1 + u.rng.IntN(max(u.docs, 1))
	u.get("page /docs/{id}/tree", fmt.Sprintf("/docs/%d/tree", id))
	if u.rng.IntN(2) == 0 {
		u.get("page /docs/{id}", fmt.Sprintf("/docs/%d", id))
	}
}

// draft opens the draft page and the common structure, posts facts and
// reads the stream to its end, then downloads the .docx.
func (u *user) draft() {
	if _, ok := u.get("page /draft", "/draft"); !ok {
		return
	}
	if _, ok := u.get("page /templates/preview", "/templates/preview?kind=summary"); !ok {
		return
	}
	n := u.rng.IntN(900) + 10
	form := url.Values{"org": {"岚湖县教育局"}, "year": {"2024"}, "period": {"annual"}, "doc": {"summary"},
		"facts-党建": {fmt.Sprintf("新发展党员%d人\n开展主题党日活动%d次", n%40+1, n%60+5)},
		"facts-师资": {fmt.Sprintf("招聘特岗教师%d名\n培训教师%d人次", n, n*7)},
		"facts-安全": {fmt.Sprintf("整改校园安全隐患%d处", n%200+3)},
		"problems": {"城区学校大班额问题仍较突出"}}
	d, err := u.postDraft(form)
	if err != nil {
		u.res.fail("draft", err)
		return
	}
	u.res.draft(d)
	if d.runID == 0 {
		return
	}
	start := time.Now()
	body, ok := u.getRaw(fmt.Sprintf("/runs/%d/report.docx", d.runID))
	if !ok {
		return
	}
	if !bytes.HasPrefix(body, []byte("PK")) {
		u.res.fail("docx", fmt.Errorf("下载的 .docx 不是 zip"))
		return
	}
	u.res.time("docx", time.Since(start))
}

// getRaw fetches a download, counting failures under docx.
func (u *user) getRaw(path string) ([]byte, bool) {
	resp, err := u.client.Get(u.base + path)
	if err != nil {
		u.res.fail("docx", err)
		return nil, false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET .docx: %d %s", resp.StatusCode, firstLine(body))
	}
	if err != nil {
		u.res.fail("docx", err)
		return nil, false
	}
	return body, true
}

// postDraft posts the facts form and reads the event stream: the time to
// the outline event and to the end are recorded, failed sections and error
// events are errors.
func (u *user) postDraft(form url.Values) (draftMade, error) {
	req, _ := http.NewRequest(http.MethodPost, u.base+"/draft", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", u.base)
	start := time.Now()
	resp, err := u.client.Do(req)
	if err != nil {
		return draftMade{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		return draftMade{}, fmt.Errorf("POST /draft: %d %s", resp.StatusCode, firstLine(body))
	}
	d := draftMade{sections: map[int]string{}}
	var failures []string
	err = readEvents(resp.Body, func(event string, data []byte) error {
		switch event {
		case "outline":
			u.res.time("draft: first event", time.Since(start))
		case "failed", "error":
			failures = append(failures, event+" "+string(data))
		case "result":
			return d.fromResult(data)
		}
		return nil
	})
	if err != nil {
		return d, err
	}
	u.res.time("draft: whole stream", time.Since(start))
	if len(failures) > 0 {
		return d, fmt.Errorf("%s", strings.Join(failures, "; "))
	}
	return d, nil
}

// fromResult takes the run id and the written sections from the result
// event.
func (d *draftMade) fromResult(data []byte) error {
	var v struct {
		RunID    int64 `json:"run_id"`
		Sections []struct {
			I      int    `json:"i"`
			Write  bool   `json:"write"`
			Text   string `json:"text"`
			Status string `json:"status"`
		} `json:"sections"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("result 事件无法解析：%v", err)
	}
	d.runID = v.RunID
	for _, s := range v.Sections {
		if s.Write && s.Status == "done" {
			d.sections[s.I] = s.Text
		}
	}
	return nil
}

// readEvents calls fn with each server-sent event of r.
func readEvents(r io.Reader, fn func(event string, data []byte) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 8<<20)
	var event string
	var data bytes.Buffer
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if event != "" {
				if err := fn(event, data.Bytes()); err != nil {
					return err
				}
			}
			event = ""
			data.Reset()
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data.WriteString(strings.TrimPrefix(line, "data: "))
		}
	}
	return sc.Err()
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if len([]rune(s)) > 100 {
		s = string([]rune(s)[:100])
	}
	return s
}
