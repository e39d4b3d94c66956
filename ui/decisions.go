package ui

import (
	"cmp"
	"fmt"
	"image/color"
	"regexp"
	"slices"
	"strings"

	"github.com/accordhq/accord/ui/widget"

	"github.com/accordhq/accord/ui/common"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	gansi "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/ansi"
)

// decisions is the Decisions tab: every decision record with its status,
// date and title, in the order o picks; the details render the record as
// Markdown (context, options with pros and cons, the choice and why).
type decisions struct {
	widget.Frame
	c     common.Common
	data  *common.Data
	order decisionOrder
	// items are the rows in ID order with their filter text, built once
	// per SetData; resort orders a copy.
	items    []widget.Item
	problems []widget.Item

	badges map[string]lipgloss.Style

	// Rendering Markdown is costly: the renderer is kept for its width and
	// palette, and each record's rendered details are kept until SetData.
	md       *glamour.TermRenderer
	mdWidth  int
	mdDark   bool
	rendered map[renderKey]string

	// lastChanges is the last commit that changed each decision, as of
	// lastChangesHead: the root reads it for the selected decision
	// (history.go) and the details show it under the status line.
	lastChanges     map[string]lastChange
	lastChangesHead string
}

// renderKey names one rendering of one decision's details.
type renderKey struct {
	id    string
	width int
	dark  bool
}

// maxRendered bounds the cache of rendered details; resizing a terminal
// many times must not grow it without end.
const maxRendered = 256

// decisionOrder is how the list is sorted; o cycles through them.
type decisionOrder int

const (
	newestFirst decisionOrder = iota
	oldestFirst
	byStatus
	decisionOrders
)

func (o decisionOrder) String() string {
	switch o {
	case oldestFirst:
		return "oldest first"
	case byStatus:
		return "by status"
	}
	return "newest first"
}

// decisionRank orders statuses for the list: what needs attention first,
// then the lifecycle; statuses Accord does not know go last.
func decisionRank(status string) int {
	switch status {
	case model.DecisionProposed:
		return 0
	case model.DecisionDraft:
		return 1
	case model.DecisionAccepted:
		return 2
	case model.DecisionRejected:
		return 3
	case model.DecisionDeprecated:
		return 4
	case model.DecisionSuperseded:
		return 5
	}
	return 6
}

// decisionBadgeWidth fits the longest status word (deprecated, superseded).
const decisionBadgeWidth = 10

func newDecisions(c common.Common) *decisions {
	s := c.Styles
	muted := s.Muted
	d := &decisions{
		Frame: widget.NewFrame(c, nil), c: c,
		badges: map[string]lipgloss.Style{
			model.DecisionProposed:   lipgloss.NewStyle().Foreground(s.Theme.Primary).Bold(true),
			model.DecisionAccepted:   lipgloss.NewStyle().Foreground(s.Theme.OnTrack),
			model.DecisionDraft:      muted,
			model.DecisionRejected:   muted,
			model.DecisionDeprecated: muted,
			model.DecisionSuperseded: muted,
		},
		rendered:    map[renderKey]string{},
		lastChanges: map[string]lastChange{},
	}
	d.Row, d.Body, d.Header = d.renderRow, d.renderBody, d.renderHeader
	return d
}

func (d *decisions) Title() string { return "Decisions" }

func (d *decisions) SetSize(w, h int) { d.Frame.SetSize(w, h) }

func (d *decisions) Selected() string {
	if id := d.List.Selected(); !strings.HasPrefix(id, widget.ProblemPrefix) {
		return id
	}
	return ""
}

// Select shows a decision, dropping a text filter that hides it.
func (d *decisions) Select(id string) bool {
	if id == "" || strings.HasPrefix(id, widget.ProblemPrefix) || !d.List.Has(id) {
		return false
	}
	if !d.List.Select(id) {
		d.List.ClearFilter()
		d.List.Select(id)
	}
	return true
}

func (d *decisions) Capturing() bool { return d.List.Capturing() }

