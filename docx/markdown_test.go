package docx

import "testing"

// TestBreakTitle checks, one rule per row, where a long title breaks.
func TestBreakTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"岚湖县教育局2025年工作计划", "岚湖县教育局2025年工作计划"},
		{"岚湖县教育局2025年工作总结及2026年工作计划", "岚湖县教育局2025年工作总结\n及2026年工作计划"},
		{"青屿区教育局2025年上半年工作总结及下半年工作打算", "青屿区教育局2025年上半年工作总结\n及下半年工作打算"},
		{"澄溪县教育局2025年第三季度教育工作总结报告", "澄溪县教育局\n2025年第三季度教育工作总结报告"},
	}
	for _, tt := range tests {
		if got := breakTitle(tt.in); got != tt.want {
			t.Errorf("breakTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSignOffIsASignature checks that the org and date closing a report are
// laid out as its signature, and that a date inside the body is not.
func TestSignOffIsASignature(t *testing.T) {
	md := "# 岚湖县教育局2025年工作总结\n\n正文。\n\n2025年12月20日召开总结会。\n\n岚湖县教育局\n\n2025年12月31日\n"
	b := FromMarkdown(md)
	n := len(b)
	if b[n-1].Kind != Signature || b[n-2].Kind != Signature || b[n-3].Kind != Paragraph {
		t.Errorf("blocks = %+v, want the last two as the signature", b)
	}
	if b := FromMarkdown("# 标题\n\n正文写到这里。\n"); b[len(b)-1].Kind != Paragraph {
		t.Errorf("a report without a sign-off got a signature: %+v", b)
	}
}
