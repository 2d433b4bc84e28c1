package storetest

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/zongjie/zongjie/corpus"
)

// contains is the ground truth for a Han or digit term: a substring of the
// heading or text.
func contains(s corpus.Section, term string) bool {
	return strings.Contains(strings.ToLower(s.Heading+"\n"+s.Text), term)
}

type sectionKey struct {
	title, heading string
}

// expected returns the fixture sections that contain every term and pass q's filters.
func expected(q corpus.SearchQuery, terms []string) []sectionKey {
	var keys []sectionKey
	for _, d := range Fixtures() {
		if q.Org != "" && !strings.Contains(d.Org, q.Org) || q.Year != 0 && d.Year != q.Year {
			continue
		}
		for _, s := range d.Sections {
			if q.Category != "" && s.Category != q.Category || q.Part != "" && s.Part != q.Part {
				continue
			}
			ok := true
			for _, t := range terms {
				ok = ok && contains(s, t)
			}
			if ok {
				keys = append(keys, sectionKey{d.Title, s.Heading})
			}
		}
	}
	sortKeys(keys)
	return keys
}

func sortKeys(keys []sectionKey) {
	sort.Slice(keys, func(i, j int) bool {
		return keys[i].title+"\x00"+keys[i].heading < keys[j].title+"\x00"+keys[j].heading
	})
}

func testSearch(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	MustSave(t, db, Fixtures()...)

	tests := map[string]struct {
		q     corpus.SearchQuery
		terms []string // ground truth: every term is a substring
	}{
		"TwoChars党建":       {q: corpus.SearchQuery{Text: "党建"}, terms: []string{"党建"}},
		"TwoChars资助":       {q: corpus.SearchQuery{Text: "资助"}, terms: []string{"资助"}},
		"TwoChars师资":       {q: corpus.SearchQuery{Text: "师资"}, terms: []string{"师资"}},
		"TwoChars安全":       {q: corpus.SearchQuery{Text: "安全"}, terms: []string{"安全"}},
		"ThreeChars":       {q: corpus.SearchQuery{Text: "防溺水"}, terms: []string{"防溺水"}},
		"FourChars":        {q: corpus.SearchQuery{Text: "特岗教师"}, terms: []string{"特岗教师"}},
		"InsideLongerWord": {q: corpus.SearchQuery{Text: "老龄"}, terms: []string{"老龄"}},
		"AllTermsMatch":    {q: corpus.SearchQuery{Text: "安全 防溺水"}, terms: []string{"安全", "防溺水"}},
		"FullWidthSpace":   {q: corpus.SearchQuery{Text: "资助　学生"}, terms: []string{"资助", "学生"}},
		"DigitsAndHan":     {q: corpus.SearchQuery{Text: "1200人次"}, terms: []string{"1200人次"}},
		"TrailingOneChar":  {q: corpus.SearchQuery{Text: "2024年"}, terms: []string{"2024年"}},
		"LeadingOneChar":   {q: corpus.SearchQuery{Text: "第3条"}, terms: []string{"第3条"}},
		"LeadingFiltered":  {q: corpus.SearchQuery{Text: "第3条", Category: "资助", Year: 2023}, terms: []string{"第3条"}},
		"OneCharAndTerm":   {q: corpus.SearchQuery{Text: "局 党建"}, terms: []string{"局", "党建"}},
		"Word":             {q: corpus.SearchQuery{Text: "ai"}, terms: []string{"ai"}},
		"WordUpperCase":    {q: corpus.SearchQuery{Text: "ＡＩ"}, terms: []string{"ai"}},
		"OneChar":          {q: corpus.SearchQuery{Text: "校"}, terms: []string{"校"}},
		"OneCharFiltered":  {q: corpus.SearchQuery{Text: "校", Category: "安全"}, terms: []string{"校"}},
		"Category":         {q: corpus.SearchQuery{Text: "安全", Category: "安全"}, terms: []string{"安全"}},
		"Part":             {q: corpus.SearchQuery{Text: "安全", Part: corpus.PartPlan}, terms: []string{"安全"}},
		"Year":             {q: corpus.SearchQuery{Text: "党建", Year: 2023}, terms: []string{"党建"}},
		"Org":              {q: corpus.SearchQuery{Text: "安全", Org: "体育"}, terms: []string{"安全"}},
		"OrgAndCategory":   {q: corpus.SearchQuery{Text: "党建", Org: "市", Category: "党建"}, terms: []string{"党建"}},
		"NoHit":            {q: corpus.SearchQuery{Text: "营养改善"}, terms: []string{"营养改善"}},
		"NoTermsFilter":    {q: corpus.SearchQuery{Text: "  ，", Category: "安全"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			q := tt.q
			q.Limit = 100
			hits, err := db.Search(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var got []sectionKey
			for _, h := range hits {
				got = append(got, sectionKey{h.DocTitle, h.Heading})
				for _, term := range tt.terms {
					if contains(h.Section, term) && strings.Contains(strings.ToLower(h.Text), term) &&
						!strings.Contains(strings.ToLower(h.Snippet), "【"+term+"】") {
						t.Errorf("snippet %q lacks 【%s】", h.Snippet, term)
					}
				}
			}
			sortKeys(got)
			want := expected(q, tt.terms)
			if len(want) == 0 && name != "NoHit" {
				t.Fatal("test case matches no fixture section")
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("hits = %v\nwant %v", got, want)
			}
		})
	}
}

func testSearchRanking(t *testing.T, open func(*testing.T) Store) {
	db := open(t)
	MustSave(t, db, Fixtures()...)
	t.Run("HeadingFirst", func(t *testing.T) { rankHeadingFirst(t, db) })
	t.Run("NewerYearBreaksTies", func(t *testing.T) { rankNewerYear(t, open(t)) })
	t.Run("Limit", func(t *testing.T) { rankLimit(t, db) })
	t.Run("Figures", func(t *testing.T) { rankFigures(t, db) })
	t.Run("OneCharHeadingFirst", func(t *testing.T) { rankOneCharHeadingFirst(t, db) })
}

// rankHeadingFirst checks that sections whose heading has the term come first, scores descending.
func rankHeadingFirst(t *testing.T, db Store) {
	ctx := context.Background()
	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "安全"})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 3 || !strings.Contains(hits[0].Heading, "安全") || !strings.Contains(hits[1].Heading, "安全") {
		t.Fatalf("hits = %v; want the two 安全 headings first", headings(hits))
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Fatalf("scores not descending: %v", hits)
		}
	}
	if hits[0].Score <= 0 {
		t.Errorf("top score %v; want > 0", hits[0].Score)
	}
}

