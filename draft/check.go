package draft

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// CheckResult is the outcome of the number check: quantities in the draft
// that no user fact supports (and what its 【待核实…】 marks hold, which is
// unverified too), and user figures the draft leaves out. Unsupported
// entries quote the draft's clause around the quantity, Missing entries the
// fact as the user wrote it, so either can be found with a text search; both
// are deduplicated, in order of appearance.
type CheckResult struct {
	OK          bool     `json:"ok"`
	Unsupported []string `json:"unsupported"`
	Missing     []string `json:"missing"`
	// Queries are what the writer should confirm in their own facts (a
	// campaign of another year); they do not fail the check.
	Queries []string `json:"queries,omitempty"`
}

// MarshalJSON writes empty lists as [] rather than null, so clients can
// iterate without a nil check even on a zero CheckResult.
func (r CheckResult) MarshalJSON() ([]byte, error) {
	type plain CheckResult
	for _, l := range []*[]string{&r.Unsupported, &r.Missing} {
		if *l == nil {
			*l = []string{}
		}
	}
	return json.Marshal(plain(r))
}

// Checker matches the numbers of a draft with the user's facts. Reading the
// numbers is corpus.Scanner's work; the checker decides which facts support
// which claims.
type Checker struct {
	// Fixed numerals from config (drafting.fixed_numerals), on top of the
	// built-in lexicon.
	Fixed   []string
	scanner *corpus.Scanner
}

// NewChecker makes a checker whose scanner knows the extra fixed numerals.
func NewChecker(fixed []string) Checker {
	return Checker{Fixed: fixed, scanner: corpus.NewScanner(fixed...)}
}

func (c Checker) sc() *corpus.Scanner {
	switch {
	case c.scanner != nil:
		return c.scanner
	case len(c.Fixed) > 0:
		return corpus.NewScanner(c.Fixed...)
	}
	return corpus.DefaultScanner()
}

// Check compares a whole draft with the user's facts: every quantity in it
// must be one of the user's (or the report's year, its period, a name), and
// every figure of the facts must appear in it.
func (c Checker) Check(draftText string, facts Facts) CheckResult {
	res, _ := c.run(draftText, facts.allFacts(), facts)
	return res
}

// Mark is Check that also wraps each unsupported quantity in the text as
// 【待核实：原文】, leaving everything else as it was.
func (c Checker) Mark(draftText string, facts Facts) (string, CheckResult) {
	res, bad := c.run(draftText, facts.allFacts(), facts)
	return markSpans(draftText, bad), res
}

// CheckSection checks one section while drafting. A quantity is supported by
// any of the user's facts, since a section may fairly cite a figure given
// under another category; Missing lists only the figures of allowed (the
// section's own facts), because the other sections carry the rest.
func (c Checker) CheckSection(text string, allowed []Fact, facts Facts) CheckResult {
	res, _ := c.run(text, allowed, facts)
	return res
}

// MarkSection is CheckSection that also wraps each unsupported quantity as
// 【待核实：原文】.
func (c Checker) MarkSection(text string, allowed []Fact, facts Facts) (string, CheckResult) {
	res, bad := c.run(text, allowed, facts)
	return markSpans(text, bad), res
}

// run checks text: scope holds the facts whose figures must appear; any
// fact of scope or facts may support a quantity. It returns the result and
// the unsupported spans, for marking.
func (c Checker) run(text string, scope []Fact, facts Facts) (CheckResult, []corpus.Span) {
	sc := c.sc()
	scopeSpans := make([][]corpus.Span, len(scope))
	for i, f := range scope {
		scopeSpans[i] = sc.Scan(f.Text)
	}
	sup := newSupport(sc, scope, scopeSpans, facts)
	spans := sc.Scan(text)
	res := CheckResult{Unsupported: []string{}, Missing: []string{}}
	var bad []corpus.Span
	marks := corpus.FindMarks(text)
	for _, sp := range spans {
		if sup.supports(sp) {
			continue
		}
		bad = append(bad, sp)
		res.Unsupported = appendUnique(res.Unsupported, clauseAround(text, sp.Start, sp.End))
	}
	for _, m := range marks {
		res.Unsupported = appendUnique(res.Unsupported, m.Inner)
	}
	for i, f := range scope {
		for _, fs := range scopeSpans[i] {
			if required(fs, facts) && !present(fs, spans) {
				res.Missing = appendUnique(res.Missing, factQuote(f.Text, fs))
			}
		}
	}
	res.OK = len(res.Unsupported) == 0 && len(res.Missing) == 0
	return res, bad
}

