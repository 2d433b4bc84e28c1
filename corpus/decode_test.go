package corpus

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// plainReport is a short report in UTF-8.
const plainReport = `清丰县教育局2023年工作总结

2023年，全县教育系统坚持立德树人根本任务，各项工作取得新成效。现将有关情况总结如下。

一、加强党建引领
全年新发展党员8人，开展主题党日活动24次，党风廉政建设持续加强，基层党组织战斗堡垒作用进一步发挥。

二、加强师资队伍建设
招聘特岗教师72名，培训教师3100人次，师德师风建设扎实推进，教师队伍整体素质不断提升。
`

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeToleratesAFewInvalidBytes(t *testing.T) {
	i := strings.Index(plainReport, "党员8人")
	tests := []struct {
		name    string
		data    []byte
		enc     string
		replace bool // the text holds U+FFFD
	}{
		{"valid", []byte(plainReport), EncUTF8, false},
		{"one invalid byte", []byte(plainReport[:i] + "\xff" + plainReport[i:]), EncUTF8, true},
		{"a cut character at the end", []byte(plainReport + "教"[:2]), EncUTF8, true},
		{"invalid byte after a BOM", []byte("\xEF\xBB\xBF" + plainReport[:i] + "\x80" + plainReport[i:]), EncUTF8BOM, true},
		{"GB18030 stays GB18030", gb18030(t, plainReport), EncGB18030, false},
		{"GB18030 with mostly ASCII", gb18030(t, plainReport+strings.Repeat("abc 123\n", 500)), EncGB18030, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := Decode("r.txt", tt.data)
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if enc != tt.enc {
				t.Errorf("encoding %s, want %s", enc, tt.enc)
			}
			if got := strings.ContainsRune(text, '\uFFFD'); got != tt.replace {
				t.Errorf("U+FFFD in text: %v, want %v", got, tt.replace)
			}
			if !strings.Contains(text, "招聘特岗教师72名") {
				t.Errorf("text lost: %.80q", text)
			}
		})
	}
}

func TestDecodeManyInvalidBytesIsNotUTF8(t *testing.T) {
	data := []byte(plainReport)
	for i := 100; i < len(data); i += 40 {
		data[i] = 0xFF
	}
	if _, enc, _ := Decode("r.txt", data); enc == EncUTF8 {
		t.Errorf("text with an invalid byte every 40 read as UTF-8")
	}
}

func TestControlCharactersAreStripped(t *testing.T) {
	controls := []struct{ name, c string }{
		{"NUL", "\x00"}, {"SOH", "\x01"}, {"BEL", "\a"}, {"backspace", "\b"}, {"vertical tab", "\v"},
		{"form feed", "\f"}, {"ESC", "\x1b"}, {"unit separator", "\x1f"}, {"DEL", "\x7f"},
		{"C1 NEL", "\u0085"}, {"C1 CSI", "\u009b"},
	}
	p := NewParser(DefaultTaxonomy())
	for _, tt := range controls {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.ReplaceAll(plainReport, "党员8人", "党员"+tt.c+"8人"+tt.c)
			text = strings.ReplaceAll(text, "二、加强", tt.c+"二、加强")
			res, err := p.Parse("r.txt", []byte(text))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			secs := res.Documents[0].Sections
			all := res.Documents[0].Title
			for _, s := range secs {
				all += s.Heading + s.Text
			}
			for _, r := range all {
				if unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r' {
					t.Fatalf("control character %U stored: %q", r, all)
				}
			}
			if !strings.Contains(all, "新发展党员8人") || !strings.Contains(all, "加强师资队伍建设") {
				t.Errorf("text around the control character lost: %q", all)
			}
		})
	}
}

// TestT2SLongLineInChunks checks that a line longer than one conversion
// chunk converts exactly as its sentences would one by one.
func TestT2SLongLineInChunks(t *testing.T) {
	var c converter
	sentence := "學校組織開展教師培訓，進一步加強師資隊伍建設。"
	line := strings.Repeat(sentence, 300) // about 20 KB on one line
	got := c.t2s(line)
	want := strings.Repeat(c.t2s(sentence), 300)
	if got != want {
		t.Errorf("long line converted differently from its sentences")
	}
	if strings.Contains(got, "學") || !strings.Contains(got, "学校组织开展教师培训") {
		t.Errorf("long line not converted: %.60s", got)
	}
}
