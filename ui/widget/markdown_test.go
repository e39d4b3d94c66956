package widget

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// sgr is a colour sequence, the only one rendered text may keep.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// FuzzSanitizeRendered: whatever glamour gives back (an author can slip
// any byte in through an HTML entity), what reaches the screen holds no
// escape sequence but colour, no control character but the line break,
// and no bidi override; text around the sequences is kept.
func FuzzSanitizeRendered(f *testing.F) {
	for _, seed := range []string{
		"plain text\n\twith a tab",
		"\x1b[1;38;5;99mbold colour\x1b[0m",
		"\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
		"\x1b]52;c;aGk=\x07clipboard",
		"unterminated \x1b]52;c;aGk=",
		"\x1b[2J\x1b[?1049h\x1bPq#0;2;0;0;0\x1b\\",
		"\u009b31m C1 CSI \u202eevil\u202c",
		"\x1b",
		"\x1b[",
		"a\x1b\x1b[31mb",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := sanitizeRendered(s)
		rest := sgr.ReplaceAllString(out, "")
		for _, r := range rest {
			switch {
			case r == '\n':
			case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
				t.Fatalf("control character %U in %q (from %q)", r, out, s)
			case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
				t.Fatalf("bidi control %U in %q (from %q)", r, out, s)
			}
		}
		if !strings.Contains(s, "\x1b") && !strings.ContainsFunc(s, unicode.IsControl) && strings.ReplaceAll(s, "\t", "    ") != out &&
			!strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) || r == 0xfffd }) {
			t.Fatalf("plain text changed: %q became %q", s, out)
		}
	})
}
