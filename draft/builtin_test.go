package draft_test

import (
	"context"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// fixedSections serves the same sections for every pool.
type fixedSections []corpus.SectionRecord

func (f fixedSections) Sections(context.Context, string, string, int) ([]corpus.SectionRecord, error) {
	return f, nil
}

func section(doc int64, builtin bool, text string) corpus.SectionRecord {
	r := corpus.SectionRecord{DocID: doc, SectionID: doc, Builtin: builtin, Year: 2023}
	r.Heading, r.Category, r.Part, r.Text = "师资队伍建设", "师资", corpus.PartSummary, text
	return r
}

func TestExamplesPreferTheUsersOwnReports(t *testing.T) {
	long := "全年招聘特岗教师95名，培训教师6300余人次，实现教师全员轮训，师德师风建设扎实推进，教师队伍整体素质不断提升，城乡教师交流轮岗有序开展，名师工作室示范引领作用进一步发挥。"
	src := fixedSections{
		section(1, true, long+"招聘特岗教师"), // built-in, the better match
		section(2, false, "教师队伍建设持续加强，校长队伍专业化水平不断提高，教师培训覆盖面进一步扩大，教师待遇保障落实到位，乡村教师生活补助按时足额发放。"), // own
	}
	facts := []draft.Fact{draft.NewFact("招聘特岗教师80名", 1)}
	ex, err := draft.SelectExamples(context.Background(), src, "师资", corpus.PartSummary, facts, draft.ExampleOptions{K: 2, Starter: draft.StarterAlways})
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 2 || ex[0].DocID != 2 || ex[1].DocID != 1 {
		t.Fatalf("examples = %+v; want the own report (2) before the built-in one (1)", ex)
	}
}
