package convert

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAcceptsTheListedTypesOnly(t *testing.T) {
	for _, name := range []string{"a.txt", "b.MD", "c.docx", "d.DOC", "e.wps", "f.rtf", "g.odt", "h.html", "i.htm", "j.pdf"} {
		if !Accepts(name) {
			t.Errorf("Accepts(%q) = false", name)
		}
	}
	for _, name := range []string{"a.xlsx", "b.png", "c", "d.docx.bak"} {
		if Accepts(name) {
			t.Errorf("Accepts(%q) = true", name)
		}
	}
	if got := strings.Join(Extensions(), " "); got != ".txt .md .docx .doc .wps .rtf .odt .html .htm .pdf" {
		t.Errorf("Extensions() = %s", got)
	}
}

// pathWith sets PATH to a folder holding links to only the named tools.
func pathWith(t *testing.T, tools ...string) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range tools {
		bin, err := exec.LookPath(name)
		if err != nil {
			t.Skipf("%s is not installed", name)
		}
		if err := os.Symlink(bin, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
}

func TestMissingToolsAreNamedWithTheirPackage(t *testing.T) {
	cases := []struct {
		file, has      string
		want, packages string
	}{
		{"report.doc", "", "读取 .doc 文件需要 LibreOffice（soffice）", "libreoffice-writer-nogui"},
		{"report.rtf", "", "读取 .rtf 文件需要 LibreOffice（soffice）", "libreoffice-writer-nogui"},
		{"report.pdf", "", "读取 PDF 需要 pdftotext", "poppler-utils"},
		{"report-scan.pdf", "pdftotext", "识别扫描版 PDF 需要 pdftoppm", "poppler-utils"},
		{"report-scan.pdf", "pdftotext pdftoppm", "识别扫描版 PDF 需要 tesseract", "tesseract-ocr tesseract-ocr-chi-sim"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			pathWith(t, strings.Fields(c.has)...)
			_, err := New().ReadFile(context.Background(), filepath.Join("testdata", c.file))
			var missing *MissingToolError
			if !errors.As(err, &missing) {
				t.Fatalf("ReadFile(%s) = %v, want a MissingToolError", c.file, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, c.want) || !strings.Contains(msg, "apt-get install "+c.packages) || !strings.HasPrefix(msg, filepath.Join("testdata", c.file)+": ") {
				t.Errorf("message %q: want the path, %q and the package %q", msg, c.want, c.packages)
			}
		})
	}
}

func TestHTMLWithoutLibreOfficeIsReadAsText(t *testing.T) {
	pathWith(t)
	data, err := New().ReadFile(context.Background(), filepath.Join("testdata", "report.html"))
	if err != nil || !strings.Contains(string(data), "<title>青溪县教育局") {
		t.Errorf("ReadFile(report.html) without soffice: %v, %.80q", err, data)
	}
}

func TestOldWordFileUnderAnotherNameIsConverted(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("testdata", "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	pathWith(t)
	for _, name := range []string{"总结.txt", "总结"} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, doc, 0o600); err != nil {
			t.Fatal(err)
		}
		var missing *MissingToolError
		if _, err := New().ReadFile(context.Background(), path); !errors.As(err, &missing) {
			t.Errorf("%s holding a .doc: %v, want it sent to LibreOffice", name, err)
		}
	}
}

func TestUploadedBytesConvertLikeFiles(t *testing.T) {
	needTools(t, "soffice")
	doc, err := os.ReadFile(filepath.Join("testdata", "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := New().Convert(context.Background(), "../../年度总结.DOC", doc)
	if err != nil || !strings.HasPrefix(string(data), "PK") {
		t.Fatalf("Convert(.doc) = %.20q, %v; want .docx bytes", data, err)
	}
	txt := []byte("青溪县教育局2024年工作总结")
	if data, err := New().Convert(context.Background(), "a.txt", txt); err != nil || string(data) != string(txt) {
		t.Errorf("Convert(.txt) = %q, %v; want the bytes unchanged", data, err)
	}
}

func TestLimits(t *testing.T) {
	lim := DefaultLimits()
	lim.MaxFileBytes = 10
	if _, err := (&Reader{Limits: lim}).Convert(context.Background(), "a.txt", make([]byte, 11)); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("a file over MaxFileBytes: %v", err)
	}
	needTools(t, "pdftotext")
	lim = DefaultLimits()
	lim.MaxOCRPages = 1
	_, err := (&Reader{Limits: lim}).ReadFile(context.Background(), filepath.Join("testdata", "report-scan.pdf"))
	if err == nil || !strings.Contains(err.Error(), "共 2 页，超过文字识别上限 1 页") {
		t.Errorf("a scan over MaxOCRPages: %v", err)
	}
}

func TestCorruptOfficeFileFails(t *testing.T) {
	needTools(t, "soffice")
	path := filepath.Join(t.TempDir(), "坏文件.doc")
	if err := os.WriteFile(path, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := New().ReadFile(context.Background(), path); err == nil && strings.HasPrefix(string(data), "PK") {
		t.Logf("LibreOffice made a .docx of a broken file (%d bytes); the parser judges it", len(data))
	} else if err == nil {
		t.Errorf("a broken .doc gave %.40q and no error", data)
	}
}

func TestRunStopsAToolWritingTooMuch(t *testing.T) {
	yes, err := exec.LookPath("yes")
	if err != nil {
		t.Skip("no yes")
	}
	_, err = run(context.Background(), 10*time.Second, 1<<10, yes, "教育")
	if !errors.Is(err, errOutputTooLarge) {
		t.Errorf("run of a tool writing without end: %v", err)
	}
}
