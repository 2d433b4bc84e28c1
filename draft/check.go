package draft

import (
	"encoding/json"
	"math"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// CheckResult is the outcome of the number check: figures in the draft that
// no user fact supports, and user figures the draft leaves out. Entries are
// the figures as written with a short label before them, deduplicated, in
// order of appearance.
type CheckResult struct {
	OK          bool     `json:"ok"`
	Unsupported []string `json:"unsupported"`
	Missing     []string `json:"missing"`
}

// MarshalJSON writes empty lists as [] rather than null, so clients can
// iterate without a nil check even on a zero CheckResult.
func (r CheckResult) MarshalJSON() ([]byte, error) {
	type plain CheckResult
	if r.Unsupported == nil {
		r.Unsupported = []string{}
	}
	if r.Missing == nil {
		r.Missing = []string{}
	}
	return json.Marshal(plain(r))
}

// Checker holds what the number check needs beyond the facts: the fixed
// numerals of political language, which are names and never figures.
type Checker struct {
	// Fixed numerals from config (drafting.fixed_numerals). corpus.FixedNumerals
	// and a few built-ins always apply as well.
	Fixed []string
}

// builtinFixed are set phrases the corpus list lacks whose numeral is
// followed by a classifier, so the scanner would otherwise count them.
var builtinFixed = []string{
	"二十届", "十九届", "十八届", "十九大", "十八大", "十五五", "十三五", "十二五", "五位一体", "三番五次",
	"两个毫不动摇", "两个大局", "两个结合", "三个务必", "三个面向", "三个倡导", "四个服务", "九个坚持",
	"六个下功夫", "八个相统一", "四个相统一", "两个巩固", "两个只要", "三位一体", "两条腿",
}

// Check compares a whole draft with the user's facts: every figure in it must
// be one of the user's figures (or the year, a period number, a fixed
// numeral, a heading ordinal or a placeholder), and every user figure must
// appear in it.
func (c Checker) Check(draftText string, facts Facts) CheckResult {
	res, _ := c.run(draftText, facts.allFacts(), facts)
	return res
}

// Mark is Check that also wraps each unsupported figure in the text as
// 【待核实：原文】, leaving everything else as it was.
func (c Checker) Mark(draftText string, facts Facts) (marked string, res CheckResult) {
	res, bad := c.run(draftText, facts.allFacts(), facts)
	return markTokens(draftText, bad), res
}

// CheckSection checks one section while drafting. A figure is supported when
// it is in the section's own facts (allowed) or anywhere else in the user's
// facts, since a section may fairly cite a figure given under another
// category; Missing lists only the section's own figures, because the other
// sections carry the rest.
func (c Checker) CheckSection(text string, allowed []Fact, facts Facts) CheckResult {
	res, _ := c.run(text, allowed, facts)
	return res
}

// MarkSection is CheckSection that also wraps each unsupported figure as
// 【待核实：原文】.
func (c Checker) MarkSection(text string, allowed []Fact, facts Facts) (string, CheckResult) {
	res, bad := c.run(text, allowed, facts)
	return markTokens(text, bad), res
}

// run checks text: scope holds the facts whose figures must appear, and
// facts (plus scope) the facts any figure may come from. It returns the
// result and the unsupported tokens, for marking.
func (c Checker) run(text string, scope []Fact, facts Facts) (CheckResult, []token) {
	sup := c.supportOf(append(append([]Fact(nil), scope...), facts.allFacts()...))
	toks := c.scan(text)
	res := CheckResult{Unsupported: []string{}, Missing: []string{}}
	var bad []token
	seen := map[string]bool{}
	for _, t := range toks {
		if sup.supports(t, facts) {
			continue
		}
		bad = append(bad, t)
		if e := t.label + t.text; !seen[e] {
			seen[e] = true
			res.Unsupported = append(res.Unsupported, e)
		}
	}
	seen = map[string]bool{}
	for _, f := range scope {
		for _, fig := range f.Figures {
			if fig.Placeholder || seen[fig.Text] || c.present(fig, toks, text) {
				continue
			}
			seen[fig.Text] = true
			res.Missing = append(res.Missing, fig.Text)
		}
	}
	res.OK = len(res.Unsupported) == 0 && len(res.Missing) == 0
	return res, bad
}

// present reports whether a user figure appears in the draft, by value in
// any written form (1.4亿元 = 14000万元 = 140000000元, 80名 = 八十名).
func (c Checker) present(fig corpus.Figure, toks []token, text string) bool {
	for _, t := range toks {
		if (t.kind == tokNumber || t.kind == tokOrdinal) && sameValue(t.value, fig.Value) && unitsCompatible(t.unit, fig.Unit) {
			return true
		}
	}
	// A figure the draft scanner cannot read as a number (a corpus-only form)
	// is looked for as written.
	raw := strings.TrimPrefix(fig.Text, fig.Label)
	for _, t := range c.scan(raw) {
		if t.kind == tokNumber {
			return false
		}
	}
	return raw != "" && strings.Contains(text, raw)
}

// tokenKind says what a figure in a text claims.
type tokenKind int

const (
	tokNumber  tokenKind = iota // a quantity: 80名, 三所, 1.4亿元, 33.09%, a bare 12
	tokYear                     // 2024年, 2023—2024学年, 〔2024〕
	tokMonth                    // 9月, 1-6月
	tokDay                      // 15日
	tokOrdinal                  // 第3名: a rank is a claim too
	tokQuarter                  // 第3季度, 3季度
)

// token is one figure found in a text.
type token struct {
	kind       tokenKind
	start, end int // rune offsets of the figure as written, without its label
	value      float64
	to         float64 // the end of a range of dates (1-6月), else value
	unit       string
	text       string // the figure as written
	label      string // the Han words right before it, for context
}

// Markers of approximation and multipliers around a number: 近6000人,
// 6000余人, 1.4亿多元, 1100余万元.
const (
	approxChars  = "多余来"
	rangeChars   = "-—–~～至到"
	cnDigitChars = "零〇一二两三四五六七八九十百千万亿"
	// A counted Chinese numeral starts with a digit or 十; 百/千 at the start
	// are idioms (千家万户, 百花齐放).
	cnStartChars = "一二两三四五六七八九十"
	// Classifiers after a Chinese numeral that make it a count (三所, 十二个);
	// corpus's list plus 元 and 倍.
	cnClassifiers = "所个名人项次套间台件场篇户位支家批类条处座栋期届班元倍"
	// A numeral after these is an ordinal or a reference, not a count:
	// 第三, 每一个, 这两所, 十几个.
	cnNotCountAfter = "第每这那同另任哪几"
)

// Words that start with a classifier but are not one: 十一期间, 两名单.
var cnClassifierWords = []string{"期间", "期末", "期中", "名单", "名称", "名义", "个性", "个体", "类型", "条件", "处理", "家长", "家庭", "位置", "所在", "所有", "所以", "次要", "届时", "元宵", "元旦"}

// draftUnits are the units a draft figure may carry, longest first so 万平方米
// wins over 平方米 and 人次 over 人. They decide the marked span and the
// percent rule; a number without one is still a figure.
var draftUnits = func() []string {
	u := strings.Fields(`元/人/年 元/生/年 元/人/月 元/人 元/生 个百分点 百分点 万平方米 平方米 平米 立方米 人次 学时 课时 小时 分钟
		公里 千米 周岁 周年 个月 元 人 名 所 个 项 次 套 间 台 件 场 篇 本 册 户 位 支 节 天 亩 米 份 张 辆 座 栋 家 期 批
		块 条 处 首 门 届 班 床 余人 % ‰ 倍 岁 吨 公斤 千克 元钱 辆次 架次 课 部 层 幅 盏 组 棵 株 册次 所次 年 周 分 秒 号 公顷 类 种 家次 人次/年`)
	sort.SliceStable(u, func(i, j int) bool { return utf8.RuneCountInString(u[i]) > utf8.RuneCountInString(u[j]) })
	return u
}()

// scan finds the figures of a text, skipping what is never a claim: existing
// 【待核实：…】 marks, fixed numerals, heading ordinals and list numbers,
// placeholders, and numbers inside Latin words (5G, H5, COVID-19).
func (c Checker) scan(text string) []token {
	orig := []rune(text)
	rs := make([]rune, len(orig))
	for i, r := range orig {
		rs[i] = narrow(r)
	}
	skip := make([]bool, len(rs))
	skipMarks(rs, skip)
	c.skipFixed(rs, skip)
	skipOrdinals(rs, skip)

	var toks []token
	for i := 0; i < len(rs); {
		if skip[i] {
			i++
			continue
		}
		var t token
		var ok bool
		end := i + 1
		switch r := rs[i]; {
		case isDigit(r):
			t, end, ok = arabicToken(rs, i)
		case r == '百' && hasPrefixRunes(rs[i:], "百分之"):
			t, end, ok = percentWordToken(rs, i)
		case strings.ContainsRune(cnStartChars, r) && (i == 0 || !strings.ContainsRune(cnDigitChars, rs[i-1])):
			t, end, ok = chineseToken(rs, i)
		}
		if ok && !anySkipped(skip, t.start, t.end) {
			t.text = string(orig[t.start:t.end])
			t.label = figureLabel(orig, t.start)
			toks = append(toks, t)
		}
		i = max(end, i+1)
	}
	return toks
}

// arabicToken reads an Arabic number at i with its multiplier and unit, and
// decides what it claims. ok is false for what is not a figure; end is where
// scanning resumes either way.
func arabicToken(rs []rune, i int) (token, int, bool) {
	j := i
	for j < len(rs) && (isDigit(rs[j]) || rs[j] == ',' && j+3 < len(rs) && isDigitRun(rs[j+1:j+4]) && (j+4 == len(rs) || !isDigit(rs[j+4]))) {
		j++
	}
	if j+1 < len(rs) && rs[j] == '.' && isDigit(rs[j+1]) {
		j++
		for j < len(rs) && isDigit(rs[j]) {
			j++
		}
	}
	num := strings.ReplaceAll(string(rs[i:j]), ",", "")
	// Numbers inside Latin words and placeholders (20xx年) are not figures.
	if i > 0 && (isASCIILetter(rs[i-1]) || rs[i-1] == '.' || (rs[i-1] == '-' || rs[i-1] == '_') && i > 1 && isASCIILetter(rs[i-2])) {
		return token{}, j, false
	}
	if j < len(rs) && (isASCIILetter(rs[j]) || strings.ContainsRune("×*＊", rs[j])) {
		for j < len(rs) && (isASCIILetter(rs[j]) || isDigit(rs[j]) || strings.ContainsRune("×*＊.", rs[j])) {
			j++
		}
		return token{}, j, false
	}
	value, ok := ratValue(num, 1)
	if !ok {
		return token{}, j, false
	}
	next := skipSpaces(rs, j)
	t := token{kind: tokNumber, start: i, end: j, value: value}

	if isYear(rs, i, j, num) {
		t.kind = tokYear
		if next < len(rs) && rs[next] == '年' {
			t.end = next + 1
		}
		return t, t.end, true
	}
	// Dates, also as ranges (1-6月), which are one claim and one token.
	dateAt, to := next, value
	if dateAt < len(rs) && strings.ContainsRune(rangeChars, rs[dateAt]) {
		k := skipSpaces(rs, dateAt+1)
		if e := digitEnd(rs, k, len(rs)); e > k {
			to, _ = ratValue(string(rs[k:e]), 1)
			dateAt = skipSpaces(rs, e)
		}
	}
	if dateAt < len(rs) && (rs[dateAt] == '月' || rs[dateAt] == '日') {
		t.kind, t.to, t.end = tokMonth, to, dateAt+1
		if rs[dateAt] == '日' {
			t.kind = tokDay
		}
		return t, t.end, true
	}
	// 第 belongs to an ordinal's span, so a mark reads 【待核实：第3名】.
	if i > 0 && rs[i-1] == '第' {
		t.start = i - 1
	}
	if hasPrefixRunes(rs[next:], "季度") {
		t.kind, t.end = tokQuarter, next+2
		return t, t.end, true
	}
	if prevNonSpace(rs, i) == '第' {
		t.kind = tokOrdinal
	}
	// Approximation and multipliers, then the unit, spaces allowed between.
	k, mult := next, ""
	for n := 0; n < 3 && k < len(rs); n++ {
		switch r := rs[k]; {
		case strings.ContainsRune(approxChars, r):
			k++
		case mult == "" && (r == '万' || r == '亿' || r == '千' && !(k+1 < len(rs) && strings.ContainsRune("米克瓦帕", rs[k+1]))):
			mult = string(r)
			k++
		case mult == "万" && r == '亿':
			mult = "万亿"
			k++
		default:
			n = 3
		}
	}
	consumed := k > next
	if u := matchUnit(rs[skipSpaces(rs, k):]); u != "" {
		t.unit = u
		t.end = skipSpaces(rs, k) + utf8.RuneCountInString(u)
	} else if consumed {
		t.end = k
	}
	if mult != "" {
		t.value, _ = ratValue(num, multiplier(mult))
	}
	return t, t.end, true
}

// isYear decides whether the four digits rs[i:j] are a year: followed by
// 年/学年/级/届, part of a range of years, or in 〔〕 as in document numbers.
func isYear(rs []rune, i, j int, num string) bool {
	if len(num) != 4 || j-i != 4 {
		return false
	}
	y, _ := strconv.Atoi(num)
	if y < 1900 || y > 2100 {
		return false
	}
	k := skipSpaces(rs, j)
	if k < len(rs) && strings.ContainsRune("年级届", rs[k]) || hasPrefixRunes(rs[k:], "学年") {
		return true
	}
	if k < len(rs) && strings.ContainsRune(rangeChars, rs[k]) {
		m := skipSpaces(rs, k+1)
		if m+4 <= len(rs) && isDigitRun(rs[m:m+4]) {
			return true
		}
	}
	if i >= 5 && strings.ContainsRune(rangeChars, rs[i-1]) && isDigitRun(rs[i-5:i-1]) {
		return true
	}
	return i > 0 && strings.ContainsRune("〔[［(（", rs[i-1]) && j < len(rs) && strings.ContainsRune("〕]］)）", rs[j])
}

// chineseToken reads a counted Chinese numeral (三所, 十二个, 一百二十人).
// 一 alone (一个, 一项) is prose, not a figure.
func chineseToken(rs []rune, i int) (token, int, bool) {
	j := i
	for j < len(rs) && strings.ContainsRune(cnDigitChars, rs[j]) {
		j++
	}
	if i > 0 && strings.ContainsRune(cnNotCountAfter, rs[i-1]) {
		return token{}, j, false
	}
	// 初三班, 高一届 are grades; 提高两个百分点 is a count.
	grade := i > 0 && strings.ContainsRune("初高", rs[i-1]) && j == i+1 && strings.ContainsRune("一二三", rs[i])
	k := j
	if k < len(rs) && strings.ContainsRune(approxChars, rs[k]) {
		k++
	}
	k = skipSpaces(rs, k)
	if k >= len(rs) || !strings.ContainsRune(cnClassifiers, rs[k]) || grade && strings.ContainsRune("班届期", rs[k]) {
		return token{}, j, false
	}
	for _, w := range cnClassifierWords {
		if hasPrefixRunes(rs[k:], w) {
			return token{}, j, false
		}
	}
	v, ok := parseChinese(string(rs[i:j]))
	if !ok || v < 2 {
		return token{}, j, false
	}
	unit := string(rs[k])
	if u := matchUnit(rs[k:]); strings.HasPrefix(u, unit) {
		unit = u
	}
	end := k + utf8.RuneCountInString(unit)
	return token{kind: tokNumber, start: i, end: end, value: v, unit: unit}, end, true
}

// percentWordToken reads 百分之九十 / 百分之九十八点五 as a percentage.
func percentWordToken(rs []rune, i int) (token, int, bool) {
	j := i + 3
	k := j
	for k < len(rs) && strings.ContainsRune(cnDigitChars, rs[k]) {
		k++
	}
	v, ok := parseChinese(string(rs[j:k]))
	if !ok || k == j {
		return token{}, j, false
	}
	if k+1 < len(rs) && rs[k] == '点' {
		frac := ""
		m := k + 1
		for m < len(rs) && cnDigit(rs[m]) >= 0 {
			frac += strconv.Itoa(cnDigit(rs[m]))
			m++
		}
		if frac != "" {
			v, _ = strconv.ParseFloat(strconv.Itoa(int(v))+"."+frac, 64)
			k = m
		}
	}
	return token{kind: tokNumber, start: i, end: k, value: v, unit: "%"}, k, true
}

// skipMarks skips existing 【待核实：…】 marks so a figure is not flagged twice.
func skipMarks(rs []rune, skip []bool) {
	for i := 0; i < len(rs); i++ {
		if !hasPrefixRunes(rs[i:], "【待核实") {
			continue
		}
		j := i
		for j < len(rs) && rs[j] != '】' && rs[j] != '\n' {
			j++
		}
		for k := i; k < len(rs) && k <= j; k++ {
			skip[k] = true
		}
		i = j
	}
}

// skipFixed skips every occurrence of a fixed numeral (十四五, 三会一课 …).
func (c Checker) skipFixed(rs []rune, skip []bool) {
	lists := [][]string{corpus.FixedNumerals, builtinFixed, c.Fixed}
	for _, list := range lists {
		for _, f := range list {
			fr := []rune(strings.TrimSpace(f))
			if len(fr) == 0 {
				continue
			}
			for i := 0; i+len(fr) <= len(rs); i++ {
				if rs[i] == fr[0] && string(rs[i:i+len(fr)]) == string(fr) {
					for k := i; k < i+len(fr); k++ {
						skip[k] = true
					}
				}
			}
		}
	}
}

// skipOrdinals skips heading and list numbers: at a line start (after
// Markdown #, > and bullets) 1. 1、 1.2 (1) 1)；anywhere (1)/（1）; and 1、
// after punctuation, as in "：1、…；2、…". Chinese markers (一、 （一） 一是
// 第一) need nothing: a Chinese numeral is a figure only before a classifier.
func skipOrdinals(rs []rune, skip []bool) {
	mark := func(a, b int) {
		for k := a; k < b; k++ {
			skip[k] = true
		}
	}
	for ls := 0; ls < len(rs); {
		le := ls
		for le < len(rs) && rs[le] != '\n' {
			le++
		}
		p := ls
		for p < le && (isSpace(rs[p]) || rs[p] == '#' || rs[p] == '>' || strings.ContainsRune("-*+", rs[p]) && p+1 < le && isSpace(rs[p+1])) {
			p++
		}
		if q := digitEnd(rs, p, le); q > p {
			levels := q
			for levels+1 < le && rs[levels] == '.' && isDigit(rs[levels+1]) {
				levels = digitEnd(rs, levels+1, le)
			}
			switch {
			case levels > q && levels < le && strings.ContainsRune("、．", rs[levels]):
				mark(p, levels) // 1.2、
			case levels > q && levels < le && isSpace(rs[levels]) && !startsAmount(rs[skipSpaces(rs, levels):le]):
				mark(p, levels) // 1.2 党建, but not "3.5 万平方米"
			case levels == q && q < le && (strings.ContainsRune("、．)）", rs[q]) || rs[q] == '.' && (q+1 >= le || !isDigit(rs[q+1]))):
				mark(p, q) // 1. 1、 1)
			}
		}
		ls = le + 1
	}
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
			continue
		}
		q := digitEnd(rs, i, len(rs))
		if q-i > 2 || q >= len(rs) {
			continue
		}
		switch {
		case i > 0 && strings.ContainsRune("(（", rs[i-1]) && strings.ContainsRune(")）", rs[q]):
			mark(i, q)
		case rs[q] == '、' && (i == 0 || strings.ContainsRune("：:；;。，,！？ \t\u3000\n", rs[i-1])):
			mark(i, q)
		}
	}
}

