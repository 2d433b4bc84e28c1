package convert

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"unicode"
)

// minHanPerPage is the fewest Han characters per page a PDF's text layer
// must hold; below it the PDF is taken for a scan and recognised. A scan's
// text layer is empty or holds a stamp or a page number.
const minHanPerPage = 20

// ocrDPI is the resolution pages are rendered at for OCR; tesseract reads
// Chinese best at 300 dpi.
const ocrDPI = "300"

// pdfText extracts the text of a PDF with pdftotext, and recognises it
// with OCR when the PDF has (almost) no text layer.
func (r *Reader) pdfText(ctx context.Context, path string) ([]byte, error) {
	bin, err := pdftotext.find("读取 PDF ")
	if err != nil {
		return nil, err
	}
	lim := r.limits()
	text, err := run(ctx, lim.PDFTimeout, lim.MaxTextBytes, bin, "-enc", "UTF-8", "-eol", "unix", path, "-")
	if err != nil {
		return nil, fmt.Errorf("读取 PDF：%w", err)
	}
	// pdftotext ends every page with a form feed.
	pages := max(bytes.Count(text, []byte{'\f'}), 1)
	if countHan(text) >= minHanPerPage*pages {
		return text, nil
	}
	return r.ocrPDF(ctx, path, pages)
}

// countHan counts the Han characters of UTF-8 text.
func countHan(text []byte) int {
	n := 0
	for _, r := range string(text) {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// ocrPDF renders each page of a scanned PDF and recognises its text,
// pages joined in order. The text then goes through the parser's OCR
// clean-up like any other text.
func (r *Reader) ocrPDF(ctx context.Context, path string, pages int) ([]byte, error) {
	lim := r.limits()
	if pages > lim.MaxOCRPages {
		return nil, fmt.Errorf("扫描版 PDF 共 %d 页，超过文字识别上限 %d 页；请拆分后再导入", pages, lim.MaxOCRPages)
	}
	render, ocr, err := ocrTools(ctx)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "zongjie-ocr-")
	if err != nil {
		return nil, fmt.Errorf("文字识别：%w", err)
	}
	defer os.RemoveAll(tmp)
	var out bytes.Buffer
	for p := 1; p <= pages; p++ {
		text, err := r.ocrPage(ctx, render, ocr, path, filepath.Join(tmp, "page"), p)
		if err != nil {
			return nil, fmt.Errorf("文字识别第 %d 页：%w", p, err)
		}
		if out.Len()+len(text) > int(lim.MaxTextBytes) {
			return nil, fmt.Errorf("文字识别：识别出的文字%w（%d MB）", errOutputTooLarge, lim.MaxTextBytes>>20)
		}
		out.Write(text)
		out.WriteByte('\n')
	}
	return out.Bytes(), nil
}

// ocrTools finds pdftoppm and tesseract with its Chinese data.
func ocrTools(ctx context.Context) (render, ocr string, err error) {
	const purpose = "识别扫描版 PDF "
	if render, err = pdftoppm.find(purpose); err != nil {
		return "", "", err
	}
	if ocr, err = tesseract.find(purpose); err != nil {
		return "", "", err
	}
	langs, err := run(ctx, quickTimeout, 1<<20, ocr, "--list-langs")
	if err != nil {
		return "", "", fmt.Errorf("tesseract --list-langs：%w", err)
	}
	if !bytes.Contains(langs, []byte("chi_sim")) {
		return "", "", chiSim.missing(purpose)
	}
	return render, ocr, nil
}

// ocrPage renders page p at 300 dpi to a PNG and recognises it as one
// block of simplified Chinese text (--psm 6: report pages are a single
// column; the default page segmentation lost lines of the test scan).
// The time limit covers both steps. Tesseract runs on one thread: its
// OpenMP threads made a page 2–3 times slower on 2 shared cores (measured).
func (r *Reader) ocrPage(ctx context.Context, render, ocr, path, prefix string, p int) ([]byte, error) {
	lim := r.limits()
	ctx, cancel := context.WithTimeout(ctx, lim.PageTimeout)
	defer cancel()
	n := strconv.Itoa(p)
	if _, err := run(ctx, lim.PageTimeout, 1<<20, render, "-r", ocrDPI, "-png", "-f", n, "-l", n, "-singlefile", path, prefix); err != nil {
		return nil, err
	}
	png := prefix + ".png"
	defer os.Remove(png)
	return runEnv(ctx, []string{"OMP_THREAD_LIMIT=1"}, lim.PageTimeout, lim.MaxTextBytes, ocr, png, "-", "-l", "chi_sim", "--psm", "6")
}
