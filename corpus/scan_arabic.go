package corpus

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// hotlines are public service numbers: named, whatever follows them.
var hotlines = map[string]bool{
	"110": true, "119": true, "120": true, "122": true, "12345": true, "12315": true, "12355": true,
	"12356": true, "12320": true, "12338": true, "12348": true, "12369": true, "12351": true,
	"12319": true, "12333": true, "12366": true, "12388": true, "12110": true, "96110": true, "12305": true,
}

// hotlineWords after or before a bare number make it a telephone number.
var hotlineWords = []string{"热线", "电话", "报警", "急救", "求助", "专线", "平台", "号码"}

// versionWords after a decimal make it a version: 2.0行动计划, 3.0版.
var versionWords = []string{"版", "行动", "时代", "工程", "升级版"}

// arabic reads an Arabic number at i: the number, then what it is (a name, a
// year, a date, an ordinal, a quantity with its multiplier and unit).
func (st *scan) arabic(i int) int {
	rs := st.rs
	j := numberEnd(rs, i)
	if end, ok := st.arabicName(i, j); ok {
		return end
	}
	num := strings.ReplaceAll(string(rs[i:j]), ",", "")
	value, ok := exactValue(num, 1)
	if !ok {
		return j
	}
	next := skipSpaceRunes(rs, j)
	if isYearAt(rs, i, j) {
		end := j
		if next < len(rs) && rs[next] == '年' && !hasPrefixAt(rs, next, "年级") {
			end = next + 1
		}
		st.emit(Span{Kind: KindYear, Value: value}, i, end)
		return end
	}
	if end, ok := st.arabicDate(i, next, value); ok {
		return end
	}
	if next < len(rs) && strings.ContainsRune("号时级", rs[next]) {
		return next + 1 // 3号楼, 8时, 3级: names and times, not quantities
	}
	start, kind := i, KindCount
	if i > 0 && prevNonSpaceRune(rs, i) == '第' {
		start, kind = lastIndexBefore(rs, i, '第'), KindOrdinal
	}
	if hasPrefixAt(rs, next, "季度") {
		st.emit(Span{Kind: KindOrdinal, Value: value, Unit: "季度", Class: ClassQuarter}, start, next+2)
		return next + 2
	}
	return st.arabicQuantity(start, j, next, num, value, kind)
}

// numberEnd is the end of the digits at i, with thousands separators and a
// decimal part.
func numberEnd(rs []rune, i int) int {
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
	return j
}

// arabicName recognises numbers that are part of a name: Latin words (5G,
// COVID-19), model names ("5+2", "1+X"), commemorative days ("5·12"),
// telephone numbers and hotlines.
func (st *scan) arabicName(i, j int) (int, bool) {
	rs := st.rs
	if j < len(rs) && strings.ContainsRune("xX×*＊", rs[j]) {
		return j, true // 20xx年, 20**年: the placeholder reader takes it
	}
	if joinedName(rs, i, j) {
		return st.named(i, nameEnd(rs, j)), true
	}
	num := string(rs[i:j])
	next := skipSpaceRunes(rs, j)
	if isVersion(rs, num, next) || isPhoneNumber(rs, i, j, num, next) {
		return st.named(i, j), true
	}
	return 0, false
}

// joinedName reports whether the number rs[i:j] is joined to letters or
// other numbers in a name: 5G, COVID-19, "5+2", 1+X, "5·12", 0731-1234567.
func joinedName(rs []rune, i, j int) bool {
	if i > 0 {
		p := rs[i-1]
		if isLatin(p) || p == '.' || p == '+' || p == '·' || (p == '-' || p == '_') && i > 1 && (isLatin(rs[i-2]) || isDigit(rs[i-2])) {
			return true
		}
	}
	if j >= len(rs) {
		return false
	}
	switch {
	case isLatin(rs[j]) || rs[j] == '+':
		return true
	case j+1 < len(rs) && strings.ContainsRune("·•・", rs[j]) && isDigit(rs[j+1]):
		return true // "5·12"
	}
	return j+1 < len(rs) && rs[j] == '-' && isDigit(rs[j+1]) && j-i >= 3 && !isYearAt(rs, i, j) // 0731-1234567
}

// isVersion reports a version number: 教育信息化2.0, 3.0版.
func isVersion(rs []rune, num string, next int) bool {
	return strings.HasSuffix(num, ".0") && !startsAmountAt(rs, next) || strings.Contains(num, ".") && hasAnyPrefixAt(rs, next, versionWords)
}

