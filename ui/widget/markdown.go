package widget

// Markdown in the terminal: goldmark parses it, and a walk of its tree
// writes each block for a width in Accord's colours. Every piece of text
// that comes from the source goes through common.Clean on its way out, so
// the only escape sequences in the result are the colours written here.

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MarkdownStyles are how the parts of Markdown look in the terminal. A
// style that is empty leaves the text as the terminal shows it.
type MarkdownStyles struct {
	Heading    ansi.Style // H1 and H2
	Subheading ansi.Style // H3 and deeper
	Strong     ansi.Style // **strong** text and a table's header
	Emphasis   ansi.Style
	Strike     ansi.Style
	Code       ansi.Style // code spans and blocks
	Link       ansi.Style // a link's text
	Muted      ansi.Style // a link's address, a quote's bar, rules and a table's lines
}

// MarkdownStyle is Markdown in Accord's theme, dark or light as s is:
// headings in the primary colour, the rest in the terminal's own text
// colour so that it reads on either background.
func MarkdownStyle(s *common.Styles) MarkdownStyles {
	return MarkdownStyles{
		Heading:    ansi.Style{}.Bold().ForegroundColor(s.Theme.Primary),
		Subheading: ansi.Style{}.Bold(),
		Strong:     ansi.Style{}.Bold(),
		Emphasis:   ansi.Style{}.Italic(true),
		Strike:     ansi.Style{}.Strikethrough(true),
		Code:       ansi.Style{}.ForegroundColor(s.Theme.Info),
		Link:       ansi.Style{}.Underline(true),
		Muted:      ansi.Style{}.ForegroundColor(s.Theme.Muted),
	}
}

// mdParser parses GitHub-flavoured Markdown: tables, strikethrough, task
// lists and bare URLs as links. It is made on first use, not when the
// program starts, since most commands never render Markdown; goldmark
// keeps a document's state in the parse, so one parser serves every
// goroutine.
var mdParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough,
		extension.TaskList, extension.Linkify)).Parser()
})

// RenderMarkdown renders Markdown for width in a style made by
// MarkdownStyle: no line wider than width, none ending in spaces, blocks
// apart by one blank line. It shares nothing, so it may run in a command.
func RenderMarkdown(style MarkdownStyles, src string, width int) (out string) {
	// The walk has been fuzzed, but a panic here would end the program
	// (the report renders in a command): show the text plainly instead.
	defer func() {
		if recover() != nil {
			out = FitRendered(common.Wrap(common.CleanBlock(src), width), width)
		}
	}()
	return strings.Join(renderMarkdown(style, src, width), "\n")
}

// renderMarkdown is RenderMarkdown's lines, without its guard.
func renderMarkdown(style MarkdownStyles, src string, width int) []string {
	width = max(width, 1)
	b := []byte(src)
	doc := mdParser().Parse(text.NewReader(b))
	r := &mdRenderer{st: style, src: b}
	lines := r.blocks(doc, width)
	for i, l := range lines {
		// Only a character wider than a very narrow pane gets here.
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return lines
}

// Markdown renders Markdown in Accord's colours, keeping its styles while
// the palette stays the same.
type Markdown struct {
	style MarkdownStyles
	dark  bool
	made  bool
}

// Render renders src for width; on failure it shows the source as plain
// text, never nothing. Blank source renders as "".
func (m *Markdown) Render(s *common.Styles, src string, width int) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	if !m.made || m.dark != s.Dark {
		m.style, m.dark, m.made = MarkdownStyle(s), s.Dark, true
	}
	return RenderMarkdown(m.style, src, width)
}

// mdRenderer walks one document.
type mdRenderer struct {
	st  MarkdownStyles
	src []byte
}

// blocks renders a container's blocks for width, a blank line between
// them (none inside a tight list's item, as the author wrote it).
func (r *mdRenderer) blocks(parent ast.Node, width int) []string {
	tight := false
	if _, ok := parent.(*ast.ListItem); ok {
		if l, ok := parent.Parent().(*ast.List); ok {
			tight = l.IsTight
		}
	}
	var out []string
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		lines := r.block(c, width)
		if len(lines) == 0 {
			continue
		}
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, lines...)
	}
	return out
}