// required reports whether a figure of the facts must appear in the draft:
// every claim, but not years (the report has its own) and not a bare number
// that is the report's year.
func required(sp corpus.Span, f Facts) bool {
	if !sp.Claims() {
		return false
	}
	return !(sp.Class == corpus.ClassBare && sp.Kind == corpus.KindCount && isReportYear(sp.Value, f))
}

// present reports whether a figure of the facts appears among the draft's
// spans, in any written form (1.4亿元 = 14000万元, 80名 = 八十名, 9月2日 =
// 九月二日), also as the soft 一所 of prose.
func present(f corpus.Span, spans []corpus.Span) bool {
	for _, d := range spans {
		if d.Kind != corpus.KindNamed && d.Kind != corpus.KindPlaceholder && sameClaim(f, d) {
			return true
		}
	}
	return false
}

// sameClaim reports whether two spans state the same thing: the same kind
// of claim, value and unit class.
func sameClaim(a, b corpus.Span) bool {
	if a.Kind == corpus.KindDate || b.Kind == corpus.KindDate {
		return a.Kind == b.Kind && a.Value == b.Value && a.To == b.To && a.Day == b.Day
	}
	if (a.Kind == corpus.KindOrdinal) != (b.Kind == corpus.KindOrdinal) {
		return false
	}
	if a.Kind == corpus.KindVague && a.Value == 0 || b.Kind == corpus.KindVague && b.Value == 0 {
		return a.Text == b.Text // 数十所 says no number; only the same words match
	}
	if !sameValue(a.Value, b.Value) {
		return false
	}
	if a.Kind == corpus.KindOrdinal && (a.Soft || b.Soft || a.Class == "" || b.Class == "") {
		return true // 第二 names the rank of 第2名
	}
	return sameClass(a.Class, b.Class)
}

// sameClass compares unit classes; a scaled number without a unit (1.35亿)
// states only its value.
func sameClass(a, b string) bool {
	return a == b || a == corpus.ClassScaled && b != corpus.ClassBare || b == corpus.ClassScaled && a != corpus.ClassBare
}

// support is what the user's facts allow.
type support struct {
	facts  Facts
	spans  []corpus.Span
	months map[float64]bool
	years  map[float64]bool
}

// newSupport scans every fact of f once, reusing the spans of scope's facts
// when scope is f's own list.
func newSupport(sc *corpus.Scanner, scope []Fact, scopeSpans [][]corpus.Span, f Facts) support {
	s := support{facts: f, months: map[float64]bool{}, years: map[float64]bool{}}
	all := f.allFacts()
	lists := scopeSpans
	if !sameTexts(scope, all) {
		lists = append([][]corpus.Span(nil), scopeSpans...)
		for _, fact := range all {
			lists = append(lists, sc.Scan(fact.Text))
		}
	}
	for _, list := range lists {
		for _, sp := range list {
			s.spans = append(s.spans, sp)
			switch sp.Kind {
			case corpus.KindYear:
				s.years[sp.Value] = true
			case corpus.KindDate:
				for m := sp.Value; m > 0 && m <= sp.To; m++ {
					s.months[m] = true
				}
			}
		}
	}
	for _, m := range periodMonths(f.Period) {
		s.months[m] = true
	}
	return s
}

