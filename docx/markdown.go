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
				b.Kind = Title
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
