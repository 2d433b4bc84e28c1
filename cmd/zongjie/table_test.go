package main

import (
	"strings"
	"testing"
)

func TestDisplayWidth(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want int
	}{
		{"", 0}, {"abc", 3}, {"党建", 4}, {"2024年", 6}, {"（一）", 6}, {"—", 1}, {"e\u0301", 1}, {"Ａ", 2},
	} {
		if got := displayWidth(tt.s); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

// TestTableAlignsChinese: every column starts at the same display column on
// every line, whatever mix of Chinese and ASCII is in the cells before it.
func TestTableAlignsChinese(t *testing.T) {
	var tb table
	tb.add("编号", "标题", "年份")
	tb.add("1", "岚湖县教育局2024年工作总结", "2024")
	tb.add("12", "short title", "—")
	var b strings.Builder
	if err := tb.write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	var starts []int
	for i, line := range lines {
		cells := []string{"编号", "标题", "年份"}
		if i > 0 {
			cells = tb.rows[i]
		}
		last := cells[len(cells)-1]
		start := displayWidth(strings.TrimSuffix(line, last))
		starts = append(starts, start)
		if !strings.HasSuffix(line, last) {
			t.Fatalf("line %q does not end with %q", line, last)
		}
	}
	for i, s := range starts {
		if s != starts[0] {
			t.Errorf("line %d: last column starts at display column %d, want %d:\n%s", i, s, starts[0], b.String())
		}
	}
}

// TestDocsTableAligned: in `docs`, the last column (节数) starts at the same
// display column on every line, Chinese titles or not.
func TestDocsTableAligned(t *testing.T) {
	newEnv(t)
	r := mustZJ(t, "docs")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("docs printed %d lines: %s", len(lines), r)
	}
	col := -1
	for _, line := range lines {
		i := strings.LastIndex(line, "  ")
		start := displayWidth(line[:i+2])
		if col == -1 {
			col = start
		}
		if start != col {
			t.Errorf("last column at display column %d, want %d:\n%s", start, col, r.stdout)
			break
		}
	}
}
