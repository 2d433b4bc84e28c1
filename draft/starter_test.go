package draft_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store"
)

// Lead sentences a composer can take (an approach, no figures), one per
// report, so a draft shows which report its sections drew on.
const (
	starterTeachersLead = "坚持把教师招聘补充作为教师队伍建设的首要任务，健全特岗教师考核评价机制。"
	ownTeachersLead     = "着力优化教师招聘补充机制，健全教师培训体系，推动城乡教师均衡配置。"
	starterSafetyLead   = "严格落实校园安全管理责任，健全安全隐患排查整改长效机制。"
)

// starterStore is a real store with two built-in sample reports (师资 and
// 安全 sections) and one report of the user's own with 师资 sections only
// (a summary section and a plan section).
func starterStore(t *testing.T) (db *store.DB, own int64) {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "zongjie.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	save := func(source, title string, year int, secs ...corpus.Section) int64 {
		t.Helper()
		doc := corpus.Document{Title: title, Org: "某县教育局", Year: year, Period: corpus.PeriodAnnual, Kind: corpus.KindSummary}
		var text strings.Builder
		for i := range secs {
			secs[i].ID = string(rune('1' + i))
			secs[i].Level = 1
			text.WriteString(secs[i].Heading + "\n" + secs[i].Text + "\n")
		}
		doc.Sections, doc.Text = secs, title+"\n"+text.String()
		id, _, err := db.SaveDocument(context.Background(), source, "UTF-8", doc)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	sec := func(heading, category, part, text string) corpus.Section {
		return corpus.Section{Heading: heading, Category: category, Part: part, Text: text}
	}
	teachersBody := "教师队伍建设持续加强，校长队伍专业化水平不断提高，教师培训覆盖面进一步扩大，乡村教师生活补助按时足额发放，教师待遇保障落实到位，城乡教师交流轮岗有序开展。"
	safetyBody := "校园安全形势总体平稳，安全教育、隐患排查、应急演练常态开展，校园周边环境综合治理持续深化，师生安全意识和自护能力明显增强，平安校园创建扎实推进。"
	save(corpus.StarterSource+"01.txt", "内置县2023年教育工作总结", 2023,
		sec("加强教师队伍建设", "师资", corpus.PartSummary, starterTeachersLead+teachersBody),
		sec("筑牢校园安全防线", "安全", corpus.PartSummary, starterSafetyLead+safetyBody))
	save(corpus.StarterSource+"02.txt", "内置区2024年教育工作总结", 2024,
		sec("建设高素质教师队伍", "师资", corpus.PartSummary, teachersBody+"名师工作室示范引领作用进一步发挥。"),
		sec("守牢安全底线", "安全", corpus.PartSummary, safetyBody+"食品安全监管持续加强。"))
	own = save("我局/2022年工作总结.txt", "本局2022年教育工作总结", 2022,
		sec("教师队伍", "师资", corpus.PartSummary, ownTeachersLead+teachersBody),
		sec("师资工作打算", "师资", corpus.PartPlan, "下一步将"+teachersBody))
	return db, own
}

