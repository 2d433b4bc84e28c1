package corpus

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// seedLabel is one labelled document of ../shared/eval/seeds-labels.jsonl.
type seedLabel struct {
	File     string `json:"file"`
	Doc      int    `json:"doc"`
	Title    string `json:"title"`
	Org      string `json:"org"`
	Year     *int   `json:"year"` // null for a template whose year is 20xx
	Sections []struct {
		Heading  string   `json:"heading"`
		Level    int      `json:"level"`
		Part     string   `json:"part"`
		Category string   `json:"category"`
		Also     []string `json:"also"`
	} `json:"sections"`
	Figures []struct {
		Text        string          `json:"text"`
		Value       json.RawMessage `json:"value"`
		Placeholder bool            `json:"placeholder"`
	} `json:"figures"`
}

// The scorer's folding, as in score_parse.py: pinyin out, NFKC, one leading
// marker removed, only letters and digits kept, lower case.
var (
	scorePinyin = regexp.MustCompile(`\((?:[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+)\)`)
	scoreMarker = regexp.MustCompile(`^\s*(?:第[一二三四五六七八九十百]+(?:部分|章|节|条)|[一二三四五六七八九十百]+[、.．是]|[（(][一二三四五六七八九十百\d]+[）)]?|\d+(?:\.\d+)*[.、．]?|[①-⑳]|[Ll]\p{Han})\s*`)
	scoreNumber = regexp.MustCompile(`^([0-9.]+)(万|萬|亿|億)?`)
)

func scoreNorm(p *Parser, s string) string {
	s = p.Normalize(s) // traditional → simplified, in place of the opencc CLI
	s = norm.NFKC.String(scorePinyin.ReplaceAllString(s, ""))
	if loc := scoreMarker.FindStringIndex(s); loc != nil {
		m := s[loc[0]:loc[1]]
		// The Python pattern uses a look-ahead for "L"+Han: keep the Han character.
		if r := []rune(strings.TrimSpace(m)); len(r) == 2 && (r[0] == 'L' || r[0] == 'l') && unicode.Is(unicode.Han, r[1]) {
			m = strings.TrimRightFunc(m, func(r rune) bool { return unicode.Is(unicode.Han, r) || unicode.IsSpace(r) })
			loc[1] = loc[0] + len(m)
		}
		s = s[loc[1]:]
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// numKey is score_parse.py's numnorm: the value times 万/亿, rounded to 4
// decimals, as a map key.
func numKey(v string) string {
	v = strings.ReplaceAll(strings.ReplaceAll(v, ",", ""), " ", "")
	m := scoreNumber.FindStringSubmatch(v)
	if m == nil {
		return v
	}
	x, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return v
	}
	switch m[2] {
	case "万", "萬":
		x *= 1e4
	case "亿", "億":
		x *= 1e8
	}
	return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64)
}

func sharedDir(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(wd, "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(dir, "eval", "seeds-labels.jsonl")); err != nil {
		t.Skip("../shared not found: ", err)
	}
	return dir
}

// parseScore is what score_parse.py counts over a labelled set.
type parseScore struct {
	labelled, hit, category, part, figures, figuresLabelled int
	files, docsOK                                           int
	docCount                                                map[string]int // documents parsed per file
	metaWrong                                               int            // documents whose title, org or year differ from the label
}

func ratio(x, y int) float64 {
	if y == 0 {
		return 0
	}
	return float64(x) / float64(y)
}

func (s parseScore) recall() float64    { return ratio(s.hit, s.labelled) }
func (s parseScore) catAcc() float64    { return ratio(s.category, s.hit) }
func (s parseScore) partAcc() float64   { return ratio(s.part, s.hit) }
func (s parseScore) figRecall() float64 { return ratio(s.figures, s.figuresLabelled) }

