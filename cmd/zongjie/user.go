package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/zongjie/zongjie/users"
)

// userCommand is `user add|list|rm`: the people of a shared `serve`, each
// with a personal token. The rules are in package users.
func (a *app) userCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user",
		Short: "管理网页版的用户及其个人口令（add、list、rm）",
		Long: `定义了用户之后，zongjie serve 的每个请求都须带上某个用户的个人口令；
每人的草稿只有自己能看到，语料库共用，只有管理员能删除报告。口令只在添加时显示一次，数据库中只存其散列值。`,
		Example: "  zongjie user add 王老师\n  zongjie user add 李主任 --admin\n  zongjie user list\n  zongjie user rm 王老师",
		Args:    noArgs,
	}
	cmd.AddCommand(a.userAddCommand(), a.userListCommand(), a.userRemoveCommand())
	return cmd
}

// users returns the users service on the database.
func (a *app) users(cmd *cobra.Command) (*users.Service, error) {
	db, err := a.openDB(cmd.Context())
	if err != nil {
		return nil, err
	}
	return &users.Service{Store: db}, nil
}

func (a *app) userAddCommand() *cobra.Command {
	var admin bool
	cmd := &cobra.Command{
		Use:     "add 用户名 [--admin]",
		Short:   "添加用户并显示其个人口令（只显示这一次）",
		Example: "  zongjie user add 王老师\n  zongjie user add 李主任 --admin",
		Args:    exactArgs(1, "一个用户名"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.users(cmd)
			if err != nil {
				return err
			}
			u, token, err := svc.Add(cmd.Context(), args[0], admin)
			if err != nil {
				return err
			}
			// The token alone on stdout, so a script can capture it.
			fmt.Fprintf(a.stderr, "已添加%s“%s”。个人口令如下，只显示这一次，请转交本人妥善保存（遗失时删除后重新添加）：\n", roleName(u.Admin), u.Name)
			fmt.Fprintln(a.stdout, token)
			return nil
		},
	}
	cmd.Flags().BoolVar(&admin, "admin", false, "管理员：可以删除语料库中的报告、查看所有人的模型调用记录")
	return cmd
}

func (a *app) userListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "列出用户（不显示口令）",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.users(cmd)
			if err != nil {
				return err
			}
			us, err := svc.List(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a, usersJSON(us))
			}
			if len(us) == 0 {
				fmt.Fprintln(a.stderr, "还没有用户：网页版不分用户（可用 --token 设置一个共用口令）。添加：zongjie user add 用户名")
				return nil
			}
			var tb table
			tb.add("编号", "用户名", "角色", "添加时间")
			for _, u := range us {
				tb.add(strconv.FormatInt(u.ID, 10), u.Name, roleName(u.Admin), u.CreatedAt.Local().Format("2006-01-02 15:04"))
			}
			return tb.write(a.stdout)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "输出 JSON")
	return cmd
}

func (a *app) userRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "rm 用户名",
		Aliases: []string{"remove", "delete"},
		Short:   "删除用户：其口令立即失效，其草稿保留但不再有人能打开",
		Example: "  zongjie user rm 王老师",
		Args:    exactArgs(1, "一个用户名"),
		RunE: func(cmd *cobra.Command, args []string) error {
			svc, err := a.users(cmd)
			if err != nil {
				return err
			}
			if err := svc.Remove(cmd.Context(), args[0]); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "已删除用户“%s”。\n", args[0])
			return nil
		},
	}
}

// userJSON is one row of `user list --json`: never the token or its hash.
type userJSON struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Admin   bool   `json:"admin"`
	Created string `json:"created_at"`
}

func usersJSON(us []users.User) []userJSON {
	rows := make([]userJSON, 0, len(us))
	for _, u := range us {
		rows = append(rows, userJSON{u.ID, u.Name, u.Admin, u.CreatedAt.Format("2006-01-02T15:04:05Z07:00")})
	}
	return rows
}

func roleName(admin bool) string {
	if admin {
		return "管理员"
	}
	return "用户"
}
