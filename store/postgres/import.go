package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/draft"
)

// ImportRun stores r, copied from another database, with its sections,
// owner and creation time, unless a run of the same origin is stored:
// origin names where r came from (zongjie migrate uses
// "sqlite:<database id>:<row id>"). created says whether it was stored now.
func (db *DB) ImportRun(ctx context.Context, origin string, r draft.Run) (created bool, err error) {
	err = db.write(ctx, fmt.Sprintf("迁入草稿记录 %s", origin), func(tx pgx.Tx) error {
		var id int64
		err := tx.QueryRow(ctx, `INSERT INTO runs (title, mode, facts_name, facts_yaml, template, opening, out_path, owner, created_at, origin)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (origin) DO NOTHING RETURNING id`,
			clean(r.Title), clean(r.Mode), clean(r.FactsName), clean(r.FactsYAML), r.Template, clean(r.Opening),
			clean(r.OutPath), r.Owner, r.CreatedAt, origin).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil // copied before
		}
		if err != nil {
			return err
		}
		created = true
		for _, s := range r.Sections {
			if err := upsertRunSection(ctx, tx, id, s); err != nil {
				return err
			}
		}
		return nil
	})
	return created, err
}

// ImportCall appends c, copied from another database, to the call log with
// its time and user, unless a call of the same origin is stored (see
// ImportRun). created says whether it was stored now.
func (db *DB) ImportCall(ctx context.Context, origin string, c draft.Call) (created bool, err error) {
	err = db.write(ctx, fmt.Sprintf("迁入模型调用 %s", origin), func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `
			INSERT INTO calls (purpose, model, prompt, response, prompt_tokens, completion_tokens,
			                   finish_reason, latency_ms, error, created_at, user_id, user_name, origin)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			ON CONFLICT (origin) DO NOTHING`,
			clean(c.Purpose), clean(c.Model), clean(c.Prompt), clean(c.Response), c.PromptTokens, c.CompletionTokens,
			clean(c.FinishReason), c.Latency.Milliseconds(), clean(c.Error), c.CreatedAt, c.UserID, clean(c.User), origin)
		created = err == nil && tag.RowsAffected() == 1
		return err
	})
	return created, err
}
