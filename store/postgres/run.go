package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/draft"
)

var _ draft.RunStore = (*DB)(nil)

// CreateRun stores a new draft run with its sections and returns its id.
func (db *DB) CreateRun(ctx context.Context, r draft.Run) (id int64, err error) {
	err = db.write(ctx, "保存草稿记录", func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO runs (title, mode, facts_name, facts_yaml, template, opening, out_path, owner, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			clean(r.Title), clean(r.Mode), clean(r.FactsName), clean(r.FactsYAML), r.Template, clean(r.Opening), clean(r.OutPath), r.Owner, time.Now(),
		).Scan(&id); err != nil {
			return err
		}
		for _, s := range r.Sections {
			if err := upsertRunSection(ctx, tx, id, s); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// SaveRunSection stores one section's state in a run.
func (db *DB) SaveRunSection(ctx context.Context, runID int64, s draft.RunSection) error {
	return db.write(ctx, fmt.Sprintf("保存草稿小节 %d/%d", runID, s.Seq), func(tx pgx.Tx) error {
		return upsertRunSection(ctx, tx, runID, s)
	})
}

// SaveRunOpening stores the opening paragraph of a run.
func (db *DB) SaveRunOpening(ctx context.Context, runID int64, text string) error {
	return db.write(ctx, fmt.Sprintf("保存草稿开头 %d", runID), func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE runs SET opening = $1 WHERE id = $2`, clean(text), runID)
		return err
	})
}

// GetRun loads a run and its sections in order; the error wraps
// draft.ErrRunNotFound when there is none.
func (db *DB) GetRun(ctx context.Context, id int64) (r draft.Run, err error) {
	err = db.read(ctx, fmt.Sprintf("读取草稿记录 %d", id), func(tx pgx.Tx) error {
		r, err = findRun(ctx, tx, id)
		return err
	})
	return r, err
}

// upsertRunSection inserts a run's section or updates its state.
func upsertRunSection(ctx context.Context, tx pgx.Tx, runID int64, s draft.RunSection) error {
	_, err := tx.Exec(ctx, `INSERT INTO run_sections (run_id, seq, level, marker, heading, part, category, write, status, text, error)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (run_id, seq) DO UPDATE SET status = excluded.status, text = excluded.text, error = excluded.error`,
		runID, s.Seq, s.Level, clean(s.Marker), clean(s.Heading), clean(s.Part), clean(s.Category), s.Write,
		clean(s.Status), clean(s.Text), clean(s.Error))
	return err
}

// findRun reads run id and its sections.
func findRun(ctx context.Context, tx pgx.Tx, id int64) (draft.Run, error) {
	var r draft.Run
	err := tx.QueryRow(ctx, `SELECT id, title, mode, facts_name, facts_yaml, template, opening, out_path, owner, created_at FROM runs WHERE id = $1`, id).
		Scan(&r.ID, &r.Title, &r.Mode, &r.FactsName, &r.FactsYAML, &r.Template, &r.Opening, &r.OutPath, &r.Owner, &r.CreatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, draft.ErrRunNotFound
	}
	if err != nil {
		return r, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	rows, err := tx.Query(ctx, `SELECT seq, level, marker, heading, part, category, write, status, text, error
		FROM run_sections WHERE run_id = $1 ORDER BY seq`, id)
	if err != nil {
		return r, err
	}
	r.Sections, err = pgx.CollectRows(rows, pgx.RowToStructByPos[draft.RunSection])
	return r, err
}
