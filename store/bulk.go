package store

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/zongjie/zongjie/corpus"
)

// bulkBatch is how many documents BulkLoad stores per transaction.
const bulkBatch = 5000

// BulkLoad stores docs, read from source, a few thousand per transaction
// with their full-text index rows written in the same transaction: how
// benchmarks build a corpus of a million sections quickly. The rows are
// the ones SaveDocument writes; unlike it, BulkLoad fails on a duplicate
// text. It returns how many documents it stored; call Optimize after it.
func (db *DB) BulkLoad(ctx context.Context, source string, docs iter.Seq[corpus.Document]) (int, error) {
	n, batch := 0, make([]corpus.Document, 0, bulkBatch)
	for d := range docs {
		if batch = append(batch, d); len(batch) == bulkBatch {
			if err := db.bulkSave(ctx, source, batch); err != nil {
				return n, err
			}
			n, batch = n+len(batch), batch[:0]
		}
	}
	if err := db.bulkSave(ctx, source, batch); err != nil {
		return n, err
	}
	return n + len(batch), nil
}

// bulkSave stores docs and indexes them in one transaction.
func (db *DB) bulkSave(ctx context.Context, source string, docs []corpus.Document) error {
	if len(docs) == 0 {
		return nil
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("批量导入: %w", err)
	}
	defer tx.Rollback()
	now := time.Now()
	for _, d := range docs {
		p, err := Prepare(source, "UTF-8", d)
		if err != nil {
			return err
		}
		_, created, err := saveDocument(ctx, tx, p, now)
		if err != nil {
			return fmt.Errorf("批量导入 %q: %w", d.Title, err)
		}
		if !created {
			return fmt.Errorf("批量导入 %q: 正文重复", d.Title)
		}
	}
	if _, err := indexPending(ctx, tx); err != nil {
		return fmt.Errorf("批量导入: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("批量导入: %w", err)
	}
	return nil
}
