package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureFiles lists the parseable fixtures in testdata: every .txt, .md
// (but README.md) and .docx file (corrupt.docx is a failure case, tested
// separately).
func fixtureFiles(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() {
			continue
		}
		if strings.HasSuffix(n, ".txt") || strings.HasSuffix(n, ".md") && n != "README.md" || strings.HasSuffix(n, ".docx") && n != "corrupt.docx" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	return names
}

// parseFixture parses testdata/name with the default taxonomy.
func parseFixture(t testing.TB, name string) Result {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := NewParser(DefaultTaxonomy()).Parse(name, data)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return res
}

// goldenJSON renders a result the way the golden files hold it: indented,
// with <, > and & left unescaped.
func goldenJSON(t testing.TB, res Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParseMatchesGoldenJSON compares each fixture's parse result with
// testdata/golden/<name>.json. Run with -update to rewrite the golden files
// (then review them: TestFixtureExpectations holds what they should say).
func TestParseMatchesGoldenJSON(t *testing.T) {
	for _, name := range fixtureFiles(t) {
		t.Run(name, func(t *testing.T) {
			got := goldenJSON(t, parseFixture(t, name))
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -tags sqlite_fts5 ./corpus/ -run TestParseMatchesGoldenJSON -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse of %s differs from %s:\n%s", name, path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first differing line of two texts with some context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(no line differs)"
}

// TestParseRejectsNonReports checks that input that is not a readable report
// fails with ErrNotText, without panicking and without documents.
func TestParseRejectsNonReports(t *testing.T) {
	corrupt, err := os.ReadFile(filepath.Join("testdata", "corrupt.docx"))
	if err != nil {
		t.Fatal(err)
	}
	random := make([]byte, 4096)
	rand.New(rand.NewSource(20240105)).Read(random)
	cases := []struct {
		name string
		file string
		data []byte
	}{
		{"corrupt docx", "corrupt.docx", corrupt},
		{"corrupt docx bytes under a .txt name", "corrupt.txt", corrupt},
		{"empty input", "empty.txt", nil},
		{"whitespace only", "blank.txt", []byte(" \r\n\t\n")},
		{"random bytes", "random.txt", random},
		{"random bytes without a name", "", random},
		{"ole2 .doc header", "old.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random[:512]...)},
		{"ole2 header under a .txt name", "old.txt", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, random[:512]...)},
		{"pdf header", "report.pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")},
		{"pdf header under a .txt name", "report.txt", []byte("%PDF-1.4\n1 0 obj <<>> endobj\n")},
		{"ascii text without Chinese", "english.txt", []byte(strings.Repeat("Annual report of the county education bureau.\n", 40))},
	}
	p := NewParser(DefaultTaxonomy())
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := p.Parse(c.file, c.data)
			if !errors.Is(err, ErrNotText) {
				t.Fatalf("Parse(%q) error = %v, want ErrNotText", c.file, err)
			}
			if len(res.Documents) != 0 {
				t.Errorf("Parse(%q) returned %d documents with its error", c.file, len(res.Documents))
			}
		})
	}
}

// TestParseCorruptDocxDoesNotFallBackToText checks that a broken .docx is an
// error from the zip reader, not bytes read as text.
func TestParseCorruptDocxDoesNotFallBackToText(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "corrupt.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DocxText(data); !errors.Is(err, ErrNotText) || !strings.Contains(err.Error(), "zip") {
		t.Errorf("DocxText(corrupt.docx) error = %v, want ErrNotText naming the zip failure", err)
	}
	text, enc, err := Decode("corrupt.docx", data)
	if err == nil || text != "" || enc != "" {
		t.Errorf("Decode(corrupt.docx) = %q, %q, %v; want an error and no text", text, enc, err)
	}
}

// TestDocxTextKeepsInsertionsDropsDeletions checks the run and revision
// handling of DocxText on report.docx.
func TestDocxTextKeepsInsertionsDropsDeletions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := DocxText(data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, "删除的文字") {
		t.Errorf("tracked deletion leaked into the text")
	}
	if !strings.Contains(text, "引进公费师范毕业生12名，") {
		t.Errorf("tracked insertion missing from the text")
	}
	if !strings.Contains(text, "全年投入资金3150万元，新建、改扩建学校4所") {
		t.Errorf("runs of one paragraph were not joined without a separator")
	}
}

// TestParseSectionsAreWellFormed checks the tree invariants on every fixture.
func TestParseSectionsAreWellFormed(t *testing.T) {
	for _, name := range fixtureFiles(t) {
		res := parseFixture(t, name)
		for _, d := range res.Documents {
			if err := checkSections(d.Sections); err != nil {
				t.Errorf("%s / %s: %v", name, d.Title, err)
			}
		}
	}
}

// checkSections verifies that IDs are unique, each Parent names an earlier
// section (or is empty) and levels are not negative.
func checkSections(secs []Section) error {
	seen := map[string]bool{}
	for i, s := range secs {
		if s.ID == "" {
			return errors.New("section " + strconv.Itoa(i) + " has an empty ID")
		}
		if seen[s.ID] {
			return errors.New("duplicate section ID " + s.ID)
		}
		if s.Parent != "" && !seen[s.Parent] {
			return errors.New("section " + s.ID + " has parent " + s.Parent + " which does not come before it")
		}
		if s.Level < 0 {
			return errors.New("section " + s.ID + " has negative level")
		}
		seen[s.ID] = true
	}
	return nil
}
