package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// defaultLimit is the number of hits Search returns when the query sets none.
const defaultLimit = 10

// candidateLimit bounds how many matching sections ts_rank ranks per
// search; ≤ 0 ranks every match.
//
// Ranking every match of a frequent term (安全 in a third of all sections)
// reads and ranks each match's vector: BenchmarkSearch100k measured, over
// three runs at 100,000 sections on 2 cores shared with other builds, p50
// 184–255 ms and p99 414–668 ms over all matches, 31–91 ms and 142–299 ms
// for the newest 1,000, and 6.5–25 ms and 34–57 ms for the newest 200. So
// Search ranks the 200 most recently stored matches that pass the filters,
// as the SQLite store does; with no more matches than that the ranking is
// exact.
const candidateLimit = 200

// minWorkMem is the least work_mem a search runs with; see raiseWorkMem.
const minWorkMem = "32MB"

// raiseWorkMem raises the connection's work_mem to minWorkMem unless the
// server or the DSN set more. A term's matches are gathered as a bitmap of
// row addresses; past work_mem the bitmap keeps only pages, and every row
// on them is read again and its vector checked. With PostgreSQL's default
// 4 MB, 课后服务 in the plan part of 1,000,000 sections rechecked 371,424
// rows and took 1,775–2,089 ms; with 16 MB the bitmap stayed exact (113–192
// ms), with 32 MB 108 ms. Searches and sorts of this store stay far below
// 32 MB, so the pool's few connections cannot use much more memory.
func raiseWorkMem(ctx context.Context, conn *pgx.Conn) error {
	_, err := conn.Exec(ctx, `SELECT set_config('work_mem', $1, false)
		WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes($1)`, minWorkMem)
	if err != nil {
		return fmt.Errorf("设置 work_mem: %w", err)
	}
	return nil
}

// maxPosition is the largest position a tsvector holds; PostgreSQL rounds
// larger ones down to it.
const maxPosition = 16383

// maxPositions is how many positions a tsvector keeps per token; PostgreSQL
// drops the rest.
const maxPositions = 256

// Weights of ts_rank for D, C, B and A: headings (A) weigh five times the
// text (D), as bm25(5, 1) weighs them in the SQLite store.
const rankWeights = `'{0.2, 0.2, 0.2, 1.0}'`

// vector returns the tsvector literal that indexes a section: the bigrams
// of the heading with weight A, then those of the text, a position apart so
// that no phrase spans both. It is a literal, not to_tsvector(), so that
// no text search parser (whose idea of a word depends on the locale) splits
// the tokens again. PostgreSQL keeps positions up to 16,383 and 256 of them
// a token: a two-character term is found anywhere in a section, but a
// longer phrase that starts past about the 16,000th character of one
// section is not, because its tokens share the last position (SQLite has no
// such limit; report sections are far shorter).
func vector(heading, text string) string {
	type entry struct {
		token string
		pos   []string
	}
	var entries []*entry
	byToken := map[string]*entry{}
	pos := 0
	add := func(s, weight string) {
		for _, tok := range strings.Fields(textindex.Bigrams(s)) {
			pos = min(pos+1, maxPosition)
			e := byToken[tok]
			if e == nil {
				e = &entry{token: tok}
				byToken[tok] = e
				entries = append(entries, e)
			}
			if len(e.pos) < maxPositions {
				e.pos = append(e.pos, strconv.Itoa(pos)+weight)
			}
		}
		pos++
	}
	add(heading, "A")
	add(text, "")
	var b strings.Builder
	for i, e := range entries {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quote(e.token) + ":" + strings.Join(e.pos, ","))
	}
	return b.String()
}

