package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxDocxXML bounds the size of word/document.xml we are willing to read, so
// a zip bomb cannot exhaust memory.
const maxDocxXML = 64 << 20

// DocxText extracts the text of a .docx file, one line per paragraph. Tracked
// deletions are skipped, insertions kept, tabs and breaks preserved.
func DocxText(data []byte) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", fmt.Errorf("%w：无法打开 .docx（不是有效的 zip 文件：%v）", ErrNotText, err)
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
		}
	}
	if doc == nil {
		return "", fmt.Errorf("%w：.docx 中缺少 word/document.xml", ErrNotText)
	}
	rc, err := doc.Open()
	if err != nil {
		return "", fmt.Errorf("%w：无法读取 .docx 正文：%v", ErrNotText, err)
	}
	defer rc.Close()
	text, err := docxParagraphs(io.LimitReader(rc, maxDocxXML))
	if err != nil {
		return "", fmt.Errorf("%w：.docx 正文损坏：%v", ErrNotText, err)
	}
	return text, nil
}

func docxParagraphs(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	var out strings.Builder
	inText, inDel, inRun := false, 0, 0
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
			case "del":
				inDel++
			case "r":
				inRun++
			case "t":
				inText = inDel == 0
			case "tab":
				if inRun > 0 && inDel == 0 {
					out.WriteByte('\t')
				}
			case "br", "cr":
				if inRun > 0 && inDel == 0 {
					out.WriteByte('\n')
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "del":
				inDel--
			case "r":
				inRun--
			case "t":
				inText = false
			case "p":
				out.WriteByte('\n')
			case "tc":
				out.WriteByte('\t')
			}
		case xml.CharData:
			if inText {
				out.Write(t)
			}
		}
	}
	return out.String(), nil
}
