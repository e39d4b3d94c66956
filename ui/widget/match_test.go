package widget

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/sahilm/fuzzy"
)

// scanAll is the filter as it was before answers were kept: every item's
// text lower-cased and searched for each query afresh.
func scanAll(items []Item, query string, fz bool) []int {
	var out []int
	switch {
	case query == "":
		for i := range items {
			out = append(out, i)
		}
	case fz:
		src := make([]string, len(items))
		for i, it := range items {
			src[i] = it.Filter
		}
		for _, m := range fuzzy.Find(query, src) {
			out = append(out, m.Index)
		}
	default:
		q := strings.ToLower(query)
		for i, it := range items {
			if strings.Contains(strings.ToLower(it.Filter), q) {
				out = append(out, i)
			}
		}
	}
	return out
}

var matchTexts = []string{
	"GOAL-7K3FQ2M1 Median days to first dashboard key result Raj Patel Onboarding 2026-Q4 active",
	"DEC-2HV9PLQ4 Cap CSV uploads at 50 MB accepted",
	"RACI-J5N0RT8K CSV import wizard launch mei raj platform",
	"raj Raj Patel Product lead Onboarding",
	"ÉQUIPE Zoë Ångström straße İstanbul",
	"", "a", "aa", "aaa", "ab ba",
}

// typeQueries types keys into a query as a person does: letters from the
// texts, backspaces, and now and then a cleared query or a pasted word.
func typeQueries(r *rand.Rand, n int) []string {
	var out []string
	q := []rune{}
	for range n {
		switch x := r.IntN(10); {
		case x < 6:
			t := []rune(matchTexts[r.IntN(len(matchTexts))])
			if len(t) > 0 {
				q = append(q, t[r.IntN(len(t))])
			}
		case x < 9 && len(q) > 0:
			q = q[:len(q)-1]
		case x == 9:
			q = q[:0]
		}
		out = append(out, string(q))
	}
	return out
}

// TestMatcherAgreesWithScan checks that answers narrowed from earlier
// ones, and kept for a backspace, are the rows a fresh scan finds: a row
// missing after a backspace is a record the user cannot find.
func TestMatcherAgreesWithScan(t *testing.T) {
	t.Parallel()
	var items []Item
	for i := range 300 {
		items = append(items, Item{ID: string(rune('a' + i%26)), Filter: matchTexts[i%len(matchTexts)][:len(matchTexts[i%len(matchTexts)])*(i%7+1)/7]})
	}
	r := rand.New(rand.NewPCG(1, 2))
	m := newMatcher(items)
	for step, q := range typeQueries(r, 3000) {
		fz := step%50 >= 45 // fuzzy now and then
		got, want := m.find(q, fz), scanAll(items, q, fz)
		if !slices.Equal(got, want) {
			t.Fatalf("step %d, query %q (fuzzy %v): matched %v, a fresh scan %v", step, q, fz, got, want)
		}
	}
}

// TestListBackspaceShowsRowsAgain types a query, then takes it back: each
// shorter query shows what it showed before, and no query shows all.
func TestListBackspaceShowsRowsAgain(t *testing.T) {
	t.Parallel()
	items := []Item{{ID: "1", Filter: "Cap CSV uploads"}, {ID: "2", Filter: "CSV import wizard"}, {ID: "3", Filter: "Hire a designer"}}
	l := NewList(nil, nil)
	l.SetItems(items)
	counts := map[string]int{}
	for _, q := range []string{"c", "cs", "csv", "csv ", "csv i"} {
		l.input.SetValue(q)
		l.refilter()
		counts[q] = l.Len()
	}
	for _, q := range []string{"csv ", "csv", "cs", "c", ""} {
		l.input.SetValue(q)
		l.refilter()
		want, ok := counts[q]
		if !ok {
			want = len(items)
		}
		if l.Len() != want {
			t.Errorf("query %q after a backspace: %d rows, want %d", q, l.Len(), want)
		}
	}
	if got := l.IDs(); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("rows with no query: %v", got)
	}
}

// fuzzyTexts are rows that exercise every rule of the fuzzy score: camel
// humps, separators, runs of adjacent letters, letters before the first
// match, text past a NUL, case folding beyond ASCII (the Kelvin sign is a
// "k", "ſ" an "s") and bytes that are not UTF-8.
var fuzzyTexts = []string{
	"GOAL-7K3FQ2M1 Median days to first dashboard key result Raj Patel Onboarding 2026-Q4 active",
	"DEC-2HV9PLQ4 Cap CSV uploads at 50 MB accepted",
	"RACI-J5N0RT8K CSV import wizard launch mei raj platform",
	"decisionRecord/accepted_by.raj\\patel",
	"The Black Knight", "tk", "aab", "abab", "a_b-c d.e/f", "CamelCaseWordsHere",
	"ÉQUIPE Zoë Ångström straße İstanbul", "\u212a kelvin \u017fs", "before\x00after",
	"bad \xe2\x82 utf8", "", "a", "aa", "eeeeeeee",
}

