package main

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/store"
)

// TestExitCode is the mapping of error kinds to exit statuses, with the
// errors that carry them.
func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"internal", errors.New("disk I/O error"), exitFailed},
		{"invalid", invalid("报告编号应为数字：%q", "x"), exitInvalid},
		{"facts file", &draft.FactsError{Name: "f.yaml", Line: 3, Msg: "未知的键"}, exitInvalid},
		{"no such report", fmt.Errorf("读取文档 9: %w", store.ErrNotFound), exitNotFound},
		{"no such run", fmt.Errorf("继续草稿: %w", draft.ErrRunNotFound), exitNotFound},
		{"model unavailable", fmt.Errorf("起草“党建”: %w", draft.ErrModelUnavailable), exitUnavailable},
		{"key rejected", draft.ErrKeyRejected, exitUnavailable},
		{"conflict", errkind.New(errkind.Conflict, "已存在"), exitConflict},
		{"interrupted", fmt.Errorf("起草: %w", context.Canceled), exitInterrupted},
	}
	for _, tt := range tests {
		if got := exitCode(tt.err); got != tt.want {
			t.Errorf("%s: exit %d, want %d", tt.name, got, tt.want)
		}
	}
}

// TestExitCodesOfCommands: the kinds reach the exit status of real
// commands.
func TestExitCodesOfCommands(t *testing.T) {
	newEnv(t)
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"show"}, exitInvalid},
		{[]string{"show", "abc"}, exitInvalid},
		{[]string{"show", "99999"}, exitNotFound},
		{[]string{"draft", "--resume", "99999"}, exitNotFound},
		{[]string{"log", "show", "99999"}, exitNotFound},
		{[]string{"draft", "--facts", "nosuch.yaml"}, exitInvalid},
		{[]string{"search", "--nosuchflag"}, exitInvalid},
	}
	for _, tt := range tests {
		if r := zj(t, tt.args...); r.code != tt.want {
			t.Errorf("%v: exit %d, want %d: %s", tt.args, r.code, tt.want, r)
		}
	}
}
