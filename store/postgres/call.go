package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/draft"
)

// LogCall appends c to the call log and returns its id. c.ID is ignored; a
// zero c.CreatedAt is taken as now. Latency is kept in whole milliseconds
// and CreatedAt in microseconds, PostgreSQL's resolution.
func (db *DB) LogCall(ctx context.Context, c draft.Call) (id int64, err error) {
	if c.CreatedAt.IsZero() {
		c.CreatedAt = time.Now()
	}
	err = db.write(ctx, fmt.Sprintf("记录模型调用 %s", c.Purpose), func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `
			INSERT INTO calls (purpose, model, prompt, response, prompt_tokens, completion_tokens,
			                   finish_reason, latency_ms, error, created_at, user_id, user_name)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			clean(c.Purpose), clean(c.Model), clean(c.Prompt), clean(c.Response), c.PromptTokens, c.CompletionTokens,
			clean(c.FinishReason), c.Latency.Milliseconds(), clean(c.Error), c.CreatedAt, c.UserID, clean(c.User)).Scan(&id)
	})
	return id, err
}

// Calls returns the newest limit calls of the log, newest first; limit ≤ 0
// means all of them.
func (db *DB) Calls(ctx context.Context, limit int) (calls []draft.Call, err error) {
	var lim *int // NULL: no limit
	if limit > 0 {
		lim = &limit
	}
	err = db.read(ctx, "列出模型调用", func(tx pgx.Tx) error {
		calls, err = findCalls(ctx, tx, `ORDER BY created_at DESC, id DESC LIMIT $1`, lim)
		return err
	})
	return calls, err
}

// Call returns the logged call id, or an error wrapping ErrNotFound.
func (db *DB) Call(ctx context.Context, id int64) (c draft.Call, err error) {
	err = db.read(ctx, fmt.Sprintf("读取模型调用 %d", id), func(tx pgx.Tx) error {
		calls, err := findCalls(ctx, tx, `WHERE id = $1`, id)
		if err == nil && len(calls) == 0 {
			err = ErrNotFound
		}
		if err == nil {
			c = calls[0]
		}
		return err
	})
	return c, err
}

// findCalls reads the calls selected by tail.
func findCalls(ctx context.Context, tx pgx.Tx, tail string, args ...any) ([]draft.Call, error) {
	rows, err := tx.Query(ctx, `
		SELECT id, purpose, model, prompt, response, prompt_tokens, completion_tokens,
		       finish_reason, latency_ms, error, created_at, user_id, user_name
		FROM calls `+tail, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (draft.Call, error) {
		var c draft.Call
		var ms int64
		err := row.Scan(&c.ID, &c.Purpose, &c.Model, &c.Prompt, &c.Response, &c.PromptTokens,
			&c.CompletionTokens, &c.FinishReason, &ms, &c.Error, &c.CreatedAt, &c.UserID, &c.User)
		c.Latency = time.Duration(ms) * time.Millisecond
		c.CreatedAt = c.CreatedAt.UTC()
		return c, err
	})
}