func (d *decisions) Keys() []key.Binding {
	k := d.c.Keys
	if d.List.Capturing() {
		return []key.Binding{k.ApplyFilter, k.ClearFilter, k.FuzzyToggle}
	}
	_, _, side := widget.Split(d.Width)
	if d.Zoomed && !side {
		return []key.Binding{k.Close, k.DetailDown}
	}
	out := []key.Binding{k.Filter}
	if d.List.Query() != "" {
		out = append(out, k.ClearFilter)
	}
	if !side && d.List.Selected() != "" {
		out = append(out, k.Open)
	}
	order := k.Sort
	order.SetHelp(order.Help().Key, "sort")
	out = append(out, order)
	if side && d.List.Selected() != "" {
		out = append(out, k.DetailDown)
	}
	return out
}

// SetData indexes the decisions once; the details are rendered only when
// shown.
func (d *decisions) SetData(data *common.Data) {
	d.data = data
	clear(d.rendered)
	o := data.Org
	d.problems = widget.ProblemItems(data, model.KindDecision)
	ids := o.IDs(model.KindDecision)
	d.items = make([]widget.Item, 0, len(ids))
	for _, id := range ids {
		x := o.Decisions[id]
		f := x.Title + " " + x.ID + " " + x.Status + " " + strings.Join(x.Tags, " ") + " " + x.Driver
		if p := o.People[x.Driver]; p != nil {
			f += " " + p.Name
		}
		d.items = append(d.items, widget.Item{ID: id, Filter: common.Clean(f)})
	}
	d.resort()
}

// resort lists unreadable files first, then the decisions in the current
// order; the cursor stays on the same record.
func (d *decisions) resort() {
	if d.data == nil {
		return
	}
	o := d.data.Org
	byDate := func(a, b *model.Decision) int {
		// Undated records go last whichever way dates run.
		if (a.Date == "") != (b.Date == "") {
			if a.Date == "" {
				return 1
			}
			return -1
		}
		if d.order == oldestFirst {
			return cmp.Compare(a.Date, b.Date)
		}
		return cmp.Compare(b.Date, a.Date)
	}
	sorted := slices.Clone(d.items)
	slices.SortStableFunc(sorted, func(x, y widget.Item) int {
		a, b := o.Decisions[x.ID], o.Decisions[y.ID]
		if d.order == byStatus {
			if c := cmp.Compare(decisionRank(a.Status), decisionRank(b.Status)); c != 0 {
				return c
			}
		}
		return cmp.Or(byDate(a, b), cmp.Compare(a.ID, b.ID))
	})
	all := append(slices.Clone(d.problems), sorted...)
	d.List.SetItems(all)
	// Keep the cursor on its record but scroll no further than that needs,
	// so a new order shows from its top (proposed decisions first).
	if keep := d.List.Selected(); len(all) > 0 && d.List.Select(all[0].ID) {
		d.List.Select(keep)
	}
}

func (d *decisions) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !d.List.Capturing() && !d.Zoomed &&
		key.Matches(k, d.c.Keys.Sort) {
		d.order = (d.order + 1) % decisionOrders
		d.resort()
		return d, nil
	}
	cmd, _ := d.Frame.Update(msg)
	return d, cmd
}

func (d *decisions) View() string { return d.Frame.View() }

// renderHeader says how many decisions there are and how they are sorted.
func (d *decisions) renderHeader(width int) string {
	s := d.c.Styles
	n := len(d.items)
	text := s.Muted.Render(" "+common.Plural(n, "decision")+" · ") + s.Subtitle.Render("sorted ") + s.Title.Render(d.order.String())
	if len(d.problems) > 0 {
		text += s.Error.Render(" · " + common.Plural(len(d.problems), "unreadable file"))
	}
	return common.Fit(text, width)
}

// badge is a status word in its role's colour, padded to one width.
func (d *decisions) badge(status string) string {
	st, ok := d.badges[status]
	word := common.Label(common.Clean(status))
	switch {
	case status == "":
		word, st = "no status", d.c.Styles.Warning
	case !ok:
		st = d.c.Styles.Warning
	}
	return st.Render(common.Pad(word, decisionBadgeWidth))
}

// The list shows a date column from this width on, and the driver from
// the second.
const (
	dateColumnFrom   = 48
	driverColumnFrom = 76
	driverWidth      = 16
)

