// Package inbox is the Inbox tab: what needs the current user
// (model.Org.InboxFor: their check-ins, approvals, asks to them or their
// teams, decisions they are consulted on or informed of, reviews,
// RACI items and hand-offs), grouped by why, each with what to do about
// it; enter jumps to the record in its own tab.
package inbox

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Tab is the Inbox tab: what needs the current user, grouped by why
// (model.Org.Inbox decides), each with what to do about it. Enter jumps to
// the record in its own tab: at once when the details sit beside the list,
// or from the full-screen details on a narrow terminal.
type Tab struct {
	widget.Frame
	c     common.Common
	data  *common.Data
	items map[string]inboxRow // by row key (rowKey)
	// count is the number of items in each section.
	count map[string]int
	// titleWidth, reasonWidth and dueWidth are the widest of each, so
	// that columns line up; shortWidth is the widest reason cut short.
	titleWidth, reasonWidth, shortWidth, dueWidth int

	jump, details key.Binding
}

// inboxRow is an item with what its row and details show, computed once
// per load.
type inboxRow struct {
	model.InboxItem
	kind  model.Kind
	title string // cleaned
	// target is the record the row is about, for jumps and the keys that
	// act on the selection: the goal of an ask, else the item's record.
	target string
}

// rowKey tells rows apart: a check-in may hold several asks.
func rowKey(it model.InboxItem) string {
	if it.Ask > 0 {
		return fmt.Sprintf("%s#%d", it.ID, it.Ask)
	}
	return it.ID
}

func New(c common.Common) *Tab {
	p := &Tab{
		Frame: widget.NewFrame(c, nil), c: c,
		jump:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to it")),
		details: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "details, then go to it")),
	}
	p.Row, p.Body, p.Header = p.renderRow, p.renderBody, p.renderHeader
	return p
}

func (p *Tab) Title() string {
	if n := len(p.items); n > 0 {
		return fmt.Sprintf("Inbox (%d)", n)
	}
	return "Inbox"
}

func (p *Tab) SetSize(w, h int) { p.Frame.SetSize(w, h) }

// Selected is the record under the cursor: an ask's goal.
func (p *Tab) Selected() string { return p.items[p.List.Selected()].target }

// Select moves to a record when it needs the user, clearing a filter that
// hides it.
func (p *Tab) Select(id string) bool {
	k := id
	if _, ok := p.items[k]; !ok {
		k = ""
		for key, row := range p.items {
			if row.target == id && (k == "" || key < k) {
				k = key
			}
		}
		if k == "" {
			return false
		}
	}
	if !p.List.Select(k) {
		p.List.ClearFilter()
		p.List.Select(k)
	}
	return true
}

// SelectedAsk is the ask under the cursor, when the row is one: a answers
// it.
func (p *Tab) SelectedAsk() (model.AskRef, bool) {
	it, ok := p.items[p.List.Selected()]
	if !ok || it.Ask == 0 || it.Section != model.InboxAsks {
		return model.AskRef{}, false // the user's own asks are the other side's to answer
	}
	return model.AskRef{CheckIn: it.ID, N: it.Ask}, true
}

func (p *Tab) Capturing() bool { return p.List.Capturing() }

func (p *Tab) Keys() []key.Binding {
	if len(p.items) == 0 {
		return nil
	}
	k := p.c.Keys
	switch {
	case p.List.Capturing():
		return p.FrameKeys()
	case p.Zoomed:
		return append([]key.Binding{p.jump}, p.FrameKeys()...)
	}
	open := p.jump
	_, _, side := p.Split()
	if !side {
		open = p.details
	}
	out := []key.Binding{open, k.Filter}
	if side && p.Detail.Scrollable() {
		out = append(out, k.DetailDown)
	}
	return out
}

