package corpus

import (
	"strings"
	"time"
)

// DocumentRecord is a stored document's metadata.
type DocumentRecord struct {
	ID           int64
	Source       string // file path it was ingested from ("starter:…" for the built-in corpus)
	Encoding     string
	Title        string
	Org          string
	Year         int // 0 when unknown
	Period       string
	Kind         string
	SectionCount int
	CreatedAt    time.Time
	AddedBy      string // the user who uploaded it; "" for the command line and the built-in reports
}

// StarterSource starts the source of every report of the built-in starter
// corpus (内置范文), which the user's own reports rank before.
const StarterSource = "starter:"

// IsBuiltin reports whether a report from source is a built-in sample
// report (内置范文) rather than one of the user's own.
func IsBuiltin(source string) bool { return strings.HasPrefix(source, StarterSource) }

// Builtin reports whether the document is a built-in sample report.
func (d DocumentRecord) Builtin() bool { return IsBuiltin(d.Source) }

// SectionRecord is a stored section together with its document's metadata.
type SectionRecord struct {
	DocID     int64
	SectionID int64 // the row id of the section in the store
	DocTitle  string
	Org       string
	Year      int
	Kind      string
	Builtin   bool // from a built-in sample report (内置范文)
	Section
}

// SearchQuery selects sections by full text and filters. Empty fields do not
// filter; Limit ≤ 0 means the store's default (10).
type SearchQuery struct {
	Text     string
	Category string
	Part     string
	Org      string
	Year     int
	Limit    int
}

// SearchHit is one search result: the section, a snippet with the matched
// terms highlighted by 【】, and its rank score (higher is better).
type SearchHit struct {
	SectionRecord
	Snippet string
	Score   float64
}
