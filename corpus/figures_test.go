package corpus

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestExtractFiguresAdversarial checks figures that are easy to get wrong:
// multipliers, decimals, compound units, spaced numbers, Chinese numerals.
// Inputs go through Parser.Normalize first, as text does in the parser.
func TestExtractFiguresAdversarial(t *testing.T) {
	p := NewParser(DefaultTaxonomy())
	cases := []struct {
		in    string
		value float64
		unit  string
		label string // "" = not checked
	}{
		{"招聘特岗教师166名", 166, "名", "招聘特岗教师"},
		{"总投资1.4亿多元", 1.4e8, "元", "总投资"},
		{"上线率33.09%", 33.09, "%", "上线率"},
		{"发放资金422.9775万元", 4229775, "元", "发放资金"},
		{"累计培训 15 万人次以上", 150000, "人次", "累计培训"},
		{"惠及农村学生15 万人次", 150000, "人次", "惠及农村学生"},
		{"补助标准1500元/人/年", 1500, "元/人/年", "补助标准"},
		{"补助标准 1500 元/人/年", 1500, "元/人/年", ""},
		{"新建学校三所", 3, "所", "新建学校"},
		{"成立十二个工作组", 12, "个", ""},
		{"培训教师两千余人", 2000, "人", "培训教师"},
		{"新建学校十多所", 10, "所", "新建学校"},
		{"新增两所幼儿园", 2, "所", ""},
		{"1100余万元", 1100e4, "元", ""},
		{"较上年提高3.2个百分点", 3.2, "个百分点", ""},
		{"新增校舍面积1.26万平方米", 12600, "平方米", ""},
		{"资金1,200万元", 1200e4, "元", ""},
		{"毛入学率达到９５．６％", 95.6, "%", ""},
		{"投入资金３６００万元", 3600e4, "元", "投入资金"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			figs := ExtractFigures(p.Normalize(c.in))
			if len(figs) != 1 {
				t.Fatalf("ExtractFigures(%q) = %+v, want one figure", c.in, figs)
			}
			f := figs[0]
			if f.Placeholder || !closeTo(f.Value, c.value) || f.Unit != c.unit {
				t.Errorf("ExtractFigures(%q) = %v %q (placeholder %v), want %v %q", c.in, f.Value, f.Unit, f.Placeholder, c.value, c.unit)
			}
			if c.label != "" && f.Label != c.label {
				t.Errorf("ExtractFigures(%q) label = %q, want %q", c.in, f.Label, c.label)
			}
		})
	}
}

// TestExtractFiguresExactDecimalValue checks that 422.9775万元 is computed
// without binary rounding: 4229775 exactly.
func TestExtractFiguresExactDecimalValue(t *testing.T) {
	figs := ExtractFigures("发放资金422.9775万元")
	if len(figs) != 1 || figs[0].Value != 4229775 {
		t.Errorf("ExtractFigures(发放资金422.9775万元) = %+v, want value 4229775 exactly", figs)
	}
}

// TestExtractFiguresIgnoresNonQuantities checks that dates, years, ordinals,
// document numbers and fixed political numerals are not figures.
func TestExtractFiguresIgnoresNonQuantities(t *testing.T) {
	p := NewParser(DefaultTaxonomy())
	for _, in := range []string{
		"坚决做到两个维护",
		"严格落实三会一课制度",
		"牢固树立四个意识",
		"2021年",
		"2021年全县教育工作",
		"于7月19日召开会议",
		"荣获全市第3名",
		"〔2020〕71号",
		"[20**]4号",
		"教发〔2021〕12号文件",
		"2020-2022年",
		"初一年级",
		"一所学校", // one is not counted as a figure
		"第一部分",
		"",
	} {
		if figs := ExtractFigures(p.Normalize(in)); len(figs) != 0 {
			t.Errorf("ExtractFigures(%q) = %+v, want none", in, figs)
		}
	}
}

// TestExtractFiguresMarksPlaceholders checks xx人, xxx元, x.xx%, 20**年,
// 20xx年 and xx.x%: they are figures with no value.
func TestExtractFiguresMarksPlaceholders(t *testing.T) {
	cases := []struct{ in, unit, text string }{
		{"计划招聘教师xx人", "人", "计划招聘教师xx人"},
		{"从原来的xxx元提高", "元", "xxx元"},
		{"毛入园率达到x.xx%", "%", "x.xx%"},
		{"力争到20**年底", "年", "20**年"},
		{"不低于20xx年水平", "年", "20xx年"},
		{"占比达到xx.x%", "%", "xx.x%"},
		{"投入xx万元", "元", "xx万元"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			figs := ExtractFigures(c.in)
			if len(figs) != 1 {
				t.Fatalf("ExtractFigures(%q) = %+v, want one placeholder", c.in, figs)
			}
			f := figs[0]
			if !f.Placeholder || f.Value != 0 || f.Unit != c.unit || !strings.HasSuffix(f.Text, c.text) {
				t.Errorf("ExtractFigures(%q) = %+v, want placeholder %q unit %q", c.in, f, c.text, c.unit)
			}
		})
	}
}

// TestFigureMarshalJSON checks that a placeholder's value is null and a
// figure's value a plain number, with the other fields kept.
func TestFigureMarshalJSON(t *testing.T) {
	b, err := json.Marshal(Figure{Text: "计划招聘教师xx人", Unit: "人", Label: "计划招聘教师", Placeholder: true})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"value":null`) || !strings.Contains(string(b), `"placeholder":true`) || !strings.Contains(string(b), `"label":"计划招聘教师"`) {
		t.Errorf("placeholder JSON = %s, want value null", b)
	}
	b, err = json.Marshal(Figure{Text: "发放资金422.9775万元", Value: 4229775, Unit: "元", Label: "发放资金"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"value":4229775,`) && !strings.HasSuffix(string(b), `"value":4229775}`) {
		t.Errorf("figure JSON = %s, want value 4229775", b)
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil || back["value"] != 4229775.0 || back["unit"] != "元" {
		t.Errorf("figure JSON round trip = %v, %v", back, err)
	}
	if strings.Count(string(b), `"value"`) != 1 {
		t.Errorf("figure JSON has the value key more than once: %s", b)
	}
}

// TestExtractFiguresHugeNumberMarshalsToJSON checks that a number too large
// for a float64 (309+ digits, as in garbage input) does not break the JSON
// contract: the figure must marshal (as a finite value, or not be a figure).
func TestExtractFiguresHugeNumberMarshalsToJSON(t *testing.T) {
	for _, g := range ExtractFigures("投入" + strings.Repeat("9", 400) + "元") {
		if _, err := json.Marshal(g); err != nil {
			t.Errorf("figure with value %v does not marshal: %v", g.Value, err)
		}
	}
}

// TestParseChineseNumber checks the Chinese numeral reader.
func TestParseChineseNumber(t *testing.T) {
	for in, want := range map[string]int{"三": 3, "十": 10, "十二": 12, "二十五": 25, "一百零八": 108, "两千": 2000, "两": 2,
		"三万": 30_000, "十万": 100_000, "三万五千": 35_000, "两千万": 20_000_000, "一亿二千万": 120_000_000, "三亿": 300_000_000,
		"万": 10_000, "五万亿": 5_000_000_000_000} {
		if got, ok := ParseChineseNumber(in); !ok || got != want {
			t.Errorf("ParseChineseNumber(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	if _, ok := ParseChineseNumber(""); ok {
		t.Errorf("ParseChineseNumber(\"\") ok, want false")
	}
}
