// Package decisions is the Decisions tab: every decision record with its
// status, date and title, sorted by date or by status; the details render
// the record as Markdown, and say who last changed it (read from the
// store by the root, one decision at a time).
package decisions

import (
	"cmp"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Tab is the Decisions tab: every decision record with its status,
// date and title, in the order o picks; the details render the record as
// Markdown (context, options with pros and cons, the choice and why).
type Tab struct {
	widget.Frame
	c     common.Common
	data  *common.Data
	order decisionOrder
	// items are the rows in ID order with their filter text, built once
	// per SetData; resort orders a copy.
	items    []widget.Item
	problems []widget.Item

	// Rendering Markdown is costly: the renderer is kept for its width and
	// palette, and each record's rendered details are kept until SetData.
	md       widget.Markdown
	rendered map[renderKey]string

	// lastChanges is the last commit that changed each decision, as of
	// lastChangesHead: the root reads it for the selected decision
	// (ui/history.go) and the details show it under the status line.
	lastChanges     map[string]LastChange
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

func New(c common.Common) *Tab {
	d := &Tab{
		Frame: widget.NewFrame(c, nil), c: c,
		rendered:    map[renderKey]string{},
		lastChanges: map[string]LastChange{},
	}
	d.Row, d.Body, d.Header = d.renderRow, d.renderBody, d.renderHeader
	d.Empty = func() string {
		return "No decisions yet. A decision records its context, the options considered with their pros and cons, what was chosen and why, and who decided. " +
			c.Keys.New.Help().Key + " creates the first one."
	}
	return d
}

func (d *Tab) Title() string { return "Decisions" }

func (d *Tab) SetSize(w, h int) { d.Frame.SetSize(w, h) }

func (d *Tab) Selected() string {
	if id := d.List.Selected(); !strings.HasPrefix(id, widget.ProblemPrefix) {
		return id
	}
	return ""
}

// Select shows a decision, dropping a text filter that hides it.
func (d *Tab) Select(id string) bool {
	if id == "" || strings.HasPrefix(id, widget.ProblemPrefix) || !d.List.Has(id) {
		return false
	}
	if !d.List.Select(id) {
		d.List.ClearFilter()
		d.List.Select(id)
	}
	return true
}

func (d *Tab) Capturing() bool { return d.List.Capturing() }

func (d *Tab) Keys() []key.Binding {
	order := d.c.Keys.Sort
	order.SetHelp(order.Help().Key, "sort")
	return d.FrameKeys(order)
}

// SetData indexes the decisions once; the details are rendered only when
// shown.
func (d *Tab) SetData(data *common.Data) {
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
func (d *Tab) resort() {
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

func (d *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !d.List.Capturing() && !d.Zoomed &&
		key.Matches(k, d.c.Keys.Sort) {
		d.order = (d.order + 1) % decisionOrders
		d.resort()
		return d, nil
	}
	cmd, _ := d.Frame.Update(msg)
	return d, cmd
}

func (d *Tab) View() string { return d.Frame.View() }

// renderHeader says how many decisions there are and how they are sorted.
func (d *Tab) renderHeader(width int) string {
	s := d.c.Styles
	n := len(d.items)
	text := s.Muted.Render(" "+common.Plural(n, "decision")+" · ") + s.Subtitle.Render("sorted ") + s.Title.Render(d.order.String())
	if len(d.problems) > 0 {
		text += s.Error.Render(" · " + common.Plural(len(d.problems), "unreadable file"))
	}
	return common.Fit(text, width)
}

// badge is a status word in its role's colour, padded to one width.
func (d *Tab) badge(status string) string {
	word := common.Label(common.Clean(status))
	if status == "" {
		word = "no status"
	}
	return d.c.Styles.DecisionStatus(status).Render(common.Pad(word, decisionBadgeWidth))
}

// The list shows a date column from this width on, and the driver from
// the second.
const (
	dateColumnFrom   = 48
	driverColumnFrom = 76
	driverWidth      = 16
)

func (d *Tab) renderRow(id string, _ bool, width int) string {
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
func (d *Tab) renderBody(id string, width int) string {
	s := d.c.Styles
	if f, ok := widget.ProblemFor(d.data, id); ok {
		return widget.FitRendered(widget.ProblemBody(s, f, width), width)
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

// recordRef is a linked record as Markdown: its title and ID, or the ID
// and a note when it is not loaded.
func (d *Tab) recordRef(id string) string {
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

// markdown renders Markdown for the details.
func (d *Tab) markdown(src string, width int) string {
	return d.md.Render(d.c.Styles, src, width)
}

// mdEscape makes one line of text literal in Markdown. Characters that
// mean something to Markdown (a "#" or "-" that starts a heading or a
// list, "*" and "_" for emphasis, "[" for links, "<" for HTML, "&" for
// entities, ":" and "." that start autolinks) are written as numeric
// character references, which the parser passes through as text and the
// renderer turns back into the character. (Backslash escapes would do as
// well; references also keep a bare URL's ":" and "." from becoming a
// link.)
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

// LastChange is what a decision's details say about its last commit.
type LastChange struct {
	Commit  *model.CommitInfo   // nil: no commit has changed it
	Decided *model.HistoryEntry // the change that gave it its status, when known
	Err     error
}

// AtHead forgets the last changes read at another HEAD.
func (d *Tab) AtHead(head string) {
	if head == d.lastChangesHead {
		return
	}
	d.lastChangesHead = head
	if len(d.lastChanges) > 0 {
		clear(d.lastChanges)
		clear(d.rendered)
	}
}

// KnowsLastChange reports whether the last change of a decision is known
// as of the HEAD the details were loaded from.
func (d *Tab) KnowsLastChange(id string) bool {
	_, ok := d.lastChanges[id]
	return ok
}

// SetLastChange keeps a decision's last change; its details render again.
func (d *Tab) SetLastChange(id string, lc LastChange) {
	d.lastChanges[id] = lc
	for k := range d.rendered {
		if k.id == id {
			delete(d.rendered, k)
		}
	}
}

// lastChangeLine is "last changed by Mei Chen on 2026-10-23: <subject>"
// for a decision's details, wrapped to width; an ellipsis while it is
// being read.
func (d *Tab) lastChangeLine(id string, width int) string {
	s := d.c.Styles
	lc, ok := d.lastChanges[id]
	switch {
	case !ok:
		return s.Muted.Render("last changed …")
	case lc.Err != nil:
		return s.Muted.Render(common.Wrap("last change unknown: "+common.Clean(lc.Err.Error()), width))
	case lc.Commit == nil:
		return s.Muted.Render(common.Wrap("not committed yet: no commit has changed it", width))
	}
	c := *lc.Commit
	line := s.Muted.Render("last changed by ") + common.AuthorName(d.data.Org, c) +
		s.Muted.Render(" on "+c.Date.Format("2006-01-02")+": ") + common.Clean(c.Subject())
	out := common.Wrap(line, width)
	// Who gave it its status, as the commit says: never the approver field.
	if lc.Decided != nil {
		for _, a := range d.data.Org.StepsOf(*lc.Decided) {
			by := common.Capitalise(common.Clean(a.ByLine(d.data.Org))) + " on " + a.Commit.Date.Format("2006-01-02")
			switch {
			case a.By == "" || a.For != "":
				// Taken for someone else, or by nobody Accord knows: say so.
				out += "\n" + common.Wrap(s.Warning.Render(by), width)
			case a.Commit.Hash != c.Hash:
				out += "\n" + common.Wrap(s.Muted.Render(by), width)
			}
		}
	}
	return out
}
