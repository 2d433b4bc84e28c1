package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/zongjie/zongjie/corpus"
)

// docsPerPage is how many reports one page of the corpus list shows.
const docsPerPage = 50

// pickerLimit is how many reports, newest first, the template and summary
// pickers list; older ones are chosen by typing their number.
const pickerLimit = 200

// picker is the reports a picker lists and how many it leaves out.
type picker struct {
	Docs []corpus.DocumentRecord
	More int // reports not listed, chosen by number
}

// newestReports lists the newest reports for a picker.
func (h *handlers) newestReports(ctx context.Context) (picker, error) {
	docs, total, err := h.Corpus.DocumentPage(ctx, 0, pickerLimit)
	return picker{Docs: docs, More: total - len(docs)}, err
}

// chosenReport is the report a form names: the typed number when given,
// else the picker's choice.
func chosenReport(r *http.Request, field string) string {
	if id := strings.TrimSpace(r.PostFormValue(field + "_id")); id != "" {
		return id
	}
	return strings.TrimSpace(r.PostFormValue(field))
}

// pager is the page links under the corpus list.
type pager struct {
	Page, Pages, Total int
	// First and Last number the reports shown, counted from the newest.
	First, Last int
	Prev, Next  string // links, "" at either end
	Links       []pageLink
}

// pageLink is one numbered page link, or a gap ("…") between them.
type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

// pageNumber reads ?page=, 1 when absent or not a positive number.
func pageNumber(q url.Values) int {
	n, err := strconv.Atoi(q.Get("page"))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// newPager builds the links for page of total reports, keeping the other
// query parameters (the search) in every link.
func newPager(q url.Values, page, total int) pager {
	pages := max((total+docsPerPage-1)/docsPerPage, 1)
	p := pager{Page: page, Pages: pages, Total: total,
		First: min((page-1)*docsPerPage+1, total), Last: min(page*docsPerPage, total)}
	link := func(n int) string {
		v := url.Values{}
		for k, xs := range q {
			v[k] = xs
		}
		v.Set("page", strconv.Itoa(n))
		return "/?" + v.Encode() + "#docs"
	}
	if page > 1 {
		p.Prev = link(min(page-1, pages))
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	last := 0
	for _, n := range pageNumbers(page, pages) {
		if n > last+1 {
			p.Links = append(p.Links, pageLink{Gap: true})
		}
		p.Links = append(p.Links, pageLink{N: n, URL: link(n), Current: n == page})
		last = n
	}
	return p
}

// pageNumbers lists the pages to link: the first, the last and two either
// side of the current one, in order.
func pageNumbers(page, pages int) []int {
	var out []int
	for n := 1; n <= pages; n++ {
		if n == 1 || n == pages || n >= page-2 && n <= page+2 {
			out = append(out, n)
		}
	}
	return out
}
