package draft

import (
	"context"
	"sync"

	"github.com/zongjie/zongjie/corpus"
)

// VersionedSectionSource is a SectionSource that can tell when the corpus
// changed.
type VersionedSectionSource interface {
	SectionSource
	// CorpusVersion changes whenever a report is added, removed or changed.
	CorpusVersion(ctx context.Context) (int64, error)
}

// SectionCache is a SectionSource for a long-running server: it keeps each
// pool of candidate sections (by category, part and limit) until the corpus
// version changes, so concurrent drafts share one read of the store instead
// of each loading thousands of sections per heading. Concurrent misses of
// one pool wait for a single read. The sections it returns are shared:
// callers must not modify them (appending to the slice is safe). It is safe
// for concurrent use; the zero value needs Source set.
type SectionCache struct {
	// Source is the store the pools are read from.
	Source VersionedSectionSource

	mu      sync.Mutex
	version int64
	pools   map[poolKey]*sectionPool
}

// poolKey names one pool of candidates.
type poolKey struct {
	category, part string
	limit          int
}

// sectionPool is one pool, ready once done is closed.
type sectionPool struct {
	done chan struct{}
	secs []corpus.SectionRecord
	err  error
}

// Sections returns the sections of category (and part, unless ""), at most
// limit, as the source does, from the cache when the corpus is unchanged.
// A caller that waited for another's read which failed reads once itself,
// so one request's cancellation does not fail the others.
func (c *SectionCache) Sections(ctx context.Context, category, part string, limit int) ([]corpus.SectionRecord, error) {
	var secs []corpus.SectionRecord
	var err error
	for range 2 {
		var loaded bool
		if secs, loaded, err = c.sections(ctx, poolKey{category, part, limit}); err == nil || loaded || ctx.Err() != nil {
			break
		}
	}
	return secs, err
}

// sections answers one pool, reading it when no one has; loaded says
// whether this call read it.
func (c *SectionCache) sections(ctx context.Context, key poolKey) ([]corpus.SectionRecord, bool, error) {
	version, err := c.Source.CorpusVersion(ctx)
	if err != nil {
		return nil, true, err
	}
	p, load := c.pool(version, key)
	if load {
		p.secs, p.err = c.Source.Sections(ctx, key.category, key.part, key.limit)
		p.secs = p.secs[:len(p.secs):len(p.secs)] // an append copies
		if p.err != nil {
			c.forget(version, key, p)
		}
		close(p.done)
	}
	select {
	case <-p.done:
		return p.secs, load, p.err
	case <-ctx.Done():
		return nil, load, ctx.Err()
	}
}

// pool returns the pool of key at version; load is true when the caller
// must fill it.
func (c *SectionCache) pool(version int64, key poolKey) (p *sectionPool, load bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.pools == nil {
		c.version, c.pools = version, map[poolKey]*sectionPool{}
	}
	if p := c.pools[key]; p != nil {
		return p, false
	}
	p = &sectionPool{done: make(chan struct{})}
	c.pools[key] = p
	return p, true
}

// forget drops a pool whose read failed, so the next call reads again.
func (c *SectionCache) forget(version int64, key poolKey, p *sectionPool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version == version && c.pools[key] == p {
		delete(c.pools, key)
	}
}
