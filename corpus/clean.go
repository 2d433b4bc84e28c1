package corpus

import (
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Site boilerplate: whole lines that sharing and template sites wrap around a
// report. Matched only on short lines, so a report sentence that happens to
// contain one of the words survives.
var boilerplateLine = regexp.MustCompile(`转载请注明|由会员分享|可在线阅读|请在.{0,20}上搜索|配套讲稿|特殊限制|如PPT文件|部分文档作品|设计者仅对作品|关\s*键\s*词[：:]|限制\d+内|推荐阅读|相关热词|热点文章|热门文章|相关文章|猜你喜欢|延伸阅读|发布时间[：:]|发布日期[：:]|点击[：:]|浏览次数|阅读次数|浏览量[：:]|字号[：:]|字体[：:]|打印本页|关闭窗口|仅供参考|仅供大家参考|下面是.{0,20}整理的|以下是.{0,20}整理的|本文(由|来自)|免责声明|责任编辑[：:]|扫一扫|分享到[：:]|返回顶部|上一篇[：:]|下一篇[：:]|文档分享网站|由用户(提供并)?上传|收益(全部)?归|版权归属|客服\s*QQ|网站客服|(?i)https?://|(?i)www\.[a-z0-9-]+\.`)

// boilerplateHints are literal pieces of every boilerplateLine pattern; a
// line without any of them cannot match, which spares the regexp. They are
// as long as the patterns allow: 关键 alone is in half the lines of a
// report, so 关键词 is hinted by its 词：.
var boilerplateHints = []string{"转载", "会员", "在线阅读", "搜索", "讲稿", "特殊限制", "PPT", "文档", "设计者",
	"词：", "词:", "限制", "推荐", "热词", "热点", "热门", "相关文章", "猜你", "延伸", "发布时间", "发布日期", "点击", "浏览", "阅读次数", "字号", "字体", "打印本页", "关闭窗口", "仅供", "整理的",
	"本文", "免责", "责任编辑", "扫一扫", "分享到", "返回顶部", "上一篇", "下一篇", "上传", "收益", "版权", "客服", "http", "HTTP", "Http", "www", "WWW", "Www", "wWw"}

var boilerplateHintSet = newLiteralSet(boilerplateHints)

func mayBeBoilerplate(l string) bool { return boilerplateHintSet.containsAny(l) }

// literalSet tells in one pass whether a text contains any of some strings.
type literalSet struct {
	byFirst map[rune][]string
	first   runeBits
}

func newLiteralSet(words []string) *literalSet {
	set := &literalSet{byFirst: map[rune][]string{}}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		set.byFirst[r] = append(set.byFirst[r], w)
		set.first.add(r)
	}
	return set
}

func (set *literalSet) containsAny(s string) bool {
	for i, r := range s {
		if !set.first.has(r) {
			continue
		}
		for _, w := range set.byFirst[r] {
			if strings.HasPrefix(s[i:], w) {
				return true
			}
		}
	}
	return false
}

// runeBits is a set of runes of the Basic Multilingual Plane, checked before
// a map lookup: most characters of a text start no word that is looked for,
// and a bit test is much cheaper than hashing the rune. Runes above the BMP
// always test true and fall through to the map.
type runeBits [1 << 10]uint64

func (b *runeBits) add(r rune) {
	if r >= 0 && r < 1<<16 {
		b[r>>6] |= 1 << (r & 63)
	}
}

func (b *runeBits) has(r rune) bool {
	if r < 0 || r >= 1<<16 {
		return true
	}
	return b[r>>6]&(1<<(r&63)) != 0
}

// Lines from which the rest of the file is site furniture.
var tailMarker = regexp.MustCompile(`^[-•·\s]*(推荐阅读|相关热词|热点文章|热门文章|相关文章|猜你喜欢|延伸阅读|更多相关|上一篇|下一篇|配套讲稿|特殊限制|关\s*键\s*词)`)

// Parenthesised site watermarks inside a line: （ www.example.com 转载请注明 ）.
var inlineWatermark = regexp.MustCompile(`[（(][^（()）]{0,60}((?i)www\.|https?://|转载)[^（()）]{0,60}[）)]`)

// Dates standing alone on a line: 2020-11-26, （2021年7月19日）.
var dateLine = regexp.MustCompile(`^[（(]?\s*(\d{4}|20[x*×]{2})\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*[）)]?$`)

// viewerPageLine is the page caption of an online document viewer: a title
// with "_第2页" after it, or "第2页 / 共5页".
var viewerPageLine = regexp.MustCompile(`[_＿]第\d{1,3}页$|^第\d{1,3}页\s*/\s*共\d{1,3}页$`)

// A file name on its own line, as document sites print it.
var fileNameLine = regexp.MustCompile(`(?i)\.(docx?|pdf|txt|wps)$`)

