package textindex_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/store/textindex"
)

func TestBigrams(t *testing.T) {
	tests := map[string]string{
		"县教育局":         "县教 教育 育局",
		"县":            "县",
		"2024年，县教育局召开": "2024 年 县教 教育 育局 局召 召开",
		"利用AI助教":       "利用 ai 助教",
		"ＡＩ助教２０２４":     "ai 助教 2024",
		"":             "",
		"，。！":          "",
	}
	for in, want := range tests {
		if got := textindex.Bigrams(in); got != want {
			t.Errorf("Bigrams(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("一二三四五六七八九十", 20) // 200 runes
	tests := []struct {
		name, text string
		terms      []string
		want       string
	}{
		{"Highlights", "加强党建工作，党建引领。", []string{"党建"}, "加强【党建】工作，【党建】引领。"},
		{"LongestFirst", "特岗教师和教师", []string{"特岗教师", "教师"}, "【特岗教师】和【教师】"},
		{"CaseFolded", "利用AI助教", []string{"ai"}, "利用【AI】助教"},
		{"NoMatch", "没有匹配", []string{"党建"}, "没有匹配"},
		{"Window", long[:3*100] + "党建" + long, []string{"党建"},
			"…" + long[3*80:3*100] + "【党建】" + long[:3*58] + "…"},
		{"OneLine", "第一行\n第二行", nil, "第一行 第二行"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textindex.Snippet(tt.text, tt.terms); got != tt.want {
				t.Errorf("snippet = %q; want %q", got, tt.want)
			}
		})
	}
}

func TestParseQueryPhrases(t *testing.T) {
	tests := map[string]textindex.Query{
		"2024年 党建":  {Phrases: []textindex.Phrase{{Tokens: []string{"2024", "年"}, Prefix: true}, {Tokens: []string{"党建"}}}, Terms: []string{"2024年", "党建"}},
		"第3条":       {Phrases: []textindex.Phrase{{Tokens: []string{"3", "条"}, Prefix: true}}, Verify: []string{"第3条"}, Terms: []string{"第3条"}},
		"校":         {Verify: []string{"校"}, Terms: []string{"校"}},
		"AI、教育局 ai": {Phrases: []textindex.Phrase{{Tokens: []string{"ai"}}, {Tokens: []string{"教育", "育局"}}}, Terms: []string{"教育局", "ai"}},
		"，":         {},
	}
	for in, want := range tests {
		if got := textindex.ParseQuery(in); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseQuery(%q) = %+v; want %+v", in, got, want)
		}
	}
}