// rankNewerYear checks that among equal scores the newer year comes first, an unknown year last.
func rankNewerYear(t *testing.T, db Store) {
	ctx := context.Background()
	var docs []corpus.Document
	for _, year := range []int{2022, 0, 2024, 2023} {
		d := corpus.Document{Title: "同文", Org: "某县教育局", Year: year, Kind: corpus.KindSummary,
			Sections: []corpus.Section{{ID: "1", Level: 1, Heading: "学生资助", Category: "资助", Text: "资助工作稳步推进。"}}}
		d.Text = DocText(d) + string(rune('0'+year%10)) // distinct hashes
		docs = append(docs, d)
	}
	MustSave(t, db, docs...)
	for _, text := range []string{"资助", "资", ""} { // ranked, scanned, unfiltered
		hits, err := db.Search(ctx, corpus.SearchQuery{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var years []int
		for _, h := range hits {
			years = append(years, h.Year)
		}
		if !reflect.DeepEqual(years, []int{2024, 2023, 2022, 0}) {
			t.Errorf("Search(%q) years = %v; want newest first, unknown last", text, years)
		}
	}
}

// rankLimit checks that a query returns at most its limit, 10 by default.
func rankLimit(t *testing.T, db Store) {
	ctx := context.Background()
	for _, text := range []string{"安全", "校", ""} {
		hits, err := db.Search(ctx, corpus.SearchQuery{Text: text, Limit: 1})
		if err != nil || len(hits) != 1 {
			t.Errorf("Search(%q, Limit 1) = %d hits, %v", text, len(hits), err)
		}
	}
	hits, err := db.Search(ctx, corpus.SearchQuery{})
	if err != nil || len(hits) != 10 {
		t.Errorf("Search with no limit = %d hits, %v; want the default 10", len(hits), err)
	}
}

// rankFigures checks that hits carry their figures.
func rankFigures(t *testing.T, db Store) {
	ctx := context.Background()
	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "特岗教师"})
	if err != nil || len(hits) != 1 || len(hits[0].Figures) != 1 || hits[0].Figures[0].Value != 166 {
		t.Fatalf("Search(特岗教师) = %+v, %v", hits, err)
	}
}

