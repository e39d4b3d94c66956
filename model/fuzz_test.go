package model

import (
	"path"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPathOf: whatever ID is given, the path stays inside its kind's
// folder: clean, relative, no "..", one shard level at most.
func FuzzPathOf(f *testing.F) {
	for _, s := range []string{"GOAL-7K3FQ2M1", "DEC-2HV9PLQ4", "raj", "../../etc/passwd", "GOAL-../../x", "GOAL-7K/../..", "a/b", ".git", "GOAL-\x00AAAAAAA", "UPD-Q8W2ZD4N"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		for _, k := range Kinds {
			p, err := PathOf(k, id)
			if err != nil {
				continue
			}
			if path.Clean(p) != p || path.IsAbs(p) || strings.Contains(p, "..") || strings.Contains(p, "\\") {
				t.Fatalf("PathOf(%s, %q) = %q leaves its folder", k, id, p)
			}
			if !strings.HasPrefix(p, k.Dir()+"/") || !strings.HasSuffix(p, "/"+id+".yaml") {
				t.Fatalf("PathOf(%s, %q) = %q is not in %s/", k, id, p, k.Dir())
			}
			gk, gid, ok := KindOfPath(p)
			if !ok || gk != k || gid != id {
				t.Fatalf("KindOfPath(%q) = %s %q %v, want %s %q", p, gk, gid, ok, k, id)
			}
		}
	})
}

// FuzzCleanText: nothing that can steer a terminal survives, and cleaning
// twice changes nothing.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2J\x1b]52;c;aGk=\x07", "a\u202eb\u2066c", "\xc2\x9b31m", "bad \xff utf8", "tab\tand\nnewline", "zero\u200bwidth"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, keep := range []bool{false, true} {
			out := CleanText(s, keep)
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q", s)
			}
			for _, r := range out {
				if r < 0x20 && !(keep && (r == '\n' || r == '\t')) || r == 0x7f || r >= 0x80 && r < 0xa0 || isBidiControl(r) {
					t.Fatalf("CleanText(%q) kept %U", s, r)
				}
			}
			if CleanText(out, keep) != out {
				t.Fatalf("CleanText is not idempotent on %q", s)
			}
		}
	})
}
