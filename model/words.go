package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// How findings and messages name things: kinds, levels, lists, numbers.

// ---- wording ----

var kindWordOf = map[Kind]string{
	KindGoal: "goal", KindUpdate: "check-in", KindDecision: "decision", KindRACI: "RACI item",
	KindHandoff: "hand-off", KindAnswer: "answer", KindPulse: "pulse", KindRetro: "retro", KindPerson: "person", KindTeam: "team",
}

func kindWord(k Kind) string {
	if n, ok := kindWordOf[k]; ok {
		return n
	}
	return string(k)
}

func kindWords(ks []Kind) string {
	names := make([]string, len(ks))
	for i, k := range ks {
		names[i] = kindWord(k)
	}
	return strings.Join(names, " or ")
}

func levelWord(level string) string {
	switch level {
	case LevelStrategic:
		return "strategic goal"
	case LevelKeyResult:
		return "key result"
	case LevelKPI:
		return "KPI"
	}
	return level
}

// articleFor is "a" or "an" for the word that follows.
func articleFor(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) && !strings.HasPrefix(word, "RACI") {
		return "an"
	}
	return "a"
}

// quoteValue marks a value that may be malformed, so stray spaces show.
func quoteValue(s string) string { return `"` + s + `"` }

func orEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return s
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func numberWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return strconv.Itoa(n)
}

// capList joins items with commas, naming at most ten.
func capList(items []string) string {
	const show = 10
	if len(items) <= show {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:show], ", ") + fmt.Sprintf(" and %d more", len(items)-show)
}

func joinAnd(items []string) string { return joinWithLast(items, "and") }
func joinOr(items []string) string  { return joinWithLast(items, "or") }

func joinWithLast(items []string, word string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + word + " " + items[len(items)-1]
}

func distinct(items []string) []string {
	var out []string
	for _, s := range items {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
