package docx

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/document.golden.xml")

const (
	sampleTitle = "岚湖县教育局2024年工作总结"
	sampleMark  = "【待核实：9350人】"
	sampleEsc   = `页面出现 <script>alert("x")</script> & 'quotes' 时应原样显示。`
)

// sample is a short report with every block kind, a mark and text that needs
// escaping; filler paragraphs push it onto a second page for the render check.
func sample() []Block {
	bs := []Block{
		{Kind: Title, Text: sampleTitle},
		{Kind: Paragraph, Text: "2024年，县教育局在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，聚焦立德树人根本任务，各项工作取得新进展。现将有关情况总结如下。"},
		{Kind: Heading, Level: 1, Text: "一、主要工作及成效"},
		{Kind: Heading, Level: 2, Text: "（一）办学条件持续改善"},
		{Kind: Heading, Level: 3, Text: "1.学校建设。"},
		{Kind: Paragraph, Text: "全年新建、改扩建学校4所，新增学位2160个，全县义务教育阶段在校生" + sampleMark + "，大班额全部消除。"},
		{Kind: Paragraph, Text: sampleEsc},
		{Kind: Note, Text: "【离线草稿】本稿由事实文件生成，请核对后使用。"},
	}
	for i := 0; i < 6; i++ {
		bs = append(bs, Block{Kind: Paragraph, Text: "坚持问题导向，扎实推进教师队伍建设，招聘特岗教师72名，组织全员培训3200人次，城乡教师交流轮岗156人，乡村学校师资结构进一步优化，教育教学质量稳步提升。"})
	}
	return bs
}

// writeParts writes blocks and returns the package's parts by name.
func writeParts(t *testing.T, blocks []Block) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, blocks); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
	}
	return parts
}

// wellFormed decodes a whole part, failing on the first XML error.
func wellFormed(t *testing.T, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v", name, err)
		}
	}
}

