// Package errkind gives errors a kind — not found, invalid, conflict,
// unavailable — that the command maps to an exit status and the web page to
// an HTTP status, each in one place. Errors without a kind are internal.
package errkind

import "errors"

// Kind is what sort of failure an error is, from the user's side.
type Kind int

// The kinds. Internal, the zero value, is any error not marked otherwise.
const (
	// Internal is a failure of the program or its environment.
	Internal Kind = iota
	// NotFound is a request for something that does not exist.
	NotFound
	// Invalid is input the user can correct (a facts file, a form, a file).
	Invalid
	// Conflict is a request that clashes with what is stored.
	Conflict
	// Unavailable is a service (the model, the database) that did not answer.
	Unavailable
)

// String names the kind in English, for logs and tests.
func (k Kind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid"
	case Conflict:
		return "conflict"
	case Unavailable:
		return "unavailable"
	}
	return "internal"
}

// Error is an error with a kind. Its text is the message, followed by the
// wrapped error's when there is one.
type Error struct {
	// Kind is the error's kind.
	Kind Kind
	// Msg is the message; empty when Err's text says it all.
	Msg string
	// Err is the wrapped error, if any.
	Err error
}

// Error returns the message and the wrapped error's text.
func (e *Error) Error() string {
	switch {
	case e.Err == nil:
		return e.Msg
	case e.Msg == "":
		return e.Err.Error()
	}
	return e.Msg + ": " + e.Err.Error()
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// ErrorKind returns the error's kind.
func (e *Error) ErrorKind() Kind { return e.Kind }

// Kinded is an error that says its own kind; a package's own error type
// (such as a facts file error) implements it to have a kind without being
// an *Error.
type Kinded interface {
	error
	ErrorKind() Kind
}

// New returns an error of kind k with message msg; as a package variable it
// also serves as a sentinel for errors.Is.
func New(k Kind, msg string) error { return &Error{Kind: k, Msg: msg} }

// Mark gives err the kind k, keeping its text; nil stays nil.
func Mark(k Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: k, Err: err}
}

// Of returns the kind of the outermost error in err's chain that has one,
// Internal when none has.
func Of(err error) Kind {
	var k Kinded
	if errors.As(err, &k) {
		return k.ErrorKind()
	}
	return Internal
}
