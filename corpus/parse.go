package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parser turns report files into documents. It is safe for concurrent use.
type Parser struct {
	tax  Taxonomy
	kw   *keywordIndex
	conv *converter
}

// NewParser returns a parser that classifies sections with tax.
func NewParser(tax Taxonomy) *Parser {
	if tax.Fallback == "" {
		tax.Fallback = "其他"
	}
	return &Parser{tax: tax, kw: newKeywordIndex(tax), conv: &converter{}}
}

// Taxonomy returns the parser's taxonomy.
func (p *Parser) Taxonomy() Taxonomy { return p.tax }

// Parse decodes and parses one file. It fails with ErrNotText (wrapped) when
// the bytes hold no readable report.
func (p *Parser) Parse(name string, data []byte) (Result, error) {
	text, enc, err := Decode(name, data)
	if err != nil {
		return Result{}, err
	}
	docs := p.ParseText(text)
	if len(docs) == 0 {
		return Result{}, fmt.Errorf("%w：去除网页杂项后没有剩下报告正文", ErrNotText)
	}
	return Result{Source: name, Encoding: enc, Documents: docs}, nil
}

// Normalize applies the parser's text normalisation (traditional to
// simplified, widths, punctuation, spaces) to a string, for callers that
// compare user text with parsed text.
func (p *Parser) Normalize(s string) string { return p.conv.normalize(s) }

// ParseText parses decoded text into documents.
func (p *Parser) ParseText(text string) []Document {
	lines := cleanLines(p.conv.normalize(stripHTML(text)))
	var docs []Document
	for _, group := range splitDocuments(lines) {
		if doc, ok := p.parseDocument(group); ok {
			docs = append(docs, doc)
		}
	}
	return docs
}

// minDocHan is the least Han text a piece of a file needs to count as a report.
const minDocHan = 60

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if isHan(r) {
			n++
		}
	}
	return n
}

// brokenTitle reports whether l finishes a title that first began:
// "望川区教育局2023年度" / "教育工作总结".
func brokenTitle(first, l string) bool {
	n := utf8.RuneCountInString(first)
	// A line naming an organisation (教育局季度工作总结一) is a title of its own.
	return utf8.RuneCountInString(l) <= 12 && n <= 36 && !titleEnd.MatchString(first) && !strings.Contains(l, "局") &&
		!strings.HasSuffix(first, "）") && !strings.HasSuffix(first, ")") &&
		titleEnd.MatchString(first+l) && !strings.ContainsAny(first, "。；，>＞:：") &&
		(strings.Contains(first, "局") || strings.Contains(first, "年") || strings.Contains(first, "教育"))
}

