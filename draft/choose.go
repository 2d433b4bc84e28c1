package draft

import (
	"context"
	"errors"
	"fmt"

	"github.com/zongjie/zongjie/corpus"
)

// DocumentSource is what template choice needs from the corpus.
type DocumentSource interface {
	Documents(ctx context.Context) ([]corpus.DocumentRecord, error)
	Document(ctx context.Context, id int64) (corpus.DocumentRecord, []corpus.Section, error)
}

// ErrNoSuchTemplate is returned when a template id names no report.
var ErrNoSuchTemplate = errors.New("语料库中没有这篇报告")

// ChooseTemplate is the one rule for a draft's structure, used by the CLI
// and the web page: the report docID of the corpus when not zero; else the
// common structure of the corpus's reports of the kind (then of
// summary+plan, then of summaries, then of any); else a default outline.
// notFound, when not nil, is the store's error for a missing document.
func ChooseTemplate(ctx context.Context, src DocumentSource, docID int64, kind, fallback string, notFound error) (Template, error) {
	if docID != 0 {
		rec, secs, err := src.Document(ctx, docID)
		if notFound != nil && errors.Is(err, notFound) {
			return Template{}, fmt.Errorf("模板 %d：%w（用 zongjie templates 查看可用的报告）", docID, ErrNoSuchTemplate)
		}
		if err != nil {
			return Template{}, fmt.Errorf("读取模板 %d：%w", docID, err)
		}
		return TemplateFromDocument(rec, secs), nil
	}
	recs, err := src.Documents(ctx)
	if err != nil {
		return Template{}, fmt.Errorf("读取语料库：%w", err)
	}
	ts := make([]Template, 0, len(recs))
	for _, rec := range recs {
		rec, secs, err := src.Document(ctx, rec.ID)
		if err != nil {
			return Template{}, fmt.Errorf("读取报告 %d：%w", rec.ID, err)
		}
		ts = append(ts, TemplateFromDocument(rec, secs))
	}
	for _, k := range []string{kind, corpus.KindSummaryPlan, corpus.KindSummary, ""} {
		if t := CanonicalTemplate(k, ts, fallback); len(t.Sections) > 0 {
			return t, nil
		}
	}
	return Template{Title: "默认结构", Kind: kind}, nil
}
