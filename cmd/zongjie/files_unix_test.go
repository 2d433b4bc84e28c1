//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fileReport is a small report in UTF-8.
const fileReport = `青溪县教育局2024年工作总结

2024年，全县教育系统坚持立德树人根本任务，各项工作取得新成效。现将有关情况总结如下。

一、加强党建引领
全年新发展党员8人，开展主题党日活动24次，党风廉政建设持续加强，基层党组织战斗堡垒作用进一步发挥。

二、加强师资队伍建设
招聘特岗教师72名，培训教师3100人次，师德师风建设扎实推进，教师队伍整体素质不断提升。
`

// TestIngestSkipsWhatIsNotARegularFile: a named pipe and a link to
// /dev/zero in a folder are each reported and skipped; the report beside
// them is stored, and ingest ends.
func TestIngestSkipsWhatIsNotARegularFile(t *testing.T) {
	e := newEnv(t)
	dir := filepath.Join(e.dir, "reports")
	e.write(t, "reports/2024年总结.txt", []byte(fileReport))
	if err := syscall.Mkfifo(filepath.Join(dir, "管道.txt"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "零.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(e.dir, "单个管道.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	r := zjCtx(t, ctx, "ingest", dir, filepath.Join(e.dir, "单个管道.txt"), "--json")
	if ctx.Err() != nil {
		t.Fatalf("ingest did not end: %s", r)
	}
	var sum ingestSummary
	decodeJSON(t, r, &sum)
	if r.code != 1 || sum.Added != 1 {
		t.Fatalf("want exit 1 with the report added: %s", r)
	}
	want := map[string]string{"管道.txt": "命名管道", "零.txt": "设备文件", "单个管道.txt": "命名管道"}
	for _, f := range sum.Failed {
		if w, ok := want[filepath.Base(f.Path)]; ok && strings.Contains(f.Error, w) {
			delete(want, filepath.Base(f.Path))
		}
	}
	if len(want) > 0 {
		t.Errorf("not reported: %v in %s", want, r)
	}
}

func TestParseRefusesALinkToDevZero(t *testing.T) {
	e := newEnv(t)
	link := e.path("零.txt")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	r := zj(t, "parse", link)
	if r.code == 0 || !strings.Contains(r.stderr, "设备文件") {
		t.Errorf("parse of a link to /dev/zero: %s", r)
	}
}