// isPhoneNumber reports a hotline or a telephone number: 12345 alone or
// with 热线, a number after 拨打/电话.
func isPhoneNumber(rs []rune, i, j int, num string, next int) bool {
	if hotlines[num] && (!startsAmountAt(rs, next) || hasAnyPrefixAt(rs, next, hotlineWords)) {
		return true
	}
	return j-i >= 3 && isDigitRun(rs[i:j]) && (hasAnyPrefixAt(rs, next, hotlineWords) || hasAnySuffixBefore(rs, i, []string{"拨打", "热线", "电话", "号码"}))
}

// nameEnd extends a name over the digits, Latin letters and joiners that
// follow: 1+X, 5·12, COVID-19.
func nameEnd(rs []rune, j int) int {
	for j < len(rs) && (isDigit(rs[j]) || isLatin(rs[j]) || strings.ContainsRune("+·•・-_×*＊.", rs[j]) && j+1 < len(rs) && (isDigit(rs[j+1]) || isLatin(rs[j+1]))) {
		j++
	}
	return j
}

// arabicDate reads 9月2日, 9月, 15日 and ranges of months (1-6月, 1至6月).
func (st *scan) arabicDate(i, next int, value float64) (int, bool) {
	rs := st.rs
	at, to := next, value
	if at < len(rs) && strings.ContainsRune(rangeRunes, rs[at]) {
		k := skipSpaceRunes(rs, at+1)
		if e := digitsEnd(rs, k); e > k && e-k <= 2 {
			to, _ = strconv.ParseFloat(string(rs[k:e]), 64)
			at = skipSpaceRunes(rs, e)
		}
	}
	if at >= len(rs) || value != float64(int(value)) {
		return 0, false
	}
	switch {
	case rs[at] == '月' && value >= 1 && value <= 12 && !hasPrefixAt(rs, at, "月份以来") || hasPrefixAt(rs, at, "月份"):
		end := at + 1
		if hasPrefixAt(rs, end, "份") {
			end++
		}
		sp := Span{Kind: KindDate, Value: value, To: to}
		if d, e := dayAfter(rs, end); d > 0 && to == value {
			sp.Day, end = d, e
		} else if m, e := monthRangeEnd(rs, end); m > 0 && to == value {
			sp.To, end = float64(m), e // 3月至6月 is one range, like 3至6月
		}
		st.emit(sp, i, end)
		return end, true
	case rs[at] == '日' && value >= 1 && value <= 31: // 9号 alone is a number (文件号, 楼号), not a day
		st.emit(Span{Kind: KindDate, Day: int(value)}, i, at+1)
		return at + 1, true
	}
	return 0, false
}

// dayAfter reads the day of 9月2日 after the month.
func dayAfter(rs []rune, i int) (int, int) {
	k := skipSpaceRunes(rs, i)
	if e := digitsEnd(rs, k); e > k && e-k <= 2 {
		if m := skipSpaceRunes(rs, e); m < len(rs) && (rs[m] == '日' || rs[m] == '号') {
			d, _ := strconv.Atoi(string(rs[k:e]))
			return d, m + 1
		}
	}
	if d, e := cnDayAfter(rs, k); d > 0 {
		return d, e
	}
	return 0, i
}

// arabicQuantity reads the approximation words, multiplier and unit after a
// number: 6000余人, 1.4亿多元, 15 万人次, 33.09%, 3.2个百分点, a bare 12.
func (st *scan) arabicQuantity(start, j, next int, num string, value float64, kind Kind) int {
	rs := st.rs
	approx := start > 0 && strings.ContainsRune("近约逾超", prevNonSpaceRune(rs, start))
	k, mult := next, int64(1)
	for n := 0; n < 3 && k < len(rs); n++ {
		switch r := rs[k]; {
		case strings.ContainsRune("多余来", r) && !hasPrefixAt(rs, k, "多元化") && !hasPrefixAt(rs, k, "多样"):
			approx = true
			k++
		case mult == 1 && (r == '万' || r == '亿' || r == '千' && !(k+1 < len(rs) && strings.ContainsRune("米克瓦帕", rs[k+1]))):
			mult = map[rune]int64{'千': 1e3, '万': 1e4, '亿': 1e8}[r]
			k++
		case mult == 1e4 && r == '亿':
			mult = 1e12
			k++
		default:
			n = 3
		}
	}
	sp := Span{Kind: kind, Value: value, Approx: approx}
	if mult != 1 {
		sp.Value, _ = exactValue(num, mult)
		sp.Class = ClassScaled
	}
	if mult == 1e8 {
		k = addWan(rs, k, &sp.Value) // 2亿1800万元
	}
	end := max(k, j)
	if k == next && mult == 1 {
		end = j
	}
	if u := matchUnitAt(rs, skipSpaceRunes(rs, k)); u != "" {
		sp.Unit, sp.Class = u, ClassOf(u)
		end = skipSpaceRunes(rs, k) + utf8.RuneCountInString(u)
	} else if u := rangeUnit(rs, k); u != "" && mult == 1 {
		sp.Unit, sp.Class = u, ClassOf(u) // the 3 of 3至5名 counts persons too
	}
	if sp.Class == ClassPercent || sp.Class == ClassPoints || sp.Class == ClassPermille {
		sp.Kind = KindPercent
	}
	sp.Class = st.rateClass(start, sp.Class)
	if kind == KindOrdinal && (sp.Unit == "名" || sp.Unit == "位") {
		sp.Class = ClassRank
	}
	st.emit(sp, start, end)
	return end
}

