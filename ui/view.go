package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The frame around the tab on show or the top overlay: the header (the
// organisation and who you are), the tabs, the status line (messages,
// syncing, findings, HEAD) and the one-line key hints.

// View draws the whole screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	// Clicks and the wheel; shift and a drag still select text in most
	// terminals.
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "Accord"
	if m.data != nil && m.data.Org.Config.Org != "" {
		v.WindowTitle = "Accord · " + common.Clean(m.data.Org.Config.Org)
	}
	return v
}

func (m Model) render() string {
	s := m.c.Styles
	bodyH := m.bodyHeight()
	var body string
	switch {
	case m.data == nil && m.loadErr != nil:
		body = lipgloss.Place(m.width, bodyH, lipgloss.Center, lipgloss.Center,
			s.Error.Render("Accord could not read this repository")+"\n\n"+common.Wrap(common.Clean(m.loadErr.Error()), m.width-4)+
				"\n\n"+s.Muted.Render("ctrl+r to try again · q to quit"))
	case m.data == nil:
		body = lipgloss.Place(m.width, bodyH, lipgloss.Center, lipgloss.Center,
			m.spin()+" Loading "+common.Clean(m.store.Dir())+"…")
	case m.top() != nil:
		body = m.top().View()
	default:
		body = m.screens[m.active].View()
	}
	lines := append([]string{m.header()}, m.identityLines()...)
	return strings.Join(append(lines, m.tabs(), s.Muted.Render(common.Repeat("─", m.width)),
		m.overMessage(widget.Lines(body, m.width, bodyH)), m.statusLine(), m.hints(),
	), "\n")
}

// identityLines say, under the header, what is wrong with who Accord
// thinks the user is (no git identity, or an e-mail in nobody's record)
// and the command that fixes it: otherwise the first save or check-in
// would be the first to say. None when Accord knows the user.
func (m Model) identityLines() []string {
	problem, fix := identityProblem(m.data)
	if problem == "" {
		return nil
	}
	s := m.c.Styles
	text := common.Wrap("✗ "+problem+": "+fix, max(m.width-2, 10))
	lines := strings.Split(text, "\n")
	if len(lines) > 2 {
		lines = append(lines[:1], common.Fit(strings.Join(lines[1:], " "), m.width-2))
	}
	for i, l := range lines {
		lines[i] = " " + s.Warning.Render(l)
	}
	return lines
}

// identityProblem is what is wrong with the user's identity and the
// command that fixes it; "" when their git e-mail is a person's.
func identityProblem(d *common.Data) (problem, fix string) {
	switch {
	case d == nil || d.Me != "":
		return "", ""
	case d.MeEmail == "":
		return "git does not know who you are, so nothing can be saved",
			"git config user.email YOU@EXAMPLE.COM and git config user.name \"YOUR NAME\""
	}
	email := common.Clean(d.MeEmail)
	problem = "your git e-mail " + email + " is in nobody's record in people/"
	if id := personNamed(d.Org, d.MeName); id != "" {
		return problem, "accord set " + common.Clean(id) + " emails+=" + email
	}
	return problem, "add yourself (4 People, n) or accord set YOUR-HANDLE emails+=" + email
}

// personNamed is the one person whose name is name (git's user.name),
// ignoring case; "" when none or several are.
func personNamed(o *model.Org, name string) string {
	name = strings.TrimSpace(name)
	found := ""
	for _, id := range o.IDs(model.KindPerson) {
		if name != "" && strings.EqualFold(strings.TrimSpace(o.People[id].Name), name) {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// spin is the spinner in the palette of the moment.
func (m Model) spin() string {
	m.spinner.Style = m.c.Styles.Cursor
	return m.spinner.View()
}

func (m Model) header() string {
	s := m.c.Styles
	org := "Accord"
	right := ""
	if d := m.data; d != nil {
		if d.Org.Config.Org != "" {
			org += " · " + common.Clean(d.Org.Config.Org)
		}
		who := common.Clean(d.MeName)
		if p := d.Org.People[d.Me]; p != nil {
			who = common.Clean(p.Name)
		}
		if who == "" {
			who = "unknown"
		}
		right = "you: " + who
		if n := len(d.Findings); n > 0 {
			right += " · " + common.Plural(n, "finding")
		} else if d.Checking {
			right += " · checking…"
		}
	}
	left := " " + s.Header.Render(org)
	right = s.HeaderDim.Render(right) + " "
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return common.Fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) tabs() string {
	var parts []string
	for i := range m.screens {
		parts = append(parts, m.tabLabel(i))
	}
	return common.Fit(strings.Join(parts, ""), m.width)
}

// tabLabel is tab i's label as the tabs line draws it.
func (m Model) tabLabel(i int) string {
	s := m.c.Styles
	t := fmt.Sprintf("%d %s", i+1, m.screens[i].Title())
	if i == m.active {
		return s.ActiveTab.Render(t)
	}
	return s.Tab.Render(t)
}

// statusLine is the message of the moment (or, when it is too long,
// where it is), then where the clone stands, the findings, HEAD and when
// the repository was read, as many of those as leave the message room.
func (m Model) statusLine() string {
	s := m.c.Styles
	var left string
	switch {
	case m.status.Text != "" && !m.messageFits():
		left = s.Muted.Render("↑ the next key dismisses it · " + m.c.Keys.Messages.Help().Key + " lists messages")
	case m.status.Text != "":
		left = m.statusText()
	case m.sync.Running:
		left = m.spin() + s.Status.Render(" syncing…")
	case m.loading && m.data != nil:
		left = m.spin() + s.Status.Render(" reloading…")
	}
	// Where the clone stands against its remote always shows; the rest
	// gives way to a long message.
	right := m.sync.Parts(m.c.Styles)
	keep := len(right)
	if d := m.data; d != nil {
		e, w, _ := model.CountBySeverity(d.Findings)
		if d.Checking {
			right = append(right, s.Status.Render("checking…"))
		}
		if e > 0 {
			right = append(right, s.Error.Render(common.Plural(e, "error")))
		}
		if w > 0 {
			right = append(right, s.Warning.Render(common.Plural(w, "warning")))
		}
		if m.head != "" {
			right = append(right, s.Status.Render("at "+m.head[:min(7, len(m.head))]))
		}
		right = append(right, s.Status.Render("loaded "+m.loadedAt.Format("15:04")))
	}
	left = " " + left
	for len(right) > keep && lipgloss.Width(left)+statusGap+lipgloss.Width(m.statusRight(right)) > m.width {
		right = right[:len(right)-1]
	}
	r := m.statusRight(right)
	left = common.Fit(left, m.width-lipgloss.Width(r)-statusGap)
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(r)
	if gap < 1 {
		return common.Fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + r
}

// statusRight joins the right-hand parts of the status line.
func (m Model) statusRight(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, m.c.Styles.Status.Render(" · ")) + " "
}
