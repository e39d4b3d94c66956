package teams

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// stakeView is the private stakeholder map as a power × interest grid:
// power 5 at the top, interest 5 at the right, so "Manage closely" is the
// top-right corner. Under it, the touchpoints that are overdue and the
// proposed decisions that do not consult someone who matters most in
// their area. The map is read from the clone (never the shared records)
// in a command; an encrypted one asks for its passphrase.
type stakeView struct {
	m          *model.StakeholderMap
	state      int
	err        error
	passphrase string
	// row is power 5 (0) to 1 (4); col is interest 1 (0) to 5 (4).
	row, col int

	// Computed when the map or the organisation changes.
	cells    [5][5][]model.Stakeholder
	overdue  []model.Stakeholder
	warnings []model.StakeholderWarning
	problems []string
	data     *common.Data
}

// Where reading the map stands.
const (
	stakeUnread = iota
	stakeReading
	stakeRead
	stakeLocked // encrypted: waits for a passphrase
	stakeFailed
)

// StakeholdersMsg is the map as a command read it, with the passphrase
// that opened it.
type StakeholdersMsg struct {
	Map        *model.StakeholderMap
	Err        error
	Encrypted  bool
	Passphrase string
}

// readStakeholders reads the map with passphrase (or the configured
// secret, when it is "").
func readStakeholders(store Store, passphrase string) tea.Cmd {
	return func() tea.Msg {
		enc, err := store.StakeholdersEncrypted()
		if err != nil {
			return StakeholdersMsg{Err: err}
		}
		m, err := store.OpenStakeholders(passphrase)
		return StakeholdersMsg{Map: m, Err: err, Encrypted: enc, Passphrase: passphrase}
	}
}

func (v *stakeView) pending(store Store) tea.Cmd {
	if v.state != stakeUnread {
		return nil
	}
	v.state = stakeReading
	return readStakeholders(store, v.passphrase)
}

func (v *stakeView) loaded(t *Tab, msg StakeholdersMsg) tea.Cmd {
	switch {
	case msg.Err != nil && msg.Encrypted:
		v.state, v.err = stakeLocked, nil
		if msg.Passphrase != "" {
			v.err = msg.Err
			return common.StatusErr("that passphrase does not open the stakeholder map")
		}
	case msg.Err != nil:
		v.state, v.err = stakeFailed, msg.Err
	default:
		v.state, v.err, v.m, v.passphrase = stakeRead, nil, msg.Map, msg.Passphrase
		v.compute()
	}
	return nil
}

// saved reads the map again after the user saved an entry.
func (v *stakeView) saved() {
	if v.state == stakeRead {
		v.state = stakeUnread
	}
}

func (v *stakeView) setData(d *common.Data) {
	v.data = d
	v.compute()
}

// compute places the stakeholders and finds what needs attention.
func (v *stakeView) compute() {
	v.cells = [5][5][]model.Stakeholder{}
	v.overdue, v.warnings, v.problems = nil, nil, nil
	if v.m == nil || v.data == nil {
		return
	}
	for _, s := range v.m.Stakeholders {
		if s.Power < 1 || s.Power > 5 || s.Interest < 1 || s.Interest > 5 {
			continue // Check lists it
		}
		r, c := 5-s.Power, s.Interest-1
		v.cells[r][c] = append(v.cells[r][c], s)
	}
	v.overdue = v.m.OverdueTouchpoints(v.data.Today)
	v.warnings = v.m.Warnings(v.data.Org)
	v.problems = v.m.Check(v.data.Org)
}

func (v *stakeView) keys(t *Tab) []key.Binding {
	switch v.state {
	case stakeLocked:
		open := t.open
		open.SetHelp("enter", "type the passphrase")
		return []key.Binding{open}
	case stakeRead:
		open := t.open
		open.SetHelp("enter", "details")
		return []key.Binding{t.arrows, open}
	}
	return nil
}

func (v *stakeView) key(t *Tab, k tea.KeyPressMsg) tea.Cmd {
	switch v.state {
	case stakeLocked:
		if key.Matches(k, t.open) {
			p := newPassphrase(t.c, t.store)
			return func() tea.Msg { return common.PushMsg{Overlay: p} }
		}
	case stakeRead:
		if dx, dy, ok := t.moveKey(k); ok {
			v.col = min(max(v.col+dx, 0), 4)
			v.row = min(max(v.row+dy, 0), 4)
			return nil
		}
		if key.Matches(k, t.open) {
			return v.open(t)
		}
	}
	return nil
}

