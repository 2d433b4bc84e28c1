package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store/textindex"
)

// CorpusVersion returns a number that changes whenever a report is added,
// removed or changed, for caches of what is mined from the whole corpus.
func (db *DB) CorpusVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.pool.QueryRow(ctx, `SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM corpus_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("读取语料库版本: %w", err)
	}
	return v, nil
}

// DocumentPage returns up to limit documents, newest first, skipping the
// offset newest, and how many documents there are in all: one page of the
// corpus list.
func (db *DB) DocumentPage(ctx context.Context, offset, limit int) (docs []corpus.DocumentRecord, total int, err error) {
	err = db.read(ctx, "列出文档", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&total); err != nil {
			return err
		}
		docs, err = queryDocuments(ctx, tx, `ORDER BY d.id DESC LIMIT $1 OFFSET $2`, max(limit, 0), max(offset, 0))
		return err
	})
	return docs, total, err
}

// Template returns the skeleton of document id: its headings with level,
// marker, part and category, without their text. It returns an error
// wrapping ErrNotFound if there is no document id.
func (db *DB) Template(ctx context.Context, id int64) (t draft.Template, err error) {
	err = db.read(ctx, fmt.Sprintf("读取模板 %d", id), func(tx pgx.Tx) error {
		ts, err := queryTemplates(ctx, tx, `WHERE d.id = $1`, id)
		if err == nil && len(ts) == 0 {
			err = ErrNotFound
		}
		if err == nil {
			t = ts[0]
		}
		return err
	})
	return t, err
}

// Templates returns the skeletons of the stored documents of kind (of all
// documents when kind is ""), in id order: what mining the canonical
// template of a kind needs, without any section text.
func (db *DB) Templates(ctx context.Context, kind string) (ts []draft.Template, err error) {
	err = db.read(ctx, "读取模板", func(tx pgx.Tx) error {
		where, args := `WHERE d.kind = $1`, []any{kind}
		if kind == "" {
			where, args = ``, nil
		}
		ts, err = queryTemplates(ctx, tx, where, args...)
		return err
	})
	return ts, err
}

// queryDocuments returns the documents d selected by tail (a WHERE and/or
// ORDER BY clause) with their section counts.
func queryDocuments(ctx context.Context, tx pgx.Tx, tail string, args ...any) ([]corpus.DocumentRecord, error) {
	rows, err := tx.Query(ctx, `
		SELECT d.id, d.source, d.encoding, d.title, d.org, coalesce(d.year, 0), d.period, d.kind, d.created_at, d.added_by,
		       (SELECT count(*) FROM sections s WHERE s.doc_id = d.id)
		FROM documents d `+tail, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (corpus.DocumentRecord, error) {
		var d corpus.DocumentRecord
		err := row.Scan(&d.ID, &d.Source, &d.Encoding, &d.Title, &d.Org, &d.Year, &d.Period, &d.Kind, &d.CreatedAt, &d.AddedBy, &d.SectionCount)
		d.CreatedAt = d.CreatedAt.UTC()
		return d, err
	})
}

// queryTemplates reads the documents selected by where, in id order, and
// their headings (sections above level 0) into one template each.
func queryTemplates(ctx context.Context, tx pgx.Tx, where string, args ...any) ([]draft.Template, error) {
	docs, err := queryDocuments(ctx, tx, where+` ORDER BY d.id`, args...)
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	ts, byID, ids := textindex.Skeletons(docs)
	rows, err := tx.Query(ctx, `
		SELECT s.doc_id, s.level, s.marker, s.heading, s.part, s.category
		FROM sections s
		WHERE s.doc_id = ANY($1) AND s.level > 0
		ORDER BY s.doc_id, s.seq`, ids)
	if err != nil {
		return nil, err
	}
	var id int64
	var s draft.TemplateSection
	_, err = pgx.ForEachRow(rows, []any{&id, &s.Level, &s.Marker, &s.Heading, &s.Part, &s.Category}, func() error {
		byID[id].Sections = append(byID[id].Sections, s)
		return nil
	})
	return ts, err
}
