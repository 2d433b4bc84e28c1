package corpus

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Word's automatic numbering ("一、" added by Word, not typed by the
// writer) is not part of a paragraph's text: it lives in word/numbering.xml
// and is applied to paragraphs through w:numPr, directly or through their
// style. Reports often number their headings this way, so without it the
// headings of a .docx lose their markers and with them their levels.
// docxNumbering rebuilds the marker text of each numbered paragraph the way
// Word would display it.

// docxNumberingXML is the part of word/numbering.xml that is read.
type docxNumberingXML struct {
	Abstract []struct {
		ID     string `xml:"abstractNumId,attr"`
		Levels []struct {
			Ilvl    int       `xml:"ilvl,attr"`
			Start   docxValue `xml:"start"`
			NumFmt  docxValue `xml:"numFmt"`
			LvlText docxValue `xml:"lvlText"`
		} `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID       string    `xml:"numId,attr"`
		Abstract docxValue `xml:"abstractNumId"`
		Override []struct {
			Ilvl  int       `xml:"ilvl,attr"`
			Start docxValue `xml:"startOverride"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

// docxStylesXML is the part of word/styles.xml that is read: which paragraph
// styles carry numbering, and what they are based on.
type docxStylesXML struct {
	Styles []struct {
		ID      string    `xml:"styleId,attr"`
		BasedOn docxValue `xml:"basedOn"`
		NumPr   *struct {
			Ilvl  *docxValue `xml:"ilvl"`
			NumID *docxValue `xml:"numId"`
		} `xml:"pPr>numPr"`
	} `xml:"style"`
}

// docxValue is an element whose w:val attribute is its value.
type docxValue struct {
	Val string `xml:"val,attr"`
}

// docxLevel is how one level of a list is numbered.
type docxLevel struct {
	start   int
	format  string // w:numFmt: decimal, chineseCounting, bullet, …
	pattern string // w:lvlText: "%1、", "（%2）", "%1.%2"
}

// docxList is one w:num: the levels of its abstract numbering.
type docxList struct {
	levels map[int]docxLevel
}

// docxNumbering numbers the paragraphs of one document.
type docxNumbering struct {
	lists    map[string]docxList
	styles   map[string]docxNumRef
	counters map[string]*docxCounters // per numId
}

// docxCounters are the current numbers of the nine levels of one list.
type docxCounters struct {
	n       [9]int
	started [9]bool
}

// docxNumRef is a paragraph's or style's numbering: list and level.
type docxNumRef struct {
	numID string
	ilvl  int
	set   bool // numID was given (numId 0 switches a style's numbering off)
}

// newDocxNumbering reads numbering.xml and styles.xml; either may be nil. A
// part that does not parse is ignored: the text is still readable without
// its numbers.
func newDocxNumbering(numberingXML, stylesXML []byte) *docxNumbering {
	n := &docxNumbering{lists: map[string]docxList{}, styles: map[string]docxNumRef{}, counters: map[string]*docxCounters{}}
	var nx docxNumberingXML
	if numberingXML != nil && xml.Unmarshal(numberingXML, &nx) == nil {
		abstract := map[string]map[int]docxLevel{}
		for _, a := range nx.Abstract {
			levels := map[int]docxLevel{}
			for _, l := range a.Levels {
				start, err := strconv.Atoi(l.Start.Val)
				if err != nil {
					start = 1
				}
				levels[l.Ilvl] = docxLevel{start: start, format: l.NumFmt.Val, pattern: l.LvlText.Val}
			}
			abstract[a.ID] = levels
		}
		for _, num := range nx.Nums {
			levels := map[int]docxLevel{}
			for k, v := range abstract[num.Abstract.Val] {
				levels[k] = v
			}
			for _, o := range num.Override {
				if s, err := strconv.Atoi(o.Start.Val); err == nil {
					l := levels[o.Ilvl]
					l.start = s
					levels[o.Ilvl] = l
				}
			}
			n.lists[num.ID] = docxList{levels: levels}
		}
	}
	var sx docxStylesXML
	if stylesXML != nil && xml.Unmarshal(stylesXML, &sx) == nil {
		own := map[string]docxNumRef{}
		based := map[string]string{}
		for _, s := range sx.Styles {
			based[s.ID] = s.BasedOn.Val
			if s.NumPr != nil {
				var ref docxNumRef
				if s.NumPr.NumID != nil {
					ref.numID, ref.set = s.NumPr.NumID.Val, true
				}
				if s.NumPr.Ilvl != nil {
					ref.ilvl, _ = strconv.Atoi(s.NumPr.Ilvl.Val)
				}
				own[s.ID] = ref
			}
		}
		for id := range based {
			// Follow basedOn to the nearest style with numbering; the
			// bound stops a cycle in a damaged file.
			for s, hops := id, 0; s != "" && hops < 16; s, hops = based[s], hops+1 {
				if ref, ok := own[s]; ok {
					n.styles[id] = ref
					break
				}
			}
		}
	}
	return n
}

// marker returns the number Word shows before a paragraph with style
// styleID and direct numbering direct, and advances the counters. It returns
// "" for unnumbered paragraphs, bullets and levels without a pattern.
func (n *docxNumbering) marker(styleID string, direct docxNumRef) string {
	ref := n.styles[styleID]
	if direct.set {
		ref.numID, ref.set = direct.numID, true
		ref.ilvl = direct.ilvl
	} else if direct.ilvl > 0 && ref.set {
		ref.ilvl = direct.ilvl
	}
	list, ok := n.lists[ref.numID]
	if !ref.set || !ok || ref.numID == "0" || ref.ilvl < 0 || ref.ilvl > 8 {
		return ""
	}
	c := n.counters[ref.numID]
	if c == nil {
		c = &docxCounters{}
		n.counters[ref.numID] = c
	}
	if c.started[ref.ilvl] {
		c.n[ref.ilvl]++
	} else {
		c.n[ref.ilvl], c.started[ref.ilvl] = list.levels[ref.ilvl].start, true
	}
	for k := ref.ilvl + 1; k < len(c.n); k++ {
		c.started[k] = false // a new item restarts the levels below it
	}
	lvl := list.levels[ref.ilvl]
	if lvl.format == "bullet" || lvl.format == "none" || lvl.pattern == "" {
		return ""
	}
	var b strings.Builder
	p := lvl.pattern
	for i := 0; i < len(p); i++ {
		if p[i] == '%' && i+1 < len(p) && p[i+1] >= '1' && p[i+1] <= '9' {
			k := int(p[i+1] - '1')
			v := c.n[k]
			if !c.started[k] {
				v = list.levels[k].start
			}
			b.WriteString(formatDocxNumber(v, list.levels[k].format))
			i++
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// formatDocxNumber writes n in one of Word's number formats.
func formatDocxNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
		return chineseNumber(n)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 && n <= 26 {
			base := 'A'
			if format == "lowerLetter" {
				base = 'a'
			}
			return string(base + rune(n-1))
		}
	}
	return strconv.Itoa(n)
}