// block renders one block for width.
func (r *mdRenderer) block(n ast.Node, width int) []string {
	switch n := n.(type) {
	case *ast.Heading:
		st := r.st.Subheading
		if n.Level <= 2 {
			st = r.st.Heading
		}
		return wrapStyled(r.inlines(n, st), width)
	case *ast.Paragraph, *ast.TextBlock:
		return wrapStyled(r.inlines(n, nil), width)
	case *ast.ThematicBreak:
		return []string{r.st.Muted.Styled(strings.Repeat("─", width))}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return r.code(n, width)
	case *ast.Blockquote:
		if width-2 < minBody {
			return r.blocks(n, width) // no room for the bar
		}
		bar := r.st.Muted.Styled("│")
		lines := r.blocks(n, width-2)
		for i, l := range lines {
			if l == "" {
				lines[i] = bar
			} else {
				lines[i] = bar + " " + l
			}
		}
		return lines
	case *ast.List:
		return r.list(n, width)
	case *east.Table:
		return r.table(n, width)
	case *ast.HTMLBlock:
		return r.htmlBlock(n, width)
	}
	if n.HasChildren() {
		return r.blocks(n, width)
	}
	var b strings.Builder
	for _, seg := range n.Lines().Sliced(0, n.Lines().Len()) {
		b.Write(seg.Value(r.src))
	}
	return wrapStyled(cleanLines(b.String()), width)
}

// code is a code block as it is written, indented; a line too long for
// the pane goes on under itself, so none of it is lost.
func (r *mdRenderer) code(n ast.Node, width int) []string {
	indent := 2
	if width < 8 {
		indent = 0
	}
	var out []string
	for _, seg := range n.Lines().Sliced(0, n.Lines().Len()) {
		l := strings.TrimRight(common.Clean(expandTabs(strings.TrimRight(string(seg.Value(r.src)), "\r\n"))), " ")
		if l == "" {
			out = append(out, "")
			continue
		}
		for _, part := range strings.Split(ansi.Hardwrap(l, width-indent, true), "\n") {
			out = append(out, strings.Repeat(" ", indent)+r.st.Code.Styled(part))
		}
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// list renders a list's items, each item's lines hanging under its text,
// not under its bullet or number.
func (r *mdRenderer) list(n *ast.List, width int) []string {
	var out []string
	num := n.Start
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "• "
		if n.IsOrdered() {
			marker = strconv.Itoa(num) + ". "
			num++
		}
		if box, ok := taskBox(item); ok {
			if !n.IsOrdered() {
				marker = ""
			}
			marker += "[ ] "
			if box.IsChecked {
				marker = strings.Replace(marker, "[ ]", "[x]", 1)
			}
		}
		if len(out) > 0 && !n.IsTight {
			out = append(out, "")
		}
		indent := ansi.StringWidth(marker)
		if width-indent < minBody {
			// Too narrow to hang the text: the marker goes above it.
			out = append(out, ansi.Truncate(strings.TrimRight(marker, " "), width, ""))
			out = append(out, r.blocks(item, width)...)
			continue
		}
		body := r.blocks(item, width-indent)
		if len(body) == 0 {
			body = []string{""}
		}
		for i, l := range body {
			switch {
			case i == 0:
				out = append(out, strings.TrimRight(marker+l, " "))
			case l == "":
				out = append(out, "")
			default:
				out = append(out, strings.Repeat(" ", indent)+l)
			}
		}
	}
	return out
}

// minBody is the narrowest a list item's text or a quote is wrapped to
// beside its marker or bar; narrower, the marker goes above the text and
// a quote loses its bar, so that no word is broken into slivers.
const minBody = 4

// taskBox is the check box that makes a list item a task, if it is one.
func taskBox(item ast.Node) (*east.TaskCheckBox, bool) {
	if first := item.FirstChild(); first != nil {
		box, ok := first.FirstChild().(*east.TaskCheckBox)
		return box, ok
	}
	return nil, false
}

// htmlBlock is raw HTML as its text: tags, comments and what a script or
// style holds are dropped and entities decoded, so "<details><summary>
// Folded</summary>" reads "Folded" (a terminal cannot fold; the summary
// says what follows). A block of nothing but tags takes no room.
func (r *mdRenderer) htmlBlock(n *ast.HTMLBlock, width int) []string {
	var b strings.Builder
	for _, seg := range n.Lines().Sliced(0, n.Lines().Len()) {
		b.Write(seg.Value(r.src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(r.src))
	}
	var out []string
	for _, l := range strings.Split(htmlText(b.String()), "\n") {
		if l = strings.Join(strings.Fields(common.Clean(l)), " "); l != "" {
			out = append(out, wrapStyled(l, width)...)
		}
	}
	return out
}

// table lays a table out in columns that fit width, its header in bold; a
// cell too long for its column is cut with an ellipsis. When the columns
// cannot fit at all, each row is written as "header: cell" lines.
func (r *mdRenderer) table(t *east.Table, width int) []string {
	var rows [][]string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var st ansi.Style
		if _, head := row.(*east.TableHeader); head {
			st = r.st.Strong
		}
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, strings.ReplaceAll(r.inlines(c, st), "\n", " "))
		}
		rows = append(rows, cells)
	}
	cols := len(t.Alignments)
	for _, row := range rows {
		cols = max(cols, len(row))
	}
	if len(rows) == 0 || cols == 0 {
		return nil
	}
	natural := make([]int, cols)
	for _, row := range rows {
		for i, c := range row {
			natural[i] = max(natural[i], ansi.StringWidth(c))
		}
	}
	sep := r.st.Muted.Styled(" │ ")
	widths, ok := fitColumns(natural, width-3*(cols-1))
	if !ok {
		return r.tableRecords(rows, width)
	}
	var out []string
	for ri, row := range rows {
		var b strings.Builder
		for i := range cols {
			if i > 0 {
				b.WriteString(sep)
			}
			var c string
			if i < len(row) {
				c = common.Fit(row[i], widths[i])
			}
			align := east.AlignNone
			if i < len(t.Alignments) {
				align = t.Alignments[i]
			}
			b.WriteString(alignCell(c, widths[i], align))
		}
		out = append(out, trimStyled(b.String()))
		if ri == 0 {
			rules := make([]string, cols)
			for i, w := range widths {
				rules[i] = strings.Repeat("─", w)
			}
			out = append(out, r.st.Muted.Styled(strings.Join(rules, "─┼─")))
		}
	}
	return out
}

