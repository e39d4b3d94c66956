package widget

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

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

// FuzzMatcher types the fuzz input's bytes as keys ('\b' a backspace)
// and checks every answer against a fresh scan.
func FuzzMatcher(f *testing.F) {
	f.Add("csv\b\bap", "Cap CSV uploads\nCSV import wizard")
	f.Add("İ\bi", "İstanbul\nistanbul\nISTANBUL")
	f.Add("ß\bss", "straße\nSTRASSE")
	f.Fuzz(func(t *testing.T, keys, texts string) {
		var items []Item
		for i, line := range strings.Split(texts, "\n") {
			items = append(items, Item{ID: string(rune('a' + i%26)), Filter: line})
		}
		m := newMatcher(items)
		var q []rune
		for _, k := range keys {
			if k == '\b' {
				if len(q) > 0 {
					q = q[:len(q)-1]
				}
			} else {
				q = append(q, k)
			}
			if got, want := m.find(string(q), false), scanAll(items, string(q), false); !slices.Equal(got, want) {
				t.Fatalf("query %q: matched %v, a fresh scan %v", string(q), got, want)
			}
		}
	})
}
