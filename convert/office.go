package convert

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// docxFilter is LibreOffice's .docx export filter, named in full: the plain
// "docx" finds no export filter for HTML, which opens in Writer/Web.
const docxFilter = "docx:MS Word 2007 XML"

// officeDocx converts the file at path to .docx with LibreOffice and
// returns the .docx bytes. Each run has its own profile folder, so
// conversions can run at the same time, and its own temporary folder,
// removed afterwards.
func (r *Reader) officeDocx(ctx context.Context, path string) ([]byte, error) {
	purpose := "读取 " + strings.ToLower(filepath.Ext(path)) + " 文件"
	bin, err := libreOffice.find(purpose)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("LibreOffice 转换：%w", err)
	}
	tmp, err := os.MkdirTemp("", "zongjie-office-")
	if err != nil {
		return nil, fmt.Errorf("LibreOffice 转换：%w", err)
	}
	defer os.RemoveAll(tmp)
	outDir := filepath.Join(tmp, "out")
	lim := r.limits()
	_, err = run(ctx, lim.OfficeTimeout, 1<<20, bin, "-env:UserInstallation="+fileURL(filepath.Join(tmp, "profile")),
		"--headless", "--norestore", "--nolockcheck", "--convert-to", docxFilter, "--outdir", outDir, abs)
	if err != nil {
		return nil, fmt.Errorf("LibreOffice 转换：%w", err)
	}
	return readConverted(filepath.Join(outDir, strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs))+".docx"), lim.MaxTextBytes)
}

// fileURL is the file: URL of an absolute path, escaped.
func fileURL(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

// readConverted reads LibreOffice's output, which is missing when it could
// not load the input (it still exits 0).
func readConverted(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, errors.New("LibreOffice 未能转换此文件（文件可能已损坏、加密或不是所标的格式）")
	}
	if err != nil {
		return nil, fmt.Errorf("读取 LibreOffice 转换结果：%w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("读取 LibreOffice 转换结果：%w", err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("LibreOffice 转换结果%w（%d MB）", errOutputTooLarge, max>>20)
	}
	return data, nil
}
