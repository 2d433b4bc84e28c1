package draft

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

func loadFactsFile(t *testing.T, name string) (Facts, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "facts", name))
	if err != nil {
		t.Fatal(err)
	}
	return LoadFacts(name, data, corpus.DefaultTaxonomy())
}

func TestLoadFactsValid(t *testing.T) {
	f, err := loadFactsFile(t, "valid.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Org != "清丰县教育局" || f.Year != 2024 || f.Period != "annual" || f.Doc != "summary+plan" || f.Template != "3" || f.Source != "valid.yaml" {
		t.Errorf("header = %q %d %q %q %q %q", f.Org, f.Year, f.Period, f.Doc, f.Template, f.Source)
	}
	// Categories keep the order written, not the taxonomy's.
	if got, want := f.Categories(), []string{"师资", "党建", "办学条件", "教育质量"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Categories() = %v, want %v", got, want)
	}
	dj := f.For("党建")
	if len(dj) != 2 || dj[0].Text != "新发展党员8人" || dj[0].Line != 10 || dj[1].Line != 11 {
		t.Errorf("For(党建) = %+v", dj)
	}
	if len(dj[0].Figures) != 1 || dj[0].Figures[0].Value != 8 || dj[0].Figures[0].Unit != "人" {
		t.Errorf("figures of %q = %+v", dj[0].Text, dj[0].Figures)
	}
	// A single string is one fact.
	if bx := f.For("办学条件"); len(bx) != 1 || len(bx[0].Figures) != 3 || bx[0].Line != 12 {
		t.Errorf("For(办学条件) = %+v", bx)
	}
	if f.For("安全") != nil {
		t.Error("For(安全) should be nil: no such section")
	}
	if len(f.Problems) != 2 || f.Problems[0].Text != "城区大班额问题仍较突出" {
		t.Errorf("Problems = %+v", f.Problems)
	}
	// Figures() leaves out the placeholder 招收一年级新生xx人.
	var texts []string
	for _, g := range f.Figures() {
		texts = append(texts, g.Text)
	}
	want := []string{"招聘特岗教师80名", "组织教师培训1.2万人次", "新发展党员8人", "推荐15人", "投入资金1.4亿元", "改扩建学校3所", "新增学位1,200个", "高考本科上线率33.09%"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("Figures() = %v\nwant %v", texts, want)
	}
}

