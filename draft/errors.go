// Package draft is the writing domain: facts, templates, example retrieval,
// prompting, the number check, the offline composer and plan outlines. It
// declares the interfaces it needs (Store, Completer) and imports no adapter.
package draft

import "errors"

// ErrKeyRejected is returned (wrapped) by a Completer when the endpoint
// rejects the API key (HTTP 401/403).
var ErrKeyRejected = errors.New("模型服务拒绝了 API 密钥")
