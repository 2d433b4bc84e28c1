package corpus

import (
	"strings"
	"unicode/utf8"
)

// Label words trimmed from the start of a label: 共计 达 等 add nothing.
var labelTrim = []string{"累计", "共计", "合计", "总计", "共", "达到", "达", "约", "计", "为", "近", "超过", "逾", "已", "有", "了", "分别", "其中"}

// ExtractFigures finds the quantities of a text for the parse contract: the
// counts and percentages of Scan (Arabic numbers with units, 万/亿, counted
// Chinese numerals such as 三所) and placeholders (xx人, x.xx%, 20**年).
// Years, dates, ordinals, vague quantities, names and the 一 of 一所 are
// not figures here.
func ExtractFigures(text string) []Figure {
	var figs []Figure
	for _, sp := range Scan(text) {
		if !isFigure(sp) {
			continue
		}
		label := figureLabel(text, sp.Start)
		f := Figure{Text: label + sp.Text, Value: sp.Value, Unit: baseUnit(sp.Unit), Label: label}
		if sp.Kind == KindPlaceholder {
			f.Value, f.Placeholder = 0, true
		}
		figs = append(figs, f)
	}
	return figs
}

// isFigure reports whether a span is a figure of the parse contract.
func isFigure(sp Span) bool {
	switch sp.Kind {
	case KindPlaceholder:
		return true
	case KindCount, KindPercent:
		return !sp.Soft && sp.Class != ClassBare
	}
	return false
}

// baseUnit drops a leading multiplier: the value already holds it.
func baseUnit(u string) string {
	if _, ok := unitClass[u]; ok {
		return u
	}
	return strings.TrimLeft(u, "万亿千")
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
		if d := cnDigitValue(r); d >= 0 {
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

// figureLabel is the short noun phrase right before a number: 招聘特岗教师80名
// → 招聘特岗教师.
func figureLabel(text string, start int) string {
	j := start
	for n := 0; j > 0 && n < 12; n++ {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isHan(r) {
			break
		}
		j -= size
	}
	label := text[j:start]
	for changed := true; changed; {
		changed = false
		for _, w := range labelTrim {
			// len(label) > len(w): the label keeps at least one character.
			if len(label) > len(w) && strings.HasSuffix(label, w) {
				label = label[:len(label)-len(w)]
				changed = true
			}
		}
	}
	// At most the last ten characters (Han: three bytes each).
	for utf8.RuneCountInString(label) > 10 {
		_, size := utf8.DecodeRuneInString(label)
		label = label[size:]
	}
	return label
}