// open shows the details of the cursor's stakeholder, or, when the cell
// holds several, a menu of them.
func (v *stakeView) open(t *Tab) tea.Cmd {
	cell := v.cells[v.row][v.col]
	switch len(cell) {
	case 0:
		return common.Status(fmt.Sprintf("nobody has power %d and interest %d", 5-v.row, v.col+1))
	case 1:
		p := v.pager(t, cell[0])
		return func() tea.Msg { return common.PushMsg{Overlay: p} }
	}
	var items []widget.MenuItem
	for _, s := range cell {
		items = append(items, widget.MenuItem{Label: v.name(s.Who), Detail: s.Stance, Now: common.PushMsg{Overlay: v.pager(t, s)}})
	}
	menu := widget.NewMenu(t.c, fmt.Sprintf("Power %d, interest %d", 5-v.row, v.col+1), items)
	return func() tea.Msg { return common.PushMsg{Overlay: menu} }
}

// name is a stakeholder's person or team name.
func (v *stakeView) name(who string) string {
	o := v.data.Org
	if o.Teams[who] != nil {
		return common.TeamName(o, who)
	}
	return common.PersonName(o, who)
}

// pager is one stakeholder's notes in full.
func (v *stakeView) pager(t *Tab, st model.Stakeholder) *widget.Pager {
	s, o, today := t.c.Styles, v.data.Org, v.data.Today
	title := v.name(st.Who) + " · " + st.Quadrant()
	return widget.NewPager(t.c, title, func(width int) string {
		var b strings.Builder
		widget.KeyValue(&b, s, "Power", fmt.Sprintf("%d of 5", st.Power))
		widget.KeyValue(&b, s, "Interest", fmt.Sprintf("%d of 5", st.Interest))
		widget.KeyValue(&b, s, "Stance", common.Clean(st.Stance))
		var teams []string
		for _, id := range st.Teams {
			teams = append(teams, common.TeamName(o, id))
		}
		widget.KeyValue(&b, s, "Areas", strings.Join(teams, ", "))
		widget.KeyValue(&b, s, "Owner", common.PersonName(o, st.Owner))
		widget.KeyValue(&b, s, "Last touch", touchText(st.LastTouch, today))
		next := touchText(st.NextTouch, today)
		if slices.ContainsFunc(v.overdue, func(x model.Stakeholder) bool { return x.Who == st.Who }) {
			next = s.Error.Render(next + " · overdue")
		}
		widget.KeyValue(&b, s, "Next touch", next)
		if len(st.Decisions) > 0 {
			b.WriteString("\n" + s.Heading.Render("On decisions") + "\n")
			ids := make([]string, 0, len(st.Decisions))
			for id := range st.Decisions {
				ids = append(ids, id)
			}
			slices.Sort(ids)
			for _, id := range ids {
				title := common.Clean(id)
				if d := o.Decisions[id]; d != nil {
					title += " " + common.Clean(d.Title)
				}
				b.WriteString(common.Fit(common.Pad(common.Clean(st.Decisions[id]), 10)+title, width) + "\n")
			}
		}
		for _, w := range v.warnings {
			if w.Who == st.Who {
				b.WriteString("\n" + s.Warning.Render(common.Wrap(common.Clean(w.Message), width)) + "\n")
			}
		}
		if st.Notes != "" {
			b.WriteString("\n" + s.Heading.Render("Notes") + "\n" + common.Wrap(common.CleanBlock(st.Notes), width) + "\n")
		}
		b.WriteString("\n" + s.Muted.Render(common.Wrap("Private: kept in this clone only, never committed or synced. accord stakeholders set "+common.Clean(st.Who)+" FIELD=VALUE changes it.", width)))
		return b.String()
	})
}

// touchText is a touchpoint's date and how far it is from today.
func touchText(day string, today time.Time) string {
	if day == "" {
		return ""
	}
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return common.Clean(day)
	}
	y, m, d := today.Date()
	n := int(t.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case n == 0:
		return day + " (today)"
	case n > 0:
		return day + " (in " + common.Plural(n, "day") + ")"
	}
	return day + " (" + common.Plural(-n, "day") + " ago)"
}

