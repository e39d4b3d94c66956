package widget

// Markdown in the terminal: glamour, in Accord's colours, its output made
// safe (only colour survives) and fitted to a pane.

import (
	"fmt"
	"image/color"
	"regexp"
	"strings"

	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// MarkdownStyle is glamour's dark or light style without its document
// margins, with headings in Accord's primary colour and without the
// "##" prefixes.
func MarkdownStyle(s *common.Styles) gansi.StyleConfig {
	cfg := styles.DarkStyleConfig
	if !s.Dark {
		cfg = styles.LightStyleConfig
	}
	zero := uint(0)
	yes := true
	primary := hexOf(s.Theme.Primary)
	cfg.Document.Margin = &zero
	cfg.Document.BlockPrefix, cfg.Document.BlockSuffix = "", ""
	cfg.Heading.Color = &primary
	cfg.H1 = gansi.StyleBlock{StylePrimitive: gansi.StylePrimitive{Bold: &yes, Color: &primary}}
	cfg.H2 = gansi.StyleBlock{StylePrimitive: gansi.StylePrimitive{Bold: &yes, Color: &primary}}
	text := cfg.Document.Color
	cfg.H3 = gansi.StyleBlock{StylePrimitive: gansi.StylePrimitive{Bold: &yes, Color: text}}
	return cfg
}

func hexOf(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// sanitizeRendered keeps glamour's output to text and colour: only SGR
// sequences survive. Everything else is dropped: other escape sequences
// (glamour's OSC 8 hyperlinks, or anything an author slipped in as an
// HTML entity such as "&#27;", which glamour unescapes), control
// characters and bidi overrides. The text between sequences goes through
// model.CleanText, the one scanner of untrusted text; x/ansi's parser says
// where each sequence that starts with ESC ends. Tabs become spaces so
// widths hold.
func sanitizeRendered(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		i := strings.IndexByte(s, ansi.ESC)
		if i < 0 {
			i = len(s)
		}
		b.WriteString(strings.ReplaceAll(common.CleanBlock(s[:i]), "\t", "    "))
		if i == len(s) {
			break
		}
		seq, _, n, _ := ansi.DecodeSequence(s[i:], ansi.NormalState, nil)
		if isSGR(seq) {
			b.WriteString(seq)
		}
		s = s[i+max(n, 1):]
	}
	return b.String()
}

// trailingPad is spaces and colour changes at the end of a line.
var trailingPad = regexp.MustCompile(`(?:\x1b\[[0-9;:]*m| )+$`)

// FitRendered trims rendered text to the pane: no blank lines at either end
// or twice in a row, no common left margin, and no line wider than width
// (a long one is wrapped, at spaces where it can, so nothing is lost).
func FitRendered(text string, width int) string {
	lines := strings.Split(text, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	margin := -1
	for _, l := range lines {
		if blank(l) {
			continue
		}
		p := ansi.Strip(l)
		if n := len(p) - len(strings.TrimLeft(p, " ")); margin < 0 || n < margin {
			margin = n
		}
	}
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		// Glamour pads each line to the wrap width with styled spaces:
		// drop them (the pane pads), ending the line's styles instead.
		if loc := trailingPad.FindStringIndex(l); loc != nil {
			tail := l[loc[0]:]
			l = l[:loc[0]]
			if strings.Contains(tail, "\x1b") && l != "" {
				l += "\x1b[m"
			}
		}
		if blank(l) {
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			continue
		}
		if margin > 0 {
			l = ansi.TruncateLeft(l, margin, "")
		}
		if ansi.StringWidth(l) <= width {
			out = append(out, l)
			continue
		}
		for w := range strings.SplitSeq(ansi.Wrap(l, max(width, 1), ""), "\n") {
			out = append(out, common.Fit(w, width))
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n")
}

// hangItems indents the wrapped lines of a list item under the item's
// text, which glamour leaves at the bullet's column.
func hangItems(text string, width int) string {
	lines := strings.Split(text, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	out := make([]string, 0, len(lines))
	for i := 0; i < len(lines); i++ {
		indent, ok := itemIndent(lines[i])
		j := i + 1
		for ok && j < len(lines) && !blank(lines[j]) {
			if _, next := itemIndent(lines[j]); next {
				break
			}
			j++
		}
		if !ok || j == i+1 || indent >= width/2 {
			out = append(out, lines[i])
			continue
		}
		parts := []string{trimStyled(ansi.TruncateLeft(lines[i], indent, ""))}
		for _, l := range lines[i+1 : j] {
			parts = append(parts, trimStyled(l))
		}
		body := strings.Split(ansi.Wrap(joinWrapped(parts), width-indent, ""), "\n")
		for k, l := range body {
			if k == 0 {
				out = append(out, ansi.Cut(lines[i], 0, indent)+l)
			} else {
				out = append(out, strings.Repeat(" ", indent)+l)
			}
		}
		i = j - 1
	}
	return strings.Join(out, "\n")
}

// joinWrapped joins the lines of a wrapped paragraph back into one: with
// a space, except after a word broken at its hyphen ("mid-" "market").
func joinWrapped(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := ansi.Strip(lines[i-1])
			if !strings.HasSuffix(prev, "-") || strings.HasSuffix(prev, " -") || prev == "-" {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// itemIndent is where the text of a rendered list item starts ("• " or
// "3. " after any indent); false when the line does not start an item.
func itemIndent(line string) (int, bool) {
	p := ansi.Strip(line)
	t := strings.TrimLeft(p, " ")
	lead := len(p) - len(t)
	if strings.HasPrefix(t, "• ") {
		return lead + 2, true
	}
	digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
	if digits > 0 && strings.HasPrefix(t[digits:], ". ") {
		return lead + digits + 2, true
	}
	return 0, false
}

// trimStyled drops the spaces around styled text, keeping its styles.
func trimStyled(l string) string {
	p := ansi.Strip(l)
	if n := len(p) - len(strings.TrimLeft(p, " ")); n > 0 {
		l = ansi.TruncateLeft(l, n, "")
	}
	return ansi.Truncate(l, ansi.StringWidth(strings.TrimRight(ansi.Strip(l), " ")), "")
}

// isSGR reports whether seq sets colour and weight: ESC [, parameters,
// m.
func isSGR(seq string) bool {
	params, ok := strings.CutPrefix(seq, "\x1b[")
	if !ok {
		return false
	}
	params, ok = strings.CutSuffix(params, "m")
	return ok && strings.Trim(params, "0123456789;:") == ""
}

// RenderMarkdown renders Markdown for width in a style made by
// MarkdownStyle; on error it shows the source, never nothing. It shares
// nothing, so it may run in a command.
func RenderMarkdown(style gansi.StyleConfig, src string, width int) string {
	// Glamour wraps a quote's text before it adds the quote's bar.
	md, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(max(width-2, 1)))
	if err != nil {
		return FitRendered(common.CleanBlock(src), width)
	}
	out, err := md.Render(src)
	if err != nil {
		return FitRendered(common.CleanBlock(src), width)
	}
	return finish(out, width)
}

// finish makes glamour's output safe and fits it to width.
func finish(out string, width int) string {
	return FitRendered(hangItems(sanitizeRendered(out), width), width)
}

// Markdown renders Markdown in Accord's colours, keeping its renderer
// while the width and the palette stay the same (making one is costly).
type Markdown struct {
	r     *glamour.TermRenderer
	width int
	dark  bool
}

// Render renders src for width; on error it shows the source as plain
// text, never nothing. Blank source renders as "".
func (m *Markdown) Render(s *common.Styles, src string, width int) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	if m.r == nil || m.width != width || m.dark != s.Dark {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(MarkdownStyle(s)), glamour.WithWordWrap(width))
		if err != nil {
			return FitRendered(common.Wrap(src, width), width)
		}
		m.r, m.width, m.dark = r, width, s.Dark
	}
	out, err := m.r.Render(src)
	if err != nil {
		m.r = nil // its state after a failure is unknown
		return FitRendered(common.Wrap(src, width), width)
	}
	return finish(out, width)
}
