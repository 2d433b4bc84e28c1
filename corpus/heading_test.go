package corpus

import (
	"strings"
	"testing"
)

// TestMatchMarkerRecognisesEachHeadingStyle checks matchMarker on every marker
// style of DESIGN.md. Lines are normalised first, as the parser does before
// matching (normalizeLine turns "(一)" into "（一）").
func TestMatchMarkerRecognisesEachHeadingStyle(t *testing.T) {
	cases := []struct {
		line  string
		style string
		num   int
		text  string // the normalised marker
		rest  string
	}{
		{"一、主要工作及成效", styleCN, 1, "一、", "主要工作及成效"},
		{"十二、其他工作", styleCN, 12, "十二、", "其他工作"},
		{"（一）学前教育普惠发展", styleParenCN, 1, "（一）", "学前教育普惠发展"},
		{"(三)教师队伍建设", styleParenCN, 3, "（三）", "教师队伍建设"},
		{"1.扩充普惠性资源", styleDot, 1, "1.", "扩充普惠性资源"},
		{"12．加强教师培训", styleDot, 12, "12.", "加强教师培训"},
		{"1、党建引领全县教育工作", styleDun, 1, "1、", "党建引领全县教育工作"},
		{"(1)办好更加公平的基础教育", styleParenNum, 1, "（1）", "办好更加公平的基础教育"},
		{"（2）建设高素质专业化教师队伍", styleParenNum, 2, "（2）", "建设高素质专业化教师队伍"},
		{"①扩大普惠学位供给", styleCircled, 1, "①", "扩大普惠学位供给"},
		{"③ 建设智慧校园", styleCircled, 3, "③", "建设智慧校园"},
		{"第一部分", stylePart, 1, "第一部分", ""},
		{"第二部分 重点任务", stylePart, 2, "第二部分", "重点任务"},
		{"第三章　保障措施", stylePart, 3, "第三章", "保障措施"},
		{"一是思政教育走深走实。成立联盟", styleShi, 1, "一是", "思政教育走深走实。成立联盟"},
		{"三是：营养餐工作规范实施", styleShi, 3, "三是", "营养餐工作规范实施"},
		// A dated heading: "3." followed by a year is still a marker.
		{"3.2023年3月14日，对全区开展督导", styleDot, 3, "3.", "2023年3月14日，对全区开展督导"},
		// Bullets: each glyph is a style of its own, so ◆ and ■ can nest.
		{"◆ 安全稳定", styleBullet + "◆", 0, "◆", "安全稳定"},
		{"■加快推进学前教育普惠扩容", styleBullet + "■", 0, "■", "加快推进学前教育普惠扩容"},
		{"★加强党的政治建设。坚持把党的政治建设摆在首位", styleBullet + "★", 0, "★", "加强党的政治建设。坚持把党的政治建设摆在首位"},
		{"1）开展开学安全大检查", styleHalfNum, 1, "1）", "开展开学安全大检查"},
		{"二)教学常规", styleHalfCN, 2, "二）", "教学常规"},
		// Bracketed headings: the heading is inside; text after it is body.
		{"【党建引领】", styleBracket, 0, "【】", "党建引领"},
		{"【安全稳定】全年未发生安全责任事故。", styleBracket, 0, "【】", "安全稳定。全年未发生安全责任事故。"},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			m, ok := matchMarker(normalizeLine(c.line))
			if !ok {
				t.Fatalf("matchMarker(%q) found no marker", c.line)
			}
			if m.style != c.style || m.num != c.num || m.text != c.text || m.rest != c.rest {
				t.Errorf("matchMarker(%q) = style %q num %d text %q rest %q, want %q %d %q %q",
					c.line, m.style, m.num, m.text, m.rest, c.style, c.num, c.text, c.rest)
			}
		})
	}
}

