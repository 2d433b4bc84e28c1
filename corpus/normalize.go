package corpus

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// converter converts traditional to simplified characters. Loading OpenCC's
// dictionaries costs a few milliseconds, so it happens once, on first need.
type converter struct {
	once sync.Once
	cc   *opencc.OpenCC
	err  error
}

func (c *converter) t2s(s string) string {
	c.once.Do(func() { c.cc, c.err = opencc.New("t2s") })
	if c.err != nil {
		return s
	}
	if len(s) <= t2sChunk {
		return c.convert(s)
	}
	// A line of a whole flattened report is converted a sentence run at a
	// time: OpenCC's tokens for a 770 KB line took hundreds of MB at once.
	var b strings.Builder
	for len(s) > 0 {
		n := chunkEnd(s, t2sChunk)
		b.WriteString(c.convert(s[:n]))
		s = s[n:]
	}
	return b.String()
}

// t2sChunk is the most bytes converted in one call.
const t2sChunk = 4096

func (c *converter) convert(s string) string {
	out, err := c.cc.Convert(s)
	if err != nil {
		return s
	}
	return out
}

// chunkEnd is where the first chunk of s ends: after the last sentence end
// within max bytes, else at a rune boundary at max.
func chunkEnd(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	head := s[:max]
	for _, end := range []string{"。", "；", "！", "？", "，"} {
		if i := strings.LastIndex(head, end); i > 0 {
			return i + len(end)
		}
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	if max == 0 {
		return len(s)
	}
	return max
}

var tradSet = func() map[rune]bool {
	m := make(map[rune]bool, utf8.RuneCountInString(tradChars))
	for _, r := range tradChars {
		m[r] = true
	}
	return m
}()

// hasTraditional reports whether s holds a character that t2s would change.
func hasTraditional(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && tradSet[r] {
			return true
		}
	}
	return false
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0x20000 && r <= 0x2FA1F || r >= 0xF900 && r <= 0xFAFF
}

// isCJKPunct reports full-width punctuation used in Chinese text.
func isCJKPunct(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFF0F || r >= 0xFF1A && r <= 0xFF20 ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·'
}

// normalize prepares raw decoded text for parsing: unified line ends, pinyin
// annotations removed, traditional characters converted, full-width letters
// and digits made half-width, half-width punctuation in Chinese context made
// full-width, and spaces inside Chinese text dropped.
func (c *converter) normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimPrefix(s, "\uFEFF")
	if hasControl(s) {
		s = stripControls(s)
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if strings.IndexByte(line, '(') >= 0 || strings.Contains(line, "（") {
			line = stripPinyin(line)
		}
		if hasTraditional(line) {
			line = c.t2s(line)
		}
		b.WriteString(normalizeLine(line))
	}
	return b.String()
}

// hasControl reports whether s holds a control character other than tab,
// line feed and carriage return: NUL and the rest of C0, DEL, or C1
// (U+0080–U+009F, C2 80–C2 9F in UTF-8).
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r', c == 0x7F:
			return true
		case c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F:
			return true
		}
	}
	return false
}

// stripControls drops the control characters hasControl finds; a form
// feed between PDF pages goes too, the line break before it stays.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, s)
}

const toneLetters = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"

// stripPinyin removes annotations such as 區(qū): a parenthesised
// lower-case syllable with a tone mark right after a Han character.
func stripPinyin(line string) string {
	var b strings.Builder
	rs := []rune(line)
	changed := false
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if (r == '(' || r == '（') && i > 0 && isHan(rs[i-1]) {
			j := i + 1
			toned := false
			for j < len(rs) && j-i <= 8 && (rs[j] >= 'a' && rs[j] <= 'z' || strings.ContainsRune(toneLetters, rs[j])) {
				if strings.ContainsRune(toneLetters, rs[j]) {
					toned = true
				}
				j++
			}
			if toned && j < len(rs) && (rs[j] == ')' || rs[j] == '）') {
				i = j
				changed = true
				continue
			}
		}
		b.WriteRune(r)
	}
	if !changed {
		return line
	}
	return b.String()
}

var halfToFull = map[rune]rune{',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）'}

// needsNormalizing reports whether normalizeLine would change anything but
// the surrounding spaces; most lines of a clean report need nothing.
func needsNormalizing(line string) bool {
	for _, r := range line {
		switch {
		case r < 0x80:
			if strings.ContainsRune(" ,;:?!()\"\t", r) {
				return true
			}
		case r >= 0xFF01 && r <= 0xFF5E && !isCJKPunct(r), r == '\u3000', r == '\u00A0', r == '\uFEFF', r == '\u200B', r == '．', r == '％':
			return true
		}
	}
	return false
}

