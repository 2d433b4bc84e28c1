package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/zongjie/zongjie"
	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
)

// Config is the whole configuration, loaded once and passed down as values.
type Config struct {
	DB            string `mapstructure:"db"`
	StarterCorpus bool   `mapstructure:"starter_corpus"`
	LLM           struct {
		BaseURL       string        `mapstructure:"base_url"`
		Model         string        `mapstructure:"model"`
		APIKeyEnv     string        `mapstructure:"api_key_env"`
		APIKey        string        `mapstructure:"api_key"`
		Temperature   float32       `mapstructure:"temperature"`
		MaxTokens     int           `mapstructure:"max_tokens"`
		HeaderTimeout time.Duration `mapstructure:"header_timeout"`
		IdleTimeout   time.Duration `mapstructure:"idle_timeout"`
		CallTimeout   time.Duration `mapstructure:"call_timeout"`
		MaxWait       time.Duration `mapstructure:"max_wait"`
		WaitNotice    time.Duration `mapstructure:"wait_notice"`
		MaxRetries    int           `mapstructure:"max_retries"`
		Concurrency   int           `mapstructure:"concurrency"`
		Stream        bool          `mapstructure:"stream"`
	} `mapstructure:"llm"`
	Retrieval struct {
		K        int `mapstructure:"k"`
		MinChars int `mapstructure:"min_chars"`
		MaxChars int `mapstructure:"max_chars"`
	} `mapstructure:"retrieval"`
	Drafting struct {
		PromptsDir    string   `mapstructure:"prompts_dir"`
		FixedNumerals []string `mapstructure:"fixed_numerals"`
		// StarterExamples is auto, always or never: see draft.StarterPolicy.
		StarterExamples string `mapstructure:"starter_examples"`
	} `mapstructure:"drafting"`
	Continuity struct {
		MatchThreshold float64 `mapstructure:"match_threshold"`
	} `mapstructure:"continuity"`
	Serve struct {
		Addr        string `mapstructure:"addr"`
		MaxUploadMB int    `mapstructure:"max_upload_mb"`
		// AllowedHosts are Host names accepted without --token besides
		// loopback and the host of Addr.
		AllowedHosts []string `mapstructure:"allowed_hosts"`
	} `mapstructure:"serve"`
	Taxonomy struct {
		Fallback   string            `mapstructure:"fallback"`
		Categories []corpus.Category `mapstructure:"categories"`
	} `mapstructure:"taxonomy"`

	// File is the configuration file that was read, "" for none.
	File string `mapstructure:"-"`
	// Settings holds every key's effective value and where it came from,
	// in key order, for `zongjie config`.
	Settings []Setting `mapstructure:"-"`
}

// Setting is one configuration key's effective value and its origin.
type Setting struct {
	Key    string
	Value  any
	Source string // "命令行参数 --db", "环境变量 ZONGJIE_DB", "配置文件 …", "默认值"
}

// TaxonomyValue returns the configured taxonomy as the corpus type.
func (c Config) TaxonomyValue() corpus.Taxonomy {
	if len(c.Taxonomy.Categories) == 0 {
		return corpus.DefaultTaxonomy()
	}
	return corpus.Taxonomy{Categories: c.Taxonomy.Categories, Fallback: c.Taxonomy.Fallback}
}

// ExampleOptions are the example-selection options of the configuration
// with k examples (≤ 0: retrieval.k).
func (c Config) ExampleOptions(k int) draft.ExampleOptions {
	if k <= 0 {
		k = c.Retrieval.K
	}
	return draft.ExampleOptions{K: k, MinChars: c.Retrieval.MinChars, MaxChars: c.Retrieval.MaxChars,
		Starter: draft.StarterPolicy(c.Drafting.StarterExamples)}
}

// APIKey returns the model API key: ZONGJIE_LLM_API_KEY, else the variable
// named by llm.api_key_env.
func (c Config) APIKey() string {
	if c.LLM.APIKey != "" {
		return c.LLM.APIKey
	}
	if c.LLM.APIKeyEnv != "" {
		return os.Getenv(c.LLM.APIKeyEnv)
	}
	return ""
}

// APIKeySource names the environment variable the key of APIKey comes from,
// for error messages: ZONGJIE_LLM_API_KEY when that is set, else the
// variable named by llm.api_key_env ("" for a key from a config file).
func (c Config) APIKeySource() string {
	if c.LLM.APIKey != "" {
		if os.Getenv("ZONGJIE_LLM_API_KEY") != "" {
			return "ZONGJIE_LLM_API_KEY"
		}
		return ""
	}
	return c.LLM.APIKeyEnv
}

