package llmtest

import (
	"regexp"
	"strings"
)

// The fake models of the project's tests (draft, web, cmd/zongjie and the
// browser test's fakellm) read the prompts the same way, so the reading is
// written once here.

// Kinds of request, told apart by their prompts.
const (
	KindSection = "section"
	KindRepair  = "repair"
	KindOpening = "opening"
	KindPlan    = "plan"
)

var (
	factLine = regexp.MustCompile(`(?m)^\d+\. (.+)$`)
	category = regexp.MustCompile(`(?m)^类别：(.+)$`)
	heading  = regexp.MustCompile(`(?m)^标题：(.+)$`)
	// taskSource is the hint after a plan task: （出处：续办…）.
	taskSource = regexp.MustCompile(`（出处：[^）]*）$`)
)

// KindOf tells what a prompt asks for: a section, a repair, the opening or a
// plan section; "" for anything else.
func KindOf(prompt string) string {
	switch {
	case strings.Contains(prompt, "【初稿】"):
		return KindRepair
	case strings.Contains(prompt, "总述段"):
		return KindOpening
	case strings.Contains(prompt, "工作计划撰写") || strings.Contains(prompt, "任务提纲"):
		return KindPlan
	case heading.MatchString(prompt):
		return KindSection
	}
	return ""
}

// Category is the category a section prompt names, "" when none.
func Category(prompt string) string { return lineAfter(category, prompt) }

// Heading is the heading a section prompt asks to write, "" when none.
func Heading(prompt string) string { return lineAfter(heading, prompt) }

func lineAfter(re *regexp.Regexp, prompt string) string {
	if m := re.FindStringSubmatch(prompt); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// Facts returns the user's numbered facts of a section or repair prompt,
// not the numbered lines of the examples after them.
func Facts(prompt string) []string {
	i := strings.Index(prompt, "用户提供的事实")
	if i < 0 {
		return nil
	}
	return numbered(prompt[i:], "以下参考范文", "用户事实中找不到", "没有写进正文", "只输出")
}

// PlanTasks returns the tasks and targets of a plan prompt, without their
// source hints.
func PlanTasks(prompt string) []string {
	i := strings.Index(prompt, "任务提纲")
	if i < 0 {
		i = strings.Index(prompt, "用户给出的目标")
	}
	if i < 0 {
		return nil
	}
	out := numbered(prompt[i:], "只输出")
	for k, t := range out {
		out[k] = taskSource.ReplaceAllString(t, "")
	}
	return out
}

// numbered lists the "N. text" lines of s before the first of stops.
func numbered(s string, stops ...string) []string {
	for _, stop := range stops {
		if j := strings.Index(s, stop); j >= 0 {
			s = s[:j]
		}
	}
	var out []string
	for _, m := range factLine.FindAllStringSubmatch(s, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	return out
}

// EchoFacts answers a section prompt as a well-behaved model would: a lead
// sentence, then each of its facts as a sentence.
func EchoFacts(req Request) Reply {
	var b strings.Builder
	b.WriteString("坚持问题导向，扎实推进各项工作。")
	for _, f := range Facts(req.Last()) {
		b.WriteString(f + "。")
	}
	return Reply{Text: b.String()}
}
