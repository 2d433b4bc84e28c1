package draft_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/zongjie/zongjie/draft"
)

// memRuns is a RunStore in memory.
type memRuns struct {
	mu   sync.Mutex
	runs map[int64]*draft.Run
}

func (m *memRuns) CreateRun(_ context.Context, r draft.Run) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.runs == nil {
		m.runs = map[int64]*draft.Run{}
	}
	r.ID = int64(len(m.runs) + 1)
	m.runs[r.ID] = &r
	return r.ID, nil
}

func (m *memRuns) SaveRunSection(_ context.Context, id int64, s draft.RunSection) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.runs[id].Sections[s.Seq] = s
	return nil
}

func (m *memRuns) SaveRunOpening(_ context.Context, id int64, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.runs[id].Opening = text
	return nil
}

func (m *memRuns) GetRun(_ context.Context, id int64) (draft.Run, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.runs[id]
	if !ok {
		return draft.Run{}, draft.ErrRunNotFound
	}
	out := *r
	out.Sections = append([]draft.RunSection(nil), r.Sections...)
	return out, nil
}

// TestRewriteSectionWritesOneSectionOfTheRun checks the web page's 重写本节:
// one section is written again from the run's own facts and stored, with
// progress told as one section, and a heading without text is refused.
func TestRewriteSectionWritesOneSectionOfTheRun(t *testing.T) {
	svc, _ := benchService(&testing.B{}, 0, 1)
	svc.Completer = nil // offline
	runs := &memRuns{}
	svc.Runs = runs
	const facts = "org: 岚湖县教育局\nyear: 2024\nsections:\n  师资: [招聘特岗教师72名]\n  安全: [整改隐患86处]\nproblems: [城区大班额问题仍较突出]\n"
	f, err := draft.LoadFacts("t.yaml", []byte(facts), taxonomy())
	if err != nil {
		t.Fatal(err)
	}
	res, err := svc.Draft(context.Background(), draft.Request{Facts: f, FactsYAML: facts})
	if err != nil {
		t.Fatal(err)
	}
	run, _ := runs.GetRun(context.Background(), res.RunID)
	i := -1
	for k, s := range run.Sections {
		if s.Write && s.Category == "安全" {
			i = k
		}
	}
	run.Sections[i].Text = "旧的文字。"
	_ = runs.SaveRunSection(context.Background(), run.ID, run.Sections[i])
	var events []draft.Event
	got, err := svc.RewriteSection(context.Background(), run, i, func(e draft.Event) { events = append(events, e) })
	if err != nil {
		t.Fatal(err)
	}
	if s := got.Sections[i]; s.Status != draft.StatusDone || !strings.Contains(s.Text, "整改隐患86处") {
		t.Errorf("rewritten section = %+v", s)
	}
	if len(events) < 2 || events[0].Status != "start" || events[len(events)-1].Status != "done" || events[0].Total != 1 {
		t.Errorf("progress = %+v, want start … done as one section of one", events)
	}
	for k, s := range got.Sections {
		if !s.Write {
			if _, err := svc.RewriteSection(context.Background(), got, k, nil); err == nil {
				t.Errorf("rewriting the part heading %q succeeded", s.Heading)
			}
			break
		}
	}
	if _, err := svc.RewriteSection(context.Background(), got, len(got.Sections), nil); err == nil || errors.Is(err, draft.ErrNothingToRewrite) {
		t.Errorf("an index past the end: %v", err)
	}
}

// failingRuns is a RunStore whose CreateRun fails as the SQLite store does.
type failingRuns struct{ memRuns }

func (*failingRuns) CreateRun(context.Context, draft.Run) (int64, error) {
	return 0, errors.New("保存草稿记录: database is locked")
}

// TestRunStoreErrorIsNotPrefixedTwice checks that the store's error reaches
// the user as it is, not as "保存草稿记录: 保存草稿记录: …".
func TestRunStoreErrorIsNotPrefixedTwice(t *testing.T) {
	svc, _ := benchService(&testing.B{}, 0, 1)
	svc.Completer = nil
	svc.Runs = &failingRuns{}
	const facts = "org: 岚湖县教育局\nyear: 2024\nsections:\n  师资: [招聘特岗教师72名]\n"
	f, err := draft.LoadFacts("t.yaml", []byte(facts), taxonomy())
	if err != nil {
		t.Fatal(err)
	}
	_, err = svc.Draft(context.Background(), draft.Request{Facts: f, FactsYAML: facts})
	if err == nil || strings.Count(err.Error(), "保存草稿记录") != 1 {
		t.Fatalf("Draft error = %v; want the store's message once", err)
	}
}