// splitDocuments cuts a file's lines into reports at title lines that come
// after a substantial body (教育局季度工作总结一 / 二 / 三).
func splitDocuments(lines []string) [][]string {
	var groups [][]string
	var cur []string
	body := 0
	for i, l := range lines {
		if i > 0 && l == lines[i-1] {
			continue // a title printed twice
		}
		if isDocTitle(l) && len(cur) > 0 && !(len(cur) == 1 && brokenTitle(cur[0], l)) {
			// An org line right above a title without one is the title's
			// first line ("梅岗县教育局" / "2025年教育工作要点").
			var org []string
			if last := cur[len(cur)-1]; orgLine.MatchString(last) && !strings.Contains(l, "局") {
				if len(cur) > 1 { // the body count skips a group's first line
					body -= hanCount(last)
				}
				org, cur = []string{last}, cur[:len(cur)-1]
			}
			if body >= 150 {
				groups = append(groups, cur)
			}
			// Otherwise what came before was a site's page title or preface.
			cur, body = org, 0
		}
		cur = append(cur, l)
		if len(cur) > 1 {
			body += hanCount(l)
		}
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}

// rawHeading is a heading line found while scanning a document.
type rawHeading struct {
	m       marker
	heading string
	body    []string
	level   int
}

// titleContinuation is a second title line that joins the first: 和下半年工作打算.
var titleContinuation = regexp.MustCompile(`^(和|及|与|暨|并)[\p{Han}\dxX]{2,16}(计划|打算|思路|安排|要点|总结)$`)

// attachmentLabel is the "附件" or "附件2：" line above an attached report.
var attachmentLabel = regexp.MustCompile(`^附\s*件\s*[0-9一二三四五六七八九十]{0,2}\s*[：:]?$`)

var inlineCN = regexp.MustCompile(`[：。]\s*(` + cnNum + `)、`)

func (p *Parser) parseDocument(lines []string) (Document, bool) {
	doc := Document{}
	// A report published as an attachment to a notice opens with "附件".
	for len(lines) > 1 && attachmentLabel.MatchString(lines[0]) {
		lines = lines[1:]
	}
	i := 0
	if len(lines) > 0 && isTitleLike(lines[0]) {
		doc.Title = lines[0]
		i = 1
		// A title broken over two lines: "…上半年总结及下半年" / "工作计划".
		if i < len(lines) && !titleEnd.MatchString(doc.Title) {
			next := lines[i]
			// A title set large on a PDF page breaks after the org
			// ("雁溪县教育局" / "2024年工作总结和2025年工作打算"), so the
			// rest may be long.
			limit := 12
			if orgLine.MatchString(doc.Title) {
				limit = 36
			}
			if utf8.RuneCountInString(next) <= limit && !endsSentence(next) && titleEnd.MatchString(doc.Title+next) && !orgLine.MatchString(next) &&
				!(limit > 12 && strings.Contains(next, "局")) {
				doc.Title += next
				i++
			}
		} else if i < len(lines) && titleContinuation.MatchString(lines[i]) {
			// "…2024年上半年工作总结" / "和下半年工作打算": the title goes on.
			next := lines[i]
			if utf8.RuneCountInString(next) <= 16 && !endsSentence(next) {
				doc.Title += next
				i++
			}
		}
	}
	// Org and date lines under the title.
	var dates []string
	for ; i < len(lines) && i < 5; i++ {
		l := strings.Trim(lines[i], "（）() ")
		if l == doc.Title {
			continue
		}
		if orgLine.MatchString(l) {
			doc.Org = l
			continue
		}
		if dateLine.MatchString(lines[i]) {
			dates = append(dates, lines[i])
			continue
		}
		break
	}
	body := trimSignOff(lines[i:])
	dates = append(dates, lines[i+len(body):]...) // the sign-off's date, if any
	if doc.Title != "" && len(body) > 0 {
		body = append([]string{stripRunInTitle(body[0], doc.Title)}, body[1:]...)
	}
	if doc.Org == "" {
		doc.Org = findOrg(doc.Title, body)
	}
	doc.Year = findYear(doc.Title, body)
	if doc.Year == 0 {
		doc.Year = yearOfDate(dates)
	}
	opening := ""
	if len(body) > 0 {
		opening = body[0][:min(len(body[0]), 300)]
	}
	doc.Period = findPeriod(doc.Title, opening)

	doc.Sections = p.sections(body, doc.Title)
	if len(doc.Sections) == 0 {
		return doc, false
	}
	parts := map[string]bool{}
	for _, s := range doc.Sections {
		parts[s.Part] = true
	}
	doc.Kind = findKind(doc.Title, parts)
	if doc.Kind == KindPlan {
		// Sections a plan did not mark as another part are plan sections.
		for k := range doc.Sections {
			if doc.Sections[k].Part == PartSummary {
				doc.Sections[k].Part = PartPlan
			}
		}
	}
	var all strings.Builder
	all.WriteString(doc.Title)
	for _, l := range body {
		all.WriteByte('\n')
		all.WriteString(l)
	}
	doc.Text = all.String()
	if hanCount(doc.Text) < minDocHan {
		return doc, false
	}
	return doc, true
}

// trimSignOff drops the org and date lines that close a report.
func trimSignOff(body []string) []string {
	for len(body) > 1 {
		last := strings.Trim(body[len(body)-1], "（）() ")
		if !orgLine.MatchString(last) && !dateLine.MatchString(body[len(body)-1]) {
			break
		}
		body = body[:len(body)-1]
	}
	return body
}

// stripRunInTitle removes a title that a sharing site ran into the first line
// of the body, and a repeat of its tail.
func stripRunInTitle(line, title string) string {
	if !strings.HasPrefix(line, title) || line == title {
		return line
	}
	rest := line[len(title):]
	rt := []rune(title)
	for k := 0; k+6 <= len(rt); k++ {
		if suffix := string(rt[k:]); strings.HasPrefix(rest, suffix) {
			return rest[len(suffix):]
		}
	}
	return rest
}

// sections finds the headings of a document body and builds its sections.
func (p *Parser) sections(body []string, title string) []Section {
	var pre []string
	var heads []*rawHeading
	lastCN := 0
	lines := splitInlineHeadings(body, &lastCN)
	bare := bareHeadings(lines)
	for i, line := range lines {
		if bare[i] && headingPart(line, true) == "" {
			heads = append(heads, &rawHeading{m: marker{style: styleBare}, heading: line})
			continue
		}
		m, ok := matchMarker(line)
		// 一是 items are found inside bodies by splitShi, not as lines.
		if ok && m.style != styleShi {
			h, rest := splitHeading(m.rest)
			if hanCount(h) >= 2 || m.style == stylePart {
				rh := &rawHeading{m: m, heading: h}
				if rest != "" {
					rh.body = append(rh.body, rest)
				}
				heads = append(heads, rh)
				continue
			}
		}
		if utf8.RuneCountInString(line) <= 24 && !endsSentence(line) && headingPart(line, true) != "" && !p.hasCategoryWord(line) {
			heads = append(heads, &rawHeading{m: marker{style: stylePlain}, heading: line})
			continue
		}
		if len(heads) == 0 {
			pre = append(pre, line)
		} else {
			heads[len(heads)-1].body = append(heads[len(heads)-1].body, line)
		}
	}
	fixMisnumbered(heads)
	assignLevels(heads)

	var out []Section
	if len(pre) > 0 {
		text := strings.Join(pre, "\n")
		out = append(out, Section{ID: "0", Level: 0, Part: PartPreamble, Category: p.tax.Fallback, Text: text, Figures: append([]Figure{}, ExtractFigures(text)...)})
	}
	var flat []flatHeading
	for _, h := range heads {
		flat = append(flat, p.expand(h, strings.Join(h.body, "\n"))...)
	}
	if len(heads) == 0 && len(out) == 1 {
		// No marked headings: paragraphs that open with a headline are the sections.
		if lead, items, ok := splitHeadlineParagraphs(pre); ok {
			out[0].Text = strings.Join(lead, "\n")
			out[0].Figures = append([]Figure{}, ExtractFigures(out[0].Text)...)
			for _, it := range items {
				flat = append(flat, flatHeading{heading: it.heading, level: 1, text: it.body})
			}
			if out[0].Text == "" {
				out = out[:0]
			}
		}
	}
	return append(out, p.finish(flat)...)
}

// bareHeadings finds headings that lost their markers — Word's automatic
// numbering is not part of the text of a .docx — in a document with (almost)
// no marked headings: short lines without sentence punctuation, each
// followed by a paragraph, at least two of them.
func bareHeadings(lines []string) map[int]bool {
	marked := 0
	for _, l := range lines {
		if m, ok := matchMarker(l); ok && m.style != styleShi {
			marked++
		}
	}
	if marked >= 2 {
		return nil
	}
	found := map[int]bool{}
	for i := 0; i+1 < len(lines); i++ {
		n := utf8.RuneCountInString(lines[i])
		if n < 4 || n > 30 || endsSentence(lines[i]) || strings.ContainsAny(lines[i], "。；：") || dateLine.MatchString(lines[i]) {
			continue
		}
		if _, ok := matchMarker(lines[i+1]); ok || utf8.RuneCountInString(lines[i+1]) < 30 {
			continue
		}
		found[i] = true
	}
	if len(found) < 2 {
		return nil
	}
	return found
}

// inlineParenCN finds a （二） that runs on after a sentence end inside a
// paragraph.
var inlineParenCN = regexp.MustCompile(`[。！？]\s*(（(` + cnNum + `)）)`)

// leadParenCN finds a （一） right after a short run-in heading:
// "一、2023年主要工作（一）坚持党建引领。…".
var leadParenCN = regexp.MustCompile(`^` + cnNum + `、[^。；：，（]{2,30}?(（(一)）)`)

// splitInlineHeadings breaks lines where the next heading runs on inside a
// paragraph, as in text copied from web pages that lost its line breaks:
// "…总结如下：一、2022年工作回顾…", "…。（二）加大投入力度。…". Only the next
// number of a sequence splits — 二、 after 一、, （三） after （二） — and a
// （N） only after a sentence end, so enumerations inside a sentence
// ("主要有：（一）…；（二）…") stay text.
func splitInlineHeadings(body []string, lastCN *int) []string {
	out := make([]string, 0, len(body))
	lastParen := 0
	for _, line := range body {
		for {
			if m, ok := matchMarker(line); ok {
				switch m.style {
				case styleCN:
					*lastCN, lastParen = m.num, 0
				case styleParenCN:
					lastParen = m.num
				}
			}
			split := nextInlineHeading(line, *lastCN, lastParen)
			if split <= 0 {
				out = append(out, line)
				break
			}
			out = append(out, strings.TrimSpace(line[:split]))
			line = line[split:]
		}
	}
	return out
}

// nextInlineHeading returns where the first heading that runs on inside
// line starts, or -1.
func nextInlineHeading(line string, lastCN, lastParen int) int {
	split := -1
	earlier := func(at int) {
		if at > 0 && (split < 0 || at < split) {
			split = at
		}
	}
	next := chineseNumber(lastCN+1) + "、"
	if strings.Contains(line, "："+next) || strings.Contains(line, "。"+next) {
		for _, loc := range inlineCN.FindAllStringSubmatchIndex(line, -1) {
			if markerNumber(line[loc[2]:loc[3]]) == lastCN+1 {
				earlier(loc[2])
				break
			}
		}
	}
	if strings.Contains(line, "（"+chineseNumber(lastParen+1)+"）") {
		for _, loc := range inlineParenCN.FindAllStringSubmatchIndex(line, -1) {
			if markerNumber(line[loc[4]:loc[5]]) == lastParen+1 {
				earlier(loc[2])
				break
			}
		}
		if lastParen == 0 {
			if loc := leadParenCN.FindStringSubmatchIndex(line); loc != nil {
				earlier(loc[2])
			}
		}
	}
	return split
}

// chineseNumber writes 1–99 in Chinese numerals (二十一).
func chineseNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n-10]
	case n < 100:
		return digits[n/10] + "十" + digits[n%10]
	}
	return strconv.Itoa(n)
}

