package corpus

import (
	"strings"
	"testing"
)

func TestStripHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Paragraphs", "<p>一、主要工作</p><p>正文。</p>", "\n一、主要工作\n\n正文。\n"},
		{"BreakAndAttributes", `甲。<br/>乙<span style="x">丙</span>。<BR>`, "甲。\n乙丙。\n"},
		{"Entities", "紧扣&ldquo;学有优教&rdquo;目标&mdash;&mdash;首页&nbsp;&gt;&nbsp;县教育局&#12290;", "紧扣“学有优教”目标——首页 > 县教育局。"},
		{"UnknownEntityKept", "A&B&zz;", "A&B&zz;"},
		{"AngleBracketTitleKept", "学习<教育法>和<教师法>。", "学习<教育法>和<教师法>。"},
		{"PlainText", "全年新发展党员9人。", "全年新发展党员9人。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripHTML(tt.in); got != tt.want {
				t.Errorf("stripHTML(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRepeatedFurniture(t *testing.T) {
	lines := []string{
		"某某县人民政府门户网站", "某某县教育局2023年工作总结", "一、主要工作", "正文一。",
		"某某县人民政府门户网站", "二、存在问题", "正文二。", "存在问题",
		"某某县人民政府门户网站", "二、存在问题", "存在问题", "二、存在问题", "存在问题",
		"- 2 -", "- 2 -", "- 2 -",
	}
	got := repeatedFurniture(lines)
	for _, l := range []string{"某某县人民政府门户网站", "- 2 -"} {
		if !got[l] {
			t.Errorf("%q not furniture", l)
		}
	}
	for _, l := range []string{"二、存在问题", "存在问题", "正文一。"} {
		if got[l] {
			t.Errorf("%q taken for furniture", l)
		}
	}
}

func TestSplitInlineHeadings(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"LevelOneAfterColon", "总结如下：一、主要工作。全年……", "总结如下：|一、主要工作。全年……"},
		{"ParenAfterSentence", "（一）党建引领。全年发展党员9名。（二）办学条件。投入资金。", "（一）党建引领。全年发展党员9名。|（二）办学条件。投入资金。"},
		{"ParenAfterRunInHeading", "一、2023年主要工作（一）坚持党建引领。深入开展主题教育。", "一、2023年主要工作|（一）坚持党建引领。深入开展主题教育。"},
		{"EnumerationStaysText", "主要措施有：（一）加强领导；（二）强化督导。", "主要措施有：（一）加强领导；（二）强化督导。"},
		{"OnlyTheNextNumber", "（一）党建。正文。（三）安全。正文。", "（一）党建。正文。（三）安全。正文。"},
		{"FirstCNAfterRunInTitle", "桐溪县教育局2022年工作总结一、主要工作（一）强化党建。全年……", "桐溪县教育局2022年工作总结|一、主要工作|（一）强化党建。全年……"},
		{"ParenAfterHeadingWithComma", "一、夯实基础，提升水平（一）校舍改造。正文。", "一、夯实基础，提升水平|（一）校舍改造。正文。"},
		{"DigitAfterRunInHeading", "（一）办学条件持续改善1.新建学校。正文。2.改造校舍。正文。", "（一）办学条件持续改善|1.新建学校。正文。|2.改造校舍。正文。"},
		{"CNAfterExclamation", "贡献力量！一、坚持党建引领。正文。", "贡献力量！|一、坚持党建引领。正文。"},
		{"CNSkipsOneNumber", "二、形式多样。正文。四、成效明显。正文。", "二、形式多样。正文。|四、成效明显。正文。"},
		{"ASCIIPointEndsSentence", "1、规划落实。正文迈入新时期.2、投入落实.正文", "1、规划落实。正文迈入新时期.|2、投入落实.正文"},
		{"OCRLetterForFullStop", "（一）供给完善。配备率达100%O（二）五育融合。正文", "（一）供给完善。配备率达100%O|（二）五育融合。正文"},
		{"ChunkMarkerMidSentenceStaysText", "（一）党建。全县共有党员2、300余名。", "（一）党建。全县共有党员2、300余名。"},
		{"DecimalIsNoMarker", "（一）投入。全年投入。2.5亿元用于建设。", "（一）投入。全年投入。2.5亿元用于建设。"},
		{"LongLineBeforeCNIsNoTitle", "全县教育系统认真贯彻落实各项决策部署并取得显著成效在此基础上制定了工作计划一、二年级学生", "全县教育系统认真贯彻落实各项决策部署并取得显著成效在此基础上制定了工作计划一、二年级学生"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lastCN := 0
			if got := strings.Join(splitInlineHeadings([]string{tt.in}, &lastCN), "|"); got != tt.want {
				t.Errorf("splitInlineHeadings(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestYearOfDate(t *testing.T) {
	tests := []struct {
		lines []string
		want  int
	}{
		{[]string{"（2024年11月20日）"}, 2024},
		{[]string{"2025年1月8日"}, 2024}, // written in January: last year's report
		{[]string{"2024-07-16"}, 2024},
		{[]string{"某某县教育局", "2023年12月28日"}, 2023},
		{[]string{"20xx年12月"}, 0},
		{nil, 0},
	}
	for _, tt := range tests {
		if got := yearOfDate(tt.lines); got != tt.want {
			t.Errorf("yearOfDate(%q) = %d; want %d", tt.lines, got, tt.want)
		}
	}
}

func TestParseTitleAfterOrgLineAndAttachmentLabel(t *testing.T) {
	body := "\n2025年是“十四五”规划收官之年，全县教育工作的总体思路是坚持立德树人，办好人民满意的教育，推动全县教育事业高质量发展。\n一、总体目标\n全县学前三年毛入园率达到95%以上。\n"
	tests := []struct{ name, text, title, org string }{
		{"OrgThenTitle", "雁溪县教育局\n2024年工作总结和2025年工作打算" + body, "雁溪县教育局2024年工作总结和2025年工作打算", "雁溪县教育局"},
		{"AttachmentOrgTitle", "附件\n梅岗县教育局\n2025年教育工作要点" + body, "梅岗县教育局2025年教育工作要点", "梅岗县教育局"},
		{"AttachmentNumbered", "附件2：\n某某县教育局2025年教育工作要点" + body, "某某县教育局2025年教育工作要点", "某某县教育局"},
	}
	p := NewParser(DefaultTaxonomy())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs := p.ParseText(tt.text)
			if len(docs) != 1 || docs[0].Title != tt.title || docs[0].Org != tt.org {
				var got []string
				for _, d := range docs {
					got = append(got, d.Title+" | "+d.Org)
				}
				t.Errorf("documents %q; want one titled %q by %q", got, tt.title, tt.org)
			}
		})
	}
}

