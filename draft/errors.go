// Package draft is the writing domain: facts, templates, example retrieval,
// prompting, the number check, the offline composer and plan outlines. It
// declares the interfaces it needs (Store, Completer) and imports no adapter.
package draft

import "github.com/zongjie/zongjie/errkind"

// ErrKeyRejected is returned (wrapped) by a Completer when the endpoint
// rejects the API key (HTTP 401/403).
var ErrKeyRejected = errkind.New(errkind.Unavailable, "模型服务拒绝了 API 密钥")

// ErrModelUnavailable is returned (wrapped) by a Completer when the model did
// not answer: it stayed silent for the configured wait, or kept failing with
// transient errors until the retries ran out. Drafting stops at the first
// one, since the other sections would only wait as long.
var ErrModelUnavailable = errkind.New(errkind.Unavailable, "模型服务没有回答")