func (d *decisions) renderRow(id string, _ bool, width int) string {
	s, o := d.c.Styles, d.data.Org
	if f, ok := widget.ProblemFor(d.data, id); ok {
		return widget.ProblemRow(s, f, width)
	}
	x := o.Decisions[id]
	if x == nil {
		return ""
	}
	left := widget.Marker(s, d.data, id) + " " + d.badge(x.Status) + " "
	if width >= dateColumnFrom {
		date := common.Clean(x.Date)
		if date == "" {
			date = "—"
		}
		left += s.Muted.Render(common.Pad(date, 10)) + " "
	}
	var right string
	if width >= driverColumnFrom && x.Driver != "" {
		right = " " + s.Muted.Render(common.Pad(common.PersonName(o, x.Driver), driverWidth))
	}
	avail := max(width-lipgloss.Width(left)-lipgloss.Width(right), 1)

	title := common.Clean(x.Title)
	if title == "" {
		title = "(untitled)"
	}
	faded := x.Status == model.DecisionRejected || x.Status == model.DecisionDeprecated ||
		x.Status == model.DecisionSuperseded
	var hint string
	if x.Status == model.DecisionSuperseded && x.SupersededBy != "" {
		hint = " → " + common.Clean(x.SupersededBy)
	}
	// The hint outlives a long title: cut the title first.
	if hint != "" && avail-lipgloss.Width(hint) >= 8 {
		title = common.Fit(title, avail-lipgloss.Width(hint))
	}
	if faded {
		title = s.Muted.Render(title)
	}
	return left + common.Pad(title+s.Muted.Render(hint), avail) + right
}

// renderBody is a decision's details: Markdown rendered for the pane's
// width, kept until the data changes.
func (d *decisions) renderBody(id string, width int) string {
	s := d.c.Styles
	if f, ok := widget.ProblemFor(d.data, id); ok {
		return fitRendered(widget.ProblemBody(s, f, width), width)
	}
	if d.data.Org.Decisions[id] == nil {
		return s.Muted.Render("Not found.")
	}
	k := renderKey{id: id, width: width, dark: s.Dark}
	if out, ok := d.rendered[k]; ok {
		return out
	}
	if len(d.rendered) >= maxRendered {
		clear(d.rendered)
	}
	out := d.renderDecision(d.data.Org.Decisions[id], width)
	d.rendered[k] = out
	return out
}

