package main

import (
	"context"

	"github.com/zongjie/zongjie/convert"
)

// readReport reads a report file of any accepted type (see convert): .doc,
// .wps, .rtf, .odt and .html through LibreOffice, PDF through pdftotext or
// OCR, each when installed. Errors start with the path.
func readReport(ctx context.Context, path string) ([]byte, error) {
	return convert.New().ReadFile(ctx, path)
}