// tableRecords is a table too wide for any columns: each row as lines of
// "header: cell", the cell's wrapped lines under its start, a blank line
// between rows.
func (r *mdRenderer) tableRecords(rows [][]string, width int) []string {
	var out []string
	for _, row := range rows[1:] {
		if len(out) > 0 {
			out = append(out, "")
		}
		for i, c := range row {
			label := ""
			if i < len(rows[0]) && ansi.Strip(rows[0][i]) != "" {
				label = rows[0][i] + ": "
			}
			indent := ansi.StringWidth(label)
			if indent > width/2 {
				out = append(out, wrapStyled(label+c, width)...)
				continue
			}
			for j, l := range wrapStyled(c, width-indent) {
				if j == 0 {
					out = append(out, trimStyled(label+l))
				} else {
					out = append(out, strings.Repeat(" ", indent)+l)
				}
			}
		}
	}
	return out
}

// fitColumns sizes columns of natural widths into avail cells: the widest
// give way first, each down to no less than minColumn cells. False when
// even that does not fit.
func fitColumns(natural []int, avail int) ([]int, bool) {
	total := 0
	for _, w := range natural {
		total += w
	}
	if total <= avail {
		return natural, true
	}
	// The largest cap such that the columns, each cut to it, fit.
	capped := func(c int) int {
		sum := 0
		for _, w := range natural {
			sum += min(w, c)
		}
		return sum
	}
	c := 0
	for capped(c+1) <= avail && c < avail {
		c++
	}
	if c < minColumn {
		return nil, false
	}
	widths := make([]int, len(natural))
	left := avail - capped(c)
	for i, w := range natural {
		widths[i] = min(w, c)
		if w > c && left > 0 {
			widths[i]++
			left--
		}
	}
	return widths, true
}

// minColumn is the narrowest a table's column is cut to: "Grow le…"
// still says something; below that the table reads better as records.
const minColumn = 8

