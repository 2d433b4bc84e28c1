// Package users holds the people who share one `zongjie serve`: each has a
// name and a personal token (个人口令); admins may also remove reports from
// the shared corpus. The use cases — add, list, remove, authenticate — live
// here once for the command line and the web server, with the rules on who
// may see what. It declares the store it needs.
package users

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zongjie/zongjie/errkind"
)

// User is one person allowed into the web interface.
type User struct {
	// ID identifies the user in what they own. Ids are never reused, so a
	// new user given a removed user's name owns none of the old one's drafts.
	ID int64
	// Name is unique and shown on the pages.
	Name string
	// Admin users may remove reports from the shared corpus and read every
	// user's model calls.
	Admin bool
	// CreatedAt is when the user was added.
	CreatedAt time.Time
}

// Store keeps users with the hashes of their tokens, never the tokens.
type Store interface {
	// AddUser stores u (its ID and CreatedAt are ignored) with its token
	// hash and returns it as stored; the error wraps ErrNameTaken when the
	// name is in use.
	AddUser(ctx context.Context, u User, tokenHash string) (User, error)
	// Users lists every user in the order they were added.
	Users(ctx context.Context) ([]User, error)
	// RemoveUser deletes the user called name; the error wraps ErrNoUser
	// when there is none.
	RemoveUser(ctx context.Context, name string) error
	// UserByTokenHash finds the user whose token has the hash; the error
	// wraps ErrNoUser when there is none.
	UserByTokenHash(ctx context.Context, tokenHash string) (User, error)
	// HasUsers reports whether any user is defined.
	HasUsers(ctx context.Context) (bool, error)
}

// ErrNameTaken is returned, wrapped, for a name already in use.
var ErrNameTaken = errkind.New(errkind.Conflict, "用户名已被使用")

// ErrNoUser is returned, wrapped, for an unknown user name or token.
var ErrNoUser = errkind.New(errkind.NotFound, "没有这个用户")

// TokenPrefix starts every personal token, so one found in a file or a
// chat can be recognised as a Zongjie token.
const TokenPrefix = "zj_"

// tokenBytes is the randomness of a token: 256 bits, well above the 128
// that make guessing hopeless.
const tokenBytes = 32

// maxNameLen bounds a name in characters.
const maxNameLen = 64

// Service runs the use cases on a Store.
type Service struct {
	// Store keeps the users.
	Store Store
	// Now gives the time of adding; time.Now when nil.
	Now func() time.Time
}

// Add creates a user and returns it with its token, which exists nowhere
// else afterwards: only its hash is stored. A name in use is an error that
// changes nothing.
func (s *Service) Add(ctx context.Context, name string, admin bool) (User, string, error) {
	if err := ValidName(name); err != nil {
		return User{}, "", fmt.Errorf("添加用户: %w", err)
	}
	token, err := newToken()
	if err != nil {
		return User{}, "", fmt.Errorf("添加用户 %s: 生成口令: %w", name, err)
	}
	u, err := s.Store.AddUser(ctx, User{Name: name, Admin: admin, CreatedAt: s.now()}, TokenHash(token))
	if errors.Is(err, ErrNameTaken) {
		return User{}, "", fmt.Errorf("添加用户“%s”: %w（未做任何改动；要换口令，先 zongjie user rm 再添加）", name, ErrNameTaken)
	}
	if err != nil {
		return User{}, "", err // the store names the operation
	}
	return u, token, nil
}

// List returns every user in the order they were added.
func (s *Service) List(ctx context.Context) ([]User, error) {
	us, err := s.Store.Users(ctx)
	if err != nil {
		return nil, fmt.Errorf("列出用户: %w", err)
	}
	return us, nil
}

// Remove deletes the user called name; their token stops working at once.
// What they drafted stays stored but is nobody's to open.
func (s *Service) Remove(ctx context.Context, name string) error {
	err := s.Store.RemoveUser(ctx, name)
	if errors.Is(err, ErrNoUser) {
		return fmt.Errorf("删除用户“%s”: %w（用 zongjie user list 查看用户名）", name, ErrNoUser)
	}
	return err // nil, or wrapped by the store with the operation
}

// Authenticate returns the user whose personal token this is; the error
// wraps ErrNoUser for any other string.
func (s *Service) Authenticate(ctx context.Context, token string) (User, error) {
	return s.AuthenticateSession(ctx, SessionKey(token))
}

// AuthenticateSession returns the user of a session key (what a browser's
// cookie holds); the error wraps ErrNoUser for an unknown key.
func (s *Service) AuthenticateSession(ctx context.Context, key string) (User, error) {
	u, err := s.Store.UserByTokenHash(ctx, hashHex(key))
	if err != nil {
		return User{}, fmt.Errorf("核对个人口令: %w", err)
	}
	return u, nil
}

// Enabled reports whether users are defined, which makes a personal token
// necessary for the web interface.
func (s *Service) Enabled(ctx context.Context) (bool, error) {
	ok, err := s.Store.HasUsers(ctx)
	if err != nil {
		return false, fmt.Errorf("查询用户: %w", err)
	}
	return ok, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// ValidName checks a user name: 1–64 characters, no spaces, no control or
// invisible characters, so that it prints as typed in lists and logs.
func ValidName(name string) error {
	switch {
	case name == "":
		return errkind.New(errkind.Invalid, "用户名不能为空")
	case !utf8.ValidString(name):
		return errkind.New(errkind.Invalid, "用户名含有无效的字符编码")
	case utf8.RuneCountInString(name) > maxNameLen:
		return errkind.New(errkind.Invalid, fmt.Sprintf("用户名最长 %d 个字符", maxNameLen))
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return errkind.New(errkind.Invalid, fmt.Sprintf("用户名 %q 不能含有空格或控制字符", name))
		}
	}
	return nil
}

// newToken returns TokenPrefix and 256 random bits from crypto/rand in
// URL-safe base64, so it fits in ?token= without escaping.
func newToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

// SessionKey is what a browser's cookie holds instead of the token itself,
// so the cookie jar never has the token. It is also the single-token
// mode's cookie value.
func SessionKey(token string) string {
	return hashHex("zongjie-session:" + token)
}

// TokenHash is what the store keeps of a token: the SHA-256 of its session
// key. A plain, fast, unsalted hash is enough here because the token is
// 256 random bits, not a password a person chose: there is no dictionary
// to try, so slow salted hashes (bcrypt, argon2) would add nothing but
// time to every request, and an unsalted hash lets the store find the user
// by an indexed lookup instead of comparing against every row. Hashing the
// session key rather than the token means neither the token nor a working
// cookie can be read back from the database.
func TokenHash(token string) string { return hashHex(SessionKey(token)) }

func hashHex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}
