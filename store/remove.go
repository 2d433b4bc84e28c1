package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// RemoveDocuments deletes the documents ids with their sections, figures
// and index rows, in one transaction, and returns the records of those it
// removed, in the order of ids; ids of no document are skipped.
func (db *DB) RemoveDocuments(ctx context.Context, ids []int64) ([]corpus.DocumentRecord, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("删除报告: %w", err)
	}
	defer tx.Rollback()

	var removed []corpus.DocumentRecord
	for _, id := range ids {
		docs, err := queryDocuments(ctx, tx, `WHERE d.id = ?`, id)
		if err == nil && len(docs) > 0 {
			_, err = tx.ExecContext(ctx, `DELETE FROM documents WHERE id = ?`, id)
			removed = append(removed, docs...)
		}
		if err != nil {
			return nil, fmt.Errorf("删除报告 %d: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("删除报告: %w", err)
	}
	return removed, nil
}

// RemoveReplaced deletes the documents stored from source whose text is
// that of none of current (the documents of the file as it now is): what an
// earlier version of the file added. It returns how many it removed.
func (db *DB) RemoveReplaced(ctx context.Context, source string, current []Prepared) (int, error) {
	hashes := textindex.Hashes(current)
	res, err := db.write.ExecContext(ctx, `
		DELETE FROM documents
		WHERE source = ? AND hash NOT IN (SELECT value FROM json_each(?))`, source, jsonStrings(hashes))
	if err != nil {
		return 0, fmt.Errorf("替换 %s 的旧版本: %w", source, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("替换 %s 的旧版本: %w", source, err)
	}
	return int(n), nil
}

// Seeded reports whether the built-in sample reports were offered to this
// database already (see MarkSeeded).
func (db *DB) Seeded(ctx context.Context) (bool, error) {
	var seeded bool
	if err := db.read.QueryRowContext(ctx, `SELECT seeded FROM corpus_state WHERE id = 1`).Scan(&seeded); err != nil {
		return false, fmt.Errorf("读取语料库状态: %w", err)
	}
	return seeded, nil
}

// MarkSeeded records that the built-in sample reports were offered, so they
// are not loaded again after the user removed them.
func (db *DB) MarkSeeded(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `UPDATE corpus_state SET seeded = 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("记录语料库状态: %w", err)
	}
	return nil
}

// jsonStrings writes ss as a JSON array, for json_each.
func jsonStrings(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss) // strings always marshal
	return string(b)
}
