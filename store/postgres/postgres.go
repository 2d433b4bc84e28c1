// Package postgres keeps the store of package store in PostgreSQL, for
// deployments where several processes or machines share one corpus. It has
// the same methods, with the same meaning, as *store.DB; the contract tests
// in store/storetest run against both.
//
// Every method has the same shape: a transaction (db.read or db.write) runs
// unexported helpers that take the pgx.Tx, and commits. Errors are wrapped
// with the operation that failed, in Chinese, like the rest of the program.
//
// Full-text search indexes the bigrams of package textindex as a tsvector
// written with each section (see search.go), so sections are searchable
// when the transaction that stores them commits: IndexPending has nothing
// to do.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/zongjie/zongjie/store/textindex"
)

// ErrNotFound is returned, wrapped, when a requested row does not exist: the
// same error as store.ErrNotFound.
var ErrNotFound = textindex.ErrNotFound

// Prepared is a document ready to be stored (see textindex.Prepared).
type Prepared = textindex.Prepared

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the key of the advisory lock under which migrations are
// applied, so that of two processes opening a new database at once one
// applies them and the other finds them applied. Any fixed number works; this
// one is "zongjie" in ASCII.
const migrationLock = 0x7a6f6e676a6965

// DB is an open store. It is safe for concurrent use, also by several
// processes on one database: writers never wait for readers, and the only
// rows two writers can both want are a document's hash (insert-or-skip) and a
// run's sections, which PostgreSQL's row locks order.
type DB struct {
	pool *pgxpool.Pool
}

// IsDSN reports whether the database setting s names a PostgreSQL database
// (postgres:// or postgresql://) rather than a SQLite file.
func IsDSN(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Open connects to the database dsn (a postgres:// URL) and applies any
// migrations not yet applied.
func Open(dsn string) (*DB, error) {
	ctx := context.Background()
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The error can quote the DSN, password included: say only what failed.
		return nil, errors.New("打开数据库: 无法解析 PostgreSQL 连接串")
	}
	// pgx prepares each statement once per connection, and after five runs
	// PostgreSQL may switch to a generic plan that cannot see the search
	// terms: one plan for 安全 (in a third of all sections) and a term in a
	// handful is wrong for one of them. Planning a search costs well under a
	// millisecond.
	cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	cfg.AfterConnect = raiseWorkMem
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("打开数据库 %s: %w", redact(cfg), err)
	}
	db := &DB{pool: pool}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("打开数据库 %s: %w", redact(cfg), err)
	}
	return db, nil
}

// redact names the database of cfg without its password.
func redact(cfg *pgxpool.Config) string {
	return fmt.Sprintf("postgres://%s@%s/%s", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database)
}

// Close closes the store's connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// read runs fn in a read-only transaction that sees one snapshot, and wraps
// its error with op.
func (db *DB) read(ctx context.Context, op string, fn func(pgx.Tx) error) error {
	opts := pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}
	return wrap(op, pgx.BeginTxFunc(ctx, db.pool, opts, fn))
}

// write runs fn in a read-committed transaction and wraps its error with op.
// Read committed never fails a transaction for another's concurrent write:
// a conflicting insert waits for the other to finish, then skips or updates.
func (db *DB) write(ctx context.Context, op string, fn func(pgx.Tx) error) error {
	return wrap(op, pgx.BeginTxFunc(ctx, db.pool, pgx.TxOptions{}, fn))
}

// wrap wraps err, if any, with the operation op.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// migrate applies the embedded migrations that the migrations table does
// not list, in name order, in one transaction holding an advisory lock.
// Migrations are append-only: an applied one is never run again.
func (db *DB) migrate(ctx context.Context) error {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	sort.Strings(names)
	return db.write(ctx, "迁移", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS migrations (
			name       text PRIMARY KEY,
			applied_at timestamptz NOT NULL
		)`); err != nil {
			return err
		}
		applied, err := appliedMigrations(ctx, tx)
		if err != nil {
			return err
		}
		for _, name := range names {
			if !applied[path.Base(name)] {
				if err := migrateFile(ctx, tx, name); err != nil {
					return fmt.Errorf("%s: %w", path.Base(name), err)
				}
			}
		}
		return nil
	})
}

// appliedMigrations returns the names of the applied migrations.
func appliedMigrations(ctx context.Context, tx pgx.Tx) (map[string]bool, error) {
	rows, err := tx.Query(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	applied := make(map[string]bool, len(names))
	for _, n := range names {
		applied[n] = true
	}
	return applied, err
}

// migrateFile applies one migration file in tx and records it.
func migrateFile(ctx context.Context, tx pgx.Tx, name string) error {
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO migrations (name, applied_at) VALUES ($1, now())`, path.Base(name))
	return err
}

// IndexPending does nothing and returns 0: sections are indexed in the
// transaction that stores them. It is here for the ingest service's store
// interface.
func (db *DB) IndexPending(context.Context) (int, error) { return 0, nil }

// KeepIndexed waits for ctx to end: nothing is ever left unindexed. It is
// here so that `serve` can run either store alike.
func (db *DB) KeepIndexed(ctx context.Context, _ time.Duration, _ func(error)) {
	<-ctx.Done()
}

// Optimize refreshes the planner's statistics after a bulk ingest, so
// searches choose between the full-text index and the filters' indexes by
// the corpus as it now is.
func (db *DB) Optimize(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, `ANALYZE documents, sections, figures`); err != nil {
		return fmt.Errorf("优化索引: %w", err)
	}
	return nil
}

// clean makes s storable as PostgreSQL text, which holds neither NUL bytes
// nor invalid UTF-8 (SQLite stores both).
func clean(s string) string {
	if strings.IndexByte(s, 0) >= 0 {
		s = strings.ReplaceAll(s, "\x00", "")
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// nullInt stores 0 as NULL, for fields where 0 means unknown.
func nullInt(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}
