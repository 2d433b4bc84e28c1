package corpus

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Units a figure may carry, longest first so 万元 wins over 万 and 人次 over 人.
var units = func() []string {
	u := strings.Fields(`元/人/年 元/生/年 元/人/月 元/人 元/生 个百分点 万平方米 平方米 平米 立方米 人次 学时 课时 小时 分钟
		公里 千米 周岁 元 人 名 所 个 项 次 套 间 台 件 场 篇 本 册 户 位 支 节 天 亩 米 份 张 辆 座 栋 家 期 批
		块 条 处 首 门 届 班 床 轮 余人 % ‰ 倍 岁 吨 公斤 千克 元钱 辆次 架次 课 部 层 幅 盏 组 棵 株 册次 所次`)
	sort.SliceStable(u, func(i, j int) bool { return len(u[i]) > len(u[j]) })
	return u
}()

// Classifiers after Chinese numerals that make them a counted quantity (三所).
// 届 is left out: 十九届 names a congress far more often than it counts.
const cnClassifiers = "所个名人项次套间台件场篇户位支家批类条处座栋期班轮"

// Label words trimmed from the start of a label: 共计 达 等 add nothing.
var labelTrim = []string{"累计", "共计", "合计", "总计", "共", "达到", "达", "约", "计", "为", "近", "超过", "逾", "已", "有", "了", "分别", "其中"}

// ExtractFigures finds the quantities in text: Arabic numbers with units
// (小数, %, 万/亿), counted Chinese numerals (三所) and placeholders (xx人,
// x.xx%, 20**年). Years, dates, ordinals and document numbers are not figures.
func ExtractFigures(text string) []Figure {
	var figs []Figure
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r >= '0' && r <= '9':
			if i > 0 && (isASCIILetter(rs[i-1]) || rs[i-1] >= '0' && rs[i-1] <= '9' || rs[i-1] == '.') {
				continue
			}
			if f, end, ok := arabicFigure(rs, i); ok {
				figs = append(figs, f)
				i = end - 1
			} else {
				i = skipNumber(rs, i) - 1
			}
		case r == 'x' || r == 'X' || r == '×' || r == '*' || r == '＊':
			if i > 0 && isASCIILetter(rs[i-1]) && rs[i-1] != 'x' && rs[i-1] != 'X' {
				continue
			}
			if f, end, ok := placeholderFigure(rs, i); ok {
				figs = append(figs, f)
				i = end - 1
			}
		case isCNQuantityStart(r),
			r == '一' && i+1 < len(rs) && strings.ContainsRune("十百千万亿", rs[i+1]): // 一万二千人次, not 一批
			if f, end, ok := chineseFigure(rs, i); ok {
				figs = append(figs, f)
				i = end - 1
			}
		}
	}
	return figs
}