// alignCell pads a cell to width as its column is aligned.
func alignCell(c string, width int, align east.Alignment) string {
	gap := max(width-ansi.StringWidth(c), 0)
	switch align {
	case east.AlignRight:
		return strings.Repeat(" ", gap) + c
	case east.AlignCenter:
		return strings.Repeat(" ", gap/2) + c + strings.Repeat(" ", gap-gap/2)
	}
	return c + strings.Repeat(" ", gap)
}

// inlines renders a block's inline content as one styled string, a hard
// line break as "\n", each piece of text styled as base and what encloses
// it.
func (r *mdRenderer) inlines(n ast.Node, base ansi.Style) string {
	var w styledText
	r.children(&w, n, base)
	return string(w.buf)
}

func (r *mdRenderer) children(w *styledText, n ast.Node, st ansi.Style) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(w, c, st)
	}
}

// with is st and then more: the later attributes win where they clash.
func with(st, more ansi.Style) ansi.Style { return slices.Concat(st, more) }

func (r *mdRenderer) inline(w *styledText, n ast.Node, st ansi.Style) {
	switch n := n.(type) {
	case *ast.Text:
		t := string(n.Segment.Value(r.src))
		if !n.IsRaw() {
			t = mdUnescape(t)
		}
		if n.SoftLineBreak() || n.HardLineBreak() {
			t = strings.TrimRight(t, " \t")
		}
		w.write(t, st)
		switch {
		case n.HardLineBreak():
			w.lineBreak()
		case n.SoftLineBreak():
			w.write(" ", st)
		}
	case *ast.String:
		w.write(string(n.Value), st)
	case *ast.CodeSpan:
		var code strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				code.Write(c.Segment.Value(r.src))
			case *ast.String:
				code.Write(c.Value)
			}
		}
		w.write(code.String(), with(st, r.st.Code))
	case *ast.Emphasis:
		em := r.st.Emphasis
		if n.Level >= 2 {
			em = r.st.Strong
		}
		r.children(w, n, with(st, em))
	case *east.Strikethrough:
		r.children(w, n, with(st, r.st.Strike))
	case *ast.Link:
		from := len(w.buf)
		r.children(w, n, with(st, r.st.Link))
		r.address(w, ansi.Strip(string(w.buf[from:])), string(n.Destination))
	case *ast.AutoLink:
		w.write(string(n.Label(r.src)), with(st, r.st.Link))
	case *ast.Image:
		from := len(w.buf)
		r.children(w, n, st)
		if dest := string(n.Destination); common.Clean(dest) != "" {
			if len(w.buf) > from {
				w.write(" ", nil)
			}
			w.write("(image: "+dest+")", r.st.Muted)
		}
	case *ast.RawHTML:
		// Inline tags are dropped, and their text kept; a <br> still
		// breaks the line.
		var tag strings.Builder
		for _, seg := range n.Segments.Sliced(0, n.Segments.Len()) {
			tag.Write(seg.Value(r.src))
		}
		if isBreakTag(tag.String()) {
			w.lineBreak()
		}
	case *east.TaskCheckBox:
		// The list writes the box in place of the bullet.
	default:
		r.children(w, n, st)
	}
}

// address follows a link's text with where it goes, muted, unless the
// text already says it.
func (r *mdRenderer) address(w *styledText, label, dest string) {
	dest = common.Clean(dest)
	if dest == "" || dest == label || dest == "mailto:"+label {
		return
	}
	if label != "" {
		w.write(" ", nil)
	}
	w.write("("+dest+")", r.st.Muted)
}

// styledText is inline text being written: pieces of source text, each
// cleaned and in its style, a run of one style written as one.
type styledText struct {
	buf  []byte
	open string // the style of the run that ends buf, if it is styled
}

// write adds text from the source in st, cleaned of anything but
// printable characters. Every piece of source text reaches the output
// through here.
func (w *styledText) write(t string, st ansi.Style) {
	if t = common.Clean(t); t == "" {
		return
	}
	if len(st) == 0 {
		w.buf, w.open = append(w.buf, t...), ""
		return
	}
	seq := st.String()
	if seq == w.open {
		w.buf = w.buf[:len(w.buf)-len(ansi.ResetStyle)]
	} else {
		w.buf = append(w.buf, seq...)
	}
	w.buf, w.open = append(append(w.buf, t...), ansi.ResetStyle...), seq
}

// lineBreak ends the line.
func (w *styledText) lineBreak() { w.buf, w.open = append(w.buf, '\n'), "" }

