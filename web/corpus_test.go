package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

// saveReports stores n small reports with distinct texts and titles.
func saveReports(t *testing.T, f *fixture, n int) {
	t.Helper()
	parser := corpus.NewParser(corpus.DefaultTaxonomy())
	for i := range n {
		text := fmt.Sprintf(`第%d号县教育局2022年工作总结

2022年，全县教育系统坚持立德树人根本任务，各项工作取得新成效。现将有关情况总结如下。

一、加强师资队伍建设
招聘特岗教师%d名，培训教师%d人次，师德师风建设扎实推进，教师队伍整体素质不断提升。

二、抓好校园安全
整改校园安全隐患%d处，开展防溺水专题教育，校园安全形势总体平稳。
`, i, i+10, i+100, i+3)
		res, err := parser.Parse("r.txt", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.db.SaveDocument(context.Background(), "r.txt", res.Encoding, res.Documents[0]); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCorpusListIsPagedAndTreesLoadOnDemand(t *testing.T) {
	f := newFixture(t, nil)
	saveReports(t, f, 60) // 61 reports with the fixture's

	status, body := f.get(t, "/")
	if status != http.StatusOK {
		t.Fatalf("GET /: %d", status)
	}
	if n := strings.Count(body, "<details data-tree="); n != 50 {
		t.Errorf("page 1 lists %d reports, want 50", n)
	}
	if !strings.Contains(body, "共 61 篇") || !strings.Contains(body, `href="/?page=2#docs"`) {
		t.Errorf("page 1 lacks the total or the link to page 2:\n%s", body)
	}
	if strings.Contains(body, "招聘特岗教师") || strings.Contains(body, `class="tree"`) {
		t.Error("the list renders headings or text; trees should load on demand")
	}
	if !strings.Contains(body, "第59号县教育局") {
		t.Error("page 1 does not start with the newest report")
	}

	_, body = f.get(t, "/?page=2")
	if n := strings.Count(body, "<details data-tree="); n != 11 {
		t.Errorf("page 2 lists %d reports, want 11", n)
	}
	if !strings.Contains(body, fmt.Sprintf(`data-tree="/docs/%d/tree"`, f.docID)) {
		t.Error("the oldest report is not on the last page")
	}
	if _, body = f.get(t, "/?page=9"); !strings.Contains(body, "这一页没有报告") {
		t.Error("a page past the end does not say so")
	}
	// The search is kept in the page links.
	if _, body = f.get(t, "/?q=%E6%95%99%E5%B8%88"); !strings.Contains(body, `href="/?page=2&amp;q=%E6%95%99%E5%B8%88#docs"`) {
		t.Errorf("page links drop the search:\n%s", body)
	}

	status, body = f.get(t, fmt.Sprintf("/docs/%d/tree", f.docID))
	if status != http.StatusOK || !strings.Contains(body, `class="tree"`) || !strings.Contains(body, "加强师资队伍建设") {
		t.Errorf("tree fragment: %d\n%s", status, body)
	}
	if strings.Contains(body, "招聘特岗教师72名") {
		t.Error("the tree fragment carries section text")
	}
	if status, _ = f.get(t, "/docs/99999/tree"); status != http.StatusNotFound {
		t.Errorf("tree of a missing report: %d, want 404", status)
	}
}

func TestCommonTemplateFollowsTheCorpus(t *testing.T) {
	f := newFixture(t, nil)
	_, before := f.get(t, "/templates/preview?kind=summary")
	if !strings.Contains(before, "1 篇") {
		t.Fatalf("preview before: %s", before)
	}
	saveReports(t, f, 2)
	_, after := f.get(t, "/templates/preview?kind=summary")
	if !strings.Contains(after, "3 篇") {
		t.Errorf("the cached common structure did not follow the new reports: %s", after)
	}
}

func TestPickersListTheNewestAndTakeANumber(t *testing.T) {
	f := newFixture(t, nil)
	saveReports(t, f, 200) // 201 reports: the fixture's is the one left out

	for _, path := range []string{"/draft", "/plan"} {
		_, body := f.get(t, path)
		if strings.Contains(body, fmt.Sprintf(`<option value="%d"`, f.docID)) {
			t.Errorf("%s lists the oldest report; the picker should stop at the newest 200", path)
		}
		if !strings.Contains(body, `name="template_id"`) || !strings.Contains(body, "另有 1 篇较早的报告") {
			t.Errorf("%s has no number field for the reports not listed", path)
		}
	}
	if !strings.Contains(func() string { _, b := f.get(t, "/plan"); return b }(), `name="summary_id"`) {
		t.Error("/plan has no number field for the summary")
	}

	form := url.Values{"org": {"岚湖县教育局"}, "year": {"2024"}, "period": {"annual"}, "doc": {"summary"},
		"template": {""}, "template_id": {"99999"}, "facts-党建": {"新发展党员9人"}}
	resp := f.post(t, "/draft", form)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "语料库中没有这篇报告") {
		t.Errorf("a typed number of no report: %d %s", resp.StatusCode, b)
	}
	form.Set("template_id", fmt.Sprint(f.docID))
	resp = f.post(t, "/draft", form)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("drafting with the typed number of the oldest report: %d", resp.StatusCode)
	}
}

func TestRemoveAReport(t *testing.T) {
	f := newFixture(t, nil)
	path := fmt.Sprintf("/docs/%d/remove", f.docID)
	if resp := f.post(t, path, nil, "Origin", "http://evil.example"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin remove: %d, want 403", resp.StatusCode)
	}
	if _, body := f.get(t, "/"); !strings.Contains(body, `action="`+path+`"`) {
		t.Error("the list has no remove button")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, f.ts.URL+path, nil)
	req.Header.Set("Origin", f.ts.URL)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fmt.Sprintf("/?removed=%d#docs", f.docID) {
		t.Fatalf("remove: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := f.get(t, fmt.Sprintf("/?removed=%d", f.docID)); !strings.Contains(body, fmt.Sprintf("已删除第 %d 号报告", f.docID)) || !strings.Contains(body, "共 0 篇") {
		t.Errorf("the list after removing:\n%s", body)
	}
	if status, _ := f.get(t, fmt.Sprintf("/docs/%d", f.docID)); status != http.StatusNotFound {
		t.Errorf("the removed report: %d, want 404", status)
	}
	if resp := f.post(t, path, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("removing it again: %d, want 404", resp.StatusCode)
	}
}
