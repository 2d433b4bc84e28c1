package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// The tests in this file cover habits of real web copies of bureau reports,
// on text written for the tests (fictional counties).

// parseLines parses lines joined by line breaks with the default taxonomy.
func parseLines(lines ...string) []Document {
	return NewParser(DefaultTaxonomy()).ParseText(strings.Join(lines, "\n"))
}

// statsParagraph is a long opening paragraph of school statistics, long
// enough to count as a report body on its own.
const statsParagraph = "全县现有各级各类学校两百余所，其中幼儿园一百余所，小学八十余所，初级中学二十所，" +
	"九年一贯制学校六所，完全中学三所，职业高中一所，特殊教育学校一所。全县在校学生六万余人，" +
	"教职工五千余人，其中专任教师四千余人。学前三年毛入园率稳步提高，义务教育巩固率保持较高水平，" +
	"高中阶段毛入学率持续提升，残疾儿童少年入学率逐年提高，人均受教育年限进一步增加。"

// TestDocumentSplitRepeatedOrIssuedTitle checks the title lines that do not
// open a new report inside a file, and those that still do.
func TestDocumentSplitRepeatedOrIssuedTitle(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  int
	}{
		{"title repeated with its words reordered after the statistics", []string{
			"柳岸县教育局工作总结暨工作计划", statsParagraph,
			"柳岸县工作总结和教育局工作计划",
			"一是扩大学前教育资源。新建公办幼儿园两所，增加学位三百余个，进一步缓解入园难问题。"}, 1},
		{"a notice and the plan it issues", []string{
			"桐溪县教育局关于印发《桐溪县2025年教育工作要点》的通知",
			"各乡镇中心学校、县直各学校：现将《桐溪县2025年教育工作要点》印发给你们，请结合实际认真贯彻落实。" + statsParagraph,
			"桐溪县2025年教育工作要点",
			"一、加强党的全面领导", "深入学习贯彻党的二十大精神，落实全面从严治党主体责任，加强基层党组织建设，持续深化清廉学校建设，推动党建工作与教育教学深度融合。"}, 1},
		{"a site's first numbered copy of the title, a heading, then the title", []string{
			"柳岸县教育局学生资助工作总结1", "一、加强领导，健全机制。",
			"柳岸县教育局学生资助工作总结", statsParagraph}, 1},
		{"a table of contents with page numbers above the report", []string{
			"柳岸县教育局工作要点汇编", "柳岸县教育局2025年工作要点2", "槐川区教育局2025年工作要点9",
			"柳岸县教育局2025年工作要点", statsParagraph}, 1},
		{"the plan part a summary-and-plan title announces", []string{
			"柳岸县教育局2024年工作总结和2025年工作计划", statsParagraph,
			"2025年教育工作计划", statsParagraph}, 1},
		{"a plan of another bureau after a summary and plan", []string{
			"柳岸县教育局2024年工作总结和2025年工作计划", statsParagraph,
			"槐川区教育局2025年教育工作计划", statsParagraph}, 2},
		{"a plan of another year after a summary and plan", []string{
			"柳岸县教育局2024年工作总结和2025年工作计划", statsParagraph,
			"2026年教育工作计划", statsParagraph}, 2},
		{"two reports of a bureau named 教体局", []string{
			"柳岸县教体局2023年工作总结", statsParagraph,
			"柳岸县教体局2024年工作计划", statsParagraph}, 2},
		{"a teaching-research heading is no report title", []string{
			"柳岸县教体局2024年工作总结", statsParagraph,
			"教科研工作总结", statsParagraph}, 1},
		{"quarterly reports numbered one and two stay apart", []string{
			"桐溪县教育局季度工作总结一", statsParagraph,
			"桐溪县教育局季度工作总结二", statsParagraph}, 2},
		{"two years of the same report stay apart", []string{
			"桐溪县教育局2023年工作总结", statsParagraph,
			"桐溪县教育局2024年工作总结", statsParagraph}, 2},
		{"a notice naming another document does not join the next report", []string{
			"桐溪县教育局关于印发《桐溪县学校安全工作方案》的通知",
			"各学校：现将《桐溪县学校安全工作方案》印发给你们，请认真贯彻执行。" + statsParagraph,
			"桐溪县2025年教育工作要点",
			"一、加强党的全面领导", "深入学习贯彻党的二十大精神，落实全面从严治党主体责任，加强基层党组织建设，持续深化清廉学校建设，推动党建工作与教育教学深度融合。"}, 2},
	}
	for _, tt := range tests {
		if got := len(parseLines(tt.lines...)); got != tt.want {
			t.Errorf("%s: %d documents, want %d", tt.name, got, tt.want)
		}
	}
}