func (v *stakeView) view(t *Tab) string {
	s := t.c.Styles
	var b strings.Builder
	w := max(t.width-2, 1)
	switch v.state {
	case stakeUnread, stakeReading:
		b.WriteString(t.heading("") + "\n\n " + s.Muted.Render("Reading your stakeholder map…") + "\n")
		return b.String()
	case stakeLocked:
		b.WriteString(t.heading("") + "\n\n")
		b.WriteString(" " + s.Title.Render("Your stakeholder map is encrypted.") + "\n\n")
		msg := "Press enter to type its passphrase; it is kept in memory for this session only. ACCORD_PASSPHRASE, or an age identity file named by ACCORD_AGE_IDENTITY or git config accord.ageIdentity, opens it without asking."
		b.WriteString(" " + s.Muted.Render(strings.ReplaceAll(common.Wrap(msg, w), "\n", "\n ")) + "\n")
		if v.err != nil {
			b.WriteString("\n " + s.Error.Render(strings.ReplaceAll(common.Wrap(common.Clean(v.err.Error()), w), "\n", "\n ")) + "\n")
		}
		return b.String()
	case stakeFailed:
		b.WriteString(t.heading("") + "\n\n " + s.Error.Render(strings.ReplaceAll(common.Wrap("Could not read the stakeholder map: "+common.Clean(v.err.Error()), w), "\n", "\n ")) + "\n")
		return b.String()
	}
	n := len(v.m.Stakeholders)
	b.WriteString(t.heading(common.Plural(n, "stakeholder")+" · private to this clone") + "\n")
	if n == 0 {
		b.WriteString("\n " + s.Muted.Render(strings.ReplaceAll(common.Wrap("Nobody is on your stakeholder map yet. accord stakeholders set HANDLE power=5 interest=4 stance=supporter next_touch=YYYY-MM-DD adds someone; the map stays in this clone, never committed or synced.", w), "\n", "\n ")) + "\n")
		return b.String()
	}
	grid, gridW := v.grid(t)
	rightW := t.width - gridW - 3
	if rightW >= 40 {
		// Wide: the cell's stakeholders beside the grid, the lists under it.
		side := strings.TrimRight(v.cellDetails(t, rightW), "\n")
		h := max(strings.Count(grid, "\n"), strings.Count(side, "\n")) + 1
		b.WriteString(widget.JoinPanes(s, grid, gridW, " "+strings.ReplaceAll(side, "\n", "\n "), rightW, h) + "\n")
	} else {
		b.WriteString(grid + "\n")
	}
	b.WriteString(v.below(t, t.height-strings.Count(b.String(), "\n")))
	return b.String()
}

// grid draws the 5 × 5 cells, power down the side, interest along the
// bottom, the "Manage closely" quadrant (4 and 5 on both) set apart.
func (v *stakeView) grid(t *Tab) (string, int) {
	s := t.c.Styles
	const label = 4 // " P5 "
	cw := max(min((t.width-label-2)/5, 18), 8)
	if t.width >= 120 {
		cw = 16
	}
	// As tall as the fullest cell needs, as the height allows.
	most := 1
	for r := range 5 {
		for c := range 5 {
			most = max(most, len(v.cells[r][c]))
		}
	}
	ch := min(max((t.height-12)/5, 1), most, 4)
	var lines []string
	for r := range 5 {
		if r == 2 {
			// The quadrants' border: power 4 and 5 above, interest 4 and 5 on the right.
			lines = append(lines, strings.Repeat(" ", label)+s.Muted.Render(strings.Repeat("─", 3*cw)+"┼"+strings.Repeat("─", 2*cw-1)))
		}
		for l := range ch {
			line := "    "
			if l == 0 {
				line = s.Muted.Render(fmt.Sprintf(" P%d ", 5-r))
			}
			for c := range 5 {
				sep := " "
				if c == 3 {
					sep = s.Muted.Render("│")
				}
				line += sep + v.cellLine(t, r, c, l, ch, cw-1)
			}
			lines = append(lines, line)
		}
	}
	axis := strings.Repeat(" ", label)
	for c := range 5 {
		axis += " " + common.Pad(fmt.Sprintf("I%d", c+1), cw-1)
	}
	lines = append(lines, s.Muted.Render(axis))
	lines = append(lines, s.Muted.Render(common.Fit(" power ↑ · interest → · top right: manage closely", label+5*cw)))
	return strings.Join(lines, "\n"), label + 5*cw
}

