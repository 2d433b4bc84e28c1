// Package store keeps documents, their sections and figures, a Chinese
// full-text index over the sections and the log of model calls in one SQLite
// file (github.com/mattn/go-sqlite3, built with -tags sqlite_fts5 and cgo).
//
// Every method has the same shape: begin a transaction, run unexported
// helpers that take the *sql.Tx, commit. Errors are wrapped with the
// operation that failed, in Chinese, like the rest of the program.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// ErrNotFound is returned, wrapped, when a requested row does not exist.
var ErrNotFound = errors.New("记录不存在")

// ErrNoFTS5 is returned, wrapped, by Open when the SQLite linked into the
// binary has no FTS5 (built without the tag) or is the cgo-less stub.
var ErrNoFTS5 = errors.New("SQLite 不支持 FTS5 全文检索（请用 -tags sqlite_fts5 且 CGO_ENABLED=1 编译）")

//go:embed migrations/*.sql
var migrations embed.FS

// timeLayout is fixed-width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// DB is an open store. It is safe for concurrent use.
type DB struct {
	db *sql.DB
}

// Open opens the store at path, creating the file and its parent directory
// if needed, and applies any migrations not yet applied. It fails with
// ErrNoFTS5 when the binary cannot do full-text search.
func Open(path string) (*DB, error) {
	if path == "" {
		// mattn would open a private temporary database: data would vanish.
		return nil, errors.New("打开数据库: 路径为空")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("打开数据库 %s: %w", path, err)
	}
	// The pragmas are DSN parameters so that mattn applies them to every
	// pooled connection, not just the first one.
	// A 64 MB page cache keeps the full-text index's hot pages in memory
	// while ingesting (measured: about 20% faster than the 2 MB default).
	dsn := path + "?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=5000&_synchronous=NORMAL&_cache_size=-64000"
	sqlDB := sql.OpenDB(connector{dsn: dsn, drv: &sqlite3.SQLiteDriver{}})
	db := &DB{db: sqlDB}
	if err := db.open(context.Background()); err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("打开数据库 %s: %w", path, err)
	}
	return db, nil
}

// connector opens go-sqlite3 connections and sets the pragmas the DSN has no
// parameter for, on every connection of the pool.
type connector struct {
	dsn string
	drv driver.Driver
}

// walCheckpointPages is how many WAL pages accumulate before SQLite copies
// them back into the database. Every checkpoint syncs the file; the default
// of 1000 pages (4 MB) checkpoints every few documents of an ingest, and
// 10000 measured 15–20% faster ingests.
const walCheckpointPages = 10000

// Connect opens one connection.
func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	if ex, ok := conn.(driver.ExecerContext); ok {
		if _, err := ex.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walCheckpointPages), nil); err != nil {
			conn.Close()
			return nil, err
		}
	}
	return conn, nil
}

// Driver returns the underlying driver.
func (c connector) Driver() driver.Driver { return c.drv }

func (db *DB) open(ctx context.Context) error {
	if err := db.db.PingContext(ctx); err != nil {
		// The stub driver of a CGO_ENABLED=0 build fails here, at run time.
		if strings.Contains(err.Error(), "CGO_ENABLED=0") {
			return fmt.Errorf("%w: %v", ErrNoFTS5, err)
		}
		return err
	}
	var fts5 bool
	if err := db.db.QueryRowContext(ctx, `SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&fts5); err != nil {
		return err
	}
	if !fts5 {
		return ErrNoFTS5
	}
	if err := db.migrate(ctx); err != nil {
		return err
	}
	// Sections an interrupted ingest stored without indexing them.
	_, err := db.IndexPending(ctx)
	return err
}

// Close closes the store.
func (db *DB) Close() error {
	return db.db.Close()
}

// migrate applies, in name order and each in its own transaction, the
// embedded migrations that the migrations table does not list. Migrations
// are append-only: an applied one is never run again, so never edit one.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name       TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateFile(ctx, name); err != nil {
			return fmt.Errorf("迁移 %s: %w", filepath.Base(name), err)
		}
	}
	return nil
}

// migrationHooks finish migrations that need Go, keyed by file name; a hook
// runs in its migration's transaction, after the SQL.
var migrationHooks = map[string]func(context.Context, *sql.Tx) error{
	"0004_fts_ascii.sql": reindexSections,
}

// reindexSections writes the full-text index rows of every stored section.
func reindexSections(ctx context.Context, tx *sql.Tx) error {
	_, _, err := indexSections(ctx, tx, 0)
	return err
}

func (db *DB) migrateFile(ctx context.Context, name string) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, filepath.Base(name)).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if hook := migrationHooks[filepath.Base(name)]; hook != nil {
		if err := hook(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`,
		filepath.Base(name), formatTime(time.Now())); err != nil {
		return err
	}
	return tx.Commit()
}

// Optimize merges the full-text index into one segment and lets SQLite
// refresh its planner statistics. Call it after a bulk ingest: many small
// transactions leave many index segments, which slow searches down.
func (db *DB) Optimize(ctx context.Context) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("优化索引: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO sections_fts (sections_fts) VALUES ('optimize')`); err != nil {
		return fmt.Errorf("优化索引: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("优化索引: %w", err)
	}
	if _, err := db.db.ExecContext(ctx, `PRAGMA optimize`); err != nil {
		return fmt.Errorf("优化索引: %w", err)
	}
	return nil
}

func formatTime(t time.Time) string {
	return t.UTC().Format(timeLayout)
}

func parseTime(s string) (time.Time, error) {
	return time.Parse(timeLayout, s)
}

// nullInt stores 0 as NULL, for fields where 0 means unknown.
func nullInt(v int) any {
	if v == 0 {
		return nil
	}
	return v
}
