package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestMergeText(t *testing.T) {
	t.Parallel()
	d := mgDecision()
	lines := strings.SplitAfter(d.Context, "\n")
	ctx := func(ls ...string) string { return strings.Join(ls, "") }
	runMergeCases(t, []mergeCase{{
		name: "edits to separate lines combine",
		base: d, ours: mgEdit(d, func(d *Decision) {
			d.Context = ctx("Customers upload exports of up to 5 GB.\n", lines[1], lines[2], lines[3])
		}),
		theirs: mgEdit(d, func(d *Decision) {
			d.Context = ctx(lines[0], lines[1], lines[2], "Large customers split files by hand, badly.\n")
		}),
		want: mgEdit(d, func(d *Decision) {
			d.Context = ctx("Customers upload exports of up to 5 GB.\n", lines[1], lines[2], "Large customers split files by hand, badly.\n")
		}),
	}, {
		name: "lines added at both ends combine",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx("Background:\n", d.Context) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context += "See DEC-0000000A.\n" }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx("Background:\n", d.Context, "See DEC-0000000A.\n") }),
	}, {
		name: "a deletion and a distant edit combine",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], lines[1], lines[2]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx("Customers upload big exports.\n", lines[1], lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx("Customers upload big exports.\n", lines[1], lines[2]) }),
	}, {
		name: "one line edited differently on both sides conflicts on the field",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It times out.\n", lines[2], lines[3]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It crashes.\n", lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "It times out.\n", lines[2], lines[3]) }),
		conflicts: []FieldConflict{{Field: "context", Base: d.Context,
			Ours:   ctx(lines[0], "It times out.\n", lines[2], lines[3]),
			Theirs: ctx(lines[0], "It crashes.\n", lines[2], lines[3])}},
	}, {
		name: "insertions at the same place conflict",
		base: d, ours: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]) }),
		theirs: mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "B.\n", lines[1], lines[2], lines[3]) }),
		want:   mgEdit(d, func(d *Decision) { d.Context = ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]) }),
		conflicts: []FieldConflict{{Field: "context", Base: d.Context,
			Ours:   ctx(lines[0], "A.\n", lines[1], lines[2], lines[3]),
			Theirs: ctx(lines[0], "B.\n", lines[1], lines[2], lines[3])}},
	}, {
		name: "a one-line text that gains lines on one side merges line by line",
		base: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers." }),
		ours: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers.\nSales too." }),
		theirs: mgEdit(d, func(d *Decision) {
			d.Consequences = "Support must tell customers."
			d.Title = "T"
		}),
		want: mgEdit(d, func(d *Decision) { d.Consequences = "Support must tell customers.\nSales too."; d.Title = "T" }),
	}, {
		name: "a missing final line break is kept",
		base: mgEdit(d, func(d *Decision) { d.Context = "a\nb\nc\nd" }),
		ours: mgEdit(d, func(d *Decision) { d.Context = "A\nb\nc\nd" }), theirs: mgEdit(d, func(d *Decision) { d.Context = "a\nb\nc\nD" }),
		want: mgEdit(d, func(d *Decision) { d.Context = "A\nb\nc\nD" }),
	}})
}

func TestMergeTextMarked(t *testing.T) {
	t.Parallel()
	base := "id: GOAL-1\ntitle: Old\nowner: raj\nstate: active\n"
	for _, tc := range []struct {
		name, ours, theirs, want string
		conflicts                int
	}{
		{"apart", "id: GOAL-1\ntitle: Mine\nowner: raj\nstate: active\n",
			"id: GOAL-1\ntitle: Old\nowner: raj\nstate: closed\n",
			"id: GOAL-1\ntitle: Mine\nowner: raj\nstate: closed\n", 0},
		{"same line", "id: GOAL-1\ntitle: Mine\nowner: raj\nstate: active\n",
			"id: GOAL-1\ntitle: Theirs\nowner: raj\nstate: active\n",
			"id: GOAL-1\n<<<<<<< yours\ntitle: Mine\n=======\ntitle: Theirs\n>>>>>>> saved\nowner: raj\nstate: active\n", 1},
		{"no final newline", "id: GOAL-1\ntitle: Old\nowner: raj\nstate: x",
			"id: GOAL-1\ntitle: Old\nowner: raj\nstate: y",
			"id: GOAL-1\ntitle: Old\nowner: raj\n<<<<<<< yours\nstate: x\n=======\nstate: y\n>>>>>>> saved\n", 1},
	} {
		got, n, ok := MergeTextMarked(base, tc.ours, tc.theirs, "yours", "saved")
		if !ok || got != tc.want || n != tc.conflicts {
			t.Errorf("%s: got %d conflicts, ok %v:\n%s\nwant:\n%s", tc.name, n, ok, got, tc.want)
		}
	}
}

