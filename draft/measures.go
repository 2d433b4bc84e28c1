package draft

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// measure is the usual countermeasure to one kind of problem, and the
// category the problem belongs to in a plan.
type measure struct {
	problem  *regexp.Regexp
	category string
	action   string
}

// measures answer the problems county bureaus report, most specific first:
// a shortage of teachers is 师资 whatever subject they teach. Actions state
// what will be done, never the problem again.
var measures = []measure{
	{regexp.MustCompile(`(交流|轮岗|乡村|农村)(教师)?.{0,8}(保障|待遇|补助|生活)`), "师资", "完善交流轮岗教师和乡村教师激励措施，落实相关补助政策"},
	{regexp.MustCompile(`(教师|师资|老师).*(短缺|不足|缺编|紧缺|缺口|缺乏|结构性)|缺编|缺员|空编`), "师资", "通过公开招聘、县管校聘和城乡交流轮岗等途径补充紧缺学科教师，优化教师队伍学科结构"},
	{regexp.MustCompile(`(教师|老师).{0,6}(流失|外流|留不住)|稳定性不足`), "师资", "完善农村教师待遇保障和激励机制，落实乡村教师生活补助，稳定农村教师队伍"},
	{regexp.MustCompile(`老龄化|年龄结构|青黄不接`), "师资", "加大青年教师补充和培养力度，健全新老教师结对帮带机制"},
	{regexp.MustCompile(`师德|有偿补课|体罚`), "师资", "健全师德师风考核和违规行为查处机制，开展专项整治"},
	{regexp.MustCompile(`校长|管理水平|管理能力|干部队伍`), "师资", "加强校长和学校管理干部培训，推行校长职级制"},
	{regexp.MustCompile(`大班额|班额|大校额|学位.{0,4}(紧张|不足|短缺)|入学难|热点学校|择校`), "办学条件", "加快学校扩容建设，新建、改扩建一批中小学，扩大优质学位供给"},
	{regexp.MustCompile(`公办园|入园难|学前.*(不足|偏低|短缺|薄弱)|普惠`), "学前教育", "新建、改扩建公办幼儿园，扩大普惠性学前教育资源供给"},
	{regexp.MustCompile(`经费|资金|投入不足|债务`), "办学条件", "积极争取上级项目和资金支持，优化教育经费支出结构"},
	{regexp.MustCompile(`健身(设施|器材|路径|场地)|公共体育设施|农村体育设施`), "其他", "实施全民健身设施补短板工程，更新老旧健身器材，健全健身设施管护机制"},
	{regexp.MustCompile(`体育场地|田径场|运动场|操场|体育设施`), "办学条件", "实施学校体育场地设施改善项目，补齐学校体育设施短板"},
	{regexp.MustCompile(`消防|(设施|设备|校舍).{0,4}(维护|维修|保养|管护)`), "安全", "建立校舍和设施设备定期检查维护制度，开展消防安全专项排查整治，实行隐患整改闭环管理"},
	{regexp.MustCompile(`危房|危旧|[CD]级|校舍安全`), "办学条件", "实施校舍安全保障工程，分年度推进危旧校舍改造和加固，消除校舍安全隐患"},
	{regexp.MustCompile(`寄宿|宿舍|食堂|校舍|功能室|厕所|危房|设施`), "办学条件", "推进薄弱学校改造和寄宿制学校建设，完善配套设施"},
	{regexp.MustCompile(`小规模|布局|生源(流失|减少)|空心`), "办学条件", "科学编制学校布局规划，有序推进学校新建、改扩建和布局调整"},
	{regexp.MustCompile(`溺水`), "安全", "落实防溺水“六不”要求，加强重点水域巡查和家校共管"},
	{regexp.MustCompile(`安全|隐患|欺凌|食品`), "安全", "健全隐患排查整治台账，实行闭环管理"},
	{regexp.MustCompile(`社会体育|体育指导员|全民健身|群众体育|公共体育`), "其他", "加强社会体育指导员队伍建设，开展分级培训"},
	{regexp.MustCompile(`心理`), "德育", "配齐心理健康教育教师，健全学生心理健康筛查、预警和干预机制"},
	{regexp.MustCompile(`近视|体质|体育|美育|劳动教育`), "德育", "开齐开足体育、美育和劳动教育课程，落实体质健康和近视防控措施"},
	{regexp.MustCompile(`留守|特殊群体|困境儿童`), "德育", "建立留守儿童等特殊群体关爱台账，落实结对帮扶和心理关爱"},
	{regexp.MustCompile(`控辍|辍学|劝返|失学`), "扶贫", "健全控辍保学联控联保机制，落实动态监测和劝返复学责任"},
	{regexp.MustCompile(`资助|贫困|困难学生`), "扶贫", "精准落实各项学生资助政策，完善资助对象动态认定机制"},
	{regexp.MustCompile(`特殊教育|残疾|送教`), "扶贫", "完善特殊教育保障机制，规范开展送教上门"},
	{regexp.MustCompile(`职业教育|职教|产教|职业学校|中职|职业中专|职中|实训`), "职业教育", "深化产教融合、校企合作，加强实训基地建设，优化专业设置"},
	{regexp.MustCompile(`信息化|智慧|数字化|设备(老化|陈旧|落后)|网络`), "信息化", "推进智慧校园建设，更新老旧教学设备，提升教师信息技术应用能力"},
	{regexp.MustCompile(`双减|作业|课后服务|校外培训`), "教育改革", "巩固“双减”成果，提升作业设计和课后服务质量，规范校外培训"},
	{regexp.MustCompile(`民办`), "教育改革", "加强民办学校规范管理，完善年检和督导评估"},
	{regexp.MustCompile(`评价|改革`), "教育改革", "深化教育评价改革，健全以发展素质教育为导向的评价机制"},
	{regexp.MustCompile(`城乡|校际|区域|均衡|差距|差异`), "教育质量", "推进集团化办学和城乡教育共同体建设，促进优质资源共享"},
	{regexp.MustCompile(`质量|成绩|教学|教研|课堂|升学`), "教育质量", "深化课堂教学改革，加强教研指导和教学质量监测"},
	{regexp.MustCompile(`党建|党组织|党员|意识形态|作风`), "党建", "推进学校党组织领导的校长负责制，抓实基层党组织建设和作风建设"},
}