// fixMisnumbered repairs a heading numbered in the wrong style: 二、 between
// （一） and （三） was meant as （二）.
func fixMisnumbered(heads []*rawHeading) {
	order := map[string]int{}
	for _, h := range heads {
		if _, ok := order[h.m.style]; !ok {
			order[h.m.style] = len(order)
		}
	}
	for i, h := range heads {
		var lastDeeper *rawHeading
		for j := i - 1; j >= 0; j-- {
			if heads[j].m.style == h.m.style {
				break
			}
			if order[heads[j].m.style] == order[h.m.style]+1 {
				lastDeeper = heads[j]
				break
			}
		}
		if lastDeeper == nil || lastDeeper.m.num != h.m.num-1 {
			continue
		}
		for j := i + 1; j < len(heads); j++ {
			if heads[j].m.style == h.m.style {
				break
			}
			if heads[j].m.style == lastDeeper.m.style {
				if heads[j].m.num == h.m.num+1 {
					h.m.style = lastDeeper.m.style
					h.m.text = strings.Replace(lastDeeper.m.text, numeral(lastDeeper.m), numeral(h.m), 1)
				}
				break
			}
		}
	}
}

// numeral is the number as written inside a marker (一 in （一）, 3 in 3.).
func numeral(m marker) string {
	for _, r := range m.text {
		if r >= '0' && r <= '9' {
			return strconv.Itoa(m.num)
		}
	}
	return strings.Trim(m.text, "（）、.第部分章节")
}

