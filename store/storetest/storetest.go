// Package storetest is the contract of a store: one suite of tests that the
// SQLite store (package store) and the PostgreSQL store (package
// store/postgres) both run, so that the domain packages can use either.
package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/store/textindex"
	"github.com/zongjie/zongjie/users"
)

// Store is the API both stores offer.
type Store interface {
	// PrepareDocument computes what storing doc from source, uploaded by
	// the user addedBy ("" for none), needs.
	PrepareDocument(source, encoding, addedBy string, doc corpus.Document) (textindex.Prepared, error)
	// SaveDocument stores doc unless its text is stored; created says which.
	SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (id int64, created bool, err error)
	// SaveUnindexed stores a prepared document, perhaps not yet searchable.
	SaveUnindexed(ctx context.Context, p textindex.Prepared) (id int64, created bool, err error)
	// IndexPending makes every stored document searchable.
	IndexPending(ctx context.Context) (int, error)
	// Documents lists every document, in id order.
	Documents(ctx context.Context) ([]corpus.DocumentRecord, error)
	// Document returns a document and its sections.
	Document(ctx context.Context, id int64) (corpus.DocumentRecord, []corpus.Section, error)
	// DocumentPage returns one page of documents, newest first, and the total.
	DocumentPage(ctx context.Context, offset, limit int) ([]corpus.DocumentRecord, int, error)
	// CountDocuments counts the documents.
	CountDocuments(ctx context.Context) (int, error)
	// Sections returns the example pool of a category and part.
	Sections(ctx context.Context, category, part string, limit int) ([]corpus.SectionRecord, error)
	// Search runs a full-text query.
	Search(ctx context.Context, q corpus.SearchQuery) ([]corpus.SearchHit, error)
	// Template returns one document's skeleton.
	Template(ctx context.Context, id int64) (draft.Template, error)
	// Templates returns the skeletons of the documents of a kind.
	Templates(ctx context.Context, kind string) ([]draft.Template, error)
	// CorpusVersion changes whenever the corpus does.
	CorpusVersion(ctx context.Context) (int64, error)
	// RemoveDocuments deletes documents and returns those it deleted.
	RemoveDocuments(ctx context.Context, ids []int64) ([]corpus.DocumentRecord, error)
	// RemoveReplaced deletes what an earlier version of a file stored.
	RemoveReplaced(ctx context.Context, source string, current []textindex.Prepared) (int, error)
	// Seeded reports whether the sample reports were offered.
	Seeded(ctx context.Context) (bool, error)
	// MarkSeeded records that the sample reports were offered.
	MarkSeeded(ctx context.Context) error
	// Optimize tidies the store after a bulk ingest.
	Optimize(ctx context.Context) error
	// KeepIndexed indexes what is pending until ctx ends.
	KeepIndexed(ctx context.Context, every time.Duration, report func(error))
	draft.RunStore
	// LogCall appends a model call to the log.
	LogCall(ctx context.Context, c draft.Call) (int64, error)
	// Calls returns the newest calls.
	Calls(ctx context.Context, limit int) ([]draft.Call, error)
	// Call returns one logged call.
	Call(ctx context.Context, id int64) (draft.Call, error)
	// CallsBy returns the newest calls made for one user.
	CallsBy(ctx context.Context, userID int64, limit int) ([]draft.Call, error)
	users.Store
	// Close closes the store.
	Close() error
}

// Run runs the contract tests, each on a new, empty store from open (which
// closes it at the test's cleanup).
func Run(t *testing.T, open func(t *testing.T) Store) {
	tests := map[string]func(*testing.T, func(*testing.T) Store){
		"SaveDocument":      testSaveDocument,
		"Document":          testDocument,
		"Sections":          testSections,
		"Search":            testSearch,
		"SearchRanking":     testSearchRanking,
		"SearchHostile":     testSearchHostile,
		"OwnBeforeBuiltin":  testOwnBeforeBuiltin,
		"Templates":         testTemplates,
		"DocumentPage":      testDocumentPage,
		"CorpusVersion":     testCorpusVersion,
		"RemoveDocuments":   testRemoveDocuments,
		"RemoveReplaced":    testRemoveReplaced,
		"SaveUnindexed":     testSaveUnindexed,
		"Seeded":            testSeeded,
		"Calls":             testCalls,
		"Runs":              testRuns,
		"Users":             testUsers,
		"RunOwner":          testRunOwner,
		"CallUser":          testCallUser,
		"AddedBy":           testAddedBy,
		"ConcurrentWriters": func(t *testing.T, open func(*testing.T) Store) { Concurrently(t, open(t)) },
	}
	for name, test := range tests {
		t.Run(name, func(t *testing.T) { test(t, open) })
	}
}