func TestNormalizeLineOCR(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"LetterSpaced", "一 、 主 要 工 作", "一、主要工作"},
		{"LetterSpacedNumbers", "公 开 招 聘 教 师 1 3 5 名 , 其 中 特 岗 教 师 6 ０ 名", "公开招聘教师135名，其中特岗教师60名"},
		{"ColumnsKeepOneSpace", "学 校 名 称    投 资 （ 万 元 ）", "学校名称投资（万元）"},
		{"NormalSpacingKept", "利用 AI 助教 and STEM 课程", "利用AI助教and STEM课程"},
		{"ParenOne", "（-）坚持党建引领", "（一）坚持党建引领"},
		{"ParenOneSpaced", "（- ）抓实党建引领", "（一）抓实党建引领"},
		{"LetterLForOne", "l.抓好教育教学质量提升。", "1.抓好教育教学质量提升。"},
		{"LetterLForOneSpaced", "l . 加强师德师风建设。", "1.加强师德师风建设。"},
		{"LBulletUntouched", "l党建引领", "l党建引领"},
		{"DecimalGap", "覆盖率 达到91. 3 %，较去年", "覆盖率达到91.3%，较去年"},
		{"DatedHeadingNotADecimal", "1. 2024年3月召开会议", "1. 2024年3月召开会议"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normalizeLine(tt.in); got != tt.want {
				t.Errorf("normalizeLine(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestViewerPageCaptions checks that a document viewer's page captions
// ("…工作总结_第2页", "第2页 / 共3页") leave the title once and nothing else.
func TestViewerPageCaptions(t *testing.T) {
	in := strings.Join([]string{
		"柳川县教育局2023年工作总结_第1页", "第1页 / 共3页",
		"柳川县教育局2023年工作总结_第2页", "第2页 / 共3页",
		"柳川县教育局2023年工作总结_第3页",
		"一、主要工作。全年新建校舍两栋。",
	}, "\n")
	got := strings.Join(cleanLines(in), "|")
	if want := "柳川县教育局2023年工作总结|一、主要工作。全年新建校舍两栋。"; got != want {
		t.Errorf("cleanLines = %q, want %q", got, want)
	}
}

// TestSkipToTitle checks that furniture above a report's title is dropped,
// and that text without such a title is left alone.
func TestSkipToTitle(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"furniture above title", []string{"- 1", "约 8页", "2021-03-01 发布", "2020年教育工作总结和2021年工作打算", "正文"}, "2020年教育工作总结和2021年工作打算"},
		{"navigation above plan", []string{"首页 > 政务公开", "字号:[ ]", "溪南市2019年教育工作意见", "正文"}, "溪南市2019年教育工作意见"},
		{"title first", []string{"桐溪县教育局工作总结", "正文"}, "桐溪县教育局工作总结"},
		{"heading before title", []string{"- 1", "一、主要工作", "桐溪县教育局工作总结"}, "- 1"},
		{"title without 教育", []string{"- 1", "- 举报", "2019年工作总结和2020年工作打算", "正文"}, "2019年工作总结和2020年工作打算"},
		{"text first", []string{"2022年，全县教育系统在县委、县政府的坚强领导下，认真贯彻落实各项决策部署，圆满完成了年初确定的各项目标任务。", "2023年工作计划"}, "2022年，全县教育系统在县委、县政府的坚强领导下，认真贯彻落实各项决策部署，圆满完成了年初确定的各项目标任务。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := skipToTitle(tt.in); len(got) == 0 || got[0] != tt.want {
				t.Errorf("skipToTitle(%q) starts %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestKindOfWorkOpinion checks that a bureau's 教育工作意见 is a plan.
func TestKindOfWorkOpinion(t *testing.T) {
	for _, title := range []string{"溪南市2019年教育工作意见", "梅岗县教育局关于2020年教育工作意见"} {
		if got := findKind(title, map[string]bool{PartSummary: true}); got != KindPlan {
			t.Errorf("findKind(%q) = %q, want plan", title, got)
		}
	}
}

// TestTitleRepeatedInBodyIsNoHeading checks that a title a viewer repeats at
// the start of the body does not become a part heading (its 工作思路 would
// make the whole report a plan).
func TestTitleRepeatedInBodyIsNoHeading(t *testing.T) {
	text := strings.Join([]string{
		"柳川县教育局2023年工作总结及2024年工作思路",
		"已阅读3页，还剩2页未读",
		"柳川县教育局2023年工作总结及2024年工作思路",
		"一、2023年工作总结",
		"（一）加强党的建设。全年开展专题学习12次，新发展党员9名，基层党组织标准化建设全面达标。",
		"二、2024年工作思路",
		"（一）持续加强党的建设。深化党组织领导的校长负责制，推进清廉学校建设。",
	}, "\n")
	docs := NewParser(DefaultTaxonomy()).ParseText(text)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	for _, s := range docs[0].Sections {
		if s.Heading == docs[0].Title {
			t.Errorf("title repeated as heading %s", s.ID)
		}
		if s.Heading == "加强党的建设" && s.Part != PartSummary {
			t.Errorf("%q part %q, want summary", s.Heading, s.Part)
		}
	}
}