// TestReadsAsPlan checks the tense rule on clauses: plan words with no
// completed action read as a plan; one completed action, or too few plan
// clauses, do not.
func TestReadsAsPlan(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"要进一步加强教师队伍建设，力争引进骨干教师二十名，确保每所学校配齐心理健康教师，将组织全员培训，争取省级名师工作室两个。", true},
		{"将新建幼儿园两所；计划改造薄弱学校三所，争取省级项目资金支持，确保秋季按时投入使用，要同步配齐设施设备。", true},
		// A quoted slogan in the past tense does not make a summary.
		{"形成“说了算，定了干”的良好风气，要进一步加强机关作风建设，确保各项工作落到实处，力争全年无事故，将开展作风督查，争取群众满意。", true},
		// Three plan words in a formal summary are not enough.
		{"坚持进一步加强党的建设，确保政治方向，全面落实管党治党责任，要求各支部严格执行制度，进一步规范组织生活，确保学习教育常态长效。", false},
		// One completed action is a summary.
		{"要进一步加强教师队伍建设，确保每所学校配齐教师，力争全面达标。全年已招聘教师三十名。", false},
		{"新建幼儿园两所，完成校舍改造一万平方米，实现了义务教育优质均衡发展的目标。", false},
		// 现将…总结如下 and 主要/重要 are no plan words.
		{"现将主要工作总结如下。认真开展重要活动，组织教师培训，举办运动会。", false},
		// Too little to judge.
		{"要加强党建工作。", false},
	}
	for _, tt := range tests {
		if got := readsAsPlan(tt.text); got != tt.want {
			t.Errorf("readsAsPlan(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestPlanOnlyContentUnderSummaryAndPlanTitle checks that a 总结与计划 whose
// text only plans has plan sections, and that one that reports work done
// keeps its summary sections.
func TestPlanOnlyContentUnderSummaryAndPlanTitle(t *testing.T) {
	planOnly := parseLines("槐川区教育局工作总结与计划",
		"一、强化党建引领，深化机关作风建设",
		"要进一步加强机关党的建设，严格落实“三会一课”制度，确保党组织作用充分发挥。",
		"二、坚持优质均衡，促进各类教育协调发展",
		"将新建公办幼儿园两所，力争普惠性幼儿园覆盖率提高五个百分点，确保秋季开学前投入使用，进一步缩小城乡差距，要同步配齐保教人员。")
	done := parseLines("槐川区教育局工作总结与计划",
		"一、强化党建引领，深化机关作风建设",
		"全年开展主题党日活动十二次，已发展党员九名，完成基层党组织换届工作。",
		"二、坚持优质均衡，促进各类教育协调发展",
		"新建公办幼儿园两所，普惠性幼儿园覆盖率提高了五个百分点，城乡差距进一步缩小，要继续巩固成果。")
	for _, c := range []struct {
		name string
		docs []Document
		want string
	}{{"plan only", planOnly, PartPlan}, {"work done", done, PartSummary}} {
		if len(c.docs) != 1 {
			t.Fatalf("%s: %d documents", c.name, len(c.docs))
		}
		for _, s := range c.docs[0].Sections {
			if s.Level > 0 && s.Part != c.want {
				t.Errorf("%s: %q part %s, want %s", c.name, s.Heading, s.Part, c.want)
			}
		}
	}
}

// TestArrangingIsNoPlanHeading checks that 安排 names a plan part only as
// the noun ending a heading (下季度工作安排), not as the verb of an action
// heading (全面安排部署).
func TestArrangingIsNoPlanHeading(t *testing.T) {
	tests := []struct{ heading, want string }{
		{"全面安排部署，健全工作机制", ""},
		{"精心安排部署", ""},
		{"第四季度工作安排", PartPlan},
		{"明年工作安排", PartPlan},
		{"下学期安排", PartPlan},
	}
	for _, tt := range tests {
		if got := headingPart(tt.heading, true); got != tt.want {
			t.Errorf("headingPart(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestFieldWordsClassify checks general words of the field: funding and
// facilities are 办学条件, 教育质量 and 科研 are quality, 民生工程 is
// poverty relief and aid, while a plan's
// 经费保障 measure and 基础教育 (a level of schooling) name no topic.
func TestFieldWordsClassify(t *testing.T) {
	tax := DefaultTaxonomy()
	tests := []struct{ heading, want string }{
		{"持续加大教育投入", "办学条件"},
		{"教育各项投入足额到位", "办学条件"},
		{"教育经费保障有力", "办学条件"},
		{"着力完善学校设施配备", "办学条件"},
		{"实施素质教育，全面提高教育质量", "教育质量"},
		{"教育科研成果丰硕", "教育质量"},
		{"民生工程扎实推进", "扶贫"},
		// 基础教育 names a level of schooling, not its quality.
		{"基础教育各项工作扎实开展", "其他"},
		{"强化经费保障", "其他"},
		// Enrolment is office work; admitting top graduates early is quality.
		{"秋季招生入学工作平稳有序", "其他"},
		{"做好提前招收优秀毕业生工作", "教育质量"},
		// 高质量发展 is a slogan, not teaching quality; 守牢底线 is safety, 兜牢民生底线 aid.
		{"聚焦主责主业，推动教育事业高质量发展", "其他"},
		{"聚焦提质增效，推动教育教学高质量发展", "教育质量"},
		{"守牢底线红线，办好人民满意教育", "安全"},
		{"落实资助政策，兜牢教育民生底线", "扶贫"},
		// A guiding-thought clause names no topic; what follows it may.
		{"坚持以科学发展观为指导，统筹推进各项工作", "其他"},
		{"以新时代党的创新理论为指导，深入推进清廉学校建设", "党建"},
		// 依法治教 is a principle of the bureau's work: 其他.
		{"依法治教", "其他"},
		// 督导 and 督学 are the bureau's inspection work: 其他.
		{"严格督导考核", "其他"},
		{"扎实推进优质教育链建设", "教育改革"},
		{"深化城乡学校共同体建设", "教育改革"},
		{"推进县管校聘管理改革", "教育改革"},
		// 党组织领导的校长负责制 is party work, though it names 学校建设.
		{"推进中小学党组织领导的校长负责制学校建设", "党建"},
	}
	for _, tt := range tests {
		if got := tax.Classify(tt.heading, "", "").Category; got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestInlineItemsOpeningWithADate checks numbered items that open with a
// year or a month inside flattened text, while decimals stay text.
func TestInlineItemsOpeningWithADate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一、主要成效全县教育面貌明显改善。1.2019年以来累计投入教育资金九亿元。2.新建幼儿园十一所。",
			"一、主要成效全县教育面貌明显改善。|1.2019年以来累计投入教育资金九亿元。|2.新建幼儿园十一所。"},
		{"一、主要成效全县教育面貌明显改善。1.9月全面启用新校区。2.新增学位八百个。",
			"一、主要成效全县教育面貌明显改善。|1.9月全面启用新校区。|2.新增学位八百个。"},
		// 2.5亿 after a sentence end is a number, not item 2.
		{"一、主要成效投入增加。1.新建学校三所。全年投入2.5亿元。", "一、主要成效投入增加。|1.新建学校三所。全年投入2.5亿元。"},
	}
	for _, tt := range tests {
		lastCN := 0
		if got := strings.Join(splitInlineHeadings([]string{tt.in}, &lastCN), "|"); got != tt.want {
			t.Errorf("splitInlineHeadings(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestUnnumberedContainerHeadings checks container headings that reports
// leave unnumbered before their first numbered heading: run in before their
// paragraph (a sibling of 一、) or alone on a line above the numbered
// headings (their parent); a container word inside a body is no heading.
func TestUnnumberedContainerHeadings(t *testing.T) {
	para := "以新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务，办好人民满意的教育。"
	body := "严格落实“第一议题”制度，健全基层党组织，推动党建工作与教育教学深度融合，持续深化清廉学校建设。"
	tests := []struct {
		name  string
		lines []string
		want  []string // heading@level/category
	}{
		{"run in after the title", []string{"岚溪县2025年教育工作要点", "总体要求：" + para, "一、加强党的全面领导", body},
			[]string{"总体要求@1/其他", "加强党的全面领导@1/党建"}},
		{"own line above numbered headings", []string{"岚溪县教育局学前教育股工作总结", "全县幼教工作稳步发展，办园条件不断改善。", "重点工作：",
			"一、扩大普惠性学前教育资源", body, "二、加强幼儿园保教管理", body},
			[]string{"重点工作@1/学前教育", "扩大普惠性学前教育资源@2/学前教育", "加强幼儿园保教管理@2/学前教育"}},
		{"a container word inside a section is text", []string{"岚溪县2025年教育工作要点", "一、加强党的全面领导", "工作目标：" + para, body},
			[]string{"加强党的全面领导@1/党建"}},
	}
	for _, tt := range tests {
		docs := parseLines(tt.lines...)
		if len(docs) != 1 {
			t.Fatalf("%s: %d documents", tt.name, len(docs))
		}
		var got []string
		for _, s := range docs[0].Sections {
			if s.Level > 0 {
				got = append(got, fmt.Sprintf("%s@%d/%s", s.Heading, s.Level, s.Category))
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: headings %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestItemAfterDutyNote checks that a plan item's closing duty note
// (责任科室：…) ends it as a sentence end would, in flattened text.
func TestItemAfterDutyNote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一、加强党建工作。1.强化理论武装。健全学习制度。责任科室：组织科、宣传科2.夯实基层组织。选优配强支部书记。",
			"一、加强党建工作。|1.强化理论武装。健全学习制度。责任科室：组织科、宣传科|2.夯实基层组织。选优配强支部书记。"},
		{"一、加强党建工作。1.强化理论武装。牵头单位：县教育局2 .夯实基层组织。",
			"一、加强党建工作。|1.强化理论武装。牵头单位：县教育局|2 .夯实基层组织。"},
		// Without a duty note, a number after a Han character is text.
		{"一、加强党建工作。1.强化理论武装。设立学习小组2.夯实基层组织。",
			"一、加强党建工作。|1.强化理论武装。设立学习小组2.夯实基层组织。"},
	}
	for _, tt := range tests {
		lastCN := 0
		if got := strings.Join(splitInlineHeadings([]string{tt.in}, &lastCN), "|"); got != tt.want {
			t.Errorf("splitInlineHeadings(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestNumberedCopyKeepsItsHeading checks that a heading between a site's
// numbered copy of the title and the title itself stays in the report.
func TestNumberedCopyKeepsItsHeading(t *testing.T) {
	docs := parseLines("柳岸县教育局学生资助工作总结1", "一、加强领导，健全机制。",
		"柳岸县教育局学生资助工作总结", statsParagraph)
	if len(docs) != 1 || len(docs[0].Sections) == 0 || docs[0].Sections[0].Heading != "加强领导，健全机制" {
		t.Errorf("sections %+v, want the heading 加强领导，健全机制 first", docs)
	}
}

// TestTableOfContentsPageNumberIsNoCopy checks that a contents line with a
// page number after the title does not swallow the report that follows.
func TestTableOfContentsPageNumberIsNoCopy(t *testing.T) {
	docs := parseLines("柳岸县教育局工作要点汇编", "槐川区教育局2025年工作要点9", "柳岸县教育局2025年工作要点2",
		"柳岸县教育局2025年工作要点", statsParagraph)
	if len(docs) != 1 || docs[0].Title != "柳岸县教育局2025年工作要点" {
		t.Errorf("documents %+v, want one titled 柳岸县教育局2025年工作要点", docs)
	}
}

// TestSinglePageMarkerAfterTitledFirstPage checks that one viewer page
// marker in mid-sentence is dropped when the first page's marker opens the
// report's title, and kept as a heading otherwise.
func TestSinglePageMarkerAfterTitledFirstPage(t *testing.T) {
	long := "全局上下团结一心，扎实推进各项工作，完善干部岗位职责和有关规章制度，确保人人有事做、事事有人管，每月制"
	tests := []struct {
		name string
		in   []string
		want string
	}{
		{"titled first page", []string{"1、2024年柳岸县教育局上半年工作总结及下半年工作方案2024年上半年，" + long, "2、定月工作方案，每周安排工作。"},
			"2024年柳岸县教育局上半年工作总结及下半年工作方案2024年上半年，" + long + "定月工作方案，每周安排工作。"},
		{"no titled first page", []string{"一、主要工作" + long, "2、定月工作方案，每周安排工作。"},
			"一、主要工作" + long + "|2、定月工作方案，每周安排工作。"},
	}
	for _, tt := range tests {
		if got := strings.Join(rejoinPages(append([]string{}, tt.in...)), "|"); got != tt.want {
			t.Errorf("%s: rejoinPages = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestRunInTitle checks a title that a flattened copy ran into the first
// sentence, and first sentences that hold no title.
func TestRunInTitle(t *testing.T) {
	tests := []struct{ line, title string }{
		{"柳岸县教育扶贫工作总结近年来，我县始终把教育扶贫作为脱贫攻坚的重要抓手，聚焦因贫失学问题，精准施策。", "柳岸县教育扶贫工作总结"},
		{"槐川区教育局2024年工作要点2024年，全区教育系统将以新时代中国特色社会主义思想为指导，办好人民满意的教育。", "槐川区教育局2024年工作要点"},
		{"槐川县教育局过去五年及2024年工作总结一、过去五年工作回顾全县新建学校二十余所，新增学位一万余个。", "槐川县教育局过去五年及2024年工作总结"},
		// "总结如下" is the sentence itself, not a title.
		{"现将槐川区教育局工作总结如下，请审阅。全年各项工作有序推进，教育质量稳步提升，群众满意度不断提高。", ""},
		// A kind word with no education title before it.
		{"开展年度工作总结近年来的各项经验，形成制度成果，推动学校管理水平进一步提升，效果良好。", ""},
	}
	for _, tt := range tests {
		title, _, ok := runInTitle(tt.line)
		if ok != (tt.title != "") || title != tt.title {
			t.Errorf("runInTitle(%q) = %q, %v; want %q", tt.line, title, ok, tt.title)
		}
	}
	docs := parseLines(tests[0].line+"全县累计资助困难学生一万余人次，发放资助资金两千余万元。",
		"强化组织领导，构建协同工作格局", "成立由主要领导任组长的教育扶贫工作领导小组，建立县级统筹、部门联动、学校落实的工作机制。",
		"精准识别对象，建立动态管理台账", "依托学生资助管理信息系统，对义务教育阶段学生全面摸排，建立动态管理台账，做到一生一档。")
	if len(docs) != 1 || docs[0].Title != "柳岸县教育扶贫工作总结" {
		t.Fatalf("documents %+v", docs)
	}
	for _, s := range docs[0].Sections {
		if s.Level == 1 && s.Category != "扶贫" {
			t.Errorf("%q category %s, want the report's topic 扶贫", s.Heading, s.Category)
		}
	}
}

// TestBareHeadingAboveNumberedHeadings checks an unnumbered heading line
// that holds numbered sub-headings, in a report whose headings are
// unnumbered, and that 重点任务 inside a topic heading opens no plan part.
func TestBareHeadingAboveNumberedHeadings(t *testing.T) {
	para := "全年投入资金一亿余元，新建改扩建学校十余所，新增学位三千余个，城乡教育资源差距逐步缩小，群众满意度明显提高。"
	docs := parseLines("柳岸县教育扶贫工作总结",
		"强化组织领导，构建协同工作格局", para,
		"精准识别对象，建立动态管理台账", para,
		"聚焦重点任务，全面落实教育扶贫政策", "（一）改善办学条件，优化资源布局", para)
	want := []string{"强化组织领导，构建协同工作格局@1/summary", "精准识别对象，建立动态管理台账@1/summary",
		"聚焦重点任务，全面落实教育扶贫政策@1/summary", "改善办学条件，优化资源布局@2/summary"}
	var got []string
	for _, s := range docs[0].Sections {
		if s.Level > 0 {
			got = append(got, fmt.Sprintf("%s@%d/%s", s.Heading, s.Level, s.Part))
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings %q, want %q", got, want)
	}
	for _, h := range []string{"重点任务", "2025年重点任务"} {
		if got := headingPart(h, true); got != PartPlan {
			t.Errorf("headingPart(%q) = %q, want plan", h, got)
		}
	}
}

// TestMarkerMissingClosingBracket checks （N headings that lost their
// closing bracket, confirmed by a neighbouring number, and parentheses that
// open with a numeral word.
func TestMarkerMissingClosingBracket(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"（一加强党的建设", "正文。", "（二）改善办学条件", "正文。"}, []string{"（一）加强党的建设", "正文。", "（二）改善办学条件", "正文。"}},
		{[]string{"（一）加强党的建设", "正文。", "（二改善办学条件", "正文。"}, []string{"（一）加强党的建设", "正文。", "（二）改善办学条件", "正文。"}},
		{[]string{"（一加强党的建设", "正文。", "（二改善办学条件"}, []string{"（一）加强党的建设", "正文。", "（二）改善办学条件"}},
		// A parenthesis, closed near the start, is text.
		{[]string{"（一般公共预算教育支出）逐年增长。", "（二）改善办学条件"}, []string{"（一般公共预算教育支出）逐年增长。", "（二）改善办学条件"}},
		// No neighbour confirms the number.
		{[]string{"（三加强党的建设", "正文。", "（一）改善办学条件"}, []string{"（三加强党的建设", "正文。", "（一）改善办学条件"}},
	}
	for _, tt := range tests {
		if got := closeOpenParens(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("closeOpenParens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBareNumberItems checks items numbered with a bare number when they
// run in sequence, and numbers that are quantities, dates or table rows.
func TestBareNumberItems(t *testing.T) {
	tests := []struct{ in, want []string }{
		{[]string{"1疫情防控常态化。严格落实晨午检制度。", "2校园安全扎实推进。排查整治隐患百余处。"},
			[]string{"1.疫情防控常态化。严格落实晨午检制度。", "2.校园安全扎实推进。排查整治隐患百余处。"}},
		// A lone number at a line start is text.
		{[]string{"1疫情防控常态化。严格落实晨午检制度。", "全年未发生聚集性疫情。"},
			[]string{"1疫情防控常态化。严格落实晨午检制度。", "全年未发生聚集性疫情。"}},
		// Quantities and dates.
		{[]string{"2所学校新建教学楼。", "3月完成全部验收。"}, []string{"2所学校新建教学楼。", "3月完成全部验收。"}},
		// Table rows: 序号 then columns.
		{[]string{"1柳岸县第一小学 新建教学楼 1200", "2柳岸县实验中学 改建食堂 800"},
			[]string{"1柳岸县第一小学 新建教学楼 1200", "2柳岸县实验中学 改建食堂 800"}},
	}
	for _, tt := range tests {
		if got := dotBareNumbers(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("dotBareNumbers(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestOCRFirstItem checks that an "L" read by OCR for "1." becomes item 1
// of the numbered list that follows it, and that an "l" bullet list stays.
func TestOCRFirstItem(t *testing.T) {
	para := "开展专题教育，签订承诺书四千余份，教师专业素养稳步提升，骨干教师队伍不断壮大，群众满意度明显提高。"
	tests := []struct {
		lines []string
		want  string
	}{
		{[]string{"柳岸县教育局2024年工作总结", "一、教师队伍建设", "L加强师德师风建设。" + para, "2.推进教师培训。" + para},
			"一、教师队伍建设@1|1.加强师德师风建设@2|2.推进教师培训@2"},
		{[]string{"柳岸县教育局2024年工作总结", "一、教师队伍建设", "l加强师德师风建设。" + para, "l推进教师培训。" + para},
			"一、教师队伍建设@1|l加强师德师风建设@2|l推进教师培训@2"},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range parseLines(tt.lines...)[0].Sections {
			if s.Level > 0 {
				got = append(got, fmt.Sprintf("%s%s@%d", s.Marker, s.Heading, s.Level))
			}
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("headings %q, want %q", strings.Join(got, "|"), tt.want)
		}
	}
}

// TestMoreFieldWords checks general words of the field for each category,
// and a verb (编制 a plan) that names no category.
func TestMoreFieldWords(t *testing.T) {
	tax := DefaultTaxonomy()
	tests := []struct{ heading, want string }{
		{"抓实巡察整改", "党建"},
		{"落实“第一议题”制度", "党建"},
		{"全面完成改薄任务", "办学条件"},
		{"稳妥推进农村小规模学校撤并", "办学条件"},
		{"深化职称制度改革，推进校长教师交流轮岗", "师资"},
		{"加强校车安全管理", "安全"},
		{"做好信访维稳工作", "安全"},
		{"落实两免一补政策", "扶贫"},
		{"开展送教上门服务", "扶贫"},
		{"教学质量稳步提升", "教育质量"},
		{"开展学科赛课活动", "教育质量"},
		{"推进五育融合", "德育"},
		{"加强校园文化建设", "德育"},
		{"深化幼小衔接", "学前教育"},
		{"推进托育服务发展", "学前教育"},
		{"发展终身教育，建设学习型社会", "职业教育"},
		{"实现班班通全覆盖", "信息化"},
		{"科学编制教育发展规划", "其他"},
	}
	for _, tt := range tests {
		if got := tax.Classify(tt.heading, "", "").Category; got != tt.want {
			t.Errorf("Classify(%q) = %q, want %q", tt.heading, got, tt.want)
		}
	}
}

// TestChineseNumeralWithPoint checks 一. and 一． markers, on their own line
// and run into flattened text.
func TestChineseNumeralWithPoint(t *testing.T) {
	for _, line := range []string{"一.加强党的建设", "二．改善办学条件"} {
		if m, ok := matchMarker(line); !ok || m.style != styleCN {
			t.Errorf("matchMarker(%q) = %+v, %v; want style %s", line, m, ok, styleCN)
		}
	}
	lastCN := 0
	in := "一.加强党的建设。全年发展党员九名。二.改善办学条件。新建学校四所。"
	want := "一.加强党的建设。全年发展党员九名。|二.改善办学条件。新建学校四所。"
	if got := strings.Join(splitInlineHeadings([]string{in}, &lastCN), "|"); got != want {
		t.Errorf("splitInlineHeadings(%q) = %q; want %q", in, got, want)
	}
}

// TestPlanPartHeadings checks plan-part headings that name the coming year
// or a plan word beyond 计划/打算: a top heading opening with a year after
// the reviewed one, 谋划, 新一年.
func TestPlanPartHeadings(t *testing.T) {
	for _, h := range []string{"2025年工作谋划", "新一年工作重点", "新的一年工作思路"} {
		if got := headingPart(h, true); got != PartPlan {
			t.Errorf("headingPart(%q) = %q, want plan", h, got)
		}
	}
	body := "全县新建改扩建学校四所，新增学位两千余个，完成投资一亿余元，城区大班额问题得到有效缓解，农村学校面貌明显改善。"
	docs := parseLines("柳岸县教育局2024年工作总结和2025年工作计划",
		"一、2024年主要工作", "（一）改善办学条件", body,
		"二、2025年主要工作", "（一）加快学校建设", body)
	want := map[string]string{"2024年主要工作": PartSummary, "改善办学条件": PartSummary, "2025年主要工作": PartPlan, "加快学校建设": PartPlan}
	for _, s := range docs[0].Sections {
		if w, ok := want[s.Heading]; ok && s.Part != w {
			t.Errorf("%q part %s, want %s", s.Heading, s.Part, w)
		}
	}
}

// TestNumberedContainerHeadings checks that a numbered heading that is only
// a container word (三、保障措施) names no topic, whatever its body says.
func TestNumberedContainerHeadings(t *testing.T) {
	docs := parseLines("柳岸县2025年教育工作要点",
		"一、指导思想", "以新时代中国特色社会主义思想为指导，全面加强党的建设，落实立德树人根本任务。",
		"二、重点任务", "（一）加强党的建设", "落实全面从严治党主体责任，深化清廉学校建设，推动党建与业务深度融合。",
		"三、保障措施", "加快教育信息化建设，完善网络基础设施，推进智慧校园建设，建设数字化平台。")
	for _, s := range docs[0].Sections {
		if (s.Heading == "指导思想" || s.Heading == "保障措施" || s.Heading == "重点任务") && s.Category != "其他" {
			t.Errorf("%q category %s, want 其他", s.Heading, s.Category)
		}
	}
}

// TestBackgroundSectionIsPreamble checks that a top heading giving the
// report's background (基本情况) opens a preamble part, except in a report
// given in person (汇报, 述职), which is all an account of work done.
func TestBackgroundSectionIsPreamble(t *testing.T) {
	body := "全县现有各级各类学校两百余所，在校学生六万余人，教职工五千余人，其中专任教师四千余人，教育事业稳步发展。"
	work := "全年新建改扩建学校四所，新增学位两千余个，城区大班额问题得到有效缓解，农村学校面貌明显改善。"
	tests := []struct{ title, want string }{
		{"柳岸县教育局2024年工作总结", PartPreamble},
		{"柳岸县教育局关于2024年教育工作情况的汇报", PartSummary},
	}
	for _, tt := range tests {
		docs := parseLines(tt.title, "一、全县教育基本情况", body, "二、主要工作", work)
		for _, s := range docs[0].Sections {
			if s.Heading == "全县教育基本情况" && s.Part != tt.want {
				t.Errorf("%s: %q part %s, want %s", tt.title, s.Heading, s.Part, tt.want)
			}
			if s.Heading == "主要工作" && s.Part != PartSummary {
				t.Errorf("%s: %q part %s, want summary", tt.title, s.Heading, s.Part)
			}
		}
	}
}

// TestSharingSiteNoticesAreBoilerplate checks the upload and copyright
// notices of document-sharing sites.
func TestSharingSiteNoticesAreBoilerplate(t *testing.T) {
	lines := cleanLines(strings.Join([]string{
		"柳岸县教育局2024年工作总结",
		"当前文档由用户上传发布，收益归属用户",
		"1、本文档由用户上传，本站整理发布，可阅读全部内容。",
		"2、本文档内容版权归属内容提供方，所产生的收益全部归内容提供方所有。",
		"网站客服QQ：10000",
		"2024年，县教育局扎实推进各项工作，群众满意度不断提升。",
	}, "\n"))
	if len(lines) != 2 {
		t.Errorf("cleanLines kept %q, want the title and the report's sentence", lines)
	}
}

// TestInlineNumberedListItems checks （1）…；（2）… items run together in a
// paragraph: each is a heading ending at its ；, with ASCII or mixed brackets.
func TestInlineNumberedListItems(t *testing.T) {
	tests := []struct{ in, want string }{
		{"（1）完善管理办法，规范日常管理；（2）健全考核机制，注重过程评价。（3）强化结果运用。",
			"（1）完善管理办法，规范日常管理；|（2）健全考核机制，注重过程评价。|（3）强化结果运用。"},
		{"（1）完善管理办法；(2）健全考核机制；(3)强化结果运用。",
			"（1）完善管理办法；|(2）健全考核机制；|(3)强化结果运用。"},
		// Out of sequence, or numbers in brackets that are no items.
		{"（1）完善管理办法；（3）健全考核机制。", "（1）完善管理办法；（3）健全考核机制。"},
		{"（1）完善管理办法，覆盖学校（2023年）全部。", "（1）完善管理办法，覆盖学校（2023年）全部。"},
	}
	for _, tt := range tests {
		lastCN := 0
		if got := strings.Join(splitInlineHeadings([]string{tt.in}, &lastCN), "|"); got != tt.want {
			t.Errorf("splitInlineHeadings(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestShortenedTitleRepeatIsNoHeading checks that the title repeated
// without its year where the body starts is skipped, not read as a part
// heading.
func TestShortenedTitleRepeatIsNoHeading(t *testing.T) {
	body := "全县新建改扩建学校四所，新增学位两千余个，完成投资一亿余元，城区大班额问题得到有效缓解。"
	docs := parseLines("柳岸县2024年教育局年度工作总结", "教育局年度工作总结", "一、主要工作进展情况", body, "二、存在的问题", body)
	for _, s := range docs[0].Sections {
		if s.Heading == "教育局年度工作总结" {
			t.Errorf("the repeated title is a heading: %+v", s)
		}
		if s.Heading == "主要工作进展情况" && s.Level != 1 {
			t.Errorf("%q level %d, want 1", s.Heading, s.Level)
		}
	}
	// A part the title names is no repeat of it.
	if repeatsTitle("2024年工作总结", "柳岸县2024年工作总结和2025年工作计划") {
		t.Error("repeatsTitle took the summary part heading for the title")
	}
}
