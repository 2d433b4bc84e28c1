package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// RemoveDocuments deletes the documents ids with their sections and
// figures, in one transaction, and returns the records of those it removed,
// in the order of ids; ids of no document are skipped.
func (db *DB) RemoveDocuments(ctx context.Context, ids []int64) (removed []corpus.DocumentRecord, err error) {
	err = db.write(ctx, "删除报告", func(tx pgx.Tx) error {
		for _, id := range ids {
			docs, err := queryDocuments(ctx, tx, `WHERE d.id = $1`, id)
			if err == nil && len(docs) > 0 {
				_, err = tx.Exec(ctx, `DELETE FROM documents WHERE id = $1`, id)
				removed = append(removed, docs...)
			}
			if err != nil {
				return fmt.Errorf("%d: %w", id, err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return removed, nil
}

// RemoveReplaced deletes the documents stored from source whose text is
// that of none of current (the documents of the file as it now is): what an
// earlier version of the file added. It returns how many it removed.
func (db *DB) RemoveReplaced(ctx context.Context, source string, current []Prepared) (n int, err error) {
	err = db.write(ctx, fmt.Sprintf("替换 %s 的旧版本", source), func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM documents WHERE source = $1 AND NOT (hash = ANY($2))`,
			clean(source), textindex.Hashes(current))
		n = int(tag.RowsAffected())
		return err
	})
	return n, err
}

// Seeded reports whether the built-in sample reports were offered to this
// database already (see MarkSeeded).
func (db *DB) Seeded(ctx context.Context) (bool, error) {
	var seeded bool
	if err := db.pool.QueryRow(ctx, `SELECT seeded FROM corpus_state WHERE id = 1`).Scan(&seeded); err != nil {
		return false, fmt.Errorf("读取语料库状态: %w", err)
	}
	return seeded, nil
}

// MarkSeeded records that the built-in sample reports were offered, so they
// are not loaded again after the user removed them.
func (db *DB) MarkSeeded(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, `UPDATE corpus_state SET seeded = true WHERE id = 1`); err != nil {
		return fmt.Errorf("记录语料库状态: %w", err)
	}
	return nil
}
