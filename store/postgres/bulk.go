package postgres

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// bulkBatch is how many documents BulkLoad copies per round.
const bulkBatch = 5000

// BulkLoad stores docs, read from source, with COPY in one transaction:
// how benchmarks build a corpus of a million sections in minutes instead
// of hours. The rows are the ones SaveDocument writes (the same hash,
// columns and tsvector literal); the full-text index is dropped while they
// are copied and built again at the end. Unlike SaveDocument it neither
// skips duplicates (a duplicate text fails the load) nor may run beside
// other writers. It returns how many documents it stored; call Optimize
// after it.
func (db *DB) BulkLoad(ctx context.Context, source string, docs iter.Seq[corpus.Document]) (n int, err error) {
	err = db.write(ctx, "批量导入", func(tx pgx.Tx) error {
		n, err = bulkLoad(ctx, tx, source, docs)
		return err
	})
	return n, err
}

// bulkLoad copies docs in batches between dropping and rebuilding the
// full-text index, then moves the id sequences past the copied ids.
func bulkLoad(ctx context.Context, tx pgx.Tx, source string, docs iter.Seq[corpus.Document]) (int, error) {
	var indexDef string
	if err := tx.QueryRow(ctx, `SELECT pg_get_indexdef('sections_tsv'::regclass)`).Scan(&indexDef); err != nil {
		return 0, err
	}
	for _, stmt := range []string{`SET LOCAL maintenance_work_mem = '1GB'`, `DROP INDEX sections_tsv`} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return 0, err
		}
	}
	var b bulkIDs
	if err := tx.QueryRow(ctx, `SELECT coalesce((SELECT max(id) FROM documents), 0), coalesce((SELECT max(id) FROM sections), 0)`).Scan(&b.doc, &b.section); err != nil {
		return 0, err
	}
	n, batch := 0, make([]corpus.Document, 0, bulkBatch)
	now := time.Now()
	for d := range docs {
		if batch = append(batch, d); len(batch) == bulkBatch {
			if err := b.copy(ctx, tx, source, batch, now); err != nil {
				return n, err
			}
			n, batch = n+len(batch), batch[:0]
		}
	}
	if err := b.copy(ctx, tx, source, batch, now); err != nil {
		return n, err
	}
	n += len(batch)
	for _, stmt := range []string{indexDef,
		`SELECT setval(pg_get_serial_sequence('documents', 'id'), greatest(1, (SELECT max(id) FROM documents)))`,
		`SELECT setval(pg_get_serial_sequence('sections', 'id'), greatest(1, (SELECT max(id) FROM sections)))`} {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return n, err
		}
	}
	return n, nil
}

// bulkIDs are the last document and section ids used.
type bulkIDs struct{ doc, section int64 }

// copy copies one batch of documents with their sections and figures.
func (b *bulkIDs) copy(ctx context.Context, tx pgx.Tx, source string, batch []corpus.Document, now time.Time) error {
	if len(batch) == 0 {
		return nil
	}
	var docRows, secRows, figRows [][]any
	for _, d := range batch {
		p, err := textindex.Prepare(source, "UTF-8", d)
		if err != nil {
			return err
		}
		b.doc++
		docRows = append(docRows, []any{b.doc, p.Hash(), clean(source), "UTF-8", clean(d.Title), clean(d.Org),
			nullInt(d.Year), clean(d.Period), clean(d.Kind), now})
		for i, s := range d.Sections {
			b.section++
			secRows = append(secRows, []any{b.section, b.doc, i, clean(s.ID), clean(s.Parent), s.Level, clean(s.Marker),
				clean(s.Heading), clean(s.Part), clean(s.Category), clean(s.Text), vector(s.Heading, s.Text)})
			for j, f := range s.Figures {
				var value *float64
				if !f.Placeholder {
					value = &f.Value
				}
				figRows = append(figRows, []any{b.section, j, clean(f.Text), value, clean(f.Unit), clean(f.Label), f.Placeholder})
			}
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"documents", []string{"id", "hash", "source", "encoding", "title", "org", "year", "period", "kind", "created_at"}, docRows},
		{"sections", []string{"id", "doc_id", "seq", "path", "parent_path", "level", "marker", "heading", "part", "category", "text", "tsv"}, secRows},
		{"figures", []string{"section_id", "seq", "text", "value", "unit", "label", "placeholder"}, figRows},
	} {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("复制 %s: %w", c.table, err)
		}
	}
	return nil
}