// TestMatchMarkerRejectsNonHeadings checks lines that open with a number but
// are not headings: decimals, years, grade lists, clauses, plain text.
func TestMatchMarkerRejectsNonHeadings(t *testing.T) {
	for _, line := range []string{
		"",
		"1.5亿元用于校舍维修改造",
		"2023年，全县投入资金8760万元",
		"2023年工作计划",
		"一、二年级学生全部实行课后服务",
		"三、四年级开设书法课",
		"全县教育工作保持稳中有进",
		"教育局季度工作总结一",
		"十是",  // no words after 是
		"一是，", // punctuation only
		"一、",  // a marker with nothing after it
		"（一）", // likewise
		"1.",
		"12.5%的学生",
		"“双减”工作落地见效",
		"abc",
		"【】",            // nothing in the brackets
		"【2024】12号文件精神", // a document number
		"【全面贯彻党的教育方针，落实立德树人根本任务，办好人民满意的教育】", // too long for a heading
		"□□县教育局", // □ stands for unreadable characters
	} {
		if m, ok := matchMarker(normalizeLine(line)); ok {
			t.Errorf("matchMarker(%q) = style %q text %q rest %q, want no marker", line, m.style, m.text, m.rest)
		}
	}
}

// TestSplitHeadingSeparatesHeadlineFromBody checks how a line after its
// marker is cut into heading and run-on body.
func TestSplitHeadingSeparatesHeadlineFromBody(t *testing.T) {
	cases := []struct {
		name, rest, heading, body string
	}{
		{"headline sentence then body",
			"强化党建引领。全年新发展党员14名，创建党建品牌学校18所。",
			"强化党建引领", "全年新发展党员14名，创建党建品牌学校18所。"},
		{"heading alone",
			"学前教育普惠发展", "学前教育普惠发展", ""},
		{"heading with a comma inside, whole line",
			"聚焦立德树人，育人体系更加完善", "聚焦立德树人，育人体系更加完善", ""},
		{"run-in body with no punctuation, short line",
			"办学条件持续改善2023年全县投入资金8760万元。",
			"办学条件持续改善", "2023年全县投入资金8760万元。"},
		{"run-in body with no punctuation, long line",
			"办学条件持续改善2023年，全县投入资金8760万元，新建湾头中学教学综合楼、澄源幼儿园等项目6个，完成12所乡村学校厕所改造。",
			"办学条件持续改善", "2023年，全县投入资金8760万元，新建湾头中学教学综合楼、澄源幼儿园等项目6个，完成12所乡村学校厕所改造。"},
		{"part heading that runs on",
			"存在的问题优质教育资源总量不足，城乡差距较大。",
			"存在的问题", "优质教育资源总量不足，城乡差距较大。"},
		{"long line without a sentence end is cut at a comma",
			"聚焦立德树人构建全员全过程全方位育人格局的工作体系不断完善，全县各中小学校全面落实思政课程建设要求并开展了大量活动取得较好成效",
			"聚焦立德树人构建全员全过程全方位育人格局的工作体系不断完善",
			"全县各中小学校全面落实思政课程建设要求并开展了大量活动取得较好成效"},
		{"trailing colon is not part of the heading",
			"2024年工作打算：", "2024年工作打算", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, b := splitHeading(c.rest)
			if h != c.heading || b != c.body {
				t.Errorf("splitHeading(%q)\n got  %q | %q\n want %q | %q", c.rest, h, b, c.heading, c.body)
			}
		})
	}
}

