package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestServeAllowedHosts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(file, []byte("serve:\n  allowed_hosts: [zongjie.lan]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, env string
		want            []string
	}{
		{"default is none", "", "", nil},
		{"from the file", file, "", []string{"zongjie.lan"}},
		{"from the environment", "", "a.lan,192.168.1.20", []string{"a.lan", "192.168.1.20"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("ZONGJIE_SERVE_ALLOWED_HOSTS", tt.env)
			if tt.env == "" {
				os.Unsetenv("ZONGJIE_SERVE_ALLOWED_HOSTS")
			}
			path := tt.file
			if path == "" {
				path = filepath.Join(dir, "none.yaml")
				os.WriteFile(path, []byte("db: x.db\n"), 0o600)
			}
			cfg, err := loadConfig(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Serve.AllowedHosts) != len(tt.want) || !slices.Equal(cfg.Serve.AllowedHosts, tt.want) && len(tt.want) > 0 {
				t.Errorf("serve.allowed_hosts = %q, want %q", cfg.Serve.AllowedHosts, tt.want)
			}
		})
	}
}
