package store_test

import (
	"path/filepath"
	"testing"

	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/storetest"
)

// TestContract runs the store contract on SQLite, a real file per test.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store { return mustOpen(t) })
}

// TestContractTwoHandles has two handles on one file write at once, as two
// processes would.
func TestContractTwoHandles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zongjie.db")
	storetest.Concurrently(t, mustOpenAt(t, path), mustOpenAt(t, path))
}

var _ storetest.Store = (*store.DB)(nil)
