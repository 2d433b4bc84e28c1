package textindex

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/errkind"
)

// ErrNotFound is returned, wrapped, by either store when a requested row
// does not exist.
var ErrNotFound = errkind.New(errkind.NotFound, "记录不存在")

// Prepared is a document ready to be stored, with its identifying hash
// computed. Preparing is pure CPU work, so a bulk ingest can prepare the next
// document while the previous one is being written.
type Prepared struct {
	source, encoding string
	addedBy          string // the uploading user's name, "" for none
	doc              corpus.Document
	hash             string
}

// Prepare computes what storing doc from source needs. It fails for a
// document without text.
func Prepare(source, encoding string, doc corpus.Document) (Prepared, error) {
	if doc.Text == "" {
		// The hash of "" would make every text-less document the same one.
		return Prepared{}, fmt.Errorf("保存文档 %q: 文档正文为空", doc.Title)
	}
	sum := sha256.Sum256([]byte(doc.Text))
	return Prepared{source: source, encoding: encoding, doc: doc, hash: hex.EncodeToString(sum[:])}, nil
}

// Restore is a document as a store keeps it, with the hash it was stored
// under: how a copy from one store to another (zongjie migrate) keeps a
// document's identity, since the text the hash was computed from is not
// stored. It does not check hash.
func Restore(source, encoding, addedBy, hash string, doc corpus.Document) Prepared {
	return Prepared{source: source, encoding: encoding, addedBy: addedBy, doc: doc, hash: hash}
}

// Source is where the document was read from.
func (p Prepared) Source() string { return p.source }

// Encoding is the character encoding the document's file was decoded from.
func (p Prepared) Encoding() string { return p.encoding }

// WithAddedBy returns p recording name as the user who uploaded the
// document ("" for none: the command line and the built-in reports).
func (p Prepared) WithAddedBy(name string) Prepared {
	p.addedBy = name
	return p
}

// AddedBy is the name of the user who uploaded the document, "" for none.
func (p Prepared) AddedBy() string { return p.addedBy }

// Doc is the parsed document.
func (p Prepared) Doc() corpus.Document { return p.doc }

// Hash is the sha256 of the document's normalised text, in hex: what makes
// storing the same text twice a no-op. It is "" for a zero Prepared.
func (p Prepared) Hash() string { return p.hash }

// Hashes returns the hashes of ps, in order.
func Hashes(ps []Prepared) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.hash)
	}
	return out
}

// BySection indexes recs by section id, pointing into recs, and lists
// their ids in order: how a store loads what belongs to each section (its
// figures) in one query.
func BySection(recs []corpus.SectionRecord) (map[int64]*corpus.SectionRecord, []int64) {
	byID := make(map[int64]*corpus.SectionRecord, len(recs))
	ids := make([]int64, len(recs))
	for i := range recs {
		byID[recs[i].SectionID] = &recs[i]
		ids[i] = recs[i].SectionID
	}
	return byID, ids
}

// Skeletons starts one template per document, in the order of docs, indexes
// them by document id and lists the ids: how a store then loads every
// document's headings in one query.
func Skeletons(docs []corpus.DocumentRecord) ([]draft.Template, map[int64]*draft.Template, []int64) {
	ts := make([]draft.Template, len(docs))
	byID := make(map[int64]*draft.Template, len(docs))
	ids := make([]int64, len(docs))
	for i, d := range docs {
		ts[i] = draft.Template{ID: d.ID, Title: d.Title, Kind: d.Kind, Source: d.Source}
		byID[d.ID] = &ts[i]
		ids[i] = d.ID
	}
	return ts, byID, ids
}

// Hits makes search hits of recs with their scores, each with a snippet
// where terms (folded, longest first) are wrapped in 【】.
func Hits(recs []corpus.SectionRecord, scores []float64, terms []string) []corpus.SearchHit {
	hits := make([]corpus.SearchHit, len(recs))
	for i, r := range recs {
		hits[i] = corpus.SearchHit{SectionRecord: r, Snippet: Snippet(r.Text, terms), Score: scores[i]}
	}
	return hits
}
