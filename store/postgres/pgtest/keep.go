package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
)

// Kept is a cluster whose data directory outlives the test binary, for
// benchmark fixtures that take minutes to build: StartKept creates it in a
// directory the first time and starts it again from there later.
type Kept struct {
	c   cluster
	dir string
}

// StartKept starts the cluster kept in dir (creating it when dir/data is
// missing), listening only on a Unix socket in dir, with extra server
// options (such as "-c shared_buffers=1GB") added to those of the
// throw-away cluster. When ZONGJIE_TEST_POSTGRES is set it starts nothing
// and uses that server. It returns an error saying why when PostgreSQL is
// not installed.
func StartKept(dir, options string) (*Kept, error) {
	k := &Kept{dir: dir}
	if dsn := os.Getenv(EnvDSN); dsn != "" {
		k.c.admin = dsn
		return k, nil
	}
	k.c.bin = findBin()
	if k.c.bin == "" {
		return nil, errors.New("未安装 PostgreSQL（Debian 软件包 postgresql） / PostgreSQL not installed")
	}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("postgres"); err != nil {
			return nil, errors.New("以 root 运行但没有 postgres 用户 / running as root without a postgres user")
		}
		k.c.runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	if err := k.start(options); err != nil {
		return nil, fmt.Errorf("启动 PostgreSQL（%s）: %w", dir, err)
	}
	return k, nil
}

// start creates the cluster unless it exists, then starts it.
func (k *Kept) start(options string) error {
	if err := os.MkdirAll(k.dir, 0o755); err != nil {
		return err
	}
	if k.c.runAs != nil {
		if err := exec.Command("chown", "postgres:", k.dir).Run(); err != nil {
			return fmt.Errorf("chown %s: %w", k.dir, err)
		}
	}
	data := filepath.Join(k.dir, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); err != nil {
		os.RemoveAll(data)
		if out, err := k.c.run(filepath.Join(k.c.bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"); err != nil {
			return fmt.Errorf("initdb: %v\n%s", err, out)
		}
	}
	// A run killed before it stopped the server leaves its pid file.
	k.c.run(filepath.Join(k.c.bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 %s", k.dir, options)
	if out, err := k.c.run(filepath.Join(k.c.bin, "pg_ctl"), "-D", data, "-l", filepath.Join(k.dir, "log"), "-o", opts, "-w", "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(k.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, log)
	}
	k.c.started = true
	k.c.admin = fmt.Sprintf("postgres://postgres@/postgres?host=%s&port=5432", k.dir)
	return nil
}

// DSN returns the DSN of database name on the cluster.
func (k *Kept) DSN(name string) string { return withDatabase(k.c.admin, name) }

// Exec runs one statement in the maintenance database.
func (k *Kept) Exec(sql string) error { return k.c.exec(sql) }

// Stop stops the server if StartKept started it, keeping its data.
func (k *Kept) Stop() {
	if k.c.started {
		k.c.run(filepath.Join(k.c.bin, "pg_ctl"), "-D", filepath.Join(k.dir, "data"), "-m", "fast", "-w", "stop")
		k.c.started = false
	}
}

// Stop stops and removes the throw-away cluster, if this binary started
// one: what Main does after the tests, for a TestMain with more to do.
func Stop() { the.stop() }
