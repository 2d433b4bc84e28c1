package draft

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/zongjie/zongjie/corpus"
)

// SectionSource supplies stored sections of a category for example selection.
type SectionSource interface {
	// Sections returns sections of the category, of the part when part is
	// not empty, at most limit (≤ 0: all), the user's own reports before
	// the built-in sample reports (内置范文).
	Sections(ctx context.Context, category, part string, limit int) ([]corpus.SectionRecord, error)
}

// StarterPolicy says when sections of the built-in sample reports (内置范文)
// may serve as examples (configuration drafting.starter_examples).
type StarterPolicy string

const (
	// StarterAuto uses them for a category only while the user has no
	// report of their own with a section of that category. It is the
	// default, and what the zero value means.
	StarterAuto StarterPolicy = "auto"
	// StarterAlways uses them always, ranked after the user's own.
	StarterAlways StarterPolicy = "always"
	// StarterNever never uses them.
	StarterNever StarterPolicy = "never"
)

// ParseStarterPolicy reads a configured policy; "" is auto.
func ParseStarterPolicy(s string) (StarterPolicy, error) {
	switch p := StarterPolicy(strings.ToLower(strings.TrimSpace(s))); p {
	case "", StarterAuto:
		return StarterAuto, nil
	case StarterAlways, StarterNever:
		return p, nil
	}
	return "", fmt.Errorf("drafting.starter_examples 应为 auto、always 或 never，而不是 %q", s)
}

// UseStarter reports whether sections of built-in sample reports may serve
// as examples of category under policy; hasOwn says whether the user has a
// section of their own in the category (computed only for auto).
func UseStarter(ctx context.Context, src SectionSource, category string, policy StarterPolicy) (use, hasOwn bool, err error) {
	switch policy {
	case StarterAlways:
		return true, false, nil
	case StarterNever:
		return false, false, nil
	}
	hasOwn, err = hasOwnSection(ctx, src, category)
	return !hasOwn, hasOwn, err
}

// hasOwnSection reports whether the user has a section of their own (not
// from a 内置范文) in category: the source lists those first, so one
// section tells.
func hasOwnSection(ctx context.Context, src SectionSource, category string) (bool, error) {
	secs, err := src.Sections(ctx, category, "", 1)
	if err != nil {
		return false, fmt.Errorf("检索范文: %w", err)
	}
	return len(secs) > 0 && !secs[0].Builtin, nil
}

// withoutStarter returns the sections not from built-in sample reports, in a
// new slice (the source's may be shared).
func withoutStarter(secs []corpus.SectionRecord) []corpus.SectionRecord {
	out := make([]corpus.SectionRecord, 0, len(secs))
	for _, s := range secs {
		if !s.Builtin {
			out = append(out, s)
		}
	}
	return out
}

// Example is a past section chosen as a style reference, with its rank.
type Example struct {
	corpus.SectionRecord
	Score   float64
	Reasons []string
}

// ExampleOptions tune example selection.
type ExampleOptions struct {
	K        int // examples wanted, at most one per document
	MinChars int // shorter sections are poor examples
	MaxChars int // longer ones are penalised
	// Starter says when built-in sample reports (内置范文) may be examples;
	// "" is StarterAuto.
	Starter StarterPolicy
}

// candidatePool bounds how many sections of a category are ranked.
const candidatePool = 2000

