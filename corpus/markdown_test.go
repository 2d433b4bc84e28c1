package corpus

import "testing"

func TestMarkdownText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ATXHeadings", "# 标题\n\n## 一、主要工作\n", "标题\n一、主要工作\n"},
		{"SetextHeading", "二、存在问题\n----\n正文。\n", "二、存在问题\n正文。\n"},
		{"Emphasis", "**1.新建学校。** 新建学校*3*所。\n", "1.新建学校。 新建学校3所。\n"},
		{"OrderedListKeepsNumbers", "3. 甲\n4. 乙\n", "3.甲\n4.乙\n"},
		{"OrderedListParenMarker", "1) 甲\n", "1)甲\n"},
		{"BulletsDropped", "- 甲；\n- 乙。\n", "甲；\n乙。\n"},
		{"LinkKeepsText", "来源：[县教育局](http://example.invalid)。\n", "来源：县教育局。\n"},
		{"ImageDropped", "![照片](a.jpg)\n正文。\n", "正文。\n"},
		{"HTMLDropped", "<div>版权</div>\n\n正文<br>。\n", "正文。\n"},
		{"CodeSpanKeepsText", "新增学位`900`个。\n", "新增学位900个。\n"},
		{"ThematicBreakDropped", "甲。\n\n***\n\n乙。\n", "甲。\n乙。\n"},
		// A plain-text file named .md: one paragraph per line, no blank
		// lines. Its lines must stay lines.
		{"PlainTextKeepsLines", "一、主要工作\n（一）党建\n全年发展党员8人。\n", "一、主要工作\n（一）党建\n全年发展党员8人。\n"},
		{"UnmarkedNumberIsText", "1.加强党建\n正文。\n", "1.加强党建\n正文。\n"},
		{"Escapes", "\\*不是强调\\*。\n", "*不是强调*。\n"},
		{"Entities", "甲&amp;乙&#12290;\n", "甲&乙。\n"},
		{"Empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markdownText([]byte(tt.in)); got != tt.want {
				t.Errorf("markdownText(%q) = %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}