// attrs maps an element's attributes by local name (w:eastAsia → eastAsia).
func attrs(se xml.StartElement) map[string]string {
	m := map[string]string{}
	for _, a := range se.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

type testRun struct {
	para      int
	fonts     map[string]string // rFonts attributes
	size      string
	bold      bool
	highlight string
	text      string
}

type testDoc struct {
	paras []string                       // text of each paragraph, <w:br/> as "\n"
	runs  []testRun                      // every run in order
	elems map[string][]map[string]string // attributes of every element, by local name
}

// parseDoc walks document.xml with encoding/xml, collecting paragraphs and runs.
func parseDoc(t *testing.T, data []byte) testDoc {
	t.Helper()
	doc := testDoc{elems: map[string][]map[string]string{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	var r *testRun
	var text strings.Builder
	inT := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return doc
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			a := attrs(tok)
			doc.elems[tok.Name.Local] = append(doc.elems[tok.Name.Local], a)
			switch tok.Name.Local {
			case "p":
				text.Reset()
			case "r":
				r = &testRun{para: len(doc.paras)}
			case "rFonts":
				r.fonts = a
			case "sz":
				r.size = a["val"]
			case "b":
				r.bold = true
			case "highlight":
				r.highlight = a["val"]
			case "t":
				inT = true
			case "br":
				text.WriteString("\n")
			}
		case xml.CharData:
			if inT {
				text.Write(tok)
				r.text += string(tok)
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t":
				inT = false
			case "r":
				doc.runs = append(doc.runs, *r)
				r = nil
			case "p":
				doc.paras = append(doc.paras, text.String())
			}
		}
	}
}

func TestWriteSample(t *testing.T) {
	blocks := sample()
	parts := writeParts(t, blocks)

	for _, p := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml",
		"word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
		"word/_rels/document.xml.rels", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[p]; !ok {
			t.Errorf("missing part %s", p)
		}
	}
	for name, data := range parts {
		wellFormed(t, name, data)
	}

	t.Run("package references resolve", func(t *testing.T) {
		// Every content-type override and relationship target must be a part.
		var ct struct {
			Overrides []struct {
				PartName string `xml:"PartName,attr"`
			} `xml:"Override"`
		}
		if err := xml.Unmarshal(parts["[Content_Types].xml"], &ct); err != nil {
			t.Fatal(err)
		}
		for _, o := range ct.Overrides {
			if _, ok := parts[strings.TrimPrefix(o.PartName, "/")]; !ok {
				t.Errorf("content type override for missing part %s", o.PartName)
			}
		}
		for rels, base := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word"} {
			var rs struct {
				Rels []struct {
					ID     string `xml:"Id,attr"`
					Target string `xml:"Target,attr"`
				} `xml:"Relationship"`
			}
			if err := xml.Unmarshal(parts[rels], &rs); err != nil {
				t.Fatal(err)
			}
			for _, r := range rs.Rels {
				if _, ok := parts[path.Join(base, r.Target)]; !ok {
					t.Errorf("%s: %s points at missing part %s", rels, r.ID, r.Target)
				}
			}
		}
	})

	doc := parseDoc(t, parts["word/document.xml"])
	docXML := string(parts["word/document.xml"])

	t.Run("fonts", func(t *testing.T) {
		for _, f := range []string{fangsong, heiti, kaiti, xbsong} {
			if !strings.Contains(docXML, `w:eastAsia="`+f+`"`) {
				t.Errorf("document.xml has no w:eastAsia=%q", f)
			}
		}
		if len(doc.runs) == 0 {
			t.Fatal("no runs")
		}
		for _, r := range doc.runs {
			f := r.fonts
			if f == nil || f["eastAsia"] == "" || f["ascii"] != f["eastAsia"] || f["hAnsi"] != f["eastAsia"] || f["cs"] != f["eastAsia"] || f["hint"] != "eastAsia" {
				t.Errorf("run %q has rFonts %v, want all four fonts equal and hint eastAsia", r.text, f)
			}
		}
		// The first run of each paragraph shows the paragraph's font, size and weight.
		want := map[int]struct {
			font, size string
			bold       bool
		}{0: {xbsong, "44", false}, 1: {fangsong, "32", false}, 2: {heiti, "32", false}, 3: {kaiti, "32", false}, 4: {fangsong, "32", true}, 7: {kaiti, "28", false}}
		for _, r := range doc.runs {
			if w, ok := want[r.para]; ok {
				if r.fonts["eastAsia"] != w.font || r.size != w.size || r.bold != w.bold {
					t.Errorf("paragraph %d (%s): font %s size %s bold %v, want %+v", r.para, blocks[r.para].Kind, r.fonts["eastAsia"], r.size, r.bold, w)
				}
				delete(want, r.para)
			}
		}
	})

	t.Run("page", func(t *testing.T) {
		if !strings.Contains(docXML, `<w:pgSz w:w="11906" w:h="16838"/>`) {
			t.Error(`no <w:pgSz w:w="11906" w:h="16838"/>`)
		}
		mar := doc.elems["pgMar"]
		if len(mar) != 1 {
			t.Fatalf("%d pgMar elements, want 1", len(mar))
		}
		for side, v := range map[string]string{"top": "2098", "bottom": "1984", "left": "1588", "right": "1474"} {
			if mar[0][side] != v {
				t.Errorf("margin %s = %q, want %s", side, mar[0][side], v)
			}
		}
		refs := doc.elems["footerReference"]
		if len(refs) != 2 || refs[0]["type"] != "default" || refs[1]["type"] != "even" {
			t.Errorf("footer references %v, want default and even", refs)
		}
	})

	t.Run("spacing and indent", func(t *testing.T) {
		sp := doc.elems["spacing"]
		if len(sp) != len(blocks) {
			t.Fatalf("%d w:spacing for %d paragraphs", len(sp), len(blocks))
		}
		for i, a := range sp {
			if a["line"] != "579" || a["lineRule"] != "exact" {
				t.Errorf("paragraph %d spacing %v, want line 579 exact", i, a)
			}
		}
		if !strings.Contains(docXML, `w:line="579" w:lineRule="exact"`) {
			t.Error(`no w:line="579" w:lineRule="exact"`)
		}
		if !strings.Contains(docXML, `<w:ind w:firstLineChars="200" w:firstLine="640"/>`) {
			t.Error("no two-character first-line indent")
		}
		if !strings.Contains(docXML, `<w:jc w:val="center"/>`) {
			t.Error("title not centred")
		}
	})

	t.Run("highlight only on the mark", func(t *testing.T) {
		var marked []string
		for _, r := range doc.runs {
			if r.highlight != "" {
				if r.highlight != "yellow" {
					t.Errorf("highlight %q, want yellow", r.highlight)
				}
				marked = append(marked, r.text)
			}
		}
		if !reflect.DeepEqual(marked, []string{sampleMark}) {
			t.Errorf("highlighted runs %q, want just %q", marked, sampleMark)
		}
	})

	t.Run("text round-trips", func(t *testing.T) {
		if len(doc.paras) != len(blocks) {
			t.Fatalf("%d paragraphs, want %d", len(doc.paras), len(blocks))
		}
		for i, b := range blocks {
			if doc.paras[i] != b.Text {
				t.Errorf("paragraph %d = %q, want %q", i, doc.paras[i], b.Text)
			}
		}
		if strings.Contains(docXML, "<script>") {
			t.Error("raw <script> in document.xml")
		}
	})

	t.Run("footers", func(t *testing.T) {
		if !strings.Contains(string(parts["word/settings.xml"]), "<w:evenAndOddHeaders/>") {
			t.Error("settings.xml lacks w:evenAndOddHeaders")
		}
		for name, jc := range map[string]string{"word/footer1.xml": "right", "word/footer2.xml": "left"} {
			f := string(parts[name])
			for _, s := range []string{`<w:jc w:val="` + jc + `"/>`, `<w:ind w:` + jc + `="280"/>`, `<w:instrText xml:space="preserve"> PAGE </w:instrText>`,
				`<w:t xml:space="preserve">— </w:t>`, `<w:t xml:space="preserve"> —</w:t>`, `w:eastAsia="宋体"`, `<w:sz w:val="28"/>`} {
				if !strings.Contains(f, s) {
					t.Errorf("%s lacks %s", name, s)
				}
			}
		}
	})

	t.Run("font table", func(t *testing.T) {
		var ft struct {
			Fonts []struct {
				Name    string `xml:"name,attr"`
				AltName struct {
					Val string `xml:"val,attr"`
				} `xml:"altName"`
				Charset struct {
					Val string `xml:"val,attr"`
				} `xml:"charset"`
			} `xml:"font"`
		}
		if err := xml.Unmarshal(parts["word/fontTable.xml"], &ft); err != nil {
			t.Fatal(err)
		}
		alt := map[string]string{}
		for _, f := range ft.Fonts {
			alt[f.Name] = f.AltName.Val
			if f.Charset.Val != "86" {
				t.Errorf("font %s charset %q, want 86 (GB2312)", f.Name, f.Charset.Val)
			}
		}
		for name, want := range map[string]string{fangsong: "仿宋", kaiti: "楷体", xbsong: "宋体"} {
			if alt[name] != want {
				t.Errorf("font %s altName %q, want %q", name, alt[name], want)
			}
		}
		for _, name := range []string{heiti, "宋体"} {
			if _, ok := alt[name]; !ok {
				t.Errorf("font table lacks %s", name)
			}
		}
	})

	t.Run("core title", func(t *testing.T) {
		var core struct {
			Title string `xml:"title"`
		}
		if err := xml.Unmarshal(parts["docProps/core.xml"], &core); err != nil {
			t.Fatal(err)
		}
		if core.Title != sampleTitle {
			t.Errorf("core title %q, want %q", core.Title, sampleTitle)
		}
	})
}

