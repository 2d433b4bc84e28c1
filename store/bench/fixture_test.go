package bench_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/store/storetest"
)

// Environment variables of the benchmarks.
const (
	// envDir keeps the fixtures (a SQLite file per size, a PostgreSQL
	// cluster with a database per size) between runs; unset, they are
	// built in a temporary directory and removed at the end.
	envDir = "ZONGJIE_BENCH_DIR"
	// envPGOptions adds server options to the fixtures' cluster, such as
	// "-c shared_buffers=1GB -c work_mem=16MB".
	envPGOptions = "ZONGJIE_BENCH_PG_OPTIONS"
	// env1M asks for the 1,000,000-section fixtures also when the -bench
	// pattern does not name them ("1M").
	env1M = "ZONGJIE_BENCH_1M"
)

// fixtureVersion names the fixtures: change it when the generator or the
// schema changes, so stale fixtures are not measured.
const fixtureVersion = "v1"

// sectionsPerDoc is how many sections storetest.Generator writes a document.
const sectionsPerDoc = 8

// env holds the fixtures' directory and cluster of this test binary.
var env struct {
	once    sync.Once
	dir     string
	tempDir bool
	pg      *pgtest.Kept
	pgErr   error
}

// setup finds the fixtures' directory and starts their cluster.
func setup() {
	env.once.Do(func() {
		env.dir = os.Getenv(envDir)
		if env.dir == "" {
			env.dir, env.pgErr = os.MkdirTemp("", "zongjie-bench-")
			env.tempDir = true
			if env.pgErr != nil {
				return
			}
		}
		env.pg, env.pgErr = pgtest.StartKept(filepath.Join(env.dir, "pg"), os.Getenv(envPGOptions))
	})
}

// teardown stops the cluster and removes a temporary directory.
func teardown() {
	if env.pg != nil {
		env.pg.Stop()
	}
	if env.tempDir && env.dir != "" {
		os.RemoveAll(env.dir)
	}
}

// generated yields the n documents of the benchmark corpus, the same ones
// for both engines.
func generated(n int) iter.Seq[corpus.Document] {
	return func(yield func(corpus.Document) bool) {
		g := storetest.NewGenerator(2)
		for range n {
			if !yield(g.Document()) {
				return
			}
		}
	}
}

// sqliteFixture opens the SQLite database of sections generated sections,
// building it first when it is missing.
func sqliteFixture(tb testing.TB, sections int) *store.DB {
	tb.Helper()
	setup()
	path := filepath.Join(env.dir, fmt.Sprintf("sqlite-%s-%d.db", fixtureVersion, sections))
	if _, err := os.Stat(path); err != nil {
		if err := buildSQLite(path, sections); err != nil {
			tb.Fatal(err)
		}
	}
	db, err := store.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// bulkStore is what a fixture is built through, on either engine.
type bulkStore interface {
	BulkLoad(ctx context.Context, source string, docs iter.Seq[corpus.Document]) (int, error)
	Optimize(ctx context.Context) error
	Close() error
}

// fill loads the generated reports of sections sections into db, optimises
// it as an ingest does, and closes it.
func fill(db bulkStore, sections int) error {
	ctx := context.Background()
	_, err := db.BulkLoad(ctx, "bench", generated(sections/sectionsPerDoc))
	if err == nil {
		err = db.Optimize(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// buildSQLite builds the fixture under a temporary name and renames it
// when it is complete.
func buildSQLite(path string, sections int) error {
	tmp := path + ".tmp"
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + s)
	}
	db, err := store.Open(tmp)
	if err != nil {
		return err
	}
	err = fill(db, sections)
	if err == nil {
		err = checkpoint(tmp)
	}
	if err != nil {
		return fmt.Errorf("建立 SQLite 基准库 %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// checkpoint folds the write-ahead log into the database file, so that
// the file alone is the database.
func checkpoint(path string) error {
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// pgFixture opens the PostgreSQL database of sections generated sections,
// building it first when it is missing.
func pgFixture(tb testing.TB, sections int) *postgres.DB {
	tb.Helper()
	setup()
	if env.pgErr != nil {
		tb.Skip(env.pgErr)
	}
	name := fmt.Sprintf("zongjie_bench_%s_%d", fixtureVersion, sections)
	exists, err := databaseExists(name)
	if err == nil && !exists {
		err = buildPG(name, sections)
	}
	if err != nil {
		tb.Fatal(err)
	}
	db, err := postgres.Open(env.pg.DSN(name))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// databaseExists reports whether the cluster has database name.
func databaseExists(name string) (bool, error) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, env.pg.DSN("postgres"))
	if err != nil {
		return false, err
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n)
	return n > 0, err
}

// buildPG builds the fixture in a database with a temporary name and
// renames it when it is complete.
func buildPG(name string, sections int) error {
	tmp := name + "_tmp"
	for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + tmp + ` WITH (FORCE)`,
		`CREATE DATABASE ` + tmp + ` TEMPLATE template0 ENCODING 'UTF8'`} {
		if err := env.pg.Exec(stmt); err != nil {
			return err
		}
	}
	db, err := postgres.Open(env.pg.DSN(tmp))
	if err != nil {
		return err
	}
	err = fill(db, sections)
	if err == nil {
		// VACUUM sets the visibility map, as autovacuum would soon after
		// an ingest, so index-only scans are measured as in use.
		err = vacuum(env.pg.DSN(tmp))
	}
	if err != nil {
		return fmt.Errorf("建立 PostgreSQL 基准库 %s: %w", name, err)
	}
	return env.pg.Exec(`ALTER DATABASE ` + tmp + ` RENAME TO ` + name)
}

// vacuum vacuums and analyzes the database dsn.
func vacuum(dsn string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `VACUUM ANALYZE`)
	return err
}

// newPGDatabase creates an empty database for tb on the fixtures' cluster,
// dropped at cleanup.
func newPGDatabase(tb testing.TB, name string) string {
	tb.Helper()
	setup()
	if env.pgErr != nil {
		tb.Skip(env.pgErr)
	}
	name = fmt.Sprintf("zongjie_bench_%s_%d", name, os.Getpid())
	for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`,
		`CREATE DATABASE ` + name + ` TEMPLATE template0 ENCODING 'UTF8'`} {
		if err := env.pg.Exec(stmt); err != nil {
			tb.Fatal(err)
		}
	}
	tb.Cleanup(func() { env.pg.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	return env.pg.DSN(name)
}

// errSkip1M says how to ask for the 1,000,000-section fixtures.
var errSkip1M = errors.New("100 万段的基准要用 -bench 名称中的 1M 或 " + env1M + "=1 / set " + env1M + "=1 or name 1M in -bench")
