package corpus

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// isMarkdown reports whether a file name is a Markdown file.
func isMarkdown(ext string) bool { return ext == ".md" || ext == ".markdown" }

// markdownText returns the text of a Markdown document as plain lines, the
// way the rest of the pipeline reads a .txt file: "## 一、主要工作" becomes
// "一、主要工作", "**1.新建学校。**" becomes "1.新建学校。", links keep their
// text, images and HTML go. Line breaks inside a paragraph stay line breaks,
// so a plain-text file named .md, whose paragraphs are single lines without
// blank lines between them, keeps its paragraphs. The numbers of ordered list
// items are written back, because they are the heading markers of reports.
func markdownText(src []byte) string {
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var b strings.Builder
	markerEnd := -1 // where a list item's number ends: its text follows on the same line
	newline := func() {
		if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") && b.Len() != markerEnd {
			b.WriteByte('\n')
		}
	}
	writeLines := func(n ast.Node) {
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		newline()
	}
	// Errors: the walker function below never returns one.
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				v := n.Value(src)
				if !n.IsRaw() { // code spans are raw: their backslashes are text
					v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
				}
				b.Write(v)
				if n.SoftLineBreak() || n.HardLineBreak() {
					newline()
				}
			}
		case *ast.String:
			if entering {
				b.Write(n.Value)
			}
		case *ast.Image, *ast.RawHTML, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.ThematicBreak:
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if entering {
				writeLines(n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.ListItem:
			if entering {
				newline()
				if list, ok := n.Parent().(*ast.List); ok && list.IsOrdered() {
					b.WriteString(strconv.Itoa(list.Start+itemIndex(n)) + string(list.Marker))
					markerEnd = b.Len()
				}
			}
		default:
			if n.Type() == ast.TypeBlock {
				newline()
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// itemIndex is the position of a list item among its siblings.
func itemIndex(n ast.Node) int {
	i := 0
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		i++
	}
	return i
}