// quote writes a token as a tsvector or tsquery lexeme.
func quote(tok string) string {
	return "'" + strings.NewReplacer(`'`, `''`, `\`, `\\`).Replace(tok) + "'"
}

// tsquery writes phrases as a tsquery: the tokens of a phrase follow each
// other (<->), a prefix phrase's last token is a prefix (:*), all phrases
// must match (&). "" when there are none.
func tsquery(phrases []textindex.Phrase) string {
	parts := make([]string, len(phrases))
	for i, p := range phrases {
		toks := make([]string, len(p.Tokens))
		for j, t := range p.Tokens {
			toks[j] = quote(t)
		}
		if p.Prefix {
			toks[len(toks)-1] += ":*"
		}
		parts[i] = "(" + strings.Join(toks, " <-> ") + ")"
	}
	return strings.Join(parts, " & ")
}

// Search returns up to q.Limit sections (10 when unset) that contain every
// term of q.Text and pass q's filters, best first, each with a snippet of its
// text where the terms are wrapped in 【】: the same hits, in the same order,
// as store.DB.Search, with ts_rank for bm25 (Score is ts_rank, higher is
// better). Only the 200 most recently stored matches are ranked (see
// candidateLimit).
func (db *DB) Search(ctx context.Context, q corpus.SearchQuery) (hits []corpus.SearchHit, err error) {
	return db.SearchCandidates(ctx, q, candidateLimit)
}

// SearchCandidates is Search letting ts_rank rank at most candidates
// matches (≤ 0: all of them), to measure the choice of candidateLimit.
func (db *DB) SearchCandidates(ctx context.Context, q corpus.SearchQuery, candidates int) (hits []corpus.SearchHit, err error) {
	err = db.read(ctx, fmt.Sprintf("检索 %q", q.Text), func(tx pgx.Tx) error {
		hits, err = searchSections(ctx, tx, q, candidates)
		return err
	})
	return hits, err
}

// phraseWindow is how many of the newest sections a phrase search reads
// first; see searchSections.
const phraseWindow = 10_000

// searchSections runs q, ranking at most candidates matches.
//
// A phrase search reads every section holding the phrase's tokens (see
// rankedQuery), though it ranks only the newest candidates. So it first
// looks among the newest phraseWindow sections only, where the index and
// the primary key together name the rows (a BitmapAnd): when that finds
// the candidates, they are the newest of all, and otherwise the search
// runs again over every section. At 100,000 sections 课后服务 (in 16% of
// them) took 12–13 ms instead of 69 ms, warm cache, 2 cores.
func searchSections(ctx context.Context, tx pgx.Tx, q corpus.SearchQuery, candidates int) ([]corpus.SearchHit, error) {
	tq := textindex.ParseQuery(q.Text)
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	if len(tq.Phrases) == 0 {
		query, a := scanQuery(q, tq.Verify, limit)
		recs, scores, _, err := runSearch(ctx, tx, query, a)
		return hitsWithFigures(ctx, tx, recs, scores, tq.Terms, err)
	}
	var after int64
	if candidates > 0 && tokensQuery(tq.Phrases) != tsquery(tq.Phrases) {
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) - $1 FROM sections`, phraseWindow).Scan(&after); err != nil {
			return nil, err
		}
	}
	query, a := rankedQuery(q, tq.Phrases, tq.Verify, candidates, limit, after)
	recs, scores, found, err := runSearch(ctx, tx, query, a)
	if err == nil && after > 0 && found < max(candidates, limit) {
		query, a = rankedQuery(q, tq.Phrases, tq.Verify, candidates, limit, 0)
		recs, scores, _, err = runSearch(ctx, tx, query, a)
	}
	return hitsWithFigures(ctx, tx, recs, scores, tq.Terms, err)
}

// hitsWithFigures loads the figures of recs and makes them hits, unless
// err (from reading them) is not nil.
func hitsWithFigures(ctx context.Context, tx pgx.Tx, recs []corpus.SectionRecord, scores []float64, terms []string, err error) ([]corpus.SearchHit, error) {
	if err == nil {
		err = attachFigures(ctx, tx, recs)
	}
	if err != nil {
		return nil, err
	}
	return textindex.Hits(recs, scores, terms), nil
}

// runSearch runs a search query and returns its sections, their scores
// and how many candidates it ranked.
func runSearch(ctx context.Context, tx pgx.Tx, query string, a args) (recs []corpus.SectionRecord, scores []float64, found int, err error) {
	rows, err := tx.Query(ctx, query, a...)
	if err != nil {
		return nil, nil, 0, err
	}
	var score float64
	for rows.Next() {
		r, err := scanSection(rows, &score, &found)
		if err != nil {
			rows.Close()
			return nil, nil, 0, err
		}
		recs, scores = append(recs, r), append(scores, score)
	}
	return recs, scores, found, rows.Err()
}

// filters returns q's conditions on sections s and documents d, and on
// the verify terms, adding their parameters to a.
func filters(a *args, q corpus.SearchQuery, verify []string) []string {
	var conds []string
	if q.Category != "" {
		conds = append(conds, `s.category = `+a.add(clean(q.Category)))
	}
	if q.Part != "" {
		conds = append(conds, `s.part = `+a.add(clean(q.Part)))
	}
	if q.Org != "" {
		// strpos, not LIKE: the org is a substring, never a pattern.
		conds = append(conds, `strpos(d.org, `+a.add(clean(q.Org))+`) > 0`)
	}
	if q.Year != 0 {
		conds = append(conds, `d.year = `+a.add(q.Year))
	}
	for _, t := range verify {
		conds = append(conds, `strpos(`+haystack(t)+`, `+a.add(t)+`) > 0`)
	}
	return append(conds, `s.text <> ''`)
}