func TestStarterExamplesPolicy(t *testing.T) {
	db, own := starterStore(t)
	tests := []struct {
		name          string
		policy        draft.StarterPolicy
		category      string
		part          string
		wantOwn       int  // examples from the user's report
		wantBuiltin   int  // examples from 内置范文
		wantUseStart  bool // UseStarter's answer
		wantReasonSrc string
	}{
		{"auto, own report in the category: no 内置范文", draft.StarterAuto, "师资", corpus.PartSummary, 1, 0, false, "本单位报告"},
		{"the zero value is auto", "", "师资", corpus.PartSummary, 1, 0, false, "本单位报告"},
		{"auto, none of the user's own: 内置范文", draft.StarterAuto, "安全", corpus.PartSummary, 0, 2, true, "内置范文（本类别尚无本单位报告）"},
		{"always: own first, then 内置范文", draft.StarterAlways, "师资", corpus.PartSummary, 1, 2, true, "本单位报告"},
		{"never, none of the user's own: nothing", draft.StarterNever, "安全", corpus.PartSummary, 0, 0, false, ""},
		{"never, own report: own only", draft.StarterNever, "师资", corpus.PartSummary, 1, 0, false, "本单位报告"},
		// The user's report has 师资 sections in other parts than problems:
		// the category counts, not the part, and the own plan section fills in.
		{"auto judges by category, not part", draft.StarterAuto, "师资", corpus.PartProblems, 1, 0, false, "本单位报告"},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := draft.SelectExamples(ctx, db, tt.category, tt.part, nil, draft.ExampleOptions{K: 3, Starter: tt.policy})
			if err != nil {
				t.Fatal(err)
			}
			var nOwn, nBuiltin int
			for _, e := range ex {
				if e.Builtin {
					nBuiltin++
				} else {
					nOwn++
					if e.DocID != own {
						t.Errorf("own example from document %d, want %d", e.DocID, own)
					}
				}
			}
			if nOwn != tt.wantOwn || nBuiltin != tt.wantBuiltin {
				t.Errorf("%d own and %d built-in examples, want %d and %d: %+v", nOwn, nBuiltin, tt.wantOwn, tt.wantBuiltin, ex)
			}
			if len(ex) > 0 && ex[0].Builtin && nOwn > 0 {
				t.Errorf("a built-in example comes before the user's own")
			}
			if len(ex) > 0 && !slices.ContainsFunc(ex[0].Reasons, func(r string) bool { return strings.HasPrefix(r, tt.wantReasonSrc) }) {
				t.Errorf("first example's reasons %q do not say %q", ex[0].Reasons, tt.wantReasonSrc)
			}
			use, _, err := draft.UseStarter(ctx, db, tt.category, tt.policy)
			if err != nil || use != tt.wantUseStart {
				t.Errorf("UseStarter = %v, %v; want %v", use, err, tt.wantUseStart)
			}
		})
	}
}

// Without facts every example still says why it was chosen: category,
// part, own or 内置范文, length and year.
func TestExampleReasonsWithoutFacts(t *testing.T) {
	db, _ := starterStore(t)
	tests := []struct {
		category string
		policy   draft.StarterPolicy
		want     []string
	}{
		{"师资", draft.StarterAuto, []string{"类别：师资", "部分：总结", "本单位报告（排在内置范文之前）", "未给事实", "长度适中（", "2022 年（同分时较新者优先）"}},
		{"安全", draft.StarterAuto, []string{"类别：安全", "部分：总结", "内置范文（本类别尚无本单位报告）", "未给事实", "长度适中（", "2024 年（同分时较新者优先）"}},
		{"安全", draft.StarterAlways, []string{"内置范文（配置为总是使用，排在本单位报告之后）"}},
	}
	for _, tt := range tests {
		t.Run(tt.category+"/"+string(tt.policy), func(t *testing.T) {
			ex, err := draft.SelectExamples(context.Background(), db, tt.category, corpus.PartSummary, nil, draft.ExampleOptions{K: 1, Starter: tt.policy})
			if err != nil || len(ex) != 1 {
				t.Fatalf("SelectExamples = %+v, %v", ex, err)
			}
			all := strings.Join(ex[0].Reasons, "；")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("reasons %q lack %q", all, w)
				}
			}
		})
	}
	// The part's other sections fill in with their part named in Chinese.
	ex, err := draft.SelectExamples(context.Background(), db, "师资", corpus.PartProblems, nil, draft.ExampleOptions{K: 1})
	if err != nil || len(ex) != 1 || !slices.Contains(ex[0].Reasons, "部分不同（总结）−1") && !slices.Contains(ex[0].Reasons, "部分不同（计划）−1") {
		t.Errorf("fill-in from another part: %+v, %v", ex, err)
	}
}