// startsAmount reports whether text after a number continues it: a
// multiplier or a unit.
func startsAmount(rs []rune) bool {
	return len(rs) > 0 && (strings.ContainsRune("万亿千多余", rs[0]) || matchUnit(rs) != "")
}

// support indexes what the user's facts allow.
type support struct {
	numbers                           []token
	years, months, days, ords, quarts map[float64]bool
}

var (
	cnOrdinal = regexp.MustCompile(`第([零〇一二两三四五六七八九十百]+)`)
	cnQuarter = regexp.MustCompile(`([一二三四])季度`)
)

// supportOf reads the figures, years, dates and ordinals of the facts with
// the same scanner as the draft, plus the corpus figures of each fact.
func (c Checker) supportOf(facts []Fact) support {
	s := support{years: map[float64]bool{}, months: map[float64]bool{}, days: map[float64]bool{}, ords: map[float64]bool{}, quarts: map[float64]bool{}}
	for _, f := range facts {
		for _, fig := range f.Figures {
			if !fig.Placeholder {
				s.numbers = append(s.numbers, token{kind: tokNumber, value: fig.Value, unit: fig.Unit})
			}
		}
		for _, t := range c.scan(f.Text) {
			switch t.kind {
			case tokNumber:
				s.numbers = append(s.numbers, t)
			case tokOrdinal:
				s.numbers = append(s.numbers, t)
				s.ords[t.value] = true
			case tokYear:
				s.years[t.value] = true
			case tokMonth:
				s.months[t.value], s.months[t.to] = true, true
			case tokDay:
				s.days[t.value], s.days[t.to] = true, true
			case tokQuarter:
				s.quarts[t.value] = true
			}
		}
		for _, m := range cnOrdinal.FindAllStringSubmatch(f.Text, -1) {
			if v, ok := parseChinese(m[1]); ok {
				s.ords[v] = true
			}
		}
		for _, m := range cnQuarter.FindAllStringSubmatch(f.Text, -1) {
			v, _ := parseChinese(m[1])
			s.quarts[v] = true
		}
	}
	return s
}

