package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadPoolRefusesWrites checks that a write sent to the read pool by
// mistake fails at once instead of taking the write lock from a reader.
func TestReadPoolRefusesWrites(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "zongjie.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.read.ExecContext(context.Background(), `UPDATE index_state SET indexed_through = 0`)
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("write on the read pool: %v; want a read-only error", err)
	}
	var mode string
	if err := db.write.QueryRowContext(context.Background(), `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}
