package draft

import (
	"regexp"

	"github.com/zongjie/zongjie/corpus"
)

// months lists the months a period covers (1–12); nil for a whole year or a
// span it cannot tell.
func (p Period) months() []int {
	first := 0
	n := 3
	switch q := p.quarter(); {
	case q > 0:
		first = 3*q - 2
	case p.Span == corpus.PeriodFirstHalf:
		first, n = 1, 6
	case p.Span == corpus.PeriodSecondHalf:
		first, n = 7, 6
	default:
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = first + i
	}
	return out
}

// seasonalWork is school-year work that happens in some months only: a
// stock sentence about it does not belong to a quarter or half-year
// outside them (质量监测 in a July–September report, 冬季防火 in spring).
var seasonalWork = []struct {
	words  *regexp.Regexp
	months []int
}{
	{regexp.MustCompile(`中考|高考|两考|备考|学业水平考试`), []int{3, 4, 5, 6}},
	{regexp.MustCompile(`毕业年级|毕业班`), []int{1, 2, 3, 4, 5, 6, 9, 10, 11, 12}}, // the school year of 初三, 高三
	{regexp.MustCompile(`质量监测`), []int{1, 5, 6, 12}},
	{regexp.MustCompile(`期末`), []int{1, 6, 7, 12}},
	{regexp.MustCompile(`开学`), []int{2, 3, 8, 9}},
	{regexp.MustCompile(`招生|入学`), []int{5, 6, 7, 8}},
	{regexp.MustCompile(`防溺水|溺水|防汛`), []int{4, 5, 6, 7, 8, 9}},
	{regexp.MustCompile(`寒假`), []int{1, 2}},
	{regexp.MustCompile(`暑假|暑期`), []int{6, 7, 8}},
	{regexp.MustCompile(`冬季|防寒|取暖|冰冻|雨雪`), []int{1, 2, 11, 12}},
	{regexp.MustCompile(`毕业`), []int{6, 7}},
}

// outOfSeason reports whether s speaks of work that does not happen in any
// month of p.
func outOfSeason(s string, p Period) bool {
	months := p.months()
	if months == nil {
		return false
	}
	for _, w := range seasonalWork {
		if w.words.MatchString(s) && !overlaps(w.months, months) {
			return true
		}
	}
	return false
}

func overlaps(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
