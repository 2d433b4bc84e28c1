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
