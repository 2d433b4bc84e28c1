package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/zongjie/zongjie/draft"
)

// eventStream writes server-sent events; send is safe for concurrent use,
// as draft.Service reports progress from several goroutines.
type eventStream struct {
	mu sync.Mutex
	w  http.ResponseWriter
	rc *http.ResponseController
}

func newEventStream(w http.ResponseWriter) *eventStream {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // a draft may take minutes
	_ = rc.Flush()
	return &eventStream{w: w, rc: rc}
}

// send writes one event with v as its JSON data.
func (s *eventStream) send(event string, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte(`{}`)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "event: %s\ndata: %s\n\n", event, data)
	_ = s.rc.Flush()
}

// sectionEvent is the data of a start/delta/repair/done/failed event. I is
// the index of the section in the outline.
type sectionEvent struct {
	I       int     `json:"i"`
	Heading string  `json:"heading"`
	Text    string  `json:"text,omitempty"`
	Error   string  `json:"error,omitempty"`
	Seconds float64 `json:"seconds,omitempty"`
}

// progress turns draft events into server-sent events. index maps a
// drafted section's sequence number (1-based, written sections only) to its
// outline index; events of sections not in index are dropped.
func (s *eventStream) progress(index map[int]int) func(draft.Event) {
	return func(e draft.Event) {
		i, ok := index[e.Seq]
		if !ok {
			return
		}
		ev := sectionEvent{I: i, Heading: e.Heading, Text: e.Delta, Seconds: e.Elapsed.Seconds()}
		if e.Err != nil {
			ev.Error = e.Err.Error()
		}
		s.send(e.Status, ev)
	}
}

// writeIndexes maps the sequence numbers draft.Service gives the sections
// it writes to their index in the outline.
func writeIndexes(items []draft.OutlineItem) map[int]int {
	m := map[int]int{}
	n := 0
	for i, it := range items {
		if it.Write {
			n++
			m[n] = i
		}
	}
	return m
}

// sectionView is one outline item as the page shows it.
type sectionView struct {
	I        int    `json:"i"`
	Level    int    `json:"level"`
	Marker   string `json:"marker"`
	Heading  string `json:"heading"`
	Category string `json:"category"`
	Part     string `json:"part"`
	Write    bool   `json:"write"`
	Text     string `json:"text"`
	Status   string `json:"status"`
}

// resultView is the data of the result event: the draft as it now stands.
type resultView struct {
	RunID    int64             `json:"run_id"`
	Title    string            `json:"title"`
	Mode     string            `json:"mode"`
	Opening  string            `json:"opening"`
	Markdown string            `json:"markdown"`
	Sections []sectionView     `json:"sections"`
	Check    draft.CheckResult `json:"check"`
}

func outlineEvent(items []draft.OutlineItem) []sectionView {
	out := make([]sectionView, len(items))
	for i, it := range items {
		out[i] = sectionView{I: i, Level: it.Level, Marker: it.Marker, Heading: it.Heading, Category: it.Category, Part: it.Part, Write: it.Write, Status: draft.StatusPending}
	}
	return out
}

func resultFromDraft(res draft.Result, items []draft.OutlineItem) resultView {
	v := resultView{RunID: res.RunID, Title: res.Title, Mode: res.Mode, Opening: openingOf(res.Markdown), Markdown: res.Markdown, Check: res.Check}
	for i, s := range res.Sections {
		v.Sections = append(v.Sections, sectionView{I: i, Level: s.Level, Marker: s.Marker, Heading: s.Heading,
			Category: s.Category, Part: s.Part, Write: i < len(items) && items[i].Write, Text: s.Text, Status: s.Status})
	}
	return v
}

// openingOf takes the opening paragraph out of a rendered draft: the text
// between the title (and offline notice) and the first heading.
func openingOf(md string) string {
	var keep []string
	for i, l := range strings.Split(md, "\n") {
		switch {
		case i == 0 || strings.HasPrefix(l, ">") || strings.TrimSpace(l) == "":
			continue
		case strings.HasPrefix(l, "#"):
			return strings.Join(keep, "\n")
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "\n")
}
