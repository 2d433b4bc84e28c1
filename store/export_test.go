package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// Internals for the black-box tests and benchmarks in package store_test.

// ParseQuery returns the FTS5 expression and the instr-verified terms of s.
func ParseQuery(s string) (match string, verify []string) {
	q := textindex.ParseQuery(s)
	return ftsMatch(q.Phrases), q.Verify
}

// CandidateLimit is the number of matches Search ranks.
const CandidateLimit = candidateLimit

// SQL returns the underlying handle, for baselines and raw checks.
func (db *DB) SQL() *sql.DB { return db.write }

// BulkSave stores docs as benchmarks build large databases quickly.
func (db *DB) BulkSave(ctx context.Context, source string, docs []corpus.Document) error {
	_, err := db.BulkLoad(ctx, source, slices.Values(docs))
	return err
}

// SearchCandidates is Search letting bm25 rank at most candidates matches
// (≤ 0: all of them).
func (db *DB) SearchCandidates(ctx context.Context, q corpus.SearchQuery, candidates int) ([]corpus.SearchHit, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return searchSections(ctx, tx, q, candidates)
}

// OpenWithWriters is Open with a writer pool of n connections, to measure
// the choice of one.
func OpenWithWriters(path string, n int) (*DB, error) { return openWith(path, n) }

// IndexLags reports whether sections are stored but not indexed.
func (db *DB) IndexLags(ctx context.Context) (bool, error) { return indexLags(ctx, db.read) }
