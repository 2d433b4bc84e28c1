package main

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/zongjie/zongjie/draft"
)

// defaultWaitNotice is how long a section waits for the model's first words
// before the progress says that it is waiting.
const defaultWaitNotice = 10 * time.Second

// progress prints drafting events on stderr: a line per section start and
// end, and a "waiting" line while the model has not yet answered. On a
// terminal with one section at a time it also streams the text.
type progress struct {
	w      io.Writer
	quiet  bool
	stream bool          // echo the model's text as it arrives
	timed  bool          // say how long each section took (not offline: it takes no time)
	notice time.Duration // first "waiting" line after this, then every 3×

	mu      sync.Mutex
	waiting map[int]*time.Timer // by section seq
	closed  bool
}

// newProgress returns the progress printer of one draft; quiet prints
// nothing (JSON output), offline leaves out the seconds.
func (a *app) newProgress(quiet, offline bool) *progress {
	return &progress{
		w:       a.stderr,
		quiet:   quiet,
		stream:  isTerminal(a.stderr) && a.cfg.LLM.Concurrency <= 1,
		timed:   !offline,
		notice:  cmpDuration(a.cfg.LLM.WaitNotice, defaultWaitNotice),
		waiting: map[int]*time.Timer{},
	}
}

func cmpDuration(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// event prints one drafting event; it is safe for concurrent use.
func (p *progress) event(e draft.Event) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return
	}
	switch e.Status {
	case "start":
		fmt.Fprintf(p.w, "[%d/%d] 正在写：%s（%s）\n", e.Seq, e.Total, e.Heading, e.Category)
		p.wait(e, time.Now())
	case "delta":
		p.wait(e, time.Now()) // text flows: wait afresh
		if p.stream {
			fmt.Fprint(p.w, e.Delta)
		}
	case "repair":
		fmt.Fprintf(p.w, "[%d/%d] 数字与事实不符，正在请模型修正：%s\n", e.Seq, e.Total, e.Heading)
		p.wait(e, time.Now())
	case "done":
		p.stopWait(e.Seq)
		if p.stream {
			fmt.Fprintln(p.w)
		}
		if p.timed {
			fmt.Fprintf(p.w, "[%d/%d] 完成：%s（%.1f 秒）\n", e.Seq, e.Total, e.Heading, e.Elapsed.Seconds())
		} else {
			fmt.Fprintf(p.w, "[%d/%d] 完成：%s\n", e.Seq, e.Total, e.Heading)
		}
	case "failed":
		p.stopWait(e.Seq)
		fmt.Fprintf(p.w, "[%d/%d] 失败：%s：%v\n", e.Seq, e.Total, e.Heading, e.Err)
	}
}

// wait (re)arms the "waiting" line of a section that has heard nothing from
// the model since since.
// The caller holds p.mu.
func (p *progress) wait(e draft.Event, since time.Time) {
	if !p.timed {
		return
	}
	p.stopWait(e.Seq)
	var t *time.Timer
	t = time.AfterFunc(p.notice, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.closed || p.waiting[e.Seq] != t {
			return
		}
		if p.stream {
			fmt.Fprintln(p.w) // after the streamed text
		}
		fmt.Fprintf(p.w, "[%d/%d] 等待模型响应…（%s，已等 %.0f 秒）\n", e.Seq, e.Total, e.Heading, time.Since(since).Seconds())
		t.Reset(3 * p.notice)
	})
	p.waiting[e.Seq] = t
}

// stopWait disarms a section's "waiting" line. The caller holds p.mu.
func (p *progress) stopWait(seq int) {
	if t := p.waiting[seq]; t != nil {
		t.Stop()
		delete(p.waiting, seq)
	}
}

// close stops every pending "waiting" line.
func (p *progress) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for seq := range p.waiting {
		p.stopWait(seq)
	}
}
