package draft

import (
	"context"
	"time"
)

// Message is one chat message sent to a model.
type Message struct {
	Role    string // "system", "user" or "assistant"
	Content string
}

// ChatRequest is one call to a model.
type ChatRequest struct {
	Purpose  string // what the call is for, e.g. "section:党建", "repair:师资"; logged
	Messages []Message
}

// ChatResponse is a model's answer to a ChatRequest.
type ChatResponse struct {
	Text             string
	Model            string
	FinishReason     string // "stop", "length", …
	PromptTokens     int
	CompletionTokens int
	// Truncated reports that the answer was cut by the token limit even after
	// the completer asked the model to continue.
	Truncated bool
}

// Completer sends chat requests to a language model.
//
// Complete streams the answer's text to onDelta as it arrives (onDelta may be
// nil) and returns the whole answer. It returns an error wrapping
// ErrKeyRejected when the endpoint refuses the API key; callers must not retry
// those.
type Completer interface {
	Complete(ctx context.Context, req ChatRequest, onDelta func(string)) (ChatResponse, error)
}

// Call is the record of one model call, kept in the call log.
type Call struct {
	ID               int64
	Purpose          string
	Model            string
	Prompt           string // the request's messages, rendered as text
	Response         string
	PromptTokens     int
	CompletionTokens int
	FinishReason     string
	Latency          time.Duration
	Error            string
	CreatedAt        time.Time
	// UserID and User are the id and name of the user whose request made
	// the call; 0 and "" without users.
	UserID int64
	User   string
}
