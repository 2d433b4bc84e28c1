package corpus

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// buildDocx zips parts into a .docx.
func buildDocx(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const testNumberingXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="11"/></w:lvlOverride></w:num>
</w:numbering>`

const testStylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="10"><w:name w:val="my heading"/><w:basedOn w:val="1"/></w:style>
</w:styles>`

// para writes a paragraph with optional pPr content.
func para(ppr, text string) string {
	return `<w:p><w:pPr>` + ppr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func numPr(numID, ilvl string) string {
	return `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr>`
}

func TestDocxTextWritesWordNumbering(t *testing.T) {
	body := strings.Join([]string{
		para(`<w:pStyle w:val="1"/>`, "主要工作"),                                      // style numbering: 一、
		para(numPr("1", "1"), "党建引领"),                                              // （一）
		para(numPr("1", "2"), "加强理论学习"),                                            // 1.
		para(numPr("1", "2"), "建强基层组织"),                                            // 2.
		para(numPr("1", "3"), "示范党支部"),                                             // ①
		para(numPr("1", "1"), "师资建设"),                                              // （二）
		para(numPr("1", "2"), "补充教师"),                                              // 1. again: a new （二） restarts level 3
		para(numPr("2", "0"), "要点一"),                                               // bullet: no marker
		para(``, "全年工作取得成效。"),                                                      // unnumbered
		para(`<w:pStyle w:val="10"/>`, "存在的问题"),                                    // based on heading 1: 二、
		para(`<w:pStyle w:val="1"/><w:numPr><w:numId w:val="0"/></w:numPr>`, "附件"), // numbering switched off
		para(`<w:pStyle w:val="1"/>`, ""),                                          // empty, but counted: 三、
		para(`<w:pStyle w:val="1"/><w:pPrChange><w:pPr>`+numPr("2", "0")+`</w:pPr></w:pPrChange>`, "下一步工作打算"), // 四、, the old numbering ignored
		para(numPr("3", "0"), "第十一项"), // start override: 十一、
	}, "")
	data := buildDocx(t, map[string]string{
		"word/document.xml":  `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": testNumberingXML,
		"word/styles.xml":    testStylesXML,
	})
	got, err := DocxText(data)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{"一、主要工作", "（一）党建引领", "1.加强理论学习", "2.建强基层组织", "①示范党支部",
		"（二）师资建设", "1.补充教师", "要点一", "全年工作取得成效。", "二、存在的问题", "附件", "", "四、下一步工作打算", "十一、第十一项", ""}, "\n")
	if got != want {
		t.Errorf("DocxText:\n got %q\nwant %q", got, want)
	}
}

func TestDocxTextWithoutNumberingParts(t *testing.T) {
	// A numbered paragraph in a file without numbering.xml keeps its text.
	data := buildDocx(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			para(numPr("1", "0"), "主要工作") + `</w:body></w:document>`,
		"word/numbering.xml": "<not xml",
	})
	got, err := DocxText(data)
	if err != nil || got != "主要工作\n" {
		t.Errorf("DocxText = %q, %v; want %q", got, err, "主要工作\n")
	}
}

func TestParseDocxWithWordNumberingKeepsLevels(t *testing.T) {
	body := strings.Join([]string{
		para(``, "柳塘县教育局2024年工作总结"),
		para(``, "2024年，县教育局坚持以党建引领教育高质量发展，全面落实立德树人根本任务。"),
		para(`<w:pStyle w:val="1"/>`, "主要工作成效"),
		para(numPr("1", "1"), "党建工作全面加强"),
		para(``, "全年新发展党员9人。"),
		para(numPr("1", "1"), "师资队伍不断优化"),
		para(``, "招聘特岗教师60名。"),
		para(`<w:pStyle w:val="1"/>`, "存在的问题"),
		para(``, "城区学校大班额问题仍较突出。"),
	}, "")
	data := buildDocx(t, map[string]string{
		"word/document.xml":  `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
		"word/numbering.xml": testNumberingXML,
		"word/styles.xml":    testStylesXML,
	})
	res, err := NewParser(DefaultTaxonomy()).Parse("report.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range res.Documents[0].Sections {
		if s.Heading != "" {
			got = append(got, s.ID+" "+s.Marker+s.Heading+" "+s.Part+" "+s.Category)
		}
	}
	want := []string{"1 一、主要工作成效 summary 其他", "1.1 （一）党建工作全面加强 summary 党建", "1.2 （二）师资队伍不断优化 summary 师资", "2 二、存在的问题 problems 其他"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzDocxNumbering checks that any document, numbering and styles parts
// read without a panic.
func FuzzDocxNumbering(f *testing.F) {
	doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		para(`<w:pStyle w:val="1"/>`, "主要工作") + para(numPr("1", "2"), "党建") + para(numPr("3", "9"), "越界") + `</w:body></w:document>`
	f.Add(doc, testNumberingXML, testStylesXML)
	f.Add(doc, `<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="%9%1%"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`, "")
	f.Add(doc, "", `<w:styles><w:style w:styleId="1"><w:basedOn w:val="1"/></w:style></w:styles>`)
	f.Fuzz(func(t *testing.T, document, numbering, styles string) {
		data := buildDocx(t, map[string]string{"word/document.xml": document, "word/numbering.xml": numbering, "word/styles.xml": styles})
		_, _ = DocxText(data)
	})
}

func TestDocxTextTablesAsSentences(t *testing.T) {
	cell := func(ps ...string) string {
		var b strings.Builder
		b.WriteString("<w:tc>")
		for _, p := range ps {
			b.WriteString(para("", p))
		}
		b.WriteString("</w:tc>")
		return b.String()
	}
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	nested := "<w:tbl>" + row(cell("甲"), cell("乙")) + "</w:tbl>"
	body := para("", "建设项目见下表。") + "<w:tbl>" +
		row(cell("项目名称"), cell("投资（万元）"), cell("完成情况")) +
		row(cell("城区第三小学", "新建工程"), cell("9800"), cell("已竣工。")) +
		row(cell(""), cell(""), cell("")) +
		row(cell("附表")+"<w:tc>"+nested+"</w:tc>") +
		"</w:tbl>" + para("", "同时完成校舍维修。")
	data := buildDocx(t, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
	})
	got, err := DocxText(data)
	if err != nil {
		t.Fatal(err)
	}
	want := "建设项目见下表。\n项目名称；投资（万元）；完成情况。\n城区第三小学 新建工程；9800；已竣工。\n附表；甲；乙。\n同时完成校舍维修。\n"
	if got != want {
		t.Errorf("DocxText:\n got %q\nwant %q", got, want)
	}
}