// endsLikeFileName reports whether a line may end in a file extension.
func endsLikeFileName(l string) bool {
	tail := strings.ToLower(l[max(0, len(l)-5):])
	return strings.HasSuffix(tail, ".doc") || strings.HasSuffix(tail, ".docx") || strings.HasSuffix(tail, ".pdf") ||
		strings.HasSuffix(tail, ".txt") || strings.HasSuffix(tail, ".wps")
}

// htmlTag matches the tags of HTML that web pages leave in copied text. Only
// known tag names count: a report may put a title in ASCII angle brackets
// (<教育法>), which is not markup.
var htmlTag = regexp.MustCompile(`(?i)<(/?)(p|br|div|span|font|b|strong|i|em|u|a|img|table|tbody|thead|tr|td|th|li|ul|ol|h[1-6]|section|article|center|sup|sub|o:p|hr|blockquote|pre|label|small|big)(\s[^<>]{0,300})?\s*/?>`)

// htmlEntity matches a character reference: &nbsp; &ldquo; &#12290; &#x3002;.
var htmlEntity = regexp.MustCompile(`&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});`)

// blockTags end a line where they stand.
var blockTags = map[string]bool{"p": true, "br": true, "div": true, "tr": true, "li": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true, "center": true, "hr": true,
	"blockquote": true, "pre": true, "table": true, "ul": true, "ol": true}

// htmlTagName is the lower-case name of a tag htmlTag matched: "</P>" → "p".
func htmlTagName(tag string) string {
	name := strings.TrimPrefix(tag[1:], "/")
	if i := strings.IndexAny(name, " \t\r\n/>"); i >= 0 {
		name = name[:i]
	}
	return strings.ToLower(name)
}

// stripHTML removes what HTML leaves in text copied from web pages: tags
// (block tags become line breaks) and character references (&nbsp; → a
// space, &ldquo; → “). Text without either is returned as it is.
func stripHTML(text string) string {
	if strings.Contains(text, "<") {
		text = htmlTag.ReplaceAllStringFunc(text, func(tag string) string {
			if blockTags[htmlTagName(tag)] {
				return "\n"
			}
			return ""
		})
	}
	if strings.Contains(text, "&") {
		text = htmlEntity.ReplaceAllStringFunc(text, func(ref string) string {
			if u := html.UnescapeString(ref); u != ref {
				return strings.ReplaceAll(u, "\u00a0", " ")
			}
			return ref
		})
	}
	return text
}

// pieceLabel numbers the reports of a page that holds several: 篇一, 第2篇：.
var pieceLabel = regexp.MustCompile(`^(第[0-9一二三四五六七八九十]{1,3}篇|篇[一二三四五六七八九十]{1,3})[：:、.．\s]*`)

// Page markers of document-sharing sites: "2、" at a line start.
var pageMarker = regexp.MustCompile(`^(\d{1,3})、`)

