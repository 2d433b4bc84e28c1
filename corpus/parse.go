package corpus

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
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

// titleConjunctions join the two halves of a title (总结暨计划, 总结和计划);
// sites swap one for another when they repeat a title.
var titleConjunctions = strings.NewReplacer("暨", "和", "及", "和", "与", "和", "并", "和")

// pieceNumber is the number a sharing site puts after the first copy of a
// title; a table of contents puts page numbers there, which start later.
var pieceNumber = regexp.MustCompile(`^[1一]$`)

// sameTitleWords reports whether title b repeats title a with its words in
// another order ("2023年教育局工作总结和…" after "教育局2023年工作总结暨…"):
// sites print a page headline and then the report's own title, sometimes
// after the report's opening statistics, and that is one report, not two.
// Different numbers (季度工作总结一 / 二, 2023年 / 2024年) keep them apart.
func sameTitleWords(a, b string) bool {
	// "…工作总结1" then "…工作总结": a sharing site's numbered copy of a
	// title, then the title itself.
	if len(a) > len(b) && strings.HasPrefix(a, b) && pieceNumber.MatchString(a[len(b):]) {
		return true
	}
	if a == b || utf8.RuneCountInString(a) != utf8.RuneCountInString(b) {
		return false
	}
	ra := []rune(titleConjunctions.Replace(a))
	rb := []rune(titleConjunctions.Replace(b))
	slices.Sort(ra)
	slices.Sort(rb)
	return slices.Equal(ra, rb)
}

// titleYear finds the years a title names.
var titleYear = regexp.MustCompile(`(19|20)\d\d`)

// titleKind is the kind word that ends a title line.
var titleKind = regexp.MustCompile(`(总结|计划|要点|打算|思路|安排)[一二三四五六七八九十\d]{0,2}$`)

// partOfTitle reports whether line l heads a part that the open report's
// title announces: "2025年教育工作计划" inside "…2024年工作总结和2025年工作
// 计划". It names no bureau of its own, only years the title names, and the
// kind word it ends with is one of the title's two.
func partOfTitle(title, l string) bool {
	if strings.Contains(l, "局") || !strings.Contains(title, "总结") || !planTitleWord.MatchString(title) {
		return false
	}
	m := titleKind.FindStringSubmatch(l)
	if m == nil || !strings.Contains(title, m[1]) {
		return false
	}
	for _, y := range titleYear.FindAllString(l, -1) {
		if !strings.Contains(title, y) {
			return false
		}
	}
	return true
}

// issuedBy reports whether title is the document that a notice among lines
// issues ("关于印发《2024年教育工作要点》的通知", "现将《…》印发给你们"): a
// notice and the text it prints are one report.
func issuedBy(lines []string, title string) bool {
	quoted := "《" + title + "》"
	for _, l := range lines {
		if strings.Contains(l, quoted) && (strings.Contains(l, "印发") || strings.Contains(l, "转发")) {
			return true
		}
	}
	return false
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
		if isDocTitle(l) && len(cur) > 0 && !(len(cur) == 1 && brokenTitle(cur[0], l)) && !sameTitleWords(cur[0], l) && !issuedBy(cur, l) && !partOfTitle(cur[0], l) {
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
	// leaf is true for a run-in container heading ("总体要求：以…为指导，…"):
	// its paragraph is its content, so the numbered headings after it are
	// its siblings, not its children.
	leaf bool
}

// containerWords are the general headings of a report that say which part
// of it follows but name no topic: 总体要求, 指导思想, 重点工作, 保障措施. Each
// is four characters long.
var containerWords = map[string]bool{"总体要求": true, "指导思想": true, "总体思路": true, "工作思路": true,
	"工作原则": true, "总体目标": true, "工作目标": true, "主要目标": true, "目标任务": true, "重点工作": true,
	"主要工作": true, "重点任务": true, "主要任务": true, "工作重点": true, "主要做法": true, "特色亮点": true,
	"保障措施": true, "工作措施": true, "主要措施": true, "组织保障": true}

// containerLen is the length in bytes of every container word.
const containerLen = len("总体要求")

// isContainer reports whether a heading is a general container heading,
// which names no topic of its own.
func isContainer(h string) bool { return len(h) == containerLen && containerWords[h] }

// containerHeading reads an unnumbered container heading before a report's
// first numbered heading: alone on its line when numbered headings follow
// ("重点工作：" / "一、…"), or run in before its paragraph ("总体要求：…").
func containerHeading(lines []string, i int) (*rawHeading, bool) {
	l := lines[i]
	if len(l) < containerLen || !containerWords[l[:containerLen]] {
		return nil, false
	}
	h, rest := l[:containerLen], strings.TrimSpace(l[containerLen:])
	colon := strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":")
	rest = strings.TrimSpace(strings.TrimLeft(rest, "：:"))
	if rest == "" {
		if i+1 >= len(lines) {
			return nil, false
		}
		if m, ok := matchMarker(lines[i+1]); !ok || m.style == styleShi {
			return nil, false
		}
		return &rawHeading{m: marker{style: stylePlain}, heading: h}, true
	}
	if !colon || hanCount(rest) < 20 {
		return nil, false // a run-in heading needs its colon and a paragraph
	}
	return &rawHeading{m: marker{style: stylePlain}, heading: h, body: []string{rest}, leaf: true}, true
}

