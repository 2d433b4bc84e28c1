package draft

import "testing"

func TestBigramIndexCountsLikeOverlap(t *testing.T) {
	facts := "招聘特岗教师80名\n培训教师3100人次，教师培训全覆盖"
	for _, c := range [][2]string{
		{"加强师资队伍建设", "全年招聘特岗教师95名，培训教师6300余人次。"},
		{"", ""},
		{"安全", "abc 教师 教 师"},
		{"教师培训", "教师培训教师培训"},
	} {
		want := overlap(bigramSet(facts), bigramSet(c[0]+"\n"+c[1]))
		if got := newBigramIndex(facts).sharedWith(c[0], c[1]); got != want {
			t.Errorf("sharedWith(%q, %q) = %d; overlap = %d", c[0], c[1], got, want)
		}
	}
	if n := newBigramIndex(facts).size(); n != len(bigramSet(facts)) {
		t.Errorf("size = %d; want %d", n, len(bigramSet(facts)))
	}
}
