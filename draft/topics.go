package draft

import "regexp"

// topicLeads are house lead sentences for the particular work a fact names,
// in a summary (how the work was done) and in a plan (the task ahead): a
// 篮球联赛 result opens on school sports, not on 教学质量监测. They come
// before the category's general sentences, which fit only some of its facts.
// None holds a figure, a named campaign or another bureau's event.
var topicLeads = []struct {
	words         *regexp.Regexp
	summary, plan string
}{
	{regexp.MustCompile(`发展党员|党组织|党支部|书记|述职|三会一课`), "持续加强基层党组织建设，推动党建工作与教育教学深度融合。", "持续推进学校党组织标准化规范化建设，严格落实“三会一课”制度。"},
	{regexp.MustCompile(`清廉|廉洁|廉政|作风|纪律`), "加强党风廉政建设，营造风清气正的育人环境。", "加强党风廉政建设，持续深化作风建设。"},
	{regexp.MustCompile(`学习教育|理论学习|专题研讨|中心组|第一议题`), "坚持把党的政治建设摆在首位，深化党的创新理论学习。", "坚持把党的政治建设摆在首位，完善理论学习常态化机制。"},
	{regexp.MustCompile(`意识形态|思政课`), "压实意识形态工作责任，加强课堂、教材和网络阵地管理。", "压实意识形态工作责任，加强课堂、教材和网络阵地管理。"},
	{regexp.MustCompile(`招聘|特岗|补充|引进|公费师范生`), "坚持把教师补充作为队伍建设的基础工作，统筹做好教师招聘和配备管理。", "完善教师补充机制，统筹做好教师招聘和调配，优化教师学科结构。"},
	{regexp.MustCompile(`教师培训|培训教师|研修|国培|轮训|全员培训|校长培训|班主任培训`), "加强教师培训，提升教师专业素养和育人能力。", "优化教师培训内容和方式，提高培训的针对性和实效性。"},
	{regexp.MustCompile(`师德|师风`), "坚持把师德师风作为评价教师队伍素质的第一标准，健全师德建设长效机制。", "健全师德建设长效机制，强化师德考核结果运用。"},
	{regexp.MustCompile(`骨干|名师|名校长|学科带头人|工作室`), "加强骨干教师队伍建设，发挥示范引领作用。", "完善名师名校长培养机制，发挥骨干教师示范引领作用。"},
	{regexp.MustCompile(`交流|轮岗|县管校聘|区管校聘`), "深化教师交流轮岗，推动城乡师资均衡配置。", "深化教师交流轮岗，推动城乡师资均衡配置。"},
	{regexp.MustCompile(`全民健身|健身路径|社会体育|群众体育`), "深入实施全民健身国家战略，完善城乡公共体育设施，丰富群众体育活动。", "推动体育场馆向社会开放，办好群众性赛事活动。"},
	{regexp.MustCompile(`(体育|健身)?场馆|体育馆|体育场`), "压实场馆安全管理责任，常态化开展隐患排查整治，保障群众健身安全。", "健全场馆安全管理制度，常态化开展隐患排查整治。"},
	{regexp.MustCompile(`全民健身|群众体育|社会体育|健身路径|健身中心|群众性体育`), "坚持以人民为中心，广泛开展全民健身活动，推动群众体育蓬勃发展。", "完善全民健身公共服务体系，广泛开展群众性体育活动。"},
	{regexp.MustCompile(`体育|体质|运动会|联赛|锦标赛|田径|篮球|足球|排球|阳光体育`), "坚持健康第一的教育理念，加强学校体育工作，促进学生强健体魄。", "完善学校体育赛事体系，推动校园体育活动普及。"},
	{regexp.MustCompile(`美育|艺术|合唱|书法|非遗`), "加强学校美育工作，丰富学生艺术实践活动。", "加强学校美育工作，完善学生艺术实践展示机制。"},
	{regexp.MustCompile(`心理`), "加强学生心理健康教育，健全心理问题筛查、预警和干预机制。", "配齐心理健康教育教师，健全学生心理健康监测预警机制。"},
	{regexp.MustCompile(`劳动教育|劳动实践`), "加强劳动教育，拓展实践育人途径。", "统筹劳动教育资源，拓展实践育人途径。"},
	{regexp.MustCompile(`研学|实践基地|社会实践`), "深入推进研学实践，拓展实践育人途径。", "统筹研学实践资源，拓展实践育人途径。"},
	{regexp.MustCompile(`家庭教育|家长学校|家访|家长会|致家长`), "加强家校沟通，形成育人合力。", "健全家校社协同育人机制，推动家庭教育指导服务常态化。"},
	{regexp.MustCompile(`寒假|暑假|假期`), "统筹做好假期学生管理和服务工作。", "统筹做好假期学生管理和服务工作。"},
	{startOfTerm, "扎实做好开学各项准备工作，保障新学期教育教学秩序。", "扎实做好开学各项准备工作，保障新学期教育教学秩序。"},
	{regexp.MustCompile(`溺水`), "突出抓好防溺水工作，落实家校共管责任。", "落实防溺水家校共管责任，加强重点水域巡查和警示教育。"},
	{regexp.MustCompile(`消防|用电|燃气|一氧化碳|防火`), "落实消防安全责任，提升学校安全防范能力。", "常态化开展消防、用电和燃气安全隐患排查整治。"},
	{regexp.MustCompile(`校车|交通`), "严格落实校车安全管理制度，确保学生乘车安全。", "严格落实校车安全管理制度，确保学生乘车安全。"},
	{regexp.MustCompile(`食品|食堂|陪餐|校园餐`), "加强学校食品安全管理，落实校园餐经费使用和食材采购监管。", "加强学校食品安全管理，落实校园餐经费使用和食材采购监管。"},
	{regexp.MustCompile(`欺凌`), "健全学生欺凌防治工作机制，加强早期预防和及时处置。", "健全学生欺凌防治工作机制，加强早期预防和及时处置。"},
	{regexp.MustCompile(`演练|应急`), "健全校园应急处置机制，提升师生应急避险能力。", "健全校园应急处置机制，常态化开展应急疏散演练。"},
	{regexp.MustCompile(`隐患|排查|安全检查|安全大检查|视频监控|技防`), "常态化开展安全隐患排查整治，健全校园安全风险防控体系。", "健全校园安全风险防控体系，推动安全隐患动态清零。"},
	{regexp.MustCompile(`中考|高考|两考|模拟考试|备考|毕业年级|上线`), "加强毕业年级教学管理，科学组织复习备考工作。", "加强毕业年级教学管理，提高复习备考实效。"},
	{regexp.MustCompile(`质量监测|学业质量|期末|统考`), "加强教学质量监测，强化监测结果分析和运用。", "加强教学质量监测，强化监测结果分析和运用。"},
	{regexp.MustCompile(`教研|课堂|教学(改革|常规|管理|质量|视导|比武|能手|成果|开放周)|赛课|优质课|课题`), "坚持以提高质量为核心，深化课堂教学改革，落实教学常规管理。", "深化课堂教学改革，加强教研指导和教学常规管理。"},
	{regexp.MustCompile(`招生|(^|[^接进输导])入学|录取|一年级`), "坚持公平公正，严格执行招生入学政策，切实维护群众切身利益。", "严格执行招生入学政策，维护招生入学公平。"},
	{regexp.MustCompile(`营养改善|营养餐`), "落实农村义务教育学生营养改善计划，确保补助资金及时足额到位。", "落实农村义务教育学生营养改善计划，确保补助资金及时足额到位。"},
	{regexp.MustCompile(`资助|助学|补助|奖学|贷款|免除`), "坚持应助尽助，精准落实各项学生资助政策，确保资助资金及时足额发放。", "精准落实各项学生资助政策，做好家庭经济困难学生认定和动态管理。"},
	{regexp.MustCompile(`控辍|辍学|劝返|巩固率`), "健全控辍保学工作机制，保障适龄儿童少年依法接受义务教育。", "健全控辍保学动态监测机制，巩固义务教育普及成果。"},
	{regexp.MustCompile(`特殊教育|残疾|送教`), "完善特殊教育保障机制，规范开展送教上门。", "完善特殊教育保障机制，提升融合教育水平。"},
	{regexp.MustCompile(`留守|困境儿童|特殊群体`), "健全留守儿童等特殊群体关爱机制，落实结对帮扶。", "健全留守儿童等特殊群体关爱机制，落实结对帮扶。"},
	{regexp.MustCompile(`(新建|改扩建|扩建|建设|建成).{0,6}(幼儿园|公办园)`), "加快公办园建设，扩大普惠性学前教育资源。", "加快推进公办园建设项目，确保按期建成投用。"},
	{regexp.MustCompile(`幼小衔接`), "深化幼小科学衔接，促进儿童平稳过渡。", "深化幼小科学衔接，完善双向衔接机制。"},
	{regexp.MustCompile(`幼儿园|学前|入园|普惠|公办园|保教`), "完善学前教育保障机制，提升幼儿园办园水平。", "扩大普惠性学前教育资源供给，提升保育教育质量。"},
	{regexp.MustCompile(`集团化|共同体|教联体|学区`), "深化城乡学校协同发展，扩大优质教育资源覆盖面。", "推动城乡学校结对共建，促进优质资源共享。"},
	{regexp.MustCompile(`双减|课后服务|校外培训|作业`), "坚持减负提质，强化学校教育主阵地作用。", "坚持减负提质，持续强化学校教育主阵地作用。"},
	{regexp.MustCompile(`评价`), "深化教育评价改革，推动各项改革举措落地见效。", "深化教育评价改革，健全以发展素质教育为导向的评价机制。"},
	{regexp.MustCompile(`民办`), "加强民办学校规范管理，促进民办教育健康发展。", "加强民办学校规范管理，完善年检和督导评估。"},
	{regexp.MustCompile(`智慧|信息化|数字|网络|宽带|多媒体|班班通|专递课堂|人工智能`), "坚持以教育数字化赋能教育高质量发展，推动信息技术与教育教学深度融合。", "推进教育数字化转型，提升智慧校园建设和应用水平。"},
	{regexp.MustCompile(`职业|中职|职教|技能|产教|校企|劳动力|实用技术|订单班`), "坚持产教融合、校企合作，提升职业教育服务发展能力。", "对接地方产业优化专业设置，推进校企合作和订单培养。"},
	{regexp.MustCompile(`新建|改扩建|迁建|竣工|开工|主体|项目|投资|交付|教学楼|综合楼|宿舍楼|投用`), "加强学校建设项目管理，确保工程质量和资金安全。", "加强项目建设全过程监管，确保工程质量和资金安全。"},
	{regexp.MustCompile(`设备|装备|器材|取暖|热水|实验室|功能室|图书`), "加大设施设备投入，改善学校办学和师生生活条件。", "加大设施设备投入，提升配备标准和使用效益。"},
	{regexp.MustCompile(`厕所|校舍|维修|改造|危房|运动场|操场`), "统筹实施学校改造提升项目，改善学校基本办学条件。", "统筹实施校舍维修改造，补齐学校基本办学条件短板。"},
	{regexp.MustCompile(`语言文字|普通话|推普`), "规范使用国家通用语言文字，深入开展推普工作。", "深入开展推普工作，加强语言文字规范化建设。"},
	{regexp.MustCompile(`(通过|迎接|接受).{0,16}(评估|验收|认定|督导)`), "坚持以评促建、以评促改，推动各项工作提质增效。", "坚持以评促建，巩固督导评估成果。"},
	{regexp.MustCompile(`督导|督学|评估`), "强化教育督导，推动各项教育政策落地落实。", "健全教育督导评估机制，强化督导结果运用。"},
}

