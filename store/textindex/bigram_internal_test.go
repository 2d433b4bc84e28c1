package textindex

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus/starter"
)

// bigramsByRuns is the index text as queries see it: the tokens of runs()
// joined with spaces. bigrams must write exactly this, or a query could miss
// text that contains it.
func bigramsByRuns(s string) string {
	var toks []string
	for _, r := range runs(foldRunes(s)) {
		toks = append(toks, r.tokens()...)
	}
	return strings.Join(toks, " ")
}

func FuzzBigramsMatchRuns(f *testing.F) {
	for _, s := range []string{"", "县", "县教育局2024年", "ＡＩ助教２０２４", "第3章x", "区(qū)教育", "①②，ⅣⅤ", "教\u3000育", "a1b2 c3", "\xff\xfe教"} {
		f.Add(s)
	}
	names, _ := fs.Glob(starter.Files, "*.txt")
	for _, n := range names[:2] {
		data, _ := fs.ReadFile(starter.Files, n)
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Bigrams(s), bigramsByRuns(s); got != want {
			t.Fatalf("bigrams(%q)\n got %q\nwant %q", s, got, want)
		}
	})
}