// isCNQuantityStart reports whether a Chinese numeral quantity (三所, 两千余人)
// may start with r; a switch, since it runs for every character of a text.
func isCNQuantityStart(r rune) bool {
	switch r {
	case '两', '二', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千':
		return true
	}
	return false
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func skipNumber(rs []rune, i int) int {
	for i < len(rs) && (rs[i] >= '0' && rs[i] <= '9' || rs[i] == '.' || rs[i] == ',') {
		i++
	}
	return i
}

// arabicFigure reads a number starting at i with its multiplier and unit.
func arabicFigure(rs []rune, start int) (Figure, int, bool) {
	i := start
	for i < len(rs) && (rs[i] >= '0' && rs[i] <= '9' || rs[i] == ',' && i+3 < len(rs) && isDigits(rs[i+1:i+4])) {
		i++
	}
	if i+1 < len(rs) && rs[i] == '.' && rs[i+1] >= '0' && rs[i+1] <= '9' {
		i++
		for i < len(rs) && rs[i] >= '0' && rs[i] <= '9' {
			i++
		}
	}
	num := strings.ReplaceAll(string(rs[start:i]), ",", "")
	if start > 0 && strings.ContainsRune("第〔[【", rs[start-1]) {
		return Figure{}, i, false
	}
	rest := string(rs[i:min(i+8, len(rs))])
	// Years, dates, document numbers and ranges of years are not figures.
	if strings.HasPrefix(rest, "年") && len(num) == 4 || strings.HasPrefix(rest, "月") || strings.HasPrefix(rest, "日") ||
		strings.HasPrefix(rest, "号") || strings.HasPrefix(rest, "时") || strings.HasPrefix(rest, "届") && len(num) == 4 ||
		len(num) == 4 && (strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "—")) && num[:2] == "20" {
		return Figure{}, i, false
	}
	// number, then 万/亿, 多/余 in either order (1.4亿多元, 1100余万元), then the unit.
	mult, j := "", i
	for k := 0; k < 2 && j < len(rs); k++ {
		switch {
		case mult == "" && (rs[j] == '万' || rs[j] == '亿' || rs[j] == '千' && j+1 < len(rs) && rs[j+1] != '米' && rs[j+1] != '克'):
			mult = string(rs[j])
			j++
		case strings.ContainsRune("多余来", rs[j]):
			j++
		}
	}
	unit := matchUnit(rs[j:])
	if unit == "" && mult == "" {
		return Figure{}, i, false
	}
	end := j + utf8.RuneCountInString(unit)
	value, ok := decimalValue(num, mult)
	if !ok {
		return Figure{}, end, false
	}
	label := figureLabel(rs, start)
	return Figure{
		Text:  label + string(rs[start:end]),
		Value: value,
		Unit:  unit,
		Label: label,
	}, end, true
}

func isDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(rs) > 0
}

func matchUnit(rs []rune) string {
	head := string(rs[:min(6, len(rs))])
	for _, u := range units {
		if strings.HasPrefix(head, u) {
			return u
		}
	}
	return ""
}

// decimalValue computes num × mult by moving the decimal point in the
// digits, so 422.9775万 is exactly 4229775, then reads it as a float.
func decimalValue(num, mult string) (float64, bool) {
	shift := map[string]int{"千": 3, "万": 4, "亿": 8, "万亿": 12}[mult]
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
	// A run of hundreds of digits is not a quantity (and JSON has no Inf).
	if err != nil || math.IsInf(f, 0) || f > 1e16 {
		return 0, false
	}
	return f, true
}

// placeholderFigure reads xx人, x.xx%, xxx万元, 20**年, xxxx年.
func placeholderFigure(rs []rune, start int) (Figure, int, bool) {
	isX := func(r rune) bool { return r == 'x' || r == 'X' || r == '×' || r == '*' || r == '＊' }
	s := start
	// 20**年 / 20xx年: include a preceding "20".
	if start >= 2 && rs[start-2] == '2' && rs[start-1] == '0' {
		s = start - 2
	}
	i := start
	for i < len(rs) && isX(rs[i]) {
		i++
	}
	if i < len(rs) && rs[i] == '.' && i+1 < len(rs) && isX(rs[i+1]) {
		i++
		for i < len(rs) && isX(rs[i]) {
			i++
		}
	}
	if i-start > 6 || i < len(rs) && isASCIILetter(rs[i]) {
		return Figure{}, i, false
	}
	j := i
	for k := 0; k < 2 && j < len(rs); k++ {
		if strings.ContainsRune("万亿多余", rs[j]) {
			j++
		}
	}
	unit := matchUnit(rs[j:])
	if unit == "" && j < len(rs) && rs[j] == '年' {
		unit = "年"
	}
	if unit == "" || unit == "年" && i-s != 4 {
		return Figure{}, i, false
	}
	end := j + utf8.RuneCountInString(unit)
	label := figureLabel(rs, s)
	return Figure{Text: label + string(rs[s:end]), Unit: unit, Label: label, Placeholder: true}, end, true
}

