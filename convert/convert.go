// Package convert reads report files of every accepted type into bytes that
// corpus.Decode reads: plain text, Markdown, .docx, or text a tool extracted.
//
// Formats other than .txt, .md and .docx go through external programs, each
// optional and looked up on PATH: LibreOffice turns .doc, .wps, .rtf, .odt
// and .html into .docx (so Word numbering reaches the .docx reader), and
// pdftotext reads PDF, falling back to pdftoppm and tesseract OCR when a PDF
// is a scan without a text layer. Every run has a time limit, kills its
// whole process group when the limit passes, and works in a temporary
// folder removed afterwards. The CLI and the web upload both call Reader, so
// the list of accepted types and every rule about them live here once.
package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// route is how a file type is read.
type route int

const (
	asIs   route = iota // bytes go to corpus.Decode unchanged
	office              // LibreOffice → .docx
	page                // LibreOffice → .docx when installed, else as is (HTML is text too)
	pdf                 // pdftotext, OCR for scans
)

// formats are the accepted file types, in the order messages list them.
var formats = []struct {
	ext   string
	route route
}{
	{".txt", asIs}, {".md", asIs}, {".docx", asIs}, {".doc", office}, {".wps", office},
	{".rtf", office}, {".odt", office}, {".html", page}, {".htm", page}, {".pdf", pdf},
}

// Extensions lists the accepted file types, lower case with the dot.
func Extensions() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.ext
	}
	return out
}

// Accepts reports whether a file name has an accepted type.
func Accepts(name string) bool {
	_, ok := routeOf(name)
	return ok
}

// routeOf returns how a file of this name is read.
func routeOf(name string) (route, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, f := range formats {
		if f.ext == ext {
			return f.route, true
		}
	}
	return asIs, false
}

// Limits bound what one file may cost.
type Limits struct {
	// MaxFileBytes bounds the size of an input file.
	MaxFileBytes int64
	// OfficeTimeout bounds one LibreOffice conversion, start-up included.
	OfficeTimeout time.Duration
	// PDFTimeout bounds pdftotext on one file.
	PDFTimeout time.Duration
	// PageTimeout bounds rendering and recognising one scanned page.
	PageTimeout time.Duration
	// MaxOCRPages is the most pages of a scanned PDF that are recognised.
	MaxOCRPages int
	// MaxTextBytes bounds the text extracted from one file, and the size
	// of a converted .docx.
	MaxTextBytes int64
}

// DefaultLimits are limits for county report archives: reports are a few
// dozen pages; a scanned page took about 2 s to render and recognise on
// 2 shared cores.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:  50 << 20,
		OfficeTimeout: 2 * time.Minute,
		PDFTimeout:    time.Minute,
		PageTimeout:   time.Minute,
		MaxOCRPages:   60,
		MaxTextBytes:  16 << 20,
	}
}

// Reader reads report files within its limits.
type Reader struct {
	// Limits bound each file; the zero value means DefaultLimits.
	Limits Limits
}

// New returns a Reader with the default limits.
func New() *Reader { return &Reader{Limits: DefaultLimits()} }

// Extensions lists the accepted file types, as the package function does;
// the web server asks its Files for them.
func (r *Reader) Extensions() []string { return Extensions() }

// limits returns the Reader's limits, the defaults when unset.
func (r *Reader) limits() Limits {
	if r == nil || r.Limits == (Limits{}) {
		return DefaultLimits()
	}
	return r.Limits
}

// ReadFile reads the report file at path, converting it when its type
// needs a tool. Errors start with the path.
func (r *Reader) ReadFile(ctx context.Context, path string) ([]byte, error) {
	data, err := r.readFile(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

func (r *Reader) readFile(ctx context.Context, path string) ([]byte, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	rt, _ := routeOf(path)
	if rt != asIs {
		return r.convertPath(ctx, path, rt)
	}
	data, err := r.readRegular(path)
	if err != nil {
		return nil, err
	}
	// An old Word file saved as .txt, or a PDF without its extension.
	if rt = sniffBytes(data); rt != asIs {
		return r.convertPath(ctx, path, rt)
	}
	return data, nil
}

// CheckRegular refuses what is not a regular file, symbolic links
// resolved: a folder, a named pipe (reading it waits for a writer forever),
// a device such as /dev/zero (endless), a socket.
func CheckRegular(path string) error {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return errors.New("文件不存在")
	case err != nil:
		return fmt.Errorf("读取文件信息：%w", err)
	}
	return regularMode(st.Mode())
}

// regularMode says why a file of mode m is not read, nil for a regular file.
func regularMode(m fs.FileMode) error {
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return errors.New("是文件夹，不是文件")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("是命名管道（FIFO），不是普通文件，已跳过")
	case m&fs.ModeDevice != 0:
		return errors.New("是设备文件，不是普通文件，已跳过")
	case m&fs.ModeSocket != 0:
		return errors.New("是套接字，不是普通文件，已跳过")
	}
	return errors.New("不是普通文件，已跳过")
}

