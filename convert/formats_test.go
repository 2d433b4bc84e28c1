package convert

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zongjie/zongjie/corpus"
)

// outline is what a parsed report must keep through any format: its title
// and its headings with their levels and markers.
type outline struct {
	title    string
	headings []string
}

// parseOutline reads a fixture through the Reader and parses it.
func parseOutline(t *testing.T, name string) outline {
	t.Helper()
	path := filepath.Join("testdata", name)
	start := time.Now()
	data, err := New().ReadFile(context.Background(), path)
	if err != nil {
		t.Fatalf("ReadFile(%s): %v", name, err)
	}
	t.Logf("%s read in %.2f s", name, time.Since(start).Seconds())
	res, err := corpus.NewParser(corpus.DefaultTaxonomy()).Parse(path, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	if len(res.Documents) != 1 {
		t.Fatalf("%s: %d documents, want 1", name, len(res.Documents))
	}
	doc := res.Documents[0]
	o := outline{title: doc.Title}
	for _, s := range doc.Sections {
		if s.Level > 0 {
			o.headings = append(o.headings, fmt.Sprintf("L%d %s %s", s.Level, s.Marker, s.Heading))
		}
	}
	return o
}

// needTools skips the test when one of the programs is not installed.
func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not installed (see .ci/run for the Debian packages); this format is not tested", n)
		}
		if n == "tesseract" {
			if langs, _ := exec.Command(n, "--list-langs").CombinedOutput(); !strings.Contains(string(langs), "chi_sim") {
				t.Skip("tesseract has no chi_sim data (apt-get install tesseract-ocr-chi-sim); the scan is not tested")
			}
		}
	}
}

// diff returns the headings of want missing from got and those of got not
// in want.
func diff(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, h := range got {
		count[h]++
	}
	for _, h := range want {
		if count[h] > 0 {
			count[h]--
		} else {
			missing = append(missing, h)
		}
	}
	for _, h := range got {
		if count[h] > 0 {
			count[h]--
			extra = append(extra, h)
		}
	}
	return missing, extra
}

func TestEveryFormatParsesToTheSameOutline(t *testing.T) {
	want := parseOutline(t, "report.docx")
	if want.title != "青溪县教育局2024年上半年工作总结" || len(want.headings) != 16 {
		t.Fatalf("the .docx fixture reads as %q with %d headings, want the title and 16 headings:\n%s",
			want.title, len(want.headings), strings.Join(want.headings, "\n"))
	}
	cases := []struct {
		file  string
		tools []string
		slack int // headings that may be missing or extra (OCR)
	}{
		{"report.doc", []string{"soffice"}, 0},
		{"report.rtf", []string{"soffice"}, 0},
		{"report.odt", []string{"soffice"}, 0},
		{"report.html", []string{"soffice"}, 0},
		{"report.pdf", []string{"pdftotext"}, 0},
		{"report-scan.pdf", []string{"pdftotext", "pdftoppm", "tesseract"}, 1},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			needTools(t, c.tools...)
			got := parseOutline(t, c.file)
			if got.title != want.title {
				t.Errorf("title %q, want %q", got.title, want.title)
			}
			missing, extra := diff(want.headings, got.headings)
			if len(missing) > c.slack || len(extra) > c.slack {
				t.Errorf("headings differ from the .docx (%d allowed each way)\nmissing:\n%s\nextra:\n%s",
					c.slack, strings.Join(missing, "\n"), strings.Join(extra, "\n"))
			}
		})
	}
}