// check fails t for every measure below its threshold.
func (s parseScore) check(t *testing.T, recall, cat, part, fig float64) {
	t.Helper()
	t.Logf("headings %d/%d recall=%.3f category=%.3f part=%.3f figures=%.3f (%d/%d) doc-split=%d/%d",
		s.hit, s.labelled, s.recall(), s.catAcc(), s.partAcc(), s.figRecall(), s.figures, s.figuresLabelled, s.docsOK, s.files)
	if s.recall() < recall {
		t.Errorf("heading recall %.3f < %.2f", s.recall(), recall)
	}
	if s.catAcc() < cat {
		t.Errorf("category accuracy %.3f < %.2f", s.catAcc(), cat)
	}
	if s.partAcc() < part {
		t.Errorf("part accuracy %.3f < %.2f", s.partAcc(), part)
	}
	if s.figRecall() < fig {
		t.Errorf("figure recall %.3f < %.2f", s.figRecall(), fig)
	}
}

// readLabels reads a labels file in the format of seeds-labels.jsonl and
// returns the labels per file, files in order of first appearance.
func readLabels(t *testing.T, path string) (files []string, byFile map[string][]seedLabel) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	byFile = map[string][]seedLabel{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l seedLabel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, ok := byFile[l.File]; !ok {
			files = append(files, l.File)
		}
		byFile[l.File] = append(byFile[l.File], l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return files, byFile
}

// bareOrg is an org without a place name, which labellers write either as it
// stands ("县教育局") or as "" (no org named).
var bareOrg = regexp.MustCompile(`^[县区市]?(教育局|教育和体育局|教育体育局|教体局)?$`)

// sameOrg compares a parsed org with a labelled one.
func sameOrg(got, want string) bool {
	return got == want || bareOrg.MatchString(got) && bareOrg.MatchString(want)
}

// readLabelled reads a labelled file; a PDF goes through pdftotext with the
// options zongjie uses, and its test is skipped where poppler is missing.
func readLabelled(t *testing.T, path string) ([]byte, error) {
	t.Helper()
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		return os.ReadFile(path)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils): ", path)
	}
	return exec.Command(bin, "-enc", "UTF-8", "-eol", "unix", path, "-").Output()
}