// SetData asks the organisation what needs the user today. Decisions they
// are informed of are listed when their status changed since the user
// last looked (d.Seen, the clone's mark that accord inbox keeps too), or,
// never looked at, when they moved in the last model.InboxHorizonDays.
func (p *Tab) SetData(d *common.Data) {
	p.data = d
	p.items = map[string]inboxRow{}
	p.count = map[string]int{}
	p.titleWidth, p.reasonWidth, p.shortWidth, p.dueWidth = 0, 0, 0, 0
	var list []widget.Item
	var items []model.InboxItem
	if d.Me != "" {
		items = d.Org.InboxFor(model.InboxQuery{Person: d.Me, Today: d.Today, Seen: d.Seen})
	}
	for _, it := range items {
		target := it.ID
		if it.Ask > 0 {
			target = it.Goal
		}
		r, ok := d.Org.Get(target)
		if !ok {
			continue
		}
		row := inboxRow{InboxItem: it, kind: r.RecordKind(), title: common.Clean(r.RecordTitle()), target: target}
		if row.title == "" {
			row.title = common.Clean(target)
		}
		key := rowKey(it)
		p.items[key] = row
		p.count[it.Section]++
		p.titleWidth = max(p.titleWidth, lipgloss.Width(row.title))
		p.reasonWidth = max(p.reasonWidth, lipgloss.Width(common.Clean(it.Reason)))
		p.shortWidth = max(p.shortWidth, lipgloss.Width(shortReason(common.Clean(it.Reason), 0)))
		p.dueWidth = max(p.dueWidth, lipgloss.Width(p.dueText(it.Due)))
		list = append(list, widget.Item{ID: key, Filter: it.Section + " " + row.tag() + " " + it.ID + " " + row.title + " " + it.Reason})
	}
	p.List.SetItems(list)
	if len(list) == 0 {
		p.Zoomed = false
	}
}

func (p *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.List.Capturing() && key.Matches(k, p.jump) {
		id := p.Selected()
		if _, _, side := p.Split(); id != "" && (side || p.Zoomed) {
			p.Zoomed = false // coming back, the list is where one left it
			return p, common.JumpTo(id)
		}
	}
	cmd, _ := p.Frame.Update(msg)
	return p, cmd
}

func (p *Tab) View() string {
	if p.data == nil || len(p.items) > 0 {
		return p.Frame.View()
	}
	return p.emptyView()
}

// emptyView says why the inbox is empty: nothing is due, or Accord does
// not know who the user is.
func (p *Tab) emptyView() string {
	s := p.c.Styles
	w := max(p.Width-2, 1)
	var b strings.Builder
	if p.data.Me == "" {
		msg := "Your git e-mail is not in anyone's emails in people/; add it so Accord knows who you are."
		if name := common.Clean(p.data.MeName); name != "" {
			msg = "Git knows you as " + name + ", but your git e-mail is not in anyone's emails in people/; add it so Accord knows who you are."
		}
		b.WriteString(s.Warning.Render(common.Wrap(msg, w)) + "\n\n")
		b.WriteString(s.Muted.Render(common.Wrap("git config user.email shows it.", w)))
	} else {
		b.WriteString(s.Title.Render(common.Wrap("Nothing needs you right now.", w)) + "\n\n")
		b.WriteString(s.Muted.Render(common.Wrap(fmt.Sprintf("Checked: check-ins on the goals you own against their cadence, "+
			"proposed decisions waiting for your approval, asks to you or your teams, proposed decisions you or your teams are "+
			"consulted on, decisions you are informed of that changed since you last looked, reviews due, RACI items you are "+
			"Accountable for that are due within %d days or overdue, and hand-offs for you or the teams you lead to "+
			"accept, confirm or deliver.", model.InboxHorizonDays), w)))
	}
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = common.Fit(" "+l, p.Width)
	}
	return strings.Join(lines[:min(len(lines), max(p.Height, 1))], "\n")
}

// renderHeader names the section the cursor is in.
func (p *Tab) renderHeader(width int) string {
	s := p.c.Styles
	it, ok := p.items[p.List.Selected()]
	if !ok {
		return ""
	}
	n := p.count[it.Section]
	all := ""
	if n < len(p.items) {
		all = s.Muted.Render(fmt.Sprintf(" · %d in all", len(p.items)))
	}
	return common.Fit(" "+s.Heading.Render(fmt.Sprintf("%s (%d)", it.Section, n))+all, width)
}

// tag is the word a row starts with, saying what kind of thing needs the
// user.
func (r inboxRow) tag() string {
	switch {
	case r.Ask > 0:
		return "ask"
	case r.Section == model.InboxBlocked:
		return "blocked"
	case r.Section == model.InboxPulses:
		return "pulse"
	}
	return inboxTag(r.kind)
}

