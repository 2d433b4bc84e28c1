package store_test

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/storetest"
)

// The generator writes report-like sections from phrases typical of county
// education bureau reports, so term frequencies resemble a real corpus: a
// topic's terms mostly occur in that topic's sections, general phrases
// everywhere.

type topic struct {
	category, part string
	headings       []string
	phrases        []string
}

var topics = []topic{
	{"党建", corpus.PartSummary, []string{"加强党的建设", "党建引领", "全面从严治党"}, []string{
		"加强学校党建工作", "开展主题党日活动", "落实全面从严治党主体责任", "推动党建与业务深度融合",
		"规范发展党员工作", "加强党风廉政建设", "落实意识形态工作责任制", "建强基层党组织"}},
	{"师资", corpus.PartSummary, []string{"加强师资队伍建设", "教师队伍建设", "师德师风建设"}, []string{
		"招聘特岗教师", "开展教师全员培训", "加强师德师风建设", "推进县管校聘改革", "建设名师工作室",
		"推动城乡教师交流轮岗", "落实乡村教师生活补助", "优化师资配置"}},
	{"资助", corpus.PartSummary, []string{"学生资助", "精准资助", "控辍保学"}, []string{
		"发放国家助学金", "落实学生资助政策", "实施农村义务教育学生营养改善计划", "做好控辍保学工作",
		"办理生源地信用助学贷款", "资助家庭经济困难学生", "确保资助资金足额发放", "实现应助尽助"}},
	{"安全", corpus.PartSummary, []string{"校园安全", "安全稳定", "平安校园建设"}, []string{
		"开展校园安全隐患排查", "加强防溺水专项教育", "开展校园欺凌防治", "落实食品安全责任",
		"组织消防应急演练", "加强交通安全教育", "建设平安校园", "守住安全底线"}},
	{"双减", corpus.PartSummary, []string{"落实双减政策", "课后服务", "减轻学生负担"}, []string{
		"推进课后服务全覆盖", "巩固双减工作成果", "加强作业管理", "规范校外培训机构",
		"丰富课后服务内容", "提高作业设计质量"}},
	{"质量", corpus.PartSummary, []string{"提升教育质量", "教研教改", "教学管理"}, []string{
		"深化课堂教学改革", "开展教研活动", "组织集体备课", "加强教学质量监测", "中考成绩稳步提升",
		"推进教研室建设"}},
	{"学前", corpus.PartSummary, []string{"学前教育", "普惠发展"}, []string{
		"发展普惠性幼儿园", "提高学前教育毛入园率", "规范民办幼儿园管理", "推进幼小衔接"}},
	{"职教", corpus.PartSummary, []string{"职业教育", "产教融合"}, []string{
		"深化产教融合", "办好中职学校", "组织职业技能大赛", "推进校企合作"}},
	{"基建", corpus.PartSummary, []string{"改善办学条件", "校舍建设", "教育信息化"}, []string{
		"推进义务教育优质均衡发展", "实施薄弱学校改造", "新建改扩建校舍", "推进教育信息化建设",
		"建设标准化学校", "优化学校布局"}},
}

var problems = topic{"问题", corpus.PartProblems, []string{"存在问题", "存在的不足", "问题与困难"}, []string{
	"师资结构性矛盾突出", "教育经费保障不足", "农村学校规模偏小", "城区学校大班额问题仍然存在",
	"教师老龄化问题突出", "校园安全隐患依然存在", "优质教育资源不足"}}

var plans = topic{"计划", corpus.PartPlan, []string{"下一步工作打算", "工作计划", "下一步工作思路"}, []string{
	"持续抓好党建工作", "继续加强师资队伍建设", "巩固双减成果", "抓实安全稳定工作",
	"推进义务教育优质均衡", "深化教育领域综合改革"}}

var general = []string{
	"坚持以习近平新时代中国特色社会主义思想为指导", "全面贯彻党的教育方针", "落实立德树人根本任务",
	"推动教育高质量发展", "办好人民满意的教育", "进一步完善工作机制", "强化督导检查", "加大经费投入",
	"扎实推进各项工作", "取得明显成效", "群众满意度持续提升", "统筹城乡教育资源", "提升教育教学质量",
	"加强家校协同育人", "各学校高度重视", "县教育局认真谋划", "切实履行职责", "形成工作合力",
}

var (
	counties = []string{"东山", "西河", "南岭", "北川", "青石", "白水", "红岩", "金沙", "长乐", "安平"}
	units    = []string{"名", "所", "人", "万元", "个", "场次", "人次", "%"}
)

// generator writes reproducible documents; n numbers them so texts differ.
type generator struct {
	r *rand.Rand
	n int
}

func newGenerator(seed int64) *generator { return &generator{r: rand.New(rand.NewSource(seed))} }

func (g *generator) pick(s []string) string { return s[g.r.Intn(len(s))] }