// cleanLines drops boilerplate, cuts site furniture at the end, rejoins
// sentences cut by page markers and drops empty lines.
func cleanLines(text string) []string {
	raw := strings.Split(text, "\n")
	lines := make([]string, 0, len(raw))
	for _, l := range raw {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		// Contains, not ContainsAny: with a non-ASCII set ContainsAny decodes
		// the line rune by rune.
		if strings.Contains(l, "转") || strings.ContainsAny(l, "wW") {
			l = strings.TrimSpace(inlineWatermark.ReplaceAllString(l, ""))
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	// Cut the tail at the first furniture marker past the first fifth.
	for i := len(lines) / 5; i < len(lines); i++ {
		if i > 0 && tailMarker.MatchString(lines[i]) {
			lines = lines[:i]
			break
		}
	}
	furniture := repeatedFurniture(lines)
	out := lines[:0]
	for _, l := range lines {
		if furniture[l] {
			continue
		}
		if utf8.RuneCountInString(l) <= 160 && mayBeBoilerplate(l) && boilerplateLine.MatchString(l) {
			continue
		}
		if strings.Contains(l, "篇") {
			// "篇二" above the next report of a page; "第2篇：" before its title.
			if l = strings.TrimSpace(pieceLabel.ReplaceAllString(l, "")); l == "" {
				continue
			}
		}
		if strings.Contains(l, "页") && viewerPageLine.MatchString(l) {
			// "…工作总结_第2页" / "第2页 / 共5页": a viewer's page captions,
			// each repeating the title; the title itself is kept once.
			if l = strings.TrimSpace(viewerPageLine.ReplaceAllString(l, "")); l == "" || len(out) > 0 && out[len(out)-1] == l {
				continue
			}
		}
		// A cheap suffix test first: the anchored regexp is tried at every
		// position of every line otherwise.
		if endsLikeFileName(l) && fileNameLine.MatchString(l) && utf8.RuneCountInString(l) <= 80 {
			l = fileNameLine.ReplaceAllString(l, "")
		}
		out = append(out, l)
	}
	return joinWrapped(rejoinPages(out))
}

// repeatedFurniture finds the page headers and footers of a web or PDF copy:
// short lines without sentence punctuation that occur three or more times
// ("某某县人民政府门户网站" above every page). Headings, part headings and
// titles repeat in a file of several reports, so lines with a marker or a
// part word are never furniture.
func repeatedFurniture(lines []string) map[string]bool {
	counts := map[string]int{}
	for _, l := range lines {
		if utf8.RuneCountInString(l) <= 30 && !strings.ContainsAny(l, "。；，！？") {
			counts[l]++
		}
	}
	var out map[string]bool
	for l, n := range counts {
		if n < 3 || partWords.containsAny(l) || isDocTitle(l) {
			continue
		}
		if _, ok := matchMarker(l); ok {
			continue
		}
		if out == nil {
			out = map[string]bool{}
		}
		out[l] = true
	}
	return out
}

// wrapMin is the length from which a line that stops mid-sentence is taken
// to be hard-wrapped rather than a heading on its own line; text with short
// lines throughout (PDF, ~40 characters) lowers it, see wrapLength.
const wrapMin = 50

// wrapLength is the length from which lines count as full lines: 80% of the
// upper-quartile line length, within [20, wrapMin].
func wrapLength(lines []string) int {
	if len(lines) < 8 {
		return wrapMin
	}
	ns := make([]int, len(lines))
	for i, l := range lines {
		ns[i] = utf8.RuneCountInString(l)
	}
	sort.Ints(ns)
	return max(20, min(wrapMin, ns[len(ns)*3/4]*4/5))
}

// joinWrapped rejoins paragraphs that were hard-wrapped (PDF text, pasted web
// pages): a full-length line that stops mid-sentence continues on the next
// line unless that line opens with a heading marker.
func joinWrapped(lines []string) []string {
	limit := wrapLength(lines)
	out := lines[:0]
	for _, l := range lines {
		if n := len(out); n > 0 {
			prev := out[n-1]
			// A title as long as the text's lines is still a line of its own.
			if utf8.RuneCountInString(prev) >= limit && !endsSentence(prev) && !isDocTitle(prev) {
				if _, marked := matchMarker(l); !marked && !isDocTitle(l) {
					out[n-1] = prev + l
					continue
				}
			}
		}
		out = append(out, l)
	}
	return out
}

// endsSentence reports whether a line ends where a sentence or heading may end.
func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune("。！？；：…”」》）)!?;:", r)
}

// rejoinPages removes page markers of sharing sites. A line "N、…" whose
// previous line is long and stops mid-sentence continues that sentence; the
// chain of such markers (1、2、3、…) is dropped and the pieces joined.
func rejoinPages(lines []string) []string {
	isBreak := make([]bool, len(lines))
	breaks := 0
	for i := 1; i < len(lines); i++ {
		m := pageMarker.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		prev := lines[i-1]
		if utf8.RuneCountInString(prev) >= 60 && !endsSentence(prev) {
			isBreak[i] = true
			breaks++
		}
	}
	if breaks < 2 && !(breaks == 1 && firstPageTitled(lines)) {
		return lines
	}
	// The first page's "1、" has nothing before it to continue.
	for i := range lines {
		if m := pageMarker.FindStringSubmatch(lines[i]); m != nil && m[1] == "1" {
			lines[i] = lines[i][len(m[0]):]
			break
		}
	}
	out := make([]string, 0, len(lines))
	for i, l := range lines {
		if isBreak[i] && len(out) > 0 {
			m := pageMarker.FindString(l)
			out[len(out)-1] += l[len(m):]
			continue
		}
		out = append(out, l)
	}
	return out
}

// firstPageTitled reports whether a viewer's first page marker opens the
// report's title ("1、2024年教育局上半年工作总结及下半年工作方案 …"): then
// a single later "N、" in mid-sentence is a page marker too.
func firstPageTitled(lines []string) bool {
	for _, l := range lines {
		m := pageMarker.FindString(l)
		if m != "1、" {
			continue
		}
		// The title runs on into the text, often with no space left
		// between them, so its first 30 characters are what is read.
		head := []rune(l[len(m):])
		head = head[:min(len(head), 30)]
		if k := slices.IndexFunc(head, func(r rune) bool { return r == '。' || r == '，' || r == '：' }); k >= 0 {
			head = head[:k]
		}
		h := string(head)
		return len(head) >= 6 && strings.Contains(h, "教育") &&
			(strings.Contains(h, "总结") || strings.Contains(h, "计划") || strings.Contains(h, "要点"))
	}
	return false
}