func TestWriteEscapesEverywhere(t *testing.T) {
	// A title with markup must not break core.xml either; a newline becomes <w:br/>.
	blocks := []Block{{Kind: Title, Text: `A<b>&"'` + "\n第二行"}, {Kind: Heading, Level: 9, Text: "深层标题"}, {Kind: Paragraph, Text: "控制字符\x01"}}
	parts := writeParts(t, blocks)
	for name, data := range parts {
		wellFormed(t, name, data)
	}
	doc := parseDoc(t, parts["word/document.xml"])
	want := []string{blocks[0].Text, blocks[1].Text, "控制字符\uFFFD"}
	if !reflect.DeepEqual(doc.paras, want) {
		t.Errorf("paragraphs %q, want %q", doc.paras, want)
	}
	if doc.runs[len(doc.runs)-2].fonts["eastAsia"] != fangsong || !doc.runs[len(doc.runs)-2].bold {
		t.Error("a heading level above 3 should be laid out as level 3")
	}
}

func TestWriteDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, sample()); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same blocks differ")
	}
}

func TestFromMarkdown(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want []Block
	}{
		{"empty", "\n  \n", nil},
		{"title", "# 岚湖县教育局2024年工作总结\n", []Block{{Kind: Title, Text: "岚湖县教育局2024年工作总结"}}},
		{"headings", "## 一、主要工作\n### （一）办学条件\n#### 1.学校建设\n##### （1）细项",
			[]Block{{Kind: Heading, Level: 1, Text: "一、主要工作"}, {Kind: Heading, Level: 2, Text: "（一）办学条件"},
				{Kind: Heading, Level: 3, Text: "1.学校建设"}, {Kind: Heading, Level: 3, Text: "（1）细项"}}},
		{"note", "> 【离线草稿】请核对。\n>不带空格", []Block{{Kind: Note, Text: "【离线草稿】请核对。"}, {Kind: Note, Text: "不带空格"}}},
		{"bold stripped", "**重点**工作扎实推进。", []Block{{Text: "重点工作扎实推进。"}}},
		{"bold heading", "## **二、存在问题**", []Block{{Kind: Heading, Level: 1, Text: "二、存在问题"}}},
		{"hash without space is text", "#1号文件已下发。", []Block{{Text: "#1号文件已下发。"}}},
		{"empty heading skipped", "##\n正文", []Block{{Text: "正文"}}},
		{"rules skipped", "---\n***\n正文", []Block{{Text: "正文"}}},
		{"crlf and indent", "# 标题\r\n\r\n　　全角空格缩进的正文。\r\n", []Block{{Kind: Title, Text: "标题"}, {Text: "全角空格缩进的正文。"}}},
		{"mark kept", "在校生【待核实：9350人】。", []Block{{Text: "在校生【待核实：9350人】。"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FromMarkdown(tt.md); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("FromMarkdown(%q) = %+v, want %+v", tt.md, got, tt.want)
			}
		})
	}
}