// problemPhrase is a problem without the words that only say how bad it is:
// 城区学校大班额问题仍较突出 → 城区学校大班额; 学前教育公办园占比偏低 stays.
func problemPhrase(p string) string {
	p = partialSubject.ReplaceAllString(p, "") // a measure is for all schools, not 部分学校
	core := p
	if !leaning.MatchString(p) { // 年龄偏大 is the problem itself, not how bad it is
		core = strings.TrimSuffix(degreeTail.ReplaceAllString(p, ""), "的")
	}
	core = stillWords.ReplaceAllString(core, "") // 学位依然紧张 → 学位紧张
	core = whenWords.ReplaceAllString(core, "")  // 寒假期间设施设备维护不及时: the measure holds all year
	core = comparedGap.ReplaceAllString(core, "${1}的差距")
	core = strings.TrimSuffix(strings.TrimSuffix(core, "问题"), "的")
	if utf8.RuneCountInString(core) < 2 {
		return strings.TrimSuffix(p, "问题")
	}
	return core
}

// resolution words what the measure achieves for a problem, with the verb
// its ending takes: 减轻…压力, 缩小…差距, 提高…占比, 补齐…短板, else 解决…问题.
func resolution(core string) string {
	for _, r := range []struct{ end, verb, trim, tail string }{
		{"压力", "有效缓解", "", ""}, {"差距", "逐步缩小", "", ""}, {"偏低", "切实提高", "偏低", ""}, {"偏少", "逐步增加", "偏少", ""},
		{"结构性短缺", "补齐", "结构性短缺", "短板"}, {"短缺", "补齐", "短缺", "短板"}, {"不足", "补齐", "不足", "短板"},
		{"缺口", "补齐", "缺口", "缺口"}, {"紧缺", "补齐", "紧缺", "短板"},
		{"老龄化", "逐步缓解", "", "问题"}, {"不够合理", "逐步优化", "不够合理", ""}, {"不合理", "逐步优化", "不合理", ""},
		{"紧张", "有效缓解", "", ""}, {"矛盾", "有效缓解", "", ""}, {"设备老化", "逐步更新", "老化", ""}, {"年龄偏大", "逐步优化", "年龄偏大", "年龄结构"}, {"差异", "逐步缩小", "", ""},
		{"不及时", "推动", "不及时", "及时到位"}, {"不到位", "推动", "不到位", "落实到位"}, {"不规范", "推动", "不规范", "规范有序"},
	} {
		if strings.HasSuffix(core, r.end) {
			return r.verb + strings.TrimSuffix(core, r.trim) + r.tail
		}
	}
	if negated.MatchString(core) || clauseLike.MatchString(core) {
		// 切实解决…没有标准田径场问题, …生源持续减少问题, …虽有缓解问题 do
		// not read: the measure says it
		return ""
	}
	if strings.HasPrefix(core, "不") || strings.Contains(core, "不") {
		return "切实解决" + core + "的问题" // 整改不及时的问题
	}
	return "切实解决" + core + "问题"
}

