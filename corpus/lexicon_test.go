package corpus

import (
	"strings"
	"testing"
)

// TestLexiconExamplesClaimNothing runs every entry of fixed_numerals.tsv: its
// example sentence, written as a report would use the phrase, holds no claim.
func TestLexiconExamplesClaimNothing(t *testing.T) {
	entries := lexicon()
	if len(entries) < 250 {
		t.Fatalf("lexicon has %d entries, want at least 250", len(entries))
	}
	for _, e := range entries {
		t.Run(e.phrase, func(t *testing.T) {
			if !strings.Contains(e.example, e.phrase) {
				t.Fatalf("example %q does not hold its phrase", e.example)
			}
			for _, sp := range Scan(e.example) {
				if sp.Claims() {
					t.Errorf("Scan(%q) claims %q (%s)", e.example, sp.Text, sp.Kind)
				}
			}
		})
	}
}
