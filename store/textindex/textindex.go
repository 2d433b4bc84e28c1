// Package textindex is the engine-neutral half of the store: Chinese text
// made into index tokens, users' search text made into terms and phrases,
// snippets, the prepared document with its identifying hash, and the
// not-found error. The SQLite store (package store) and the PostgreSQL store
// (package store/postgres) both use it, so a query finds the same sections
// on either engine. It has no cgo and no SQL.
package textindex

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese has no spaces and SQLite's trigram tokenizer cannot match the
// two-character words reports are full of (党建, 资助), so the index holds
// overlapping character bigrams made here and split by FTS5's ascii
// tokenizer at the spaces. Queries go through the same functions, which is
// what makes a query term match wherever it occurs as a substring.

// fold maps a rune to the form both the index and queries use: full-width
// ASCII to half-width (an NFKC subset) and letters to lower case.
func fold(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= '\uFF01' && r <= '\uFF5E':
		r -= 0xFEE0
	}
	return unicode.ToLower(r)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// isWord reports whether r belongs to a non-Han word such as "2024" or "ai".
func isWord(r rune) bool { return !isHan(r) && (unicode.IsLetter(r) || unicode.IsNumber(r)) }

// run is a maximal stretch of Han characters or of word characters.
type run struct {
	han   bool
	runes []rune
}

// runs splits folded runes into Han and word runs; everything else separates.
func runs(rs []rune) []run {
	var out []run
	for i := 0; i < len(rs); {
		han := isHan(rs[i])
		if !han && !isWord(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && isHan(rs[j]) == han && (han || isWord(rs[j])) {
			j++
		}
		out = append(out, run{han: han, runes: rs[i:j]})
		i = j
	}
	return out
}

func foldRunes(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		rs[i] = fold(r)
	}
	return rs
}

// tokens returns the index tokens of a run: the bigrams of a Han run (a lone
// Han character is a unigram) or the word itself.
func (r run) tokens() []string {
	if !r.han || len(r.runes) == 1 {
		return []string{string(r.runes)}
	}
	out := make([]string, 0, len(r.runes)-1)
	for i := 0; i+1 < len(r.runes); i++ {
		out = append(out, string(r.runes[i:i+2]))
	}
	return out
}

// Bigrams returns the text the full-text index holds for s:
// "县教育局2024年" → "县教 教育 育局 2024 年". It is the same as joining the
// tokens of runs(foldRunes(s)) with spaces, written in one pass over s
// because ingest calls it for every section and the rune slices of that
// way were half of what an ingest allocated.
func Bigrams(s string) string {
	// A Han character is three bytes and appears in two bigrams, plus spaces.
	b := make([]byte, 0, len(s)*7/3+8)
	var prev rune   // the last rune of the current Han run
	hanLen := 0     // length of the current Han run in runes
	inWord := false // inside a run of word characters
	sep := func() {
		if len(b) > 0 {
			b = append(b, ' ')
		}
	}
	endHan := func() {
		if hanLen == 1 { // a lone Han character is a unigram
			sep()
			b = utf8.AppendRune(b, prev)
		}
		hanLen = 0
	}
	for _, r := range s {
		r = fold(r)
		switch {
		case isHan(r):
			inWord = false
			if hanLen > 0 {
				sep()
				b = utf8.AppendRune(b, prev)
				b = utf8.AppendRune(b, r)
			}
			prev = r
			hanLen++
		case isWord(r):
			endHan()
			if !inWord {
				sep()
				inWord = true
			}
			b = utf8.AppendRune(b, r)
		default:
			endHan()
			inWord = false
		}
	}
	endHan()
	return string(b)
}

// Query is a user's search text made into index phrases, so that no input
// is syntax in any engine's query language.
type Query struct {
	// Phrases must all match, "" when no term can be looked up in the
	// index. Only phrases of tokens are ever produced, so operators,
	// brackets, stars and colons in the input are plain text.
	Phrases []Phrase
	// Verify holds terms the index can only narrow down, such as a lone Han
	// character, whose tokens are hidden inside bigrams; each must also be
	// found as a substring of the folded heading and text.
	Verify []string
	// Terms are all folded terms, longest first, for highlighting.
	Terms []string
}

// Phrase is a sequence of index tokens that must occur in a row.
type Phrase struct {
	// Tokens are the folded bigrams and words, in order.
	Tokens []string
	// Prefix is true when the last token only has to start a token (a lone
	// Han character that ends a term, such as 年 in "2024年").
	Prefix bool
}

