package corpus

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
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

// TestSeedsParseQuality scores the parser on the hand-labelled seed reports
// the way ../shared/eval/score_parse.py does and asserts the thresholds:
// heading recall ≥ 0.95, category ≥ 0.90, part ≥ 0.95, figure recall ≥ 0.90,
// and the traditional-script seed split into 3 documents.
func TestSeedsParseQuality(t *testing.T) {
	dir := sharedDir(t)
	f, err := os.Open(filepath.Join(dir, "eval", "seeds-labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var files []string
	byFile := map[string][]seedLabel{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var l seedLabel
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("seeds-labels.jsonl: %v", err)
		}
		if _, ok := byFile[l.File]; !ok {
			files = append(files, l.File)
		}
		byFile[l.File] = append(byFile[l.File], l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}

	p := NewParser(DefaultTaxonomy())
	var lab, hit, cat, part, fig, figLab, docsOK int
	docCount := map[string]int{}
	for _, file := range files {
		labels := byFile[file]
		data, err := os.ReadFile(filepath.Join(dir, "seeds", file))
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Parse(file, data)
		if err != nil {
			t.Errorf("%s: parse failed: %v", file, err)
			for _, l := range labels {
				lab += len(l.Sections)
				for _, g := range l.Figures {
					if !g.Placeholder {
						figLab++
					}
				}
			}
			continue
		}
		docCount[file] = len(res.Documents)
		if len(res.Documents) == len(labels) {
			docsOK++
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
		used := map[int]bool{}
		for _, l := range labels {
			for _, ls := range l.Sections {
				lab++
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
				hit++
				ps := psecs[found]
				okCat := ps.Category == ls.Category
				for _, a := range ls.Also {
					okCat = okCat || ps.Category == a
				}
				if okCat {
					cat++
				} else {
					t.Logf("%s: %s category %s, want %s", file, ls.Heading, ps.Category, ls.Category)
				}
				if ps.Part == ls.Part {
					part++
				} else {
					t.Logf("%s: %s part %s, want %s", file, ls.Heading, ps.Part, ls.Part)
				}
			}
			for _, g := range l.Figures {
				if g.Placeholder {
					continue
				}
				figLab++
				var v string
				if err := json.Unmarshal(g.Value, &v); err != nil {
					v = string(g.Value) // a bare JSON number
				}
				if pfigs[numKey(v)] {
					fig++
				} else {
					t.Logf("%s: missed figure %s", file, g.Text)
				}
			}
		}
		t.Logf("%s: documents %d/%d, sections parsed %d", file, len(res.Documents), len(labels), len(psecs))
	}
	ratio := func(x, y int) float64 {
		if y == 0 {
			return 0
		}
		return float64(x) / float64(y)
	}
	recall, catAcc, partAcc, figRecall := ratio(hit, lab), ratio(cat, hit), ratio(part, hit), ratio(fig, figLab)
	t.Logf("headings %d/%d recall=%.3f category=%.3f part=%.3f figures=%.3f (%d/%d) doc-split=%d/%d",
		hit, lab, recall, catAcc, partAcc, figRecall, fig, figLab, docsOK, len(files))
	if recall < 0.95 {
		t.Errorf("heading recall %.3f < 0.95", recall)
	}
	if catAcc < 0.90 {
		t.Errorf("category accuracy %.3f < 0.90", catAcc)
	}
	if partAcc < 0.95 {
		t.Errorf("part accuracy %.3f < 0.95", partAcc)
	}
	if figRecall < 0.90 {
		t.Errorf("figure recall %.3f < 0.90", figRecall)
	}
	for _, file := range files {
		if strings.HasPrefix(file, "003_") && docCount[file] != 3 {
			t.Errorf("%s (traditional script) split into %d documents, want 3", file, docCount[file])
		}
	}
}
