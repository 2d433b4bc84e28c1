package draft

import (
	"math"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// The continuity check closes the loop between reports: last year's plan is
// what this year's summary must answer to, and this year's problems are what
// next year's plan must address.
//
// Method: a plan's tasks are the leaf headings of its plan part (a heading
// with the first sentence under it), or its sentences when the part has no
// sub-headings. A task is addressed when some sentence of the summary part of
// the other report covers enough of it: the share of the task's character
// bigrams found in the sentence, plus a bonus when the sentence's section has
// the task's category, reaches the threshold (continuity.match_threshold).
// Problems are matched to the next plan's tasks the same way.

// planScaffold are plan headings that frame the tasks rather than state one.
var planScaffold = regexp.MustCompile(`^(指导思想|总体要求|总体目标|主要目标|工作目标|目标任务|基本原则|保障措施|组织保障|工作要求)$`)

// ContinuityItem is one task (or problem) and whether it was answered.
type ContinuityItem struct {
	Text      string  `json:"text"`
	Category  string  `json:"category"`
	Addressed bool    `json:"addressed"`
	Match     string  `json:"match,omitempty"` // the sentence that answers it
	Score     float64 `json:"score"`
}

// ContinuityReport is the result of check --plan --summary [--next].
type ContinuityReport struct {
	Threshold float64          `json:"threshold"`
	Tasks     []ContinuityItem `json:"tasks"`              // last year's plan → this year's summary
	Problems  []ContinuityItem `json:"problems,omitempty"` // this year's problems → next plan
}

// categoryBonus rewards a match within the same category.
const categoryBonus = 0.15

type unit struct {
	text, category string
	grams          map[string]bool
}

// planTasks lists the tasks of a document's plan part.
func planTasks(secs []corpus.Section) []unit {
	var out []unit
	for i, s := range secs {
		if s.Part != corpus.PartPlan || s.Level == 0 {
			continue
		}
		leaf := i+1 >= len(secs) || secs[i+1].Level <= s.Level || secs[i+1].Part != corpus.PartPlan
		if !leaf || planScaffold.MatchString(s.Heading) {
			continue
		}
		if corpus.PartOfHeading(s.Heading) == corpus.PartPlan {
			// A plan part without sub-headings: each sentence is a task.
			for _, sent := range sentenceEnd.FindAllString(s.Text+"。", -1) {
				sent = strings.TrimSpace(itemPrefix.ReplaceAllString(strings.TrimSpace(sent), ""))
				if utf8.RuneCountInString(sent) >= 8 {
					out = append(out, newUnit(sent, s.Category))
				}
			}
			continue
		}
		// The heading states the task; the first sentence is shown with it
		// but not matched, since its details dilute the match.
		u := newUnit(s.Heading, s.Category)
		if first := sentenceEnd.FindString(s.Text); first != "" {
			u.text += "：" + strings.TrimSpace(first)
		}
		out = append(out, u)
	}
	return out
}

// summarySentences lists the sentences of a document's summary part, with
// their section's heading as a sentence of its own.
func summarySentences(secs []corpus.Section, part string) []unit {
	var out []unit
	for _, s := range secs {
		if s.Part != part {
			continue
		}
		if s.Heading != "" {
			out = append(out, newUnit(s.Heading, s.Category))
		}
		for _, line := range strings.Split(s.Text, "\n") {
			for _, sent := range sentenceEnd.FindAllString(line+"。", -1) {
				if sent = strings.TrimSpace(sent); utf8.RuneCountInString(sent) >= 6 {
					out = append(out, newUnit(sent, s.Category))
				}
			}
		}
	}
	return out
}

func newUnit(text, category string) unit {
	return unit{text: strings.TrimSpace(text), category: category, grams: bigramSet(text)}
}

// idf weighs bigrams by how rare they are among the candidates, so common
// words of reports (推进, 建设, 教育) count little and names count much.
func idf(candidates []unit) func(string) float64 {
	df := map[string]int{}
	for _, c := range candidates {
		for g := range c.grams {
			df[g]++
		}
	}
	n := float64(len(candidates))
	return func(g string) float64 { return math.Log((n+1)/(float64(df[g])+1)) + 0.1 }
}

// coverage is the weighted share of a's bigrams that b contains.
func coverage(a, b map[string]bool, w func(string) float64) float64 {
	total, shared := 0.0, 0.0
	for g := range a {
		total += w(g)
		if b[g] {
			shared += w(g)
		}
	}
	if total == 0 {
		return 0
	}
	return shared / total
}

// matchUnits finds, for each item, the best candidate and whether it passes.
func matchUnits(items, candidates []unit, threshold float64, fallback string) []ContinuityItem {
	out := make([]ContinuityItem, 0, len(items))
	w := idf(candidates)
	for _, it := range items {
		best, bestScore := "", 0.0
		for _, c := range candidates {
			score := coverage(it.grams, c.grams, w)
			if it.category == c.category && it.category != fallback {
				score += categoryBonus
			}
			if score > bestScore {
				best, bestScore = c.text, score
			}
		}
		ci := ContinuityItem{Text: it.text, Category: it.category, Score: roundScore(bestScore)}
		if bestScore >= threshold {
			ci.Addressed, ci.Match = true, best
		}
		out = append(out, ci)
	}
	return out
}

// roundScore rounds for display; the category bonus can lift a perfect
// match above 1, which says nothing more.
func roundScore(f float64) float64 { return float64(int(min(f, 1)*1000+0.5)) / 1000 }

// CheckContinuity matches last year's plan tasks against this year's summary
// and, when next is given, this year's problems against next year's plan.
func CheckContinuity(lastPlan, summary, next []corpus.Section, threshold float64, tax corpus.Taxonomy) ContinuityReport {
	rep := ContinuityReport{Threshold: threshold}
	rep.Tasks = matchUnits(planTasks(lastPlan), summarySentences(summary, corpus.PartSummary), threshold, tax.Fallback)
	if next != nil {
		var problems []unit
		for _, p := range SummaryProblems(summary) {
			problems = append(problems, newUnit(p, tax.Classify(p, "", "").Category))
		}
		var tasks []unit
		for _, t := range planTasks(next) {
			tasks = append(tasks, t)
		}
		for _, s := range summarySentences(next, corpus.PartPlan) {
			tasks = append(tasks, s)
		}
		rep.Problems = matchUnits(problems, tasks, threshold, tax.Fallback)
	}
	return rep
}
