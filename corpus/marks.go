package corpus

import (
	"strings"
	"unicode/utf8"
)

// The mark a draft puts on what the user must verify: 【待核实：原文】. It is
// defined here once; the check writes it and every renderer finds it with
// FindMarks.
const (
	MarkOpen  = "【待核实"
	markColon = "："
	MarkClose = "】"
)

// MarkText wraps s as 【待核实：s】.
func MarkText(s string) string { return MarkOpen + markColon + s + MarkClose }

// MarkSpan is one 【待核实…】 mark in a text: byte offsets of the whole mark
// and what it holds after the colon.
type MarkSpan struct {
	Start, End int
	Inner      string
}

// FindMarks lists the marks of a text in order. A mark ends at its matching
// 】 (brackets nest, as in 【待核实：【原文】】); an unclosed mark runs to the
// end of its line.
func FindMarks(text string) []MarkSpan {
	var out []MarkSpan
	for from := 0; ; {
		k := strings.Index(text[from:], MarkOpen)
		if k < 0 {
			return out
		}
		start := from + k
		end := markEnd(text, start+len(MarkOpen))
		inner := text[start+len(MarkOpen) : end]
		inner = strings.TrimSuffix(inner, MarkClose)
		inner = strings.TrimPrefix(strings.TrimPrefix(inner, markColon), ":")
		out = append(out, MarkSpan{Start: start, End: end, Inner: inner})
		from = end
	}
}

// markEnd finds the byte after the 】 that closes a mark whose body starts at
// i, counting nested 【】; the end of the line when there is none.
func markEnd(text string, i int) int {
	depth := 1
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '【':
			depth++
		case '】':
			depth--
			if depth == 0 {
				return i + n
			}
		case '\n':
			return i
		}
		i += n
	}
	return i
}

// skipMarkRunes marks the runes of every 【待核实…】 mark, so a figure already
// marked is not read again.
func skipMarkRunes(rs []rune, skip []bool) {
	open := []rune(MarkOpen)
	for i := 0; i < len(rs); i++ {
		if rs[i] != open[0] || !hasPrefixAt(rs, i, MarkOpen) {
			continue
		}
		depth, j := 0, i
		for ; j < len(rs) && rs[j] != '\n'; j++ {
			if rs[j] == '【' {
				depth++
			} else if rs[j] == '】' {
				depth--
				if depth == 0 {
					break
				}
			}
		}
		for k := i; k <= j && k < len(rs); k++ {
			skip[k] = true
		}
		i = j
	}
}

// skipListNumbers marks heading and list numbers: at a line start (after
// Markdown #, > and bullets) 1. 1、 1.2 (1) 1)；anywhere (1)/（1）; and 1、
// after punctuation, as in "：1、…；2、…". Chinese markers (一、 （一） 一是
// 第一) need nothing: a Chinese numeral is a figure only before a unit.
func skipListNumbers(rs []rune, skip []bool) {
	for ls := 0; ls < len(rs); {
		le := ls
		for le < len(rs) && rs[le] != '\n' {
			le++
		}
		skipLineNumber(rs, skip, ls, le)
		ls = le + 1
	}
	for i := 0; i < len(rs); i++ {
		if !isDigit(rs[i]) || i > 0 && isDigit(rs[i-1]) {
			continue
		}
		q := digitsEnd(rs, i)
		if q-i > 2 || q >= len(rs) {
			continue
		}
		switch {
		case i > 0 && strings.ContainsRune("(（", rs[i-1]) && strings.ContainsRune(")）", rs[q]):
			setSkip(skip, i, q)
		case rs[q] == '、' && (i == 0 || strings.ContainsRune("：:；;。，,！？ \t\u3000\n", rs[i-1])):
			setSkip(skip, i, q)
		}
	}
}

// skipLineNumber marks the number that opens the line rs[ls:le], if any.
func skipLineNumber(rs []rune, skip []bool, ls, le int) {
	p := ls
	for p < le && (isSpaceRune(rs[p]) || rs[p] == '#' || rs[p] == '>' || strings.ContainsRune("-*+", rs[p]) && p+1 < le && isSpaceRune(rs[p+1]) ||
		(rs[p] == '*' || rs[p] == '_') && p+1 < le && (rs[p+1] == rs[p] || isDigit(rs[p+1]))) { // **1. 标题**
		p++
	}
	q := p
	for q < le && isDigit(rs[q]) {
		q++
	}
	if q == p {
		return
	}
	levels := q
	for levels+1 < le && rs[levels] == '.' && isDigit(rs[levels+1]) {
		levels++
		for levels < le && isDigit(rs[levels]) {
			levels++
		}
	}
	switch {
	case levels > q && levels < le && strings.ContainsRune("、．", rs[levels]):
		setSkip(skip, p, levels) // 1.2、
	case levels > q && levels < le && isSpaceRune(rs[levels]) && !startsAmountAt(rs, skipSpaceRunes(rs, levels)):
		setSkip(skip, p, levels) // 1.2 党建, but not "3.5 万平方米"
	case levels == q && q < le && (strings.ContainsRune("、．)）", rs[q]) || rs[q] == '.' && (q+1 >= le || !isDigit(rs[q+1]))):
		setSkip(skip, p, q) // 1. 1、 1)
	}
}

// startsAmountAt reports whether text at i continues a number: a multiplier
// or a unit.
func startsAmountAt(rs []rune, i int) bool {
	return i < len(rs) && (strings.ContainsRune("万亿千多余", rs[i]) || matchUnitAt(rs, i) != "")
}

func setSkip(skip []bool, a, b int) {
	for k := a; k < b; k++ {
		skip[k] = true
	}
}