// TestFuzzyAgreesWithLibrary types random queries, fuzzy on every key, into
// a 100-fold list of rows and checks each answer against
// github.com/sahilm/fuzzy's Find over every row: the same rows, in the
// same order. A faster filter that ranked differently would move the
// record a user looks for.
func TestFuzzyAgreesWithLibrary(t *testing.T) {
	t.Parallel()
	var items []Item
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		text := fuzzyTexts[i%len(fuzzyTexts)]
		if k := r.IntN(4); k > 0 { // and rows cut short or joined
			text = text[:len(text)*k/4] + fuzzyTexts[r.IntN(len(fuzzyTexts))]
		}
		items = append(items, Item{ID: strconv.Itoa(i), Filter: text})
	}
	m := newMatcher(items)
	keys := append(append([]string{}, fuzzyTexts...), matchTexts...)
	q := []rune{}
	for step := range 4000 {
		switch x := r.IntN(10); {
		case x < 6:
			if t := []rune(keys[r.IntN(len(keys))]); len(t) > 0 {
				c := t[r.IntN(len(t))]
				if r.IntN(4) == 0 { // typed in the other case
					c = unicode.SimpleFold(c)
				}
				q = append(q, c)
			}
		case x < 9 && len(q) > 0:
			q = q[:len(q)-1]
		case x == 9:
			q = q[:0]
		}
		if got, want := m.find(string(q), true), scanAll(items, string(q), true); !slices.Equal(got, want) {
			t.Fatalf("step %d, fuzzy query %q: matched %v, the library %v", step, string(q), got, want)
		}
	}
}

// TestFuzzyScoresAreTheLibrarys checks the score itself, row by row,
// for queries that touch each bonus and penalty.
func TestFuzzyScoresAreTheLibrarys(t *testing.T) {
	t.Parallel()
	for _, q := range []string{"tk", "a", "ab", "aab", "cc", "cw", "cwh", "ace", "k", "\u212a", "s", "ſ", "SS", "é", "zo", "rpat", "dec", "\xe2", "a\x00", "bd"} {
		res := fuzzy.FindNoSort(q, fuzzyTexts)
		want := map[int]int{}
		for _, r := range res {
			want[r.Index] = r.Score
		}
		low := []byte(strings.ToLower(q))
		if !isASCII(q) {
			low = nil
		}
		for i, text := range fuzzyTexts {
			s, ok := fuzzyScore(text, strings.ToLower(text), isASCII(text), []rune(q), low)
			if w, wok := want[i]; ok != wok || (ok && s != w) {
				t.Errorf("query %q, row %q: score %d (match %v), the library's %d (match %v)", q, text, s, ok, w, wok)
			}
		}
	}
}

// FuzzMatcher types the fuzz input's bytes as keys ('\b' a backspace,
// '\t' switches between substring and fuzzy, as ctrl+t does) and checks
// every answer against a fresh scan (the library's, for fuzzy).
func FuzzMatcher(f *testing.F) {
	f.Add("csv\b\bap", "Cap CSV uploads\nCSV import wizard")
	f.Add("İ\bi", "İstanbul\nistanbul\nISTANBUL")
	f.Add("ß\bss", "straße\nSTRASSE")
	f.Add("\ttk\bk\b\b\u212a", "The Black Knight\nThe black knight\n\u212aelvin")
	f.Add("\tcwh\b\bh", "CamelCaseWordsHere\ncamel_case words-here\nbefore\x00after")
	f.Fuzz(func(t *testing.T, keys, texts string) {
		var items []Item
		for i, line := range strings.Split(texts, "\n") {
			items = append(items, Item{ID: string(rune('a' + i%26)), Filter: line})
		}
		m := newMatcher(items)
		var q []rune
		fz := false
		for _, k := range keys {
			switch k {
			case '\b':
				if len(q) > 0 {
					q = q[:len(q)-1]
				}
			case '\t':
				fz = !fz
			default:
				q = append(q, k)
			}
			if got, want := m.find(string(q), fz), scanAll(items, string(q), fz); !slices.Equal(got, want) {
				t.Fatalf("query %q (fuzzy %v): matched %v, a fresh scan %v", string(q), fz, got, want)
			}
		}
	})
}
