package store_test

import (
	"reflect"
	"testing"

	"github.com/zongjie/zongjie/store"
)

func TestParseQuery(t *testing.T) {
	tests := map[string]struct {
		match  string
		verify []string
	}{
		"教育局":                        {match: `"教育 育局"`},
		"党建 资助":                      {match: `"党建" AND "资助"`},
		"教育-局":                       {match: `"教育"`, verify: []string{"局"}},
		"存在问题:":                      {match: `"存在 在问 问题"`},
		"NOT 计划":                     {match: `"not" AND "计划"`},
		`"AND OR ( * NEAR`:           {match: `"and" AND "or" AND "near"`},
		"2024年":                      {match: `"2024 年" *`},
		"第3条":                        {match: `"3 条" *`, verify: []string{"第3条"}},
		"校":                          {verify: []string{"校"}},
		"*":                          {},
		"":                           {},
		"'; DROP TABLE sections; --": {match: `"drop" AND "table" AND "sections"`},
	}
	for in, want := range tests {
		match, verify := store.ParseQuery(in)
		if match != want.match || !reflect.DeepEqual(verify, want.verify) {
			t.Errorf("ParseQuery(%q) = %q, %q; want %q, %q", in, match, verify, want.match, want.verify)
		}
	}
}