// periodMonths are the months a report of the period may name: 1-6月 in a
// first-half report, 7-9月 in a third-quarter one.
func periodMonths(period string) []float64 {
	first, last := 0, 0
	switch period {
	case corpus.PeriodFirstHalf:
		first, last = 1, 6
	case corpus.PeriodSecondHalf:
		first, last = 7, 12
	case "q1", "q2", "q3", "q4":
		q := int(period[1] - '0')
		first, last = 3*q-2, 3*q
	}
	var out []float64
	for m := first; m > 0 && m <= last; m++ {
		out = append(out, float64(m))
	}
	return out
}

// supports decides whether a span of the draft is backed by the facts or is
// one of the numbers every report may use.
func (s support) supports(d corpus.Span) bool {
	switch d.Kind {
	case corpus.KindNamed, corpus.KindPlaceholder:
		return true
	case corpus.KindYear:
		return isReportYear(d.Value, s.facts) || s.years[d.Value]
	}
	if d.Soft {
		return true
	}
	if d.Kind == corpus.KindDate && d.Day == 0 && s.months[d.Value] && s.months[d.To] {
		return true
	}
	if d.Kind == corpus.KindOrdinal && d.Class == corpus.ClassQuarter && s.facts.Period == "q"+strconv.Itoa(int(d.Value)) {
		return true
	}
	if d.Kind == corpus.KindCount && d.Class == corpus.ClassBare && isReportYear(d.Value, s.facts) {
		return true // a bare 2024 is the year
	}
	for _, f := range s.spans {
		if f.Kind != corpus.KindNamed && f.Kind != corpus.KindPlaceholder && f.Kind != corpus.KindYear && sameClaim(d, f) {
			return true
		}
	}
	return false
}

// sameTexts reports whether two lists hold the same facts in order.
func sameTexts(a, b []Fact) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Text != b[i].Text {
			return false
		}
	}
	return true
}

// isReportYear: the report's year and the years just before and after.
func isReportYear(v float64, f Facts) bool {
	return f.Year != 0 && (v == float64(f.Year) || v == float64(f.Year-1) || v == float64(f.Year+1))
}

// sameValue compares values with a small relative tolerance, since 1.4亿 and
// 14000万 are computed through different floats.
func sameValue(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// markSpans wraps each span as 【待核实：原文】; res already lists them.
func markSpans(text string, bad []corpus.Span) string {
	if len(bad) == 0 {
		return text
	}
	var b strings.Builder
	prev := 0
	for _, sp := range bad {
		b.WriteString(text[prev:sp.Start])
		b.WriteString(corpus.MarkText(text[sp.Start:sp.End]))
		prev = sp.End
	}
	b.WriteString(text[prev:])
	return b.String()
}

// clauseStops end a clause: a quote reaches no further.
const clauseStops = "，。；：！？、,;:!?\n（）()【】“”\"《》"

// clauseAround quotes the clause of text around bytes [a, b), at most
// maxQuote runes, cut at punctuation so no word is split: 招收新生9350人.
func clauseAround(text string, a, b int) string {
	s := a
	for s > 0 {
		r, n := utf8.DecodeLastRuneInString(text[:s])
		if strings.ContainsRune(clauseStops, r) || utf8.RuneCountInString(text[s-n:b]) > maxQuote {
			break
		}
		s -= n
	}
	e := b
	for e < len(text) {
		r, n := utf8.DecodeRuneInString(text[e:])
		if strings.ContainsRune(clauseStops, r) || utf8.RuneCountInString(text[s:e+n]) > maxQuote {
			break
		}
		e += n
	}
	return strings.TrimSpace(strings.Trim(text[s:e], "#*> \t"))
}

// maxQuote is the longest quote of a clause, in runes.
const maxQuote = 40

// factQuote quotes a fact as the user wrote it: whole when short, else the
// clause around the figure.
func factQuote(fact string, sp corpus.Span) string {
	if utf8.RuneCountInString(fact) <= maxQuote {
		return strings.TrimSpace(fact)
	}
	return clauseAround(fact, sp.Start, sp.End)
}

// appendUnique appends s unless it is empty or already there.
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, l := range list {
		if l == s {
			return list
		}
	}
	return append(list, s)
}
