package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// Prepared is a document ready to be stored (see textindex.Prepared).
type Prepared = textindex.Prepared

// Prepare computes what storing doc from source needs. It fails for a
// document without text.
func Prepare(source, encoding string, doc corpus.Document) (Prepared, error) {
	return textindex.Prepare(source, encoding, doc)
}

// PrepareDocument is Prepare as a method, for the ingest service's store
// interface, recording addedBy as the user who uploaded the document.
func (db *DB) PrepareDocument(source, encoding, addedBy string, doc corpus.Document) (Prepared, error) {
	p, err := Prepare(source, encoding, doc)
	return p.WithAddedBy(addedBy), err
}

// SaveDocument stores doc and its sections and figures, in order, in one
// transaction, so a failure leaves nothing behind. A document is identified
// by the sha256 of its normalised Text: if one with the same text is already
// stored, SaveDocument writes nothing and returns its id with created false.
func (db *DB) SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (id int64, created bool, err error) {
	p, err := Prepare(source, encoding, doc)
	if err != nil {
		return 0, false, err
	}
	return db.savePrepared(ctx, p, true)
}

// SaveUnindexed stores a prepared document like SaveDocument, in its own
// transaction, but leaves its sections out of the full-text index until
// IndexPending runs: a bulk ingest saves many documents, then indexes them
// in one go. Search does not find the document before that.
func (db *DB) SaveUnindexed(ctx context.Context, p Prepared) (id int64, created bool, err error) {
	return db.savePrepared(ctx, p, false)
}

func (db *DB) savePrepared(ctx context.Context, p Prepared, index bool) (id int64, created bool, err error) {
	if p.Hash() == "" {
		return 0, false, fmt.Errorf("保存文档 %q: 文档未经 Prepare", p.Doc().Title)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, false, fmt.Errorf("保存文档 %q: %w", p.Doc().Title, err)
	}
	defer tx.Rollback()

	id, created, err = saveDocument(ctx, tx, p, time.Now())
	if err == nil && index {
		_, err = indexPending(ctx, tx)
	}
	if err != nil {
		return 0, false, fmt.Errorf("保存文档 %q: %w", p.Doc().Title, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, false, fmt.Errorf("保存文档 %q: %w", p.Doc().Title, err)
	}
	return id, created, nil
}

// IndexPending writes the full-text index rows of every section stored
// without them (by SaveUnindexed, or by an ingest that was interrupted), in
// one transaction, and returns how many sections it indexed. When nothing is
// pending it only reads, so calling it often is cheap and takes no lock.
func (db *DB) IndexPending(ctx context.Context) (int, error) {
	lagging, err := indexLags(ctx, db.read)
	if err != nil || !lagging {
		return 0, wrapErr("建立全文索引", err)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("建立全文索引: %w", err)
	}
	defer tx.Rollback()

	n, err := indexPending(ctx, tx)
	if err != nil {
		return 0, fmt.Errorf("建立全文索引: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("建立全文索引: %w", err)
	}
	return n, nil
}

// indexLags reports whether sections are stored above the index watermark.
func indexLags(ctx context.Context, q querier) (bool, error) {
	var lags bool
	err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT max(id) FROM sections), 0) > indexed_through
		FROM index_state WHERE id = 1`).Scan(&lags)
	return lags, err
}

// wrapErr wraps err, if any, with the operation op.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// indexPending indexes the sections above the watermark, in id order, and
// moves the watermark past them.
func indexPending(ctx context.Context, tx *sql.Tx) (int, error) {
	var through int64
	if err := tx.QueryRowContext(ctx, `SELECT indexed_through FROM index_state WHERE id = 1`).Scan(&through); err != nil {
		return 0, err
	}
	n, last, err := indexSections(ctx, tx, through)
	if err != nil || n == 0 {
		return n, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE index_state SET indexed_through = ? WHERE id = 1`, last)
	return n, err
}