// FuzzMergeTextMarked: an edit on one side only comes through as it is,
// a clean marked merge is the plain line merge, and a conflicted one keeps
// both sides' text.
func FuzzMergeTextMarked(f *testing.F) {
	f.Add("a\nb\nc\n", "a\nB\nc\n", "a\nb\nC\n")
	f.Add("a\nb\n", "a\nX\n", "a\nY\n")
	f.Add("", "x", "y")
	f.Add("a\nb", "a\nb\n", "a")
	f.Fuzz(func(t *testing.T, base, ours, theirs string) {
		if got, n, ok := MergeTextMarked(base, ours, base, "o", "t"); ok && (got != ours || n != 0) {
			t.Fatalf("an edit on our side only became %q (%d conflicts)", got, n)
		}
		if got, n, ok := MergeTextMarked(base, base, theirs, "o", "t"); ok && (got != theirs || n != 0) {
			t.Fatalf("an edit on their side only became %q (%d conflicts)", got, n)
		}
		got, n, ok := MergeTextMarked(base, ours, theirs, "o", "t")
		if !ok {
			return
		}
		plain, clean := mergeText(base, ours, theirs)
		if clean != (n == 0) || clean && plain != got {
			t.Fatalf("marked %q (%d conflicts) but plain %q (clean %v)", got, n, plain, clean)
		}
		if n > 0 && (!strings.Contains(got, "<<<<<<< o\n") || !strings.Contains(got, ">>>>>>> t\n")) {
			t.Fatalf("conflicts without markers: %q", got)
		}
	})
}

func TestMergeLongTextsAndLists(t *testing.T) {
	t.Parallel()
	var lines []string
	for i := range 2500 {
		lines = append(lines, fmt.Sprintf("line %d\n", i))
	}
	text := strings.Join(lines, "")
	reversed := slices.Clone(lines)
	slices.Reverse(reversed)

	// A small edit at each end of a long text still merges line by line:
	// only what lies between the common head and tail is compared.
	d := &Decision{ID: "DEC-2HV9PLQ4", Context: text}
	ours := &Decision{ID: "DEC-2HV9PLQ4", Context: "first\n" + text}
	theirs := &Decision{ID: "DEC-2HV9PLQ4", Context: text + "last\n"}
	if got, cs := Merge(d, ours, theirs); len(cs) > 0 || got.(*Decision).Context != "first\n"+text+"last\n" {
		t.Errorf("long text: conflicts %d, context of %d bytes", len(cs), len(got.(*Decision).Context))
	}

	// Beyond maxMergeLines of difference the text merges whole.
	ours = &Decision{ID: "DEC-2HV9PLQ4", Context: strings.Join(reversed, "")}
	if got, cs := Merge(d, ours, theirs); len(cs) != 1 || cs[0].Field != "context" || got.(*Decision).Context != ours.Context {
		t.Errorf("rewritten long text: conflicts %v", len(cs))
	}

	// A long list reordered on one side and added to on the other keeps
	// every item, whichever side is ours.
	tags := &Decision{ID: "DEC-2HV9PLQ4", Tags: lines}
	reordered := &Decision{ID: "DEC-2HV9PLQ4", Tags: reversed}
	added := &Decision{ID: "DEC-2HV9PLQ4", Tags: append(slices.Clone(lines), "new")}
	got1, cs1 := Merge(tags, reordered, added)
	got2, cs2 := Merge(tags, added, reordered)
	if len(cs1)+len(cs2) > 0 || mgEncode(got1) != mgEncode(got2) {
		t.Fatalf("long list: conflicts %d %d, symmetric %v", len(cs1), len(cs2), mgEncode(got1) == mgEncode(got2))
	}
	if merged := got1.(*Decision).Tags; len(merged) != 2501 || !slices.Contains(merged, "new") {
		t.Errorf("long list: %d items", len(merged))
	}
}
