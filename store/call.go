package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/zongjie/zongjie/draft"
)

// LogCall appends c to the call log and returns its id. c.ID is ignored; a
// zero c.CreatedAt is taken as now. Latency is kept in whole milliseconds.
func (db *DB) LogCall(ctx context.Context, c draft.Call) (int64, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("记录模型调用 %s: %w", c.Purpose, err)
	}
	defer tx.Rollback()

	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	id, err := createCall(ctx, tx, c)
	if err != nil {
		return 0, fmt.Errorf("记录模型调用 %s: %w", c.Purpose, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("记录模型调用 %s: %w", c.Purpose, err)
	}
	return id, nil
}

// Calls returns the newest limit calls of the log, newest first; limit ≤ 0
// means all of them.
func (db *DB) Calls(ctx context.Context, limit int) ([]draft.Call, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出模型调用: %w", err)
	}
	defer tx.Rollback()

	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	calls, err := findCalls(ctx, tx, `ORDER BY created_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("列出模型调用: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出模型调用: %w", err)
	}
	return calls, nil
}

// Call returns the logged call id, or an error wrapping ErrNotFound.
func (db *DB) Call(ctx context.Context, id int64) (draft.Call, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return draft.Call{}, fmt.Errorf("读取模型调用 %d: %w", id, err)
	}
	defer tx.Rollback()

	calls, err := findCalls(ctx, tx, `WHERE id = ?`, id)
	if err == nil && len(calls) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return draft.Call{}, fmt.Errorf("读取模型调用 %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return draft.Call{}, fmt.Errorf("读取模型调用 %d: %w", id, err)
	}
	return calls[0], nil
}

func createCall(ctx context.Context, tx *sql.Tx, c draft.Call) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO calls (purpose, model, prompt, response, prompt_tokens, completion_tokens,
		                   finish_reason, latency_ms, error, created_at, user_id, user_name)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Purpose, c.Model, c.Prompt, c.Response, c.PromptTokens, c.CompletionTokens,
		c.FinishReason, c.Latency.Milliseconds(), c.Error, formatTime(c.CreatedAt), c.UserID, c.User)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func findCalls(ctx context.Context, tx *sql.Tx, tail string, args ...any) ([]draft.Call, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, purpose, model, prompt, response, prompt_tokens, completion_tokens,
		       finish_reason, latency_ms, error, created_at, user_id, user_name
		FROM calls `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var calls []draft.Call
	for rows.Next() {
		var c draft.Call
		var ms int64
		var created string
		if err := rows.Scan(&c.ID, &c.Purpose, &c.Model, &c.Prompt, &c.Response, &c.PromptTokens,
			&c.CompletionTokens, &c.FinishReason, &ms, &c.Error, &created, &c.UserID, &c.User); err != nil {
			return nil, err
		}
		c.Latency = time.Duration(ms) * time.Millisecond
		if c.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		calls = append(calls, c)
	}
	return calls, rows.Err()
}
