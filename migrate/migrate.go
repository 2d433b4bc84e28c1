// Package migrate copies one county's database into a shared one (zongjie
// migrate): its corpus, its users with their token hashes, its draft runs
// and its model call log. Copying is idempotent: documents are identified
// by their hash, users by their token hash and name, and runs and calls by
// their origin, "sqlite:<source database id>:<row id>", which the target
// stores; a second copy adds nothing. It declares the source and target it
// needs; the stores satisfy them.
package migrate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/users"
)

// Source is the database copied from. P is its stores' prepared document.
type Source[P any] interface {
	// DatabaseID is the source's random id, made once.
	DatabaseID(ctx context.Context) (string, error)
	// Documents lists every document, in id order.
	Documents(ctx context.Context) ([]corpus.DocumentRecord, error)
	// ExportDocument returns a document with its sections, figures and hash.
	ExportDocument(ctx context.Context, id int64) (P, error)
	// Users lists every user in the order they were added.
	Users(ctx context.Context) ([]users.User, error)
	// TokenHashes returns each user's token hash by user id.
	TokenHashes(ctx context.Context) (map[int64]string, error)
	// RunIDs lists every draft run.
	RunIDs(ctx context.Context) ([]int64, error)
	// GetRun loads a run with its sections.
	GetRun(ctx context.Context, id int64) (draft.Run, error)
	// Calls returns the newest limit calls, newest first; 0 means all.
	Calls(ctx context.Context, limit int) ([]draft.Call, error)
}

// Target is the shared database copied into.
type Target[P any] interface {
	// SaveUnindexed stores a prepared document unless its hash is stored.
	SaveUnindexed(ctx context.Context, p P) (id int64, created bool, err error)
	// IndexPending makes the stored documents searchable.
	IndexPending(ctx context.Context) (int, error)
	// Users lists every user.
	Users(ctx context.Context) ([]users.User, error)
	// UserByTokenHash finds a user by token hash (users.ErrNoUser if none).
	UserByTokenHash(ctx context.Context, tokenHash string) (users.User, error)
	// AddUser stores a user (users.ErrNameTaken for a name in use).
	AddUser(ctx context.Context, u users.User, tokenHash string) (users.User, error)
	// ImportRun stores a run unless one of the same origin is stored.
	ImportRun(ctx context.Context, origin string, r draft.Run) (created bool, err error)
	// ImportCall stores a call unless one of the same origin is stored.
	ImportCall(ctx context.Context, origin string, c draft.Call) (created bool, err error)
}

// Kind is what is being copied, named as the summary names it.
type Kind string

// The kinds copied, in the order they are.
const (
	Documents Kind = "报告"
	Users     Kind = "用户"
	Runs      Kind = "草稿"
	Calls     Kind = "模型调用记录"
)

// Counts tells how many rows of a kind were copied (Added) and how many
// the target had already (Existing).
type Counts struct {
	Added, Existing int
}

// Done is how many have been dealt with.
func (c Counts) Done() int { return c.Added + c.Existing }

// Report is what a copy did.
type Report struct {
	Documents, Users, Runs, Calls Counts
	// Kept names the source's users whose name the target already had
	// for another token: the target's user was kept as is, and what the
	// source's user drafted belongs to nobody there — the same name may be
	// another person, who must not read it.
	Kept []string
}

// String is the summary, in Chinese:
// 新增报告 N 篇，已有 M 篇；新增用户 …
func (r Report) String() string {
	s := fmt.Sprintf("新增报告 %d 篇，已有 %d 篇；新增用户 %d 个，已有 %d 个；新增草稿 %d 份，已有 %d 份；新增模型调用记录 %d 条，已有 %d 条。",
		r.Documents.Added, r.Documents.Existing, r.Users.Added, r.Users.Existing,
		r.Runs.Added, r.Runs.Existing, r.Calls.Added, r.Calls.Existing)
	if len(r.Kept) > 0 {
		s += fmt.Sprintf("\n目标库中已有同名用户，保留目标库中的用户（其口令不变）：%s；同名可能是另一个人，源库中这些用户的草稿和调用记录不归入任何用户。",
			strings.Join(r.Kept, "、"))
	}
	return s
}

// Progress is told, now and then and at the end of each kind, how far the
// copy of kind is: counts so far out of total.
type Progress func(kind Kind, c Counts, total int)

// progressEvery is how many rows pass between two progress reports.
const progressEvery = 100

// Copy copies everything from src into dst, in order: documents, users,
// runs, calls. A failure stops it with what was copied kept; running it
// again copies the rest. progress may be nil.
func Copy[P any](ctx context.Context, src Source[P], dst Target[P], progress Progress) (Report, error) {
	if progress == nil {
		progress = func(Kind, Counts, int) {}
	}
	var r Report
	dbID, err := src.DatabaseID(ctx)
	if err != nil {
		return r, err
	}
	if r.Documents, err = copyDocuments(ctx, src, dst, progress); err != nil {
		return r, err
	}
	owners, err := copyUsers(ctx, src, dst, &r, progress)
	if err != nil {
		return r, err
	}
	if r.Runs, err = copyRuns(ctx, src, dst, "sqlite:"+dbID+":", owners, progress); err != nil {
		return r, err
	}
	r.Calls, err = copyCalls(ctx, src, dst, "sqlite:"+dbID+":", owners, progress)
	return r, err
}

