package draft_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/llm"
	"github.com/zongjie/zongjie/llm/llmtest"
	"github.com/zongjie/zongjie/prompts"
)

// factLine is a numbered fact in a section prompt ("1. 招聘特岗教师72名").

// benchFacts has one fact in each of seven categories.
func benchFacts(b *testing.B) draft.Facts {
	yaml := `org: 岚湖县教育局
year: 2024
sections:
  党建: [新发展党员9人]
  办学条件: [新建改扩建学校4所]
  师资: [招聘特岗教师72名]
  安全: [整改隐患86处]
  扶贫: [发放资助资金1530.5万元]
  教育质量: [高考本科上线率71.4%]
  德育: [开展主题教育活动15场]
`
	f, err := draft.LoadFacts("bench.yaml", []byte(yaml), corpus.DefaultTaxonomy())
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// benchSections serves two stored sections per category.
type benchSections struct{}

func (benchSections) Sections(_ context.Context, category, part string, _ int) ([]corpus.SectionRecord, error) {
	var out []corpus.SectionRecord
	for i := int64(1); i <= 2; i++ {
		out = append(out, corpus.SectionRecord{DocID: i, SectionID: i*100 + int64(len(category)), DocTitle: "示例报告", Section: corpus.Section{
			Heading: category + "工作", Part: corpus.PartSummary, Category: category,
			Text: "坚持统筹推进，健全工作机制，压实工作责任。加强督促检查，推动各项措施落地见效。全年完成各项任务。"}})
	}
	return out, nil
}

func benchService(b *testing.B, delay time.Duration, concurrency int) (*draft.Service, *sync.Map) {
	srv := llmtest.NewServer(b, llmtest.WithReply(llmtest.EchoFacts), llmtest.WithDelay(delay))
	cfg := llm.DefaultConfig()
	cfg.BaseURL, cfg.Model, cfg.APIKey = srv.URL, "bench", "sk-bench"
	client, err := llm.New(cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	set, err := prompts.Load("")
	if err != nil {
		b.Fatal(err)
	}
	elapsed := &sync.Map{}
	svc := &draft.Service{
		Sections: benchSections{}, Completer: client, Prompts: set, Concurrency: concurrency,
		Fallback: "其他", Taxonomy: corpus.DefaultTaxonomy(), Examples: draft.ExampleOptions{K: 2},
	}
	return svc, elapsed
}

// BenchmarkDraftSevenSectionsConcurrent drafts a 7-section report against a
// model that takes a fixed time per call and reports the wall time against
// the slowest section and the sum of all sections.
func BenchmarkDraftSevenSectionsConcurrent(b *testing.B) {
	const delay = 200 * time.Millisecond
	svc, elapsed := benchService(b, delay, 7)
	req := draft.Request{Facts: benchFacts(b), Template: draft.Template{}, Progress: func(e draft.Event) {
		if e.Status == "done" {
			elapsed.Store(e.Seq, e.Elapsed)
		}
	}}
	var wall, slowest, sum time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		res, err := svc.Draft(context.Background(), req)
		if err != nil {
			b.Fatal(err)
		}
		wall += time.Since(start)
		if !res.Check.OK {
			b.Fatalf("check failed: %+v", res.Check)
		}
		var max, total time.Duration
		elapsed.Range(func(_, v any) bool {
			d := v.(time.Duration)
			total += d
			if d > max {
				max = d
			}
			return true
		})
		slowest += max
		sum += total
	}
	n := float64(b.N)
	b.ReportMetric(float64(wall.Milliseconds())/n, "wall-ms")
	b.ReportMetric(float64(slowest.Milliseconds())/n, "slowest-ms")
	b.ReportMetric(float64(sum.Milliseconds())/n, "sum-ms")
	b.ReportMetric(float64(wall)/float64(slowest), "wall/slowest")
}

// BenchmarkDraftOverhead measures a draft's own cost: the same report with a
// model that answers at once, so the time is retrieval, prompting, checking,
// the local HTTP round trips and rendering.
func BenchmarkDraftOverhead(b *testing.B) {
	svc, _ := benchService(b, 0, 7)
	req := draft.Request{Facts: benchFacts(b), Template: draft.Template{}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := svc.Draft(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/draft")
}

// BenchmarkDraftOffline measures the offline composer end to end.
func BenchmarkDraftOffline(b *testing.B) {
	svc, _ := benchService(b, 0, 1)
	req := draft.Request{Facts: benchFacts(b), Offline: true}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := svc.Draft(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}

func taxonomy() corpus.Taxonomy { return corpus.DefaultTaxonomy() }

// modelService is a Service talking to a fake model at url.
func modelService(t testing.TB, url string) *draft.Service {
	cfg := llm.DefaultConfig()
	cfg.BaseURL, cfg.Model, cfg.APIKey = url, "test", "sk-test"
	cfg.MinBackoff, cfg.MaxBackoff = time.Millisecond, 5*time.Millisecond
	client, err := llm.New(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	set, err := prompts.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return &draft.Service{Sections: benchSections{}, Completer: client, Prompts: set, Concurrency: 3, Fallback: "其他", Taxonomy: corpus.DefaultTaxonomy()}
}
