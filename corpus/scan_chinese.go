package corpus

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// cnDigitValue is the value of one Chinese digit, -1 for anything else.
func cnDigitValue(r rune) int {
	switch r {
	case '零', '〇':
		return 0
	case '一':
		return 1
	case '二', '两':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// cnNotCountAfter: a numeral after these is a reference or an ordinal, not
// a count: 每一个, 这两所, 同一批.
const cnNotCountAfter = "每这那同另任哪唯统专"

// chinese reads a Chinese numeral starting at i; from is where the span
// starts (the 近 of 近万名). It may be a year (二〇二四年), a date (九月二日),
// a fraction (三分之二, 五成), a quarter, an ordinal (第二批) or a count with
// any unit (三所, 五十岁, 两千余人), or vague (百余名, 数十所, 近万名).
func (st *scan) chinese(i, from int) int {
	rs := st.rs
	j := i
	for j < len(rs) && isCNNumeral(rs[j]) {
		j++
	}
	if !mayFollowNumeral(rs, j) {
		return j // 进一步, 一是, 统一: most numerals in a report are words
	}
	if end, ok := st.cnYear(i, j); ok {
		return end
	}
	if hasPrefixAt(rs, j, "分之") {
		return st.fraction(i, j)
	}
	prev := rune(0)
	if from > 0 {
		prev = rs[from-1]
	}
	if prev != 0 && strings.ContainsRune(cnNotCountAfter, prev) {
		return j
	}
	if isPower(rs[i]) && rs[i] != '十' && from == i && !(j < len(rs) && (rs[j] == '余' || rs[j] == '多')) {
		return j // 千家万户, 百年大计: an order of magnitude with no 余 is a word
	}
	if end, ok := st.cnDate(i, j); ok {
		return end
	}
	v, ok := ParseChineseNumber(string(rs[i:j])) // 〇 reads as 零
	if !ok {
		return j
	}
	value, j := cnDecimal(rs, j, v)
	return st.cnQuantity(i, j, from, prev, value)
}

// cnDecimal reads the decimal part and multiplier after a Chinese numeral
// of integer value v ending at j: 二点三 (个百分点), 一点三五亿 (元),
// 一千零三十六点五万 (元). It returns the value and where the number ends.
func cnDecimal(rs []rune, j, v int) (float64, int) {
	if j+1 >= len(rs) || rs[j] != '点' || cnDigitValue(rs[j+1]) < 0 || rs[j+1] == '两' {
		return float64(v), j
	}
	k := j + 1
	frac := ""
	for k < len(rs) && cnDigitValue(rs[k]) >= 0 && rs[k] != '两' {
		frac += strconv.Itoa(cnDigitValue(rs[k]))
		k++
	}
	mult := int64(1)
	if k < len(rs) && (rs[k] == '万' || rs[k] == '亿') {
		mult = map[rune]int64{'万': 1e4, '亿': 1e8}[rs[k]]
		k++
	}
	value, ok := exactValue(strconv.Itoa(v)+"."+frac, mult)
	if !ok {
		return float64(v), j
	}
	return value, k
}

// cnQuantity reads what follows a Chinese numeral of value v: 余/多, then
// 成, 季度, 倍 or a unit.
func (st *scan) cnQuantity(i, j, from int, prev rune, v float64) int {
	rs := st.rs
	k, approx := j, false
	if k < len(rs) && (rs[k] == '余' || rs[k] == '多') {
		k, approx = k+1, true
	}
	k = skipSpaceRunes(rs, k)
	ordinal := prev == '第'
	if ordinal {
		from--
	}
	if grade(rs, i, j, k) {
		return k
	}
	switch {
	case k < len(rs) && rs[k] == '成' && j == i+1 && !approx && !ordinal:
		return st.tenths(i, k, v)
	case hasPrefixAt(rs, k, "季度"):
		st.emit(Span{Kind: KindOrdinal, Value: v, Unit: "季度", Class: ClassQuarter}, from, k+2)
		return k + 2
	case hasPrefixAt(rs, k, "番"):
		return k + 1
	}
	unit, end := cnUnit(rs, i, j, k, ordinal)
	if unit == "" {
		if ordinal && v >= 1 {
			st.emit(Span{Kind: KindOrdinal, Value: v, Soft: true}, from, j) // 第二课堂
		}
		return max(k, j)
	}
	sp := cnSpan(rs, i, from, v, unit, approx, ordinal)
	sp.Class = st.rateClass(from, sp.Class)
	st.emit(sp, from, end)
	return end
}

// cnUnit is the unit after a Chinese numeral rs[i:j] (k past 余/多), or the
// unit of the range it opens (the 三 of 三至五名); "" when the word after it
// is no unit a Chinese numeral takes (十分重要, 十九届, 九日).
func cnUnit(rs []rune, i, j, k int, ordinal bool) (string, int) {
	unit := matchUnitAt(rs, k)
	end := k + utf8.RuneCountInString(unit)
	if unit == "" && !ordinal {
		unit, end = rangeUnit(rs, k), j
	}
	if unit == "" || unit == "日" {
		return "", end
	}
	if cnOnlyNot[firstRune(unit)] && !(unit == "分" && scoreNumeral(rs[i:j])) && !(ordinal && unit == "届") {
		return "", end
	}
	return unit, end
}

// cnSpan is what a Chinese numeral with its unit claims: an ordinal (第二批,
// 第三名 a rank), a vague order of magnitude, a soft 一所 of prose, or a count.
func cnSpan(rs []rune, i, from int, v float64, unit string, approx, ordinal bool) Span {
	sp := Span{Kind: KindCount, Value: v, Unit: unit, Class: ClassOf(unit), Approx: approx}
	switch {
	case ordinal:
		sp.Kind = KindOrdinal
		if unit == "名" || unit == "位" {
			sp.Class = ClassRank
		}
	case from < i || rs[i] != '十' && isPower(rs[i]):
		// Only an order of magnitude: 百余名, 万余人, 近万名, 上千人次, 数十所.
		sp.Kind, sp.Approx = KindVague, true
		if rs[from] == '数' || rs[from] == '几' {
			sp.Value = 0 // 数十, 几百: no value
		}
	case v == 1 && unit != "倍":
		sp.Soft = true // 一所, 一项: prose unless the facts say it
	}
	if sp.Class == ClassPercent || sp.Class == ClassPoints {
		sp.Kind = KindPercent
	}
	return sp
}

// grade reports whether a numeral names a school grade or a class: 初三,
// 高一, 七年级, 二年级.
func grade(rs []rune, i, j, k int) bool {
	if hasPrefixAt(rs, k, "年级") {
		return true
	}
	return i > 0 && strings.ContainsRune("初高", rs[i-1]) && j == i+1 && strings.ContainsRune("一二三", rs[i])
}

// tenths reads 五成 (half) and 八成以上 as a fraction.
func (st *scan) tenths(i, k int, v float64) int {
	rs := st.rs
	for _, w := range []string{"成员", "成立", "成果", "成绩", "成效", "成就", "成长", "成功", "成本", "成人", "成型", "成熟", "成才", "成色", "成品", "成套", "成交", "成都", "成风", "成片", "成规模", "成体系", "成网"} {
		if hasPrefixAt(rs, k, w) {
			return k
		}
	}
	st.emit(Span{Kind: KindVague, Value: v / 10, Unit: "成", Class: ClassFraction}, i, k+1)
	return k + 1
}

// fraction reads 三分之二 as 2/3.
func (st *scan) fraction(i, j int) int {
	rs := st.rs
	k := j + 2
	m := k
	for m < len(rs) && isCNNumeral(rs[m]) {
		m++
	}
	den, ok1 := ParseChineseNumber(string(rs[i:j]))
	num, ok2 := ParseChineseNumber(string(rs[k:m]))
	if !ok1 || !ok2 || den == 0 || m == k {
		return m
	}
	st.emit(Span{Kind: KindVague, Value: float64(num) / float64(den), Unit: "分之", Class: ClassFraction}, i, m)
	return m
}

// doubling reads 翻一番, 翻两番 and 翻番.
func (st *scan) doubling(i int) int {
	rs := st.rs
	for _, w := range []struct {
		text  string
		times float64
	}{{"翻一番", 2}, {"翻两番", 4}, {"翻番", 2}, {"翻了一番", 2}, {"翻了两番", 4}} {
		if hasPrefixAt(rs, i, w.text) {
			n := utf8.RuneCountInString(w.text)
			st.emit(Span{Kind: KindVague, Value: w.times, Unit: "番", Class: ClassTimes}, i, i+n)
			return i + n
		}
	}
	return i + 1
}

// half reads 一半, 过半, 半数 and 大半 as a fraction of one half.
func (st *scan) half(i int) int {
	rs := st.rs
	a, b := i, i+1
	switch {
	case rs[i] == '过':
		b = i + 2
	case i > 0 && (rs[i-1] == '一' || rs[i-1] == '大'):
		a = i - 1
		if b < len(rs) && rs[b] == '数' {
			b++
		}
	case hasPrefixAt(rs, i, "半数"):
		b = i + 2
	default:
		return i + 1
	}
	st.emit(Span{Kind: KindVague, Value: 0.5, Unit: "半", Class: ClassFraction}, a, b)
	return b
}

// cnYear reads a year written digit by digit: 二〇二四年.
func (st *scan) cnYear(i, j int) (int, bool) {
	rs := st.rs
	if j-i != 4 || j >= len(rs) || rs[j] != '年' || hasPrefixAt(rs, j, "年级") {
		return 0, false
	}
	y := 0
	for _, r := range rs[i:j] {
		d := cnDigitValue(r)
		if d < 0 || r == '两' {
			return 0, false
		}
		y = y*10 + d
	}
	if y < 1900 || y > 2100 {
		return 0, false
	}
	st.emit(Span{Kind: KindYear, Value: float64(y)}, i, j+1)
	return j + 1, true
}

// cnDate reads 九月, 九月二日, 十二月三十一日 (a month 两月 is a duration, and
// 一月 at the start of 一月一次 is prose, so only 三月 … 十二月 and 一月 after
// 年 count).
func (st *scan) cnDate(i, j int) (int, bool) {
	rs := st.rs
	if m, e := monthRangeEnd(rs, j); m > 0 && rs[i] != '两' {
		if first, ok := ParseChineseNumber(string(rs[i:j])); ok && first >= 1 && first < m {
			st.emit(Span{Kind: KindDate, Value: float64(first), To: float64(m)}, i, e) // 三至六月
			return e, true
		}
	}
	if j >= len(rs) || rs[j] != '月' || rs[i] == '两' || hasPrefixAt(rs, j, "月来") {
		return 0, false
	}
	m, ok := ParseChineseNumber(string(rs[i:j]))
	if !ok || m < 1 || m > 12 {
		return 0, false
	}
	end := j + 1
	sp := Span{Kind: KindDate, Value: float64(m)}
	if d, e := cnDayAfter(rs, end); d > 0 {
		sp.Day, end = d, e
	} else if d, e := dayAfter(rs, end); d > 0 {
		sp.Day, end = d, e
	} else if last, e := monthRangeEnd(rs, end); last > m {
		sp.To, end = float64(last), e // 三月至六月
	} else if m == 1 && (i == 0 || rs[i-1] != '年') {
		return 0, false // 一月一次 is prose; 一月 names a month after 年 or before a day
	}
	st.emit(sp, i, end)
	return end, true
}

// cnDayAfter reads 二日 / 三十一日 / 二号 at i.
func cnDayAfter(rs []rune, i int) (int, int) {
	k := i
	for k < len(rs) && isCNNumeral(rs[k]) && k-i < 4 {
		k++
	}
	if k == i || k >= len(rs) || rs[k] != '日' && rs[k] != '号' {
		return 0, i
	}
	d, ok := ParseChineseNumber(string(rs[i:k]))
	if !ok || d < 1 || d > 31 {
		return 0, i
	}
	return d, k + 1
}

// scoreNumeral reports whether a Chinese numeral before 分 is a score (十二点六分,
// 八十五分) rather than the adverb 十分 / 十二分 (very) or 万分 / 百分.
func scoreNumeral(num []rune) bool {
	switch string(num) {
	case "十", "十二", "万", "百", "千", "一":
		return false
	}
	return true
}

// vagueIdioms are orders of magnitude said as idioms: claims with no value.
var vagueIdioms = []string{"成百上千", "成千上万", "成千成万", "数以千计", "数以万计", "数以百计", "数以十万计"}

// vagueIdiom reads 成百上千 and 数以万计 as vague quantities.
func (st *scan) vagueIdiom(i int) int {
	for _, w := range vagueIdioms {
		if hasPrefixAt(st.rs, i, w) {
			n := utf8.RuneCountInString(w)
			st.emit(Span{Kind: KindVague, Unit: w, Class: ClassFraction}, i, i+n)
			return i + n
		}
	}
	return i + 1
}

// mayFollowNumeral is a cheap test of the rune after a Chinese numeral: only
// a unit, 余/多, a date, a fraction, a decimal, a range, 季度 or 番 can make it
// a quantity.
func mayFollowNumeral(rs []rune, j int) bool {
	if j >= len(rs) {
		return false
	}
	k := j
	if rs[k] == '余' || rs[k] == '多' {
		k++
		if k >= len(rs) {
			return false
		}
	}
	r := rs[k]
	if isSpaceRune(r) {
		return true
	}
	switch r {
	case '点', '分', '月', '日', '号', '年', '季', '番', '成', '至', '到', '-', '—', '–', '~', '～':
		return true
	}
	return unitsByFirst[r] != nil
}
