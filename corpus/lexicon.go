package corpus

import (
	_ "embed"
	"strings"
)

// fixedNumeralsTSV is the lexicon of fixed numerals, one phrase a line with
// an example sentence (PHRASE<TAB>EXAMPLE), grouped under # comments by
// source. Every example is a test case: it must scan with no claim.
//
//go:embed fixed_numerals.tsv
var fixedNumeralsTSV string

// lexiconEntry is one line of the lexicon.
type lexiconEntry struct{ phrase, example string }

// lexicon parses fixed_numerals.tsv.
func lexicon() []lexiconEntry {
	var out []lexiconEntry
	for _, line := range strings.Split(fixedNumeralsTSV, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		phrase, example, _ := strings.Cut(line, "\t")
		out = append(out, lexiconEntry{strings.TrimSpace(phrase), strings.TrimSpace(example)})
	}
	return out
}

// FixedNumerals are the built-in phrases whose numerals are names, not
// quantities: set phrases of political and policy language (三会一课, 两个
// 维护 …), congress and plan numbers (二十大, 十四五), and idioms (千方百计).
// A number inside one of them is never a figure. Config adds more
// (drafting.fixed_numerals).
var FixedNumerals = func() []string {
	out := append(append([]string{}, policyNumerals...), idiomNumerals...)
	for _, e := range lexicon() {
		out = append(out, e.phrase)
	}
	return out
}()

// policyNumerals are short-listed here; the full lexicon, one phrase a line
// with an example sentence each, is fixed_numerals.tsv.
var policyNumerals = []string{
	"三会一课", "两学一做", "两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "五育并举", "八项规定",
	"三个代表", "两个责任", "三项制度", "两个一百年", "三个课堂", "五项管理", "三全育人", "六稳六保", "四有",
	"三类残疾", "两项督导", "三残", "两考", "三通两平台", "一岗双责", "两不愁三保障", "三保障", "十四五", "二十大",
	"一票否决", "一案双查", "双减", "两个只增不减", "两个优先", "三个面向",
	"二十届", "十九届", "十八届", "十九大", "十八大", "十五五", "十三五", "十二五", "五位一体",
	"两个毫不动摇", "两个大局", "两个结合", "三个务必", "三个倡导", "四个服务", "九个坚持",
	"六个下功夫", "八个相统一", "四个相统一", "两个巩固", "两个只要", "三位一体", "两条腿",
}

// idiomNumerals are idioms whose numerals read like counts to a scanner
// (五花八门 holds 八门, 三天两头 holds 三天).
var idiomNumerals = []string{
	"五花八门", "七上八下", "三番五次", "千家万户", "千方百计", "万无一失", "一五一十", "十万火急", "四面八方",
	"五湖四海", "九牛一毛", "三令五申", "接二连三", "三三两两", "三天两头", "三年五载", "千辛万苦", "万紫千红",
	"一年四季", "百尺竿头", "十年树木，百年树人", "百年大计", "千秋基业", "三百六十行", "九年义务教育",
	"九年一贯制", "十二年一贯制", "十五年一贯制", "三年行动计划", "三年行动", "五年规划", "一年一度", "学前三年", "学前一年",
}
