package form

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParseDeliverables: no text crashes the hand-off form's deliverables
// parser; what it accepts has unique, non-empty IDs, and writing it back
// and reading it again keeps every deliverable, its ID and its criteria.
func FuzzParseDeliverables(f *testing.F) {
	for _, seed := range []string{
		"CSV exporter\n  - handles 2 GB files\n  - documented\nImport wizard v2\n- resumable",
		"  - a criterion with nothing above it",
		"Same title\nSame title\nsame   TITLE",
		"\t\n\n   \n",
		"Title with \x1b]52;c;aGk=\x07 escape\n  - \u202eright-to-left",
		"- - nested dash\nX\n\t- tabbed",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ds, err := parseDeliverables(text, nil)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range ds {
			if d.ID == "" || seen[d.ID] {
				t.Fatalf("ID %q empty or repeated in %+v", d.ID, ds)
			}
			seen[d.ID] = true
		}
		again, err := parseDeliverables(formatDeliverables(ds), ds)
		if err != nil {
			t.Fatalf("its own output does not parse: %v\n%s", err, formatDeliverables(ds))
		}
		if len(again) != len(ds) {
			t.Fatalf("%d deliverables became %d:\n%s", len(ds), len(again), formatDeliverables(ds))
		}
		for i := range ds {
			if again[i].ID != ds[i].ID || len(again[i].Acceptance) != len(ds[i].Acceptance) {
				t.Fatalf("deliverable %d changed: %+v → %+v", i, ds[i], again[i])
			}
		}
	})
}

// FuzzParseConfidence: whatever a person types is refused or read as a
// confidence from 0 to 1.
func FuzzParseConfidence(f *testing.F) {
	for _, seed := range []string{"0.8", "80%", "80", "1,000", "-1", "NaN", "Inf", "1e309", " 0.5 ", "%", ""} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseConfidence(s)
		if err != nil || c == nil {
			return
		}
		if !(*c >= 0 && *c <= 1) {
			t.Fatalf("%q read as confidence %v", s, *c)
		}
	})
}

// FuzzLines: a text field's items are trimmed and never blank, and the
// "- " a person may type in front of one is not part of it.
func FuzzLines(f *testing.F) {
	for _, seed := range []string{"a\nb", "- a\n\n - b\n", "\n\n", "-  x", "- - x", "-"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range lines(s) {
			if l == "" || l != strings.TrimSpace(l) {
				t.Fatalf("item %q from %q", l, s)
			}
		}
		for _, l := range strings.Split(s, "\n") {
			if item, ok := strings.CutPrefix(strings.TrimSpace(l), "- "); ok && strings.TrimSpace(item) != "" &&
				!slices.Contains(lines(s), strings.TrimSpace(item)) {
				t.Fatalf("%q lost item %q", s, item)
			}
		}
	})
}