// Fixtures are three small reports. Their texts are made up for the tests.
func Fixtures() []corpus.Document {
	docs := []corpus.Document{
		{
			Title: "某某县教育局2023年工作总结", Org: "某某县教育局", Year: 2023,
			Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
			Sections: []corpus.Section{
				{ID: "0", Level: 0, Part: corpus.PartPreamble, Category: "总述",
					Text: "2023年，县教育局坚持以党建引领教育高质量发展，全面落实立德树人根本任务。"},
				{ID: "1", Level: 1, Marker: "一、", Heading: "加强党建工作", Part: corpus.PartSummary, Category: "党建",
					Text:    "全面加强学校基层党组织建设，开展主题党日活动，党组织覆盖学校56所。",
					Figures: []corpus.Figure{{Text: "覆盖学校56所", Value: 56, Unit: "所", Label: "党组织覆盖学校"}}},
				{ID: "2", Level: 1, Marker: "二、", Heading: "落实学生资助政策", Part: corpus.PartSummary, Category: "资助",
					Text: "全年发放各类资助资金xx万元，惠及学生1200人次，按照方案第3条要求做到应助尽助。",
					Figures: []corpus.Figure{
						{Text: "xx万元", Unit: "万元", Label: "资助资金", Placeholder: true},
						{Text: "1200人次", Value: 1200, Unit: "人次", Label: "惠及学生"},
					}},
				{ID: "3", Level: 1, Marker: "三、", Heading: "存在问题", Part: corpus.PartProblems, Category: "问题",
					Text: "师资结构不够合理，农村学校教师老龄化问题突出。"},
				{ID: "3.1", Parent: "3", Level: 2, Marker: "（一）", Heading: "安全管理", Part: corpus.PartProblems, Category: "安全",
					Text: "校园安全隐患排查不彻底，防溺水教育仍需加强。"},
			},
		},
		{
			Title: "某某县教育体育局2024年工作计划", Org: "某某县教育体育局", Year: 2024,
			Period: corpus.PeriodAnnual, Kind: corpus.KindPlan,
			Sections: []corpus.Section{
				{ID: "1", Level: 1, Marker: "一、", Heading: "加强师资队伍建设", Part: corpus.PartPlan, Category: "师资",
					Text:    "2024年计划招聘特岗教师166名，开展教师全员培训。",
					Figures: []corpus.Figure{{Text: "招聘特岗教师166名", Value: 166, Unit: "名", Label: "招聘特岗教师"}}},
				{ID: "2", Level: 1, Marker: "二、", Heading: "安全稳定", Part: corpus.PartPlan, Category: "安全",
					Text: "落实校园安全责任制，开展防溺水专项教育，守住安全底线。"},
				{ID: "3", Level: 1, Marker: "三、", Heading: "课后服务", Part: corpus.PartPlan, Category: "双减",
					Text: "推进课后服务全覆盖，巩固双减成果，利用AI助教提升作业设计水平。"},
			},
		},
		{
			Title: "某市教育局工作总结", Org: "某市教育局",
			Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
			Sections: []corpus.Section{
				{ID: "1", Level: 1, Marker: "一、", Heading: "党建引领", Part: corpus.PartSummary, Category: "党建",
					Text: "以高质量党建引领教育事业发展，落实全面从严治党主体责任。"},
				{ID: "2", Level: 1, Marker: "二、", Heading: "下一步工作", Part: corpus.PartPlan, Category: "计划",
					Text: "继续做好学生资助和安全工作。"},
			},
		},
	}
	for i := range docs {
		docs[i].Text = DocText(docs[i])
	}
	return docs
}

// DocText joins a document's headings and texts the way the parser would.
func DocText(d corpus.Document) string {
	var b strings.Builder
	b.WriteString(d.Title + "\n")
	for _, s := range d.Sections {
		b.WriteString(s.Marker + s.Heading + "\n" + s.Text + "\n")
	}
	return b.String()
}

// MustSave stores docs, from sources "test:" + title, and returns their ids.
func MustSave(tb testing.TB, db interface {
	SaveDocument(ctx context.Context, source, encoding string, doc corpus.Document) (int64, bool, error)
}, docs ...corpus.Document) []int64 {
	tb.Helper()
	var ids []int64
	for _, d := range docs {
		id, created, err := db.SaveDocument(context.Background(), "test:"+d.Title, "UTF-8", d)
		if err != nil {
			tb.Fatal(err)
		}
		if !created {
			tb.Fatalf("SaveDocument(%s): created = false", d.Title)
		}
		ids = append(ids, id)
	}
	return ids
}
