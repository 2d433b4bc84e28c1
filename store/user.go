package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

var _ users.Store = (*DB)(nil)

// AddUser stores u with the hash of its token and returns it with its id
// and creation time; the error wraps users.ErrNameTaken when the name is
// in use, and nothing is stored then.
func (db *DB) AddUser(ctx context.Context, u users.User, tokenHash string) (users.User, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return users.User{}, fmt.Errorf("保存用户 %s: %w", u.Name, err)
	}
	defer tx.Rollback()
	u.ID, err = insertUser(ctx, tx, u, tokenHash)
	if err != nil {
		return users.User{}, fmt.Errorf("保存用户 %s: %w", u.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return users.User{}, fmt.Errorf("保存用户 %s: %w", u.Name, err)
	}
	return u, nil
}

// Users lists every user in the order they were added.
func (db *DB) Users(ctx context.Context) ([]users.User, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出用户: %w", err)
	}
	defer tx.Rollback()
	us, err := findUsers(ctx, tx, `ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("列出用户: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出用户: %w", err)
	}
	return us, nil
}

// RemoveUser deletes the user called name; the error wraps
// users.ErrNoUser when there is none. Their runs, calls and uploads stay,
// owned by an id no later user gets.
func (db *DB) RemoveUser(ctx context.Context, name string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("删除用户 %s: %w", name, err)
	}
	defer tx.Rollback()
	if err := deleteUser(ctx, tx, name); err != nil {
		return fmt.Errorf("删除用户 %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("删除用户 %s: %w", name, err)
	}
	return nil
}

// UserByTokenHash finds the user whose token has the hash; the error wraps
// users.ErrNoUser when there is none.
func (db *DB) UserByTokenHash(ctx context.Context, tokenHash string) (users.User, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return users.User{}, fmt.Errorf("查找用户: %w", err)
	}
	defer tx.Rollback()
	us, err := findUsers(ctx, tx, `WHERE token_hash = ?`, tokenHash)
	if err == nil && len(us) == 0 {
		err = users.ErrNoUser
	}
	if err != nil {
		return users.User{}, fmt.Errorf("查找用户: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return users.User{}, fmt.Errorf("查找用户: %w", err)
	}
	return us[0], nil
}

// HasUsers reports whether any user is defined.
func (db *DB) HasUsers(ctx context.Context) (bool, error) {
	var some bool
	if err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&some); err != nil {
		return false, fmt.Errorf("查询用户: %w", err)
	}
	return some, nil
}

// CallsBy returns the newest limit calls made for the user userID, newest
// first; limit ≤ 0 means all of them.
func (db *DB) CallsBy(ctx context.Context, userID int64, limit int) ([]draft.Call, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出用户 %d 的模型调用: %w", userID, err)
	}
	defer tx.Rollback()
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	calls, err := findCalls(ctx, tx, `WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?`, userID, limit)
	if err != nil {
		return nil, fmt.Errorf("列出用户 %d 的模型调用: %w", userID, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出用户 %d 的模型调用: %w", userID, err)
	}
	return calls, nil
}

func insertUser(ctx context.Context, tx *sql.Tx, u users.User, tokenHash string) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO users (name, token_hash, admin, created_at) VALUES (?, ?, ?, ?)`,
		u.Name, tokenHash, boolInt(u.Admin), formatTime(u.CreatedAt))
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique {
		return 0, users.ErrNameTaken
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func deleteUser(ctx context.Context, tx *sql.Tx, name string) error {
	res, err := tx.ExecContext(ctx, `DELETE FROM users WHERE name = ?`, name)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = users.ErrNoUser
	}
	return err
}

func findUsers(ctx context.Context, tx *sql.Tx, tail string, args ...any) ([]users.User, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, admin, created_at FROM users `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var us []users.User
	for rows.Next() {
		var u users.User
		var created string
		if err := rows.Scan(&u.ID, &u.Name, &u.Admin, &created); err != nil {
			return nil, err
		}
		if u.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
}