// SelectExamples returns the best k example sections for a category and part
// given the user's facts: relevant wording, the same kinds of figures, at most
// one per document, and penalties for placeholders and odd lengths; the
// user's own reports come before the built-in sample reports (内置范文), which
// are left out under opt.Starter (by default once the user has a report of
// their own in the category). When the part has too few sections, other
// parts of the category fill in. Every example's Reasons say, in Chinese,
// why it was chosen: category, part, own report or 内置范文, the score's
// terms, length and year.
func SelectExamples(ctx context.Context, src SectionSource, category, part string, facts []Fact, opt ExampleOptions) ([]Example, error) {
	if opt.K <= 0 {
		opt.K = 3
	}
	if opt.MinChars <= 0 {
		opt.MinChars = 80
	}
	if opt.MaxChars <= 0 {
		opt.MaxChars = 1500
	}
	secs, err := src.Sections(ctx, category, part, candidatePool)
	if err != nil {
		return nil, fmt.Errorf("检索范文: %w", err)
	}
	useStarter, hasOwn := true, false
	switch opt.Starter {
	case StarterAlways:
	case StarterNever:
		useStarter = false
	default:
		// The part's pool lists own sections first; only when it has none
		// must the whole category be asked.
		hasOwn = len(secs) > 0 && !secs[0].Builtin
		if !hasOwn && part != "" {
			if hasOwn, err = hasOwnSection(ctx, src, category); err != nil {
				return nil, err
			}
		}
		useStarter = !hasOwn
	}
	if !useStarter {
		secs = withoutStarter(secs)
	}
	ranked := rankExamples(secs, facts, opt)
	out := pickPerDocument(ranked, opt.K, nil)
	if len(out) < opt.K && part != "" {
		more, err := src.Sections(ctx, category, "", candidatePool)
		if err != nil {
			return nil, fmt.Errorf("检索范文: %w", err)
		}
		if !useStarter {
			more = withoutStarter(more)
		}
		ranked := rankExamples(more, facts, opt)
		for i := range ranked {
			if ranked[i].Part != part {
				ranked[i].Score -= 1
				ranked[i].Reasons = append(ranked[i].Reasons, "部分不同（"+corpus.PartName(ranked[i].Part)+"）−1")
			}
		}
		sortExamples(ranked)
		out = pickPerDocument(ranked, opt.K, out)
	}
	for i := range out {
		out[i].Reasons = explain(out[i], opt.Starter, hasOwn, len(facts) > 0)
	}
	return out, nil
}

// explain puts the reasons every example has before the score's terms:
// category, part and source; then the terms; then length and year when no
// term spoke of them.
func explain(e Example, policy StarterPolicy, hasOwn, withFacts bool) []string {
	out := []string{"类别：" + e.Category, "部分：" + corpus.PartName(e.Part)}
	switch {
	case !e.Builtin:
		out = append(out, "本单位报告（排在内置范文之前）")
	case policy == StarterAlways:
		out = append(out, "内置范文（配置为总是使用，排在本单位报告之后）")
	default:
		out = append(out, "内置范文（本类别尚无本单位报告）")
	}
	if !withFacts {
		out = append(out, "未给事实：不比较用词与数字")
	}
	out = append(out, e.Reasons...)
	lengthSaid := false
	for _, r := range e.Reasons {
		if strings.HasPrefix(r, "过短") || strings.HasPrefix(r, "过长") || strings.HasPrefix(r, "较长") {
			lengthSaid = true
		}
	}
	if !lengthSaid {
		out = append(out, fmt.Sprintf("长度适中（%d 字）", utf8.RuneCountInString(e.Text)))
	}
	if e.Year > 0 {
		out = append(out, fmt.Sprintf("%d 年（同分时较新者优先）", e.Year))
	} else {
		out = append(out, "年份不详（同分时排在有年份者之后）")
	}
	return out
}

func pickPerDocument(ranked []Example, k int, have []Example) []Example {
	used := map[int64]bool{}
	seen := map[int64]bool{}
	for _, e := range have {
		used[e.DocID] = true
		seen[e.SectionID] = true
	}
	for _, e := range ranked {
		if len(have) >= k {
			break
		}
		if used[e.DocID] || seen[e.SectionID] {
			continue
		}
		used[e.DocID] = true
		have = append(have, e)
	}
	return have
}