// rankOneCharHeadingFirst checks that a single-character query puts headings with it first, with score 0.
func rankOneCharHeadingFirst(t *testing.T, db Store) {
	ctx := context.Background()
	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "题", Limit: 100})
	if err != nil || len(hits) == 0 || hits[0].Heading != "存在问题" || hits[0].Score != 0 {
		t.Fatalf("Search(题) = %v, %v; want 存在问题 first, score 0", headings(hits), err)
	}
}

// testSearchHostile feeds input that would be query syntax in either engine
// if it were pasted into a query.
func testSearchHostile(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	MustSave(t, db, Fixtures()...)
	for _, text := range []string{
		`"AND OR ( * NEAR`, `教育-局`, `存在问题:`, `NOT 计划`, `*`, `""`, ``,
		`'; DROP TABLE sections; --`, `heading:党建`, `{text}: 安全`, `党建 OR`, `NEAR(党建 资助, 2)`,
		`^党建`, `党建*`, `"党建`, `\`, `%_`, "\x00党建", "\uFFFD", strings.Repeat("党建 ", 200),
		`党建 & !资助 | <-> :* 'x'`, `a:*`, `党建 <2> 资助`, `\'`, "\xff\xfe教育",
	} {
		for _, q := range []corpus.SearchQuery{{Text: text}, {Text: text, Category: "党建", Org: "'"}, {Text: text, Org: "%\x00"}} {
			if _, err := db.Search(ctx, q); err != nil {
				t.Errorf("Search(%q) = %v", text, err)
			}
		}
	}
	if n, err := db.CountDocuments(ctx); err != nil || n != 3 {
		t.Fatalf("CountDocuments = %d, %v after hostile queries", n, err)
	}
}

// partyReport is a report with a heading-only 党建 section (its text is in
// its subsection) and a 党建 subsection with text.
func partyReport(title, text string) corpus.Document {
	return corpus.Document{Title: title, Org: "某县教育局", Year: 2022, Period: corpus.PeriodAnnual, Kind: corpus.KindSummary,
		Text: title + text,
		Sections: []corpus.Section{
			{ID: "1", Level: 1, Marker: "一、", Heading: "加强党建引领", Part: corpus.PartSummary, Category: "党建"},
			{ID: "1.1", Parent: "1", Level: 2, Marker: "（一）", Heading: "基层组织", Part: corpus.PartSummary, Category: "党建", Text: text},
		}}
}

func testOwnBeforeBuiltin(t *testing.T, open func(*testing.T) Store) {
	ctx := context.Background()
	db := open(t)
	save := func(source string, doc corpus.Document) int64 {
		id, _, err := db.SaveDocument(ctx, source, "UTF-8", doc)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	// The built-in report matches better (党建 three times) and is newer in
	// storage order; the user's own still comes first.
	builtin := save(corpus.StarterSource+"01.txt", partyReport("内置县2023年总结", "党建工作扎实，党建品牌突出，党建引领发展。"))
	own := save("我局/2023.txt", partyReport("本局2023年总结", "全年党建工作稳步推进。"))

	hits, err := db.Search(ctx, corpus.SearchQuery{Text: "党建"})
	if err != nil || len(hits) != 2 {
		t.Fatalf("%d hits, %v; want the two sections with text: %+v", len(hits), err, hits)
	}
	if hits[0].DocID != own || hits[0].Builtin || hits[1].DocID != builtin || !hits[1].Builtin {
		t.Errorf("hits = %d (builtin %v), %d (builtin %v); want own %d first", hits[0].DocID, hits[0].Builtin, hits[1].DocID, hits[1].Builtin, own)
	}
	for _, h := range hits {
		if h.Snippet == "" || h.Text == "" {
			t.Errorf("hit %q has an empty snippet", h.Heading)
		}
	}
	// Single characters take the scanning path: the same rules.
	if hits, err = db.Search(ctx, corpus.SearchQuery{Text: "党"}); err != nil || len(hits) != 2 || hits[0].DocID != own {
		t.Errorf("single-character search: %+v, %v", hits, err)
	}
	pool, err := db.Sections(ctx, "党建", "", 0)
	if err != nil || len(pool) != 4 || pool[0].DocID != own || pool[3].DocID != builtin || !pool[3].Builtin {
		t.Errorf("Sections pool order: %+v, %v", pool, err)
	}
}

func headings(hits []corpus.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Heading)
	}
	return out
}
