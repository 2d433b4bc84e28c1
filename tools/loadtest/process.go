package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// binaries are the programs under test, built from this repository.
type binaries struct{ zongjie, fakellm string }

// buildBinaries builds zongjie (with FTS5) and the fake model into dir. It
// must run from inside the repository.
func buildBinaries(ctx context.Context, dir string) (binaries, error) {
	b := binaries{zongjie: filepath.Join(dir, "zongjie"), fakellm: filepath.Join(dir, "fakellm")}
	for _, args := range [][]string{
		{"build", "-tags", "sqlite_fts5", "-o", b.zongjie, "github.com/zongjie/zongjie/cmd/zongjie"},
		{"build", "-o", b.fakellm, "github.com/zongjie/zongjie/web/e2e/fakellm"},
	} {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			return b, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	return b, nil
}

// ingest runs `zongjie ingest dir` to the end.
func ingest(ctx context.Context, zongjie string, env []string, dir string) error {
	cmd := exec.CommandContext(ctx, zongjie, "ingest", dir)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = filepath.Dir(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("zongjie ingest: %v\n%s", err, tail(string(out), 2000))
	}
	return nil
}

// process is a program this command started.
type process struct {
	cmd  *exec.Cmd
	done chan struct{}
}

// startProcess starts bin with args and waits up to 60 s for a line of its
// output that matches pattern, returning the pattern's first group.
func startProcess(ctx context.Context, bin string, env []string, pattern string, args ...string) (*process, string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Dir = filepath.Dir(bin)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	p := &process{cmd: cmd, done: make(chan struct{})}
	found := make(chan string, 1)
	go p.watch(out, regexp.MustCompile(pattern), found)
	select {
	case v := <-found:
		return p, v, nil
	case <-p.done:
		return nil, "", fmt.Errorf("%s 提前退出：%v", filepath.Base(bin), cmd.ProcessState)
	case <-time.After(60 * time.Second):
	case <-ctx.Done():
	}
	p.stop()
	return nil, "", fmt.Errorf("%s 没有在 60 秒内启动", filepath.Base(bin))
}

// watch reads the program's output, sends the first match, then drains
// the rest until the program ends.
func (p *process) watch(out io.Reader, re *regexp.Regexp, found chan<- string) {
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil && found != nil {
			found <- m[1]
			found = nil
		}
	}
	p.cmd.Wait()
	close(p.done)
}

// stop interrupts the program, kills it after 10 s, and waits for it.
func (p *process) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// peakRSS reads the peak resident memory (VmHWM) of process pid, in bytes.
func peakRSS(pid int) (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("/proc status 中没有 VmHWM")
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
