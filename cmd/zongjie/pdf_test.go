package main

import (
	"os/exec"
	"strings"
	"testing"
)

func TestParsePDFWithPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils); the error path is tested below")
	}
	newEnv(t)
	r := mustZJ(t, "parse", testdataPath("report.pdf"))
	for _, want := range []string{"松潭区教育局2023年工作总结", "（一） 办学条件持续改善", "三、 2024年工作打算"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("parse of the PDF lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestParsePDFWithoutPdftotextSaysWhatToInstall(t *testing.T) {
	newEnv(t)
	t.Setenv("PATH", t.TempDir()) // no pdftotext anywhere
	r := zj(t, "parse", testdataPath("report.pdf"))
	if r.code == 0 || !strings.Contains(r.stderr, "pdftotext") || !strings.Contains(r.stderr, "poppler-utils") {
		t.Errorf("want a clear error naming pdftotext and its package, got %s", r)
	}
}
