package model

import "strings"

// Nearest returns the candidate closest to word by edit distance (case
// ignored), for "did you mean …?" — or "" when none is close enough to be
// a likely typo: at most a third of the word's length, and at least one,
// edits away.
func Nearest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestD := "", len([]rune(w))/3+1
	if bestD > 3 {
		bestD = 3
	}
	for _, c := range candidates {
		if d := editDistance(w, strings.ToLower(c)); d <= bestD && (best == "" || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (with adjacent swaps,
// the commonest typo) between two strings, by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// DidYouMean is " (did you mean X?)" for the nearest candidate, or "".
func DidYouMean(word string, candidates []string) string {
	if n := Nearest(word, candidates); n != "" && n != word {
		return " (did you mean " + n + "?)"
	}
	return ""
}