// letterSpaced reports whether a line reads like OCR output of a scanned page,
// with a space after nearly every character ("一 、 主 要 工 作", "1 3 5 名").
func letterSpaced(rs []rune) bool {
	chars, spaced := 0, 0
	for i, r := range rs {
		if r == ' ' {
			continue
		}
		chars++
		if i+2 < len(rs) && rs[i+1] == ' ' && rs[i+2] != ' ' {
			spaced++
		}
	}
	return chars >= 6 && spaced*10 >= chars*6
}

// dropSingleSpaces removes the spaces that stand alone between characters;
// runs of two or more spaces, which separate columns, become one.
func dropSingleSpaces(rs []rune) []rune {
	out := rs[:0:0]
	for i, r := range rs {
		if r == ' ' && (i == 0 || rs[i-1] != ' ') && (i+1 >= len(rs) || rs[i+1] != ' ') {
			continue
		}
		if r == ' ' && i > 0 && rs[i-1] == ' ' {
			continue // the rest of a run
		}
		out = append(out, r)
	}
	return out
}

// normalizeLine applies the width, punctuation and space rules to one line.
func normalizeLine(line string) string {
	line = fixOCRMarker(line)
	if !needsNormalizing(line) {
		return strings.TrimSpace(line)
	}
	rs := []rune(line)
	out := make([]rune, 0, len(rs))
	// First pass: width.
	for _, r := range rs {
		switch {
		case r >= '０' && r <= '９', r >= 'Ａ' && r <= 'Ｚ', r >= 'ａ' && r <= 'ｚ':
			r = r - 0xFEE0
		case r == '％':
			r = '%'
		case r == '\u3000' || r == '\u00A0' || r == '\t':
			r = ' '
		case r == '\uFEFF' || r == '\u200B':
			continue
		}
		out = append(out, r)
	}
	rs = out
	if letterSpaced(rs) {
		rs = dropSingleSpaces(rs)
	}
	chinese := func(r rune) bool { return isHan(r) || isCJKPunct(r) }
	prevNonSpace := func(i int) rune {
		for j := i - 1; j >= 0; j-- {
			if rs[j] != ' ' {
				return rs[j]
			}
		}
		return 0
	}
	nextNonSpace := func(i int) rune {
		for j := i + 1; j < len(rs); j++ {
			if rs[j] != ' ' {
				return rs[j]
			}
		}
		return 0
	}
	out = make([]rune, 0, len(rs))
	quoteOpen := false
	for i, r := range rs {
		switch {
		case r == ' ':
			p, n := prevNonSpace(i), nextNonSpace(i)
			if p == 0 || n == 0 || chinese(p) || chinese(n) || p == '%' || n == '%' && p >= '0' && p <= '9' {
				continue
			}
		case r == '．':
			if i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
				r = '.'
			}
		case r == '"':
			p, n := prevNonSpace(i), nextNonSpace(i)
			if chinese(p) || chinese(n) || p == 0 {
				if quoteOpen {
					r = '”'
				} else {
					r = '“'
				}
				quoteOpen = !quoteOpen
			}
		default:
			if full, ok := halfToFull[r]; ok {
				p, n := prevNonSpace(i), nextNonSpace(i)
				digitsAround := p >= '0' && p <= '9' && n >= '0' && n <= '9'
				// "?h" is mojibake, not a question mark: keep it as found.
				mojibake := (r == '?' || r == '!') && i+1 < len(rs) && rs[i+1] < 0x80 && rs[i+1] != ' '
				if !digitsAround && !mojibake && (chinese(p) || chinese(n) || r == '(' && isHan(n) || r == ')' && isHan(p)) {
					r = full
				}
			}
		}
		out = append(out, r)
	}
	line = strings.TrimSpace(string(out))
	if strings.Contains(line, ". ") || strings.Contains(line, "． ") {
		line = decimalGap.ReplaceAllString(line, "$1.$2")
	}
	return line
}

// OCR misreadings of heading markers at a line start: "（-）" for （一）,
// "l." or "l ." for 1.
var (
	ocrParenOne = regexp.MustCompile(`^[（(]\s*[-—－]\s*[）)]`)
	ocrDotOne   = regexp.MustCompile(`^[lI|]\s*([.．、])\s*(\p{Han})`)
)

// decimalGap is a decimal that OCR or a PDF line end split: "达到91. 3%".
var decimalGap = regexp.MustCompile(`(\p{Han}\d+)[.．] +(\d)`)

// fixOCRMarker repairs a misread marker at the start of line.
func fixOCRMarker(line string) string {
	if line == "" {
		return line
	}
	switch line[0] {
	case 'l', 'I', '|':
		return ocrDotOne.ReplaceAllString(line, "1$1$2")
	case '(', 0xEF: // "（" is EF BC 88 in UTF-8
		return ocrParenOne.ReplaceAllString(line, "（一）")
	}
	return line
}
