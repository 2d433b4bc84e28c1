package draft

import (
	"regexp"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

// TestFactsYAMLErrorLines: a syntax error is reported at the line that is
// wrong, not where the enclosing mapping began, and in Chinese.
func TestFactsYAMLErrorLines(t *testing.T) {
	head := "org: 清丰县教育局\nyear: 2024\nsections:\n  党建: [新发展党员8人]\n"
	tests := []struct {
		name, yaml, line, want string
	}{
		{"item outdented", head + "  师资:\n   - 招聘特岗教师80名\n  - 培训教师300人次\n", "第7行", "缩进"},
		{"key outdented", head + "  师资: [招聘特岗教师80名]\n 安全: [演练12次]\n", "第6行", "缩进"},
		{"key indented", head + "  师资: [招聘特岗教师80名]\n    安全: [演练12次]\n", "第6行", "“键: 值”"},
		{"unclosed list", head + "  师资: [招聘特岗教师80名\n  安全: [演练12次]\n", "第5行", "方括号列表没有正确结束"},
		{"unclosed quote", head + "  师资: \"招聘特岗教师80名\n", "第5行", "引号"},
		{"tab", head + "\t师资: [a]\n", "第5行", "Tab"},
	}
	english := regexp.MustCompile(`[a-z]{3,} [a-z]{3,}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFacts("f.yaml", []byte(tt.yaml), corpus.DefaultTaxonomy())
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "f.yaml "+tt.line+"：") || !strings.Contains(msg, tt.want) {
				t.Errorf("error %q, want it at %s with %q", msg, tt.line, tt.want)
			}
			if english.MatchString(msg) {
				t.Errorf("error %q is partly English", msg)
			}
		})
	}
}

// TestFactsAllUnknownCategories: every unknown category is named at once,
// each with its line and suggestion.
func TestFactsAllUnknownCategories(t *testing.T) {
	yaml := "org: 清丰县教育局\nyear: 2024\nsections:\n  党建: [新发展党员8人]\n  师姿: [招聘特岗教师80名]\n  安全: [演练12次]\n  体育节: [举办1次]\n  信息话: [建成智慧教室20间]\n"
	_, err := LoadFacts("f.yaml", []byte(yaml), corpus.DefaultTaxonomy())
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"f.yaml 第5行：未知的类别", `"师姿"（第5行，是不是 "师资"？）`, `"体育节"（第7行`, `"信息话"（第8行，是不是 "信息化"？）`, "可用：党建"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
}

// TestFactsOneUnknownCategoryNamesItsLineOnce: the message opens with the
// line, so a single unknown category does not repeat it.
func TestFactsOneUnknownCategoryNamesItsLineOnce(t *testing.T) {
	yaml := "org: 清丰县教育局\nyear: 2024\nsections:\n  师姿: [招聘特岗教师80名]\n"
	_, err := LoadFacts("f.yaml", []byte(yaml), corpus.DefaultTaxonomy())
	if err == nil {
		t.Fatal("no error")
	}
	if msg := err.Error(); strings.Count(msg, "第4行") != 1 || !strings.Contains(msg, `"师姿"（是不是 "师资"？）`) {
		t.Errorf("error %q", msg)
	}
}