// renderDecision renders a decision in parts: the title block, then its
// findings (styled here, not Markdown), then the record. Free text
// (context, rationale, consequences) is Markdown the author wrote; each
// is rendered on its own so that an unclosed code fence or HTML block
// in it cannot swallow the sections after it. Everything else is escaped.
func (d *decisions) renderDecision(x *model.Decision, width int) string {
	s, o := d.c.Styles, d.data.Org
	var parts []string
	add := func(md string) {
		if r := d.markdown(md, width); r != "" {
			parts = append(parts, r)
		}
	}

	var head strings.Builder
	title := mdEscape(common.Clean(x.Title))
	if title == "" {
		title = "(untitled)"
	}
	head.WriteString("# " + title + "\n\n")
	status := mdEscape(common.Label(common.Clean(x.Status)))
	if status == "" {
		status = "no status"
	}
	line := "**" + status + "**"
	if x.Date != "" {
		line += " · " + mdEscape(common.Clean(x.Date))
	}
	line += " · " + mdEscape(common.Clean(x.ID))
	head.WriteString(line + "\n")
	if x.SupersededBy != "" {
		head.WriteString("\nSuperseded by " + d.recordRef(x.SupersededBy) + "\n")
	}
	add(head.String())
	// Who last changed it comes from git, not the record: outside the
	// Markdown, like the findings.
	if len(parts) > 0 {
		parts[len(parts)-1] += "\n" + d.lastChangeLine(x.ID, width)
	}
	if f := widget.FindingLines(s, common.FindingsFor(d.data, x.ID), width); f != "" {
		parts = append(parts, fitRendered(strings.TrimRight(f, "\n"), width))
	}

	var b strings.Builder
	var who []string
	role := func(name string, ids ...string) {
		var names []string
		for _, id := range ids {
			if id != "" {
				names = append(names, mdEscape(common.PersonName(o, id)))
			}
		}
		if len(names) > 0 {
			who = append(who, "- **"+name+":** "+strings.Join(names, ", "))
		}
	}
	role("Driver", x.Driver)
	role("Approver", x.Approver)
	role("Decision makers", x.DecisionMakers...)
	role("Consulted", x.Consulted...)
	role("Informed", x.Informed...)
	if len(who) > 0 {
		b.WriteString("## Who\n\n" + strings.Join(who, "\n") + "\n\n")
	}
	flush := func() {
		add(b.String())
		b.Reset()
	}
	prose := func(heading, text string) {
		if text = strings.TrimSpace(common.CleanBlock(text)); text == "" {
			return
		}
		if heading != "" {
			b.WriteString("## " + heading + "\n")
		}
		flush()
		add(guardProse(text))
	}
	prose("Context", x.Context)

	if len(x.Drivers) > 0 {
		b.WriteString("## Decision drivers\n\n")
		for _, dr := range x.Drivers {
			b.WriteString("- " + mdEscape(common.Clean(dr)) + "\n")
		}
		b.WriteString("\n")
	}
	chosen := ""
	if x.Outcome != nil {
		chosen = x.Outcome.Chosen
	}
	if len(x.Options) > 0 {
		b.WriteString("## Options considered\n\n")
		for _, opt := range x.Options {
			t := mdEscape(common.Clean(opt.Title))
			if t == "" {
				t = mdEscape(common.Clean(opt.ID))
			}
			if chosen != "" && opt.ID == chosen {
				t = "✓ chosen: " + t
			}
			b.WriteString("### " + t + "\n\n")
			for _, g := range opt.Good {
				b.WriteString("- *good:* " + mdEscape(common.Clean(g)) + "\n")
			}
			for _, g := range opt.Bad {
				b.WriteString("- *bad:* " + mdEscape(common.Clean(g)) + "\n")
			}
			b.WriteString("\n")
		}
	}
	if x.Outcome != nil && (chosen != "" || strings.TrimSpace(x.Outcome.Rationale) != "") {
		b.WriteString("## Outcome\n\n")
		if chosen != "" {
			name := mdEscape(common.Clean(chosen)) + " (not among the options)"
			if i := slices.IndexFunc(x.Options, func(o model.Option) bool { return o.ID == chosen }); i >= 0 {
				if t := mdEscape(common.Clean(x.Options[i].Title)); t != "" {
					name = t
				} else {
					name = mdEscape(common.Clean(chosen))
				}
			}
			b.WriteString("✓ Chosen: **" + name + "**\n\n")
		}
		prose("", x.Outcome.Rationale)
	}
	prose("Consequences", x.Consequences)

	var facts []string
	if x.ReviewBy != "" {
		r := "**Review by** " + mdEscape(common.Clean(x.ReviewBy))
		if x.Status == model.DecisionAccepted && !d.data.Today.IsZero() && x.ReviewBy < d.data.Today.Format("2006-01-02") {
			r += " (overdue)"
		}
		facts = append(facts, r)
	}
	if len(x.Tags) > 0 {
		var tags []string
		for _, t := range x.Tags {
			tags = append(tags, mdEscape(common.Clean(t)))
		}
		facts = append(facts, "**Tags** "+strings.Join(tags, ", "))
	}
	if len(facts) > 0 {
		b.WriteString(strings.Join(facts, " · ") + "\n\n")
	}
	var links []string
	if x.Supersedes != "" {
		links = append(links, "- **Supersedes:** "+d.recordRef(x.Supersedes))
	}
	if x.SupersededBy != "" {
		links = append(links, "- **Superseded by:** "+d.recordRef(x.SupersededBy))
	}
	for _, g := range x.Goals {
		links = append(links, "- **Goal:** "+d.recordRef(g))
	}
	if len(links) > 0 {
		b.WriteString("## Linked records\n\n" + strings.Join(links, "\n") + "\n\n*Press l to jump to a linked record.*\n")
	}
	flush()
	return strings.Join(parts, "\n\n")
}

// recordRef is a linked record as Markdown: its title and ID, or the ID
// and a note when it is not loaded.
func (d *decisions) recordRef(id string) string {
	r, ok := d.data.Org.Get(id)
	if !ok {
		return mdEscape(common.Clean(id)) + " (not found)"
	}
	t := mdEscape(common.Clean(r.RecordTitle()))
	if t == "" {
		return mdEscape(common.Clean(id))
	}
	return mdEscape(common.Clean(id)) + " *" + t + "*"
}

