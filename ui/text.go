package ui

import (
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
)

// clean makes one line of untrusted text (from a record, a commit, a file
// name) safe for the terminal: no control, escape or bidi characters, no
// line breaks. Every record string passes through it on its way to a view.
func clean(s string) string { return model.CleanText(s, false) }

// cleanBlock is clean for multi-line text: line breaks survive.
func cleanBlock(s string) string { return model.CleanText(s, true) }

// fit cuts s (which may hold styling) to width cells with an ellipsis.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// pad fits s to exactly width cells.
func pad(s string, width int) string {
	s = fit(s, width)
	if w := ansi.StringWidth(s); w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// wrap breaks plain text into lines of at most width cells.
func wrap(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Wrap(s, width, "")
}

// label turns an enum value into words: key_result → key result.
func label(s string) string { return strings.ReplaceAll(s, "_", " ") }