// percentWords reads 百分之九十 / 百分之九十八点五.
func (st *scan) percentWords(i int) int {
	rs := st.rs
	j := i + 3
	k := j
	for k < len(rs) && isCNNumeral(rs[k]) {
		k++
	}
	v, ok := ParseChineseNumber(string(rs[j:k]))
	if !ok {
		return j
	}
	value := float64(v)
	if k+1 < len(rs) && rs[k] == '点' {
		frac, m := "", k+1
		for m < len(rs) && cnDigitValue(rs[m]) >= 0 {
			frac += strconv.Itoa(cnDigitValue(rs[m]))
			m++
		}
		if frac != "" {
			value, _ = strconv.ParseFloat(strconv.Itoa(v)+"."+frac, 64)
			k = m
		}
	}
	st.emit(Span{Kind: KindPercent, Value: value, Unit: "%", Class: ClassPercent}, i, k)
	return k
}

// placeholder reads xx人, x.xx%, xxx万元, 20**年, xxxx年.
func (st *scan) placeholder(start int) int {
	rs := st.rs
	isX := func(r rune) bool { return r == 'x' || r == 'X' || r == '×' || r == '*' || r == '＊' }
	if start > 0 && isLatin(rs[start-1]) && !isX(rs[start-1]) {
		return start + 1
	}
	s := start
	if start >= 2 && rs[start-2] == '2' && rs[start-1] == '0' {
		s = start - 2 // 20**年
	}
	i := start
	for i < len(rs) && isX(rs[i]) {
		i++
	}
	if i+1 < len(rs) && rs[i] == '.' && isX(rs[i+1]) {
		i++
		for i < len(rs) && isX(rs[i]) {
			i++
		}
	}
	if i-start > 6 || i < len(rs) && isLatin(rs[i]) {
		return i
	}
	j := i
	for k := 0; k < 2 && j < len(rs) && strings.ContainsRune("万亿多余", rs[j]); k++ {
		j++
	}
	unit := matchUnitAt(rs, j)
	if unit == "" && j < len(rs) && rs[j] == '年' {
		unit = "年"
	}
	if unit == "" || unit == "年" && i-s != 4 {
		return i
	}
	end := j + utf8.RuneCountInString(unit)
	// A placeholder overlapping an earlier span (the 20 of 20**) replaces it.
	for len(st.out) > 0 && st.out[len(st.out)-1].End > s {
		st.out = st.out[:len(st.out)-1]
	}
	st.emit(Span{Kind: KindPlaceholder, Unit: unit, Class: ClassOf(unit)}, s, end)
	return end
}

// isYearAt decides whether the digits rs[i:j] are a year: four digits from
// 1900 to 2100 followed by 年/学年/级/届/年度, in a range of years, or in 〔〕
// as in document numbers.
func isYearAt(rs []rune, i, j int) bool {
	if j-i != 4 || !isDigitRun(rs[i:j]) {
		return false
	}
	y, _ := strconv.Atoi(string(rs[i:j]))
	if y < 1900 || y > 2100 {
		return false
	}
	k := skipSpaceRunes(rs, j)
	if k < len(rs) && strings.ContainsRune("年级届", rs[k]) || hasPrefixAt(rs, k, "学年") {
		return true
	}
	if k < len(rs) && strings.ContainsRune(rangeRunes, rs[k]) {
		m := skipSpaceRunes(rs, k+1)
		if m+4 <= len(rs) && isDigitRun(rs[m:m+4]) {
			return true
		}
	}
	if i >= 5 && strings.ContainsRune(rangeRunes, rs[i-1]) && isDigitRun(rs[i-5:i-1]) {
		return true
	}
	return i > 0 && strings.ContainsRune("〔[［(（", rs[i-1]) && j < len(rs) && strings.ContainsRune("〕]］)）", rs[j])
}

// rangeRunes join the two ends of a range: 1-6月, 3至5名.
const rangeRunes = "-—–~～至到"

func digitsEnd(rs []rune, i int) int {
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	return i
}

