package model

// Text merged line by line, as diff3 does: the three-way merge of long
// text in a record (mergeText), of a file edited in $EDITOR against what
// was saved meanwhile (MergeTextMarked), and of a list's order (mergeOrder
// in merge.go). Each side is matched against base with lcsMatch
// (linediff.go).

import (
	"slices"
	"strings"
)

// mergeText merges text line by line; ok is false when the sides changed the
// same or touching lines, or the text is too long to compare line by line.
func mergeText(base, ours, theirs string) (string, bool) {
	lines := [3][]string{splitLines(base), splitLines(ours), splitLines(theirs)}
	chunks, ok := diff3(lines[0], lines[1], lines[2])
	if !ok {
		return "", false
	}
	var out strings.Builder
	out.Grow(max(len(ours), len(theirs)))
	for _, c := range chunks {
		b, o, t := c.parts(lines)
		var take []string
		switch {
		case c.stable || slices.Equal(o, b):
			take = t
		case slices.Equal(t, b) || slices.Equal(o, t):
			take = o
		default:
			return "", false
		}
		for _, l := range take {
			out.WriteString(l)
		}
	}
	return out.String(), true
}

// MergeTextMarked merges text line by line as git does: where both sides
// changed the same or touching lines, both versions are kept between
// conflict markers (<<<<<<< oursLabel, =======, >>>>>>> theirsLabel), and
// conflicts counts them. ok is false when the text is too long to compare
// line by line.
func MergeTextMarked(base, ours, theirs, oursLabel, theirsLabel string) (merged string, conflicts int, ok bool) {
	lines := [3][]string{splitLines(base), splitLines(ours), splitLines(theirs)}
	chunks, ok := diff3(lines[0], lines[1], lines[2])
	if !ok {
		return "", 0, false
	}
	var out strings.Builder
	write := func(ls []string) {
		for _, l := range ls {
			out.WriteString(l)
		}
	}
	// Only the text's last line can lack a line break; a marker after it
	// must still start a line of its own.
	endLine := func() {
		if s := out.String(); s != "" && !strings.HasSuffix(s, "\n") {
			out.WriteString("\n")
		}
	}
	for _, c := range chunks {
		b, o, t := c.parts(lines)
		switch {
		case c.stable || slices.Equal(o, b):
			write(t)
		case slices.Equal(t, b) || slices.Equal(o, t):
			write(o)
		default:
			conflicts++
			out.WriteString("<<<<<<< " + oursLabel + "\n")
			write(o)
			endLine()
			out.WriteString("=======\n")
			write(t)
			endLine()
			out.WriteString(">>>>>>> " + theirsLabel + "\n")
		}
	}
	return out.String(), conflicts, true
}

// splitLines cuts text after each line break, so joining the lines gives the
// text back, a missing final line break included.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// chunk is one stretch of a three-way comparison: half-open ranges into
// base, ours and theirs. In a stable chunk all three hold the same lines.
type chunk struct {
	stable bool
	lo, hi [3]int
}

func (c chunk) parts(seq [3][]string) (base, ours, theirs []string) {
	return seq[0][c.lo[0]:c.hi[0]], seq[1][c.lo[1]:c.hi[1]], seq[2][c.lo[2]:c.hi[2]]
}

// diff3 splits three sequences into stable chunks, where base's lines are
// matched in both ours and theirs in step, and the unstable chunks between
// them (the algorithm of Khanna, Kunal and Pierce, "A Formal Investigation
// of Diff3"). Each side is matched against base on its own, so the chunks do
// not depend on which side is ours. ok is false when a sequence is too long
// to compare.
func diff3(base, ours, theirs []string) (chunks []chunk, ok bool) {
	mo, ok1 := lcsMatch(base, ours)
	mt, ok2 := lcsMatch(base, theirs)
	if !ok1 || !ok2 {
		return nil, false
	}
	n := [3]int{len(base), len(ours), len(theirs)}
	var at [3]int
	for {
		i := 0
		for at[0]+i < n[0] && mo[at[0]+i] == at[1]+i && mt[at[0]+i] == at[2]+i {
			i++
		}
		if i > 0 {
			next := [3]int{at[0] + i, at[1] + i, at[2] + i}
			chunks = append(chunks, chunk{stable: true, lo: at, hi: next})
			at = next
			continue
		}
		if at == n {
			return chunks, true
		}
		// The next base line both sides still have ends the unstable chunk.
		next := n
		for j := at[0]; j < n[0]; j++ {
			if mo[j] >= 0 && mt[j] >= 0 {
				next = [3]int{j, mo[j], mt[j]}
				break
			}
		}
		chunks = append(chunks, chunk{lo: at, hi: next})
		at = next
	}
}