// titleContinuation is a second title line that joins the first: 和下半年工作打算.
var titleContinuation = regexp.MustCompile(`^(和|及|与|暨|并)[\p{Han}\dxX]{2,16}(计划|打算|思路|安排|要点|总结)$`)

// attachmentLabel is the "附件" or "附件2：" line above an attached report.
var attachmentLabel = regexp.MustCompile(`^附\s*件\s*[0-9一二三四五六七八九十]{0,2}\s*[：:]?$`)

func (p *Parser) parseDocument(lines []string) (Document, bool) {
	doc := Document{}
	// A report published as an attachment to a notice opens with "附件".
	for len(lines) > 1 && attachmentLabel.MatchString(lines[0]) {
		lines = lines[1:]
	}
	lines = skipToTitle(lines)
	if len(lines) > 0 && !isTitleLike(lines[0]) {
		if title, rest, ok := runInTitle(lines[0]); ok {
			lines = append([]string{title, rest}, lines[1:]...)
		}
	}
	var i int
	doc.Title, i = readTitle(lines)
	// Org and date lines under the title.
	var dates []string
	doc.Org, dates, i = readHeadLines(lines, i, doc.Title)
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
	settleParts(&doc)
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

// spokenReport marks a title of a report given in person (述职, 汇报, 讲话),
// whose every part, 基本情况 included, is an account of work done.
var spokenReport = regexp.MustCompile(`述职|汇报|讲话|发言`)

// backgroundHeading names a section of background facts: 基本情况, 全县教育
// 基础情况, 概况, 背景.
var backgroundHeading = regexp.MustCompile(`^[\p{Han}]{0,6}((基本|基础)(情况|情形|概况)|概况|背景)$`)

// backgroundIsPreamble makes preamble sections of the top headings that
// give a report's background (一、基本情况: schools, pupils, staff), with
// everything under them: they precede the account of the year's work.
func backgroundIsPreamble(secs []Section) {
	for k := range secs {
		s := &secs[k]
		if s.Parent != "" || s.Level == 0 || len(s.Heading) > 3*12 || !backgroundHeading.MatchString(s.Heading) {
			continue
		}
		s.Part = PartPreamble
		for j := k + 1; j < len(secs) && strings.HasPrefix(secs[j].ID, s.ID+"."); j++ {
			secs[j].Part = PartPreamble
		}
	}
}

// headingYear is the year a heading opens with: "2025年主要工作".
var headingYear = regexp.MustCompile(`^((?:19|20)\d\d)年`)

// laterYearIsPlan makes plan sections of a summary-and-plan report's top
// headings that open with a year after the year it reviews ("2025年主要工作"
// in a 2024 summary and 2025 plan), and of everything under them.
func laterYearIsPlan(secs []Section, year int) {
	if year == 0 {
		return
	}
	for k := range secs {
		s := &secs[k]
		m := headingYear.FindStringSubmatch(s.Heading)
		if s.Parent != "" || m == nil || s.Part != PartSummary {
			continue
		}
		if y, _ := strconv.Atoi(m[1]); y <= year {
			continue
		}
		s.Part = PartPlan
		for j := k + 1; j < len(secs) && strings.HasPrefix(secs[j].ID, s.ID+"."); j++ {
			if secs[j].Part == PartSummary {
				secs[j].Part = PartPlan
			}
		}
	}
}

// readTitle reads a document's title from its first line, or two when the
// title is broken over them, and returns the index of the line after it.
func readTitle(lines []string) (string, int) {
	if len(lines) == 0 || !isTitleLike(lines[0]) {
		return "", 0
	}
	title, i := lines[0], 1
	if i >= len(lines) {
		return title, i
	}
	next := lines[i]
	// A title broken over two lines: "…上半年总结及下半年" / "工作计划".
	if !titleEnd.MatchString(title) {
		// A title set large on a PDF page breaks after the org
		// ("雁溪县教育局" / "2024年工作总结和2025年工作打算"), so the
		// rest may be long.
		limit := 12
		if orgLine.MatchString(title) {
			limit = 36
		}
		if utf8.RuneCountInString(next) <= limit && !endsSentence(next) && titleEnd.MatchString(title+next) && !orgLine.MatchString(next) &&
			!(limit > 12 && strings.Contains(next, "局")) {
			return title + next, i + 1
		}
		return title, i
	}
	// "…2024年上半年工作总结" / "和下半年工作打算": the title goes on.
	if titleContinuation.MatchString(next) && utf8.RuneCountInString(next) <= 16 && !endsSentence(next) {
		return title + next, i + 1
	}
	return title, i
}

// readHeadLines reads the org and date lines under a title, from line i on;
// it returns the org, the dates and the index of the first body line.
func readHeadLines(lines []string, i int, title string) (org string, dates []string, next int) {
	for ; i < len(lines) && i < 5; i++ {
		l := strings.Trim(lines[i], "（）() ")
		if l == title {
			continue
		}
		if orgLine.MatchString(l) {
			org = l
			continue
		}
		if dateLine.MatchString(lines[i]) {
			dates = append(dates, lines[i])
			continue
		}
		break
	}
	return org, dates, i
}

// settleParts sets the document's kind from its title and parts, then
// corrects the parts that only the whole document tells: a later year's
// heading in a summary and plan, a background section, a plan written under
// a 总结与计划 title, every unmarked section of a plan.
func settleParts(doc *Document) {
	parts := map[string]bool{}
	for _, s := range doc.Sections {
		parts[s.Part] = true
	}
	doc.Kind = findKind(doc.Title, parts)
	if doc.Kind == KindSummaryPlan {
		laterYearIsPlan(doc.Sections, doc.Year)
	}
	if !spokenReport.MatchString(doc.Title) {
		backgroundIsPreamble(doc.Sections)
	}
	if doc.Kind == KindSummaryPlan && !parts[PartPlan] && planTitleWord.MatchString(doc.Title) && readsAsPlan(sectionsText(doc.Sections)) {
		// A 总结与计划 whose text only plans: its headings named no part,
		// but its sentences are all about work to do.
		markPlan(doc.Sections)
	}
	if doc.Kind == KindPlan {
		// Sections a plan did not mark as another part are plan sections.
		markPlan(doc.Sections)
	}
}

// markPlan turns the summary sections into plan sections.
func markPlan(secs []Section) {
	for k := range secs {
		if secs[k].Part == PartSummary {
			secs[k].Part = PartPlan
		}
	}
}

// sectionsText is the headings and texts of sections, for judging their tense.
func sectionsText(secs []Section) string {
	var b strings.Builder
	for _, s := range secs {
		b.WriteString(s.Heading)
		b.WriteString("。")
		b.WriteString(s.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// runInTitleEnd is the kind word that ends a title run into the report's
// first sentence.
var runInTitleEnd = regexp.MustCompile(`(工作总结|工作计划|工作要点|工作报告|工作意见|工作汇报)`)

// runInTitle splits a report title that a flattened copy ran into the first
// sentence ("某县教育扶贫工作总结近年来，我县…") or its first heading
// ("…工作总结一、…"): a title naming 教育 or a bureau, without punctuation,
// ending in a kind word and followed by 一、 or the way an opening sentence
// starts (近年来, 2024年, 今年, 我县…).
func runInTitle(line string) (title, rest string, ok bool) {
	head := line[:min(len(line), 150)]
	loc := runInTitleEnd.FindStringIndex(head)
	if loc == nil {
		return "", "", false
	}
	title, rest = line[:loc[1]], line[loc[1]:]
	n := utf8.RuneCountInString(title)
	if n < 6 || n > 45 || strings.ContainsAny(title, "。，；：！？") || !(strings.Contains(title, "教育") || strings.Contains(title, "局")) {
		return "", "", false
	}
	if hanCount(rest) < 20 {
		return "", "", false
	}
	// The first heading may follow the title directly ("…工作总结一、…").
	if m, ok := matchMarker(rest); ok && m.style == styleCN && m.num == 1 {
		return title, rest, true
	}
	if o := runInOpener.FindStringIndex(rest); o == nil || o[0] != 0 {
		return "", "", false
	}
	return title, rest, true
}

// titleSearch is how many opening lines may stand above a report's title.
const titleSearch = 8

// skipToTitle drops the site furniture above a report's title (navigation,
// "- 1", "约10页", "2021-02-23 发布") when the first line is no title but one
// of the next few is a report title and no text or heading comes before it.
func skipToTitle(lines []string) []string {
	if len(lines) == 0 || isTitleLike(lines[0]) || utf8.RuneCountInString(lines[0]) > 60 || strings.Contains(lines[0], "。") {
		return lines
	}
	for k := 1; k < len(lines) && k < titleSearch; k++ {
		l := lines[k]
		if isDocTitle(l) || titleEnd.MatchString(l) && utf8.RuneCountInString(l) <= 45 && !strings.ContainsAny(l, "。；，：") {
			return lines[k:]
		}
		if _, ok := matchMarker(l); ok || utf8.RuneCountInString(l) > 60 {
			break
		}
	}
	return lines
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
	lines := splitInlineHeadings(dotBareNumbers(closeOpenParens(body)), &lastCN)
	bare := bareHeadings(lines)
	for i, line := range lines {
		if len(heads) == 0 && repeatsTitle(line, title) {
			continue // the title repeated where the body starts (a viewer's flattened page)
		}
		if rh, ok := p.lineHeading(lines, i, len(heads) == 0, bare[i]); ok {
			heads = append(heads, rh)
			continue
		}
		if len(heads) == 0 {
			pre = append(pre, line)
		} else {
			heads[len(heads)-1].body = append(heads[len(heads)-1].body, line)
		}
	}
	fixOCRFirstItem(heads)
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
	return append(out, p.finish(flat, p.titleTopic(title))...)
}

// closeOpenParens repairs headings that lost the closing bracket of their
// marker ("（一加强党的建设", as OCR and careless typing leave them) when a
// neighbouring number of the same style confirms the sequence: a （N-1 before
// or a （N+1 after, closed or not. A line with a ）near its start is a
// parenthesis ("（一般公共预算…）"), not a marker.
func closeOpenParens(lines []string) []string {
	nums := make([]int, len(lines)) // the （N number opening each line, 0 if none
	open := false
	for i, l := range lines {
		if !strings.HasPrefix(l, "（") {
			continue
		}
		n, size := scanCN(l[len("（"):])
		if n == 0 {
			continue
		}
		nums[i] = n
		rest := l[len("（")+size:]
		if !strings.HasPrefix(rest, "）") {
			open = true
		}
	}
	if !open {
		return lines
	}
	var out []string
	for i, l := range lines {
		if nums[i] == 0 || !openMarkerLine(l) || !neighbourNumber(nums, i) {
			continue
		}
		if out == nil {
			out = append([]string{}, lines...)
		}
		_, size := scanCN(l[len("（"):])
		k := len("（") + size
		out[i] = l[:k] + "）" + l[k:]
	}
	if out == nil {
		return lines
	}
	return out
}

// openMarkerLine reports whether a line opening with （N and no closing
// bracket near its start reads as a heading: Han text follows the numeral.
func openMarkerLine(l string) bool {
	r := []rune(l)
	head := string(r[:min(len(r), 30)])
	if strings.Contains(head, "）") {
		return false
	}
	_, size := scanCN(l[len("（"):])
	next, _ := utf8.DecodeRuneInString(l[len("（")+size:])
	return isHan(next)
}

// neighbourNumber reports whether line i's number continues a sequence: the
// nearest numbered line before it holds N-1, or the nearest after it N+1.
func neighbourNumber(nums []int, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if nums[j] != 0 {
			if nums[j] == nums[i]-1 {
				return true
			}
			break
		}
	}
	for j := i + 1; j < len(nums); j++ {
		if nums[j] != 0 {
			return nums[j] == nums[i]+1
		}
	}
	return false
}

// notItemAfterNumber are the characters that make a number at a line start
// a quantity or a date ("2所学校…", "3月…"), not an item number.
const notItemAfterNumber = "年月日号时个所名人万亿元项次届期级岁位家台天周分秒米吨件份批类种条本册倍成余多间"

// bareNumber reads the number of an item written without its point or
// comma, "1疫情防控常态化", or 0.
func bareNumber(l string) (n, size int) {
	for size < len(l) && size < 2 && l[size] >= '0' && l[size] <= '9' {
		size++
	}
	if size == 0 || size < len(l) && l[size] >= '0' && l[size] <= '9' {
		return 0, 0
	}
	r, _ := utf8.DecodeRuneInString(l[size:])
	if !isHan(r) || strings.ContainsRune(notItemAfterNumber, r) {
		return 0, 0
	}
	if strings.Count(l, " ") >= 2 {
		return 0, 0 // a table row: 序号, then columns
	}
	return markerNumber(l[:size]), size
}

// dotBareNumbers gives a point to items numbered with a bare number
// ("1疫情防控常态化" → "1.疫情防控常态化") when they run in sequence — the
// number before is N-1 or the one after is N+1 — so one stray number at a
// line start stays text.
func dotBareNumbers(lines []string) []string {
	var nums []int
	for i, l := range lines {
		if l == "" || l[0] < '0' || l[0] > '9' {
			continue
		}
		if n, _ := bareNumber(l); n > 0 {
			if nums == nil {
				nums = make([]int, len(lines))
			}
			nums[i] = n
		}
	}
	if nums == nil {
		return lines
	}
	out := append([]string{}, lines...)
	for i, n := range nums {
		if n > 0 && neighbourNumber(nums, i) {
			_, size := bareNumber(out[i])
			out[i] = out[i][:size] + "." + out[i][size:]
		}
	}
	return out
}

// repeatsTitle reports whether line repeats the title, whole or without its
// opening words ("教育局年度工作总结" under "2019年教育局年度工作总结"). A
// part the title names ("2024年工作总结" under "…2024年工作总结和2025年工作
// 计划") and a reordered repeat stay: they may head the items under them.
func repeatsTitle(line, title string) bool {
	if line == title {
		return true
	}
	if len(line) >= len(title) || !titleEnd.MatchString(line) {
		return false
	}
	return utf8.RuneCountInString(line) >= 6 && strings.HasSuffix(title, line)
}

// lineHeading reads the heading that line i opens, if any: a container
// heading before the first heading (first), a bare heading line found by
// bareHeadings (bare), a marked heading, or an unmarked part heading.
func (p *Parser) lineHeading(lines []string, i int, first, bare bool) (*rawHeading, bool) {
	line := lines[i]
	if first {
		if rh, ok := containerHeading(lines, i); ok {
			return rh, true
		}
	}
	// A bare heading naming a topic is no part heading (聚焦重点任务，
	// 全面落实教育扶贫政策); part headings are read below.
	if bare && (headingPart(line, true) == "" || p.hasCategoryWord(line)) {
		return &rawHeading{m: marker{style: styleBare}, heading: line}, true
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
			return rh, true
		}
	}
	if utf8.RuneCountInString(line) <= 24 && !endsSentence(line) && headingPart(line, true) != "" && !p.hasCategoryWord(line) {
		return &rawHeading{m: marker{style: stylePlain}, heading: line}, true
	}
	return nil, false
}

// bareHeadings finds headings that lost their markers — Word's automatic
// numbering is not part of the text of a .docx — in a document with (almost)
// no marked headings: short lines without sentence punctuation, each
// followed by a paragraph, at least two of them.
func bareHeadings(lines []string) map[int]bool {
	marked := 0
	for _, l := range lines {
		if m, ok := matchMarker(l); ok && m.style != styleShi {
			if marked++; marked >= 2 {
				return nil // a document with markers: no need to read on
			}
		}
	}
	found := map[int]bool{}
	for i := 0; i+1 < len(lines); i++ {
		n := utf8.RuneCountInString(lines[i])
		if n < 4 || n > 30 || endsSentence(lines[i]) || strings.ContainsAny(lines[i], "。；：") || dateLine.MatchString(lines[i]) {
			continue
		}
		if _, ok := matchMarker(lines[i]); ok {
			continue // a numbered heading is read with its marker
		}
		// Either a paragraph follows, or the numbered sub-headings the
		// heading holds ("聚焦重点任务" / "（一）改善办学条件").
		if m, ok := matchMarker(lines[i+1]); ok && m.style == styleShi || !ok && utf8.RuneCountInString(lines[i+1]) < 30 {
			continue
		}
		found[i] = true
	}
	if len(found) < 2 {
		return nil
	}
	return found
}

// inlineState is the numbering seen so far in a body: the last 一、, （一）
// and 1./1、 numbers. A deeper count restarts under each new heading.
type inlineState struct {
	cn, paren, num, pnum int // pnum: the last （1） item
}

// see records a heading marker that opens a line.
func (st *inlineState) see(m marker) {
	switch m.style {
	case styleCN:
		st.cn, st.paren, st.num, st.pnum = m.num, 0, 0, 0
	case styleParenCN:
		st.paren, st.num, st.pnum = m.num, 0, 0
	case styleDot, styleDun:
		st.num, st.pnum = m.num, 0
	case styleParenNum:
		st.pnum = m.num
	}
}

// splitInlineHeadings breaks lines where the next heading runs on inside a
// paragraph, as in text copied from web pages and document viewers that lost
// its line breaks: "…总结如下：一、2022年工作回顾…", "…。（二）加大投入力度。…",
// "…工作总结一、主要工作（一）党建引领。…". Only a number that continues its
// sequence splits, and only where a heading can start (see inlineSplit), so
// enumerations inside a sentence ("主要有：（一）…；（二）…") and page-chunk
// markers in the middle of a sentence stay text.
func splitInlineHeadings(body []string, lastCN *int) []string {
	out := make([]string, 0, len(body))
	st := inlineState{cn: *lastCN}
	for _, line := range body {
		first := true
		for {
			m, ok := matchMarker(line)
			if ok {
				st.see(m)
			}
			split := nextInlineHeading(line, m, ok, st, first)
			if split <= 0 {
				out = append(out, line)
				break
			}
			out = append(out, strings.TrimSpace(line[:split]))
			line = line[split:]
			first = false
		}
	}
	*lastCN = st.cn
	return out
}

// inlineMarker is a heading marker found inside a line.
type inlineMarker struct {
	style string // styleCN, styleParenCN, styleParenNum or styleDot (for 1. and 1、)
	num   int
}

// scanInlineMarker reads a marker starting at line[i:]: 二、, （二）, 2. or 2、
// (a digit marker must be followed by a Han character or a quote, so 2.5亿
// is no marker).
func scanInlineMarker(line string, i int) (inlineMarker, bool) {
	rest := line[i:]
	switch {
	case strings.HasPrefix(rest, "（"):
		n, size := scanCN(rest[len("（"):])
		if n > 0 && strings.HasPrefix(rest[len("（")+size:], "）") {
			return inlineMarker{styleParenCN, n}, true
		}
		return scanParenNumber(rest[len("（"):])
	case rest[0] == '(':
		return scanParenNumber(rest[1:])
	case rest[0] >= '0' && rest[0] <= '9':
		return scanDigitMarker(rest)
	default:
		n, size := scanCN(rest)
		sep := cnSeparator(rest[size:])
		if n > 0 && sep > 0 {
			r, _ := utf8.DecodeRuneInString(rest[size+sep:])
			// A year may open the heading, written or as a placeholder
			// (xxxx年); another numeral makes a list (一、二年级).
			if strings.ContainsRune("一二三四五六七八九十", r) {
				return inlineMarker{}, false
			}
			if isHan(r) || strings.ContainsRune("“0123456789xX*×", r) {
				return inlineMarker{styleCN, n}, true
			}
		}
	}
	return inlineMarker{}, false
}

// cnSeparator is the length of the 、 or point after a Chinese numeral
// marker (二、, 二.), or 0.
func cnSeparator(s string) int {
	for _, sep := range []string{"、", ".", "．"} {
		if strings.HasPrefix(s, sep) {
			return len(sep)
		}
	}
	return 0
}

// scanParenNumber reads the rest of a （2） marker after its bracket: one or
// two digits, the closing bracket (full-width or not: pages mix them, "(2）")
// and a Han character.
func scanParenNumber(rest string) (inlineMarker, bool) {
	j := 0
	for j < len(rest) && j < 3 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	closing := 0
	switch {
	case strings.HasPrefix(rest[j:], "）"):
		closing = len("）")
	case strings.HasPrefix(rest[j:], ")"):
		closing = 1
	}
	if j == 0 || j > 2 || closing == 0 {
		return inlineMarker{}, false
	}
	if r, _ := utf8.DecodeRuneInString(rest[j+closing:]); !isHan(r) {
		return inlineMarker{}, false
	}
	return inlineMarker{styleParenNum, markerNumber(rest[:j])}, true
}

// scanDigitMarker reads a 2. or 2、 marker at the start of rest, which must
// be followed by a Han character, a quote or a year or month.
func scanDigitMarker(rest string) (inlineMarker, bool) {
	j := 0
	for j < len(rest) && j < 3 && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j > 2 {
		return inlineMarker{}, false
	}
	n := markerNumber(rest[:j])
	after := strings.TrimPrefix(rest[j:], " ")
	for _, sep := range []string{".", "．", "、"} {
		if strings.HasPrefix(after, sep) {
			r, _ := utf8.DecodeRuneInString(after[len(sep):])
			// An item may open with its year or month ("1.2019年，…"),
			// never with another number (2.5亿).
			if isHan(r) || r == '“' || r >= '0' && r <= '9' && datedPrefix(after[len(sep):]) {
				return inlineMarker{styleDot, n}, true
			}
		}
	}
	return inlineMarker{}, false
}

// datedPrefix reports whether s opens with a year or a month; only its
// first bytes are read, since s may be the rest of a flattened page.
func datedPrefix(s string) bool {
	return datedStart.MatchString(s[:min(len(s), 16)])
}

// scanCN reads a Chinese number of one to three characters (一, 十二).
func scanCN(s string) (n, size int) {
	k := 0
	for k < len(s) && utf8.RuneCountInString(s[:k]) < 3 {
		r, w := utf8.DecodeRuneInString(s[k:])
		if !strings.ContainsRune("一二三四五六七八九十", r) {
			break
		}
		k += w
	}
	if k == 0 {
		return 0, 0
	}
	return markerNumber(s[:k]), k
}

// mayOpenMarker reports whether a rune can open an inline marker, so most
// characters of a text are skipped at once.
func mayOpenMarker(r rune) bool {
	switch r {
	case '（', '(', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十':
		return true
	}
	return r >= '0' && r <= '9'
}

// nextInlineHeading returns where the first heading that runs on inside
// line starts, or -1. first is true for the start of a source line.
// open is the marker opening line, if openOK.
func nextInlineHeading(line string, open marker, openOK bool, st inlineState, first bool) int {
	if openOK && open.style == styleShi {
		openOK = false
	}
	head := "" // the text after the line's own marker, for run-on sub-headings
	if openOK {
		head = line[len(line)-len(open.rest):]
	}
	var prev, prev2 rune
	for i, r := range line {
		if i > 0 && mayOpenMarker(r) && !isCNDigitOrDigit(prev) {
			if m, ok := scanInlineMarker(line, i); ok {
				c := splitContext{before: line[:i], prev: prev, prev2: prev2, first: first}
				if openOK && i >= len(line)-len(head) {
					c.openStyle, c.openHead = open.style, head[:i-(len(line)-len(head))]
				}
				if inlineSplit(c, m, st) {
					return i
				}
			}
		}
		prev2, prev = prev, r
	}
	return -1
}

// isCNDigitOrDigit reports whether r is part of a number, so 十二 or 12 is
// read from its first character only.
func isCNDigitOrDigit(r rune) bool {
	return r != '（' && r != '(' && mayOpenMarker(r)
}

// runOnLimit is how far into a heading line a first sub-heading may run on
// without punctuation: "一、实施素质教育，努力提高教育质量（一）办学水平…".
const runOnLimit = 40

// inlineSplit decides whether marker m, found after before, starts a heading.
// A heading starts where the next number of its sequence follows a sentence
// end (one of 。！？, or an ASCII point after a Han character as some pages
// end sentences, or a colon before 一、); where a first sub-heading (（一）,
// 1.) runs on after the short heading that opens the line; where 一、 follows
// the title of a flattened page ("…年工作总结一、…"); and where OCR turned
// the 。 before a （二） into a letter ("99.9%o（二）").
func inlineSplit(c splitContext, m inlineMarker, st inlineState) bool {
	sentEnd := c.endsItem(m, st)
	switch m.style {
	case styleCN:
		if (sentEnd || c.prev == '：') && m.num > st.cn && m.num <= st.cn+2 {
			return true
		}
		return m.num == 1 && st.cn == 0 && c.first && titleBefore(c.before)
	case styleParenCN:
		return parenSplit(c, m, st, sentEnd)
	case styleParenNum:
		// A list of （1）…；（2）… items: each is a heading, ending at its ；.
		return (sentEnd || c.prev == '；' || c.prev == '：') && m.num == st.pnum+1
	}
	if sentEnd && m.num == st.num+1 {
		return true
	}
	return m.num == 1 && st.num == 0 && (c.runsOn(styleCN) || c.runsOn(styleParenCN))
}

// inSequence reports whether m is the next number of its style.
func inSequence(m inlineMarker, st inlineState) bool {
	switch m.style {
	case styleCN:
		return m.num == st.cn+1
	case styleParenCN:
		return m.num == st.paren+1
	case styleParenNum:
		return m.num == st.pnum+1
	}
	return m.num == st.num+1
}

// dutyNote is the note naming who answers for a plan item ("责任科室：组织科、
// 思政科"), which closes the item without a sentence end.
var dutyNote = regexp.MustCompile(`(责任|牵头|配合)(科室|单位|部门|股室)[：:][^。；！？：:]{1,40}$`)

// afterDutyNote reports whether before ends with a duty note, so a number
// after it opens the next item as a sentence end would.
func afterDutyNote(before string) bool {
	tail := before[max(0, len(before)-150):]
	if !strings.Contains(tail, "：") && !strings.Contains(tail, ":") {
		return false
	}
	return dutyNote.MatchString(tail)
}

// splitContext is what inlineSplit knows about the text before a marker.
type splitContext struct {
	before      string // the line up to the marker
	prev, prev2 rune   // the two characters before the marker
	first       bool   // the line is a source line, not the rest of a split
	openStyle   string // the style of the marker opening the line, if any
	openHead    string // the text between that marker and this one
}

// parenSplit is inlineSplit for （二）: after a sentence end or an OCR
// letter standing for 。, or a first （一） run on after a short 一、 heading.
func parenSplit(c splitContext, m inlineMarker, st inlineState, sentEnd bool) bool {
	ocr := c.prev == '%' || c.prev < 0x80 && unicode.IsLetter(c.prev)
	if (sentEnd || ocr) && m.num == st.paren+1 {
		return true
	}
	return m.num == 1 && st.paren == 0 && c.runsOn(styleCN)
}

// endsItem reports whether the text before a marker ends as a sentence or
// an item does: 。！？, an ASCII point after a Han character, or a plan
// item's duty note (read only for the next number of the sequence).
func (c splitContext) endsItem(m inlineMarker, st inlineState) bool {
	if strings.ContainsRune("。！？", c.prev) || c.prev == '.' && isHan(c.prev2) {
		return true
	}
	return isHan(c.prev) && inSequence(m, st) && afterDutyNote(c.before)
}

// runsOn reports whether the line opens with a short heading of the given
// style with no sentence punctuation between it and the marker.
func (c splitContext) runsOn(style string) bool {
	return c.openStyle == style && utf8.RuneCountInString(c.openHead) <= runOnLimit && !strings.ContainsAny(c.openHead, "。；：！？")
}

// titleBefore reports whether before is the title of a report, run into its
// first heading on a page that lost its line breaks.
func titleBefore(before string) bool {
	n := utf8.RuneCountInString(before)
	return n >= 4 && n <= 60 && !strings.ContainsAny(before, "。；！？") && titleEnd.MatchString(before)
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

// fixOCRFirstItem reads an "l" bullet as item 1 when the next heading of
// its level is item 2 of a numbered style: OCR reads the "1." of a scanned
// page as "L" or "l" ("L加强师德师风建设" … "2.推进教师培训").
func fixOCRFirstItem(heads []*rawHeading) {
	for i := 0; i+1 < len(heads); i++ {
		h, next := heads[i], heads[i+1]
		if h.m.style != styleBullet+"l" || next.m.num != 2 {
			continue
		}
		if next.m.style == styleDot || next.m.style == styleDun {
			h.m.style, h.m.num = next.m.style, 1
			h.m.text = strings.Replace(next.m.text, "2", "1", 1)
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
			if h.leaf {
				stack = nil
			}
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

// orgPrefix is the issuing body at the start of a title, up to its 局
// ("某县教育体育局…"), whose words (体育) say nothing about the topic.
var orgPrefix = regexp.MustCompile(`^[^局]{0,20}局`)

// titleTopic is the category a single-topic report is about (控辍保学工作总结
// → 扶贫, 疫情防控工作总结 → 安全), or "" when the title names no category.
func (p *Parser) titleTopic(title string) string {
	t := orgPrefix.ReplaceAllString(title, "")
	if t == "" || !p.kw.any.containsAny(t) {
		return ""
	}
	if c := p.kw.classify(t, "", "", false).Category; c != p.tax.Fallback {
		return c
	}
	return ""
}

// hasCategoryWord reports whether a heading names a category's subject.
func (p *Parser) hasCategoryWord(h string) bool { return p.kw.any.containsAny(h) }

// finish numbers the headings into a tree and fills part, category and
// figures.
func (p *Parser) finish(flat []flatHeading, topic string) []Section {
	// In a single-topic report (安全工作总结) a general heading is about the
	// topic, so the topic stands where 其他 would.
	general := p.tax.Fallback
	if topic != "" {
		general = topic
	}
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
		parentPart, parentCat := "", topic
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
		// A container heading (总体要求) names no topic either.
		pureHeading := (part != "" || isContainer(f.heading)) && !p.hasCategoryWord(f.heading)
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
			s.Category = general
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
