package draft

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
)

// TemplateSource is what template choice needs from the corpus: skeletons
// (headings without their text), never whole documents.
type TemplateSource interface {
	// Template returns the skeleton of report id; the error matches the
	// notFound given to ChooseTemplate when there is none.
	Template(ctx context.Context, id int64) (Template, error)
	// Templates returns the skeletons of the reports of kind ("" for all).
	Templates(ctx context.Context, kind string) ([]Template, error)
	// CorpusVersion changes whenever a report is added, removed or changed.
	CorpusVersion(ctx context.Context) (int64, error)
}

// ErrNoSuchTemplate is returned when a template id names no report.
var ErrNoSuchTemplate = errkind.New(errkind.NotFound, "语料库中没有这篇报告")

// canonicalKinds is the order in which ChooseTemplate looks for a common
// structure: the kind asked for, then summary+plan, summaries, any report.
func canonicalKinds(kind string) []string {
	return []string{kind, corpus.KindSummaryPlan, corpus.KindSummary, ""}
}

// ChooseTemplate is the one rule for a draft's structure, used by the CLI
// and the web page: the report docID of the corpus when not zero; else the
// common structure of the corpus's reports of the kind (then of
// summary+plan, then of summaries, then of any); else a default outline.
// notFound, when not nil, is the store's error for a missing document.
func ChooseTemplate(ctx context.Context, src TemplateSource, docID int64, kind, fallback string, notFound error) (Template, error) {
	c := &TemplateChooser{Source: src, Fallback: fallback, NotFound: notFound}
	return c.Choose(ctx, docID, kind)
}

// TemplateChooser applies ChooseTemplate's rule and keeps the common
// structures it mined until the corpus version changes, so a long-running
// server mines each kind once per change of the corpus. It is safe for
// concurrent use; the zero value needs Source set.
type TemplateChooser struct {
	// Source is the corpus the templates come from.
	Source TemplateSource
	// Fallback is the taxonomy's catch-all category.
	Fallback string
	// NotFound, when not nil, is the store's error for a missing document.
	NotFound error

	mining  sync.Mutex // one mining at a time: concurrent misses wait, then hit
	mu      sync.Mutex
	version int64
	cached  map[string]Template // by the kind asked for
}

// Choose returns the template of report docID when not zero, else the
// common structure for kind (see ChooseTemplate).
func (c *TemplateChooser) Choose(ctx context.Context, docID int64, kind string) (Template, error) {
	if docID != 0 {
		t, err := c.Source.Template(ctx, docID)
		if c.NotFound != nil && errors.Is(err, c.NotFound) {
			return Template{}, fmt.Errorf("模板 %d：%w（用 zongjie templates 查看可用的报告）", docID, ErrNoSuchTemplate)
		}
		if err != nil {
			return Template{}, fmt.Errorf("读取模板 %d：%w", docID, err)
		}
		return t, nil
	}
	version, err := c.Source.CorpusVersion(ctx)
	if err != nil {
		return Template{}, fmt.Errorf("读取语料库：%w", err)
	}
	if t, ok := c.lookup(version, kind); ok {
		return t, nil
	}
	c.mining.Lock()
	defer c.mining.Unlock()
	if t, ok := c.lookup(version, kind); ok {
		return t, nil
	}
	t, err := c.mine(ctx, kind)
	if err != nil {
		return Template{}, err
	}
	c.store(version, kind, t)
	return t, nil
}

// lookup returns the structure cached for kind at version.
func (c *TemplateChooser) lookup(version int64, kind string) (Template, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version {
		return Template{}, false
	}
	t, ok := c.cached[kind]
	return t, ok
}

// store caches t for kind at version, dropping what was mined at another.
func (c *TemplateChooser) store(version int64, kind string, t Template) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.cached == nil {
		c.version, c.cached = version, map[string]Template{}
	}
	c.cached[kind] = t
}

// mine finds the common structure for kind, reading the skeletons of one
// kind at a time, in the order of canonicalKinds.
func (c *TemplateChooser) mine(ctx context.Context, kind string) (Template, error) {
	for _, k := range canonicalKinds(kind) {
		ts, err := c.Source.Templates(ctx, k)
		if err != nil {
			return Template{}, fmt.Errorf("读取语料库：%w", err)
		}
		if t := CanonicalTemplate(k, ts, c.Fallback); len(t.Sections) > 0 {
			return t, nil
		}
	}
	return Template{Title: "默认结构", Kind: kind}, nil
}
