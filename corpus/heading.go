package corpus

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Heading marker styles. Each style gets a level from the order in which a
// document uses it, so "1." is level 1 in one report and level 3 in another.
const (
	stylePart     = "第一部分"
	styleCN       = "一、"
	styleParenCN  = "（一）"
	styleDot      = "1."
	styleDun      = "1、"
	styleParenNum = "（1）"
	styleHalfNum  = "1）" // a closing parenthesis only
	styleHalfCN   = "一）"
	styleCircled  = "①"
	styleShi      = "一是"
	styleBullet   = "•"  // followed by the glyph: ◆ and ■ are different styles
	styleBracket  = "【】" // 【党建引领】
	stylePlain    = ""   // an unmarked line, such as 下阶段工作打算
	styleBare     = "标题" // an unmarked heading line of a document without markers
)

const cnNum = `[一二三四五六七八九十]{1,3}`

// bulletGlyphs open bulleted headings (◆ 安全稳定, ★加强党的政治建设。…).
// □ is left out: it stands for unreadable characters in bad conversions.
const bulletGlyphs = "•▪■◆●★☆▲◇◎※▶►❖"

// markerRule recognises one marker style.
type markerRule struct {
	style string
	re    *regexp.Regexp
}

// mayStart reports whether a line opening with r can carry the style, so
// most lines skip most regexps.
func (m markerRule) mayStart(r rune) bool {
	switch m.style {
	case stylePart:
		return r == '第'
	case styleCN, styleShi:
		return strings.ContainsRune("一二三四五六七八九十", r)
	case styleParenCN:
		return r == '（'
	case styleDot, styleDun, styleHalfNum:
		return r >= '0' && r <= '9'
	case styleHalfCN:
		return strings.ContainsRune("一二三四五六七八九十", r)
	case styleParenNum:
		return r == '（' || r == '('
	case styleCircled:
		return r >= '①' && r <= '⑳'
	case styleBracket:
		return r == '【'
	}
	return r == 'l' || r == 'L' || strings.ContainsRune(bulletGlyphs, r)
}

var markerRules = []markerRule{
	{stylePart, regexp.MustCompile(`^第(` + cnNum + `)(?:部分|章|节)[、，：。\s]*`)},
	{styleCN, regexp.MustCompile(`^(` + cnNum + `)[、，.．]\s*`)},
	{styleParenCN, regexp.MustCompile(`^（(` + cnNum + `)）[、，．.]?\s*`)},
	{styleDot, regexp.MustCompile(`^(\d{1,2}) ?[.．](?:\s*)`)},
	{styleDun, regexp.MustCompile(`^(\d{1,2})[、，]\s*`)},
	{styleParenNum, regexp.MustCompile(`^[（(](\d{1,2})[）)][、．.]?\s*`)},
	{styleHalfNum, regexp.MustCompile(`^(\d{1,2})[）)]\s*`)},
	{styleHalfCN, regexp.MustCompile(`^(` + cnNum + `)[）)]\s*`)},
	{styleCircled, regexp.MustCompile(`^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*`)},
	{styleShi, regexp.MustCompile(`^(` + cnNum + `)是[：，:]?`)},
	{styleBullet, regexp.MustCompile(`^(?:[` + bulletGlyphs + `]|[lL](?:\s+|[\p{Han}]))\s*`)},
	// A short bracketed heading, alone on its line or before its text.
	{styleBracket, regexp.MustCompile(`^【([^【】。；]{2,24})】[：:\s]*`)},
}

// A heading may open with a year or a date: "3.20**年3月14日，对全区……".
var datedStart = regexp.MustCompile(`^(\d{4}|20[x*×]{2})年|^\d{1,2}月`)

// marker is a heading marker found at a line start.
type marker struct {
	style string
	num   int
	text  string // the marker as written, normalised (（一）, 1., 一、)
	rest  string // the line after the marker
}

