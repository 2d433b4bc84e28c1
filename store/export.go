package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/store/textindex"
)

// ErrNotZongjie is returned, wrapped, by CheckExisting for a file that is
// not a Zongjie database.
var ErrNotZongjie = errkind.New(errkind.Invalid, "不是总结（Zongjie）的数据库")

// CheckExisting reports whether path is an existing Zongjie database,
// reading it only: unlike Open it creates no file and applies no
// migration, so a wrong path changes nothing. The error is of kind
// NotFound for a missing file and wraps ErrNotZongjie for another file.
func CheckExisting(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return errkind.Mark(errkind.NotFound, fmt.Errorf("找不到数据库文件 %s", path))
	}
	if err != nil {
		return fmt.Errorf("检查数据库 %s: %w", path, err)
	}
	if fi.IsDir() {
		return fmt.Errorf("检查数据库 %s: 这是一个目录: %w", path, ErrNotZongjie)
	}
	conn, err := sql.Open("sqlite3", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return fmt.Errorf("检查数据库 %s: %w", path, err)
	}
	defer conn.Close()
	var tables int
	err = conn.QueryRow(`SELECT count(*) FROM sqlite_master
		WHERE type = 'table' AND name IN ('migrations', 'documents', 'sections', 'runs', 'calls')`).Scan(&tables)
	if err != nil || tables != 5 {
		// "file is not a database" for other files, too few tables for
		// another program's SQLite file.
		return fmt.Errorf("检查数据库 %s: %w", path, ErrNotZongjie)
	}
	return nil
}

// DatabaseID returns the random id this database was given once (see
// migration 0009): what names the origin of its rows when they are copied
// into another database.
func (db *DB) DatabaseID(ctx context.Context) (string, error) {
	var id string
	if err := db.read.QueryRowContext(ctx, `SELECT value FROM database_id WHERE id = 1`).Scan(&id); err != nil {
		return "", fmt.Errorf("读取数据库标识: %w", err)
	}
	return id, nil
}

// ExportDocument returns stored document id as a Prepared document, with
// its source, encoding, uploader, metadata, sections and figures and the
// hash it is stored under, ready for another store's SaveUnindexed. The
// error wraps ErrNotFound when there is no document id.
func (db *DB) ExportDocument(ctx context.Context, id int64) (Prepared, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return Prepared{}, fmt.Errorf("导出文档 %d: %w", id, err)
	}
	defer tx.Rollback()
	p, err := exportDocument(ctx, tx, id)
	if err != nil {
		return Prepared{}, fmt.Errorf("导出文档 %d: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return Prepared{}, fmt.Errorf("导出文档 %d: %w", id, err)
	}
	return p, nil
}

// exportDocument reads document id with its sections and figures.
func exportDocument(ctx context.Context, tx *sql.Tx, id int64) (Prepared, error) {
	docs, err := findDocuments(ctx, tx, id)
	if err != nil {
		return Prepared{}, err
	}
	if len(docs) == 0 {
		return Prepared{}, ErrNotFound
	}
	var hash string
	if err := tx.QueryRowContext(ctx, `SELECT hash FROM documents WHERE id = ?`, id).Scan(&hash); err != nil {
		return Prepared{}, err
	}
	recs, err := findSections(ctx, tx, `WHERE s.doc_id = ?`, `ORDER BY s.seq`, id)
	if err == nil {
		err = attachFigures(ctx, tx, recs)
	}
	if err != nil {
		return Prepared{}, err
	}
	d := docs[0]
	doc := corpus.Document{Title: d.Title, Org: d.Org, Year: d.Year, Period: d.Period, Kind: d.Kind,
		Sections: make([]corpus.Section, len(recs))}
	for i, r := range recs {
		doc.Sections[i] = r.Section
	}
	return textindex.Restore(d.Source, d.Encoding, d.AddedBy, hash, doc), nil
}

// TokenHashes returns the hash of every user's token by user id: what a
// copy of the users into another database needs so their tokens keep
// working there.
func (db *DB) TokenHashes(ctx context.Context) (map[int64]string, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("导出用户口令散列: %w", err)
	}
	defer tx.Rollback()
	hashes, err := findTokenHashes(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("导出用户口令散列: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("导出用户口令散列: %w", err)
	}
	return hashes, nil
}

func findTokenHashes(ctx context.Context, tx *sql.Tx) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, token_hash FROM users`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	hashes := make(map[int64]string)
	for rows.Next() {
		var id int64
		var h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, err
		}
		hashes[id] = h
	}
	return hashes, rows.Err()
}

// RunIDs returns the ids of every stored draft run, in order.
func (db *DB) RunIDs(ctx context.Context) ([]int64, error) {
	tx, err := db.read.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("列出草稿记录: %w", err)
	}
	defer tx.Rollback()
	ids, err := findIDs(ctx, tx, `SELECT id FROM runs ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("列出草稿记录: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("列出草稿记录: %w", err)
	}
	return ids, nil
}

func findIDs(ctx context.Context, tx *sql.Tx, query string) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
