// Package docx writes reports as Word (.docx) files laid out like Chinese
// official documents (公文, GB/T 9704-2012): A4, 仿宋_GB2312 三号 body on a
// 22-line grid, 黑体/楷体 headings, and `— N —` page numbers.
//
// No Go library sets East-Asian fonts, exact line spacing and odd/even
// footers together (see the measurements in the project notes), so the
// package renders the WordprocessingML parts itself from embedded templates.
package docx

import (
	"archive/zip"
	"embed"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/template"
	"time"

	"github.com/zongjie/zongjie/corpus"
)

// BlockKind says how a block is laid out.
type BlockKind int

// Block kinds. Paragraph is the zero value because most blocks are body text.
const (
	Paragraph BlockKind = iota // body text, 仿宋_GB2312 三号
	Title                      // document title, 方正小标宋简体 二号, centred
	Heading                    // heading of Level 1 (黑体), 2 (楷体_GB2312) or 3 (仿宋_GB2312 bold)
	Note                       // a quoted note line, 楷体_GB2312 四号
	Signature                  // the sign-off (发文机关署名, 成文日期): right-aligned, four characters from the margin
)

// String names the kind, for test and log messages.
func (k BlockKind) String() string {
	switch k {
	case Paragraph:
		return "Paragraph"
	case Title:
		return "Title"
	case Heading:
		return "Heading"
	case Note:
		return "Note"
	case Signature:
		return "Signature"
	}
	return fmt.Sprintf("BlockKind(%d)", int(k))
}

// Block is one paragraph of a report. Level matters only for headings and is
// clamped to 1–3; a newline in Text becomes a line break in the paragraph.
type Block struct {
	Kind  BlockKind
	Level int
	Text  string
}

// format is a paragraph style: the single source for styles.xml and for the
// direct formatting repeated on every paragraph and run of document.xml.
// Direct formatting is repeated because WPS and older Word builds do not
// always honour East-Asian fonts inherited from styles.
type format struct {
	StyleID, Name string
	Font          string
	Size          int // half-points: 44 = 二号, 32 = 三号, 28 = 四号
	Bold          bool
	Jc            string
	Indent        int    // first-line indent in twips (two characters); 0 for none
	Right         int    // right indent in twips (成文日期 右空四字)
	After         int    // space after in twips
	Outline       string // outline level "0"–"2" for headings, so Word's navigation pane lists them
	KeepNext      bool
}

const (
	fangsong = "仿宋_GB2312"
	kaiti    = "楷体_GB2312"
	heiti    = "黑体"
	xbsong   = "方正小标宋简体"
)

var (
	body   = &format{StyleID: "Normal", Name: "Normal", Font: fangsong, Size: 32, Jc: "both", Indent: 640}
	title  = &format{StyleID: "Title", Name: "Title", Font: xbsong, Size: 44, Jc: "center", After: 579, KeepNext: true} // one blank line under the title
	head1  = &format{StyleID: "Heading1", Name: "heading 1", Font: heiti, Size: 32, Jc: "both", Indent: 640, Outline: "0", KeepNext: true}
	head2  = &format{StyleID: "Heading2", Name: "heading 2", Font: kaiti, Size: 32, Jc: "both", Indent: 640, Outline: "1", KeepNext: true}
	head3  = &format{StyleID: "Heading3", Name: "heading 3", Font: fangsong, Size: 32, Bold: true, Jc: "both", Indent: 640, Outline: "2", KeepNext: true}
	note   = &format{StyleID: "Quote", Name: "Quote", Font: kaiti, Size: 28, Jc: "both", Indent: 560}
	sign   = &format{StyleID: "Signature", Name: "Signature", Font: fangsong, Size: 32, Jc: "right", Right: 1280}
	styles = []*format{body, title, head1, head2, head3, note, sign}
)

func formatOf(b Block) *format {
	switch b.Kind {
	case Title:
		return title
	case Heading:
		switch {
		case b.Level <= 1:
			return head1
		case b.Level == 2:
			return head2
		default:
			return head3
		}
	case Note:
		return note
	case Signature:
		return sign
	}
	return body
}

//go:embed parts/*.xml
var partFS embed.FS

var tmpl = template.Must(template.New("").Funcs(template.FuncMap{"xml": escape}).ParseFS(partFS, "parts/*.xml"))

// parts maps each package part to its template, in the order written;
// [Content_Types].xml goes first, as Word itself writes it.
var parts = []struct{ name, tmpl string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "rels.xml"},
	{"docProps/core.xml", "core.xml"},
	{"docProps/app.xml", "app.xml"},
	{"word/document.xml", "document.xml"},
	{"word/_rels/document.xml.rels", "document_rels.xml"},
	{"word/styles.xml", "styles.xml"},
	{"word/settings.xml", "settings.xml"},
	{"word/fontTable.xml", "fontTable.xml"},
	{"word/footer1.xml", "footer1.xml"},
	{"word/footer2.xml", "footer2.xml"},
}

// dosEpoch stamps every zip entry, so the same blocks always give the same bytes.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

type view struct {
	Title   string
	Paras   []para
	Formats []*format
	Body    *format
}

type para struct {
	F    *format
	Runs []run
}

type run struct {
	F     *format
	Text  string
	Mark  bool // a 【待核实…】 mark, highlighted yellow
	Break bool // a line break instead of text
}

// Write writes blocks to w as a complete .docx package.
func Write(w io.Writer, blocks []Block) error {
	v := view{Formats: styles, Body: body}
	for _, b := range blocks {
		f := formatOf(b)
		if b.Kind == Title && v.Title == "" {
			v.Title = b.Text
		}
		v.Paras = append(v.Paras, para{F: f, Runs: runs(f, b.Text)})
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: dosEpoch})
		if err != nil {
			return err
		}
		if err := tmpl.ExecuteTemplate(pw, p.tmpl, v); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	return zw.Close()
}

// runs cuts a paragraph's text into runs: marks apart so only they are
// highlighted, and line breaks as <w:br/>.
func runs(f *format, text string) []run {
	var out []run
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r", ""), "\n") {
		if i > 0 {
			out = append(out, run{F: f, Break: true})
		}
		for _, s := range splitMarks(line) {
			out = append(out, run{F: f, Text: s.text, Mark: s.mark})
		}
	}
	return out
}

type segment struct {
	text string
	mark bool
}

// splitMarks splits s around its 【待核实…】 marks (corpus.FindMarks: nested
// brackets kept, an unclosed mark running to the end, since it still needs
// checking).
func splitMarks(s string) []segment {
	var out []segment
	last := 0
	for _, m := range corpus.FindMarks(s) {
		if m.Start > last {
			out = append(out, segment{text: s[last:m.Start]})
		}
		out = append(out, segment{text: s[m.Start:m.End], mark: true})
		last = m.End
	}
	if last < len(s) {
		out = append(out, segment{text: s[last:]})
	}
	return out
}

// escape XML-escapes text for element content; invalid XML characters
// become U+FFFD rather than breaking the part.
func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // writes to a strings.Builder cannot fail
	return b.String()
}