// rankedQuery is the full-text query: the newest candidates matches that
// pass the filters, ranked by ts_rank.
//
// A phrase (a Han term of three or more characters) is checked in two
// steps. The GIN index cannot check that tokens are adjacent, so PostgreSQL
// rechecks every row it finds against its stored vector, and it guesses the
// rows of a phrase as if its bigrams were independent: 课后服务 was guessed
// at 442 sections and was in 16,528, and reading all of them took 145 ms.
// So the index first finds the sections holding all the tokens, which it
// answers without a recheck; newest first, only as many are checked for the
// phrase as it takes to find the candidates.
//
// after > 0 leaves out the sections with ids up to after.
func rankedQuery(q corpus.SearchQuery, phrases []textindex.Phrase, verify []string, candidates, limit int, after int64) (string, args) {
	var a args
	tsq := a.add(tsquery(phrases)) + `::tsquery`
	conds := filters(&a, q, verify)
	if after > 0 {
		conds = append(conds, `s.id > `+a.add(after))
	}
	from := `FROM sections s JOIN documents d ON d.id = s.doc_id `
	var inner string
	switch tokens := tokensQuery(phrases); {
	case candidates <= 0:
		inner = `SELECT s.id ` + from + whereClause(append(conds, `s.tsv @@ `+tsq))
	case tokens == tsquery(phrases):
		inner = `SELECT s.id ` + from + whereClause(append(conds, `s.tsv @@ `+tsq)) +
			` ORDER BY s.id DESC LIMIT ` + a.add(max(candidates, limit))
	default:
		// OFFSET 0 keeps the phrase check out of the subquery.
		inner = `SELECT m.id FROM (SELECT s.id, s.tsv ` + from + whereClause(append(conds, `s.tsv @@ `+a.add(tokens)+`::tsquery`)) +
			` ORDER BY s.id DESC OFFSET 0) m WHERE m.tsv @@ ` + tsq + ` LIMIT ` + a.add(max(candidates, limit))
	}
	query := `WITH c AS MATERIALIZED (` + inner + `)
		SELECT ` + sectionColumns + `, ts_rank(` + rankWeights + `, s.tsv, ` + tsq + `)::float8 AS score,
			(SELECT count(*) FROM c)::int AS found
		FROM c
		JOIN sections s ON s.id = c.id
		JOIN documents d ON d.id = s.doc_id
		ORDER BY ` + builtinColumn + `, score DESC, d.year DESC NULLS LAST, s.id
		LIMIT ` + a.add(limit)
	return query, a
}

// tokensQuery writes phrases as a tsquery that all their tokens must match,
// anywhere: what the GIN index answers without reading the rows.
func tokensQuery(phrases []textindex.Phrase) string {
	var toks []textindex.Phrase
	for _, p := range phrases {
		for i, t := range p.Tokens {
			toks = append(toks, textindex.Phrase{Tokens: []string{t}, Prefix: p.Prefix && i == len(p.Tokens)-1})
		}
	}
	return tsquery(toks)
}

// scanQuery answers a query the index cannot: no terms, or only lone Han
// characters, which it checks with strpos() on every section that passes
// the filters.
func scanQuery(q corpus.SearchQuery, verify []string, limit int) (string, args) {
	var a args
	conds := filters(&a, q, verify)
	order := `d.year DESC NULLS LAST, s.id`
	if len(verify) > 0 {
		order = `strpos(s.heading, ` + a.add(verify[0]) + `) > 0 DESC, ` + order
	}
	query := `SELECT ` + sectionColumns + `, 0::float8, 0
		FROM sections s JOIN documents d ON d.id = s.doc_id ` + whereClause(conds) + `
		ORDER BY ` + builtinColumn + `, ` + order + ` LIMIT ` + a.add(limit)
	return query, a
}

// haystack is the SQL expression strpos() searches for term: heading and
// text, lower-cased when the term has letters.
func haystack(term string) string {
	h := `s.heading || E'\n' || s.text`
	if strings.ToUpper(term) != term {
		h = `lower(` + h + `)`
	}
	return h
}

// joinAnd joins SQL conditions with AND.
func joinAnd(conds []string) string { return strings.Join(conds, " AND ") }
