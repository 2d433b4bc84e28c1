package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/zongjie/zongjie/corpus"
)

// defaultLimit is the number of hits Search returns when the query sets none.
const defaultLimit = 10

// candidateLimit bounds how many matching sections bm25 ranks per search.
//
// WARNING: bm25 costs about a microsecond per matching row and a frequent
// term (安全, 教师) can match most of a large corpus, so ranking every match
// does not scale. Search ranks the candidateLimit most recently stored
// matches that pass the filters; with fewer matches than that, which is the
// case for a county's corpus and for any specific query, the ranking is
// exact. Raising it slows frequent-term searches linearly; see
// BenchmarkSearch100k.
const candidateLimit = 1000

// Search returns up to q.Limit sections (10 when unset) that contain every
// term of q.Text and pass q's filters, best first, each with a snippet of its
// text where the terms are wrapped in 【】.
//
// Terms are the runs of Han characters, letters and digits in q.Text; all
// other characters, FTS5 operators included, only separate terms, so any
// input is safe. Han terms match as substrings (资助 finds 学生资助 and
// 资助政策); words of letters or digits match whole words, case-insensitively.
// Hits are ranked by bm25 with headings weighing 5× the text (Score is the
// negated bm25, higher is better), then newer year, then storage order.
//
// A query whose terms are all single Han characters is answered by scanning
// the sections with instr(); its hits have Score 0 and put sections whose
// heading contains the first term first. A query without terms (empty, or
// only punctuation) returns the sections that pass the filters, newest year
// first, with Score 0.
func (db *DB) Search(ctx context.Context, q corpus.SearchQuery) ([]corpus.SearchHit, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("检索 %q: %w", q.Text, err)
	}
	defer tx.Rollback()

	hits, err := searchSections(ctx, tx, q, candidateLimit)
	if err != nil {
		return nil, fmt.Errorf("检索 %q: %w", q.Text, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("检索 %q: %w", q.Text, err)
	}
	return hits, nil
}

// searchSections runs q, letting bm25 rank at most candidates matches.
func searchSections(ctx context.Context, tx *sql.Tx, q corpus.SearchQuery, candidates int) ([]corpus.SearchHit, error) {
	tq := parseQuery(q.Text)
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}

	var where []string
	var args []any
	if q.Category != "" {
		where, args = append(where, `s.category = ?`), append(args, q.Category)
	}
	if q.Part != "" {
		where, args = append(where, `s.part = ?`), append(args, q.Part)
	}
	if q.Org != "" {
		// instr, not LIKE: the org is a substring, never a pattern.
		where, args = append(where, `instr(d.org, ?) > 0`), append(args, q.Org)
	}
	if q.Year != 0 {
		where, args = append(where, `d.year = ?`), append(args, q.Year)
	}
	for _, t := range tq.verify {
		where, args = append(where, `instr(`+haystack(t)+`, ?) > 0`), append(args, t)
	}

	var query string
	switch {
	case tq.match != "":
		// CROSS JOIN keeps the FTS table the outer loop: were it an inner
		// loop, each lookup would restart the FTS query and bm25's per-query
		// statistics with it. The candidates are read newest row first,
		// which FTS5 does without sorting.
		inner := `SELECT sections_fts.rowid AS id, -bm25(sections_fts, 5.0, 1.0) AS score FROM sections_fts`
		if len(where) > 0 {
			inner += ` CROSS JOIN sections s ON s.id = sections_fts.rowid CROSS JOIN documents d ON d.id = s.doc_id`
		}
		inner += ` WHERE sections_fts MATCH ?`
		for _, w := range where {
			inner += ` AND ` + w
		}
		inner += ` ORDER BY sections_fts.rowid DESC LIMIT ?`
		query = `SELECT ` + sectionColumns + `, c.score
			FROM (` + inner + `) AS c
			CROSS JOIN sections s ON s.id = c.id
			CROSS JOIN documents d ON d.id = s.doc_id
			ORDER BY c.score DESC, d.year DESC, s.id
			LIMIT ?`
		if candidates <= 0 {
			candidates = -1 // SQLite: no limit; benchmarks measure this
		} else {
			candidates = max(candidates, limit)
		}
		args = append([]any{tq.match}, args...)
		args = append(args, candidates, limit)
	default:
		order := `d.year DESC, s.id`
		if len(tq.terms) > 0 {
			order = `instr(s.heading, ?) > 0 DESC, ` + order
			args = append(args, tq.verify[0])
		}
		query = `SELECT ` + sectionColumns + `, 0.0
			FROM sections s JOIN documents d ON d.id = s.doc_id ` + whereClause(where) + `
			ORDER BY ` + order + ` LIMIT ?`
		args = append(args, limit)
	}

	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var recs []corpus.SectionRecord
	var scores []float64
	for rows.Next() {
		var score float64
		r, err := scanSection(rows, &score)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
		scores = append(scores, score)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := attachFigures(ctx, tx, recs); err != nil {
		return nil, err
	}
	hits := make([]corpus.SearchHit, len(recs))
	for i, r := range recs {
		hits[i] = corpus.SearchHit{SectionRecord: r, Snippet: snippet(r.Text, tq.terms), Score: scores[i]}
	}
	return hits, nil
}

// haystack is the SQL expression instr() searches for term: heading and text,
// lower-cased when the term has letters (SQLite's lower() folds ASCII only,
// as the index does for the words that matter here).
func haystack(term string) string {
	h := `s.heading || char(10) || s.text`
	if strings.ToUpper(term) != term {
		h = `lower(` + h + `)`
	}
	return h
}