// matchMarker recognises a heading marker at the start of a line.
func matchMarker(line string) (marker, bool) {
	if line == "" {
		return marker{}, false
	}
	first, _ := utf8.DecodeRuneInString(line)
	if !(isHan(first) || first >= '0' && first <= '9' || strings.ContainsRune("（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳【lL"+bulletGlyphs, first)) {
		return marker{}, false
	}
	for _, rule := range markerRules {
		if !rule.mayStart(first) {
			continue
		}
		loc := rule.re.FindStringSubmatchIndex(line)
		if loc == nil {
			continue
		}
		m := marker{style: rule.style, text: strings.TrimSpace(line[:loc[1]]), rest: line[loc[1]:]}
		switch rule.style {
		case styleBullet:
			// "l" bullets are followed directly by the heading text.
			if first == 'l' || first == 'L' {
				m.text = "l"
				m.rest = strings.TrimSpace(line[1:])
			}
			m.style += m.text[:utf8.RuneLen(first)]
		case styleBracket:
			// The heading is inside the brackets; a sentence end after it
			// makes splitHeading cut there.
			m.text = styleBracket
			m.rest = line[loc[2]:loc[3]]
			if hanCount(m.rest) < 2 { // 【2024】12号
				return marker{}, false
			}
			if after := strings.TrimSpace(line[loc[1]:]); after != "" {
				m.rest += "。" + after
			}
		default:
			m.num = markerNumber(line[loc[2]:loc[3]])
		}
		if m.rest == "" && rule.style != stylePart {
			return marker{}, false
		}
		// A decimal (1.5亿) or a list of numbers (一、二年级) is not a heading.
		r, _ := utf8.DecodeRuneInString(m.rest)
		if r >= '0' && r <= '9' && (rule.style == styleDot || rule.style == styleDun || rule.style == styleHalfNum) && !datedPrefix(m.rest) {
			return marker{}, false
		}
		if rule.style == styleCN && strings.ContainsRune("二三四五六七八九十", r) && strings.Contains(m.rest[:min(len(m.rest), 12)], "年级") {
			return marker{}, false
		}
		if rule.style == styleShi || rule.style == styleCN {
			// 一是 must be followed by words; 十是 is not a heading.
			if !isHan(r) && !(r >= '0' && r <= '9') && r != '“' && r != '"' && r != 'x' {
				return marker{}, false
			}
		}
		m.text = normalizeMarker(m.text)
		return m, true
	}
	return marker{}, false
}

func markerNumber(s string) int {
	if s == "" {
		return 0
	}
	if s[0] >= '0' && s[0] <= '9' {
		n := 0
		for _, r := range s {
			n = n*10 + int(r-'0')
		}
		return n
	}
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳", r) {
		return int(r-'①') + 1
	}
	n, _ := ParseChineseNumber(s)
	return n
}

var markerWidths = strings.NewReplacer("(", "（", ")", "）", "．", ".")

// normalizeMarker gives markers one spelling: （一） with full-width
// parentheses, 1. with an ASCII point, no trailing spaces or commas.
func normalizeMarker(m string) string {
	m = strings.TrimSpace(m)
	m = markerWidths.Replace(m)
	m = strings.TrimRight(m, " ，：:")
	if strings.HasPrefix(m, "（") && (strings.HasSuffix(m, "）.") || strings.HasSuffix(m, "）、")) {
		m = strings.TrimRight(strings.TrimSuffix(strings.TrimSuffix(m, "."), "、"), " ")
	}
	return m
}

// Openers of body text that run into a heading without punctuation:
// "学校项目建设顺利推进2020年，全县……" → heading ends before 2020年.
var runInOpener = regexp.MustCompile(`(\d{4}|20[x*×]{2}|[x×]{4})\s*年|一是|今年|一年来|近年来|上半年|截至|截止|目前|全县|全区|全市|我县|我区|我局|新冠|通过|围绕|按照|根据`)

// A part heading at the start of a line, before text that runs on.
var runInPart = regexp.MustCompile(`^.{0,14}?(存在的?(主要)?(问题|不足)((和|与|及)(不足|困难|短板|差距|问题))?|工作(计划|打算|思路|回顾|总结|要点)|主要(成效|成绩))`)

// mayRunInPart is the cheap test before runInPart: its words start with
// 存在, 工作 or 主要 within the first characters.
func mayRunInPart(s string) bool {
	head := s[:min(len(s), 3*22)]
	return strings.Contains(head, "存在") || strings.Contains(head, "工作") || strings.Contains(head, "主要")
}

// splitHeading cuts a heading line after its marker into the heading text and
// the body that runs on after it. The heading is a prefix of the line; the
// punctuation between it and the body is dropped.
func splitHeading(rest string) (heading, body string) {
	rest = strings.TrimSpace(rest)
	end := headingEnd(rest)
	if mayRunInPart(rest[:end]) {
		if loc := runInPart.FindStringSubmatchIndex(rest[:end]); loc != nil && loc[1] < end {
			// "存在的问题优质教育资源总量不足，…": the part heading ran into its text.
			end = loc[1]
		}
	}
	if utf8.RuneCountInString(rest[:end]) > 8 {
		if cut, ok := cutRunIn(rest[:end]); ok {
			end = cut
		}
	}
	heading = strings.TrimRight(strings.TrimSpace(rest[:end]), "，、；：,;:")
	body = strings.TrimSpace(strings.TrimLeft(rest[end:], "。！？；：，、,;: "))
	return heading, body
}

// headingEnd is where a heading stops: at the first sentence end within 60
// characters, else at the end of a short line, else at a comma.
func headingEnd(rest string) int {
	n := 0
	for i, r := range rest {
		if r == '。' || r == '！' || r == '？' || r == '；' || r == '：' && n >= 2 {
			return i
		}
		n++
		if n > 60 {
			break
		}
	}
	if utf8.RuneCountInString(rest) <= 40 {
		return len(rest)
	}
	n = 0
	for i, r := range rest {
		n++
		if (r == '，' || r == '：') && n >= 6 {
			return i
		}
		if n > 40 {
			return i
		}
	}
	return len(rest)
}

