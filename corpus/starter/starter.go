// Package starter holds the built-in starter corpus: reports of fictional
// counties written for Zongjie, loaded into every new database so a fresh
// installation has examples to draft from.
package starter

import "embed"

// Files holds the reports as UTF-8 text files.
//
//go:embed *.txt
var Files embed.FS