// indexSections writes the index rows of the sections with ids above after,
// reading them a page at a time so a large backlog is not held in memory. It
// returns how many it indexed and the last id.
func indexSections(ctx context.Context, tx *sql.Tx, after int64) (n int, last int64, err error) {
	ins, err := tx.PrepareContext(ctx, `INSERT INTO sections_fts (rowid, heading, text) VALUES (?, ?, ?)`)
	if err != nil {
		return 0, after, err
	}
	defer ins.Close()
	type pending struct {
		id            int64
		heading, text string
	}
	last = after
	for {
		rows, err := tx.QueryContext(ctx, `SELECT id, heading, text FROM sections WHERE id > ? ORDER BY id LIMIT 500`, last)
		if err != nil {
			return n, last, err
		}
		var page []pending
		for rows.Next() {
			var s pending
			if err := rows.Scan(&s.id, &s.heading, &s.text); err != nil {
				rows.Close()
				return n, last, err
			}
			page = append(page, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return n, last, err
		}
		if len(page) == 0 {
			return n, last, nil
		}
		for _, s := range page {
			if _, err := ins.ExecContext(ctx, s.id, textindex.Bigrams(s.heading), textindex.Bigrams(s.text)); err != nil {
				return n, last, fmt.Errorf("段落 %d 索引: %w", s.id, err)
			}
		}
		n += len(page)
		last = page[len(page)-1].id
	}
}

func saveDocument(ctx context.Context, tx *sql.Tx, p Prepared, now time.Time) (int64, bool, error) {
	doc := p.Doc()
	// Writing first takes the write lock at once; reading the hash first
	// could make the later write fail with SQLITE_BUSY under concurrency.
	var id int64
	err := tx.QueryRowContext(ctx, `
		INSERT INTO documents (hash, source, encoding, title, org, year, period, kind, created_at, added_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING
		RETURNING id`,
		p.Hash(), p.Source(), p.Encoding(), doc.Title, doc.Org, nullInt(doc.Year), doc.Period, doc.Kind, formatTime(now), p.AddedBy(),
	).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `SELECT id FROM documents WHERE hash = ?`, p.Hash()).Scan(&id)
		return id, false, err
	}
	if err != nil {
		return 0, false, err
	}

	insSection, err := tx.PrepareContext(ctx, `
		INSERT INTO sections (doc_id, seq, path, parent_path, level, marker, heading, part, category, text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, false, err
	}
	defer insSection.Close()
	insFigure, err := tx.PrepareContext(ctx, `
		INSERT INTO figures (section_id, seq, text, value, unit, label, placeholder)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return 0, false, err
	}
	defer insFigure.Close()

	for i, s := range doc.Sections {
		res, err := insSection.ExecContext(ctx, id, i, s.ID, s.Parent, s.Level, s.Marker, s.Heading, s.Part, s.Category, s.Text)
		if err != nil {
			return 0, false, fmt.Errorf("段落 %d %q: %w", i, s.Heading, err)
		}
		sid, err := res.LastInsertId()
		if err != nil {
			return 0, false, err
		}
		for j, f := range s.Figures {
			var value any = f.Value
			if f.Placeholder {
				value = nil
			}
			if _, err := insFigure.ExecContext(ctx, sid, j, f.Text, value, f.Unit, f.Label, f.Placeholder); err != nil {
				return 0, false, fmt.Errorf("段落 %d 数字 %q: %w", i, f.Text, err)
			}
		}
	}
	return id, true, nil
}

// Documents returns the metadata of every stored document, ordered by id.
func (db *DB) Documents(ctx context.Context) ([]corpus.DocumentRecord, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出文档: %w", err)
	}
	defer tx.Rollback()

	docs, err := findDocuments(ctx, tx, 0)
	if err != nil {
		return nil, fmt.Errorf("列出文档: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出文档: %w", err)
	}
	return docs, nil
}

// Document returns a stored document and its sections in order, each with
// its figures. It returns an error wrapping ErrNotFound if there is no
// document id.
func (db *DB) Document(ctx context.Context, id int64) (corpus.DocumentRecord, []corpus.Section, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return corpus.DocumentRecord{}, nil, fmt.Errorf("读取文档 %d: %w", id, err)
	}
	defer tx.Rollback()

	docs, err := findDocuments(ctx, tx, id)
	if err != nil {
		return corpus.DocumentRecord{}, nil, fmt.Errorf("读取文档 %d: %w", id, err)
	}
	if len(docs) == 0 {
		return corpus.DocumentRecord{}, nil, fmt.Errorf("读取文档 %d: %w", id, ErrNotFound)
	}
	recs, err := findSections(ctx, tx, `WHERE s.doc_id = ?`, `ORDER BY s.seq`, id)
	if err == nil {
		err = attachFigures(ctx, tx, recs)
	}
	if err != nil {
		return corpus.DocumentRecord{}, nil, fmt.Errorf("读取文档 %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return corpus.DocumentRecord{}, nil, fmt.Errorf("读取文档 %d: %w", id, err)
	}
	sections := make([]corpus.Section, len(recs))
	for i, r := range recs {
		sections[i] = r.Section
	}
	return docs[0], sections, nil
}

