// Package corpus turns the text of past work reports into documents, sections,
// categories and figures. It is pure: it decodes and analyses bytes it is given
// and does no other I/O.
package corpus

import (
	"encoding/json"
	"strconv"
)

// Parts of a report a section can belong to.
const (
	PartPreamble = "preamble" // opening paragraph(s) before the first heading (总述)
	PartSummary  = "summary"  // 工作总结 / 主要成绩 / 工作开展情况
	PartProblems = "problems" // 存在问题 / 不足
	PartPlan     = "plan"     // 工作计划 / 工作思路 / 下一步
)

// Periods a report can cover.
const (
	PeriodAnnual     = "annual"
	PeriodFirstHalf  = "first-half"
	PeriodSecondHalf = "second-half"
	PeriodQuarter    = "quarter" // a quarter whose number is not stated
)

// Kinds of report.
const (
	KindSummary     = "summary"
	KindPlan        = "plan"
	KindSummaryPlan = "summary+plan"
	KindQuarterly   = "quarterly"
)

// Result is what parsing one file yields: the detected encoding and the
// documents found in it. It is the `zongjie parse --json` contract.
type Result struct {
	Source    string     `json:"source"`
	Encoding  string     `json:"encoding"`
	Documents []Document `json:"documents"`
}

// Document is one report: its metadata and its sections in document order.
type Document struct {
	Title    string    `json:"title"`
	Org      string    `json:"org"`
	Year     int       `json:"year,omitempty"`
	Period   string    `json:"period,omitempty"`
	Kind     string    `json:"kind"`
	Sections []Section `json:"sections"`
	// Text is the normalised text of the whole document; its hash identifies
	// the document in the store.
	Text string `json:"-"`
}

// Section is one heading and the text under it up to the next heading. The
// preamble, when present, is a section with level 0 and an empty heading.
type Section struct {
	ID       string   `json:"id"`     // "2.1": position in the heading tree
	Parent   string   `json:"parent"` // ID of the enclosing section, "" at the top
	Level    int      `json:"level"`
	Marker   string   `json:"marker"`  // "一、", "(一)", "1.", "一是", "" for unmarked
	Heading  string   `json:"heading"` // normalised, without its marker
	Part     string   `json:"part"`
	Category string   `json:"category"`
	Text     string   `json:"text"`
	Figures  []Figure `json:"figures"`
}

// Figure is a quantity found in text: "招聘特岗教师166名" → value 166, unit 名,
// label 招聘特岗教师. Placeholders such as "xx人" have no value.
type Figure struct {
	Text        string  `json:"text"`
	Value       float64 `json:"value"`
	Unit        string  `json:"unit"`
	Label       string  `json:"label"`
	Placeholder bool    `json:"placeholder"`
}

// MarshalJSON writes a placeholder's value as null, since it has none.
func (f Figure) MarshalJSON() ([]byte, error) {
	type plain Figure
	value := json.RawMessage("null")
	if !f.Placeholder {
		value = json.RawMessage(strconv.FormatFloat(f.Value, 'f', -1, 64))
	}
	return json.Marshal(struct {
		plain
		Value json.RawMessage `json:"value"`
	}{plain(f), value})
}

// KindName is a kind's Chinese name for people: 总结, 计划, 总结和计划, 季度总结.
func KindName(kind string) string {
	switch kind {
	case KindSummary:
		return "总结"
	case KindPlan:
		return "计划"
	case KindSummaryPlan:
		return "总结和计划"
	case KindQuarterly:
		return "季度总结"
	}
	return kind
}

// PartName is a part's Chinese name for people: 开头, 总结, 问题, 计划.
func PartName(part string) string {
	switch part {
	case PartPreamble:
		return "开头"
	case PartSummary:
		return "总结"
	case PartProblems:
		return "问题"
	case PartPlan:
		return "计划"
	}
	return part
}
