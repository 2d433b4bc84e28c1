package main

// End-to-end tests of the zongjie command, driven in-process through run().
// Every test gets its own data, config and working directory, clears the
// ZONGJIE_* variables and never touches the network: models are played by
// llm/llmtest servers on 127.0.0.1.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pkgDir is this package's directory, taken before any test changes the
// working directory.
var pkgDir = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return wd
}()

// repoPath resolves a path relative to the repository root.
func repoPath(rel string) string { return filepath.Join(pkgDir, "..", "..", rel) }

// testdataPath resolves a path under this package's testdata.
func testdataPath(rel string) string { return filepath.Join(pkgDir, "testdata", rel) }

// result is one run of the command.
type result struct {
	code           int
	stdout, stderr string
}

func (r result) String() string {
	return "exit " + itoa(r.code) + "\n--- stdout ---\n" + clip(r.stdout) + "\n--- stderr ---\n" + clip(r.stderr)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func clip(s string) string {
	if r := []rune(s); len(r) > 3000 {
		return string(r[:3000]) + "…"
	}
	return s
}

// zj runs the command with args, as the binary would.
func zj(t *testing.T, args ...string) result {
	t.Helper()
	return zjCtx(t, context.Background(), args...)
}

func zjCtx(t *testing.T, ctx context.Context, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(ctx, args, strings.NewReader(""), &out, &errb)
	return result{code, out.String(), errb.String()}
}

// mustZJ runs the command and fails the test unless it exits 0.
func mustZJ(t *testing.T, args ...string) result {
	t.Helper()
	r := zj(t, args...)
	if r.code != 0 {
		t.Fatalf("zongjie %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// decodeJSON decodes a command's JSON output into v.
func decodeJSON(t *testing.T, r result, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.stdout), v); err != nil {
		t.Fatalf("output is not valid JSON (%v): %s", err, r)
	}
}

// llmVars are every variable that could point the program at a model or a
// database outside the test.
var llmVars = []string{
	"ZONGJIE_DB", "ZONGJIE_STARTER_CORPUS",
	"ZONGJIE_LLM_BASE_URL", "ZONGJIE_LLM_MODEL", "ZONGJIE_LLM_API_KEY", "ZONGJIE_LLM_API_KEY_ENV",
	"ZONGJIE_LLM_MAX_RETRIES", "ZONGJIE_LLM_CONCURRENCY", "ZONGJIE_LLM_STREAM",
	"ZONGJIE_LLM_HEADER_TIMEOUT", "ZONGJIE_LLM_CALL_TIMEOUT", "ZONGJIE_DRAFTING_PROMPTS_DIR",
	"ZONGJIE_LLM_IDLE_TIMEOUT", "ZONGJIE_LLM_MAX_WAIT", "ZONGJIE_LLM_WAIT_NOTICE",
	"ZONGJIE_DRAFTING_STARTER_EXAMPLES",
	"OPENAI_API_KEY",
}

// testEnv is one test's private world.
type testEnv struct {
	dir  string // the test's temp dir
	work string // the working directory
	db   string // where the default database lands
}

// newEnv isolates the test: its own XDG data and config dirs (so the default
// database is private and no user config.yaml is found), a working directory
// without config.yaml, and no model configured.
func newEnv(t *testing.T) testEnv {
	t.Helper()
	dir := t.TempDir()
	e := testEnv{dir: dir, work: filepath.Join(dir, "work"), db: filepath.Join(dir, "data", "zongjie", "zongjie.db")}
	if err := os.MkdirAll(e.work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("HOME", dir)
	for _, k := range llmVars {
		t.Setenv(k, "") // viper treats an empty variable as unset
	}
	t.Chdir(e.work)
	return e
}

// path returns a path inside the test's temp dir.
func (e testEnv) path(name string) string { return filepath.Join(e.dir, name) }

// write creates a file in the test's temp dir and returns its path.
func (e testEnv) write(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := e.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// copyRepo copies a file of the repository (src, from its root) into the
// test's directory as name.
func (e testEnv) copyRepo(t *testing.T, src, name string) string {
	t.Helper()
	data, err := os.ReadFile(repoPath(src))
	if err != nil {
		t.Fatal(err)
	}
	return e.write(t, name, data)
}

// seedFiles returns the shared seed reports, skipping the test when
// ../shared is not there (a plain clone).
func seedFiles(t *testing.T) []string {
	t.Helper()
	dir := filepath.Join(pkgDir, "..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no seeds in %s (../shared is absent): skipping", dir)
	}
	return files
}

// ingestSeeds loads the seeds into the test's database.
func ingestSeeds(t *testing.T) {
	t.Helper()
	r := mustZJ(t, append([]string{"ingest", "--json"}, seedFiles(t)...)...)
	var sum ingestSummary
	decodeJSON(t, r, &sum)
	if sum.Added != 7 {
		t.Fatalf("ingesting the seeds added %d documents, want 7: %s", sum.Added, r)
	}
}

// factsFile is the facts of 岚湖县 (a county no corpus report is about),
// copied from examples/facts-2024.yaml.
func factsFile() string { return testdataPath("facts-lanhu.yaml") }

// corpusCounties are the places the starter corpus and the seeds are about.
var corpusCounties = []string{"云岭", "青禾", "松潭", "澄江湾", "白石滩", "桐溪", "鹤鸣", "枫林", "梅岗", "麓溪", "清丰", "溆浦", "梧溪", "鹤栖"}

// TestConfigPrecedence proves flags > environment > config file > default
// for the database path, and how the config file is found.
func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name      string
		file      string // "flag": --config FILE; "cwd": ./config.yaml; "": none
		env, flag bool
		want      string // "A" file, "B" env, "C" flag, "default"
	}{
		{"flag beats env and file", "flag", true, true, "C"},
		{"env beats file", "flag", true, false, "B"},
		{"file beats default", "flag", false, false, "A"},
		{"config.yaml in the working directory is found", "cwd", false, false, "A"},
		{"env beats a found config.yaml", "cwd", true, false, "B"},
		{"flag alone", "", false, true, "C"},
		{"nothing set: per-user default", "", false, false, "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			paths := map[string]string{"A": e.path("a/A.db"), "B": e.path("b/B.db"), "C": e.path("c/C.db"), "default": e.db}
			args := []string{"docs", "--json"}
			cfg := "db: " + paths["A"] + "\n"
			switch tt.file {
			case "flag":
				args = append(args, "--config", e.write(t, "conf/zongjie.yaml", []byte(cfg)))
			case "cwd":
				if err := os.WriteFile(filepath.Join(e.work, "config.yaml"), []byte(cfg), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if tt.env {
				t.Setenv("ZONGJIE_DB", paths["B"])
			}
			if tt.flag {
				args = append(args, "--db", paths["C"])
			}
			mustZJ(t, args...)
			for name, p := range paths {
				_, err := os.Stat(p)
				if exists := err == nil; exists != (name == tt.want) {
					t.Errorf("database %s (%s) exists=%v, want the database at %s only", name, p, exists, tt.want)
				}
			}
		})
	}

	t.Run("missing --config file is an error naming it", func(t *testing.T) {
		e := newEnv(t)
		r := zj(t, "docs", "--config", e.path("nope.yaml"))
		if r.code == 0 || !strings.Contains(r.stderr, "nope.yaml") {
			t.Errorf("want a failure naming nope.yaml: %s", r)
		}
	})
}