// text writes about 300 characters of sentences, mostly from tp.
func (g *generator) text(tp topic) string {
	var b strings.Builder
	for n := 0; n < 300; {
		k := 2 + g.r.Intn(3)
		for i := 0; i < k; i++ {
			var p string
			switch x := g.r.Intn(10); {
			case x < 6:
				p = g.pick(tp.phrases)
			case x < 9:
				p = g.pick(general)
			default:
				p = g.pick(topics[g.r.Intn(len(topics))].phrases)
			}
			if g.r.Intn(3) == 0 {
				p += fmt.Sprintf("%d%s", 1+g.r.Intn(500), g.pick(units))
			}
			if i > 0 {
				b.WriteString("，")
				n++
			}
			b.WriteString(p)
			n += len([]rune(p))
		}
		b.WriteString("。")
		n++
	}
	return b.String()
}

// document returns a report of eight sections: preamble, five summary
// topics, problems and plans.
func (g *generator) document() corpus.Document {
	g.n++
	county := g.pick(counties)
	year := 2015 + g.r.Intn(10)
	d := corpus.Document{
		Title:  fmt.Sprintf("%s县教育局%d年工作总结（%d）", county, year, g.n),
		Org:    county + "县教育局",
		Year:   year,
		Period: corpus.PeriodAnnual,
		Kind:   corpus.KindSummaryPlan,
	}
	d.Sections = append(d.Sections, corpus.Section{ID: "0", Part: corpus.PartPreamble, Category: "总述",
		Text: g.text(topic{phrases: general})})
	add := func(tp topic) {
		n := len(d.Sections)
		d.Sections = append(d.Sections, corpus.Section{ID: fmt.Sprint(n), Level: 1,
			Marker: fmt.Sprintf("%d.", n), Heading: g.pick(tp.headings), Part: tp.part, Category: tp.category,
			Text: g.text(tp)})
	}
	for _, i := range g.r.Perm(len(topics))[:5] {
		add(topics[i])
	}
	add(problems)
	add(plans)
	d.Text = storetest.DocText(d)
	return d
}

func BenchmarkSaveDocument(b *testing.B) {
	ctx := context.Background()
	db := mustOpen(b)
	g := newGenerator(1)
	docs := make([]corpus.Document, b.N)
	for i := range docs {
		docs[i] = g.document()
	}
	b.ResetTimer()
	for _, d := range docs {
		if _, _, err := db.SaveDocument(ctx, "bench", "UTF-8", d); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// bench100k is the 100,000-section database, built once per test binary.
var bench100k struct {
	once  sync.Once
	dir   string
	path  string
	build time.Duration
	err   error
}

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) != "" {
		os.Exit(helperMain())
	}
	code := m.Run()
	if bench100k.dir != "" {
		os.RemoveAll(bench100k.dir)
	}
	os.Exit(code)
}