// readRegular reads a regular file of at most MaxFileBytes. The file is
// opened without waiting (a pipe put in its place after CheckRegular must
// not block), checked again once open, and read through a limit, so a file
// that grows or lies about its size still stops at the limit.
func (r *Reader) readRegular(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoWait, 0)
	if err != nil {
		return nil, fmt.Errorf("打开文件：%w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("读取文件信息：%w", err)
	}
	if err := regularMode(st.Mode()); err != nil {
		return nil, err
	}
	if err := r.checkSize(st.Size()); err != nil {
		return nil, err
	}
	return r.readLimited(f, st.Size())
}

// readLimited reads f to its end, failing past MaxFileBytes; size is the
// expected size, for one allocation.
func (r *Reader) readLimited(f io.Reader, size int64) ([]byte, error) {
	limit := r.limits().MaxFileBytes
	buf := bytes.NewBuffer(make([]byte, 0, min(size, limit)+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, fmt.Errorf("读取文件：%w", err)
	}
	if int64(buf.Len()) > limit {
		return nil, r.checkSize(int64(buf.Len()))
	}
	return buf.Bytes(), nil
}

// Convert returns the bytes of an uploaded file named name, converted when
// its type needs a tool (the data is written to a temporary folder for the
// tool). Errors do not name the file.
func (r *Reader) Convert(ctx context.Context, name string, data []byte) ([]byte, error) {
	if err := r.checkSize(int64(len(data))); err != nil {
		return nil, err
	}
	rt, _ := routeOf(name)
	if rt == asIs {
		rt = sniffBytes(data)
	}
	if rt == asIs {
		return data, nil
	}
	dir, err := os.MkdirTemp("", "zongjie-upload-")
	if err != nil {
		return nil, fmt.Errorf("保存上传文件：%w", err)
	}
	defer os.RemoveAll(dir)
	// A fixed name: the uploaded name is the user's, not a safe path.
	path := filepath.Join(dir, "upload"+strings.ToLower(filepath.Ext(name)))
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, fmt.Errorf("保存上传文件：%w", err)
	}
	return r.convertPath(ctx, path, rt)
}

// checkSize refuses an input file over the limit.
func (r *Reader) checkSize(n int64) error {
	if max := r.limits().MaxFileBytes; n > max {
		return fmt.Errorf("文件过大（%d MB），报告文件一般不超过 %d MB", n>>20, max>>20)
	}
	return nil
}

// convertPath reads the file at path by its route.
func (r *Reader) convertPath(ctx context.Context, path string, rt route) ([]byte, error) {
	switch rt {
	case office:
		return r.officeDocx(ctx, path)
	case page:
		if _, err := libreOffice.find(""); err != nil {
			return r.readRegular(path) // the parser strips the tags of HTML text
		}
		return r.officeDocx(ctx, path)
	case pdf:
		return r.pdfText(ctx, path)
	}
	return r.readRegular(path)
}

// Magic numbers of files whose name hides their type: Word 97–2003 and
// WPS files are OLE compound files; RTF starts with {\rtf.
var (
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	rtfMagic = []byte(`{\rtf`)
	pdfMagic = []byte("%PDF-")
)

// sniffBytes routes data by its magic number: an old Word file saved as
// .txt or without an extension is still read.
func sniffBytes(data []byte) route {
	switch {
	case bytes.HasPrefix(data, oleMagic), bytes.HasPrefix(data, rtfMagic):
		return office
	case bytes.HasPrefix(data, pdfMagic):
		return pdf
	}
	return asIs
}
