package main

import (
	"strings"
	"testing"
)

// ownTeachersReport is a report of the user's own with a 师资 section and no
// 安全 one.
const ownTeachersReport = `岚湖县教育局2024年工作总结

一、加强教师队伍建设
全年招聘特岗教师80名，公开招聘教师50名。组织教师参加国培省培1200人次，开展县级培训3000余人次，评选县级骨干教师120名，教师队伍结构进一步优化，乡村教师待遇保障落实到位，城乡教师交流轮岗有序开展。
`

// The built-in sample reports leave the examples of a category once the
// user has a report of their own in it (drafting.starter_examples), and
// examples --explain explains without --facts.
func TestExamplesStarterPolicyAndExplainWithoutFacts(t *testing.T) {
	e := newEnv(t)
	mustZJ(t, "ingest", e.write(t, "我局/2024.txt", []byte(ownTeachersReport)))
	tests := []struct {
		name        string
		env         string // ZONGJIE_DRAFTING_STARTER_EXAMPLES
		category    string
		wantOwn     bool // an example from the user's report
		wantBuiltin bool // an example from 内置范文
		note        string
	}{
		{"default auto, own 师资 report", "", "师资", true, false, "“师资”类已有本单位报告，内置范文不再作范文"},
		{"default auto, no own 安全 report", "", "安全", false, true, "“安全”类尚无本单位报告，暂用内置范文"},
		{"always", "always", "师资", true, true, "内置范文也作范文，排在本单位报告之后"},
		{"never, no own 安全 report", "never", "安全", false, false, "内置范文不作范文（配置 drafting.starter_examples: never）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ZONGJIE_DRAFTING_STARTER_EXAMPLES", tt.env)
			var ex []exampleJSON
			decodeJSON(t, mustZJ(t, "examples", "--category", tt.category, "--json"), &ex)
			var own, builtin bool
			for _, x := range ex {
				own = own || !x.Builtin
				builtin = builtin || x.Builtin
				if x.Category != tt.category {
					t.Errorf("example of category %q, want %q", x.Category, tt.category)
				}
			}
			if own != tt.wantOwn || builtin != tt.wantBuiltin {
				t.Errorf("own %v, built-in %v; want %v, %v: %+v", own, builtin, tt.wantOwn, tt.wantBuiltin, ex)
			}
			if tt.wantOwn && (len(ex) == 0 || ex[0].Builtin) {
				t.Errorf("the user's own report does not come first: %+v", ex)
			}

			r := mustZJ(t, "examples", "--category", tt.category, "--explain")
			if !strings.Contains(r.stdout, tt.note) {
				t.Errorf("examples --explain does not say %q:\n%s", tt.note, r.stdout)
			}
			if len(ex) == 0 {
				if !strings.Contains(r.stdout, "没有可作范文的“"+tt.category+"”类段落") {
					t.Errorf("no examples, no message:\n%s", r.stdout)
				}
				return
			}
			// Without --facts every example still has its reasons.
			for _, w := range []string{"未给 --facts", "理由：类别：" + tt.category, "部分：总结", "长度", "年（同分时较新者优先）"} {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("examples --explain without --facts lacks %q:\n%s", w, r.stdout)
				}
			}
			if tt.wantOwn && !strings.Contains(r.stdout, "本单位报告（排在内置范文之前）") {
				t.Errorf("own report not named as such:\n%s", r.stdout)
			}
			if tt.wantBuiltin && !strings.Contains(r.stdout, "〔内置范文〕") {
				t.Errorf("built-in report not marked:\n%s", r.stdout)
			}
			assertNoEnglish(t, "examples --explain", strings.NewReplacer("drafting.starter_examples", "", "auto", "", "always", "", "never", "", "--facts", "").Replace(r.stdout))
		})
	}
}

func TestStarterExamplesConfig(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		name, file, env, want, wantErr string
	}{
		{"default", "", "", "auto", ""},
		{"from the file", "drafting:\n  starter_examples: never\n", "", "never", ""},
		{"from the environment", "", "ALWAYS", "always", ""},
		{"a wrong value", "drafting:\n  starter_examples: sometimes\n", "", "", "drafting.starter_examples 应为 auto、always 或 never"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ZONGJIE_DRAFTING_STARTER_EXAMPLES", tt.env)
			path := e.write(t, "cfg"+itoa(i)+".yaml", []byte("db: x.db\n"+tt.file))
			cfg, err := loadConfig(path, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Drafting.StarterExamples != tt.want || string(cfg.ExampleOptions(0).Starter) != tt.want {
				t.Errorf("drafting.starter_examples = %q (options %q), want %q", cfg.Drafting.StarterExamples, cfg.ExampleOptions(0).Starter, tt.want)
			}
		})
	}
}
