package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/corpus/starter"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
	"github.com/zongjie/zongjie/users"
	"github.com/zongjie/zongjie/web"
)

// app holds what the commands share: streams, configuration and the lazily
// opened database.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	cfg            Config
	db             database
}

// database is what the commands need of a store: the SQLite store
// (*store.DB) and the PostgreSQL one (*postgres.DB) both are one.
type database interface {
	web.Corpus
	web.CallLog
	draft.RunStore
	ingest.Store[store.Prepared]
	users.Store
	// SaveDocument stores a parsed report unless its text is stored.
	SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (int64, bool, error)
	// Documents lists every report.
	Documents(ctx context.Context) ([]corpus.DocumentRecord, error)
	// Templates returns the skeletons of the reports of a kind.
	Templates(ctx context.Context, kind string) ([]draft.Template, error)
	// Sections returns the example pool of a category and part.
	Sections(ctx context.Context, category, part string, limit int) ([]corpus.SectionRecord, error)
	// CorpusVersion changes whenever the corpus does.
	CorpusVersion(ctx context.Context) (int64, error)
	// Call returns one logged model call.
	Call(ctx context.Context, id int64) (draft.Call, error)
	// LogCall appends a model call to the log.
	LogCall(ctx context.Context, c draft.Call) (int64, error)
	// Seeded reports whether the sample reports were offered.
	Seeded(ctx context.Context) (bool, error)
	// MarkSeeded records that the sample reports were offered.
	MarkSeeded(ctx context.Context) error
	// Optimize tidies the store after a bulk ingest.
	Optimize(ctx context.Context) error
	// KeepIndexed indexes what an interrupted ingest left until ctx ends.
	KeepIndexed(ctx context.Context, every time.Duration, report func(error))
	// Close closes the store.
	Close() error
}

// openStore opens the database the setting db names: PostgreSQL for a
// postgres:// or postgresql:// URL, else the SQLite file at that path.
func openStore(db string) (database, error) {
	// Each branch returns its own nil on error: an interface holding a nil
	// pointer would not be nil.
	if postgres.IsDSN(db) {
		pg, err := postgres.Open(db)
		if err != nil {
			return nil, err
		}
		return pg, nil
	}
	lite, err := store.Open(db)
	if err != nil {
		return nil, err
	}
	return lite, nil
}

func (a *app) loadConfig(cmd *cobra.Command) error {
	cfg, err := loadConfig(a.configPath, cmd.Flags())
	if err != nil {
		return err
	}
	a.cfg = cfg
	return nil
}

func (a *app) parser() *corpus.Parser { return corpus.NewParser(a.cfg.TaxonomyValue()) }

// openDB opens the database, loading the starter corpus into a new one
// (once: removed sample reports do not come back).
func (a *app) openDB(ctx context.Context) (database, error) {
	if a.db != nil {
		return a.db, nil
	}
	db, err := openStore(a.cfg.DB)
	if err != nil {
		return nil, err
	}
	a.db = db
	if a.cfg.StarterCorpus {
		seeded, err := db.Seeded(ctx)
		if err != nil {
			return nil, err
		}
		if !seeded {
			added, err := loadStarter(ctx, db, a.parser())
			if err != nil {
				return nil, fmt.Errorf("载入内置范文: %w", err)
			}
			if err := db.MarkSeeded(ctx); err != nil {
				return nil, err
			}
			if added > 0 {
				fmt.Fprintf(a.stderr, "新数据库 %s：已载入内置范文 %d 篇（可用 zongjie docs rm 删除）。\n", dbName(a.cfg.DB), added)
			}
		}
	}
	return db, nil
}

// dbName is the database setting db as it may be shown: a PostgreSQL URL
// with its password masked.
func dbName(db string) string {
	u, err := url.Parse(db)
	if err != nil || !postgres.IsDSN(db) {
		return db
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

func (a *app) close() {
	if a.db != nil {
		a.db.Close()
	}
}

// isTerminal reports whether w is a terminal, for progress bars and colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// loadStarter ingests the built-in starter corpus.
func loadStarter(ctx context.Context, db database, p *corpus.Parser) (int, error) {
	entries, err := starter.Files.ReadDir(".")
	if err != nil {
		return 0, err
	}
	added := 0
	for _, e := range entries {
		data, err := starter.Files.ReadFile(e.Name())
		if err != nil {
			return added, err
		}
		res, err := p.Parse(e.Name(), data)
		if err != nil {
			return added, fmt.Errorf("%s: %w", e.Name(), err)
		}
		for _, doc := range res.Documents {
			_, created, err := db.SaveDocument(ctx, corpus.StarterSource+e.Name(), res.Encoding, doc)
			if err != nil {
				return added, err
			}
			if created {
				added++
			}
		}
	}
	return added, nil
}