// inboxTag names a kind of record in a row.
func inboxTag(k model.Kind) string {
	switch k {
	case model.KindGoal:
		return "check-in"
	case model.KindDecision:
		return "decision"
	case model.KindRACI:
		return "RACI"
	case model.KindHandoff:
		return "hand-off"
	}
	return string(k)
}

func (p *Tab) tagStyle(k model.Kind) lipgloss.Style {
	s := p.c.Styles
	switch k {
	case model.KindGoal:
		return s.Info
	case model.KindDecision:
		return s.Key
	case model.KindRACI:
		return s.Role["A"]
	}
	return s.Role["C"]
}

// dueText is a due date as a row shows it: "Nov 29" this year, the full
// date in another.
func (p *Tab) dueText(due string) string {
	t, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return common.Clean(due)
	}
	if p.data != nil && t.Year() == p.data.Today.Year() {
		return t.Format("Jan 02")
	}
	return due
}

// dueStyle colours a due date: overdue in the error colour, within three
// days as a warning.
func (p *Tab) dueStyle(it model.InboxItem) lipgloss.Style {
	s := p.c.Styles
	if it.Section == model.InboxAsks || it.Section == model.InboxInformed {
		return s.Muted // when it was asked or decided, not a due date
	}
	if it.Overdue {
		return s.Error
	}
	if t, err := time.Parse(time.DateOnly, it.Due); err == nil {
		y, m, d := p.data.Today.Date()
		if t.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) <= 3*24*time.Hour {
			return s.Warning
		}
	}
	return s.Muted
}

// renderRow is "marker tag title reason due", the due dates aligned.
func (p *Tab) renderRow(id string, _ bool, width int) string {
	s := p.c.Styles
	it, ok := p.items[id]
	if !ok {
		return ""
	}
	tag := it.tag()
	left := widget.Marker(s, p.data, it.target) + " " + p.tagStyle(it.kind).Render(tag) + strings.Repeat(" ", max(9-len(tag), 1))
	due := ""
	if p.dueWidth > 0 {
		d := p.dueText(it.Due)
		due = " " + strings.Repeat(" ", p.dueWidth-lipgloss.Width(d)) + p.dueStyle(it.InboxItem).Render(d)
	}
	avail := width - lipgloss.Width(left) - lipgloss.Width(due)
	if avail < 30 { // too narrow for both: the title matters most
		return common.Fit(left+common.Pad(it.title, max(avail, 1))+due, width)
	}
	// The reason takes what it needs up to half, cut short when it must;
	// the title the rest.
	rw := p.reasonWidth
	if rw > avail/2 {
		rw = min(p.shortWidth, avail/2)
	}
	tw := min(p.titleWidth, avail-rw-1)
	reason := shortReason(common.Clean(it.Reason), avail-tw-1)
	return common.Fit(left+common.Pad(it.title, tw)+" "+common.Pad(s.Muted.Render(reason), avail-tw-1)+due, width)
}

// shortReason fits a reason into width cells by dropping what follows its
// first "; " ("to deliver; 3 days overdue" → "to deliver": the due date
// says the rest); what still does not fit is cut by the caller.
func shortReason(reason string, width int) string {
	if lipgloss.Width(reason) <= width {
		return reason
	}
	before, _, _ := strings.Cut(reason, "; ")
	return before
}

// inboxTabName is the tab enter jumps to for a kind of record.
func inboxTabName(k model.Kind) string {
	switch k {
	case model.KindGoal:
		return "Goals"
	case model.KindDecision:
		return "Decisions"
	case model.KindPerson, model.KindTeam:
		return "People"
	}
	return "RACI"
}

