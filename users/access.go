package users

import "context"

// ctxKey is the context key of the acting user.
type ctxKey struct{}

// NewContext returns ctx acting as u: the web server puts the user of a
// request here, and what the request creates and reads follows these
// rules.
func NewContext(ctx context.Context, u User) context.Context {
	return context.WithValue(ctx, ctxKey{}, u)
}

// FromContext returns the acting user, and false when there is none: the
// command line, and a server without users (one person, perhaps behind the
// single --token).
func FromContext(ctx context.Context) (User, bool) {
	u, ok := ctx.Value(ctxKey{}).(User)
	return u, ok
}

// Owner is the id to record as the owner of what ctx creates (a draft, a
// model call): the acting user's, 0 for nobody.
func Owner(ctx context.Context) int64 {
	u, _ := FromContext(ctx)
	return u.ID
}

// Name is the acting user's name, "" for nobody; uploads record it.
func Name(ctx context.Context) string {
	u, _ := FromContext(ctx)
	return u.Name
}

// MaySee reports whether the acting user may open something owned by
// owner: without a user everything (one person's server), with one only
// their own. Admins are no exception: a draft holds its author's facts,
// and admin rights are about the shared corpus.
func MaySee(ctx context.Context, owner int64) bool {
	u, ok := FromContext(ctx)
	return !ok || owner == u.ID
}

// MayRemoveDocuments reports whether the acting user may remove reports
// from the shared corpus: without users anyone who may use the server,
// with users only admins.
func MayRemoveDocuments(ctx context.Context) bool {
	u, ok := FromContext(ctx)
	return !ok || u.Admin
}

// CallsOf is whose model calls the acting user may read: all (true) without
// users and for admins, since call prompts contain users' facts; else only
// the calls of the returned user id.
func CallsOf(ctx context.Context) (owner int64, all bool) {
	u, ok := FromContext(ctx)
	if !ok || u.Admin {
		return 0, true
	}
	return u.ID, false
}
