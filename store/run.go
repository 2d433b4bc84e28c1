package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zongjie/zongjie/draft"
)

var _ draft.RunStore = (*DB)(nil)

// CreateRun stores a new draft run with its sections and returns its id.
func (db *DB) CreateRun(ctx context.Context, r draft.Run) (int64, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("保存草稿记录: %w", err)
	}
	defer tx.Rollback()

	tmpl, err := json.Marshal(r.Template)
	if err != nil {
		return 0, fmt.Errorf("保存草稿记录: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO runs (title, mode, facts_name, facts_yaml, template, opening, out_path, owner, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Title, r.Mode, r.FactsName, r.FactsYAML, string(tmpl), r.Opening, r.OutPath, r.Owner, time.Now().UTC().Format("2006-01-02T15:04:05.000000000Z"))
	if err != nil {
		return 0, fmt.Errorf("保存草稿记录: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("保存草稿记录: %w", err)
	}
	for _, s := range r.Sections {
		if err := upsertRunSection(ctx, tx, id, s); err != nil {
			return 0, fmt.Errorf("保存草稿记录: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("保存草稿记录: %w", err)
	}
	return id, nil
}

// SaveRunSection stores one section's state in a run.
func (db *DB) SaveRunSection(ctx context.Context, runID int64, s draft.RunSection) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("保存草稿小节 %d/%d: %w", runID, s.Seq, err)
	}
	defer tx.Rollback()
	if err := upsertRunSection(ctx, tx, runID, s); err != nil {
		return fmt.Errorf("保存草稿小节 %d/%d: %w", runID, s.Seq, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("保存草稿小节 %d/%d: %w", runID, s.Seq, err)
	}
	return nil
}

// SaveRunOpening stores the opening paragraph of a run.
func (db *DB) SaveRunOpening(ctx context.Context, runID int64, text string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("保存草稿开头 %d: %w", runID, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE runs SET opening = ? WHERE id = ?`, text, runID); err != nil {
		return fmt.Errorf("保存草稿开头 %d: %w", runID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("保存草稿开头 %d: %w", runID, err)
	}
	return nil
}

// GetRun loads a run and its sections in order; the error wraps
// draft.ErrRunNotFound when there is none.
func (db *DB) GetRun(ctx context.Context, id int64) (draft.Run, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return draft.Run{}, fmt.Errorf("读取草稿记录 %d: %w", id, err)
	}
	defer tx.Rollback()
	r, err := findRun(ctx, tx, id)
	if err != nil {
		return draft.Run{}, fmt.Errorf("读取草稿记录 %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return draft.Run{}, fmt.Errorf("读取草稿记录 %d: %w", id, err)
	}
	return r, nil
}

func upsertRunSection(ctx context.Context, tx *sql.Tx, runID int64, s draft.RunSection) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO run_sections (run_id, seq, level, marker, heading, part, category, write, status, text, error)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (run_id, seq) DO UPDATE SET status = excluded.status, text = excluded.text, error = excluded.error`,
		runID, s.Seq, s.Level, s.Marker, s.Heading, s.Part, s.Category, boolInt(s.Write), s.Status, s.Text, s.Error)
	return err
}

func findRun(ctx context.Context, tx *sql.Tx, id int64) (draft.Run, error) {
	var r draft.Run
	var tmpl, created string
	err := tx.QueryRowContext(ctx, `SELECT id, title, mode, facts_name, facts_yaml, template, opening, out_path, owner, created_at FROM runs WHERE id = ?`, id).
		Scan(&r.ID, &r.Title, &r.Mode, &r.FactsName, &r.FactsYAML, &tmpl, &r.Opening, &r.OutPath, &r.Owner, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return r, draft.ErrRunNotFound
	}
	if err != nil {
		return r, err
	}
	if err := json.Unmarshal([]byte(tmpl), &r.Template); err != nil {
		return r, fmt.Errorf("模板记录损坏: %w", err)
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	rows, err := tx.QueryContext(ctx, `SELECT seq, level, marker, heading, part, category, write, status, text, error
		FROM run_sections WHERE run_id = ? ORDER BY seq`, id)
	if err != nil {
		return r, err
	}
	defer rows.Close()
	for rows.Next() {
		var s draft.RunSection
		var write int
		if err := rows.Scan(&s.Seq, &s.Level, &s.Marker, &s.Heading, &s.Part, &s.Category, &write, &s.Status, &s.Text, &s.Error); err != nil {
			return r, err
		}
		s.Write = write == 1
		r.Sections = append(r.Sections, s)
	}
	return r, rows.Err()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
