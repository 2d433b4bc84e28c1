package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// maxReportBytes bounds what we read of one file: reports are small, and a
// stray video in a folder should not be loaded into memory.
const maxReportBytes = 50 << 20

// readReport reads a report file. PDF is converted with pdftotext (poppler)
// when it is installed.
func readReport(ctx context.Context, path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: 文件不存在", path)
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s: 是文件夹，不是文件", path)
	}
	if st.Size() > maxReportBytes {
		return nil, fmt.Errorf("%s: 文件过大（%d MB），报告文件一般不超过 %d MB", path, st.Size()>>20, maxReportBytes>>20)
	}
	if strings.EqualFold(filepath.Ext(path), ".pdf") {
		return pdfText(ctx, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// pdfText runs pdftotext and returns UTF-8 text with the spaces poppler puts
// between Chinese and Latin text left for the parser to remove.
func pdfText(ctx context.Context, path string) ([]byte, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return nil, fmt.Errorf("%s: 读取 PDF 需要 pdftotext（Debian/Ubuntu：apt-get install poppler-utils），或先另存为 .docx/.txt", path)
	}
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-eol", "unix", path, "-")
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: pdftotext 失败：%v %s", path, err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}
