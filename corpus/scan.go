package corpus

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Kind says what a span of a text claims.
type Kind uint8

// The kinds of span. Counts, percentages, ordinals, dates and vague
// quantities are claims a report makes; years, names and placeholders are not
// claims about this year's work.
const (
	KindCount       Kind = iota + 1 // 80名, 三所, 1.4亿元, a bare 12
	KindPercent                     // 33.09%, 百分之六十, 3.2个百分点
	KindOrdinal                     // 第3名, 第二批, 第三季度
	KindDate                        // 9月2日, 九月, 1-6月, 15日
	KindYear                        // 2024年, 二〇二四年, 〔2024〕
	KindVague                       // 近万名, 百余名, 数十所, 翻一番, 三分之二, 五成
	KindNamed                       // 12345热线, "5·12", "5+2", 两个维护, a sign-off date
	KindPlaceholder                 // xx人, x.xx%, 20**年
)

// String names a kind in English, for tests and JSON.
func (k Kind) String() string {
	names := [...]string{"", "count", "percent", "ordinal", "date", "year", "vague", "named", "placeholder"}
	if int(k) < len(names) {
		return names[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Span is one number found in a text: where it is, what it claims, its exact
// value and its unit. Offsets are bytes of the text given to Scan.
type Span struct {
	Start, End int
	Text       string  // the text[Start:End]
	Kind       Kind    // what it claims
	Value      float64 // the quantity with 万/亿 applied; a date's month; 0 when unknown
	To         float64 // the end of a range of months (1-6月), else Value
	Day        int     // a date's day of the month, 0 when none
	Unit       string  // as written, without 万/亿: 名, 元, %, 个百分点
	Class      string  // the unit's class (ClassOf)
	Approx     bool    // 近, 余, 多, 约 around the number
	Soft       bool    // 一所, 一项, 第一: prose, unless the facts say it
}

// Scanner finds the numbers of a text. Its lexicon holds the fixed numerals
// of political and policy language (三会一课, 两个维护 …), which are names.
// A Scanner is immutable and safe for concurrent use.
type Scanner struct {
	fixed  map[rune][]string // phrase by its first rune, longest first
	maxLen int
	// digitFixed indexes the phrases that hold Arabic digits (教育现代化2035,
	// 1530安全教育) by the value of each digit run, with where it stands.
	digitFixed map[uint64][]digitPhrase
	pool       sync.Pool // *scan, reused buffers
}

// NewScanner makes a scanner with the built-in lexicon plus extra phrases
// (drafting.fixed_numerals in config).
func NewScanner(extra ...string) *Scanner {
	s := &Scanner{fixed: map[rune][]string{}}
	for _, list := range [][]string{FixedNumerals, extra} {
		for _, p := range list {
			s.addFixed(strings.TrimSpace(p))
		}
	}
	for r, ps := range s.fixed {
		sortLongestFirst(ps)
		s.fixed[r] = ps
	}
	return s
}

func (s *Scanner) addFixed(p string) {
	if p == "" {
		return
	}
	p = string(narrowRunes([]rune(p)))
	r, _ := utf8.DecodeRuneInString(p)
	for _, q := range s.fixed[r] {
		if q == p {
			return
		}
	}
	s.fixed[r] = append(s.fixed[r], p)
	s.maxLen = max(s.maxLen, utf8.RuneCountInString(p))
	// A digit joined by + ("5+2") is a name already (arabicName): only
	// the other phrases with digits need looking up around an Arabic number.
	if strings.ContainsAny(p, "0123456789") && !strings.Contains(p, "+") {
		s.indexDigits(p)
	}
}

func sortLongestFirst(ps []string) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// defaultScanner is built once with the built-in lexicon and never changed.
var defaultScanner = NewScanner()

// Scan finds the numbers of a text with the built-in lexicon.
func Scan(text string) []Span { return defaultScanner.Scan(text) }

// scan is the state of one Scan: the text's runes narrowed to ASCII digits,
// and what is already known not to be a figure.
type scan struct {
	sc   *Scanner
	rs   []rune
	skip []bool
	out  []Span
}

// Scan finds every number of text in order: claims (counts, percentages,
// ordinals, dates, vague quantities), years, placeholders, and numbers inside
// names (hotlines, commemorative days, model names, fixed numerals, a
// sign-off date). Heading and list numbers and 【待核实：…】 marks yield
// nothing.
func (s *Scanner) Scan(text string) []Span {
	if !hasNumberRune(text) {
		return nil
	}
	st := s.get(text)
	defer s.put(st)
	// Each pass over the text only when the text can need it.
	if strings.Contains(text, MarkOpen) {
		skipMarkRunes(st.rs, st.skip)
	}
	if hasASCIIDigit(text) {
		skipListNumbers(st.rs, st.skip)
	}
	for i := 0; i < len(st.rs); {
		i = max(st.at(i), i+1)
	}
	if len(st.out) > 0 && strings.Contains(text, "日") {
		st.signOffDates()
	}
	return st.spans(text)
}

// get takes a scan state from the pool, its buffers sized for text: Scan
// runs on every section of every report parsed, and allocating the rune and
// skip buffers each time cost more than scanning them.
func (s *Scanner) get(text string) *scan {
	st, _ := s.pool.Get().(*scan)
	if st == nil {
		st = &scan{sc: s}
	}
	st.rs = st.rs[:0]
	for _, r := range text {
		st.rs = append(st.rs, r)
	}
	narrowRunes(st.rs)
	if cap(st.skip) < len(st.rs) {
		st.skip = make([]bool, len(st.rs))
	}
	st.skip = st.skip[:len(st.rs)]
	clear(st.skip)
	st.out = nil
	return st
}

// put returns a scan state to the pool; the spans it returned are the
// caller's and are not kept.
func (s *Scanner) put(st *scan) {
	st.out = nil
	if cap(st.rs) <= 1<<16 { // a huge text's buffers are not worth keeping
		s.pool.Put(st)
	}
}

// hasASCIIDigit reports whether text holds a digit (full-width too), which
// list numbers need.
func hasASCIIDigit(text string) bool {
	return strings.ContainsAny(text, "0123456789０１２３４５６７８９")
}

// hasNumberRune is a fast pre-check: most sentences of a report hold no
// digit and no Chinese numeral.
func hasNumberRune(text string) bool {
	inNumeral := false // the rune before was a Chinese numeral
	for _, r := range text {
		if r < 0x80 {
			if r >= '0' && r <= '9' || r == 'x' || r == 'X' || r == '*' {
				return true
			}
			inNumeral = false
			continue
		}
		switch {
		case r == '０' || r >= '１' && r <= '９' || r == '×' || r == '＊' || r == '半' || r == '番' || r == '成':
			return true
		case isCNNumeral(r):
			inNumeral = true
			continue
		case inNumeral && numeralFollower(r):
			// 三所, 五十岁, 百分之, 二〇二四年: only a numeral followed by
			// a unit or such can be a number; 进一步, 一是 are words.
			return true
		}
		inNumeral = false
	}
	return false
}

// numeralFollower is mayFollowNumeral for one rune.
func numeralFollower(r rune) bool {
	switch r {
	case '余', '多', '点', '分', '月', '日', '号', '年', '季', '至', '到', '—', '–', '～', '计':
		return true
	}
	return unitsByFirst[r] != nil
}

// at reads whatever starts at i and returns where scanning resumes.
func (st *scan) at(i int) int {
	if st.skip[i] {
		return i + 1
	}
	r := st.rs[i]
	if r < 0x80 { // most runes of a report are Han: ASCII is decided here
		switch {
		case isDigit(r):
			return st.arabic(i)
		case r == 'x' || r == 'X' || r == '*':
			return st.placeholder(i)
		}
		return i + 1
	}
	// A switch on the rune, not strings.ContainsRune over a Chinese set: this
	// runs for every character of every report parsed.
	switch r {
	case '×', '＊':
		return st.placeholder(i)
	case '翻':
		return st.doubling(i)
	case '成':
		return st.vagueIdiom(i)
	case '半':
		return st.half(i)
	case '过':
		if hasPrefixAt(st.rs, i, "过半") {
			return st.half(i)
		}
	case '数':
		if i+2 < len(st.rs) && st.rs[i+1] == '以' {
			return st.vagueIdiom(i)
		}
		fallthrough
	case '近', '逾', '上', '超', '约', '几':
		if i+1 < len(st.rs) && isPower(st.rs[i+1]) {
			return st.chinese(i+1, i)
		}
	case '百':
		if hasPrefixAt(st.rs, i, "百分之") {
			return st.percentWords(i)
		}
	}
	if isCNNumeral(r) && (i == 0 || !isCNNumeral(st.rs[i-1])) {
		return st.chinese(i, i)
	}
	return i + 1
}

// emit records a span over runes [a, b) unless part of it is skipped or a
// fixed numeral of the lexicon covers it, in which case the phrase becomes
// one named span.
func (st *scan) emit(sp Span, a, b int) {
	for k := a; k < b; k++ {
		if st.skip[k] {
			return
		}
	}
	if pa, pb, ok := st.fixedAround(a, b); ok {
		for k := pa; k < pb; k++ {
			st.skip[k] = true
		}
		st.out = append(st.out, Span{Start: pa, End: pb, Kind: KindNamed})
		return
	}
	sp.Start, sp.End = a, b
	if sp.To == 0 {
		sp.To = sp.Value
	}
	if sp.Class == "" && sp.Unit != "" {
		sp.Class = ClassOf(sp.Unit)
	}
	st.out = append(st.out, sp)
}

// named records a name holding a number (a hotline, "5·12", "5+2").
func (st *scan) named(a, b int) int {
	st.out = append(st.out, Span{Start: a, End: b, Kind: KindNamed})
	for k := a; k < b && k < len(st.skip); k++ {
		st.skip[k] = true
	}
	return b
}

// fixedAround finds a lexicon phrase that overlaps runes [a, b). An Arabic
// number can only be inside a phrase written with digits ("5+2"), and the
// lexicon has few: most candidates are decided without a lookup.
func (st *scan) fixedAround(a, b int) (int, int, bool) {
	if isDigit(st.rs[a]) {
		return st.digitFixedAround(a, b)
	}
	for j := max(0, a-st.sc.maxLen+1); j < b; j++ {
		for _, p := range st.sc.fixed[st.rs[j]] {
			n := utf8.RuneCountInString(p)
			if j+n > a && hasPrefixAt(st.rs, j, p) {
				return j, j + n, true
			}
		}
	}
	return 0, 0, false
}

// digitPhrase is a lexicon phrase holding a run of digits at rune offset
// off.
type digitPhrase struct {
	phrase string
	off, n int
}

// indexDigits adds a phrase under each of its digit runs.
func (s *Scanner) indexDigits(p string) {
	if s.digitFixed == nil {
		s.digitFixed = map[uint64][]digitPhrase{}
	}
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
			continue
		}
		v := digitRunValue(rs, i)
		s.digitFixed[v] = append(s.digitFixed[v], digitPhrase{p, i, len(rs)})
	}
}

// digitRunValue reads the digits at i as a number (only as a key).
func digitRunValue(rs []rune, i int) uint64 {
	var v uint64
	for ; i < len(rs) && isDigit(rs[i]); i++ {
		v = v*10 + uint64(rs[i]-'0')
	}
	return v
}

// digitFixedAround is fixedAround for an Arabic number: one lookup by its
// value, then a check of the few phrases that hold that number there.
func (st *scan) digitFixedAround(a, b int) (int, int, bool) {
	for _, d := range st.sc.digitFixed[digitRunValue(st.rs, a)] {
		if j := a - d.off; j >= 0 && j+d.n <= len(st.rs) && hasPrefixAt(st.rs, j, d.phrase) {
			return j, j + d.n, true
		}
	}
	return 0, 0, false
}

// byteCursor turns rune offsets into byte offsets of a text, moving
// forward; a rune offset behind it starts again from the beginning.
type byteCursor struct {
	text       string
	rune, byte int
}

func (c *byteCursor) to(r int) int {
	if r < c.rune {
		c.rune, c.byte = 0, 0
	}
	for c.rune < r && c.byte < len(c.text) {
		_, n := utf8.DecodeRuneInString(c.text[c.byte:])
		c.byte += n
		c.rune++
	}
	return c.byte
}

// spans converts rune offsets to byte offsets and fills in the text.
func (st *scan) spans(text string) []Span {
	if len(st.out) == 0 {
		return nil
	}
	sortSpans(st.out)
	// Offsets from the bytes themselves (an invalid byte is one rune, U+FFFD,
	// of one byte, not of three), walking forward from span to span.
	cur := byteCursor{text: text}
	for i := range st.out {
		sp := &st.out[i]
		sp.Start, sp.End = cur.to(sp.Start), cur.to(sp.End)
		sp.Text = text[sp.Start:sp.End]
	}
	return st.out
}

func sortSpans(sp []Span) {
	for i := 1; i < len(sp); i++ {
		for j := i; j > 0 && sp[j].Start < sp[j-1].Start; j-- {
			sp[j], sp[j-1] = sp[j-1], sp[j]
		}
	}
}

// signOffLine is a line that holds only a date: the 成文日期 under a report
// or its title. It dates the document and claims nothing.
var signOffLine = regexp.MustCompile(`^[\s#*>]*([0-9]{4}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日[\s*）)]*$`)

// signOffDates turns the spans of a date-only line into one named span.
func (st *scan) signOffDates() {
	kept := st.out[:0]
	var lines [][2]int
	for ls := 0; ls < len(st.rs); {
		le := ls
		for le < len(st.rs) && st.rs[le] != '\n' {
			le++
		}
		if le-ls <= 24 && dateOnlyCandidate(st.rs[ls:le]) && signOffLine.MatchString(string(st.rs[ls:le])) {
			lines = append(lines, [2]int{ls, le})
		}
		ls = le + 1
	}
	if len(lines) == 0 {
		return
	}
	for _, sp := range st.out {
		inLine := false
		for _, l := range lines {
			if sp.Start >= l[0] && sp.End <= l[1] {
				inLine = true
			}
		}
		if !inLine {
			kept = append(kept, sp)
		}
	}
	st.out = kept
	for _, l := range lines {
		st.out = append(st.out, Span{Start: l[0], End: l[1], Kind: KindNamed})
	}
}

// dateOnlyCandidate is the cheap test before the regexp: a line ending in 日.
func dateOnlyCandidate(line []rune) bool {
	for k := len(line) - 1; k >= 0; k-- {
		if !isSpaceRune(line[k]) && line[k] != '*' && line[k] != ')' && line[k] != '）' {
			return line[k] == '日'
		}
	}
	return false
}

// exactValue computes num × mult (a power of ten) by moving the decimal
// point in the digits, so 1.4亿 is exactly 140000000 and 422.9775万 is
// 4229775, then reads it as the nearest float. Numbers too large to be a
// quantity (and to fit JSON) are refused.
func exactValue(num string, mult int64) (float64, bool) {
	shift := 0
	for m := mult; m >= 10; m /= 10 {
		shift++
	}
	whole, frac, _ := strings.Cut(num, ".")
	if len(frac) >= shift {
		whole, frac = whole+frac[:shift], frac[shift:]
	} else {
		whole, frac = whole+frac+strings.Repeat("0", shift-len(frac)), ""
	}
	if frac != "" {
		whole += "." + frac
	}
	f, err := strconv.ParseFloat(whole, 64)
	if err != nil || math.IsInf(f, 0) || f > 1e16 {
		return 0, false
	}
	return f, true
}

// narrowRunes maps full-width digits, letters and signs to ASCII one for one,
// so offsets in the narrowed runes are offsets in the original.
func narrowRunes(rs []rune) []rune {
	for i, r := range rs {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			rs[i] = r - 0xFEE0
		case r == '％':
			rs[i] = '%'
		case r == '．':
			rs[i] = '.'
		case r == '，' && i > 0 && isDigit(rs[i-1]) && i+3 < len(rs) && isDigitRun(rs[i+1:i+4]):
			rs[i] = ',' // 1，036.5万元 as some writers type it
		case r == '\u3000' || r == '\u00A0':
			rs[i] = ' '
		case r == '＋':
			rs[i] = '+'
		}
	}
	return rs
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isDigitRun(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}

func isSpaceRune(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00A0' }

func skipSpaceRunes(rs []rune, i int) int {
	for i < len(rs) && isSpaceRune(rs[i]) {
		i++
	}
	return i
}

func hasPrefixAt(rs []rune, i int, p string) bool {
	for _, r := range p {
		if i >= len(rs) || rs[i] != r {
			return false
		}
		i++
	}
	return true
}

func isCNNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// isPower reports whether r is a power of ten (十百千万亿).
func isPower(r rune) bool {
	switch r {
	case '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// DefaultScanner is the scanner with the built-in lexicon only.
func DefaultScanner() *Scanner { return defaultScanner }

// Claims reports whether a span states something about the report's work
// that must come from the facts: counts, percentages, ordinals, dates and
// vague quantities. Years, names and placeholders are checked otherwise or
// not at all; soft spans (一所, 第一) are prose unless the facts say them.
func (sp Span) Claims() bool {
	switch sp.Kind {
	case KindCount, KindPercent, KindOrdinal, KindDate, KindVague:
		return !sp.Soft
	}
	return false
}