// isBreakTag reports whether an inline tag is <br>, <br/> or <br />.
func isBreakTag(tag string) bool {
	t := strings.ToLower(strings.TrimSpace(tag))
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(t, ">"), "/"))
	return t == "<br"
}

// cleanLines is text from the source that keeps its line breaks, cleaned.
func cleanLines(t string) string { return common.CleanBlock(expandTabs(t)) }

func expandTabs(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

// wrapStyled wraps styled text at width, at spaces and after hyphens
// where it can and inside a word where it must, so nothing is lost. Each
// line ends its styles and the next starts them again, and none ends in
// spaces.
func wrapStyled(s string, width int) []string {
	lines := strings.Split(lipgloss.Wrap(s, width, ""), "\n")
	for i, l := range lines {
		lines[i] = trimStyled(l)
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// trimStyled drops the spaces at the end of a styled line, keeping the
// sequences that end its styles; a line of nothing but styles is "".
func trimStyled(l string) string {
	end := len(l)
	for end > 0 {
		switch {
		case l[end-1] == ' ':
			end--
		case l[end-1] == 'm':
			i := strings.LastIndex(l[:end], "\x1b[")
			if i < 0 || !isSGR(l[i:end]) {
				return l[:end] + sgrsIn(l[end:])
			}
			end = i
		default:
			return l[:end] + sgrsIn(l[end:])
		}
	}
	return ""
}

// sgrsIn is the colour sequences in s, without its spaces.
func sgrsIn(s string) string { return strings.ReplaceAll(s, " ", "") }

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

// mdUnescape is a text node's source as the text it stands for, as
// CommonMark says and goldmark's HTML writer does: a backslash before
// punctuation dropped, entity and numeric character references decoded,
// NUL made U+FFFD.
func mdUnescape(s string) string {
	if !strings.ContainsAny(s, "\\&\x00") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == 0:
			b.WriteRune('\uFFFD')
		case c == '&':
			if ref, n := charRef(s[i:]); n > 0 {
				b.WriteString(ref)
				i += n - 1
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// charRef decodes the character reference s starts with ("&amp;",
// "&#42;", "&#x2A;") and says how long it is; 0 when s does not start
// with one. A code point that cannot be a character is U+FFFD.
func charRef(s string) (string, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 {
		return "", 0
	}
	body := s[1:end]
	if name, ok := strings.CutPrefix(body, "#"); ok {
		base, digits, most := 10, name, 7
		if len(name) > 0 && (name[0] == 'x' || name[0] == 'X') {
			base, digits, most = 16, name[1:], 6
		}
		if digits == "" || len(digits) > most {
			return "", 0
		}
		v, err := strconv.ParseUint(digits, base, 32)
		if err != nil {
			return "", 0
		}
		r := rune(v)
		if r == 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) {
			r = '\uFFFD'
		}
		return string(r), end + 1
	}
	for _, c := range []byte(body) {
		if !util.IsAlphaNumeric(c) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(body); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}

// htmlText is raw HTML's text: tags and comments dropped, and with them
// whatever a script or a style holds; entities decoded.
func htmlText(s string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			end := strings.Index(s, "-->")
			if end < 0 {
				break
			}
			s = s[end+3:]
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 {
			break // a tag left open hides the rest, as a browser would
		}
		name := tagName(s[1:end])
		s = s[end+1:]
		if name == "script" || name == "style" {
			s = fromClosing(s, name)
		}
	}
	return mdUnescape(b.String())
}

// tagName is an opening tag's name in lower case: "details" for
// `details class="x"`; "" for a closing tag.
func tagName(tag string) string {
	if strings.HasPrefix(tag, "/") {
		return ""
	}
	if end := strings.IndexAny(tag, " \t\r\n/"); end >= 0 {
		tag = tag[:end]
	}
	return strings.ToLower(tag)
}

// fromClosing is s from the tag that closes the element name on, or ""
// when nothing closes it.
func fromClosing(s, name string) string {
	for i := 0; ; i += 2 {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return ""
		}
		i += j
		if rest := s[i+2:]; len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
			return s[i:]
		}
	}
}

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
		// Styled text is often padded to its width with spaces: drop
		// them (the pane pads), keeping what ends the line's styles.
		l = trimStyled(l)
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
