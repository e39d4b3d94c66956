package model

import (
	"fmt"
	"strings"
	"testing"
)

func TestDiffText(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		a, b string
		want string
	}{
		{"a\nb\nc", "a\nc", " a|-b| c"},
		{"a\nc", "a\nb\nc\n", " a|+b| c"},
		{"", "x", "+x"},
		{"x\ny", "", "-x|-y"},
		{"one\ntwo\nthree", "zero\none\nthree\nfour", "+zero| one|-two| three|+four"},
	} {
		var parts []string
		for _, e := range DiffText(tc.a, tc.b) {
			parts = append(parts, e.Op+e.Line)
		}
		if got := strings.Join(parts, "|"); got != tc.want {
			t.Errorf("DiffText(%q, %q) = %q, want %q", tc.a, tc.b, got, tc.want)
		}
	}
}

// A long text with scattered edits shows just those lines as changed.
func TestDiffTextOfALongText(t *testing.T) {
	t.Parallel()
	count := map[string]int{}
	for _, e := range DiffText(longText(2000, 0, 0), longText(2000, 50, 7)) {
		count[e.Op]++
	}
	if count["-"] != 40 || count["+"] != 40 || count[" "] != 1960 {
		t.Errorf("DiffText of 2,000 lines with 40 edited: %v", count)
	}
}

func TestExcerptKeepsChangesWithTheirContext(t *testing.T) {
	t.Parallel()
	var parts []string
	for _, e := range Excerpt(DiffText("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nC\nd\ne\nf\ng\nH"), 1) {
		parts = append(parts, e.Op+e.Line)
	}
	if got, want := strings.Join(parts, "|"), "…| b|-c|+C| d|…| g|-h|+H"; got != want {
		t.Errorf("Excerpt = %q, want %q", got, want)
	}
	if got := Excerpt(DiffText("a\nb", "a\nb"), 1); len(got) != 1 || got[0].Op != "…" {
		t.Errorf("Excerpt of no change = %v", got)
	}
}

// longText is a text of n lines, each edited on one side in every stride
// lines from offset on.
func longText(n, stride, offset int) string {
	var b strings.Builder
	for i := range n {
		if stride > 0 && i%stride == offset {
			fmt.Fprintf(&b, "line %d, edited\n", i)
			continue
		}
		fmt.Fprintf(&b, "line %d of a long context that people edit\n", i)
	}
	return b.String()
}

// BenchmarkDiffText: a 2,000-line text with 40 lines edited apart from
// each other, as `accord log` and the TUI's history diff it.
func BenchmarkDiffText(b *testing.B) {
	old, edited := longText(2000, 0, 0), longText(2000, 50, 7)
	b.ReportAllocs()
	for b.Loop() {
		if len(DiffText(old, edited)) == 0 {
			b.Fatal("no diff")
		}
	}
}

// BenchmarkMergeLongText: the same text edited in 40 places on each side,
// none of them touching, merged three-way.
func BenchmarkMergeLongText(b *testing.B) {
	base, ours, theirs := longText(2000, 0, 0), longText(2000, 50, 7), longText(2000, 50, 31)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := mergeText(base, ours, theirs); !ok {
			b.Fatal("conflict")
		}
	}
}