// scoreLabels parses every labelled file in dir and scores the result the
// way ../shared/eval/score_parse.py does, logging each miss.
func scoreLabels(t *testing.T, labelsPath, dir string) parseScore {
	t.Helper()
	files, byFile := readLabels(t, labelsPath)
	p := NewParser(DefaultTaxonomy())
	sc := parseScore{files: len(files), docCount: map[string]int{}}
	for _, file := range files {
		labels := byFile[file]
		data, err := readLabelled(t, filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Parse(file, data)
		if err != nil {
			t.Errorf("%s: parse failed: %v", file, err)
			for _, l := range labels {
				sc.labelled += len(l.Sections)
				for _, g := range l.Figures {
					if !g.Placeholder {
						sc.figuresLabelled++
					}
				}
			}
			continue
		}
		sc.docCount[file] = len(res.Documents)
		if len(res.Documents) == len(labels) {
			sc.docsOK++
		}
		var psecs []Section
		for _, d := range res.Documents {
			psecs = append(psecs, d.Sections...)
		}
		pheads := make([][]rune, len(psecs))
		pfigs := map[string]bool{}
		for i, s := range psecs {
			pheads[i] = []rune(scoreNorm(p, s.Heading))
			for _, g := range s.Figures {
				if !g.Placeholder {
					pfigs[numKey(strconv.FormatFloat(g.Value, 'f', -1, 64))] = true
				}
			}
		}
		for i, l := range labels {
			if i >= len(res.Documents) || l.Title == "" {
				continue
			}
			d := res.Documents[i]
			year := 0
			if l.Year != nil {
				year = *l.Year
			}
			if d.Title != p.Normalize(l.Title) || !sameOrg(d.Org, p.Normalize(l.Org)) || d.Year != year {
				sc.metaWrong++
				t.Logf("%s doc %d: title %q org %q year %d; want %q %q %d", file, i, d.Title, d.Org, d.Year, l.Title, l.Org, year)
			}
		}
		used := map[int]bool{}
		for _, l := range labels {
			for _, ls := range l.Sections {
				sc.labelled++
				lh := []rune(scoreNorm(p, ls.Heading))
				key := string(lh[:min(8, len(lh))])
				found := -1
				for i, ph := range pheads {
					if used[i] || len(ph) < 2 {
						continue
					}
					if strings.HasPrefix(string(ph), key) || len(ph) >= 4 && strings.HasPrefix(string(lh), string(ph[:min(8, len(ph))])) {
						found = i
						break
					}
				}
				if found < 0 {
					t.Logf("%s: missed heading %s", file, ls.Heading)
					continue
				}
				used[found] = true
				sc.hit++
				ps := psecs[found]
				okCat := ps.Category == ls.Category
				for _, a := range ls.Also {
					okCat = okCat || ps.Category == a
				}
				if okCat {
					sc.category++
				} else {
					t.Logf("%s: %s category %s, want %s", file, ls.Heading, ps.Category, ls.Category)
				}
				if ps.Part == ls.Part {
					sc.part++
				} else {
					t.Logf("%s: %s part %s, want %s", file, ls.Heading, ps.Part, ls.Part)
				}
			}
			for _, g := range l.Figures {
				if g.Placeholder {
					continue
				}
				sc.figuresLabelled++
				var v string
				if err := json.Unmarshal(g.Value, &v); err != nil {
					v = string(g.Value) // a bare JSON number
				}
				if pfigs[numKey(v)] {
					sc.figures++
				} else {
					t.Logf("%s: missed figure %s", file, g.Text)
				}
			}
		}
		t.Logf("%s: documents %d/%d, sections parsed %d", file, len(res.Documents), len(labels), len(psecs))
	}
	return sc
}

// TestSeedsParseQuality scores the parser on the hand-labelled seed reports
// the way ../shared/eval/score_parse.py does and asserts the thresholds:
// heading recall ≥ 0.95, category ≥ 0.90, part ≥ 0.95, figure recall ≥ 0.90,
// and the traditional-script seed split into 3 documents.
func TestSeedsParseQuality(t *testing.T) {
	dir := sharedDir(t)
	sc := scoreLabels(t, filepath.Join(dir, "eval", "seeds-labels.jsonl"), filepath.Join(dir, "seeds"))
	sc.check(t, 0.95, 0.90, 0.95, 0.90)
	for file, n := range sc.docCount {
		if strings.HasPrefix(file, "003_") && n != 3 {
			t.Errorf("%s (traditional script) split into %d documents, want 3", file, n)
		}
	}
}

// TestUnseenStyleParseQuality scores the parser on testdata/unseen …
// unseen9 (unseen7 holds PDFs and needs pdftotext): reports written for the tests by helpers that read neither the
// parser nor the seeds, in styles and noise the seeds do not have (see their
// READMEs). The thresholds are the targets for reports the project has never
// seen: heading recall ≥ 0.85, category ≥ 0.80, part ≥ 0.90, figures ≥ 0.80;
// and every file split into its labelled number of documents, each with its
// labelled title, org and year.
func TestUnseenStyleParseQuality(t *testing.T) {
	for _, set := range []string{"unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7", "unseen8", "unseen9"} {
		t.Run(set, func(t *testing.T) {
			dir := filepath.Join("testdata", set)
			sc := scoreLabels(t, filepath.Join(dir, "labels.jsonl"), dir)
			sc.check(t, 0.85, 0.80, 0.90, 0.80)
			if sc.docsOK != sc.files {
				t.Errorf("%d of %d files split into their labelled number of documents", sc.docsOK, sc.files)
			}
			if sc.metaWrong > 0 {
				t.Errorf("%d documents with a title, org or year other than labelled", sc.metaWrong)
			}
		})
	}
}
