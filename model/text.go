package model

import (
	"strconv"
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
		if n := escapeLen(s[i:]); n > 0 {
			i += n // a whole escape sequence, not just its first byte
			continue
		}
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

// escapeLen is the length of the terminal escape sequence s starts with,
// or 0: CSI (ESC [ or C1 0x9b) up to its final byte; OSC, DCS, SOS, PM and
// APC (ESC ] P X ^ _, or their C1 forms) up to BEL or the string
// terminator; any other ESC with the byte after it. An unterminated
// sequence runs to the end of the text, so nothing of it is shown.
func escapeLen(s string) int {
	var body int // where the sequence's body starts
	var kind byte
	switch {
	case strings.HasPrefix(s, "\x1b") && len(s) >= 2:
		kind, body = s[1], 2
	case strings.HasPrefix(s, "\x1b"):
		return 1
	case strings.HasPrefix(s, "\u009b"):
		kind, body = '[', 2
	case strings.HasPrefix(s, "\u009d"):
		kind, body = ']', 2
	case strings.HasPrefix(s, "\u0090"), strings.HasPrefix(s, "\u0098"), strings.HasPrefix(s, "\u009e"), strings.HasPrefix(s, "\u009f"):
		kind, body = 'P', 2
	default:
		return 0
	}
	switch kind {
	case '[':
		for i := body; i < len(s); i++ {
			if c := s[i]; c >= 0x40 && c <= 0x7e {
				return i + 1
			} else if c < 0x20 || c > 0x7e {
				return i // malformed: drop what came so far
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_':
		for i := body; i < len(s); i++ {
			switch {
			case s[i] == 0x07:
				return i + 1
			case strings.HasPrefix(s[i:], "\x1b\\"):
				return i + 2
			case strings.HasPrefix(s[i:], "\u009c"):
				return i + 2
			}
		}
		return len(s)
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

// isBidiControl reports the characters that reorder text: embeddings,
// overrides, isolates and marks.
func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// Plural counts things in words: "1 commit", "3 commits", "2 people". A
// word that does not take an s is listed in irregularPlurals.
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if many, ok := irregularPlurals[word]; ok {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + word + "s"
}

var irregularPlurals = map[string]string{"person": "people"}

// ShortHash abbreviates a commit hash to the eight characters Accord shows
// everywhere: in history, diffs and error messages.
func ShortHash(h string) string {
	if len(h) > 8 {
		return h[:8]
	}
	return h
}
