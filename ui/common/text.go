package common

// Text from records, commit messages and author names is untrusted: it
// passes through Clean or CleanBlock (model.CleanText) on its way to a
// view. The rest lays text out in terminal cells.

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
)

// Plural is a count and a noun: "1 goal", "3 goals".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Itoa is strconv.Itoa, for the many counts a view shows.
func Itoa(n int) string { return strconv.Itoa(n) }

// Clean makes one line of untrusted text (from a record, a commit, a file
// name) safe for the terminal: no control, escape or bidi characters, no
// line breaks. Every record string passes through it on its way to a view.
func Clean(s string) string { return model.CleanText(s, false) }

// CleanBlock is Clean for multi-line text: line breaks survive.
func CleanBlock(s string) string { return model.CleanText(s, true) }

// Fit cuts s (which may hold styling) to width cells with an ellipsis.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// Pad fits s to exactly width cells.
func Pad(s string, width int) string {
	s = Fit(s, width)
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// Wrap breaks plain text into lines of at most width cells.
func Wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Wrap(s, width, "")
}

// Label turns an enum value into words: key_result → key result.
func Label(s string) string { return strings.ReplaceAll(s, "_", " ") }

// Capitalise upper-cases a text's first letter: "accepted by …" starts a
// line as "Accepted by …".
func Capitalise(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}
