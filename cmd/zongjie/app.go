package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/corpus/starter"
	"github.com/zongjie/zongjie/store"
)

// app holds what the commands share: streams, configuration and the lazily
// opened database.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	configPath     string
	cfg            Config
	db             *store.DB
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
func (a *app) openDB(ctx context.Context) (*store.DB, error) {
	if a.db != nil {
		return a.db, nil
	}
	db, err := store.Open(a.cfg.DB)
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
				fmt.Fprintf(a.stderr, "新数据库 %s：已载入内置范文 %d 篇（可用 zongjie docs rm 删除）。\n", a.cfg.DB, added)
			}
		}
	}
	return db, nil
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
func loadStarter(ctx context.Context, db *store.DB, p *corpus.Parser) (int, error) {
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
