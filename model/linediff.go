package model

import (
	"strings"

	"github.com/aymanbagabas/go-udiff/lcs"
)

// Line diffs: the one comparison of two sequences of lines behind a
// record's history (DiffText, for `accord log` and the TUI's history) and
// the three-way merge of long text and lists (lcsMatch, for diff3). Both
// use the Myers algorithm of github.com/aymanbagabas/go-udiff (a copy of
// the Go tools' internal diff), which costs about (N+M)·D for D
// differences instead of the N·M of a longest-common-subsequence table. Its
// search is bounded, so on texts that differ almost everywhere it returns
// a common subsequence that may not be the longest: a diff that shows a
// few more lines changed than it could, never a wrong one.

// TextEdit is one line of a line diff: Op is ' ' (the same on both sides),
// '-' (only in the old text) or '+' (only in the new).
type TextEdit struct {
	Op   string `json:"op"`
	Line string `json:"line"`
}

// DiffText compares two texts line by line and returns every line of
// both, marked; where lines were replaced, the old ones come first.
func DiffText(a, b string) []TextEdit {
	x, y := textLines(a), textLines(b)
	var out []TextEdit
	i := 0
	for _, d := range lcs.DiffLines(x, y) {
		for ; i < d.Start; i++ {
			out = append(out, TextEdit{" ", x[i]})
		}
		for _, l := range x[d.Start:d.End] {
			out = append(out, TextEdit{"-", l})
		}
		for _, l := range y[d.ReplStart:d.ReplEnd] {
			out = append(out, TextEdit{"+", l})
		}
		i = d.End
	}
	for ; i < len(x); i++ {
		out = append(out, TextEdit{" ", x[i]})
	}
	return out
}

// Excerpt keeps the changed lines of a line diff and context lines of
// the same text around each change; each run of lines it leaves out
// becomes one TextEdit with Op "…" and no Line.
func Excerpt(lines []TextEdit, context int) []TextEdit {
	show := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op != " " {
			for j := max(0, i-context); j <= min(len(lines)-1, i+context); j++ {
				show[j] = true
			}
		}
	}
	var out []TextEdit
	for i, l := range lines {
		switch {
		case show[i]:
			out = append(out, l)
		case len(out) == 0 || out[len(out)-1].Op != "…":
			out = append(out, TextEdit{Op: "…"})
		}
	}
	return out
}

// textLines are the lines of s without their line breaks.
func textLines(s string) []string {
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// lcsMatch matches a against b along a common subsequence: m[i] is the
// index in b of a[i], or -1. ok is false when what lies between the common
// head and tail is longer than maxMergeLines on either side.
func lcsMatch(a, b []string) (m []int, ok bool) {
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	if len(a)-head-tail > maxMergeLines || len(b)-head-tail > maxMergeLines {
		return nil, false
	}
	m = make([]int, len(a))
	i, j := 0, 0
	for _, d := range lcs.DiffLines(a, b) {
		for ; i < d.Start; i, j = i+1, j+1 {
			m[i] = j
		}
		for ; i < d.End; i++ {
			m[i] = -1
		}
		j = d.ReplEnd
	}
	for ; i < len(a); i, j = i+1, j+1 {
		m[i] = j
	}
	return m, true
}