func TestSplitMarks(t *testing.T) {
	tests := []struct {
		in   string
		want []segment
	}{
		{"", nil},
		{"无标记", []segment{{"无标记", false}}},
		{"共【待核实：9350人】名", []segment{{"共", false}, {"【待核实：9350人】", true}, {"名", false}}},
		{"【待核实】", []segment{{"【待核实】", true}}},
		{"【待核实：【原文】有误】后", []segment{{"【待核实：【原文】有误】", true}, {"后", false}}},
		{"【注】与【待核实：1】【待核实：2】", []segment{{"【注】与", false}, {"【待核实：1】", true}, {"【待核实：2】", true}}},
		{"未闭合【待核实：3", []segment{{"未闭合", false}, {"【待核实：3", true}}},
	}
	for _, tt := range tests {
		if got := splitMarks(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitMarks(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestGoldenDocument(t *testing.T) {
	blocks := FromMarkdown("# 工作总结\n\n> 说明\n\n## 一、基本情况\n\n在校生【待核实：9350人】，<较>上年增长。\n")
	got := writeParts(t, blocks)["word/document.xml"]
	golden := filepath.Join("testdata", "document.golden.xml")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("document.xml differs from %s (run with -update if the change is intended):\n%s", golden, got)
	}
}

// TestRenderWithLibreOffice converts the sample to PDF, to check that a real
// word processor opens it and renders the Chinese text. Opt-in because it
// needs LibreOffice and CJK fonts (about 170 MB of packages). Set
// ZONGJIE_RENDER_DIR to keep the .docx and .pdf for looking at.
func TestRenderWithLibreOffice(t *testing.T) {
	if os.Getenv("ZONGJIE_RENDER") != "1" {
		t.Skip("set ZONGJIE_RENDER=1 to render with LibreOffice")
	}
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not on PATH")
	}
	dir := os.Getenv("ZONGJIE_RENDER_DIR")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	// No Windows fonts exist on Linux: alias the official names to free CJK
	// fonts, or everything falls back to one sans face and headings look alike.
	conf := `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>`
	for name, sub := range map[string]string{xbsong: "Noto Serif CJK SC", fangsong: "Noto Serif CJK SC", kaiti: "AR PL UKai CN", heiti: "Noto Sans CJK SC", "宋体": "Noto Serif CJK SC"} {
		conf += `<alias binding="same"><family>` + name + `</family><prefer><family>` + sub + `</family><family>Noto Serif CJK SC</family></prefer></alias>`
	}
	conf += `</fontconfig>`
	if err := os.MkdirAll(filepath.Join(home, ".config", "fontconfig"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, ".config", "fontconfig", "fonts.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}

	docx := filepath.Join(dir, "sample.docx")
	f, err := os.Create(docx)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(f, sample()); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, lo, "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "sample.pdf")
	if st, err := os.Stat(pdf); err != nil || st.Size() == 0 {
		t.Fatalf("no PDF: %v", err)
	}
	t.Logf("PDF: %s", pdf)

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext not found; not checking the PDF's text")
		return
	}
	out, err := exec.CommandContext(ctx, "pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// pdftotext may wrap or space CJK text, so compare without whitespace.
	text := strings.Join(strings.Fields(string(out)), "")
	for _, want := range []string{sampleTitle, "一、主要工作及成效", "<script>"} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), "")) {
			t.Errorf("PDF text lacks %q:\n%s", want, out)
		}
	}
	if fonts, err := exec.CommandContext(ctx, "pdffonts", pdf).Output(); err == nil {
		t.Logf("pdffonts:\n%s", fonts)
	}
}
