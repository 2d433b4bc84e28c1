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
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"github.com/zongjie/zongjie/store/textindex"
)

// ErrNotFound is returned, wrapped, when a requested row does not exist. It
// is textindex.ErrNotFound, which the PostgreSQL store returns too.
var ErrNotFound = textindex.ErrNotFound

// ErrNoFTS5 is returned, wrapped, by Open when the SQLite linked into the
// binary has no FTS5 (built without the tag) or is the cgo-less stub.
var ErrNoFTS5 = errors.New("SQLite 不支持 FTS5 全文检索（请用 -tags sqlite_fts5 且 CGO_ENABLED=1 编译）")

//go:embed migrations/*.sql
var migrations embed.FS

// timeLayout is fixed-width so that stored times sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// DB is an open store. It is safe for concurrent use, also by several
// processes on one file.
//
// Reads and writes go through separate connection pools. Readers use
// deferred transactions on query-only connections: in WAL mode they read a
// snapshot and never wait for, or take, the write lock. Writers use one
// connection whose transactions begin IMMEDIATE: they take the write lock
// up front, so no transaction fails half-way because another one wrote
// first; they queue for that connection in Go, and wait for other
// processes' writers through the busy timeout. A method that writes must
// begin its transaction on db.write: the read pool refuses writes
// ("attempt to write a readonly database").
type DB struct {
	read  *sql.DB
	write *sql.DB
}

// busyTimeout is how long a statement waits for another process's write
// lock before failing with "database is locked". The longest writes are an
// ingest's: indexing a batch of 200 reports held the lock 0.1–0.45 s, and
// merging the index after 1,500 reports 0.13 s (measured, 2 cores).
const busyTimeout = 10 * time.Second

// writeConns is the size of the writer pool. One connection serialises
// this process's writes in Go, so they never poll SQLite's lock against
// each other; other processes' writers wait through the busy timeout.
// Measured (BenchmarkConcurrentWrites: 50 drafts saving sections and
// logging calls while 4 goroutines read examples): 1 connection about
// 2,200 writes/s, 8 about 1,700, 16 about 800, no error with any. Through
// `serve` (TestServeUnderLoadWhileIngesting) one connection was as fast as
// eight without a concurrent ingest.
const writeConns = 1

// readConns bounds the reader pool: SQLite reads are CPU-bound, so more
// connections than a few per core add memory (each has its page cache) and
// no speed.
func readConns() int { return max(4, 2*runtime.NumCPU()) }

// Open opens the store at path, creating the file and its parent directory
// if needed, and applies any migrations not yet applied. It writes only
// when there is something to write: migrations to apply or sections stored
// but not yet indexed (by an interrupted ingest). It fails with ErrNoFTS5
// when the binary cannot do full-text search.
func Open(path string) (*DB, error) {
	return openWith(path, writeConns)
}

// openWith is Open with a writer pool of writers connections.
func openWith(path string, writers int) (*DB, error) {
	if path == "" {
		// mattn would open a private temporary database: data would vanish.
		return nil, errors.New("打开数据库: 路径为空")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("打开数据库 %s: %w", path, err)
	}
	db := &DB{
		read:  openPool(path, "_query_only=1", readConns()),
		write: openPool(path, "_txlock=immediate", writers),
	}
	if err := openRetrying(db); err != nil {
		db.Close()
		return nil, fmt.Errorf("打开数据库 %s: %w", path, err)
	}
	return db, nil
}

// openRetrying opens the database, trying again for a few seconds when
// another process is creating the same new file: switching a fresh file to
// WAL answers "database is locked" at once, without the busy handler
// (seen under a full parallel test run, two ingests on one new database).
func openRetrying(db *DB) error {
	var err error
	for attempt := 1; attempt <= 20; attempt++ {
		if err = db.open(context.Background()); err == nil || !strings.Contains(err.Error(), "database is locked") {
			return err
		}
		time.Sleep(time.Duration(attempt) * 50 * time.Millisecond)
	}
	return err
}

