package corpus

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus/starter"
)

// benchCorpus builds about size bytes of report text by concatenating the
// starter reports, renaming the county in each copy's title so that every
// copy stays a separate document. It returns the text and the copy count.
func benchCorpus(b *testing.B, size int) ([]byte, int) {
	b.Helper()
	names, err := fs.Glob(starter.Files, "*.txt")
	if err != nil || len(names) == 0 {
		b.Fatalf("starter corpus: %v (%d files)", err, len(names))
	}
	var reports []string
	for _, n := range names {
		data, err := fs.ReadFile(starter.Files, n)
		if err != nil {
			b.Fatal(err)
		}
		reports = append(reports, strings.TrimSpace(string(data)))
	}
	first := []rune("东南西北上中下前后新")
	second := []rune("山河湖海林泉岭川塘溪")
	var buf bytes.Buffer
	copies := 0
	for buf.Len() < size {
		r := reports[copies%len(reports)]
		title, body, _ := strings.Cut(r, "\n")
		if k := strings.Index(title, "教育局"); k > 0 {
			county := string(first[copies%10]) + string(second[(copies/10)%10])
			if copies >= 100 {
				county += string(first[(copies/100)%10])
			}
			title = county + "县" + title[k:]
		}
		buf.WriteString(title + "\n" + body + "\n\n")
		copies++
	}
	return buf.Bytes(), copies
}

// BenchmarkParse measures parsing throughput (MB/s) on ~10 MB of report text.
func BenchmarkParse(b *testing.B) {
	data, copies := benchCorpus(b, 10<<20)
	p := NewParser(DefaultTaxonomy())
	res, err := p.Parse("bench.txt", data) // also warms up the OpenCC dictionaries
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Documents) != copies {
		b.Logf("%d reports concatenated, %d documents parsed", copies, len(res.Documents))
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Parse("bench.txt", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(res.Documents)), "docs/op")
}