func open100k(b *testing.B) (*store.DB, string) {
	b.Helper()
	bench100k.once.Do(func() {
		bench100k.dir, bench100k.err = os.MkdirTemp("", "zongjie-bench-")
		if bench100k.err != nil {
			return
		}
		bench100k.path = filepath.Join(bench100k.dir, "100k.db")
		start := time.Now()
		db, err := store.Open(bench100k.path)
		if err != nil {
			bench100k.err = err
			return
		}
		defer db.Close()
		g := newGenerator(2)
		docs := make([]corpus.Document, 100_000/8)
		for i := range docs {
			docs[i] = g.document()
		}
		ctx := context.Background()
		if bench100k.err = db.BulkSave(ctx, "bench", docs); bench100k.err != nil {
			return
		}
		if bench100k.err = db.Optimize(ctx); bench100k.err != nil {
			return
		}
		if _, bench100k.err = db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); bench100k.err != nil {
			return
		}
		bench100k.build = time.Since(start)
		// Flush the 190 MB now rather than while searches are timed.
		bench100k.err = syncFile(bench100k.path)
		if bench100k.err == nil {
			bench100k.err = checkRecall(ctx, db)
		}
	})
	if bench100k.err != nil {
		b.Fatal(bench100k.err)
	}
	return mustOpenAt(b, bench100k.path), bench100k.path
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// checkRecall makes sure the index finds exactly the sections a LIKE scan
// finds, so the speed-up is not bought with missed hits.
func checkRecall(ctx context.Context, db *store.DB) error {
	for _, q := range benchQueries {
		match, _ := store.ParseQuery(q.Text)
		var fts, like int
		if err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?`, match).Scan(&fts); err != nil {
			return err
		}
		query, args := likeQuery(corpus.SearchQuery{Text: q.Text}, `count(*)`, ``)
		if err := db.SQL().QueryRowContext(ctx, query, args...).Scan(&like); err != nil {
			return err
		}
		if fts != like {
			return fmt.Errorf("%s: index finds %d sections, LIKE finds %d", q.Text, fts, like)
		}
	}
	return nil
}

// benchQueries mixes 2–4-character domain terms, some with filters.
var benchQueries = []corpus.SearchQuery{
	{Text: "党建"}, {Text: "师资"}, {Text: "资助"}, {Text: "安全"}, {Text: "双减"}, {Text: "教研"},
	{Text: "防溺水"}, {Text: "幼儿园"}, {Text: "特岗教师"}, {Text: "课后服务"}, {Text: "控辍保学"},
	{Text: "营养改善"}, {Text: "校园欺凌"}, {Text: "产教融合"},
	{Text: "安全", Category: "安全"}, {Text: "师资", Year: 2023}, {Text: "课后服务", Part: corpus.PartPlan},
	{Text: "党建", Org: "东山"},
}

// likeQuery returns the LIKE baseline of q: the same filters, a substring
// scan of heading and text instead of the index.
func likeQuery(q corpus.SearchQuery, selectList, tail string) (string, []any) {
	query := `SELECT ` + selectList + ` FROM sections s JOIN documents d ON d.id = s.doc_id
		WHERE (s.heading LIKE ? OR s.text LIKE ?)`
	pat := "%" + q.Text + "%"
	args := []any{pat, pat}
	if q.Category != "" {
		query, args = query+` AND s.category = ?`, append(args, q.Category)
	}
	if q.Part != "" {
		query, args = query+` AND s.part = ?`, append(args, q.Part)
	}
	if q.Org != "" {
		query, args = query+` AND instr(d.org, ?) > 0`, append(args, q.Org)
	}
	if q.Year != 0 {
		query, args = query+` AND d.year = ?`, append(args, q.Year)
	}
	return query + tail, args
}

// latencies collects per-query times and reports their percentiles.
type latencies []time.Duration

func (l latencies) percentile(p float64) time.Duration {
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// medians of the variants measured so far in this run, for the speed-up ratios.
var benchMedians sync.Map

// BenchmarkSearch100k measures Search on 100,000 generated sections against
// bm25 over every match and against LIKE scans. One op is one pass over
// benchQueries; p50/p99 are per query.
func BenchmarkSearch100k(b *testing.B) {
	db, path := open100k(b)
	ctx := context.Background()
	var size int64
	for _, suffix := range []string{"", "-wal"} {
		if fi, err := os.Stat(path + suffix); err == nil {
			size += fi.Size()
		}
	}

	run := func(name string, query func(corpus.SearchQuery) (int, error)) {
		b.Run(name, func(b *testing.B) {
			var lat latencies
			hits := 0
			for i := 0; i < b.N; i++ {
				for _, q := range benchQueries {
					start := time.Now()
					n, err := query(q)
					lat = append(lat, time.Since(start))
					if err != nil {
						b.Fatal(err)
					}
					hits += n
				}
			}
			p50 := lat.percentile(0.50)
			benchMedians.Store(name, p50)
			b.ReportMetric(ms(p50), "p50-ms")
			b.ReportMetric(ms(lat.percentile(0.99)), "p99-ms")
			b.ReportMetric(float64(hits)/float64(len(lat)), "hits/query")
			if name == "search" {
				b.ReportMetric(float64(size)/(1<<20), "db-MB")
				b.ReportMetric(bench100k.build.Seconds(), "build-s")
			}
			if fts, ok := benchMedians.Load("search"); ok && name != "search" {
				b.ReportMetric(ms(p50)/ms(fts.(time.Duration)), "x-search-p50")
			}
		})
	}
	searchWith := func(candidates int) func(corpus.SearchQuery) (int, error) {
		return func(q corpus.SearchQuery) (int, error) {
			hits, err := db.SearchCandidates(ctx, q, candidates)
			return len(hits), err
		}
	}
	run("search", func(q corpus.SearchQuery) (int, error) {
		hits, err := db.Search(ctx, q)
		return len(hits), err
	})
	run("bm25-1000-candidates", searchWith(1000))
	run("bm25-all-matches", searchWith(0))
	// The floor under any bm25 ranking: bm25 counts every match of every
	// phrase once per query for its IDF, which costs about this much.
	run("fts-count-only", func(q corpus.SearchQuery) (int, error) {
		match, _ := store.ParseQuery(q.Text)
		var n int
		err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?`, match).Scan(&n)
		return n, err
	})
	run("like-limit10", func(q corpus.SearchQuery) (int, error) {
		query, args := likeQuery(q, `s.id`, ` LIMIT 10`)
		rows, err := db.SQL().QueryContext(ctx, query, args...)
		if err != nil {
			return 0, err
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
		}
		return n, rows.Err()
	})
	run("like-count", func(q corpus.SearchQuery) (int, error) {
		query, args := likeQuery(q, `count(*)`, ``)
		var n int
		err := db.SQL().QueryRowContext(ctx, query, args...).Scan(&n)
		return n, err
	})
}
