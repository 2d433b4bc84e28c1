package draft

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// campaign is a dated drive of party or education work: a heading or lead
// sentence naming it belongs to its years, not to any report.
type campaign struct {
	words      []string
	first, end int // the years it ran, inclusive
}

// campaigns are the drives bureau reports name most; a report outside their
// years mentions them only when the user's facts do.
var campaigns = []campaign{
	{[]string{"疫情防控", "新冠", "停课不停学", "复学复课", "线上教学"}, 2020, 2022},
	{[]string{"党史学习教育", "建党100周年", "建党一百周年", "我为群众办实事"}, 2021, 2021},
	{[]string{"不忘初心、牢记使命", "不忘初心牢记使命", "新中国成立70周年"}, 2019, 2019},
	{[]string{"两学一做"}, 2016, 2017},
	{[]string{"主题教育"}, 2023, 2024},
	{[]string{"党纪学习教育"}, 2024, 2024},
	{[]string{"八项规定精神学习教育"}, 2025, 2025},
	{[]string{"群众身边不正之风和腐败问题", "群众身边不正之风"}, 2024, 2025},
	{[]string{"脱贫攻坚", "精准扶贫", "建档立卡"}, 2014, 2020},
	{[]string{"十九大", "十九届"}, 2017, 2022},
	{[]string{"二十大", "二十届"}, 2022, 2027},
	{[]string{"十三五"}, 2016, 2020},
}

// staleCampaign reports whether text names a campaign outside the year,
// unless the user's facts name it too.
func staleCampaign(text string, year int, facts string) bool {
	if year == 0 {
		return false
	}
	for _, c := range campaigns {
		if year >= c.first && year <= c.end {
			continue
		}
		for _, w := range c.words {
			// The year after may consolidate its 成果 (巩固主题教育成果).
			if year == c.end+1 && mentionsOf(text, w) == strings.Count(text, w+"成果") {
				continue
			}
			if mentionsOf(text, w) > 0 && mentionsOf(facts, w) == 0 {
				return true
			}
		}
	}
	return false
}

// namesCampaign reports whether text names one of the campaigns that the
// user's facts do not: a lead naming a drive presents it as the bureau's
// record, which only the writer can say, in any year.
func namesCampaign(text, facts string) bool {
	for _, c := range campaigns {
		for _, w := range c.words {
			if mentionsOf(text, w) > 0 && mentionsOf(facts, w) == 0 {
				return true
			}
		}
	}
	return false
}

// mentionsOf counts the places text names the campaign word w. 主题教育 is
// also any activity's word (“开学第一课”主题教育, 安全主题教育): a noun or a
// closing quote before it makes it that, while the campaign stands alone or
// after its full name or a verb (开展主题教育, …思想主题教育).
func mentionsOf(text, w string) int {
	if w != "主题教育" {
		return strings.Count(text, w)
	}
	n := 0
	for rest := text; ; {
		i := strings.Index(rest, w)
		if i < 0 {
			return n
		}
		if campaignBefore.MatchString(rest[:i]) {
			n++
		}
		rest = rest[i+len(w):]
	}
}

// campaignBefore ends the text before a 主题教育 that names the campaign.
var campaignBefore = regexp.MustCompile(`(^|[^\p{Han}”"」』》]|思想|开展|深化|巩固|拓展|用好|转化|总结|检视|推进|参加|参与|部署|落实|学习|持续|深入|组织|启动|扎实|全面|按照|围绕|通过|结合|以|在|和|及|与)$`)

// factsText joins the user's facts, for checking what they mention.
func factsText(f Facts) string {
	var b strings.Builder
	for _, fact := range f.allFacts() {
		b.WriteString(fact.Text + "\n")
	}
	return b.String()
}

// FactQueries lists what the writer should confirm in their own facts: a
// fact naming a campaign outside the years it ran (党纪学习教育 in a 2025
// report), or a word of manner written twice (深入开展深入贯彻). The draft
// keeps the writer's words; the query says why they may be wrong.
func FactQueries(f Facts) []string {
	var out []string
	for _, fact := range f.allFacts() {
		if w := doubled(fact.Text); w != "" {
			out = append(out, fmt.Sprintf("“%s”：“%s”重复，请核实", fact.Text, w))
		}
		if examPassed(f, fact.Text) {
			out = append(out, fmt.Sprintf("“%s”：中考、高考在6月举行，%d年的考试在下半年之前已结束，请核实是否为%d年的目标", fact.Text, f.Year, f.Year+1))
		}
		for _, c := range campaigns {
			if f.Year == 0 || f.Year >= c.first && f.Year <= c.end {
				continue
			}
			for _, w := range c.words {
				if mentionsOf(fact.Text, w) > strings.Count(fact.Text, w+"成果") {
					out = append(out, fmt.Sprintf("“%s”：%s是%s开展的，与本报告的%d年不符，请核实名称或年份", fact.Text, w, yearsText(c.first, c.end), f.Year))
					break
				}
			}
		}
	}
	return out
}

// examPassed reports whether a target for the second half of a first-half
// report speaks of this year's 中考 or 高考, which are over by July.
func examPassed(f Facts, text string) bool {
	if f.Doc != corpus.KindSummaryPlan || f.Period != corpus.PeriodFirstHalf && f.Period != "q2" || !looksAhead(f, text) || !exams.MatchString(text) {
		return false
	}
	year := strconv.Itoa(f.Year) + "年"
	return strings.Contains(text, year) || !anyYear.MatchString(text)
}

var (
	exams   = regexp.MustCompile(`中考|高考|学业水平考试`)
	anyYear = regexp.MustCompile(`\d{4}年`)
)

// doubled is the word of manner text writes twice in a row, as a slip does
// (深入开展深入贯彻), or ""; two different ones (扎实开展深入贯彻) are
// no slip.
func doubled(text string) string {
	for i := 0; i < len(text); {
		loc := doubledWord.FindStringSubmatchIndex(text[i:])
		if loc == nil {
			return ""
		}
		if first, second := text[i+loc[2]:i+loc[3]], text[i+loc[4]:i+loc[5]]; first == second {
			return first
		}
		i += loc[3] // try again from the second word
		for i < len(text) && !utf8.RuneStart(text[i]) {
			i++
		}
	}
	return ""
}

// doubledWord is two words of manner close together; doubled keeps the
// pairs of one word written twice.
// (深入开展深入贯彻…).
var doubledWord = regexp.MustCompile(`(深入|全面|持续|扎实|积极|认真|不断|切实)[\p{Han}]{0,2}(深入|全面|持续|扎实|积极|认真|不断|切实)`)

func yearsText(first, end int) string {
	if first == end {
		return fmt.Sprintf("%d年", first)
	}
	return fmt.Sprintf("%d—%d年", first, end)
}