var cnDigits = map[rune]int{'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseFigure reads a counted Chinese numeral such as 三所 or 十二个.
// Fixed political numerals (三会一课, 两个维护 …) are excluded by the lexicon.
func chineseFigure(rs []rune, start int) (Figure, int, bool) {
	i := start
	for i < len(rs) && strings.ContainsRune("零一二两三四五六七八九十百千万亿", rs[i]) {
		i++
	}
	numEnd := i
	if i < len(rs) && (rs[i] == '余' || rs[i] == '多') { // 两千余人, 十多所
		i++
	}
	if i >= len(rs) || !strings.ContainsRune(cnClassifiers, rs[i]) {
		return Figure{}, i, false
	}
	if start > 0 && strings.ContainsRune("第每这那同另任哪几初高", rs[start-1]) {
		return Figure{}, i + 1, false
	}
	tail := string(rs[start:min(start+6, len(rs))])
	for _, p := range FixedNumerals {
		if strings.HasPrefix(tail, p) {
			return Figure{}, start + utf8.RuneCountInString(p), false
		}
	}
	v, ok := ParseChineseNumber(string(rs[start:numEnd]))
	if !ok || v < 2 {
		return Figure{}, i + 1, false
	}
	label := figureLabel(rs, start)
	return Figure{Text: label + string(rs[start:i+1]), Value: float64(v), Unit: string(rs[i]), Label: label}, i + 1, true
}

// ParseChineseNumber reads 三, 十二, 二十五, 一百零八, 两千, 三万, 一亿二千万.
func ParseChineseNumber(s string) (int, bool) {
	total, section, digit := 0, 0, -1
	// below adds the pending digit to the section below 万 and returns it,
	// counting a bare 万/亿 at the start as one of them (万人 is 10,000);
	// after a larger unit (五万亿) there is nothing below it.
	below := func() int {
		if digit > 0 {
			section += digit
		}
		digit = -1
		if section == 0 && total == 0 {
			section = 1
		}
		n := section
		section = 0
		return n
	}
	for _, r := range s {
		if d, ok := cnDigits[r]; ok {
			digit = d
			continue
		}
		switch r {
		case '万':
			total += below() * 10_000
			continue
		case '亿':
			total = (total + below()) * 100_000_000
			continue
		}
		unit := map[rune]int{'十': 10, '百': 100, '千': 1000}[r]
		if unit == 0 {
			return 0, false
		}
		if digit < 0 {
			digit = 1
		}
		section += digit * unit
		digit = -1
	}
	if digit > 0 {
		section += digit
	}
	total += section
	return total, s != ""
}

// FixedNumerals are numerals of political and policy language that are names,
// not quantities. The drafting number check extends this list from config.
var FixedNumerals = []string{
	"三会一课", "两学一做", "两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "五育并举", "八项规定",
	"三个代表", "两个责任", "三项制度", "两个一百年", "三个课堂", "五项管理", "三全育人", "六稳六保", "四有",
	"三类残疾", "两项督导", "三残", "两考", "三通两平台", "一岗双责", "两不愁三保障", "三保障", "十四五", "二十大",
	"一票否决", "一案双查", "双减", "两个只增不减", "两个优先", "三个面向",
}

// figureLabel is the short noun phrase right before a number: 招聘特岗教师80名
// → 招聘特岗教师.
func figureLabel(rs []rune, start int) string {
	j := start
	for j > 0 && start-j < 12 && isHan(rs[j-1]) {
		j--
	}
	label := string(rs[j:start])
	for changed := true; changed; {
		changed = false
		for _, w := range labelTrim {
			if strings.HasSuffix(label, w) && utf8.RuneCountInString(label) > utf8.RuneCountInString(w) {
				label = strings.TrimSuffix(label, w)
				changed = true
			}
		}
	}
	if n := utf8.RuneCountInString(label); n > 10 {
		label = string([]rune(label)[n-10:])
	}
	return label
}
