package corpus

import "strings"

// Tense: whether a text reports work done or sets out work to do. A report
// titled 工作总结与计划 may hold only its plan, with headings that name no part
// ("一、强化党建引领…"); its sentences then say what is to be done (要, 将,
// 力争, 确保, 进一步) and never what was done (了, 已, 完成, 实现).

// planWords mark a clause about work to do.
var planWords = []string{"要", "将", "力争", "计划", "确保", "争取", "进一步", "拟"}

// notPlan are words holding a plan word that say nothing about tense
// (主要, 要求, 现将 "现将…总结如下").
var notPlan = []string{"主要", "重要", "需要", "必要", "首要", "只要", "纲要", "要求", "要点", "要素", "现将", "拟定"}

// doneWords mark a clause about work done.
var doneWords = []string{"了", "已", "完成", "实现"}

// notDone are words holding a done word that are not about completion.
var notDone = []string{"为了", "除了", "了解"}

// planClauseMin is how many plan clauses a text needs, with no done clause,
// to read as a plan. Summaries written in the formal style may go without a
// done word for a whole excerpt and still use 确保 or 进一步 three times, so
// the bar is set above that.
const planClauseMin = 5

// readsAsPlan reports whether text is written as a plan: at least
// planClauseMin clauses with a plan word and none that reports work done.
// Quoted slogans ("说了算，定了干") are skipped, and a clause with both
// (力争完成) is a plan clause.
func readsAsPlan(text string) bool {
	plan := 0
	for _, clause := range clauses(unquote(text)) {
		p, d := hasWord(clause, planWords, notPlan), hasWord(clause, doneWords, notDone)
		switch {
		case p:
			plan++
		case d:
			return false
		}
	}
	return plan >= planClauseMin
}

// hasWord reports whether s holds one of words outside the exceptions.
func hasWord(s string, words, except []string) bool {
	for _, e := range except {
		s = strings.ReplaceAll(s, e, "　")
	}
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// clauses cuts text at clause punctuation.
func clauses(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool {
		switch r {
		case '，', '。', '；', '：', '！', '？', '\n':
			return true
		}
		return false
	})
}

// unquote drops the text inside “…” quotes.
func unquote(text string) string {
	if !strings.Contains(text, "“") {
		return text
	}
	var b strings.Builder
	depth := 0
	for _, r := range text {
		switch {
		case r == '“':
			depth++
		case r == '”' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
