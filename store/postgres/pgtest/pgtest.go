// Package pgtest gives tests a PostgreSQL database of their own: the one
// named by ZONGJIE_TEST_POSTGRES, or else a throw-away cluster that it starts
// from Debian's postgresql package, listening only on a Unix socket in a
// temporary directory. Tests skip, saying so, where PostgreSQL is not
// installed.
package pgtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// EnvDSN names the environment variable that points the tests at a running
// server instead of a cluster of their own.
const EnvDSN = "ZONGJIE_TEST_POSTGRES"

// cluster is the server of this test binary, started on first use.
type cluster struct {
	once    sync.Once
	dir     string // temporary directory: data/, the socket, the log
	admin   string // DSN of the maintenance database
	skip    string // why there is no server, for t.Skip
	err     error  // why starting the server failed
	started bool   // whether this binary started it (and must stop it)
	runAs   []string
	bin     string
	seq     atomic.Int64
}

var the cluster

// DSN returns the DSN of a new, empty database for t, starting the cluster
// on first use; t is skipped when PostgreSQL is not installed.
func DSN(t testing.TB) string {
	t.Helper()
	c := &the
	c.once.Do(c.start)
	if c.skip != "" {
		t.Skip(c.skip)
	}
	if c.err != nil {
		t.Fatal(c.err)
	}
	name := fmt.Sprintf("zj_%d_%d", os.Getpid(), c.seq.Add(1))
	if err := c.exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 ENCODING 'UTF8'`); err != nil {
		t.Fatalf("创建测试数据库: %v", err)
	}
	t.Cleanup(func() { c.exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`) })
	return withDatabase(c.admin, name)
}

// Main runs the tests of m, then stops and removes the cluster if they
// started one: call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	the.stop()
	os.Exit(code)
}

// withDatabase replaces the database of a postgres:// DSN.
func withDatabase(dsn, name string) string {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return dsn
	}
	return fmt.Sprintf("postgres://%s@/%s?host=%s&port=%d", cfg.User, name, cfg.Host, cfg.Port) + password(cfg)
}

func password(cfg *pgx.ConnConfig) string {
	if cfg.Password == "" {
		return ""
	}
	return "&password=" + cfg.Password
}

// exec runs one statement in the maintenance database.
func (c *cluster) exec(sql string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// start finds or starts the server.
func (c *cluster) start() {
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		c.admin = dsn
		return
	}
	c.bin = findBin()
	if c.bin == "" {
		c.skip = "未安装 PostgreSQL（Debian 软件包 postgresql），跳过 PostgreSQL 测试 / PostgreSQL not installed (Debian package postgresql): skipped"
		return
	}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		if _, err := user.Lookup("postgres"); err != nil {
			c.skip = "以 root 运行但没有 postgres 用户，跳过 PostgreSQL 测试 / running as root without a postgres user: skipped"
			return
		}
		c.runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	c.err = c.initAndStart()
}

// initAndStart creates a cluster in a short temporary directory (a Unix
// socket path may hold about 107 bytes) and starts it.
func (c *cluster) initAndStart() error {
	dir, err := os.MkdirTemp("/tmp", "zjpg")
	if err != nil {
		return err
	}
	c.dir = dir
	if c.runAs != nil {
		if err := exec.Command("chown", "postgres:", dir).Run(); err != nil {
			return fmt.Errorf("chown %s: %w", dir, err)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := c.run(filepath.Join(c.bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200", dir)
	if out, err := c.run(filepath.Join(c.bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-o", opts, "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	c.started = true
	c.admin = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=5432", dir)
	return nil
}

// run runs a PostgreSQL program, as the postgres user when we are root.
func (c *cluster) run(name string, args ...string) ([]byte, error) {
	argv := append(append(append([]string{}, c.runAs...), name), args...)
	return exec.Command(argv[0], argv[1:]...).CombinedOutput()
}

// stop stops the cluster this binary started and removes its directory.
func (c *cluster) stop() {
	if c.started {
		c.run(filepath.Join(c.bin, "pg_ctl"), "-D", filepath.Join(c.dir, "data"), "-m", "immediate", "-w", "stop")
	}
	if c.dir != "" {
		os.RemoveAll(c.dir)
	}
}

// findBin returns the directory holding initdb, pg_ctl and postgres: the
// newest of /usr/lib/postgresql/*/bin (Debian keeps them off PATH), else
// the directory of initdb on PATH; "" when there is none.
func findBin() string {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if isExec(filepath.Join(d, "initdb")) && isExec(filepath.Join(d, "pg_ctl")) && isExec(filepath.Join(d, "postgres")) {
			return d
		}
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(real)
		}
	}
	return ""
}

// version is the major version in a /usr/lib/postgresql/N/bin path.
func version(dir string) int {
	var n int
	fmt.Sscanf(filepath.Base(filepath.Dir(dir)), "%d", &n)
	return n
}

func isExec(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0
}
