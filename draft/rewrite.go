package draft

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/zongjie/zongjie/errkind"
)

// ErrNothingToRewrite is returned for a section the run's facts give no
// content to.
var ErrNothingToRewrite = errkind.New(errkind.Invalid, "这一节没有可重写的内容（该类别没有事实）")

// RewriteSection writes section i of a stored run again, from the run's own
// facts and template, stores it and returns the run as stored afterwards.
// The outline is the full draft's, so the section gets the same facts and
// plan tasks as in the first run; only that one section is written.
func (s *Service) RewriteSection(ctx context.Context, run Run, i int, progress func(Event)) (Run, error) {
	if s.Runs == nil {
		return run, errors.New("重写小节需要草稿记录")
	}
	if i < 0 || i >= len(run.Sections) || !run.Sections[i].Write {
		return run, fmt.Errorf("草稿 %d 中没有第 %d 节", run.ID, i)
	}
	target := run.Sections[i]
	facts, err := LoadFacts(run.FactsName, []byte(run.FactsYAML), s.Taxonomy)
	if err != nil {
		return run, err
	}
	items := s.Outline(facts, run.Template)
	j := matchRunSection(items, target)
	if j < 0 {
		return run, ErrNothingToRewrite
	}
	text, err := s.rewriteText(ctx, facts, items, j, progress)
	if err != nil {
		return run, err
	}
	target.Status, target.Text, target.Error = StatusDone, text, ""
	if err := s.Runs.SaveRunSection(context.WithoutCancel(ctx), run.ID, target); err != nil {
		return run, fmt.Errorf("保存重写的小节: %w", err)
	}
	return s.Runs.GetRun(ctx, run.ID)
}

// rewriteText writes item j of the outline, offline or with the model,
// telling progress as one section of one.
func (s *Service) rewriteText(ctx context.Context, f Facts, items []OutlineItem, j int, progress func(Event)) (string, error) {
	emit := func(e Event) {
		if progress != nil {
			e.Seq, e.Total, e.Heading, e.Category = 1, 1, items[j].Heading, items[j].Category
			progress(e)
		}
	}
	start := time.Now()
	emit(Event{Status: "start"})
	mode := ModeLLM
	if s.Completer == nil {
		mode = ModeOffline
		composed, err := s.composeOffline(ctx, f, items)
		if err != nil {
			return "", err
		}
		items[j].composed = composed[j]
	}
	text, err := s.writeSection(ctx, f, items[j], mode, func(d string) { emit(Event{Status: "delta", Delta: d}) }, func() { emit(Event{Status: "repair"}) })
	status := "done"
	if err != nil {
		status = "failed"
	}
	emit(Event{Status: status, Elapsed: time.Since(start), Err: err})
	return text, err
}

// matchRunSection finds the outline item a stored section was written for:
// the same part and category.
func matchRunSection(items []OutlineItem, s RunSection) int {
	for j, it := range items {
		if it.Write && it.Part == s.Part && it.Category == s.Category {
			return j
		}
	}
	return -1
}
