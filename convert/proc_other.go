//go:build !unix

package convert

import (
	"os/exec"
	"time"
)

// killGroup only bounds the wait where process groups are not available:
// cancelling kills the program itself.
func killGroup(cmd *exec.Cmd) {
	cmd.WaitDelay = 5 * time.Second
}

// openNoWait is not needed where there are no named pipes.
const openNoWait = 0
