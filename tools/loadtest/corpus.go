package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/zongjie/zongjie/corpus/starter"
)

// syllables make fictional county names: two of them and 县 or 区.
var syllables = []rune("安宁和平清远丰泽嘉禾长乐东阳西林南溪北岭金桥玉泉石门青山白水龙潭凤鸣桃源柳江")

// writeCorpus writes n reports into dir: the starter reports in turn, each
// with its county renamed to one no other report uses.
func writeCorpus(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names, err := fs.Glob(starter.Files, "*.txt")
	if err != nil || len(names) == 0 {
		return fmt.Errorf("读取内置范文：%v", err)
	}
	for i := range n {
		src := names[i%len(names)]
		text, err := fs.ReadFile(starter.Files, src)
		if err != nil {
			return err
		}
		county := strings.Split(src, "_")[1]
		name := countyName(i / len(names))
		out := strings.ReplaceAll(string(text), county, name)
		stem := strings.TrimRight(county, "县区")
		out = strings.ReplaceAll(out, stem, strings.TrimRight(name, "县区"))
		file := filepath.Join(dir, fmt.Sprintf("%04d_%s", i, strings.Replace(src, county, name, 1)))
		if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// countyName is the k-th fictional county name; names differ for k below
// len(syllables)² × 2.
func countyName(k int) string {
	n := len(syllables)
	a, b := syllables[k%n], syllables[(k/n+k)%n]
	suffix := "县"
	if (k/(n*n))%2 == 1 {
		suffix = "区"
	}
	return "试" + string(a) + string(b) + suffix
}
