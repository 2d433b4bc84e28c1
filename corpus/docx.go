package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxDocxXML bounds the size of word/document.xml we are willing to read, so
// a zip bomb cannot exhaust memory.
const maxDocxXML = 64 << 20

// DocxText extracts the text of a .docx file, one line per paragraph. Tracked
// deletions are skipped, insertions kept, tabs and breaks preserved, and the
// numbers Word adds to numbered paragraphs (一、 （一） 1.) written out.
func DocxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w：无法打开 .docx（不是有效的 zip 文件：%v）", ErrNotText, err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[f.Name] = f
	}
	doc := parts["word/document.xml"]
	if doc == nil {
		return "", fmt.Errorf("%w：.docx 中缺少 word/document.xml", ErrNotText)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%w：无法读取 .docx 正文：%v", ErrNotText, err)
	}
	defer rc.Close()
	num := newDocxNumbering(readDocxPart(parts["word/numbering.xml"]), readDocxPart(parts["word/styles.xml"]))
	text, err := docxParagraphs(io.LimitReader(rc, maxDocxXML), num)
	if err != nil {
		return "", fmt.Errorf("%w：.docx 正文损坏：%v", ErrNotText, err)
	}
	return text, nil
}

// maxDocxPart bounds the numbering and styles parts.
const maxDocxPart = 8 << 20

// readDocxPart returns the bytes of an optional part, or nil when it is
// missing or unreadable: numbering is a nicety, not a reason to fail.
func readDocxPart(f *zip.File) []byte {
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxDocxPart))
	if err != nil {
		return nil
	}
	return data
}

// docxParagraph is the state of one w:p being read.
type docxParagraph struct {
	text   strings.Builder
	style  string
	direct docxNumRef
}

// docxTable is the state of one w:tbl being read: the cells of its current
// row and the text of its current cell.
type docxTable struct {
	row  []string
	cell strings.Builder
}

// A table row becomes one sentence, its cells separated by "；": the text
// stays readable, no cell ("完成情况") can pass for a heading, and the
// figures of neighbouring cells do not run together.
const (
	docxCellSep = "；"
	docxRowEnd  = "。"
)

func docxParagraphs(r io.Reader, num *docxNumbering) (string, error) {
	dec := xml.NewDecoder(r)
	var out strings.Builder
	var tables []*docxTable
	// line takes a finished paragraph or table row: into the current table
	// cell, or as a line of the output.
	line := func(text string) {
		if len(tables) > 0 {
			c := &tables[len(tables)-1].cell
			if c.Len() > 0 && text != "" {
				c.WriteByte(' ')
			}
			c.WriteString(strings.TrimSpace(text))
			return
		}
		out.WriteString(text)
		out.WriteByte('\n')
	}
	// Paragraphs nest (a text box inside a paragraph); the innermost one is
	// last. Text outside any paragraph goes straight to out.
	var paras []*docxParagraph
	write := func(s string) {
		if len(paras) > 0 {
			paras[len(paras)-1].text.WriteString(s)
		} else {
			out.WriteString(s)
		}
	}
	inText, inDel, inRun, inChange := false, 0, 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				paras = append(paras, &docxParagraph{direct: docxNumRef{ilvl: -1}})
			case "tbl":
				tables = append(tables, &docxTable{})
			case "tr":
				if len(tables) > 0 {
					tables[len(tables)-1].row = nil
				}
			case "tc":
				if len(tables) > 0 {
					tables[len(tables)-1].cell.Reset()
				}
			case "pPrChange", "numberingChange":
				inChange++ // the formatting before a tracked change
			case "pStyle", "numId", "ilvl":
				if len(paras) == 0 || inChange > 0 {
					break
				}
				p := paras[len(paras)-1]
				val := docxAttr(t, "val")
				switch t.Name.Local {
				case "pStyle":
					p.style = val
				case "numId":
					p.direct.numID, p.direct.set = val, true
				case "ilvl":
					p.direct.ilvl, _ = strconv.Atoi(val)
				}
			case "del":
				inDel++
			case "r":
				inRun++
			case "t":
				inText = inDel == 0
			case "tab":
				if inRun > 0 && inDel == 0 {
					write("\t")
				}
			case "br", "cr":
				if inRun > 0 && inDel == 0 {
					write("\n")
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "pPrChange", "numberingChange":
				inChange--
			case "del":
				inDel--
			case "r":
				inRun--
			case "t":
				inText = false
			case "p":
				if len(paras) == 0 {
					break
				}
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				direct := p.direct
				if direct.ilvl < 0 && direct.set {
					direct.ilvl = 0 // a numId without an ilvl is level 0
				}
				mk := num.marker(p.style, direct)
				text := p.text.String()
				if strings.TrimSpace(text) != "" && mk != "" && !strings.HasPrefix(strings.TrimSpace(text), mk) {
					text = mk + text
				}
				line(text)
			case "tc":
				if len(tables) > 0 {
					t := tables[len(tables)-1]
					if c := strings.TrimSpace(t.cell.String()); c != "" {
						t.row = append(t.row, c)
					}
					t.cell.Reset()
				}
			case "tr":
				if len(tables) > 0 {
					t := tables[len(tables)-1]
					row := strings.Join(t.row, docxCellSep)
					t.row = nil
					if row != "" {
						// A nested table's row belongs to the cell around it.
						tables = tables[:len(tables)-1]
						line(strings.TrimRight(row, "。；，") + docxRowEnd)
						tables = append(tables, t)
					}
				}
			case "tbl":
				if len(tables) > 0 {
					tables = tables[:len(tables)-1]
				}
			}
		case xml.CharData:
			if inText {
				write(string(t))
			}
		}
	}
	return out.String(), nil
}

// docxAttr returns the value of the attribute with local name name.
func docxAttr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
