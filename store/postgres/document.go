package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store/textindex"
)

// PrepareDocument is textindex.Prepare as a method, for the ingest
// service's store interface, recording addedBy as the user who uploaded the
// document ("" for none).
func (db *DB) PrepareDocument(source, encoding, addedBy string, doc corpus.Document) (Prepared, error) {
	p, err := textindex.Prepare(source, encoding, doc)
	return p.WithAddedBy(addedBy), err
}

// SaveDocument stores doc and its sections and figures, in order, in one
// transaction, so a failure leaves nothing behind. A document is identified
// by the sha256 of its normalised Text: if one with the same text is already
// stored, by this process or another, SaveDocument writes nothing and
// returns its id with created false.
func (db *DB) SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (id int64, created bool, err error) {
	p, err := textindex.Prepare(source, encoding, doc)
	if err != nil {
		return 0, false, err
	}
	return db.SaveUnindexed(ctx, p)
}

// SaveUnindexed stores a prepared document like SaveDocument. Sections are
// always indexed as they are stored, so it is SaveDocument for a document
// already prepared.
func (db *DB) SaveUnindexed(ctx context.Context, p Prepared) (id int64, created bool, err error) {
	if p.Hash() == "" {
		return 0, false, fmt.Errorf("保存文档 %q: 文档未经 Prepare", p.Doc().Title)
	}
	err = db.write(ctx, fmt.Sprintf("保存文档 %q", p.Doc().Title), func(tx pgx.Tx) error {
		id, created, err = saveDocument(ctx, tx, p, time.Now())
		return err
	})
	return id, created, err
}