// clauseLike marks a problem's core that is a clause of its own (a trend, a
// concession, a degree), not a thing a measure solves: 生源持续减少, 虽有缓解,
// 还不够精准.
var clauseLike = regexp.MustCompile(`虽|但|持续|逐年|日益|不够|还不|减少|下降|增多|加大|缓慢|较慢`)

// whenWords say when a problem showed, which the measure answering it does
// not repeat.
var whenWords = regexp.MustCompile(`(寒假|暑假|假期|节假日|汛期|开学)(期间|前|后|时)`)

// comparedGap words a gap by comparison (与先进县区相比有差距), which a
// resolution names as the gap itself (与先进县区的差距).
var comparedGap = regexp.MustCompile(`(与.+?)相比(仍|还)?(有|存在)(较大|一定|明显)?(的)?差距`)

// leaning ends a problem that is a leaning (年龄偏大, 占比偏低).
var leaning = regexp.MustCompile(`偏[大小多少低高][。；，]?$`)

// stillWords say a problem persists, which its resolution does not repeat.
var stillWords = regexp.MustCompile(`(仍然|依然|依旧|仍)`)

// negated words a problem as something missing or not yet done, which no
// resolution phrase takes.
var negated = regexp.MustCompile(`没有|尚未|未能|未完全|无法|未达到`)

// partialSubject opens a problem that concerns some schools only.
var partialSubject = regexp.MustCompile(`^(部分|个别|少数|一些)(学校|地区|乡镇|教师|幼儿园)?`)

// degreeTail is the judgement at the end of a problem that says only how bad
// it is: 问题仍较突出, 依然较大, 日益凸显.
var degreeTail = regexp.MustCompile(`(的)?(问题)?(仍然|仍|依然|依旧|还|较为|比较|相对|日益|十分|非常|尤为)?(较|很|比较)?(突出|严重|明显|较大|较多|凸显|存在|大)?[。；，]?$`)

// Countermeasure words the task that answers a problem and says which
// category it belongs to ("" when no rule knows the problem: the caller's
// classifier decides). The task states what will be done; it does not repeat
// the problem.
func Countermeasure(problem string) (task, category string) {
	p := strings.TrimSpace(strings.TrimRight(problem, "。；，"))
	core := problemPhrase(p)
	solve := ""
	if r := resolution(core); r != "" {
		solve = "，" + r
	}
	if restatesProblem(core) {
		solve = "" // the problem is stated once, in its part; the measure stands alone
	}
	for _, m := range measures {
		if m.problem.MatchString(p) {
			if solve == "" {
				solve = clauseResolution(p, m) // 城区学校学位依然紧张，部分小学班额超过45人 → 有效缓解城区学校学位紧张
			}
			if m.names(solve) {
				solve = "" // 健全控辍保学…机制 needs no 切实做好控辍保学工作
			}
			return m.action + solve, m.category
		}
	}
	if solve == "" {
		solve = "，推动问题整改到位"
	}
	return "深入分析原因，制定专项整改方案，明确责任单位和完成时限" + solve, ""
}

// clauseResolution names what a measure solves for a problem too long to
// name whole: the resolution of a clause the measure answers, short, with no
// figure, and not what the measure says already; "" when there is none.
func clauseResolution(problem string, m measure) string {
	for _, clause := range clauseSep.Split(problem, -1) {
		if !m.problem.MatchString(clause) {
			continue
		}
		core := problemPhrase(clause)
		if r := resolution(core); r != "" && !restatesProblem(core) && !m.names("，"+r) {
			return "，" + r
		}
	}
	return ""
}

// names reports whether the measure's action already names what a
// resolution says is solved (健全控辍保学…机制 and 切实做好控辍保学工作).
func (m measure) names(solve string) bool {
	thing := solvedThing.FindStringSubmatch(solve)
	return thing != nil && strings.Contains(m.action, placeWords.ReplaceAllString(thing[2], ""))
}

// placeWords open a problem's subject with where it is (城区优质学位供给):
// the measure that names the thing answers it wherever it is.
var placeWords = regexp.MustCompile(`^(城区|农村|乡村|城镇|全县|全区|部分)`)

// solvedThing is what a resolution names as solved: 切实做好控辍保学工作 →
// 控辍保学.
var solvedThing = regexp.MustCompile(`^，(切实做好|逐步缩小|切实提高|逐步增加|补齐|逐步缓解|有效缓解|逐步优化|逐步更新|推动|切实解决)(.+?)(的问题|工作|问题|短板|缺口|压力|紧张)?$`)

// restatesProblem reports whether naming a problem's core in its measure
// would repeat the problem rather than name what is solved: it holds a
// figure or several clauses, or runs long (部分农村小规模学校学生数不足50人，
// 资源配置效益不高).
func restatesProblem(core string) bool {
	return strings.ContainsAny(core, "0123456789，,；") || utf8.RuneCountInString(core) > 16
}