// topicSentences are the topic leads of the facts, each once, in the order
// of the facts. A fact naming several topics (开学前完成校车安全检查) takes the
// first whose lead fits (the section's category), else its first.
func topicSentences(facts []Fact, plan bool, fits func(string) bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range facts {
		var matched []string
		for _, t := range topicLeads {
			s := t.summary
			if plan {
				s = t.plan
			}
			if t.words.MatchString(f.Text) {
				matched = append(matched, s)
			}
		}
		if pick := pickTopic(matched, seen, fits); pick != "" {
			seen[pick] = true
			out = append(out, pick)
		}
	}
	return out
}

// pickTopic chooses a fact's topic lead among those its words match: none
// when a fitting one is already said (县全民健身中心体育馆在建 after another
// project: the project lead covers it), else the first fitting one not said.
func pickTopic(matched []string, seen map[string]bool, fits func(string) bool) string {
	for _, s := range matched {
		if seen[s] && fits(s) {
			return ""
		}
	}
	for _, s := range matched {
		if !seen[s] && fits(s) {
			return s
		}
	}
	return ""
}

// startOfTerm marks the work of opening a term (如期开学, 开学前检查); the
// 开学第一课 of 德育 is a lesson, not that work.
var startOfTerm = regexp.MustCompile(`(春季|秋季|如期|正常|平稳|顺利|安全|按时)开学|开学(前|工作|准备|检查|安全|报到|典礼|季)`)