// renderBody is the section, what to do, then the record in brief.
func (p *Tab) renderBody(id string, width int) string {
	s, o := p.c.Styles, p.data.Org
	it, ok := p.items[id]
	if !ok {
		return s.Muted.Render("Not found.")
	}
	var b strings.Builder
	b.WriteString(s.Heading.Render(it.Section) + "\n")
	b.WriteString(s.Cursor.Render("→ ") + common.Wrap(p.todo(it), max(width-2, 1)) + "\n\n")
	b.WriteString(s.Title.Render(common.Wrap(it.title, width)) + "\n")
	why := common.Clean(it.Reason)
	switch {
	case it.Due == "", it.Section == model.InboxAsks: // an ask says how long ago
	case it.Section == model.InboxInformed:
		why += " · " + common.Clean(it.Due)
	case strings.Contains(why, "due"): // "due in 3 days", "2 days overdue"
		why += " · " + common.Clean(it.Due)
	case it.kind == model.KindGoal:
		why += " · was due " + common.Clean(it.Due)
	default:
		why += " · due " + common.Clean(it.Due)
	}
	if it.Overdue {
		b.WriteString(s.Warning.Render(common.Wrap(why, width)) + "\n\n")
	} else {
		b.WriteString(s.Muted.Render(common.Wrap(why, width)) + "\n\n")
	}
	target := it.target
	switch it.kind {
	case model.KindGoal:
		p.goalBody(&b, o.Goals[target], width)
	case model.KindDecision:
		p.decisionBody(&b, o.Decisions[target], width)
	case model.KindRACI:
		p.raciBody(&b, o.RACIs[target], width)
	case model.KindHandoff:
		p.handoffBody(&b, o.Handoffs[target], width)
	}
	b.WriteString("\n" + widget.FindingLines(s, common.FindingsFor(p.data, target), width))
	b.WriteString(s.Muted.Render(common.Wrap("enter opens it in the "+inboxTabName(it.kind)+" tab · "+common.Clean(target), width)))
	return b.String()
}

// todo says what the user is asked to do.
func (p *Tab) todo(it inboxRow) string {
	switch it.Section {
	case model.InboxAsks:
		return "Answer the ask (a): accept it, or say it is done, or decline it and tell the person who asked who can help."
	case model.InboxConsulted:
		return "Give the driver your input before it is decided."
	case model.InboxInformed:
		return "Read what was decided and what it changes for you."
	case model.InboxReviews:
		return "Review the decision: is it still right? Supersede or deprecate it if not."
	case model.InboxBlocked:
		return "Something this goal depends on is in trouble: talk to its owner, or change the plan (7 Teams shows who depends on whom)."
	case model.InboxAsksMade:
		return "Your ask is past its due date and not done: chase it, or find another way."
	case model.InboxPulses:
		return "Rate how working with this team went this period (7 Teams, v to Pulse)."
	}
	switch it.kind {
	case model.KindGoal:
		return "Post a check-in on this goal."
	case model.KindDecision:
		return "Review it, then accept or reject it."
	case model.KindRACI:
		if it.Overdue {
			return "It is overdue: get it done, agree a new date, or retire it."
		}
		return "Make sure it lands by its due date."
	case model.KindHandoff:
		// The inbox says which side waits (an owner, or a team's lead).
		switch {
		case strings.HasPrefix(it.Reason, "to accept or reject"):
			return "Accept or reject the hand-off."
		case strings.HasPrefix(it.Reason, "to confirm receipt"):
			return "Check the deliverables against their acceptance criteria and confirm receipt."
		}
		return "Deliver it, or agree a new date with the receiving team."
	}
	return ""
}

func (p *Tab) goalBody(b *strings.Builder, g *model.Goal, width int) {
	s, o := p.c.Styles, p.data.Org
	h := o.Health(g.ID)
	prog, known := o.Progress(g.ID)
	widget.KeyValue(b, s, "Health", s.Health(h))
	widget.KeyValue(b, s, "Progress", s.Bar(prog, known, min(20, max(width-20, 1))))
	widget.KeyValue(b, s, "Goal", common.Clean(common.Label(g.Level))+" · "+common.TeamName(o, g.Team)+" · "+common.Clean(g.Period))
	widget.KeyValue(b, s, "Cadence", common.Clean(g.Cadence))
	u := o.LatestUpdate(g.ID)
	b.WriteString("\n" + s.Heading.Render("Latest check-in") + "\n")
	if u == nil {
		b.WriteString(s.Muted.Render("None yet.") + "\n")
		return
	}
	b.WriteString(common.Fit(s.Muted.Render(common.Clean(u.Date)+" · "+common.PersonName(o, u.Author)+" · ")+s.Health(u.Health), width) + "\n")
	b.WriteString(inboxFirstLines(common.Wrap(common.CleanBlock(u.Summary), width), 4) + "\n")
}