// The offline composer's lead sentences come from the user's own reports of
// a category when there are any, from 内置范文 only while there are none.
func TestOfflineLeadsFollowTheStarterPolicy(t *testing.T) {
	db, _ := starterStore(t)
	f, err := draft.LoadFacts("t.yaml", []byte("org: 岚湖县教育局\nyear: 2024\nsections:\n  师资: [招聘特岗教师72名]\n  安全: [整改隐患86处]\n"), taxonomy())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		policy       draft.StarterPolicy
		want, forbid []string
	}{
		{draft.StarterAuto, []string{ownTeachersLead, starterSafetyLead}, []string{starterTeachersLead}},
		{draft.StarterNever, []string{ownTeachersLead}, []string{starterTeachersLead, starterSafetyLead}},
		// The built-in 师资 lead is usable (it wins here), so its absence
		// under auto is the policy's doing.
		{draft.StarterAlways, []string{starterTeachersLead, starterSafetyLead}, nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy), func(t *testing.T) {
			svc := &draft.Service{Sections: db, Fallback: "其他", Taxonomy: taxonomy(), Examples: draft.ExampleOptions{K: 2, Starter: tt.policy}}
			res, err := svc.Draft(context.Background(), draft.Request{Facts: f, Offline: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.Markdown, strings.TrimSuffix(w, "。")) {
					t.Errorf("draft lacks %q:\n%s", w, res.Markdown)
				}
			}
			for _, w := range tt.forbid {
				if strings.Contains(res.Markdown, strings.TrimSuffix(w, "。")) {
					t.Errorf("draft has %q:\n%s", w, res.Markdown)
				}
			}
		})
	}
}

func TestParseStarterPolicy(t *testing.T) {
	for in, want := range map[string]draft.StarterPolicy{"": draft.StarterAuto, "auto": draft.StarterAuto, " Always ": draft.StarterAlways, "never": draft.StarterNever} {
		if got, err := draft.ParseStarterPolicy(in); err != nil || got != want {
			t.Errorf("ParseStarterPolicy(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := draft.ParseStarterPolicy("sometimes"); err == nil || !strings.Contains(err.Error(), "auto、always 或 never") {
		t.Errorf("ParseStarterPolicy(sometimes) error = %v", err)
	}
}

// A plan's tasks from the corpus follow the same rule: the user's own
// reports of a category once there are any, 内置范文 only before.
func TestPlanCorpusTasksFollowTheStarterPolicy(t *testing.T) {
	db, _ := starterStore(t)
	summary := []corpus.Section{
		{Level: 1, Heading: "教师队伍建设", Part: corpus.PartSummary, Category: "师资", Text: "开展教师培训。"},
		{Level: 1, Heading: "安全管理", Part: corpus.PartSummary, Category: "安全", Text: "开展防溺水教育。"},
	}
	tasks := func(policy draft.StarterPolicy) string {
		p := &draft.Planner{Sections: db, Taxonomy: taxonomy(), Starter: policy}
		res, err := p.Plan(context.Background(), draft.PlanRequest{Org: "岚湖县教育局", Year: 2025, Summary: summary, Offline: true})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, s := range res.Sections {
			for _, it := range s.Items {
				if it.Source == draft.SourceCorpus {
					b.WriteString(s.Category + ":" + it.Text + "\n")
				}
			}
		}
		return b.String()
	}
	starterTeachers := strings.TrimSuffix(starterTeachersLead, "。")
	starterSafety := strings.TrimSuffix(starterSafetyLead, "。")
	ownTeachers := strings.TrimSuffix(ownTeachersLead, "。")
	tests := []struct {
		policy       draft.StarterPolicy
		want, forbid []string
	}{
		// The user's own 师资 sentence comes first in every mode; 安全 has
		// only 内置范文 sentences.
		{draft.StarterAlways, []string{ownTeachers, starterSafety}, nil},
		{draft.StarterAuto, []string{ownTeachers, starterSafety}, []string{starterTeachers}},
		{draft.StarterNever, []string{ownTeachers}, []string{starterTeachers, starterSafety}},
	}
	for _, tt := range tests {
		t.Run(string(tt.policy), func(t *testing.T) {
			got := tasks(tt.policy)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("corpus tasks lack %q:\n%s", w, got)
				}
			}
			for _, w := range tt.forbid {
				if strings.Contains(got, w) {
					t.Errorf("corpus tasks have %q:\n%s", w, got)
				}
			}
		})
	}
}