func isLatin(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func prevNonSpaceRune(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if !isSpaceRune(rs[j]) {
			return rs[j]
		}
	}
	return 0
}

func lastIndexBefore(rs []rune, i int, r rune) int {
	for j := i - 1; j >= 0; j-- {
		if rs[j] == r {
			return j
		}
	}
	return i
}

func hasAnyPrefixAt(rs []rune, i int, ws []string) bool {
	for _, w := range ws {
		if hasPrefixAt(rs, i, w) {
			return true
		}
	}
	return false
}

func hasAnySuffixBefore(rs []rune, i int, ws []string) bool {
	for _, w := range ws {
		n := utf8.RuneCountInString(w)
		if i-n >= 0 && hasPrefixAt(rs, i-n, w) {
			return true
		}
	}
	return false
}

// ratePrefixes turn an amount of money into a rate: 每生每年1150元 says
// what 1150元/生/年 says.
var ratePrefixes = map[string]string{
	"每生每年": "money-rate", "每人每年": "money-rate", "每生每学年": "money-rate",
	"每生每天": "money-rate-day", "每人每天": "money-rate-day", "每生每日": "money-rate-day", "每人每日": "money-rate-day",
	"每生每月": "money-rate-month", "每人每月": "money-rate-month",
}

// rateClass makes an amount of money a rate when a rate is named right
// before it (每生每年1150元) or when it closes a range whose first amount is
// one (每人每月400元至800元): the class a money span should have.
func (st *scan) rateClass(start int, class string) string {
	if class != ClassMoney {
		return class
	}
	if c := rateBefore(st.rs, start); c != "" {
		return c
	}
	k := start
	for k > 0 && isSpaceRune(st.rs[k-1]) {
		k--
	}
	if k > 0 && strings.ContainsRune(rangeRunes, st.rs[k-1]) && len(st.out) > 0 {
		if prev := st.out[len(st.out)-1]; prev.End >= k-2 && strings.HasPrefix(prev.Class, "money-rate") {
			return prev.Class
		}
	}
	return class
}

// rateBefore is the rate class named right before a number, "" for none.
func rateBefore(rs []rune, start int) string {
	k := start
	for k > 0 && isSpaceRune(rs[k-1]) {
		k--
	}
	for p, c := range ratePrefixes {
		n := utf8.RuneCountInString(p)
		if k >= n && hasPrefixAt(rs, k-n, p) {
			return c
		}
	}
	return ""
}

// rangeUnit is the unit of the far end of a range that starts at i: 名 for
// the 3 of 3至5名 and for the 三 of 三至五名.
func rangeUnit(rs []rune, i int) string {
	i = skipSpaceRunes(rs, i)
	if i >= len(rs) || !strings.ContainsRune(rangeRunes, rs[i]) {
		return ""
	}
	k := skipSpaceRunes(rs, i+1)
	e := k
	for e < len(rs) && (isDigit(rs[e]) || rs[e] == '.' || isCNNumeral(rs[e]) || rs[e] == '余' || rs[e] == '多') {
		e++
	}
	if e == k {
		return ""
	}
	return matchUnitAt(rs, skipSpaceRunes(rs, e))
}

// addWan reads the 1800万 that may follow 2亿 (2亿1800万元), adding it to
// value, and returns where the number ends.
func addWan(rs []rune, k int, value *float64) int {
	e := numberEnd(rs, k)
	if e == k || e >= len(rs) || rs[e] != '万' {
		return k
	}
	v, ok := exactValue(strings.ReplaceAll(string(rs[k:e]), ",", ""), 1e4)
	if !ok {
		return k
	}
	*value += v
	return e + 1
}

// monthRangeEnd reads the 至6月 / —六月 that closes a range of months opened
// at i by 3月, returning the last month and where it ends.
func monthRangeEnd(rs []rune, i int) (int, int) {
	k := skipSpaceRunes(rs, i)
	if k >= len(rs) || !strings.ContainsRune(rangeRunes, rs[k]) {
		return 0, i
	}
	k = skipSpaceRunes(rs, k+1)
	e := k
	for e < len(rs) && (isDigit(rs[e]) || isCNNumeral(rs[e])) && e-k < 3 {
		e++
	}
	if e == k || e >= len(rs) || rs[e] != '月' || hasPrefixAt(rs, e, "月份以来") {
		return 0, i
	}
	m, err := strconv.Atoi(string(rs[k:e]))
	if err != nil {
		v, ok := ParseChineseNumber(string(rs[k:e]))
		if !ok {
			return 0, i
		}
		m = v
	}
	if m < 1 || m > 12 {
		return 0, i
	}
	end := e + 1
	if hasPrefixAt(rs, end, "份") {
		end++
	}
	return m, end
}
