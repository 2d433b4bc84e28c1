package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// defaultLimit is the number of hits Search returns when the query sets none.
const defaultLimit = 10

// candidateLimit bounds how many matching sections bm25 ranks per search.
//
// WARNING: a frequent term (安全, 教师) can match most sections, and bm25
// costs 1–2 µs per ranked row on top of a fixed pass over all matches (its
// IDF), so ranking every match takes 30–60 ms at 100,000 sections. Search
// therefore ranks the candidateLimit most recently stored matches that pass
// the filters. With no more matches than that the ranking is exact; beyond
// it, hits are the best of the newest. BenchmarkSearch100k measured p50
// 1.6–1.9 ms here against 4.0–4.3 ms at 1,000 candidates; raise it with care.
const candidateLimit = 200

// Search returns up to q.Limit sections (10 when unset) that contain every
// term of q.Text and pass q's filters, best first, each with a snippet of its
// text where the terms are wrapped in 【】.
//
// Terms are the runs of Han characters, letters and digits in q.Text; all
// other characters, FTS5 operators included, only separate terms, so any
// input is safe. Han terms match as substrings (资助 finds 学生资助 and
// 资助政策); words of letters or digits match whole words, case-insensitively.
// The user's own reports come before the built-in sample reports (内置范文);
// within each, hits are ranked by bm25 with headings weighing 5× the text
// (Score is the negated bm25, higher is better), then newer year, then
// storage order. Sections without text of their own (a heading whose text
// is in its subsections) are left out: they would show an empty snippet. Only
// the 200 most recently stored matches are ranked (see candidateLimit).
//
// A query whose terms are all single Han characters is answered by scanning
// the sections with instr(); its hits have Score 0 and put sections whose
// heading contains the first term first. A query without terms (empty, or
// only punctuation) returns the sections that pass the filters, newest year
// first, with Score 0.
func (db *DB) Search(ctx context.Context, q corpus.SearchQuery) ([]corpus.SearchHit, error) {
	tx, err := db.read.BeginTx(ctx, nil)
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

// searchSections runs q, letting bm25 rank at most candidates matches
// (≤ 0: all of them).
func searchSections(ctx context.Context, tx *sql.Tx, q corpus.SearchQuery, candidates int) ([]corpus.SearchHit, error) {
	tq := textindex.ParseQuery(q.Text)
	match := ftsMatch(tq.Phrases)
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	var query string
	var args []any
	if match != "" {
		query, args = rankedQuery(q, match, tq.Verify, candidates, limit)
	} else {
		query, args = scanQuery(q, tq.Verify, limit)
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
	return textindex.Hits(recs, scores, tq.Terms), nil
}

// filters returns q's conditions on sections s and on documents d.
func filters(q corpus.SearchQuery) (sec, doc []string, secArgs, docArgs []any) {
	if q.Category != "" {
		sec, secArgs = append(sec, `s.category = ?`), append(secArgs, q.Category)
	}
	if q.Part != "" {
		sec, secArgs = append(sec, `s.part = ?`), append(secArgs, q.Part)
	}
	if q.Org != "" {
		// instr, not LIKE: the org is a substring, never a pattern.
		doc, docArgs = append(doc, `instr(d.org, ?) > 0`), append(docArgs, q.Org)
	}
	if q.Year != 0 {
		doc, docArgs = append(doc, `d.year = ?`), append(docArgs, q.Year)
	}
	return sec, doc, secArgs, docArgs
}

// rankedQuery is the full-text query: the newest candidates matches that
// pass the filters, ranked by bm25.
func rankedQuery(q corpus.SearchQuery, match string, verifyTerms []string, candidates, limit int) (string, []any) {
	sec, doc, secArgs, docArgs := filters(q)
	var verify []string
	var verifyArgs []any
	for _, t := range verifyTerms {
		verify = append(verify, `instr((SELECT `+haystack(t)+` FROM sections AS s WHERE s.id = sections_fts.rowid), ?) > 0`)
		verifyArgs = append(verifyArgs, t)
	}
	// The FTS table must stay the outer loop (CROSS JOIN): as an inner loop
	// each lookup would restart the full-text query and bm25's statistics
	// with it. FTS5 reads rows newest first without sorting, and the filters
	// are checked in the narrow sections_filter index, not the wide rows.
	inner := `SELECT sections_fts.rowid AS id, -bm25(sections_fts, 5.0, 1.0) AS score FROM sections_fts`
	if len(sec)+len(doc) > 0 {
		inner += ` CROSS JOIN sections AS s INDEXED BY sections_filter ON s.id = sections_fts.rowid`
	}
	if len(doc) > 0 {
		inner += ` CROSS JOIN documents AS d ON d.id = s.doc_id`
	}
	inner += ` WHERE sections_fts MATCH ?`
	for _, w := range concat(sec, doc, verify) {
		inner += ` AND ` + w
	}
	inner += ` ORDER BY sections_fts.rowid DESC LIMIT ?`
	query := `SELECT ` + sectionColumns + `, c.score
		FROM (` + inner + `) AS c
		CROSS JOIN sections AS s ON s.id = c.id
		CROSS JOIN documents AS d ON d.id = s.doc_id
		WHERE s.text <> ''
		ORDER BY ` + builtinColumn + `, c.score DESC, d.year DESC, s.id
		LIMIT ?`
	if candidates <= 0 {
		candidates = -1 // SQLite: no limit
	} else {
		candidates = max(candidates, limit)
	}
	return query, concat([]any{match}, secArgs, docArgs, verifyArgs, []any{candidates, limit})
}

// scanQuery answers a query the index cannot: no terms, or only lone Han
// characters, which it checks with instr() on every section that passes the
// filters.
func scanQuery(q corpus.SearchQuery, verifyTerms []string, limit int) (string, []any) {
	sec, doc, secArgs, docArgs := filters(q)
	var verify []string
	var verifyArgs []any
	for _, t := range verifyTerms {
		verify = append(verify, `instr(`+haystack(t)+`, ?) > 0`)
		verifyArgs = append(verifyArgs, t)
	}
	order := `d.year DESC, s.id`
	var orderArgs []any
	if len(verifyTerms) > 0 {
		order = `instr(s.heading, ?) > 0 DESC, ` + order
		orderArgs = append(orderArgs, verifyTerms[0])
	}
	order = builtinColumn + `, ` + order
	query := `SELECT ` + sectionColumns + `, 0.0
		FROM sections AS s JOIN documents AS d ON d.id = s.doc_id ` + whereClause(concat(sec, doc, verify, []string{`s.text <> ''`})) + `
		ORDER BY ` + order + ` LIMIT ?`
	return query, concat(secArgs, docArgs, verifyArgs, orderArgs, []any{limit})
}

// ftsMatch writes phrases as an FTS5 expression: quoted phrases joined by
// AND, "" when there are none.
func ftsMatch(phrases []textindex.Phrase) string {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		parts[i] = `"` + strings.ReplaceAll(strings.Join(p.Tokens, " "), `"`, `""`) + `"`
		if p.Prefix {
			parts[i] += " *"
		}
	}
	return strings.Join(parts, " AND ")
}

func concat[T any](slices ...[]T) []T {
	var out []T
	for _, s := range slices {
		out = append(out, s...)
	}
	return out
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