// topicHeading heads a section whose facts all speak of its work.
type topicHeading struct {
	words         *regexp.Regexp
	summary, plan string
	within        string // the category whose own facts it heads too (装备 is 办学条件 work, not its 项目建设)
}

// otherTopics give the catch-all category a heading that names its work
// when the facts share a topic (体育 in an 教育体育局's report).
var otherTopics = []topicHeading{
	{regexp.MustCompile(`体育|健身|运动会|运会|赛事|联赛|锦标赛|体育场|体育馆|体质|金牌|奖牌`), "发展体育事业，推进全民健身", "抓体育惠民，推动全民健身深入开展", ""},
	{regexp.MustCompile(`语言文字|普通话|推普`), "规范语言文字，推广国家通用语言", "抓语言文字工作，推广普及普通话", ""},
	{regexp.MustCompile(`(通过|迎接|接受).{0,16}(评估|验收|认定|督导)`), "坚持以评促建，推动教育提质发展", "抓督导评估，促进规范办学", ""},
	{regexp.MustCompile(`督导|督学|评估`), "强化教育督导，推动政策落实", "抓督导评估，促进规范办学", ""},
	{regexp.MustCompile(`关工委|老干部|离退休`), "做好关心下一代和老干部工作", "抓关心服务，做好老干部和关工委工作", ""},
}

