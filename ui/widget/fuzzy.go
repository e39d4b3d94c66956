package widget

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The fuzzy filter ranks rows exactly as github.com/sahilm/fuzzy's Find
// did (the filter's answers must not change with its speed; the tests
// compare the two over random queries): an item matches when the query's
// letters appear in it in order, ignoring case, and it scores a bonus for
// a letter matched first in the text, after a separator, at a camel-case
// hump or next to the letter matched before, and a penalty for letters
// before the first match and for every letter left unmatched. Rows come
// best first, ties in their own order.
//
// What differs is the cost of a keystroke at 100,000 records. The
// library scans every row with rune decoding and case folding, allocates
// for every match and sorts them all; here a row whose text and the query
// are ASCII (nearly every row) is scored byte by byte against the text
// lower-cased once, when the rows are set; a query that only grew is
// scored over the rows the shorter one matched (an item the query "ab"
// matches, "a" matches: the scan for "a" runs as the scan for "ab" does
// until it looks for the "b"); and the ranking is a counting sort over
// the scores, which span a few hundred values.
//
// The scoring below is the library's (MIT licence, © 2017 Sahil
// Muthoo), with its constants.
const (
	fzFirstCharBonus       = 10
	fzSeparatorBonus       = 20
	fzCamelCaseBonus       = 20
	fzAdjacentBonus        = 5
	fzLeadingPenalty       = -5
	fzMaxLeadingPenalty    = -15
	fzCountingSortMaxRange = 1 << 16
)

// fuzzyScore scores text (lower its lower-cased form, ascii whether text
// is all ASCII) against the query; ok is false when it does not match.
// pattern is the query's runes, lowPattern its bytes lower-cased when the
// query is ASCII, nil otherwise.
func fuzzyScore(text, lower string, ascii bool, pattern []rune, lowPattern []byte) (score int, ok bool) {
	if i := strings.IndexByte(text, 0); i >= 0 { // the library stops at a NUL
		text, lower = text[:i], lower[:min(i, len(lower))]
	}
	if ascii && lowPattern != nil {
		return fuzzyScoreASCII(text, lower, lowPattern)
	}
	return fuzzyScoreRunes(text, pattern)
}

// fuzzyScoreASCII is fuzzyScoreRunes for an ASCII text and query: ASCII
// case folding is lower-casing, and a byte is a rune. Only two kinds of
// position change the score: one holding the query's letter looked for
// (a candidate: the best one so far is kept), and one just before the
// letter after it, or the text's last one (where the best candidate is
// taken and the next letter looked for). The scan jumps from one to the
// next with strings.IndexByte instead of stepping through every byte.
func fuzzyScoreASCII(text, lower string, p []byte) (int, bool) {
	n := len(text)
	total, matched := 0, 0
	best, bestAt, lastMatch, adjacent := -1, -1, -1, 0
	take := -1 // the next position where the best candidate is taken; -1: not known
	for j := 0; j < n; {
		pc := p[matched]
		c := n // the next candidate
		if k := strings.IndexByte(lower[j:], pc); k >= 0 {
			c = j + k
		}
		if bestAt < 0 {
			if c == n {
				break // the letter is not in the rest of the text
			}
			j = c // nothing before the first candidate counts
		}
		if take < j {
			take = n - 1
			if matched < len(p)-1 {
				if k := strings.IndexByte(lower[j+1:], p[matched+1]); k >= 0 {
					take = j + k
				}
			}
		}
		at := take
		if c <= take {
			at = c
			s := 0
			if c == 0 {
				s += fzFirstCharBonus
			}
			if c > 0 {
				last := text[c-1]
				if 'a' <= last && last <= 'z' && 'A' <= text[c] && text[c] <= 'Z' {
					s += fzCamelCaseBonus
				}
				if isFuzzySeparator(rune(last)) {
					s += fzSeparatorBonus
				}
			}
			if matched > 0 && lastMatch == c-1 {
				bonus := adjacent*2 + fzAdjacentBonus
				s += bonus
				adjacent += bonus
			}
			if s > best {
				best, bestAt = s, c
			}
		}
		if at == take && bestAt > -1 {
			if matched == 0 {
				best += max(bestAt*fzLeadingPenalty, fzMaxLeadingPenalty)
			}
			total += best
			lastMatch = bestAt
			matched++
			best, bestAt, take = -1, -1, -1
			if matched == len(p) {
				break
			}
		}
		j = at + 1
	}
	total += matched - n
	return total, matched == len(p)
}

