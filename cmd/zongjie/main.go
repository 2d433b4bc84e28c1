// Command zongjie helps county and district education bureaus write their
// work reports from a corpus of past reports. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/errkind"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries an exit status for a command that reported its own
// failure (e.g. ingest with failed files).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run executes one command line and returns the exit status; tests call it
// directly.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	app.close()
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, "错误："+cliError(err))
	return exitCode(err)
}

// Exit statuses (README, “退出码”). A command that reports its own failure
// returns an exitError with one of them; any other error is mapped by its
// kind in exitCode.
const (
	exitFailed      = 1   // an internal error, or some files of an ingest failed
	exitInvalid     = 2   // input to correct: arguments, options, a facts file
	exitCheck       = 3   // the number or continuity check found problems
	exitNotFound    = 4   // no such report, draft run or log entry
	exitUnavailable = 5   // the model service did not answer or refused the key
	exitConflict    = 6   // the request clashes with what is stored
	exitInterrupted = 130 // Ctrl-C
)

// exitCode maps an error to the exit status by its kind: the one place
// the command does so.
func exitCode(err error) int {
	if errors.Is(err, context.Canceled) {
		return exitInterrupted
	}
	switch errkind.Of(err) {
	case errkind.Invalid:
		return exitInvalid
	case errkind.NotFound:
		return exitNotFound
	case errkind.Unavailable:
		return exitUnavailable
	case errkind.Conflict:
		return exitConflict
	}
	return exitFailed
}

// invalid is an error of kind Invalid with a formatted message.
func invalid(format string, args ...any) error {
	return errkind.Mark(errkind.Invalid, fmt.Errorf(format, args...))
}

// rootCommand builds the command tree.
func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "zongjie",
		Short:         "总结：教育局工作总结与计划写作助手",
		Long:          "总结（Zongjie）用本局历年工作总结作语料，按熟悉的标题结构和文风起草新的总结与计划，数字只用你提供的。",
		Version:       versionText(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.loadConfig(cmd)
		},
	}
	speakChinese(root)
	root.PersistentFlags().StringVar(&a.configPath, "config", "", "配置`文件`（默认依次查找 ./config.yaml、程序旁、用户配置目录）")
	root.PersistentFlags().String("db", "", "SQLite 数据库`文件`（覆盖配置 db）")
	root.AddCommand(a.parseCommand(), a.ingestCommand(), a.docsCommand(), a.userCommand(), a.showCommand(),
		a.searchCommand(), a.templatesCommand(), a.examplesCommand(), a.draftCommand(), a.planCommand(), a.checkCommand(), a.exportCommand(), a.logCommand(), a.serveCommand(),
		a.migrateCommand(), a.configCommand(), a.versionCommand())
	return root
}

// notFound is an error of kind NotFound with a formatted message.
func notFound(format string, args ...any) error {
	return errkind.Mark(errkind.NotFound, fmt.Errorf(format, args...))
}
