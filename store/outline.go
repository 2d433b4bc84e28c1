package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store/textindex"
)

// CorpusVersion returns a number that changes whenever a report is added,
// removed or changed, for caches of what is mined from the whole corpus.
func (db *DB) CorpusVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := db.read.QueryRowContext(ctx, `SELECT version FROM corpus_state WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("读取语料库版本: %w", err)
	}
	return v, nil
}

// DocumentPage returns up to limit documents, newest first, skipping the
// offset newest, and how many documents there are in all: one page of the
// corpus list.
func (db *DB) DocumentPage(ctx context.Context, offset, limit int) ([]corpus.DocumentRecord, int, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("列出文档: %w", err)
	}
	defer tx.Rollback()

	var total int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("列出文档: %w", err)
	}
	docs, err := queryDocuments(ctx, tx, `ORDER BY d.id DESC LIMIT ? OFFSET ?`, max(limit, 0), max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("列出文档: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, fmt.Errorf("列出文档: %w", err)
	}
	return docs, total, nil
}

// Template returns the skeleton of document id: its headings with level,
// marker, part and category, without their text. It returns an error
// wrapping ErrNotFound if there is no document id.
func (db *DB) Template(ctx context.Context, id int64) (draft.Template, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return draft.Template{}, fmt.Errorf("读取模板 %d: %w", id, err)
	}
	defer tx.Rollback()

	docs, err := queryDocuments(ctx, tx, `WHERE d.id = ?`, id)
	if err != nil {
		return draft.Template{}, fmt.Errorf("读取模板 %d: %w", id, err)
	}
	if len(docs) == 0 {
		return draft.Template{}, fmt.Errorf("读取模板 %d: %w", id, ErrNotFound)
	}
	ts, err := queryTemplates(ctx, tx, docs)
	if err != nil {
		return draft.Template{}, fmt.Errorf("读取模板 %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return draft.Template{}, fmt.Errorf("读取模板 %d: %w", id, err)
	}
	return ts[0], nil
}

// Templates returns the skeletons of the stored documents of kind (of all
// documents when kind is ""), in id order: what mining the canonical
// template of a kind needs, without any section text.
func (db *DB) Templates(ctx context.Context, kind string) ([]draft.Template, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("读取模板: %w", err)
	}
	defer tx.Rollback()

	where, args := `WHERE d.kind = ?`, []any{kind}
	if kind == "" {
		where, args = ``, nil
	}
	docs, err := queryDocuments(ctx, tx, where+` ORDER BY d.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("读取模板: %w", err)
	}
	ts, err := queryTemplates(ctx, tx, docs)
	if err != nil {
		return nil, fmt.Errorf("读取模板: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("读取模板: %w", err)
	}
	return ts, nil
}

// queryDocuments returns the documents d selected by tail (a WHERE and/or
// ORDER BY clause) with their section counts.
func queryDocuments(ctx context.Context, tx *sql.Tx, tail string, args ...any) ([]corpus.DocumentRecord, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT d.id, d.source, d.encoding, d.title, d.org, coalesce(d.year, 0), d.period, d.kind, d.created_at, d.added_by,
		       (SELECT count(*) FROM sections s WHERE s.doc_id = d.id)
		FROM documents d `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var docs []corpus.DocumentRecord
	for rows.Next() {
		var d corpus.DocumentRecord
		var created string
		if err := rows.Scan(&d.ID, &d.Source, &d.Encoding, &d.Title, &d.Org, &d.Year, &d.Period, &d.Kind, &created, &d.AddedBy, &d.SectionCount); err != nil {
			return nil, err
		}
		if d.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, rows.Err()
}

// queryTemplates reads the headings (sections above level 0) of docs, in
// one query, into one template per document, in the order of docs.
func queryTemplates(ctx context.Context, tx *sql.Tx, docs []corpus.DocumentRecord) ([]draft.Template, error) {
	ts, byID, ids := textindex.Skeletons(docs)
	if len(docs) == 0 {
		return ts, nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT s.doc_id, s.level, s.marker, s.heading, s.part, s.category
		FROM sections s
		WHERE s.doc_id IN (SELECT value FROM json_each(?)) AND s.level > 0
		ORDER BY s.doc_id, s.seq`, jsonInts(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var s draft.TemplateSection
		if err := rows.Scan(&id, &s.Level, &s.Marker, &s.Heading, &s.Part, &s.Category); err != nil {
			return nil, err
		}
		if t := byID[id]; t != nil {
			t.Sections = append(t.Sections, s)
		}
	}
	return ts, rows.Err()
}