// tally counts one row as added or existing and reports progress every
// progressEvery rows and at the last.
func tally(c *Counts, created bool, kind Kind, total int, progress Progress) {
	if created {
		c.Added++
	} else {
		c.Existing++
	}
	if c.Done()%progressEvery == 0 || c.Done() == total {
		progress(kind, *c, total)
	}
}

// copyDocuments copies every document not stored in dst (by hash), then
// has dst index them.
func copyDocuments[P any](ctx context.Context, src Source[P], dst Target[P], progress Progress) (Counts, error) {
	var c Counts
	docs, err := src.Documents(ctx)
	if err != nil {
		return c, err
	}
	for _, d := range docs {
		p, err := src.ExportDocument(ctx, d.ID)
		if err != nil {
			return c, err
		}
		_, created, err := dst.SaveUnindexed(ctx, p)
		if err != nil {
			return c, fmt.Errorf("迁入报告《%s》: %w", d.Title, err)
		}
		tally(&c, created, Documents, len(docs), progress)
	}
	if len(docs) == 0 {
		progress(Documents, c, 0)
	}
	_, err = dst.IndexPending(ctx)
	return c, err
}

// copyUsers copies the users dst does not have, with their token hashes,
// and returns the map from source user ids to target ones, by name.
func copyUsers[P any](ctx context.Context, src Source[P], dst Target[P], r *Report, progress Progress) (map[int64]int64, error) {
	us, err := src.Users(ctx)
	if err != nil {
		return nil, err
	}
	hashes, err := src.TokenHashes(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		created, kept, err := copyUser(ctx, dst, u, hashes[u.ID])
		if err != nil {
			return nil, err
		}
		if kept {
			r.Kept = append(r.Kept, u.Name)
		}
		tally(&r.Users, created, Users, len(us), progress)
	}
	if len(us) == 0 {
		progress(Users, r.Users, 0)
	}
	return ownerMap(ctx, dst, us, r.Kept)
}

// copyUser adds u to dst unless it is there (the same name and token
// hash); kept says that dst has another user of that name, kept as is.
func copyUser[P any](ctx context.Context, dst Target[P], u users.User, hash string) (created, kept bool, err error) {
	there, err := dst.UserByTokenHash(ctx, hash)
	if err == nil && there.Name == u.Name {
		return false, false, nil
	}
	if err != nil && !errors.Is(err, users.ErrNoUser) {
		return false, false, err
	}
	_, err = dst.AddUser(ctx, users.User{Name: u.Name, Admin: u.Admin, CreatedAt: u.CreatedAt}, hash)
	if errors.Is(err, users.ErrNameTaken) {
		return false, true, nil
	}
	if err != nil {
		return false, false, fmt.Errorf("迁入用户“%s”: %w", u.Name, err)
	}
	return true, false, nil
}

// ownerMap maps the ids of the source's users srcUsers to the ids of the
// target's users of the same names, except the kept ones: a name taken by
// another token in the target may be another person.
func ownerMap[P any](ctx context.Context, dst Target[P], srcUsers []users.User, kept []string) (map[int64]int64, error) {
	there, err := dst.Users(ctx)
	if err != nil {
		return nil, err
	}
	byName := make(map[string]int64, len(there))
	for _, u := range there {
		byName[u.Name] = u.ID
	}
	owners := make(map[int64]int64, len(srcUsers))
	for _, u := range srcUsers {
		if id, ok := byName[u.Name]; ok && !slices.Contains(kept, u.Name) {
			owners[u.ID] = id
		}
	}
	return owners, nil
}

// mapOwner is the target's id for the source's user id: 0 (nobody's) for 0
// and for a user removed from the source, whose name a target user must
// not inherit.
func mapOwner(owners map[int64]int64, id int64) int64 {
	return owners[id]
}

// copyRuns copies every run dst does not have (by origin), with its owner
// mapped to the target's user.
func copyRuns[P any](ctx context.Context, src Source[P], dst Target[P], origin string, owners map[int64]int64, progress Progress) (Counts, error) {
	var c Counts
	ids, err := src.RunIDs(ctx)
	if err != nil {
		return c, err
	}
	for _, id := range ids {
		run, err := src.GetRun(ctx, id)
		if err != nil {
			return c, err
		}
		run.Owner = mapOwner(owners, run.Owner)
		created, err := dst.ImportRun(ctx, fmt.Sprint(origin, id), run)
		if err != nil {
			return c, err
		}
		tally(&c, created, Runs, len(ids), progress)
	}
	if len(ids) == 0 {
		progress(Runs, c, 0)
	}
	return c, nil
}

// copyCalls copies every call dst does not have (by origin), oldest first,
// with its user mapped to the target's user; the name is kept as logged.
func copyCalls[P any](ctx context.Context, src Source[P], dst Target[P], origin string, owners map[int64]int64, progress Progress) (Counts, error) {
	var c Counts
	calls, err := src.Calls(ctx, 0)
	if err != nil {
		return c, err
	}
	slices.Reverse(calls)
	for _, call := range calls {
		id := call.ID
		call.UserID = mapOwner(owners, call.UserID)
		created, err := dst.ImportCall(ctx, fmt.Sprint(origin, id), call)
		if err != nil {
			return c, err
		}
		tally(&c, created, Calls, len(calls), progress)
	}
	if len(calls) == 0 {
		progress(Calls, c, 0)
	}
	return c, nil
}
