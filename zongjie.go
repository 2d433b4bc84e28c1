// Package zongjie holds what the whole program shares at the top of the
// module: the checked-in default configuration, embedded so the binary works
// without any file beside it.
package zongjie

import _ "embed"

// DefaultConfig is config.yaml as checked in: every key with its default.
//
//go:embed config.yaml
var DefaultConfig []byte