// markdown renders Markdown for width with a renderer kept for that width
// and palette; on error it shows the source as plain text, never nothing.
func (d *decisions) markdown(src string, width int) string {
	if strings.TrimSpace(src) == "" {
		return ""
	}
	dark := d.c.Styles.Dark
	if d.md == nil || d.mdWidth != width || d.mdDark != dark {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(markdownStyle(d.c.Styles)), glamour.WithWordWrap(width))
		if err != nil {
			return fitRendered(common.Wrap(src, width), width)
		}
		d.md, d.mdWidth, d.mdDark = r, width, dark
	}
	out, err := d.md.Render(src)
	if err != nil {
		d.md = nil // its state after a failure is unknown
		return fitRendered(common.Wrap(src, width), width)
	}
	return fitRendered(hangItems(sanitizeRendered(out), width), width)
}

// markdownStyle is glamour's dark or light style without its document
// margins, with headings in Accord's primary colour and without the
// "##" prefixes.
func markdownStyle(s *common.Styles) gansi.StyleConfig {
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

// mdEscape makes one line of text literal in Markdown. Characters that
// mean something to Markdown (a "#" or "-" that starts a heading or a
// list, "*" and "_" for emphasis, "[" for links, "<" for HTML, "&" for
// entities, ":" and "." that start autolinks) are written as numeric
// character references, which the parser passes through as text and
// glamour turns back into the character. (Backslash escapes would do for
// the parser, but glamour prints some of the backslashes.)
func mdEscape(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if strings.ContainsRune(mdSpecial, r) {
			b.WriteString("&#" + common.Itoa(int(r)) + ";")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdSpecial are the characters mdEscape writes as references.
const mdSpecial = "\\`*_{}[]<>()#+-.!|~&:@=\""

// sanitizeRendered keeps glamour's output to text and colour: only SGR
// sequences survive. Everything else is dropped: other escape sequences
// (glamour's OSC 8 hyperlinks, or anything an author slipped in as an
// HTML entity such as "&#27;", which glamour unescapes), control
// characters and bidi overrides. Tabs become spaces so widths hold.
func sanitizeRendered(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	text := func(t string) {
		b.WriteString(strings.ReplaceAll(common.CleanBlock(t), "\t", "    "))
	}
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c != 0x1b && c >= 0x20 && c != 0x7f || c == '\n' || c == '\t' {
			i++
			continue
		}
		text(s[start:i])
		j := i + 1
		switch {
		case c != 0x1b:
			// A lone control character.
		case j < len(s) && s[j] == '[':
			j++
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
				j++
			}
			if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
				if s[j] == 'm' {
					b.WriteString(s[i : j+1])
				}
				j++
			}
		case j < len(s) && strings.IndexByte("]PX^_", s[j]) >= 0:
			// A string sequence: it runs to BEL or ST.
			for j++; j < len(s); j++ {
				if s[j] == 0x07 {
					j++
					break
				}
				if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
					j += 2
					break
				}
			}
		case j < len(s):
			j++
		}
		i, start = j, j
	}
	text(s[start:])
	return b.String()
}

// guardProse keeps an author's Markdown from reaching out of its block:
// an unclosed code fence is closed and a raw HTML block (which can run to
// the end of the document) is shown as text.
func guardProse(text string) string {
	lines := strings.Split(text, "\n")
	fence := ""
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if len(l)-len(t) > 3 {
			continue
		}
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]+" ") == "" {
				fence = ""
			}
			continue
		}
		switch {
		case strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
			n := len(t) - len(strings.TrimLeft(t, t[:1]))
			fence = strings.Repeat(t[:1], n)
		case strings.HasPrefix(t, "<"):
			lines[i] = l[:len(l)-len(t)] + "\\" + t
		}
	}
	if fence != "" {
		lines = append(lines, fence)
	}
	return strings.Join(lines, "\n")
}

// trailingPad is spaces and colour changes at the end of a line.
var trailingPad = regexp.MustCompile(`(?:\x1b\[[0-9;:]*m| )+$`)

// fitRendered trims rendered text to the pane: no blank lines at either end
// or twice in a row, no common left margin, and no line wider than width
// (a long one is wrapped, at spaces where it can, so nothing is lost).
func fitRendered(text string, width int) string {
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
