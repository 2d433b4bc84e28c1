package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/errkind"
	"github.com/zongjie/zongjie/migrate"
	"github.com/zongjie/zongjie/store"
	"github.com/zongjie/zongjie/store/postgres"
)

// migrateCommand is `migrate --from FILE --to postgres://…`: it copies a
// county's SQLite database into a shared PostgreSQL one. It only wires; the
// copy is package migrate's.
func (a *app) migrateCommand() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from SQLite文件 --to postgres://…",
		Short: "把一个县的 SQLite 数据库迁入共用的 PostgreSQL 数据库",
		Long: `把 --from 的 SQLite 数据库中的报告（含段落和数字）、用户（口令照旧可用）、草稿记录和模型调用记录
复制到 --to 的 PostgreSQL 数据库。已有的不重复复制：再次运行什么也不会新增。
目标库中已有同名用户时，保留目标库中的用户，并在结束时列出。`,
		Example: "  zongjie migrate --from /srv/zongjie/xx县.db --to 'postgres://zongjie@db.example/zongjie'",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.migrate(cmd.Context(), from, to)
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "要迁出的 SQLite 数据库`文件`")
	cmd.Flags().StringVar(&to, "to", "", "要迁入的 PostgreSQL `连接串`（postgres://…）")
	return cmd
}

// migrate checks both databases before changing either, copies, and
// prints the progress and summary on stderr.
func (a *app) migrate(ctx context.Context, from, to string) error {
	if from == "" || to == "" {
		return invalid("请用 --from 指定 SQLite 数据库文件、--to 指定 PostgreSQL 连接串")
	}
	if !postgres.IsDSN(to) {
		return invalid("--to 应是 postgres:// 或 postgresql:// 开头的连接串，而不是 %q", to)
	}
	if err := store.CheckExisting(from); err != nil {
		return fmt.Errorf("迁移: %w（未做任何改动）", err)
	}
	dst, err := postgres.Open(to)
	if err != nil {
		return errkind.Mark(errkind.Unavailable, fmt.Errorf("迁移: 无法连接目标数据库 %s: %w（未做任何改动）", dbName(to), err))
	}
	defer dst.Close()
	src, err := store.Open(from)
	if err != nil {
		return fmt.Errorf("迁移: %w", err)
	}
	defer src.Close()
	fmt.Fprintf(a.stderr, "迁移 %s → %s\n", from, dbName(to))
	report, err := migrate.Copy(ctx, src, dst, func(kind migrate.Kind, c migrate.Counts, total int) {
		fmt.Fprintf(a.stderr, "%s：%d/%d（新增 %d，已有 %d）\n", kind, c.Done(), total, c.Added, c.Existing)
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(a.stderr, "已中断；已迁入的保留，再次运行会接着迁入其余部分。")
		}
		return fmt.Errorf("迁移: %w（已迁入的保留，可再次运行）", err)
	}
	fmt.Fprintln(a.stdout, report)
	return nil
}
