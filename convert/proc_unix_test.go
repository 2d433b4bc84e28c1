//go:build unix

package convert

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRunKillsTheProcessGroupAtTheTimeLimit(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	start := time.Now()
	// The child sleeps in the background, as soffice.bin runs under soffice.
	_, err := run(context.Background(), 300*time.Millisecond, 1<<10, "/bin/sh", "-c", "sleep 60 & echo $! > "+pidFile+"; wait")
	if err == nil || !strings.Contains(err.Error(), "超过时限") {
		t.Errorf("run past its limit: %v", err)
	}
	if d := time.Since(start); d > 4*time.Second {
		t.Errorf("run returned after %s", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	time.Sleep(100 * time.Millisecond)
	if alive(pid) {
		syscall.Kill(pid, syscall.SIGKILL)
		t.Errorf("the child process %d outlived the time limit", pid)
	}
}

// alive reports whether a process runs: a killed child whose new parent
// has not reaped it yet is a zombie, not alive.
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true // no /proc: trust kill
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) == 0 || fields[0] != "Z"
}

func TestOfficeTimeoutLeavesNoLibreOfficeRunning(t *testing.T) {
	needTools(t, "soffice")
	lim := DefaultLimits()
	lim.OfficeTimeout = 500 * time.Millisecond // soffice.bin has started by then
	data, err := os.ReadFile(filepath.Join("testdata", "report.doc"))
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(t.TempDir(), "timeout-probe.doc") // a name no other test converts
	if err := os.WriteFile(own, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = (&Reader{Limits: lim}).ReadFile(context.Background(), own)
	if err == nil {
		t.Skip("LibreOffice converted the file within 0.5 s; nothing was stopped")
	}
	if !strings.Contains(err.Error(), "超过时限") {
		t.Fatalf("LibreOffice past its limit: %v", err)
	}
	time.Sleep(200 * time.Millisecond)
	// Only this test's conversion counts: other packages' tests may be
	// converting files at the same time (go test ./... runs them in parallel).
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		cmdline, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(cmdline), "zongjie-office-") || !strings.Contains(string(cmdline), "timeout-probe") {
			continue
		}
		pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if alive(pid) {
			t.Errorf("a LibreOffice process outlived the time limit: %d %q", pid, strings.ReplaceAll(string(cmdline), "\x00", " "))
		}
	}
}
