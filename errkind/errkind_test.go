package errkind_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/zongjie/zongjie/errkind"
)

func TestOf(t *testing.T) {
	sentinel := errkind.New(errkind.NotFound, "没有这个草稿记录")
	tests := []struct {
		name string
		err  error
		want errkind.Kind
	}{
		{"plain", errors.New("x"), errkind.Internal},
		{"nil", nil, errkind.Internal},
		{"sentinel wrapped", fmt.Errorf("读取: %w", sentinel), errkind.NotFound},
		{"marked", errkind.Mark(errkind.Invalid, errors.New("格式错误")), errkind.Invalid},
		{"outermost wins", errkind.Mark(errkind.Conflict, fmt.Errorf("a: %w", sentinel)), errkind.Conflict},
	}
	for _, tt := range tests {
		if got := errkind.Of(tt.err); got != tt.want {
			t.Errorf("%s: Of = %v, want %v", tt.name, got, tt.want)
		}
	}
	if !errors.Is(fmt.Errorf("x: %w", sentinel), sentinel) {
		t.Error("a sentinel is not found by errors.Is")
	}
	if got := errkind.Mark(errkind.Invalid, errors.New("格式错误")).Error(); got != "格式错误" {
		t.Errorf("Mark changed the text: %q", got)
	}
	if errkind.Mark(errkind.Invalid, nil) != nil {
		t.Error("Mark(nil) is not nil")
	}
}
