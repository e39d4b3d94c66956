package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText makes untrusted text (from a record, a commit message, an
// author's name) safe to print on a terminal: it drops C0 and C1 control
// characters (so no escape sequence, bell or clipboard write gets through),
// bidirectional overrides and isolates (which can reorder what a reader
// sees), and invalid UTF-8. Newlines and tabs survive only when keepLines
// is set; otherwise they become spaces.
func CleanText(s string, keepLines bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c >= 0x80 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			continue
		case r == '\n' || r == '\t':
			if keepLines {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			continue
		case isBidiControl(r) || r == '\u00ad' || r == '\ufeff' || unicode.Is(unicode.Cf, r) && r != '\u200d':
			continue
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl reports the characters that reorder text: embeddings,
// overrides, isolates and marks.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}
