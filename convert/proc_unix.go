//go:build unix

package convert

import (
	"os/exec"
	"syscall"
	"time"
)

// killGroup starts the program in its own process group and makes
// cancelling kill the whole group, children included.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	// A child that kept the output pipes open must not hold Wait forever.
	cmd.WaitDelay = 5 * time.Second
}

// openNoWait opens a named pipe without waiting for a writer; it does
// nothing to regular files.
const openNoWait = syscall.O_NONBLOCK