func TestLoadFactsDefaultsAndAliases(t *testing.T) {
	f, err := LoadFacts("min.yaml", []byte("org: 清丰县教育局\nyear: 2024\nsections:\n  师资: 招聘特岗教师80名\n"), corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	if f.Period != "annual" || f.Doc != "summary" || f.Template != "" {
		t.Errorf("defaults: period %q doc %q template %q", f.Period, f.Doc, f.Template)
	}

	f, err = loadFactsFile(t, "quarter_template_path.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Period != "q3" || f.Doc != "summary" || f.Template != "templates/last-year.yaml" {
		t.Errorf("aliases: period %q doc %q template %q", f.Period, f.Doc, f.Template)
	}
	// An empty category is kept: the user asked for that section.
	if got := f.Categories(); !reflect.DeepEqual(got, []string{"安全", "其他"}) {
		t.Errorf("Categories() = %v", got)
	}
	if fs := f.For("安全"); len(fs) != 1 || fs[0].Figures[0].Value != 47 {
		t.Errorf("For(安全) = %+v", fs)
	}
}

func TestLoadFactsErrors(t *testing.T) {
	tests := []struct {
		file string
		line string // "第N行", or "" when the error has no line
		want []string
	}{
		{"typo_category.yaml", "第5行", []string{"未知的类别", "师姿", "可用：党建、办学条件、师资", "其他", "是不是 \"师资\""}},
		{"bad_yaml.yaml", "第4行", []string{"YAML 格式错误", "方括号列表没有正确结束"}},
		{"tab_indent.yaml", "第4行", []string{"YAML 格式错误", "Tab"}},
		{"unknown_key.yaml", "第3行", []string{"未知的键", "secions", "是不是 \"sections\""}},
		{"empty_sections.yaml", "第4行", []string{"没有任何事实：sections 为空"}},
		{"year_text.yaml", "第2行", []string{"year", "数字", "2024年"}},
		{"year_range.yaml", "第2行", []string{"year", "1924", "1990–2100"}},
		{"bad_period.yaml", "第3行", []string{"period", "全年度", "first-half", "q1–q4"}},
		{"bad_doc.yaml", "第3行", []string{"doc", "report", "summary+plan"}},
		{"missing_org.yaml", "第1行", []string{"缺少 org"}},
		{"section_not_list.yaml", "第5行", []string{"sections.党建", "事实列表"}},
		{"colon_item.yaml", "第6行", []string{"sections.党建 的第2项", "中文冒号"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := loadFactsFile(t, tt.file)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.file+" "+tt.line+"：") {
				t.Errorf("error %q does not start with %q", msg, tt.file+" "+tt.line+"：")
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			var fe *FactsError
			if !errors.As(err, &fe) || fe.Name != tt.file {
				t.Errorf("error is not a *FactsError naming the file: %#v", err)
			}
		})
	}
}

func TestLoadFactsInlineErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"empty file", "", []string{"empty.yaml：", "为空"}},
		{"comments only", "# 只有注释\n", []string{"为空"}},
		{"top level list", "- 新发展党员8人\n", []string{"第1行", "顶层"}},
		{"duplicate key", "org: 甲\nyear: 2024\norg: 乙\n", []string{"第3行", "重复", "第1行"}},
		{"duplicate category", "org: 甲\nyear: 2024\nsections:\n  党建: [a8人]\n  党建: [b9人]\n", []string{"第5行", "党建", "重复"}},
		{"missing year", "org: 甲\nsections:\n  党建: [新发展党员8人]\n", []string{"缺少 year"}},
		{"all categories empty", "org: 甲\nyear: 2024\nsections:\n  党建: []\n", []string{"第3行", "没有任何事实"}},
		{"sections is a list", "org: 甲\nyear: 2024\nsections:\n  - 新发展党员8人\n", []string{"第4行", "sections 应为"}},
		{"template is a list", "org: 甲\nyear: 2024\ntemplate: [3]\nsections:\n  党建: a\n", []string{"第3行", "template"}},
		{"unclosed quote", "org: \"甲\nyear: 2024\n", []string{"YAML 格式错误", "闭合"}},
		{"colon inside a fact", "org: 甲\nyear: 2024\nsections:\n  党建: 发展党员: 8人\n", []string{"第4行", "此处不能再有“键: 值”", "中文冒号"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFacts("empty.yaml", []byte(tt.yaml), corpus.DefaultTaxonomy())
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadFactsProblemsOnlyAndNulls(t *testing.T) {
	f, err := LoadFacts("p.yaml", []byte("org: 甲\nyear: 2024\nperiod:\ntemplate:\nsections:\nproblems: 城区大班额问题仍较突出\n"), corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	if f.Period != "annual" || len(f.Problems) != 1 || f.Problems[0].Line != 6 || len(f.Sections) != 0 {
		t.Errorf("got %+v", f)
	}
}

func TestLoadFactsThousandsInFlowList(t *testing.T) {
	// In a flow list YAML splits 1,200 at the comma; the two halves are
	// rejoined. With a space after the comma they are two facts.
	f := mustFacts(t, "org: 甲\nyear: 2024\nsections:\n  办学条件: [新建学校3所, 新增学位1,200个, 投入资金1,234,500元]\n  师资: [培训教师1, 200人次]\n")
	var got []string
	for _, fact := range f.For("办学条件") {
		got = append(got, fact.Text)
	}
	if want := []string{"新建学校3所", "新增学位1,200个", "投入资金1,234,500元"}; !reflect.DeepEqual(got, want) {
		t.Errorf("facts = %q, want %q", got, want)
	}
	if fs := f.For("办学条件"); fs[2].Figures[0].Value != 1234500 {
		t.Errorf("figures = %+v", fs[2].Figures)
	}
	if n := len(f.For("师资")); n != 2 {
		t.Errorf("师资 has %d facts, want 2", n)
	}
}

func TestNewFactWidthAndSpaces(t *testing.T) {
	// Full-width digits and a space before the unit, as pasted from Word.
	f := NewFact("惠及农村学生１５ 万人次，资助资金 1320 万元", 1)
	if len(f.Figures) != 2 || f.Figures[0].Value != 150000 || f.Figures[1].Value != 13200000 {
		t.Errorf("figures = %+v", f.Figures)
	}
	if f.Text != "惠及农村学生１５ 万人次，资助资金 1320 万元" {
		t.Errorf("text changed: %q", f.Text)
	}
}