// ParseQuery splits s into terms at anything that is neither Han nor a
// letter or digit, so "教育-局" is the two terms 教育 and 局 and "存在问题:"
// is 存在问题. All terms must match.
func ParseQuery(s string) Query {
	var q Query
	seen := map[string]bool{}
	for _, term := range splitTerms(foldRunes(s)) {
		key := string(term)
		if seen[key] {
			continue
		}
		seen[key] = true
		q.Terms = append(q.Terms, key)
		ps, exact := termPhrases(term)
		q.Phrases = append(q.Phrases, ps...)
		if !exact {
			q.Verify = append(q.Verify, key)
		}
	}
	sort.SliceStable(q.Terms, func(i, j int) bool {
		return utf8.RuneCountInString(q.Terms[i]) > utf8.RuneCountInString(q.Terms[j])
	})
	return q
}

// splitTerms returns the maximal stretches of Han and word characters.
func splitTerms(rs []rune) [][]rune {
	var out [][]rune
	for i := 0; i < len(rs); {
		if !isHan(rs[i]) && !isWord(rs[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(rs) && (isHan(rs[j]) || isWord(rs[j])) {
			j++
		}
		out = append(out, rs[i:j])
		i = j
	}
	return out
}

// termPhrases turns one term into phrases that together match exactly the
// sections containing it (exact) or a superset of them (!exact).
//
// A lone Han character is indexed as a unigram only when it stands alone in
// the text; elsewhere it is inside a bigram. At the end of a term ("2024年")
// a prefix phrase "2024 年*" still matches exactly; elsewhere ("第3章") the
// character is left out, the phrase is split there, and the caller checks
// the whole term as a substring.
func termPhrases(term []rune) (phrases []Phrase, exact bool) {
	rs := runs(term)
	exact = true
	var cur []string
	flush := func(prefix bool) {
		if len(cur) > 0 {
			phrases = append(phrases, Phrase{Tokens: cur, Prefix: prefix})
			cur = nil
		}
	}
	for i, r := range rs {
		switch {
		case !r.han || len(r.runes) > 1:
			cur = append(cur, r.tokens()...)
		case i == len(rs)-1 && len(cur) > 0:
			cur = append(cur, string(r.runes))
			flush(true)
		default:
			exact = false
			flush(false)
		}
	}
	flush(false)
	return phrases, exact
}

// snippetWidth is the length of a snippet in runes, highlights excluded.
const snippetWidth = 80

// Snippet returns about snippetWidth runes of text around the first
// occurrence of any term, with every occurrence inside wrapped in 【】.
// terms must be folded and sorted longest first. It works on the stored
// text because the index holds bigrams, from which neither FTS5's snippet()
// nor PostgreSQL's ts_headline could rebuild readable text.
func Snippet(text string, terms []string) string {
	rs := []rune(text)
	folded := make([]rune, len(rs))
	for i, r := range rs {
		folded[i] = fold(r)
	}
	pats := make([][]rune, 0, len(terms))
	for _, t := range terms {
		if t != "" {
			pats = append(pats, []rune(t))
		}
	}
	first := -1
	for _, p := range pats {
		if i := indexRunes(folded, p); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	start := 0
	if first > snippetWidth/4 {
		start = first - snippetWidth/4
	}
	end := min(len(rs), start+snippetWidth)
	start = max(0, min(start, end-snippetWidth))

	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	for i := start; i < end; {
		if p := matchAt(folded, i, pats); p > 0 {
			b.WriteString("【")
			writeRunes(&b, rs[i:i+p])
			b.WriteString("】")
			i += p
			end = max(end, i) // never cut a highlighted term
			continue
		}
		writeRunes(&b, rs[i:i+1])
		i++
	}
	if end < len(rs) {
		b.WriteString("…")
	}
	return b.String()
}

// writeRunes writes rs with line breaks and tabs as spaces: a snippet is one line.
func writeRunes(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		if r == '\n' || r == '\r' || r == '\t' {
			r = ' '
		}
		b.WriteRune(r)
	}
}

// matchAt returns the length of the first (longest) pattern found at s[i:], or 0.
func matchAt(s []rune, i int, pats [][]rune) int {
	for _, p := range pats {
		if hasPrefixRunes(s[i:], p) {
			return len(p)
		}
	}
	return 0
}

func indexRunes(s, p []rune) int {
	for i := 0; i+len(p) <= len(s); i++ {
		if hasPrefixRunes(s[i:], p) {
			return i
		}
	}
	return -1
}

func hasPrefixRunes(s, p []rune) bool {
	if len(p) > len(s) {
		return false
	}
	for i := range p {
		if s[i] != p[i] {
			return false
		}
	}
	return true
}
