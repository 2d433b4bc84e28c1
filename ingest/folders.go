package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/zongjie/zongjie/errkind"
)

// Expand turns paths into inputs: a file as itself, a folder as the report
// files below it (of an accepted type, sorted, hidden folders and Office
// lock files "~$…" left out). What cannot be read is returned as failed
// files. Entries that are not regular files are kept, for the Reader to
// refuse with its reason.
func (s *Service[P]) Expand(paths []string) (inputs []Input, failed []File) {
	exts := s.Reader.Extensions()
	for _, arg := range paths {
		st, err := os.Stat(arg)
		if err != nil {
			failed = append(failed, File{Name: arg, Err: errkind.New(errkind.NotFound, "文件不存在或无法读取")})
			continue
		}
		if !st.IsDir() {
			inputs = append(inputs, Path(arg))
			continue
		}
		found, bad := walk(arg, exts)
		inputs = append(inputs, found...)
		failed = append(failed, bad...)
	}
	return inputs, failed
}

// walk lists the report files below dir.
func walk(dir string, exts []string) (inputs []Input, failed []File) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			failed = append(failed, File{Name: p, Err: err})
			return nil
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), ".") && p != dir {
			return filepath.SkipDir
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), "~$") || !accepted(p, exts) {
			return nil
		}
		found = append(found, p)
		return nil
	})
	if err != nil && !errors.Is(err, fs.SkipAll) {
		failed = append(failed, File{Name: dir, Err: err})
	}
	sort.Strings(found)
	for _, p := range found {
		inputs = append(inputs, Path(p))
	}
	return inputs, failed
}

// accepted reports whether name has one of the extensions.
func accepted(name string, exts []string) bool {
	return slices.Contains(exts, strings.ToLower(filepath.Ext(name)))
}
