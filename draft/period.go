package draft

import (
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/errkind"
)

// Period is the time a report covers: a year and its span (annual,
// first-half, second-half, q1..q4). The next-period rule lives here, once:
// a plan answers the period after the summary it follows.
type Period struct {
	Year int
	Span string // corpus.PeriodAnnual, PeriodFirstHalf, PeriodSecondHalf, "q1".."q4"
}

// quarter is the number of a quarterly span, 0 for any other.
func (p Period) quarter() int {
	if len(p.Span) == 2 && p.Span[0] == 'q' && p.Span[1] >= '1' && p.Span[1] <= '4' {
		return int(p.Span[1] - '0')
	}
	return 0
}

// Next is the period a plan written at the end of p covers: the next year
// after an annual or second-half report, the second half after the first,
// the next quarter after a quarter.
func (p Period) Next() Period {
	switch q := p.quarter(); {
	case q == 4:
		return Period{p.Year + 1, "q1"}
	case q > 0:
		return Period{p.Year, "q" + strconv.Itoa(q+1)}
	case p.Span == corpus.PeriodFirstHalf:
		return Period{p.Year, corpus.PeriodSecondHalf}
	}
	return Period{p.Year + 1, corpus.PeriodAnnual}
}

// Name words the period: 2024年, 2024年上半年, 2024年第三季度.
func (p Period) Name() string {
	y := strconv.Itoa(p.Year) + "年"
	switch q := p.quarter(); {
	case q > 0:
		return y + "第" + ChineseNumeral(q) + "季度"
	case p.Span == corpus.PeriodFirstHalf:
		return y + "上半年"
	case p.Span == corpus.PeriodSecondHalf:
		return y + "下半年"
	}
	return y
}

// Short words the period inside a report of the same year: 下半年,
// 第四季度, 2025年 (a year is always written out).
func (p Period) Short() string {
	if q := p.quarter(); q > 0 {
		return "第" + ChineseNumeral(q) + "季度"
	}
	switch p.Span {
	case corpus.PeriodFirstHalf:
		return "上半年"
	case corpus.PeriodSecondHalf:
		return "下半年"
	}
	return strconv.Itoa(p.Year) + "年"
}

// PlanHeading is the heading of the plan part of a report of period p,
// which plans p.Next(): 2025年工作计划 after an annual summary, 下半年工作打算
// after a first-half one, 第四季度工作打算 after the third quarter.
func (p Period) PlanHeading() string {
	n := p.Next()
	if n.Span == corpus.PeriodAnnual {
		return n.Name() + "工作计划"
	}
	if n.Year != p.Year {
		return n.Name() + "工作打算"
	}
	return n.Short() + "工作打算"
}

// factsPeriod is the period of a facts file.
func factsPeriod(f Facts) Period { return Period{Year: f.Year, Span: spanOrAnnual(f.Period)} }

func spanOrAnnual(s string) string {
	if s == "" {
		return corpus.PeriodAnnual
	}
	return s
}

// ErrNoPlanYear is returned when neither the summary nor the facts give a
// year to plan for.
var ErrNoPlanYear = errkind.New(errkind.Invalid, "无法从总结中确定年份，请用 --year 指定计划年份")

// NewPlanRequest is the one place that decides what a plan answers and
// which period it covers, for the CLI and the web page alike. summary, when
// not nil, is this period's report; facts, when not nil, add targets and
// problems. A facts file of kind plan gives the plan's own period; a
// summary (report or facts) is answered by the period after it. year, when
// not zero, overrides the plan's year.
func NewPlanRequest(summary *corpus.Document, facts *Facts, year int) (PlanRequest, error) {
	var req PlanRequest
	var period Period
	if summary != nil {
		req.Org, req.Summary = summary.Org, summary.Sections
		period = Period{summary.Year, spanOrAnnual(summary.Period)}.Next()
		if summary.Year == 0 {
			period = Period{}
		}
	}
	if facts != nil {
		req.Facts = *facts
		if req.Org == "" {
			req.Org = facts.Org
		}
		if summary == nil {
			period = factsPeriod(*facts)
			if facts.Doc != corpus.KindPlan {
				period = period.Next()
			}
		}
	}
	if year != 0 {
		period.Year = year
		if period.Span == "" {
			period.Span = corpus.PeriodAnnual
		}
	}
	if period.Year == 0 {
		return req, ErrNoPlanYear
	}
	req.Year, req.Period = period.Year, period.Span
	return req, nil
}

// orgLevel is the administrative word for the org's whole area: 全县, 全区,
// 全市, 全旗; 全县 when the org names none.
func orgLevel(org string) string {
	for _, w := range []string{"区", "旗", "市", "县"} {
		if i := strings.LastIndex(org, w); i > 0 && !strings.HasPrefix(org[i:], "市场") {
			if w == "区" && strings.Contains(org[:i], "县") {
				continue
			}
			return "全" + w
		}
	}
	return "全县"
}
