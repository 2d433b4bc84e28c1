package convert

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// tool is an external program and the Debian packages that install it.
type tool struct {
	name     string
	packages string
	label    string // how messages name it, when not by its command name
}

// The tools convert uses.
var (
	libreOffice = tool{"soffice", "libreoffice-writer-nogui", "LibreOffice（soffice）"}
	pdftotext   = tool{"pdftotext", "poppler-utils", ""}
	pdftoppm    = tool{"pdftoppm", "poppler-utils", ""}
	tesseract   = tool{"tesseract", "tesseract-ocr tesseract-ocr-chi-sim", ""}
	chiSim      = tool{"chi_sim", "tesseract-ocr-chi-sim", "tesseract 的简体中文数据 chi_sim"}
)

// MissingToolError says which program reading a file needs and how to
// install it.
type MissingToolError struct {
	// Purpose is what the tool is for, e.g. "读取 PDF".
	Purpose string
	// Tool is the program's name; Packages the Debian packages to install.
	Tool, Packages string
}

// Error is the message users see, in one wording for every tool.
func (e *MissingToolError) Error() string {
	return fmt.Sprintf("%s需要 %s（Debian/Ubuntu：apt-get install %s），或先另存为 .docx/.txt", e.Purpose, e.Tool, e.Packages)
}

// find looks the tool up on PATH.
func (t tool) find(purpose string) (string, error) {
	bin, err := exec.LookPath(t.name)
	if err != nil {
		return "", t.missing(purpose)
	}
	return bin, nil
}

// missing is the error for a tool that is not installed.
func (t tool) missing(purpose string) error {
	name := t.label
	if name == "" {
		name = t.name
	}
	return &MissingToolError{Purpose: purpose, Tool: name, Packages: t.packages}
}

// quickTimeout bounds a tool asked a question, such as its version.
const quickTimeout = 30 * time.Second

// errOutputTooLarge is returned when a tool writes more than allowed.
var errOutputTooLarge = errors.New("输出超过上限")

// run runs a program with a time limit and returns its standard output,
// at most maxOut bytes. At the limit, or when the output grows past
// maxOut, the program's whole process group is killed (LibreOffice starts
// a child process that would outlive its parent).
func run(ctx context.Context, timeout time.Duration, maxOut int64, bin string, args ...string) ([]byte, error) {
	return runEnv(ctx, nil, timeout, maxOut, bin, args...)
}

// runEnv is run with variables added to the environment.
func runEnv(ctx context.Context, env []string, timeout time.Duration, maxOut int64, bin string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	killGroup(cmd)
	out := &cappedBuffer{max: maxOut, cancel: cancel}
	stderr := &cappedBuffer{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = out, stderr
	err := cmd.Run()
	switch {
	case out.over:
		return nil, fmt.Errorf("%s：%w（%d MB）", bin, errOutputTooLarge, maxOut>>20)
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("%s：超过时限 %s，已停止", bin, timeout)
	case err != nil:
		msg := strings.TrimSpace(stderr.buf.String())
		return nil, fmt.Errorf("%s 失败：%w %s", bin, err, msg)
	}
	return out.buf.Bytes(), nil
}

// cappedBuffer keeps up to max bytes; past that it drops the rest and
// calls cancel, which stops the program.
type cappedBuffer struct {
	buf    bytes.Buffer
	max    int64
	over   bool
	cancel func()
}

// Write stores p while there is room.
func (b *cappedBuffer) Write(p []byte) (int, error) {
	if room := b.max - int64(b.buf.Len()); int64(len(p)) > room {
		b.buf.Write(p[:max(room, 0)])
		if !b.over && b.cancel != nil {
			b.cancel()
		}
		b.over = true
		return len(p), nil
	}
	return b.buf.Write(p)
}