// topicHeadings head a section whose facts all speak of one piece of work
// that its category's heading does not name (9月1日如期开学 under 教育质量).
var topicHeadings = []topicHeading{
	{startOfTerm, "精心组织开学工作，确保平稳有序", "抓开学准备，确保平稳有序开学", ""},
	{regexp.MustCompile(`控辍|辍学|劝返|巩固率`), "巩固控辍保学成果，保障适龄儿童入学", "抓控辍保学，巩固义务教育普及成果", ""},
	{regexp.MustCompile(`招生|(^|[^接进输导])入学|录取|一年级`), "规范招生入学，保障入学权益", "抓招生入学，维护教育公平", "教育质量"},
	{regexp.MustCompile(`寒假|暑假|假期`), "统筹部署假期工作，守护学生健康成长", "抓假期管理，确保学生度过平安充实的假期", ""},
	{regexp.MustCompile(`体育|体质|运动会|联赛|锦标赛|田径|篮球|足球|排球`), "加强学校体育，促进学生健康成长", "抓学校体育，促进学生强健体魄", ""},
	{regexp.MustCompile(`设备|装备|器材|取暖|热水|实验室|功能室|图书`), "完善设施设备，改善办学条件", "抓装备提升，完善保障条件", "办学条件"},
	{regexp.MustCompile(`幼小衔接|科学保教`), "加强科学保教，推进幼小科学衔接", "抓科学保教，推进幼小科学衔接", "学前教育"},
	{regexp.MustCompile(`营养改善|营养餐`), "实施营养改善计划，保障学生营养健康", "抓营养改善，保障学生健康成长", "扶贫"},
}

// topicHeadingWithin is the heading of the one piece of work all the facts
// speak of, "" when they speak of more than one or of none listed, and the
// category the work belongs to ("" for none).
func topicHeadingWithin(facts []Fact, plan bool) (string, string) {
	return sharedTopicHeading(topicHeadings, facts, plan)
}

// sharedTopicHeading is the heading in table of the topic every fact names,
// with the category it belongs to; "" when there is none.
func sharedTopicHeading(table []topicHeading, facts []Fact, plan bool) (string, string) {
	for _, t := range table {
		all := len(facts) > 0
		for _, f := range facts {
			all = all && t.words.MatchString(f.Text)
		}
		if !all {
			continue
		}
		if plan {
			return t.plan, t.within
		}
		return t.summary, t.within
	}
	return "", ""
}

// isTopicHeading reports whether h is one of the topic headings: the
// section speaks of that work, not of its category's usual work.
func isTopicHeading(h string) bool {
	if h == venueSafetyHeadings[0] || h == venueSafetyHeadings[1] {
		return true
	}
	for _, t := range topicHeadings {
		if h == t.summary || h == t.plan {
			return true
		}
	}
	return false
}