// TestSplitShiFindsHeadlineItems checks that 一是…。二是…。 items with
// headline sentences become items, with the lead text kept apart.
func TestSplitShiFindsHeadlineItems(t *testing.T) {
	body := "全年重点抓了三项工作。一是思政教育走深走实。成立县中小学思政课一体化建设联盟，评选思政精品课40节。" +
		"二是劳动教育有声有色。建成县级劳动教育实践基地3个。三是心理健康教育全面覆盖。配备心理健康教师186名。"
	lead, items, ok := splitShi(body)
	if !ok {
		t.Fatalf("splitShi found no items in %q", body)
	}
	if lead != "全年重点抓了三项工作。" {
		t.Errorf("lead = %q", lead)
	}
	want := []shiItem{
		{"一是", "思政教育走深走实", "成立县中小学思政课一体化建设联盟，评选思政精品课40节。", true},
		{"二是", "劳动教育有声有色", "建成县级劳动教育实践基地3个。", true},
		{"三是", "心理健康教育全面覆盖", "配备心理健康教师186名。", true},
	}
	if len(items) != len(want) {
		t.Fatalf("items = %+v, want %d", items, len(want))
	}
	for k := range want {
		if items[k] != want[k] {
			t.Errorf("item %d = %+v, want %+v", k, items[k], want[k])
		}
	}
}

// TestSplitShiLeavesClausesAlone checks that 一是/二是 inside one sentence
// (after a comma or a word) and a lone 一是 opening a clause are prose.
func TestSplitShiLeavesClausesAlone(t *testing.T) {
	for _, body := range []string{
		"我县教育发展中还存在一些短板，一是受县级财力制约，部分农村学校的功能室配备仍然滞后，二是教师年龄结构老化。",
		"只有一是思政教育走深走实。", // a word before 一是: not an item
		"本学期，一是抓好规划，统筹推进各项工作。",
		"全县教育工作重点有三。一是抓好规划，统筹推进各项工作落实到位。", // a lone clause item
	} {
		if lead, items, ok := splitShi(body); ok || lead != body || len(items) != 0 {
			t.Errorf("splitShi(%q) = %q, %+v, %v; want the body unchanged", body, lead, items, ok)
		}
	}
}

// TestSplitShiItemStarts checks where ordinal items are found and how their
// headline is cut: after a sentence end, a colon, a space of flattened text
// or 我们; a headline ends at the first clause mark, at most 20 characters;
// a comma right after 是 is skipped; a new 一是 starts a new run.
func TestSplitShiItemStarts(t *testing.T) {
	cases := []struct {
		name  string
		body  string
		heads []string
	}{
		{"clauses after semicolons", "主要做了两件事：一是改善办学条件，新建教学楼2栋；二是补充师资，招聘教师30名。",
			[]string{"改善办学条件", "补充师资"}},
		{"after 我们", "为此我们一是要巩固义务教育均衡成果。二是要扩充城区学位供给。",
			[]string{"要巩固义务教育均衡成果", "要扩充城区学位供给"}},
		{"flattened with spaces", "成效明显。 一是校舍改造全面完成。 二是设备配置达标。",
			[]string{"校舍改造全面完成", "设备配置达标"}},
		{"comma after 是", "本季度重点抓好三项。一是，我们必须坚持从严治党。二是，我们必须抓实支部建设。",
			[]string{"我们必须坚持从严治党", "我们必须抓实支部建设"}},
		{"long first clause cut at 20", "具体如下。一是全面推进县域内城乡学校结对帮扶和教师交流轮岗制度落实见效。二是改薄。",
			[]string{"全面推进县域内城乡学校结对帮扶和教师交流", "改薄"}},
		{"lone headline item", "德育工作扎实开展。一是主题活动有声有色。全年开展活动20场。",
			[]string{"主题活动有声有色"}},
		{"two runs", "一是甲项工作完成。二是乙项工作完成。另有两点。一是丙项工作完成。二是丁项工作完成。",
			[]string{"甲项工作完成", "乙项工作完成", "丙项工作完成", "丁项工作完成"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, items, ok := splitShi(c.body)
			if !ok {
				t.Fatalf("splitShi(%q) found no items", c.body)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.heading)
			}
			if strings.Join(got, "|") != strings.Join(c.heads, "|") {
				t.Errorf("headings = %q, want %q", got, c.heads)
			}
		})
	}
}

