package postgres_test

import (
	"testing"

	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/store/postgres/pgtest"
	"github.com/zongjie/zongjie/store/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// open opens the store at dsn, closed at cleanup.
func open(t testing.TB, dsn string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestContract runs the store contract on PostgreSQL, a database per test.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return open(t, pgtest.DSN(t)) })
}

// TestContractTwoHandles has two handles on one database write at once, as
// two processes would; both opened it at once, so both ran the migrations.
func TestContractTwoHandles(t *testing.T) {
	dsn := pgtest.DSN(t)
	dbs := make(chan *postgres.DB, 2)
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			db, err := postgres.Open(dsn)
			dbs <- db
			errs <- err
		}()
	}
	a, b := <-dbs, <-dbs
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	storetest.Concurrently(t, a, b)
}

func TestIsDSN(t *testing.T) {
	for s, want := range map[string]bool{
		"postgres://u@h/db": true, "postgresql:///db?host=/tmp": true, "zongjie.db": false, "/var/postgres/x.db": false, "": false,
	} {
		if got := postgres.IsDSN(s); got != want {
			t.Errorf("IsDSN(%q) = %v", s, got)
		}
	}
}

var _ storetest.Store = (*postgres.DB)(nil)
