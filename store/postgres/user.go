package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

var _ users.Store = (*DB)(nil)

// uniqueViolation is PostgreSQL's SQLSTATE for a unique constraint failing.
const uniqueViolation = "23505"

// AddUser stores u with the hash of its token and returns it with its id
// and creation time; the error wraps users.ErrNameTaken when the name (or
// the token hash) is in use, and nothing is stored then.
func (db *DB) AddUser(ctx context.Context, u users.User, tokenHash string) (users.User, error) {
	err := db.write(ctx, fmt.Sprintf("保存用户 %s", u.Name), func(tx pgx.Tx) (err error) {
		u, err = insertUser(ctx, tx, u, tokenHash)
		return err
	})
	if err != nil {
		return users.User{}, err
	}
	return u, nil
}

// Users lists every user in the order they were added.
func (db *DB) Users(ctx context.Context) (us []users.User, err error) {
	err = db.read(ctx, "列出用户", func(tx pgx.Tx) error {
		us, err = findUsers(ctx, tx, `ORDER BY id`)
		return err
	})
	return us, err
}

// RemoveUser deletes the user called name; the error wraps
// users.ErrNoUser when there is none. Their runs, calls and uploads stay,
// owned by an id no later user gets.
func (db *DB) RemoveUser(ctx context.Context, name string) error {
	return db.write(ctx, fmt.Sprintf("删除用户 %s", name), func(tx pgx.Tx) error {
		return deleteUser(ctx, tx, name)
	})
}

// UserByTokenHash finds the user whose token has the hash; the error wraps
// users.ErrNoUser when there is none.
func (db *DB) UserByTokenHash(ctx context.Context, tokenHash string) (u users.User, err error) {
	err = db.read(ctx, "查找用户", func(tx pgx.Tx) error {
		us, err := findUsers(ctx, tx, `WHERE token_hash = $1`, tokenHash)
		if err == nil && len(us) == 0 {
			err = users.ErrNoUser
		}
		if err == nil {
			u = us[0]
		}
		return err
	})
	return u, err
}

// HasUsers reports whether any user is defined.
func (db *DB) HasUsers(ctx context.Context) (some bool, err error) {
	err = db.read(ctx, "查询用户", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&some)
	})
	return some, err
}

// CallsBy returns the newest limit calls made for the user userID, newest
// first; limit ≤ 0 means all of them.
func (db *DB) CallsBy(ctx context.Context, userID int64, limit int) (calls []draft.Call, err error) {
	var lim *int // NULL: no limit
	if limit > 0 {
		lim = &limit
	}
	err = db.read(ctx, fmt.Sprintf("列出用户 %d 的模型调用", userID), func(tx pgx.Tx) error {
		calls, err = findCalls(ctx, tx, `WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`, userID, lim)
		return err
	})
	return calls, err
}

// insertUser inserts u and returns it as stored (with its id, and its
// creation time in UTC to the microsecond), or users.ErrNameTaken for a
// name or token hash in use.
func insertUser(ctx context.Context, tx pgx.Tx, u users.User, tokenHash string) (users.User, error) {
	err := tx.QueryRow(ctx, `INSERT INTO users (name, token_hash, admin, created_at) VALUES ($1, $2, $3, $4)
		RETURNING id, created_at`, clean(u.Name), tokenHash, u.Admin, u.CreatedAt).Scan(&u.ID, &u.CreatedAt)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == uniqueViolation {
		return users.User{}, users.ErrNameTaken
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

// deleteUser deletes the user called name, or returns users.ErrNoUser.
func deleteUser(ctx context.Context, tx pgx.Tx, name string) error {
	tag, err := tx.Exec(ctx, `DELETE FROM users WHERE name = $1`, name)
	if err == nil && tag.RowsAffected() == 0 {
		err = users.ErrNoUser
	}
	return err
}

// findUsers reads the users selected by tail.
func findUsers(ctx context.Context, tx pgx.Tx, tail string, args ...any) ([]users.User, error) {
	rows, err := tx.Query(ctx, `SELECT id, name, admin, created_at FROM users `+tail, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (users.User, error) {
		var u users.User
		err := row.Scan(&u.ID, &u.Name, &u.Admin, &u.CreatedAt)
		u.CreatedAt = u.CreatedAt.UTC()
		return u, err
	})
}
