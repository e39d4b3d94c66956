package widget

import (
	"strings"

	"github.com/sahilm/fuzzy"
)

// matcher finds the items a filter query matches: every item whose text
// contains the query, ignoring case; or, fuzzy, every item the query's
// letters appear in, in order, best first. Each item's text is lower-cased
// once, when the items are set, not on every key. A substring query is
// answered from the answer to the longest earlier query it contains (an
// item that contains "ab" contains "a"), so each letter typed scans only
// what the one before left, and a backspace finds its answer kept.
type matcher struct {
	items []Item
	lower []string
	// chain holds answers, each to a query that contains the one before;
	// the first is "", every item.
	chain []answer
}

type answer struct {
	query string
	hits  []int
}

func newMatcher(items []Item) matcher {
	m := matcher{items: items, lower: make([]string, len(items))}
	all := make([]int, len(items))
	for i, it := range items {
		m.lower[i] = strings.ToLower(it.Filter)
		all[i] = i
	}
	m.chain = []answer{{hits: all}}
	return m
}

// find is the items query matches, as indices into the items, in order
// (fuzzy: best first); every item when query is "". The slice is shared
// with later calls: callers must not change it.
func (m *matcher) find(query string, fz bool) []int {
	if query == "" {
		return m.chain[0].hits
	}
	if fz {
		src := make([]string, len(m.items))
		for i, it := range m.items {
			src[i] = it.Filter
		}
		var out []int
		for _, r := range fuzzy.Find(query, src) {
			out = append(out, r.Index)
		}
		return out
	}
	q := strings.ToLower(query)
	for len(m.chain) > 1 && !strings.Contains(q, m.chain[len(m.chain)-1].query) {
		m.chain = m.chain[:len(m.chain)-1]
	}
	from := m.chain[len(m.chain)-1]
	if from.query == q {
		return from.hits
	}
	var hits []int
	for _, i := range from.hits {
		if strings.Contains(m.lower[i], q) {
			hits = append(hits, i)
		}
	}
	m.chain = append(m.chain, answer{query: q, hits: hits})
	return hits
}