// rankExamples scores every candidate; see SelectExamples.
func rankExamples(secs []corpus.SectionRecord, facts []Fact, opt ExampleOptions) []Example {
	var factText strings.Builder
	var labels []string
	for _, f := range facts {
		factText.WriteString(f.Text)
		factText.WriteByte('\n')
		for _, g := range f.Figures {
			if g.Label != "" {
				labels = append(labels, g.Label)
			}
		}
	}
	want := newBigramIndex(factText.String())
	labelGrams := make([]*bigramIndex, len(labels))
	for i, l := range labels {
		labelGrams[i] = newBigramIndex(l)
	}
	out := make([]Example, 0, len(secs))
	for _, s := range secs {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		e := Example{SectionRecord: s}
		if shared := want.sharedWith(s.Heading, s.Text); want.size() > 0 {
			rel := float64(shared) / float64(want.size())
			e.Score += 4 * rel
			e.Reasons = append(e.Reasons, fmt.Sprintf("与事实共有词 %d 个 +%.2f", shared, 4*rel))
		}
		kinds := 0
		var kindNames []string
		for i, l := range labels {
			for _, g := range s.Figures {
				if g.Label != "" && labelGrams[i].sharedWith(g.Label) >= 2 {
					kinds++
					kindNames = append(kindNames, l)
					break
				}
			}
		}
		if kinds > 0 {
			e.Score += 0.8 * float64(kinds)
			e.Reasons = append(e.Reasons, fmt.Sprintf("同类数字（%s）+%.1f", strings.Join(kindNames, "、"), 0.8*float64(kinds)))
		}
		placeholders := 0
		for _, g := range s.Figures {
			if g.Placeholder {
				placeholders++
			}
		}
		if placeholders > 0 {
			p := 0.4 * float64(placeholders)
			e.Score -= p
			e.Reasons = append(e.Reasons, fmt.Sprintf("占位符 %d 个 −%.1f", placeholders, p))
		}
		n := utf8.RuneCountInString(s.Text)
		switch {
		case n < opt.MinChars:
			e.Score -= 2
			e.Reasons = append(e.Reasons, fmt.Sprintf("过短（%d 字）−2", n))
		case n > 2*opt.MaxChars:
			e.Score -= 1.5
			e.Reasons = append(e.Reasons, fmt.Sprintf("过长（%d 字）−1.5", n))
		case n > opt.MaxChars:
			e.Score -= 0.5
			e.Reasons = append(e.Reasons, fmt.Sprintf("较长（%d 字）−0.5", n))
		}
		out = append(out, e)
	}
	sortExamples(out)
	return out
}

// sortExamples orders candidates: the user's own reports before the
// built-in sample reports, then by score, newer year and storage order.
func sortExamples(ex []Example) {
	sort.SliceStable(ex, func(i, j int) bool {
		if ex[i].Builtin != ex[j].Builtin {
			return !ex[i].Builtin
		}
		if ex[i].Score != ex[j].Score {
			return ex[i].Score > ex[j].Score
		}
		if ex[i].Year != ex[j].Year {
			return ex[i].Year > ex[j].Year
		}
		return ex[i].SectionID < ex[j].SectionID
	})
}

// bigramSet is the set of adjacent Han character pairs of s.
func bigramSet(s string) map[string]bool {
	set := map[string]bool{}
	var prev rune
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			if prev != 0 {
				set[string([]rune{prev, r})] = true
			}
			prev = r
		} else {
			prev = 0
		}
	}
	return set
}

// bigramIndex is the set of Han bigrams of a short text (the user's facts)
// that long texts are compared with many times: counting what a candidate
// shares with it reads the candidate once and allocates nothing per
// candidate, where bigramSet would build a map of every candidate.
type bigramIndex struct {
	index map[[2]rune]int // bigram → its number
	seen  []bool          // scratch: which bigrams the current text has
}

// newBigramIndex indexes the distinct Han bigrams of s.
func newBigramIndex(s string) *bigramIndex {
	b := &bigramIndex{index: map[[2]rune]int{}}
	eachBigram(s, func(g [2]rune) {
		if _, ok := b.index[g]; !ok {
			b.index[g] = len(b.index)
		}
	})
	b.seen = make([]bool, len(b.index))
	return b
}

// size is the number of distinct bigrams indexed.
func (b *bigramIndex) size() int { return len(b.index) }

// sharedWith counts the indexed bigrams that occur in any of texts, each
// once: overlap(bigramSet(s), bigramSet(texts joined by newlines)).
func (b *bigramIndex) sharedWith(texts ...string) int {
	clear(b.seen)
	n := 0
	for _, t := range texts {
		eachBigram(t, func(g [2]rune) {
			if i, ok := b.index[g]; ok && !b.seen[i] {
				b.seen[i] = true
				n++
			}
		})
	}
	return n
}

// eachBigram calls fn with every adjacent pair of Han characters of s.
func eachBigram(s string, fn func([2]rune)) {
	var prev rune
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			if prev != 0 {
				fn([2]rune{prev, r})
			}
			prev = r
		} else {
			prev = 0
		}
	}
}

func overlap(a, b map[string]bool) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}
