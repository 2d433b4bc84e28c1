package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

// TestParseJSONIsWrittenAsTheEncoderWould: parse --json writes one
// document at a time, byte for byte what encoding the whole result gives.
func TestParseJSONIsWrittenAsTheEncoderWould(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(pkgDir, "..", "..", "corpus", "testdata", "multi_document.txt"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := corpus.NewParser(corpus.DefaultTaxonomy()).Parse("multi<&>.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []corpus.Result{res, {Source: "a", Encoding: "utf-8"}, {Documents: []corpus.Document{}}} {
		var want, got bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		if err := writeResultJSON(&got, r); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("got\n%s\nwant\n%s", got.String(), want.String())
		}
	}
}