// TestParseTextPutsMisnumberedHeadingAtLevel2 checks that 二、 between （一）
// and （三） is read as （二）: level 2 under 一、, not a new level-1 section.
func TestParseTextPutsMisnumberedHeadingAtLevel2(t *testing.T) {
	text := strings.Join([]string{
		"某某县教育局2023年工作总结",
		"2023年，县教育局坚持稳中求进工作总基调，推动全县教育事业取得了新的进展，较好地完成了年初确定的各项目标任务。",
		"一、主要工作成效",
		"（一）强化党建引领。全年新发展党员14名，开展党组织书记抓党建述职评议2次。",
		"二、深化教育教学改革。全面推进新课程新教材实施，建设县级学科基地校10所。",
		"（三）夯实教育发展基础。招聘特岗教师64名，全县专任教师学历达标率99.2%。",
		"二、存在的问题",
		"城区学位供需矛盾突出，乡村教师补充渠道单一，职业教育专业设置与本地产业结合不够紧密。",
	}, "\n")
	docs := NewParser(DefaultTaxonomy()).ParseText(text)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	want := []struct {
		id     string
		level  int
		parent string
		head   string
	}{
		{"1", 1, "", "主要工作成效"},
		{"1.1", 2, "1", "强化党建引领"},
		{"1.2", 2, "1", "深化教育教学改革"},
		{"1.3", 2, "1", "夯实教育发展基础"},
		{"2", 1, "", "存在的问题"},
	}
	var got []Section
	for _, s := range docs[0].Sections {
		if s.Level > 0 {
			got = append(got, s)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("headed sections = %v, want %d", headingsOf(got), len(want))
	}
	for k, w := range want {
		s := got[k]
		if s.ID != w.id || s.Level != w.level || s.Parent != w.parent || s.Heading != w.head {
			t.Errorf("section %d = %s L%d parent %q %q, want %s L%d parent %q %q",
				k, s.ID, s.Level, s.Parent, s.Heading, w.id, w.level, w.parent, w.head)
		}
	}
	if got[2].Marker != "（二）" {
		t.Logf("misnumbered marker kept as %q (README accepts either)", got[2].Marker)
	}
	if got[4].Part != PartProblems {
		t.Errorf("存在的问题 part = %s, want problems", got[4].Part)
	}
}

func headingsOf(secs []Section) []string {
	var out []string
	for _, s := range secs {
		out = append(out, s.ID+" "+s.Marker+s.Heading)
	}
	return out
}

// TestHeadingPartNamesReportParts checks the part a top-level heading opens.
func TestHeadingPartNamesReportParts(t *testing.T) {
	for _, c := range []struct{ heading, part string }{
		{"存在的问题", PartProblems},
		{"存在的不足", PartProblems},
		{"问题与不足", PartProblems},
		{"2024年工作打算", PartPlan},
		{"下半年工作计划", PartPlan},
		{"下一步工作思路", PartPlan},
		{"2020年工作总结", PartSummary},
		{"主要工作及成效", PartSummary},
		{"上半年工作进展", PartSummary},
		{"学前教育普惠发展", ""},
	} {
		if got := PartOfHeading(c.heading); got != c.part {
			t.Errorf("PartOfHeading(%q) = %q, want %q", c.heading, got, c.part)
		}
	}
}

// TestHeadingsWithoutMarkers covers a .docx whose numbering was automatic and
// so is not in its text: short lines before paragraphs are the headings.
func TestHeadingsWithoutMarkers(t *testing.T) {
	text := strings.Join([]string{
		"岚湖县教育局2024年工作总结",
		"2024年，县教育局在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，扎实推进各项工作，现将有关情况总结如下。",
		"加强党的建设",
		"全年新发展党员9人，开展党纪学习教育专题培训12场，严格落实“三会一课”制度，党组织的战斗堡垒作用进一步增强。",
		"改善办学条件",
		"新建改扩建学校4所，新增学位2160个，完成投资1.35亿元，城区学校大班额问题得到有效缓解，农村学校面貌明显改善。",
		"存在的问题",
		"城区学校大班额问题仍较突出，农村学校音体美教师结构性短缺，学前教育公办园占比偏低，这些问题需要在今后工作中认真解决。",
	}, "\n")
	docs := NewParser(DefaultTaxonomy()).ParseText(text)
	if len(docs) != 1 {
		t.Fatalf("documents = %d, want 1", len(docs))
	}
	want := []struct{ heading, part, category string }{
		{"加强党的建设", PartSummary, "党建"},
		{"改善办学条件", PartSummary, "办学条件"},
		{"存在的问题", PartProblems, "其他"},
	}
	var got []Section
	for _, s := range docs[0].Sections {
		if s.Level > 0 {
			got = append(got, s)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("headings = %+v, want %d", got, len(want))
	}
	for i, w := range want {
		if got[i].Heading != w.heading || got[i].Part != w.part || got[i].Category != w.category || got[i].Level != 1 {
			t.Errorf("heading %d = %q level %d %s/%s, want %q level 1 %s/%s", i, got[i].Heading, got[i].Level, got[i].Part, got[i].Category, w.heading, w.part, w.category)
		}
	}
}

// TestTitleTopic checks that a single-topic report's title gives its topic
// and that a general report, or an org name with a category word in it
// (教育体育局), gives none.
func TestTitleTopic(t *testing.T) {
	p := NewParser(DefaultTaxonomy())
	tests := []struct{ title, want string }{
		{"溪口县教育局2021年控辍保学工作总结", "扶贫"},
		{"桐溪区教育系统校园安全工作总结", "安全"},
		{"某县教育局机关党总支2022年工作总结", "党建"},
		{"某县教育体育局2023年工作总结", ""},
		{"柳川县教育局2022年工作总结和2023年工作计划", ""},
	}
	for _, tt := range tests {
		if got := p.titleTopic(tt.title); got != tt.want {
			t.Errorf("titleTopic(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

// TestSingleTopicReportPassesItsTopic checks that the general headings of a
// single-topic report take the report's topic instead of 其他, while a
// heading naming another topic keeps its own.
func TestSingleTopicReportPassesItsTopic(t *testing.T) {
	text := strings.Join([]string{
		"溪口县教育局2021年学生资助工作总结",
		"一、领导重视，责任明确",
		"局党组多次专题研究，成立工作领导小组，明确分管领导和具体经办人员，层层压实工作责任。",
		"二、广泛宣传，营造氛围",
		"通过致家长一封信、班会等多种形式开展宣传，做到政策宣传家喻户晓，全年发放宣传资料一万余份。",
		"三、加强学校食品安全管理",
		"严格落实食堂管理制度，开展食品安全检查四次，确保受助学生用餐安全卫生，未发生任何安全事故。",
	}, "\n")
	docs := NewParser(DefaultTaxonomy()).ParseText(text)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	want := map[string]string{"领导重视，责任明确": "扶贫", "广泛宣传，营造氛围": "扶贫", "加强学校食品安全管理": "安全"}
	for _, s := range docs[0].Sections {
		if w, ok := want[s.Heading]; ok && s.Category != w {
			t.Errorf("%q category %q, want %q", s.Heading, s.Category, w)
		}
	}
}

// TestPartyBuildingHeadingsWithoutTheWord checks headings about party work
// that do not say 党建.
func TestPartyBuildingHeadingsWithoutTheWord(t *testing.T) {
	tax := DefaultTaxonomy()
	for _, h := range []string{"强化政治引领，把握正确方向", "筑牢基层组织战斗堡垒", "营造风清气正的政治生态",
		"坚持铸魂育人，加强党对教育工作的全面领导", "强化理论武装，筑牢思想根基", "深入学习贯彻党的二十大精神", "开展“党建+教学质量”融合活动"} {
		if got := tax.Classify(h, "", "").Category; got != "党建" {
			t.Errorf("Classify(%q) = %q, want 党建", h, got)
		}
	}
}
