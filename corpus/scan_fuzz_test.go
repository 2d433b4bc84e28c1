package corpus

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzScan checks that Scan never panics, that every span is a valid slice
// of the text in order, and that generated quantities round-trip: a value
// written as Arabic digits, with 万, or in Chinese numerals scans back to
// the same value and unit class.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"招聘特岗教师166名，投资1.4亿元", "第3名，9月2日，近万名", "“5·12”，12345热线，“5+2”", "三分之二，五成，翻一番", "【待核实：12人", "\xff\xfe3所"} {
		f.Add(s, uint32(166), uint8(1), uint8(0))
	}
	f.Fuzz(func(t *testing.T, text string, n uint32, unit, form uint8) {
		spans := Scan(text)
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End < sp.Start || sp.End > len(text) || sp.Text != text[sp.Start:sp.End] {
				t.Fatalf("Scan(%q): bad span %+v after %d", text, sp, prev)
			}
			prev = sp.Start
		}
		roundTrip(t, int(n%100_000_000), unit, form)
	})
}

// roundTrip writes n with a unit in one of three forms and scans it back.
func roundTrip(t *testing.T, n int, unit, form uint8) {
	units := []string{"名", "所", "人次", "万元", "个", "场", "起", "岁", "处", "项"}
	u := units[int(unit)%len(units)]
	if n < 2 {
		n += 2 // 一所 is prose
	}
	var written string
	switch form % 3 {
	case 0:
		written = strconv.Itoa(n) + u
	case 1:
		written = strconv.FormatFloat(float64(n)/10000, 'f', -1, 64) + "万" + u
		if strings.HasPrefix(u, "万") {
			written = strconv.Itoa(n) + u
		}
	case 2:
		if strings.HasPrefix(u, "万") { // 三十万元 reads the 万 as part of the numeral
			u = "元"
			n *= 10000
		}
		written = chineseNumeral(n) + u
	}
	text := "全县共有" + written + "。"
	want := float64(n)
	if strings.HasPrefix(u, "万") {
		want *= 10000
	}
	spans := Scan(text)
	if len(spans) != 1 || !spans[0].Claims() || spans[0].Value != want || spans[0].Class != ClassOf(strings.TrimPrefix(u, "万")) {
		t.Fatalf("Scan(%q) = %+v, want one claim of %v %s", text, spans, want, u)
	}
	if !utf8.ValidString(spans[0].Text) {
		t.Fatalf("span text %q is not valid UTF-8", spans[0].Text)
	}
}

// chineseNumeral writes 0 < n < 10^12 as a report would: 一百零八, 两万三千.
func chineseNumeral(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	section := func(n int) string { // 0 < n < 10000
		var b strings.Builder
		zero := false
		for i, p := range []int{1000, 100, 10, 1} {
			d := n / p % 10
			switch {
			case d == 0:
				zero = b.Len() > 0
			default:
				if zero {
					b.WriteString("零")
					zero = false
				}
				if !(p == 10 && d == 1 && b.Len() == 0) {
					b.WriteString(digits[d])
				}
				b.WriteString([]string{"千", "百", "十", ""}[i])
			}
		}
		return b.String()
	}
	var b strings.Builder
	for _, big := range []struct {
		v    int
		name string
	}{{100_000_000, "亿"}, {10_000, "万"}, {1, ""}} {
		if q := n / big.v % 10000; q > 0 {
			if b.Len() > 0 && q < 1000 {
				b.WriteString("零")
			}
			b.WriteString(section(q) + big.name)
		}
	}
	return b.String()
}