// loadConfig reads the embedded defaults, then the config file, then the
// environment, then the flags that were set on the command line.
func loadConfig(path string, flags *pflag.FlagSet) (Config, error) {
	base := viper.New()
	base.SetConfigType("yaml")
	if err := base.ReadConfig(bytes.NewReader(zongjie.DefaultConfig)); err != nil {
		return Config{}, fmt.Errorf("读取内置默认配置: %w", err)
	}
	v := viper.New()
	// Every key needs a default, or values given only in the environment
	// never reach Unmarshal.
	for _, k := range base.AllKeys() {
		v.SetDefault(k, base.Get(k))
	}
	v.SetEnvPrefix("ZONGJIE")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_", "-", "_"))
	v.AutomaticEnv()

	file := path
	if file == "" {
		file = findConfigFile()
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			if path == "" && errors.Is(err, os.ErrNotExist) {
				file = ""
			} else {
				return Config{}, configFileError(file, err)
			}
		}
	}
	fromFlag := map[string]string{}
	if flags != nil {
		for flag, key := range map[string]string{"db": "db", "model": "llm.model", "base-url": "llm.base_url"} {
			if f := flags.Lookup(flag); f != nil && f.Changed {
				v.Set(key, f.Value.String())
				fromFlag[key] = "--" + flag
			}
		}
	}
	var cfg Config
	if err := v.Unmarshal(&cfg); err != nil {
		return Config{}, fmt.Errorf("解析配置: %w", err)
	}
	cfg.File = file
	policy, err := draft.ParseStarterPolicy(cfg.Drafting.StarterExamples)
	if err != nil {
		return Config{}, fmt.Errorf("配置有误: %w", err)
	}
	cfg.Drafting.StarterExamples = string(policy)
	if cfg.DB == "" {
		cfg.DB = defaultDBPath()
	}
	cfg.Settings = settings(v, base.AllKeys(), file, fromFlag)
	for i, st := range cfg.Settings {
		if st.Key == "db" {
			cfg.Settings[i].Value = dbName(cfg.DB)
		}
	}
	return cfg, nil
}

// settings lists every key with its effective value and origin: a flag,
// the environment, the file, else the built-in default.
func settings(v *viper.Viper, keys []string, file string, fromFlag map[string]string) []Setting {
	slices.Sort(keys)
	out := make([]Setting, 0, len(keys))
	for _, k := range keys {
		st := Setting{Key: k, Value: v.Get(k), Source: "默认值"}
		env := "ZONGJIE_" + strings.ToUpper(strings.NewReplacer(".", "_", "-", "_").Replace(k))
		switch {
		case fromFlag[k] != "":
			st.Source = "命令行参数 " + fromFlag[k]
		case os.Getenv(env) != "":
			st.Source = "环境变量 " + env
		case file != "" && v.InConfig(k):
			st.Source = "配置文件 " + file
		}
		out = append(out, st)
	}
	return out
}

// configFileError words a config file that cannot be read in Chinese, with
// the line of a YAML error.
func configFileError(file string, err error) error {
	data, rerr := os.ReadFile(file)
	if rerr != nil {
		return fmt.Errorf("读取配置文件 %s：%w", file, rerr)
	}
	if yerr := draft.YAMLSyntaxError(file, data); yerr != nil {
		return fmt.Errorf("配置文件有误：%w", yerr)
	}
	return fmt.Errorf("读取配置文件 %s：%w", file, err)
}

// findConfigFile looks in the working directory, beside the binary, then in
// the user's config directory.
func findConfigFile() string {
	var candidates []string
	candidates = append(candidates, "config.yaml")
	if exe, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(exe), "config.yaml"))
	}
	if dir, err := os.UserConfigDir(); err == nil {
		candidates = append(candidates, filepath.Join(dir, "zongjie", "config.yaml"))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && !st.IsDir() {
			return c
		}
	}
	return ""
}

// defaultDBPath is a per-user data location, so the same database is used
// from any working directory.
func defaultDBPath() string {
	if runtime.GOOS == "windows" {
		if dir, err := os.UserConfigDir(); err == nil {
			return filepath.Join(dir, "zongjie", "zongjie.db")
		}
	}
	if dir := os.Getenv("XDG_DATA_HOME"); dir != "" {
		return filepath.Join(dir, "zongjie", "zongjie.db")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "zongjie", "zongjie.db")
	}
	return "zongjie.db"
}