// assignLevels gives each heading a level from a stack of marker styles: a
// style already open closes everything below it; a new style opens a level.
// An unmarked part heading (下阶段工作打算) always starts a new top level.
func assignLevels(heads []*rawHeading) {
	var stack []string
	for _, h := range heads {
		if h.m.style == stylePlain {
			stack = []string{stylePlain}
			h.level = 1
			continue
		}
		found := -1
		for k, s := range stack {
			if s == h.m.style {
				found = k
				break
			}
		}
		if found >= 0 {
			stack = stack[:found+1]
		} else {
			stack = append(stack, h.m.style)
		}
		h.level = len(stack)
	}
}

// flatHeading is a heading with its level and body, before numbering.
type flatHeading struct {
	marker, heading string
	level           int
	text            string
	style           string
}

// expand turns one heading into itself plus the inline 一是 items or headline
// paragraphs that structure its body.
func (p *Parser) expand(h *rawHeading, body string) []flatHeading {
	level := h.level
	out := []flatHeading{{marker: h.m.text, heading: h.heading, level: level, text: body, style: h.m.style}}
	// The 一是 items of a problems section are the problems, written as
	// clauses ("一是城区学位紧张，…"); only headline items are headings there.
	if lead, items, ok := splitShi(body); ok && (headingPart(h.heading, true) != PartProblems || headlineItems(items)) {
		out[0].text = lead
		for _, it := range items {
			out = append(out, flatHeading{marker: it.marker, heading: it.heading, level: level + 1, text: it.body, style: styleShi})
		}
		return out
	}
	if lead, items, ok := splitHeadlineParagraphs(strings.Split(body, "\n")); ok {
		out[0].text = strings.Join(lead, "\n")
		for _, it := range items {
			out = append(out, flatHeading{heading: it.heading, level: level + 1, text: it.body})
		}
	}
	return out
}