// cellLine is line l of a cell: a stakeholder's name, coloured by stance,
// or "+N" when more than fit.
func (v *stakeView) cellLine(t *Tab, r, c, l, ch, width int) string {
	s := t.c.Styles
	cell := v.cells[r][c]
	cursor := r == v.row && c == v.col
	text, style := "", lipgloss.NewStyle()
	switch {
	case len(cell) > ch && l == ch-1:
		text, style = fmt.Sprintf("+%d more", len(cell)-ch+1), s.Muted
	case l < len(cell):
		st := cell[l]
		text = v.name(st.Who)
		switch st.Stance {
		case "supporter":
			style = s.Role["R"]
		case "sceptic":
			style = s.Warning
		}
		if slices.ContainsFunc(v.overdue, func(x model.Stakeholder) bool { return x.Who == st.Who }) {
			text = "!" + text
			style = s.Error
		}
	case l == 0 && len(cell) == 0:
		text, style = "·", s.Muted
	}
	text = common.Pad(common.Fit(text, width), width)
	if cursor {
		return s.Selected.Render(text)
	}
	return style.Render(text)
}

// cellDetails are the cursor cell's stakeholders in brief.
func (v *stakeView) cellDetails(t *Tab, width int) string {
	s, o := t.c.Styles, v.data.Org
	var b strings.Builder
	b.WriteString(s.Heading.Render(fmt.Sprintf("Power %d, interest %d", 5-v.row, v.col+1)) + "\n")
	cell := v.cells[v.row][v.col]
	if len(cell) == 0 {
		b.WriteString(s.Muted.Render("Nobody here.") + "\n")
	}
	for _, st := range cell {
		b.WriteString(common.Fit(s.Title.Render(v.name(st.Who))+s.Muted.Render(" · "+common.Clean(st.Stance)+" · owner "+common.PersonName(o, st.Owner)), width) + "\n")
		b.WriteString(s.Muted.Render(common.Fit("next touch "+touchText(st.NextTouch, v.data.Today), width)) + "\n")
		if st.Notes != "" {
			b.WriteString(common.Fit(common.Clean(common.FirstLine(st.Notes)), width) + "\n")
		}
	}
	return b.String()
}

// below lists the touchpoints overdue, the warnings and what is wrong
// with the map; the warnings wrap when the room left (lines) holds them.
func (v *stakeView) below(t *Tab, lines int) string {
	s, o := t.c.Styles, v.data.Org
	var b strings.Builder
	wrapped := make([]string, len(v.warnings))
	need := len(v.overdue) + len(v.problems) + 2
	for i, w := range v.warnings {
		wrapped[i] = strings.ReplaceAll(common.Wrap(common.Clean(w.Message), max(t.width-4, 1)), "\n", "\n    ")
		need += strings.Count(wrapped[i], "\n") + 1
	}
	if len(v.overdue) > 0 {
		b.WriteString(" " + s.Heading.Render(fmt.Sprintf("Touchpoints overdue (%d)", len(v.overdue))) + "\n")
		for _, st := range v.overdue {
			b.WriteString(common.Fit("  "+s.Error.Render("!")+" "+v.name(st.Who)+s.Muted.Render(" · next touch "+touchText(st.NextTouch, v.data.Today)+" · owner "+common.PersonName(o, st.Owner)), t.width) + "\n")
		}
	}
	if len(v.warnings) > 0 {
		b.WriteString(" " + s.Heading.Render(fmt.Sprintf("Not consulted (%d)", len(v.warnings))) + "\n")
		for i, w := range v.warnings {
			if need <= lines {
				b.WriteString("  " + s.Warning.Render("!") + " " + wrapped[i] + "\n")
			} else {
				b.WriteString(common.Fit("  "+s.Warning.Render("!")+" "+common.Clean(w.Message), t.width) + "\n")
			}
		}
	}
	for _, p := range v.problems {
		b.WriteString(common.Fit("  "+s.Error.Render("✗ "+common.Clean(p)), t.width) + "\n")
	}
	return b.String()
}
