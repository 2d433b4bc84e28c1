//go:build unix

package convert

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// readWithin calls ReadFile and fails the test if it does not return in time.
func readWithin(t *testing.T, r *Reader, path string) ([]byte, error) {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := r.ReadFile(context.Background(), path)
		done <- result{data, err}
	}()
	select {
	case res := <-done:
		return res.data, res.err
	case <-time.After(10 * time.Second):
		t.Fatalf("ReadFile(%s) still reading after 10 s", path)
		return nil, nil
	}
}

func TestReadFileReadsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	report := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(report, []byte("青溪县教育局2024年工作总结"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pipe.txt", "pipe.pdf", "pipe.doc"} {
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	links := map[string]string{"zero.txt": "/dev/zero", "zero.pdf": "/dev/zero", "zero.md": "/dev/zero",
		"folder.txt": dir, "link.txt": report, "pipe-link.txt": filepath.Join(dir, "pipe.txt"), "dangling.txt": filepath.Join(dir, "nothing")}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		want string // in the error; "" for success
	}{
		{"report.txt", ""},
		{"link.txt", ""},
		{"pipe.txt", "命名管道"},
		{"pipe.pdf", "命名管道"},
		{"pipe.doc", "命名管道"},
		{"pipe-link.txt", "命名管道"},
		{"zero.txt", "设备文件"},
		{"zero.pdf", "设备文件"},
		{"zero.md", "设备文件"},
		{"folder.txt", "是文件夹"},
		{"dangling.txt", "文件不存在"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			data, err := readWithin(t, New(), path)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("ReadFile: %v", err)
			case tt.want == "" && !strings.Contains(string(data), "青溪县"):
				t.Fatalf("ReadFile = %q", data)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("ReadFile error %v, want one saying %q", err, tt.want)
			case tt.want != "" && !strings.HasPrefix(err.Error(), path+": "):
				t.Errorf("error %q does not start with the path", err)
			}
		})
	}
}

func TestReadFileStopsAtTheByteLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("教育", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	lim := DefaultLimits()
	lim.MaxFileBytes = 100
	r := &Reader{Limits: lim}
	if _, err := r.ReadFile(context.Background(), path); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("a file over the limit: %v", err)
	}
	// A file that grows after its size was checked still stops at the limit.
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := r.readLimited(f, 10); err == nil || !strings.Contains(err.Error(), "文件过大") {
		t.Errorf("reading past the limit: %v", err)
	}
}

func TestPDFTextIsLimitedInSizeAndTime(t *testing.T) {
	needTools(t, "pdftotext")
	pdf := filepath.Join("testdata", "report.pdf")
	lim := DefaultLimits()
	lim.MaxTextBytes = 64
	_, err := (&Reader{Limits: lim}).ReadFile(context.Background(), pdf)
	if !errors.Is(err, errOutputTooLarge) {
		t.Errorf("text over MaxTextBytes: %v", err)
	}
	lim = DefaultLimits()
	lim.PDFTimeout = time.Nanosecond
	_, err = (&Reader{Limits: lim}).ReadFile(context.Background(), pdf)
	if err == nil || !strings.Contains(err.Error(), "超过时限") {
		t.Errorf("pdftotext over PDFTimeout: %v", err)
	}
}