// runInWords holds a literal of every runInOpener alternative.
var runInWords = newLiteralSet([]string{"年", "一是", "一年来", "近年来", "截至", "截止", "目前", "全县", "全区", "全市",
	"我县", "我区", "我局", "新冠", "通过", "围绕", "按照", "根据"})

// cutRunIn finds where body text starts inside a heading that has no
// punctuation between them.
func cutRunIn(h string) (int, bool) {
	if !runInWords.containsAny(h) {
		return 0, false
	}
	for _, loc := range runInOpener.FindAllStringIndex(h, -1) {
		// "召开2024年全县教育工作会议": a place word right after a year
		// belongs to the heading.
		if strings.HasSuffix(h[:loc[0]], "年") && strings.HasPrefix(h[loc[0]:], "全") {
			continue
		}
		if utf8.RuneCountInString(h[:loc[0]]) >= 6 {
			return loc[0], true
		}
	}
	return 0, false
}

// shiAt finds an ordinal item 一是/二是 where an item can start: at the
// start of the text or a line, after a sentence end or a colon, after a
// space of flattened text, or after 我们 ("为此我们一是要…").
var shiAt = regexp.MustCompile(`(?:^|[。；！？：\s]|我们)\s*(` + cnNum + `)是`)

// shiItem is one 一是/二是 item inside a paragraph.
type shiItem struct {
	marker  string
	heading string
	body    string
	// headline is true when the item opens with a short sentence
	// ("安全教育常抓不懈。") rather than a clause that runs on after a comma.
	headline bool
}

// shiHeadMax is the longest headline of an ordinal item: its first clause,
// cut to 20 characters, is what names it.
const shiHeadMax = 20

// shiStarts returns the matches of shiAt that form numbered runs 一是, 二是,
// 三是 …; a 一是 starts a new run, so a body may hold several lists.
func shiStarts(body string) [][]int {
	var starts [][]int
	want := 1
	for _, l := range shiAt.FindAllStringSubmatchIndex(body, -1) {
		n := markerNumber(body[l[2]:l[3]])
		if n == 1 || n == want {
			starts = append(starts, l)
			want = n + 1
		}
	}
	return starts
}

// splitShi finds inline items 一是……。二是……。 in a body. It returns the text
// before the first item and the items, or ok=false when there are none. A
// lone 一是 counts only when it opens a headline sentence; items that follow a
// comma ("…，一是…，二是…") are clauses of one sentence and are left alone.
func splitShi(body string) (lead string, items []shiItem, ok bool) {
	if !strings.Contains(body, "一是") {
		return body, nil, false
	}
	starts := shiStarts(body)
	if len(starts) == 0 {
		return body, nil, false
	}
	for k, l := range starts {
		to := len(body)
		if k+1 < len(starts) {
			to = starts[k+1][2]
		}
		chunk := strings.TrimSpace(body[l[2]:to])
		m, matched := matchMarker(chunk)
		if !matched || m.style != styleShi {
			return body, nil, false
		}
		h, b := splitShiHeading(m.rest)
		items = append(items, shiItem{marker: m.text, heading: h, body: b, headline: isHeadline(strings.TrimLeft(m.rest, "，,： "))})
	}
	if len(items) == 1 && !items[0].headline {
		return body, nil, false
	}
	return strings.TrimSpace(body[:starts[0][2]]), items, true
}

// splitShiHeading cuts an ordinal item after its marker into its headline —
// the first clause, at most shiHeadMax characters — and the rest.
func splitShiHeading(rest string) (heading, body string) {
	rest = strings.TrimLeft(rest, "，,： ")
	n := 0
	end := len(rest)
	for i, r := range rest {
		if strings.ContainsRune("，。；：！？\n", r) {
			end = i
			break
		}
		if n++; n > shiHeadMax {
			// A long first clause: the headline is its opening; the body keeps
			// the whole clause so no text is lost.
			return strings.TrimSpace(rest[:i]), strings.TrimSpace(rest)
		}
	}
	heading = strings.TrimSpace(rest[:end])
	body = strings.TrimSpace(strings.TrimLeft(rest[end:], "。！？；：，、,;: \n"))
	return heading, body
}

// isHeadline reports whether text opens with a short sentence without commas,
// the way headings written into a paragraph do: "安全教育常抓不懈。".
func isHeadline(text string) bool {
	n := 0
	for _, r := range text {
		switch {
		case r == '。' || r == '；' || r == '！':
			return n >= 3 && n <= 30
		case r == '，' || r == '、' && n > 12:
			return false
		}
		n++
		if n > 30 {
			return false
		}
	}
	return false
}
