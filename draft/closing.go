package draft

import (
	"strconv"
	"strings"
	"time"

	"github.com/zongjie/zongjie/corpus"
)

// Closing is what ends a report: a fact-free closing paragraph at the org's
// level, then the sign-off (署名 and 成文日期) as two lines of their own.
func Closing(f Facts, at time.Time) string {
	return closingParagraph(f) + "\n\n" + f.Org + "\n\n" + SignDate(f, at)
}

// closingParagraph is the last paragraph of the body: a summary looks
// forward, a plan commits to its tasks.
func closingParagraph(f Facts) string {
	level := orgLevel(f.Org)
	p := factsPeriod(f)
	switch f.Doc {
	case corpus.KindPlan:
		name := p.Name()
		if p.Span == corpus.PeriodSecondHalf {
			name = "全年" // the second half closes the year and carries its targets
		}
		return "我们将以更加务实的作风、更加有力的举措，狠抓各项任务落实，确保" + name + "各项目标任务圆满完成，办好人民满意的" + field(f.Org) + "。"
	case corpus.KindSummaryPlan:
		next := p.Next()
		name := next.Short()
		switch {
		case next.Year != p.Year:
			name = next.Name()
		case next.Span == corpus.PeriodSecondHalf:
			name = "全年" // after the first half, the year's targets are what remain
		case next.quarter() > 0:
			name = next.Short() + "及全年"
		}
		return "我们将坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，狠抓各项任务落实，确保" + name + "各项目标任务圆满完成，奋力推动" + level + field(f.Org) + "高质量发展。"
	}
	if next := p.Next(); p.Span != corpus.PeriodAnnual && next.Year != p.Year {
		// The last quarter or half closes the year: it looks to the next.
		return p.Short() + "，" + level + "教育工作总体平稳有序。下一步，我们将认真总结全年工作，科学谋划" + strconv.Itoa(next.Year) + "年各项工作，确保开好局、起好步。"
	}
	if p.Span != corpus.PeriodAnnual {
		// A half-year or a quarter closes on what remains of the year.
		return p.Short() + "，" + level + "教育工作总体平稳有序。下一步，我们将对照全年目标任务，查漏补缺、压茬推进，确保全年各项工作圆满完成。"
	}
	return "回顾" + p.Short() + "，" + level + "教育工作虽然取得了一定成效，但与人民群众对优质教育的期盼相比还存在差距。下一步，我们将坚持以习近平新时代中国特色社会主义思想为指导，坚持问题导向，补短板、强弱项，奋力推动" + level + field(f.Org) + "高质量发展。"
}

// SignDate is the 成文日期: the day the draft is written when that is a
// plausible day to write this report — from a month before a summary's period
// ends to two months after, or from two months before a plan's period starts
// to two months after; otherwise the period's own date (the last day of a
// summary's period, the day before a plan's), for the writer to correct. A
// 2025 first-half summary drafted in December 2026 is not dated December 2026.
func SignDate(f Facts, at time.Time) string {
	p := factsPeriod(f)
	natural := periodEnd(p)
	from, to := natural.AddDate(0, -1, 0), natural.AddDate(0, 2, 0)
	if f.Doc == corpus.KindPlan {
		start := periodStart(p)
		natural = start.AddDate(0, 0, -1) // written before its period starts
		from, to = start.AddDate(0, -2, 0), start.AddDate(0, 2, 0)
	}
	if !at.IsZero() && !at.Before(from) && at.Before(to.AddDate(0, 0, 1)) {
		return cnDate(at)
	}
	return cnDate(natural)
}

// periodStart is the first day of a period.
func periodStart(p Period) time.Time {
	month := 1
	switch q := p.quarter(); {
	case q > 0:
		month = 3*q - 2
	case p.Span == corpus.PeriodSecondHalf:
		month = 7
	}
	return time.Date(p.Year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
}

// periodEnd is the last day of a period.
func periodEnd(p Period) time.Time {
	month := 12
	switch q := p.quarter(); {
	case q > 0:
		month = 3 * q
	case p.Span == corpus.PeriodFirstHalf:
		month = 6
	}
	return time.Date(p.Year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC)
}

func cnDate(t time.Time) string {
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// RunResults turns a stored run into the sections of a result.
func RunResults(run Run) []SectionResult {
	out := make([]SectionResult, len(run.Sections))
	for i, s := range run.Sections {
		status := s.Status
		if !s.Write {
			status = StatusDone // part headings have no text of their own
		}
		out[i] = SectionResult{Level: s.Level, Marker: s.Marker, Heading: s.Heading, Category: s.Category, Part: s.Part, Text: s.Text, Status: status}
	}
	return out
}

// RunMarkdown renders a stored run as the report, signed on the day the run
// was made.
func RunMarkdown(run Run, f Facts) string {
	return RenderMarkdown(run.Title, run.Opening, RunResults(run), Closing(f, run.CreatedAt))
}

// chineseQuotes turns ASCII quotes in Chinese text into “” and ‘’, pairing
// them in order within the paragraph.
func chineseQuotes(s string) string {
	if !strings.ContainsAny(s, "\"'") {
		return s
	}
	var b strings.Builder
	dq, sq := false, false
	for _, r := range s {
		switch r {
		case '"':
			b.WriteRune(map[bool]rune{false: '“', true: '”'}[dq])
			dq = !dq
		case '\'':
			b.WriteRune(map[bool]rune{false: '‘', true: '’'}[sq])
			sq = !sq
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