// fuzzyScoreRunes is the library's scan of one text, without its
// allocations.
func fuzzyScoreRunes(text string, p []rune) (int, bool) {
	total, pi, matched := 0, 0, 0
	best, bestAt, lastMatch, adjacent := -1, -1, -1, 0
	var last rune
	lastIndex := 0
	nextc, nextSize := utf8.DecodeRuneInString(text)
	var c rune
	var size int
	for j := 0; j < len(text); j += size {
		c, size = nextc, nextSize
		if fuzzyEqualFold(c, p[pi]) {
			s := 0
			if j == 0 {
				s += fzFirstCharBonus
			}
			if unicode.IsLower(last) && unicode.IsUpper(c) {
				s += fzCamelCaseBonus
			}
			if j != 0 && isFuzzySeparator(last) {
				s += fzSeparatorBonus
			}
			if matched > 0 && lastMatch == lastIndex {
				bonus := adjacent*2 + fzAdjacentBonus
				s += bonus
				adjacent += bonus
			}
			if s > best {
				best, bestAt = s, j
			}
		}
		var nextp rune
		if pi < len(p)-1 {
			nextp = p[pi+1]
		}
		if j+size < len(text) {
			nextc, nextSize = utf8.DecodeRuneInString(text[j+size:])
		} else {
			nextc, nextSize = 0, 0
		}
		if (fuzzyEqualFold(nextp, nextc) || nextc == 0) && bestAt > -1 {
			if matched == 0 {
				best += max(bestAt*fzLeadingPenalty, fzMaxLeadingPenalty)
			}
			total += best
			lastMatch = bestAt
			matched++
			best, bestAt = -1, -1
			pi++
		}
		lastIndex = j
		last = c
	}
	total += matched - len(text)
	return total, matched == len(p)
}

// fuzzyEqualFold is strings.EqualFold for one rune each, as the library
// has it.
func fuzzyEqualFold(tr, sr rune) bool {
	if tr == sr {
		return true
	}
	if tr < sr {
		tr, sr = sr, tr
	}
	if tr < utf8.RuneSelf {
		return 'A' <= sr && sr <= 'Z' && tr == sr+'a'-'A'
	}
	r := unicode.SimpleFold(sr)
	for r != sr && r < tr {
		r = unicode.SimpleFold(r)
	}
	return r == tr
}

func isFuzzySeparator(r rune) bool {
	switch r {
	case '/', '-', '_', ' ', '.', '\\':
		return true
	}
	return false
}

// fuzzyAnswer is the items a fuzzy query matches: in their own order (to
// narrow a longer query from) and best first (to show).
type fuzzyAnswer struct {
	query   []rune
	inOrder []int
	ranked  []int
}

// findFuzzy scores the candidates (indices into the items, in order)
// against query and returns the answer.
func (m *matcher) findFuzzy(query string, candidates []int) fuzzyAnswer {
	pattern := []rune(query)
	var lowPattern []byte
	if isASCII(query) {
		lowPattern = []byte(strings.ToLower(query))
	}
	hits := make([]int, 0, len(candidates))
	scores := make([]int, 0, len(candidates))
	for _, i := range candidates {
		if s, ok := fuzzyScore(m.items[i].Filter, m.lower[i], m.ascii[i], pattern, lowPattern); ok {
			hits = append(hits, i)
			scores = append(scores, s)
		}
	}
	return fuzzyAnswer{query: pattern, inOrder: hits, ranked: rankByScore(hits, scores)}
}

// rankByScore orders hits by score, highest first, ties in the order
// given (a stable sort, as the library's).
func rankByScore(hits, scores []int) []int {
	if len(hits) == 0 {
		return nil
	}
	lo, hi := slices.Min(scores), slices.Max(scores)
	out := make([]int, len(hits))
	if hi-lo >= fzCountingSortMaxRange {
		order := make([]int, len(hits))
		for k := range order {
			order[k] = k
		}
		slices.SortStableFunc(order, func(a, b int) int { return scores[b] - scores[a] })
		for k, o := range order {
			out[k] = hits[o]
		}
		return out
	}
	// Counting sort, highest score first: start[s] is where the first hit
	// scoring hi-s goes.
	start := make([]int, hi-lo+2)
	for _, s := range scores {
		start[hi-s+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	for k, s := range scores {
		out[start[hi-s]] = hits[k]
		start[hi-s]++
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runesHavePrefix reports whether q starts with p, rune by rune (a byte
// prefix is not one when the bytes are not UTF-8).
func runesHavePrefix(q, p []rune) bool {
	return len(q) >= len(p) && slices.Equal(q[:len(p)], p)
}