// headlineItems reports whether at least half of the items open with a
// headline sentence rather than a clause.
func headlineItems(items []shiItem) bool {
	n := 0
	for _, it := range items {
		if it.headline {
			n++
		}
	}
	return n*2 >= len(items)
}

// splitHeadlineParagraphs finds paragraphs that open with a short headline
// sentence ("加强教研指导。全年组织……") and makes them unmarked sub-headings,
// when at least two paragraphs and half of them do so.
func splitHeadlineParagraphs(paras []string) (lead []string, items []shiItem, ok bool) {
	qualifies := func(p string) bool {
		if !isHeadline(p) {
			return false
		}
		h, rest := splitHeading(p)
		return utf8.RuneCountInString(h) <= 20 && hanCount(rest) >= 30
	}
	n := 0
	for _, p := range paras {
		if qualifies(p) {
			n++
		}
	}
	if n < 2 || n*2 < len(paras) {
		return paras, nil, false
	}
	for _, p := range paras {
		if qualifies(p) {
			h, rest := splitHeading(p)
			items = append(items, shiItem{heading: h, body: rest})
			continue
		}
		if len(items) == 0 {
			lead = append(lead, p)
		} else {
			items[len(items)-1].body += "\n" + p
		}
	}
	return lead, items, true
}

// hasCategoryWord reports whether a heading names a category's subject.
func (p *Parser) hasCategoryWord(h string) bool { return p.kw.any.containsAny(h) }

// finish numbers the headings into a tree and fills part, category and
// figures.
func (p *Parser) finish(flat []flatHeading) []Section {
	type open struct {
		id       string
		level    int
		part     string
		category string
		children int
	}
	var stack []open
	topCount := 0
	out := make([]Section, 0, len(flat))
	for _, f := range flat {
		for len(stack) > 0 && stack[len(stack)-1].level >= f.level {
			stack = stack[:len(stack)-1]
		}
		s := Section{Level: f.level, Marker: f.marker, Heading: f.heading, Text: f.text}
		parentPart, parentCat := "", ""
		if len(stack) == 0 {
			topCount++
			s.ID = strconv.Itoa(topCount)
		} else {
			par := &stack[len(stack)-1]
			par.children++
			s.ID = par.id + "." + strconv.Itoa(par.children)
			s.Parent = par.id
			parentPart, parentCat = par.part, par.category
		}
		// Depth in the tree, not the marker level, decides what "top" means.
		top := len(stack) == 0 || f.style == stylePlain
		part := headingPart(f.heading, top)
		pureHeading := part != "" && !p.hasCategoryWord(f.heading)
		if part == PartSummary && !pureHeading {
			part = "" // 成效, 成绩 in a category heading say nothing about the part
		}
		switch {
		case part != "":
			s.Part = part
		case parentPart != "":
			s.Part = parentPart
		default:
			s.Part = PartSummary
		}
		// A part heading ("存在的困难和问题") belongs to no category, also
		// below a part heading; inside a category it takes the category's.
		if pureHeading && (top || parentCat == p.tax.Fallback) {
			s.Category = p.tax.Fallback
		} else {
			if parentCat == p.tax.Fallback {
				parentCat = ""
			}
			s.Category = p.kw.classify(s.Heading, s.Text, parentCat, false).Category
		}
		s.Figures = append(ExtractFigures(s.Heading), ExtractFigures(s.Text)...)
		if s.Figures == nil {
			s.Figures = []Figure{} // the contract has a list, never null
		}
		stack = append(stack, open{id: s.ID, level: f.level, part: s.Part, category: s.Category})
		out = append(out, s)
	}
	return out
}
