package main

import (
	"context"
	"os"
	"runtime/debug"

	"github.com/zongjie/zongjie/convert"
)

// readReport reads a report file of any accepted type (see convert): .doc,
// .wps, .rtf, .odt and .html through LibreOffice, PDF through pdftotext or
// OCR, each when installed. Errors start with the path.
func readReport(ctx context.Context, path string) ([]byte, error) {
	return convert.New().ReadFile(ctx, path)
}

// readMemoryLimit is the soft limit on the Go heap while reading reports.
// A 50 MB text file holds about 100 MB live while it is parsed; ingest's
// GOGC=400 let the heap grow to five times that (580 MB measured) and long
// lines left freed memory unreturned (710 MB). Under the limit the collector
// runs sooner and gives memory back; small files never reach it.
const readMemoryLimit = 192 << 20

// limitMemory sets readMemoryLimit unless GOMEMLIMIT is set, and returns
// the function that restores the previous limit.
func limitMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(readMemoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}
