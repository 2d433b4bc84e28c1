package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/draft"
)

func seedPath(t *testing.T, prefix string) string {
	t.Helper()
	for _, f := range seedFiles(t) {
		if strings.HasPrefix(filepath.Base(f), prefix) {
			return f
		}
	}
	t.Fatalf("no seed %s*", prefix)
	return ""
}

// TestPlanFromSeedSummariesCarriesOverUnfinishedProjects runs plan --from on
// the seeds that report unfinished buildings: the half-year 溆浦 report
// ("8月20日前交付使用") and the 清丰 annual summary ("正在实施主体工程建设").
func TestPlanFromSeedSummariesCarriesOverUnfinishedProjects(t *testing.T) {
	for _, tc := range []struct {
		seed     string
		year     int
		projects []string // each must be named by a carry-over task of 办学条件
	}{
		{"004_", 2021, []string{"雅堂芙蓉学校", "三中改扩建项目"}},
		{"000_", 2021, []string{"教师周转宿舍"}},
	} {
		t.Run(tc.seed, func(t *testing.T) {
			newEnv(t)
			var res draft.PlanResult
			decodeJSON(t, mustZJ(t, "plan", "--from", seedPath(t, tc.seed), "--json"), &res)
			if res.Year != tc.year {
				t.Errorf("plan year = %d, want %d", res.Year, tc.year)
			}
			var carried []string
			for _, s := range res.Sections {
				if n := len(s.Items); n < 2 || n > 5 {
					t.Errorf("%s has %d tasks, want 2–5", s.Heading, n)
				}
				for _, it := range s.Items {
					if it.Source == draft.SourceCarryOver {
						if s.Category != "办学条件" && strings.Contains(it.Text, "学校") {
							t.Errorf("building carried over under %s: %q", s.Category, it.Text)
						}
						if s.Category == "办学条件" {
							carried = append(carried, it.Text)
						}
					}
				}
			}
			all := strings.Join(carried, "\n")
			for _, p := range tc.projects {
				if !strings.Contains(all, p) {
					t.Errorf("no carry-over task names %q; 办学条件 carry-over tasks:\n%s", p, all)
				}
			}
			if !res.Check.OK {
				t.Errorf("plan has figures nobody gave: %+v", res.Check.Unsupported)
			}
		})
	}
}

func TestPlanGivesEveryProblemATask(t *testing.T) {
	env := newEnv(t)
	facts := env.write(t, "f.yaml", []byte("org: 岚湖县教育局\nyear: 2025\ndoc: plan\nsections:\n  师资: [招聘特岗教师60名]\nproblems:\n  - 城区学校大班额问题仍较突出\n  - 农村学校音体美教师结构性短缺\n  - 学前教育公办园占比偏低\n"))
	var res draft.PlanResult
	decodeJSON(t, mustZJ(t, "plan", "--facts", facts, "--from", seedPath(t, "004_"), "--year", "2025", "--json"), &res)
	var tasks []string
	for _, s := range res.Sections {
		for _, it := range s.Items {
			if it.Source == draft.SourceProblem {
				tasks = append(tasks, it.Text)
			}
		}
	}
	for _, p := range []string{"城区学校大班额", "农村学校音体美教师", "学前教育公办园占比"} {
		if !strings.Contains(strings.Join(tasks, "\n"), p) {
			t.Errorf("problem %q has no task; problem tasks: %q", p, tasks)
		}
	}
	// The user's own target is kept word for word.
	if !strings.Contains(res.Markdown, "招聘特岗教师60名") {
		t.Errorf("the user's target is missing:\n%s", res.Markdown)
	}
}

func TestCheckPlanSummaryOnFixturePair(t *testing.T) {
	newEnv(t)
	dir := repoPath("draft/testdata/continuity")
	r := zj(t, "check", "--plan", filepath.Join(dir, "2023_plan.txt"), "--summary", filepath.Join(dir, "2024_summary.txt"),
		"--next", filepath.Join(dir, "2025_plan.txt"), "--json")
	if r.code != 3 {
		t.Errorf("check with unaddressed tasks exited %d, want 3: %s", r.code, r)
	}
	var rep draft.ContinuityReport
	decodeJSON(t, r, &rep)
	addressed := map[string]bool{}
	for _, it := range rep.Tasks {
		addressed[strings.SplitN(it.Text, "：", 2)[0]] = it.Addressed
	}
	want := map[string]bool{"新建雁栖县第二实验小学": true, "招聘特岗教师补充农村师资": true, "推进智慧校园建设": false,
		"开展防溺水专项教育": true, "扩大普惠性学前教育资源": false, "深化集团化办学改革": true}
	for task, w := range want {
		if got, ok := addressed[task]; !ok || got != w {
			t.Errorf("task %s: addressed = %v (found %v), want %v", task, got, ok, w)
		}
	}
	if len(rep.Problems) != 3 || rep.Problems[2].Addressed || !rep.Problems[0].Addressed || !rep.Problems[1].Addressed {
		t.Errorf("problems = %+v, want the first two addressed and 学前教育 not", rep.Problems)
	}
}

// TestCheckPlanSummaryOnASeedWithBothParts runs the loop check on a real
// report holding a summary and a plan (seed 002): its plan's tasks are read
// from the plan part, and the summary's sentences answer the ones it already
// reports on (双减, 师德师风).
func TestCheckPlanSummaryOnASeedWithBothParts(t *testing.T) {
	newEnv(t)
	seed := seedPath(t, "002_")
	var rep draft.ContinuityReport
	r := zj(t, "check", "--plan", seed, "--summary", seed, "--json")
	decodeJSON(t, r, &rep)
	if want := map[bool]int{true: 3, false: 0}[unaddressed(rep.Tasks) > 0]; r.code != want {
		t.Errorf("check exited %d with %d of %d tasks unaddressed, want %d", r.code, unaddressed(rep.Tasks), len(rep.Tasks), want)
	}
	if len(rep.Tasks) < 10 {
		t.Fatalf("found %d plan tasks in seed 002, want its 13 leaf headings or so: %+v", len(rep.Tasks), rep.Tasks)
	}
	byTask := map[string]draft.ContinuityItem{}
	for _, it := range rep.Tasks {
		byTask[strings.SplitN(it.Text, "：", 2)[0]] = it
	}
	for _, task := range []string{"坚持把师德师风作为第一标准"} {
		if it, ok := byTask[task]; !ok || !it.Addressed {
			t.Errorf("task %s: %+v, want addressed by the summary's 师德师风 sentences", task, it)
		}
	}
	if it, ok := byTask["全力抓好xx一中新校区后续工程建设"]; ok && it.Addressed && !strings.Contains(it.Match, "新校区") {
		t.Errorf("新校区 task matched an unrelated sentence: %q", it.Match)
	}
}
