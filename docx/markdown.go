package docx

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// FromMarkdown turns a draft in the Markdown our drafts use into blocks:
// `# ` is the title, `## `, `### ` and `#### ` (or deeper) are headings of
// levels 1–3, `> ` lines are notes and every other non-empty line is a
// paragraph. Emphasis markers (**) are dropped and thematic breaks skipped,
// since neither has a place in an official document.
func FromMarkdown(md string) []Block {
	var out []Block
	for _, line := range strings.Split(md, "\n") {
		if isRule(line) {
			continue
		}
		line = strings.TrimSpace(strings.ReplaceAll(line, "**", ""))
		if line == "" {
			continue
		}
		b := Block{Kind: Paragraph, Text: line}
		if n := len(line) - len(strings.TrimLeft(line, "#")); n > 0 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t') {
			b.Text = strings.TrimSpace(line[n:])
			if n == 1 {
				b.Kind, b.Text = Title, breakTitle(b.Text)
			} else {
				b.Kind, b.Level = Heading, min(n-1, 3)
			}
		} else if strings.HasPrefix(line, ">") {
			b.Kind, b.Text = Note, strings.TrimSpace(strings.TrimLeft(line, ">"))
		}
		if b.Text != "" {
			out = append(out, b)
		}
	}
	markSignature(out)
	return out
}

// signDate is a 成文日期 line: 2024年12月20日, also in Chinese numerals.
var signDate = regexp.MustCompile(`^([0-9]{4}|[〇零一二三四五六七八九]{4})年([0-9]{1,2}|[一二三四五六七八九十]{1,3})月([0-9]{1,2}|[一二三四五六七八九十]{1,3})日$`)

// markSignature lays out the sign-off: when the last paragraph is a date
// alone and the one before it a short line without punctuation (the org),
// both are the signature.
func markSignature(blocks []Block) {
	n := len(blocks)
	if n < 2 || blocks[n-1].Kind != Paragraph || !signDate.MatchString(blocks[n-1].Text) {
		return
	}
	blocks[n-1].Kind = Signature
	org := blocks[n-2]
	if org.Kind == Paragraph && utf8.RuneCountInString(org.Text) <= 30 && !strings.ContainsAny(org.Text, "，。；：！？,.;:") {
		blocks[n-2].Kind = Signature
	}
}

// isRule reports a Markdown thematic break such as --- or ___.
func isRule(line string) bool {
	s := strings.ReplaceAll(strings.TrimSpace(line), " ", "")
	return len(s) >= 3 && (strings.Trim(s, "-") == "" || strings.Trim(s, "_") == "" || strings.Trim(s, "*") == "")
}

// titleLine is how many characters of the 二号 title fit on one line of the
// GB/T 9704 text block (156 mm at about 7.8 mm a character).
const titleLine = 20

// titleBreaks are the points where a long title may break, best first:
// before 及/暨/和 joining two reports, after the issuing org, before 关于.
var titleBreaks = []struct {
	word   string
	before bool
}{{"及", true}, {"暨", true}, {"和", true}, {"教育局", false}, {"教体局", false}, {"教育体育局", false}, {"关于", true}}

// breakTitle puts a long title on two lines at a meaningful point, as GB/T
// 9704 asks (回行时要做到词意完整), so Word does not cut it inside a word
// such as 2026年; a title that fits stays on one line.
func breakTitle(t string) string {
	rs := []rune(t)
	if len(rs) <= titleLine {
		return t
	}
	for _, b := range titleBreaks {
		i := strings.Index(t, b.word)
		if i < 0 {
			continue
		}
		if !b.before {
			i += len(b.word)
		}
		first := utf8.RuneCountInString(t[:i])
		if first >= 4 && first <= titleLine && len(rs)-first <= titleLine {
			return t[:i] + "\n" + t[i:]
		}
	}
	return t
}