// CountDocuments returns the number of stored documents.
func (db *DB) CountDocuments(ctx context.Context) (int, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("统计文档: %w", err)
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("统计文档: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("统计文档: %w", err)
	}
	return n, nil
}

// Sections returns the stored sections of category, and of part unless part
// is "", each with its figures: the pool examples are chosen from. An empty
// category does not filter. The user's own reports come first, then the
// built-in ones (内置范文); within each newer years first, then documents and
// sections in the order they were stored. limit ≤ 0 means no limit.
func (db *DB) Sections(ctx context.Context, category, part string, limit int) ([]corpus.SectionRecord, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出段落 %s/%s: %w", category, part, err)
	}
	defer tx.Rollback()

	var where []string
	var args []any
	if category != "" {
		where, args = append(where, `s.category = ?`), append(args, category)
	}
	if part != "" {
		where, args = append(where, `s.part = ?`), append(args, part)
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	args = append(args, limit)
	// The user's own reports first: the pool is cut at limit.
	recs, err := findSections(ctx, tx, whereClause(where), `ORDER BY `+builtinColumn+`, d.year DESC, s.id LIMIT ?`, args...)
	if err == nil {
		err = attachFigures(ctx, tx, recs)
	}
	if err != nil {
		return nil, fmt.Errorf("列出段落 %s/%s: %w", category, part, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出段落 %s/%s: %w", category, part, err)
	}
	return recs, nil
}

// findDocuments returns document id, or all documents when id is 0.
func findDocuments(ctx context.Context, tx *sql.Tx, id int64) ([]corpus.DocumentRecord, error) {
	if id != 0 {
		return queryDocuments(ctx, tx, `WHERE d.id = ? ORDER BY d.id`, id)
	}
	return queryDocuments(ctx, tx, `ORDER BY d.id`)
}

// builtinColumn is 1 for a section of a built-in sample report, else 0.
const builtinColumn = `(d.source GLOB '` + corpus.StarterSource + `*')`

// sectionColumns are the columns scanSection reads, from sections s joined
// with documents d.
const sectionColumns = `s.doc_id, s.id, d.title, d.org, coalesce(d.year, 0), d.kind, ` + builtinColumn + `,
	s.path, s.parent_path, s.level, s.marker, s.heading, s.part, s.category, s.text`

func scanSection(sc interface{ Scan(...any) error }, extra ...any) (corpus.SectionRecord, error) {
	var r corpus.SectionRecord
	dest := []any{&r.DocID, &r.SectionID, &r.DocTitle, &r.Org, &r.Year, &r.Kind, &r.Builtin,
		&r.ID, &r.Parent, &r.Level, &r.Marker, &r.Heading, &r.Part, &r.Category, &r.Text}
	err := sc.Scan(append(dest, extra...)...)
	return r, err
}

// findSections returns sections with their documents' metadata, without figures.
func findSections(ctx context.Context, tx *sql.Tx, where, order string, args ...any) ([]corpus.SectionRecord, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+sectionColumns+`
		FROM sections s JOIN documents d ON d.id = s.doc_id `+where+` `+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var recs []corpus.SectionRecord
	for rows.Next() {
		r, err := scanSection(rows)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r)
	}
	return recs, rows.Err()
}

// attachFigures loads the figures of recs, in order, into them.
func attachFigures(ctx context.Context, tx *sql.Tx, recs []corpus.SectionRecord) error {
	if len(recs) == 0 {
		return nil
	}
	byID, ids := textindex.BySection(recs)
	// One query per call; json_each keeps the statement the same for any
	// number of sections.
	rows, err := tx.QueryContext(ctx, `
		SELECT f.section_id, f.text, f.value, f.unit, f.label, f.placeholder
		FROM figures f
		WHERE f.section_id IN (SELECT value FROM json_each(?))
		ORDER BY f.section_id, f.seq`, jsonInts(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sid int64
		var f corpus.Figure
		var value sql.NullFloat64
		if err := rows.Scan(&sid, &f.Text, &value, &f.Unit, &f.Label, &f.Placeholder); err != nil {
			return err
		}
		f.Value = value.Float64
		if r := byID[sid]; r != nil {
			r.Figures = append(r.Figures, f)
		}
	}
	return rows.Err()
}

func jsonInts(ids []int64) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	return b.String()
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}
