package main

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The command line in Chinese: cobra's help and usage text, its argument
// and flag errors, and the operating system's file errors.

const usageTemplate = `用法：{{if .Runnable}}
  {{if .HasParent}}{{.Parent.CommandPath}} {{end}}{{.Use}}{{if .HasAvailableFlags}} [选项]{{end}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} 命令 [选项]{{end}}{{if gt (len .Aliases) 0}}

别名：
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

示例：
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{zhFlagUsages .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

通用选项：
{{zhFlagUsages .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

用 “{{.CommandPath}} 命令 --help” 查看各命令的说明。{{end}}
`

const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}`

func init() {
	// cobra keeps template functions in a package map; registering once at
	// start-up is the only safe time to write it.
	cobra.AddTemplateFunc("zhFlagUsages", zhFlagUsages)
}

// flagTypeNames are Chinese placeholders for pflag's value type names.
var flagTypeNames = map[string]string{
	"string": "文字", "int": "数字", "int64": "数字", "uint": "数字", "float32": "数字", "float64": "数字",
	"duration": "时长", "strings": "列表", "stringSlice": "列表", "stringArray": "列表", "ints": "数字列表",
}

// zhFlagUsages lists flags like pflag's FlagUsages, with Chinese value
// placeholders and defaults, aligned by display width.
func zhFlagUsages(fs *pflag.FlagSet) string {
	var tb table
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "    "
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", "
		}
		left += "--" + f.Name
		name, usage := pflag.UnquoteUsage(f)
		if n, ok := flagTypeNames[name]; ok {
			name = n
		}
		if name != "" && f.Value.Type() != "bool" {
			left += " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" && d != "0s" {
			usage += "（默认 " + d + "）"
		}
		tb.add("  "+left, usage)
	})
	var b strings.Builder
	tb.write(&b)
	return strings.TrimRight(b.String(), "\n ")
}

// speakChinese sets the Chinese templates, help and version flags, help
// command and flag errors on the root command.
func speakChinese(root *cobra.Command) {
	root.SetUsageTemplate(usageTemplate)
	root.SetHelpTemplate(helpTemplate)
	root.SetVersionTemplate("{{.Version}}")
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, "显示帮助")
	root.Flags().BoolP("version", "v", false, "显示版本")
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [命令]",
		Short: "显示某个命令的帮助",
		Run: func(c *cobra.Command, args []string) {
			cmd, _, err := c.Root().Find(args)
			if cmd == nil || err != nil {
				c.Printf("没有命令 %q\n", strings.Join(args, " "))
				cmd = c.Root()
			}
			cmd.InitDefaultHelpFlag()
			_ = cmd.Help()
		},
	})
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return invalid("%s（用 %s --help 查看可用选项）", flagError(err.Error()), c.CommandPath())
	})
}

var flagErrors = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`^unknown flag: (\S+)$`), "没有选项 $1"},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`), "没有短选项 -$1（在 $2 中）"},
	{regexp.MustCompile(`^flag needs an argument: '?(\S+?)'?(?: in (\S+))?$`), "选项 $1 需要一个值"},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(.*)" flag: .*$`), "选项 $2 的值 “$1” 不合要求"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "选项写法不对：$1"},
}

// flagError translates pflag's messages.
func flagError(msg string) string {
	for _, f := range flagErrors {
		if f.re.MatchString(msg) {
			return f.re.ReplaceAllString(msg, f.with)
		}
	}
	return msg
}

var unknownCommand = regexp.MustCompile(`^unknown command "(.*)" for "(.*?)"(?s:\s*Did you mean this\?\s*(.*))?$`)

// cliError words an error for the user: cobra's unknown-command message and
// the operating system's file errors in Chinese.
func cliError(err error) string {
	msg := err.Error()
	if m := unknownCommand.FindStringSubmatch(msg); m != nil {
		out := fmt.Sprintf("%s 没有命令 %q", m[2], m[1])
		if s := strings.Fields(m[3]); len(s) > 0 {
			out += "；是不是 " + strings.Join(s, "、") + "？"
		}
		return out + "（用 " + m[2] + " --help 查看所有命令）"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = strings.Replace(msg, pe.Error(), pathError(pe), 1)
	}
	return msg
}

// pathError says what went wrong with a file, in Chinese.
func pathError(pe *fs.PathError) string {
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		return "找不到 " + pe.Path
	case errors.Is(pe.Err, fs.ErrPermission):
		return "没有权限读写 " + pe.Path
	case errors.Is(pe.Err, syscall.EISDIR):
		return pe.Path + " 是文件夹，不是文件"
	case errors.Is(pe.Err, syscall.ENOTDIR):
		return pe.Path + " 的路径中有一段不是文件夹"
	case errors.Is(pe.Err, syscall.ENOSPC):
		return "磁盘已满，无法写入 " + pe.Path
	case errors.Is(pe.Err, syscall.EROFS):
		return pe.Path + " 所在位置只读"
	}
	return fmt.Sprintf("%s：%v", pe.Path, pe.Err)
}

// Argument validators with Chinese messages.

// noArgs accepts no positional arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return invalid("%s 没有子命令 %q（用 %s --help 查看）", cmd.CommandPath(), args[0], cmd.CommandPath())
		}
		return invalid("%s 不需要参数，多出了 %q（选项以 -- 开头，用 %s --help 查看）", cmd.CommandPath(), strings.Join(args, " "), cmd.CommandPath())
	}
	return nil
}

// exactArgs wants n arguments, described by what ("报告编号").
func exactArgs(n int, what string) cobra.PositionalArgs {
	return rangeArgs(n, n, what)
}

// minArgs wants at least n arguments.
func minArgs(n int, what string) cobra.PositionalArgs {
	return rangeArgs(n, -1, what)
}

// rangeArgs wants between lo and hi arguments (hi < 0: no upper bound).
func rangeArgs(lo, hi int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < lo && lo == 1:
			return invalid("%s 需要%s（用法：%s）", cmd.CommandPath(), what, useLine(cmd))
		case len(args) < lo:
			return invalid("%s 需要 %d 个%s，只给了 %d 个（用法：%s）", cmd.CommandPath(), lo, what, len(args), useLine(cmd))
		case hi >= 0 && len(args) > hi:
			return invalid("%s 最多接受 %d 个%s，给了 %d 个：%s（用法：%s）", cmd.CommandPath(), hi, what, len(args), strings.Join(args, " "), useLine(cmd))
		}
		return nil
	}
}

func useLine(cmd *cobra.Command) string {
	if cmd.HasParent() {
		return cmd.Parent().CommandPath() + " " + cmd.Use
	}
	return cmd.Use
}
