// Command naiveparse is the naive baseline of issue 12: one regular
// expression per heading-marker style, no cleaning, no classification. It
// prints the shape of `zongjie parse --json` so the parse scorer can run it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// styles are the marker styles, each a regexp anchored at a line start.
var styles = []*regexp.Regexp{
	regexp.MustCompile(`^第[一二三四五六七八九十]+部分`),
	regexp.MustCompile(`^[一二三四五六七八九十]+、`),
	regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]`),
	regexp.MustCompile(`^\d{1,2}\s?[.．](?:\D|$)`),
	regexp.MustCompile(`^\d{1,2}、`),
	regexp.MustCompile(`^[（(]\d{1,2}[）)]`),
	regexp.MustCompile(`^[①-⑳]`),
}

// shi finds 一是/二是 items after a sentence end, the one inline style.
var shi = regexp.MustCompile(`(?:^|[。；;])\s*([一二三四五六七八九十]是[^，,。；;:：\n]{2,20})`)

type section struct {
	ID       string `json:"id"`
	Level    int    `json:"level"`
	Heading  string `json:"heading"`
	Part     string `json:"part"`
	Category string `json:"category"`
}

func main() {
	if len(os.Args) < 4 || os.Args[1] != "parse" {
		fmt.Fprintln(os.Stderr, "usage: naiveparse parse --json FILE")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[len(os.Args)-1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if !utf8.Valid(data) { // the GB family is the usual other encoding
		if d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
			data = d
		}
	}
	var secs []section
	add := func(h string, level int) {
		h = strings.TrimSpace(strings.SplitN(h, "。", 2)[0])
		secs = append(secs, section{ID: fmt.Sprint(len(secs) + 1), Level: level, Heading: h, Part: "summary", Category: "其他"})
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		for level, re := range styles {
			if re.MatchString(line) {
				add(line, level+1)
				break
			}
		}
		for _, m := range shi.FindAllStringSubmatch(line, -1) {
			add(m[1], len(styles)+1)
		}
	}
	out := map[string]any{"source": os.Args[len(os.Args)-1], "documents": []any{map[string]any{"title": "", "sections": secs}}}
	json.NewEncoder(os.Stdout).Encode(out)
}
