package corpus

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that Parse (as .txt and as .md) and ParseText never panic and always return a
// well-formed section tree: IDs unique, each Parent an earlier ID or "",
// levels not negative.
func FuzzParse(f *testing.F) {
	entries, err := os.ReadDir("testdata")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || e.Name() == "README.md" {
			continue
		}
		data, err := os.ReadFile(filepath.Join("testdata", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"",
		"一、",
		"（一）",
		"第一部分",
		"一是。二是。",
		"1、\n2、\n3、",
		"某某县教育局2023年工作总结\n一、主要工作\n（一）强化党建引领。全年新发展党员14名。\n二、存在的问题\n三、2024年工作打算",
		"教育局季度工作总结一\n教育局季度工作总结二",
		"区(qū)教育局",
		"xx人 20**年 x.xx% 1.4亿多元 422.9775万元",
		"\xef\xbb\xbf澄江湾县教育局２０２４年工作\n要点",
		"PK\x03\x04",
		"%PDF-1.7",
	} {
		f.Add([]byte(s))
	}
	p := NewParser(DefaultTaxonomy())
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := p.Parse("fuzz.txt", data)
		if err == nil {
			if len(res.Documents) == 0 {
				t.Errorf("Parse succeeded with no documents")
			}
			for _, d := range res.Documents {
				if err := checkSections(d.Sections); err != nil {
					t.Errorf("Parse: %v", err)
				}
			}
			// Infinite values (numbers of 309+ digits) are a known failure,
			// covered by TestExtractFiguresHugeNumberMarshalsToJSON.
			if _, err := json.Marshal(res); err != nil && !hasInfinite(res) {
				t.Errorf("result does not marshal: %v", err)
			}
		}
		for _, d := range p.ParseText(string(data)) {
			if err := checkSections(d.Sections); err != nil {
				t.Errorf("ParseText: %v", err)
			}
		}
		if res, err := p.Parse("fuzz.md", data); err == nil {
			for _, d := range res.Documents {
				if err := checkSections(d.Sections); err != nil {
					t.Errorf("Parse as Markdown: %v", err)
				}
			}
		}
	})
}

// FuzzExtractFigures checks that ExtractFigures never panics and returns
// sane figures: a unit or a 万/亿/千 multiplier, a finite non-negative value, no value on placeholders.
func FuzzExtractFigures(f *testing.F) {
	for _, s := range []string{
		"招聘特岗教师166名", "总投资1.4亿多元", "上线率33.09%", "发放资金422.9775万元", "15万人次",
		"1500元/人/年", "三所", "十二个", "两个维护", "三会一课", "2021年", "7月19日", "第3名",
		"〔2020〕71号", "[20**]4号", "xx人", "xxx元", "x.xx%", "20**年", "20xx年", "xx.x%",
		"1,200万元", "9999999999999999999999亿元", "1.", "x.", "20", "一百零八名", "十十十十个",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range ExtractFigures(s) {
			// A bare multiplier is a figure without a unit (全县人口52万).
			if g.Unit == "" && !strings.ContainsAny(g.Text, "万亿千") {
				t.Errorf("figure %q has neither a unit nor a multiplier", g.Text)
			}
			if math.IsNaN(g.Value) || g.Value < 0 {
				t.Errorf("figure %q has value %v", g.Text, g.Value)
			}
			if g.Placeholder && g.Value != 0 {
				t.Errorf("placeholder %q has value %v", g.Text, g.Value)
			}
			if _, err := json.Marshal(g); err != nil && !math.IsInf(g.Value, 0) {
				t.Errorf("figure %q does not marshal: %v", g.Text, err)
			}
		}
	})
}

func hasInfinite(res Result) bool {
	for _, d := range res.Documents {
		for _, s := range d.Sections {
			for _, g := range s.Figures {
				if math.IsInf(g.Value, 0) {
					return true
				}
			}
		}
	}
	return false
}