// openPool opens a pool of at most n connections to the database at path,
// with the pool's own DSN parameters params ("name=value&…").
func openPool(path, params string, n int) *sql.DB {
	// The pragmas are DSN parameters so that mattn applies them to every
	// pooled connection, not just the first one.
	// A 64 MB page cache keeps the full-text index's hot pages in memory
	// while ingesting (measured: about 20% faster than the 2 MB default).
	dsn := fmt.Sprintf("%s?_journal_mode=WAL&_foreign_keys=on&_busy_timeout=%d&_synchronous=NORMAL&_cache_size=-64000&%s",
		path, busyTimeout.Milliseconds(), params)
	pool := sql.OpenDB(connector{dsn: dsn, drv: &sqlite3.SQLiteDriver{}})
	pool.SetMaxOpenConns(n)
	pool.SetMaxIdleConns(n)
	return pool
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
	// The writer first: its first connection creates the file and turns on
	// WAL, which query-only connections could not do.
	if err := db.write.PingContext(ctx); err != nil {
		// The stub driver of a CGO_ENABLED=0 build fails here, at run time.
		if strings.Contains(err.Error(), "CGO_ENABLED=0") {
			return fmt.Errorf("%w: %v", ErrNoFTS5, err)
		}
		return err
	}
	var fts5 bool
	if err := db.read.QueryRowContext(ctx, `SELECT sqlite_compileoption_used('ENABLE_FTS5')`).Scan(&fts5); err != nil {
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
	return errors.Join(db.read.Close(), db.write.Close())
}

// migrate applies the embedded migrations that the migrations table does not
// list, in name order. Checking takes no lock; applying happens in one
// immediate transaction that checks again, so of two processes opening a
// new database at once one applies the migrations and the other waits and
// finds them applied. Migrations are append-only: an applied one is never
// run again, so never edit one.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	sort.Strings(names)
	applied, err := appliedMigrations(ctx, db.read)
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	if len(pending(names, applied)) == 0 {
		return nil
	}
	return db.applyMigrations(ctx, names)
}

// applyMigrations applies, in one immediate transaction, those of names that
// are not applied yet.
func (db *DB) applyMigrations(ctx context.Context, names []string) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (
		name       TEXT PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	applied, err := appliedMigrations(ctx, tx)
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	for _, name := range pending(names, applied) {
		if err := migrateFile(ctx, tx, name); err != nil {
			return fmt.Errorf("迁移 %s: %w", filepath.Base(name), err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	return nil
}

// querier is what *sql.DB and *sql.Tx share for reading.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// appliedMigrations returns the names of the applied migrations; none when
// the migrations table does not exist yet.
func appliedMigrations(ctx context.Context, q querier) (map[string]bool, error) {
	var tables int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'`).Scan(&tables); err != nil {
		return nil, err
	}
	applied := map[string]bool{}
	if tables == 0 {
		return applied, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		applied[name] = true
	}
	return applied, rows.Err()
}

// pending returns the migration files of names not in applied, in order.
func pending(names []string, applied map[string]bool) []string {
	var out []string
	for _, name := range names {
		if !applied[filepath.Base(name)] {
			out = append(out, name)
		}
	}
	return out
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

// migrateFile applies one migration file in tx and records it.
func migrateFile(ctx context.Context, tx *sql.Tx, name string) error {
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
	_, err = tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`,
		filepath.Base(name), formatTime(time.Now()))
	return err
}

// Optimize merges the full-text index into one segment and lets SQLite
// refresh its planner statistics. Call it after a bulk ingest: many small
// transactions leave many index segments, which slow searches down.
func (db *DB) Optimize(ctx context.Context) error {
	tx, err := db.write.BeginTx(ctx, nil)
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
	if _, err := db.write.ExecContext(ctx, `PRAGMA optimize`); err != nil {
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

// KeepIndexed indexes pending sections every interval until ctx ends, so a
// long-running server makes searchable what an interrupted ingest stored.
// A round with nothing pending is one small read and takes no lock. Errors
// go to report, if not nil; the next round tries again.
func (db *DB) KeepIndexed(ctx context.Context, every time.Duration, report func(error)) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if _, err := db.IndexPending(ctx); err != nil && ctx.Err() == nil && report != nil {
			report(err)
		}
	}
}