func (p *Tab) decisionBody(b *strings.Builder, d *model.Decision, width int) {
	s, o := p.c.Styles, p.data.Org
	widget.KeyValue(b, s, "Status", common.Clean(d.Status))
	widget.KeyValue(b, s, "Date", common.Clean(d.Date))
	widget.KeyValue(b, s, "Driver", common.PersonName(o, d.Driver))
	widget.KeyValue(b, s, "Approver", common.PersonName(o, d.Approver))
	var makers []string
	for _, m := range d.DecisionMakers {
		makers = append(makers, common.PersonName(o, m))
	}
	widget.KeyValue(b, s, "Deciders", common.Wrap(strings.Join(makers, ", "), max(width-13, 10)))
	if d.Context != "" {
		b.WriteString("\n" + s.Heading.Render("Context") + "\n")
		b.WriteString(inboxFirstLines(common.Wrap(common.CleanBlock(d.Context), width), 5) + "\n")
	}
	if len(d.Options) > 0 {
		b.WriteString("\n" + s.Heading.Render("Options") + "\n")
		for _, opt := range d.Options {
			b.WriteString(common.Fit("• "+common.Clean(opt.Title), width) + "\n")
		}
	}
}

func (p *Tab) raciBody(b *strings.Builder, r *model.RACI, width int) {
	s, o := p.c.Styles, p.data.Org
	subject := common.Clean(r.Subject.Name)
	if r.Subject.ID != "" {
		subject = common.Clean(r.Subject.ID)
		if x, ok := o.Get(r.Subject.ID); ok {
			subject += " " + common.Clean(x.RecordTitle())
		}
	}
	widget.KeyValue(b, s, "Subject", common.Fit(subject, max(width-13, 1)))
	widget.KeyValue(b, s, "State", common.Clean(r.State))
	widget.KeyValue(b, s, "Due", common.Clean(r.Due))
	b.WriteString("\n" + s.Heading.Render("Roles") + "\n")
	for _, role := range []struct {
		key, name string
		who       []string
	}{
		{"A", "Accountable", r.Accountable}, {"R", "Responsible", r.Responsible},
		{"C", "Consulted", r.Consulted}, {"I", "Informed", r.Informed},
	} {
		var names []string
		for _, w := range role.who {
			names = append(names, common.PersonName(o, w))
		}
		v := strings.Join(names, ", ")
		if v == "" {
			v = s.Muted.Render("—")
		}
		b.WriteString(common.Fit(s.Role[role.key].Render(role.key+" "+common.Pad(role.name, 12))+v, width) + "\n")
	}
}

func (p *Tab) handoffBody(b *strings.Builder, h *model.Handoff, width int) {
	s, o := p.c.Styles, p.data.Org
	party := func(x model.Party) string {
		t := common.TeamName(o, x.Team)
		if x.Owner != "" {
			t += " (" + common.PersonName(o, x.Owner) + ")"
		}
		return t
	}
	b.WriteString(common.Wrap(party(h.From)+" → "+party(h.To), width) + "\n\n")
	widget.KeyValue(b, s, "State", common.Clean(common.Label(h.State)))
	widget.KeyValue(b, s, "Due", common.Clean(h.Due))
	b.WriteString("\n" + s.Heading.Render("Deliverables") + "\n")
	if len(h.Deliverables) == 0 {
		b.WriteString(s.Muted.Render("None listed.") + "\n")
	}
	for _, d := range h.Deliverables {
		crit := ""
		switch n := len(d.Acceptance); {
		case n == 1:
			crit = s.Muted.Render(" · 1 acceptance criterion")
		case n > 1:
			crit = s.Muted.Render(fmt.Sprintf(" · %d acceptance criteria", n))
		}
		b.WriteString(common.Fit("• "+common.Clean(d.Title)+crit, width) + "\n")
	}
	if h.Expectations != "" {
		b.WriteString("\n" + s.Heading.Render("Expectations") + "\n")
		b.WriteString(inboxFirstLines(common.Wrap(common.CleanBlock(h.Expectations), width), 4) + "\n")
	}
}

// inboxFirstLines keeps the first n lines of text, marking a cut with "…".
func inboxFirstLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	return strings.Join(lines[:n], "\n") + "\n…"
}
