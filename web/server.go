// Package web is the browser interface of Zongjie (`zongjie serve`): the
// corpus (documents, search, upload), drafting a summary with the sections
// streamed as server-sent events, drafting next period's plan from a
// summary, and the model call log. Pages are
// html/template and every asset is embedded, so the binary needs no files
// and no network beyond the model endpoint.
package web

import (
	"context"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"

	"github.com/zongjie/zongjie/corpus"
	"github.com/zongjie/zongjie/draft"
	"github.com/zongjie/zongjie/ingest"
	"github.com/zongjie/zongjie/users"
)

// Corpus is what the pages read and write of the stored reports.
type Corpus interface {
	// DocumentPage lists up to limit documents, newest first, after the
	// offset newest, and counts all documents.
	DocumentPage(ctx context.Context, offset, limit int) ([]corpus.DocumentRecord, int, error)
	// TemplateSource gives report skeletons (for heading trees and the
	// template picker) and the corpus version.
	draft.TemplateSource
	// Document returns one document with its sections in order; the error
	// matches Server.NotFound when there is none.
	Document(ctx context.Context, id int64) (corpus.DocumentRecord, []corpus.Section, error)
	// Search returns sections matching q with snippets whose matches are
	// wrapped in 【】.
	Search(ctx context.Context, q corpus.SearchQuery) ([]corpus.SearchHit, error)
	// RemoveDocuments deletes documents with their sections and returns
	// those it removed; ids of no document are skipped.
	RemoveDocuments(ctx context.Context, ids []int64) ([]corpus.DocumentRecord, error)
}

// Ingester stores uploaded files: the ingest service, the one the
// command's ingest uses.
type Ingester interface {
	// Ingest reads, parses and stores the inputs and reports per file.
	Ingest(ctx context.Context, req ingest.Request) ingest.Report
}

// CallLog is the log of model calls.
type CallLog interface {
	// Calls returns the latest calls, newest first.
	Calls(ctx context.Context, limit int) ([]draft.Call, error)
	// Call returns one call; the error matches Server.NotFound when there
	// is none.
	Call(ctx context.Context, id int64) (draft.Call, error)
	// CallsBy returns the latest calls made for one user, newest first.
	CallsBy(ctx context.Context, userID int64, limit int) ([]draft.Call, error)
}

// Accounts checks personal tokens when users are defined (package users).
type Accounts interface {
	// Enabled reports whether users are defined, which makes a personal
	// token necessary.
	Enabled(ctx context.Context) (bool, error)
	// AuthenticateSession returns the user of a session key
	// (users.SessionKey of their token); the error wraps users.ErrNoUser
	// for an unknown key.
	AuthenticateSession(ctx context.Context, key string) (users.User, error)
}

// Parser turns uploaded files into documents.
type Parser interface {
	// Parse decodes and parses one file's bytes; name gives the file type.
	Parse(name string, data []byte) (corpus.Result, error)
	// Normalize normalises text the way the corpus is, for search queries.
	Normalize(s string) string
}

// Files says which file types an upload accepts, for the page's file
// input. The command wires convert.Reader, the one place that lists the
// accepted types, so the upload accepts what the CLI's ingest does.
type Files interface {
	// Extensions lists the accepted file types, lower case with the dot.
	Extensions() []string
}

// Server serves the web interface. The command fills in its fields; Handler
// returns the http.Handler.
type Server struct {
	// Corpus holds the reports: listed, searched and added to by upload.
	Corpus Corpus
	// Calls is the model call log shown on the 记录 page.
	Calls CallLog
	// Runs keeps drafts, so a section can be rewritten and the report
	// downloaded after the stream ends.
	Runs draft.RunStore
	// Parser reads uploaded files.
	Parser Parser
	// Files says which uploads are accepted; required.
	Files Files
	// Ingest stores uploaded files; required.
	Ingest Ingester
	// Taxonomy gives the categories of the facts form and search filter.
	Taxonomy corpus.Taxonomy
	// NewDrafter builds a drafting service for one request (offline when no
	// model is configured).
	NewDrafter func() (*draft.Service, error)
	// NewPlanner builds a plan builder for one request (without a model
	// when none is configured).
	NewPlanner func() (*draft.Planner, error)
	// MaxUploadBytes bounds one upload request (all files together); 0
	// means 10 MB.
	MaxUploadBytes int64
	// MaxFormBytes bounds other form posts; 0 means 1 MB.
	MaxFormBytes int64
	// Token, when set and no users are defined, is required on every
	// request (see auth).
	Token string
	// Users, when set and holding users, requires a personal token on
	// every request instead of Token (see auth).
	Users Accounts
	// Addr is the address the server listens on; without a Token, requests
	// must name its host, a loopback host or one of AllowedHosts.
	Addr string
	// AllowedHosts are further host names (or host:port) accepted in the
	// Host header when no Token is set; "*" accepts any.
	AllowedHosts []string
	// NotFound is the store's not-found error, told apart with errors.Is.
	NotFound error
	// Logger receives one line per request and every server error.
	Logger *slog.Logger
}

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Handler returns the server's routes wrapped in the security checks.
func (s *Server) Handler() (http.Handler, error) {
	if s.Logger == nil {
		s.Logger = slog.New(slog.DiscardHandler)
	}
	if s.MaxFormBytes <= 0 {
		s.MaxFormBytes = 1 << 20
	}
	if s.MaxUploadBytes <= 0 {
		s.MaxUploadBytes = 10 << 20
	}
	if s.Files == nil || s.Ingest == nil {
		return nil, errors.New("web: Server.Files and Server.Ingest are required")
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		return nil, err
	}
	h := &handlers{Server: s, pages: pages, plans: &planStore{},
		templates: &draft.TemplateChooser{Source: s.Corpus, Fallback: s.Taxonomy.Fallback, NotFound: s.NotFound}}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /{$}", h.corpusPage)
	mux.HandleFunc("GET /docs/{id}", h.documentPage)
	mux.HandleFunc("GET /docs/{id}/tree", h.documentTree)
	mux.HandleFunc("POST /docs/{id}/remove", h.removeDocument)
	mux.HandleFunc("POST /upload", h.upload)
	mux.HandleFunc("GET /draft", h.draftPage)
	mux.HandleFunc("GET /templates/preview", h.templatePreview)
	mux.HandleFunc("POST /draft", h.draftStream)
	mux.HandleFunc("POST /runs/{run}/sections/{i}/rewrite", h.rewriteSection)
	mux.HandleFunc("GET /runs/{run}/report.md", h.downloadMarkdown)
	mux.HandleFunc("GET /runs/{run}/report.docx", h.downloadDocx)
	mux.HandleFunc("GET /plan", h.planPage)
	mux.HandleFunc("POST /plan", h.planPost)
	mux.HandleFunc("GET /plans/{id}/plan.md", h.downloadPlanMarkdown)
	mux.HandleFunc("GET /plans/{id}/plan.docx", h.downloadPlanDocx)
	mux.HandleFunc("GET /log", h.logPage)
	mux.HandleFunc("GET /log/{id}", h.callPage)
	return s.logRequests(securityHeaders(s.checkHost(s.auth(sameOrigin(mux))))), nil
}

// handlers holds what the route handlers share.
type handlers struct {
	*Server
	pages map[string]*template.Template
	plans *planStore // generated plans, for their downloads
	// templates chooses drafts' structures, keeping the mined common
	// structure of each kind until the corpus changes.
	templates *draft.TemplateChooser
}
