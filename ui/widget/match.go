package widget

import (
	"strings"
)

// matcher finds the items a filter query matches: every item whose text
// contains the query, ignoring case; or, fuzzy, every item the query's
// letters appear in, in order, best first. Each item's text is lower-cased
// once, when the items are set, not on every key. A substring query is
// answered from the answer to the longest earlier query it contains (an
// item that contains "ab" contains "a"), so each letter typed scans only
// what the one before left, and a backspace finds its answer kept. A
// fuzzy query is answered the same way from the longest earlier one it
// starts with (fuzzy.go).
type matcher struct {
	items []Item
	lower []string
	ascii []bool // the item's text is all ASCII
	// chain holds answers, each to a query that contains the one before;
	// the first is "", every item.
	chain []answer
	// fuzzyChain holds fuzzy answers, each to a query that starts with
	// the one before.
	fuzzyChain []fuzzyAnswer
}

type answer struct {
	query string
	hits  []int
}

func newMatcher(items []Item) matcher {
	m := matcher{items: items, lower: make([]string, len(items)), ascii: make([]bool, len(items))}
	all := make([]int, len(items))
	for i, it := range items {
		m.lower[i] = strings.ToLower(it.Filter)
		m.ascii[i] = isASCII(it.Filter)
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
		q := []rune(query)
		for len(m.fuzzyChain) > 0 && !runesHavePrefix(q, m.fuzzyChain[len(m.fuzzyChain)-1].query) {
			m.fuzzyChain = m.fuzzyChain[:len(m.fuzzyChain)-1]
		}
		from := m.chain[0].hits
		if len(m.fuzzyChain) > 0 {
			last := m.fuzzyChain[len(m.fuzzyChain)-1]
			if len(last.query) == len(q) {
				return last.ranked
			}
			from = last.inOrder
		}
		a := m.findFuzzy(query, from)
		m.fuzzyChain = append(m.fuzzyChain, a)
		return a.ranked
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
