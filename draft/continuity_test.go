package draft_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// parseFixture parses a report from testdata with the default taxonomy.
func parseFixture(t *testing.T, name string) corpus.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "continuity", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := corpus.NewParser(corpus.DefaultTaxonomy()).Parse(name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return res.Documents[0]
}

func TestCheckContinuityFindsPlantedItems(t *testing.T) {
	var want struct {
		Addressed            []string `json:"addressed"`
		NotAddressed         []string `json:"not_addressed"`
		ProblemsAddressed    []string `json:"problems_addressed"`
		ProblemsNotAddressed []string `json:"problems_not_addressed"`
	}
	b, err := os.ReadFile(filepath.Join("testdata", "continuity", "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	plan := parseFixture(t, "2023_plan.txt")
	summary := parseFixture(t, "2024_summary.txt")
	next := parseFixture(t, "2025_plan.txt")
	rep := draft.CheckContinuity(plan.Sections, summary.Sections, next.Sections, 0.35, corpus.DefaultTaxonomy())

	split := func(items []draft.ContinuityItem) (yes, no []string) {
		for _, it := range items {
			key := it.Text
			if r := []rune(key); len(r) > 0 {
				for i, c := range r {
					if c == '：' {
						key = string(r[:i])
						break
					}
				}
			}
			if it.Addressed {
				if it.Match == "" {
					t.Errorf("%s: addressed without a matching sentence", key)
				}
				yes = append(yes, key)
			} else {
				no = append(no, key)
			}
		}
		sort.Strings(yes)
		sort.Strings(no)
		return yes, no
	}
	check := func(what string, got, want []string) {
		t.Helper()
		sort.Strings(want)
		if len(got) != len(want) {
			t.Errorf("%s: got %q, want %q", what, got, want)
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %q, want %q", what, got, want)
				return
			}
		}
	}
	yes, no := split(rep.Tasks)
	check("addressed tasks", yes, want.Addressed)
	check("unaddressed tasks", no, want.NotAddressed)
	yes, no = split(rep.Problems)
	check("addressed problems", yes, want.ProblemsAddressed)
	check("unaddressed problems", no, want.ProblemsNotAddressed)
}

func TestCheckContinuityWithoutNextPlanListsNoProblems(t *testing.T) {
	plan := parseFixture(t, "2023_plan.txt")
	summary := parseFixture(t, "2024_summary.txt")
	rep := draft.CheckContinuity(plan.Sections, summary.Sections, nil, 0.35, corpus.DefaultTaxonomy())
	if rep.Problems != nil {
		t.Errorf("problems matched without a next plan: %+v", rep.Problems)
	}
	if len(rep.Tasks) != 6 {
		t.Errorf("tasks = %d, want the 6 headed tasks of the plan part", len(rep.Tasks))
	}
}