// supports decides whether a draft figure is backed by the facts or is one of
// the numbers every report may use: its year, the year before and after, and
// the number of its quarter.
func (s support) supports(t token, f Facts) bool {
	year := func(v float64) bool {
		return f.Year != 0 && (v == float64(f.Year) || v == float64(f.Year-1) || v == float64(f.Year+1)) || s.years[v]
	}
	switch t.kind {
	case tokYear:
		return year(t.value)
	case tokMonth:
		return s.months[t.value] && s.months[t.to]
	case tokDay:
		return s.days[t.value] && s.days[t.to]
	case tokQuarter:
		return f.Period == "q"+strconv.Itoa(int(t.value)) || s.quarts[t.value]
	case tokOrdinal:
		if s.ords[t.value] {
			return true
		}
	}
	if t.unit == "" && year(t.value) {
		return true // a bare 2024 is the year
	}
	for _, n := range s.numbers {
		if sameValue(n.value, t.value) && unitsCompatible(n.unit, t.unit) {
			return true
		}
	}
	return false
}

// sameValue compares values with a small relative tolerance, since 1.4亿 and
// 14000万 are computed through different floats.
func sameValue(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

// unitsCompatible keeps percentages apart from amounts: when both figures
// have units, % matches only %, ‰ only ‰, 个百分点 only 个百分点; otherwise
// values decide (80人 = 80名, 6000余人 = 6000人).
func unitsCompatible(a, b string) bool {
	if a == "" || b == "" {
		return true
	}
	class := func(u string) string {
		switch u {
		case "%", "‰":
			return u
		case "个百分点", "百分点":
			return "pp"
		}
		return ""
	}
	return class(a) == class(b)
}

// markTokens wraps each token's span as 【待核实：原文】.
func markTokens(text string, bad []token) string {
	if len(bad) == 0 {
		return text
	}
	rs := []rune(text)
	var b strings.Builder
	prev := 0
	for _, t := range bad {
		b.WriteString(string(rs[prev:t.start]))
		b.WriteString("【待核实：" + string(rs[t.start:t.end]) + "】")
		prev = t.end
	}
	b.WriteString(string(rs[prev:]))
	return b.String()
}

// figureLabel is the short run of Han characters right before a figure
// (招收新生 before 9350人). It is not trimmed, so label + figure is a
// substring of the text the user can search for.
func figureLabel(rs []rune, start int) string {
	j := start
	for j > 0 && start-j < 6 && unicode.Is(unicode.Han, rs[j-1]) {
		j--
	}
	return string(rs[j:start])
}

func matchUnit(rs []rune) string {
	head := string(rs[:min(6, len(rs))])
	for _, u := range draftUnits {
		if strings.HasPrefix(head, u) {
			return u
		}
	}
	return ""
}

func multiplier(m string) int64 {
	return map[string]int64{"千": 1e3, "万": 1e4, "亿": 1e8, "万亿": 1e12}[m]
}

// ratValue computes num × mult exactly before turning it into a float, so
// 1.4亿 is 140000000 and not 140000000.00000003.
func ratValue(num string, mult int64) (float64, bool) {
	v, ok := new(big.Rat).SetString(num)
	if !ok {
		return 0, false
	}
	f, _ := v.Mul(v, big.NewRat(mult, 1)).Float64()
	return f, true
}

// parseChinese reads a Chinese numeral with 万 and 亿 (两万, 一千二百万).
func parseChinese(s string) (float64, bool) {
	s = strings.ReplaceAll(s, "〇", "零")
	total := 0.0
	for _, m := range []struct {
		sep string
		mul float64
	}{{"亿", 1e8}, {"万", 1e4}} {
		if k := strings.Index(s, m.sep); k >= 0 {
			head := 1
			if s[:k] != "" {
				n, ok := corpus.ParseChineseNumber(s[:k])
				if !ok {
					return 0, false
				}
				head = n
			}
			total += float64(head) * m.mul
			s = s[k+len(m.sep):]
		}
	}
	if s != "" {
		n, ok := corpus.ParseChineseNumber(s)
		if !ok {
			return 0, false
		}
		total += float64(n)
	}
	return total, true
}

// cnDigit is the value of one Chinese digit, -1 for anything else.
func cnDigit(r rune) int {
	for i, d := range []rune("零一二三四五六七八九") {
		if r == d {
			return i
		}
	}
	return -1
}

// narrow maps full-width digits, letters and signs to ASCII one for one, so
// rune offsets in the narrowed text are offsets in the original.
func narrow(r rune) rune {
	switch {
	case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
		return r - 0xFEE0
	case r == '％':
		return '%'
	case r == '．':
		return '.'
	case r == '\u3000' || r == '\u00A0':
		return ' '
	}
	return r
}

func isDigit(r rune) bool       { return r >= '0' && r <= '9' }
func isSpace(r rune) bool       { return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00A0' }
func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }
func hasPrefixRunes(rs []rune, p string) bool {
	return strings.HasPrefix(string(rs[:min(len(rs), utf8.RuneCountInString(p))]), p)
}

func isDigitRun(rs []rune) bool {
	for _, r := range rs {
		if !isDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}

func digitEnd(rs []rune, i, limit int) int {
	for i < limit && isDigit(rs[i]) {
		i++
	}
	return i
}

func skipSpaces(rs []rune, i int) int {
	for i < len(rs) && isSpace(rs[i]) {
		i++
	}
	return i
}

func anySkipped(skip []bool, a, b int) bool {
	for k := a; k < b && k < len(skip); k++ {
		if skip[k] {
			return true
		}
	}
	return false
}
