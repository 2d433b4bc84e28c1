package main

import (
	"context"
	"io/fs"

	"github.com/zongjie/zongjie/convert"
)

// readReport reads a report file of any accepted type (see convert): .doc,
// .wps, .rtf, .odt and .html through LibreOffice, PDF through pdftotext or
// OCR, each when installed. Errors start with the path.
func readReport(ctx context.Context, path string) ([]byte, error) {
	return convert.New().ReadFile(ctx, path)
}

// regularEntry refuses a folder entry that is not a regular file, a
// symbolic link followed to its target: a named pipe would make ingest wait
// forever, a link to /dev/zero would read without end.
func regularEntry(path string, d fs.DirEntry) error {
	if d.Type().IsRegular() {
		return nil
	}
	return convert.CheckRegular(path)
}
