package draft

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

// groundingCase is one line of a grounding set's manifest.jsonl: a draft, the
// facts it was written from, and what the checker must find in it.
type groundingCase struct {
	ID       string `json:"id"`
	Group    string `json:"group"` // clean | invented | dropped | named
	Facts    string `json:"facts"`
	Draft    string `json:"draft"`
	Form     string `json:"form"`
	Invented string `json:"invented"` // the invented quantity as written in the draft
	Dropped  string `json:"dropped"`  // the figure left out, as written in the facts
}

// TestGroundingSets runs the number check over the grounding sets in
// testdata/grounding: drafts written without sight of the checker, from the
// README's promise and the facts format alone (see CONTRACT.md and each
// set's README). Every group must score 1.0:
//   - clean and named drafts pass;
//   - an invented quantity is marked, and nothing else is;
//   - a dropped figure is reported missing, and nothing is unsupported.
func TestGroundingSets(t *testing.T) {
	manifests, _ := filepath.Glob("testdata/grounding/*/manifest.jsonl")
	if len(manifests) == 0 {
		t.Fatal("no grounding sets in testdata/grounding")
	}
	total, passed := map[string]int{}, map[string]int{}
	for _, m := range manifests {
		dir := filepath.Dir(m)
		for _, c := range readManifest(t, m) {
			total[c.Group]++
			t.Run(c.ID, func(t *testing.T) {
				if msg := runGroundingCase(t, dir, c); msg != "" {
					t.Errorf("%s (%s, %s): %s", c.ID, c.Group, c.Form, msg)
					return
				}
				passed[c.Group]++
			})
		}
	}
	n := 0
	for _, g := range []string{"clean", "invented", "dropped", "named"} {
		t.Logf("%-8s %d/%d", g, passed[g], total[g])
		n += total[g]
	}
	if n < 200 || len(total) != 4 {
		t.Errorf("grounding sets hold %d drafts in %d groups, want at least 200 in 4", n, len(total))
	}
}

func readManifest(t *testing.T, path string) []groundingCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []groundingCase
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var c groundingCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, c)
	}
	return out
}

// runGroundingCase checks one draft and says what is wrong, "" when right.
func runGroundingCase(t *testing.T, dir string, c groundingCase) string {
	factsData, err := os.ReadFile(filepath.Join(dir, c.Facts))
	if err != nil {
		t.Fatal(err)
	}
	facts, err := LoadFacts(c.Facts, factsData, corpus.DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join(dir, c.Draft))
	if err != nil {
		t.Fatal(err)
	}
	marked, res := Checker{}.Mark(string(text), facts)
	switch c.Group {
	case "clean", "named":
		if !res.OK {
			return "want a pass; unsupported " + strings.Join(res.Unsupported, " | ") + "; missing " + strings.Join(res.Missing, " | ")
		}
	case "invented":
		return checkInvented(string(text), marked, c.Invented, res)
	case "dropped":
		if len(res.Unsupported) > 0 {
			return "unsupported " + strings.Join(res.Unsupported, " | ")
		}
		for _, m := range res.Missing {
			if strings.Contains(m, c.Dropped) {
				return ""
			}
		}
		return "want " + c.Dropped + " missing; missing " + strings.Join(res.Missing, " | ")
	default:
		t.Fatalf("unknown group %q", c.Group)
	}
	return ""
}

// checkInvented wants the invented quantity marked, nothing else marked and
// nothing missing.
func checkInvented(text, marked, invented string, res CheckResult) string {
	at := strings.Index(text, invented)
	if at < 0 {
		return "manifest: " + invented + " is not in the draft"
	}
	if len(res.Missing) > 0 {
		return "missing " + strings.Join(res.Missing, " | ")
	}
	// Map marks back to the original text: each mark adds its brackets.
	hit, others := false, []string{}
	shift := 0
	for _, m := range corpus.FindMarks(marked) {
		start := m.Start - shift
		end := start + len(m.Inner)
		shift += (m.End - m.Start) - len(m.Inner)
		if start < at+len(invented) && end > at {
			hit = true
		} else {
			others = append(others, m.Inner)
		}
	}
	switch {
	case !hit:
		return "invented " + invented + " not marked; unsupported " + strings.Join(res.Unsupported, " | ")
	case len(others) > 0:
		return "also marked " + strings.Join(others, " | ")
	}
	return ""
}