// saveDocument inserts p unless its hash is stored; then it returns the
// stored document's id.
func saveDocument(ctx context.Context, tx pgx.Tx, p Prepared, now time.Time) (int64, bool, error) {
	doc := p.Doc()
	// Insert-or-skip: a concurrent insert of the same hash, in any process,
	// makes this one wait for it and then skip.
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO documents (hash, source, encoding, title, org, year, period, kind, created_at, added_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		ON CONFLICT (hash) DO NOTHING
		RETURNING id`,
		p.Hash(), clean(p.Source()), clean(p.Encoding()), clean(doc.Title), clean(doc.Org), nullInt(doc.Year),
		clean(doc.Period), clean(doc.Kind), now, clean(p.AddedBy()),
	).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		err = tx.QueryRow(ctx, `SELECT id FROM documents WHERE hash = $1`, p.Hash()).Scan(&id)
		return id, false, err
	}
	if err != nil {
		return 0, false, err
	}
	if err := saveSections(ctx, tx, id, doc.Sections); err != nil {
		return 0, false, err
	}
	return id, true, nil
}

// saveSections inserts the sections of document id, with their index
// vectors and figures, in one round trip.
func saveSections(ctx context.Context, tx pgx.Tx, id int64, sections []corpus.Section) error {
	batch := &pgx.Batch{}
	for i, s := range sections {
		batch.Queue(`
			WITH s AS (
				INSERT INTO sections (doc_id, seq, path, parent_path, level, marker, heading, part, category, text, tsv)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::tsvector)
				RETURNING id)
			INSERT INTO figures (section_id, seq, text, value, unit, label, placeholder)
			SELECT s.id, f.seq - 1, f.text, f.value, f.unit, f.label, f.placeholder
			FROM s, unnest($12::text[], $13::float8[], $14::text[], $15::text[], $16::bool[])
			     WITH ORDINALITY AS f (text, value, unit, label, placeholder, seq)`,
			append([]any{id, i, clean(s.ID), clean(s.Parent), s.Level, clean(s.Marker), clean(s.Heading),
				clean(s.Part), clean(s.Category), clean(s.Text), vector(s.Heading, s.Text)}, figureColumns(s.Figures)...)...)
	}
	results := tx.SendBatch(ctx, batch)
	for i, s := range sections {
		if _, err := results.Exec(); err != nil {
			results.Close()
			return fmt.Errorf("段落 %d %q: %w", i, s.Heading, err)
		}
	}
	return results.Close()
}

// figureColumns returns the figures as five arrays, one per column, for
// unnest: text, value (nil for a placeholder), unit, label, placeholder.
func figureColumns(figs []corpus.Figure) []any {
	texts, units, labels := make([]string, len(figs)), make([]string, len(figs)), make([]string, len(figs))
	values, placeholders := make([]*float64, len(figs)), make([]bool, len(figs))
	for i, f := range figs {
		texts[i], units[i], labels[i], placeholders[i] = clean(f.Text), clean(f.Unit), clean(f.Label), f.Placeholder
		if !f.Placeholder {
			values[i] = &f.Value
		}
	}
	return []any{texts, values, units, labels, placeholders}
}

// Documents returns the metadata of every stored document, ordered by id.
func (db *DB) Documents(ctx context.Context) (docs []corpus.DocumentRecord, err error) {
	err = db.read(ctx, "列出文档", func(tx pgx.Tx) error {
		docs, err = queryDocuments(ctx, tx, `ORDER BY d.id`)
		return err
	})
	return docs, err
}

// Document returns a stored document and its sections in order, each with
// its figures. It returns an error wrapping ErrNotFound if there is no
// document id.
func (db *DB) Document(ctx context.Context, id int64) (doc corpus.DocumentRecord, sections []corpus.Section, err error) {
	err = db.read(ctx, fmt.Sprintf("读取文档 %d", id), func(tx pgx.Tx) error {
		docs, err := queryDocuments(ctx, tx, `WHERE d.id = $1`, id)
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			return ErrNotFound
		}
		doc = docs[0]
		recs, err := findSections(ctx, tx, `WHERE s.doc_id = $1 ORDER BY s.seq`, id)
		for _, r := range recs {
			sections = append(sections, r.Section)
		}
		return err
	})
	return doc, sections, err
}

// CountDocuments returns the number of stored documents.
func (db *DB) CountDocuments(ctx context.Context) (n int, err error) {
	err = db.read(ctx, "统计文档", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&n)
	})
	return n, err
}

// Sections returns the stored sections of category, and of part unless part
// is "", each with its figures: the pool examples are chosen from. An empty
// category does not filter. The user's own reports come first, then the
// built-in ones (内置范文); within each newer years first, then documents and
// sections in the order they were stored. limit ≤ 0 means no limit.
func (db *DB) Sections(ctx context.Context, category, part string, limit int) (recs []corpus.SectionRecord, err error) {
	err = db.read(ctx, fmt.Sprintf("列出段落 %s/%s", category, part), func(tx pgx.Tx) error {
		var a args
		var where []string
		if category != "" {
			where = append(where, `s.category = `+a.add(clean(category)))
		}
		if part != "" {
			where = append(where, `s.part = `+a.add(clean(part)))
		}
		var lim *int // NULL: no limit
		if limit > 0 {
			lim = &limit
		}
		recs, err = findSections(ctx, tx, whereClause(where)+` ORDER BY `+builtinColumn+`, d.year DESC NULLS LAST, s.id LIMIT `+a.add(lim), a...)
		return err
	})
	return recs, err
}

// builtinColumn is true for a section of a built-in sample report.
const builtinColumn = `starts_with(d.source, '` + corpus.StarterSource + `')`

// sectionColumns are the columns scanSection reads, from sections s joined
// with documents d.
const sectionColumns = `s.doc_id, s.id, d.title, d.org, coalesce(d.year, 0), d.kind, ` + builtinColumn + `,
	s.path, s.parent_path, s.level, s.marker, s.heading, s.part, s.category, s.text`

// scanSection reads the sectionColumns, then extra, from row.
func scanSection(row pgx.Row, extra ...any) (corpus.SectionRecord, error) {
	var r corpus.SectionRecord
	dest := []any{&r.DocID, &r.SectionID, &r.DocTitle, &r.Org, &r.Year, &r.Kind, &r.Builtin,
		&r.ID, &r.Parent, &r.Level, &r.Marker, &r.Heading, &r.Part, &r.Category, &r.Text}
	err := row.Scan(append(dest, extra...)...)
	return r, err
}

// findSections returns the sections selected by tail (WHERE and ORDER BY on
// sections s and documents d) with their documents' metadata and figures.
func findSections(ctx context.Context, tx pgx.Tx, tail string, args ...any) ([]corpus.SectionRecord, error) {
	rows, err := tx.Query(ctx, `SELECT `+sectionColumns+`
		FROM sections s JOIN documents d ON d.id = s.doc_id `+tail, args...)
	if err != nil {
		return nil, err
	}
	recs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (corpus.SectionRecord, error) { return scanSection(row) })
	if err != nil {
		return nil, err
	}
	return recs, attachFigures(ctx, tx, recs)
}

// attachFigures loads the figures of recs, in order, into them.
func attachFigures(ctx context.Context, tx pgx.Tx, recs []corpus.SectionRecord) error {
	if len(recs) == 0 {
		return nil
	}
	byID, ids := textindex.BySection(recs)
	rows, err := tx.Query(ctx, `
		SELECT f.section_id, f.text, coalesce(f.value, 0), f.unit, f.label, f.placeholder
		FROM figures f WHERE f.section_id = ANY($1)
		ORDER BY f.section_id, f.seq`, ids)
	if err != nil {
		return err
	}
	var sid int64
	var f corpus.Figure
	_, err = pgx.ForEachRow(rows, []any{&sid, &f.Text, &f.Value, &f.Unit, &f.Label, &f.Placeholder}, func() error {
		byID[sid].Figures = append(byID[sid].Figures, f)
		return nil
	})
	return err
}

// args collects a query's parameters.
type args []any

// add appends v and returns its placeholder ($n).
func (a *args) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// whereClause joins conds with AND after WHERE; "" when there are none.
func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + joinAnd(conds)
}
