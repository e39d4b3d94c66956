// Package report is the Report tab: the leadership status report for a
// period and a team, rendered from its Markdown in a command and kept.
package report

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
	"github.com/charmbracelet/x/ansi"
)

// Tab is the Report tab: the leadership status report (the one
// `accord report` prints) for a period and a team, rendered from its
// Markdown into a scrolling pane. p cycles the periods, t the teams.
//
// Building and rendering a report takes a while on a large organisation
// (about a second for 10,000 records), so it happens in a command: the
// root asks the tab for it (Pending) whenever the tab is on screen, and
// each rendering is kept until the data changes.
type Tab struct {
	c      common.Common
	data   *common.Data
	width  int
	height int

	// periods are what p cycles through, the current one first; teams
	// what t cycles through after "" (the whole organisation).
	periods []string
	period  string
	teams   []string
	team    string

	pane widget.Detail

	// gen counts loads, so that a rendering of older data is never kept.
	gen       int
	rendered  map[reportKey]string
	rendering map[reportKey]bool
}

// reportKey names one rendering of the report.
type reportKey struct {
	gen          int
	period, team string
	width        int
	dark         bool
}

// maxReports bounds the renderings kept: a report of a large organisation
// runs to megabytes.
const maxReports = 16

// RenderedMsg is a rendering of the report, made in a command.
type RenderedMsg struct {
	key reportKey
	out string
}

func New(c common.Common) *Tab {
	return &Tab{c: c, pane: widget.NewDetail(c.Keys), rendered: map[reportKey]string{}, rendering: map[reportKey]bool{}}
}

func (r *Tab) Title() string { return "Report" }

func (r *Tab) SetSize(w, h int) {
	r.width, r.height = w, h
	// A header line above; a column of margin on the left.
	r.pane.SetSize(max(w-2, 1), max(h-1, 1))
}

// The report shows no record of its own to select or jump to, and has no
// text input.
func (r *Tab) Selected() string   { return "" }
func (r *Tab) Select(string) bool { return false }
func (r *Tab) Capturing() bool    { return false }

func (r *Tab) View() string {
	body := r.body() // first: the header says how far it is scrolled
	return r.header() + "\n" + body
}

// scrollable reports whether the report is longer than its pane (as last
// shown).
func (r *Tab) scrollable() bool { return r.pane.Scrollable() }

// SetData lists the periods and teams to cycle through; a choice that
// still exists survives a reload.
func (r *Tab) SetData(d *common.Data) {
	r.data = d
	r.gen++
	clear(r.rendered)
	clear(r.rendering)
	o := d.Org
	r.periods = nil
	for _, p := range append([]string{o.Config.CurrentPeriod}, o.Config.Periods...) {
		if _, _, ok := model.PeriodRange(p); ok && !slices.Contains(r.periods, p) {
			r.periods = append(r.periods, p)
		}
	}
	if len(r.periods) == 0 && !d.Today.IsZero() {
		r.periods = []string{model.QuarterOf(d.Today)}
	}
	if !slices.Contains(r.periods, r.period) {
		r.period = ""
		if len(r.periods) > 0 {
			r.period = r.periods[0]
		}
	}
	r.teams = o.IDs(model.KindTeam)
	slices.SortStableFunc(r.teams, func(a, b string) int {
		return strings.Compare(strings.ToLower(common.TeamName(o, a)), strings.ToLower(common.TeamName(o, b)))
	})
	if o.Teams[r.team] == nil {
		r.team = ""
	}
}

func (r *Tab) Keys() []key.Binding {
	if r.data == nil {
		return nil
	}
	k := r.c.Keys
	var out []key.Binding
	if len(r.periods) > 1 {
		out = append(out, k.GoalPeriod)
	}
	if len(r.teams) > 0 {
		out = append(out, k.GoalTeam)
	}
	if r.scrollable() {
		// One entry each for the keys that move by a line or a page and
		// for the ends, so that the hints have room.
		var lines []string
		for _, b := range []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown} {
			lines = append(lines, b.Keys()...)
		}
		scroll := key.NewBinding(key.WithKeys(lines...), key.WithHelp("↑↓ pgup/pgdn", "scroll"))
		ends := key.NewBinding(key.WithKeys(append(k.Top.Keys(), k.Bottom.Keys()...)...), key.WithHelp("g/G", "top/bottom"))
		half := k.DetailDown
		half.SetHelp("J/K", "half a page")
		out = append(out, scroll, half, ends)
	}
	return out
}

func (r *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if msg, ok := msg.(RenderedMsg); ok {
		delete(r.rendering, msg.key)
		if msg.key.gen == r.gen {
			if len(r.rendered) >= maxReports {
				clear(r.rendered)
			}
			r.rendered[msg.key] = msg.out
		}
		return r, nil
	}
	if w, ok := msg.(common.WheelMsg); ok {
		r.pane.ScrollBy(w.Delta * 3)
		return r, nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || r.data == nil {
		return r, nil
	}
	keys := r.c.Keys
	switch {
	case key.Matches(k, keys.GoalPeriod) && len(r.periods) > 0:
		i := slices.Index(r.periods, r.period)
		r.period = r.periods[(i+1)%len(r.periods)]
	case key.Matches(k, keys.GoalTeam):
		r.team = common.Cycle(r.team, r.teams)
	default:
		r.pane.Scroll(k)
	}
	return r, nil
}

// header shows the period and team the report covers, the keys that
// change them, and how far down the report is scrolled.
func (r *Tab) header() string {
	s := r.c.Styles
	if r.data == nil {
		return ""
	}
	team := s.Muted.Render("all")
	if r.team != "" {
		team = s.Heading.Render(common.TeamName(r.data.Org, r.team))
	}
	period := s.Heading.Render(common.Clean(r.period))
	if r.period == "" {
		period = s.Muted.Render("—")
	}
	left := " " + s.Key.Render("p") + s.Muted.Render(" period ") + period +
		s.Muted.Render(" · ") + s.Key.Render("t") + s.Muted.Render(" team ") + team
	var right string
	if r.scrollable() {
		right = s.Muted.Render(common.Itoa(int(r.pane.ScrollPercent()*100+0.5)) + "% ")
	}
	if gap := r.width - ansi.StringWidth(left) - ansi.StringWidth(right); gap >= 1 && right != "" {
		return left + strings.Repeat(" ", gap) + right
	}
	return common.Fit(left, r.width)
}

// key names the rendering the tab shows now.
func (r *Tab) key() reportKey {
	return reportKey{gen: r.gen, period: r.period, team: r.team, width: r.pane.Width(), dark: r.c.Styles.Dark}
}

// Pending is the command that renders the report as now chosen, when it is
// neither rendered nor being rendered; else nil. It copies what it needs:
// the organisation (which a load replaces, never changes), the options and
// the Markdown style.
func (r *Tab) Pending() tea.Cmd {
	if r.data == nil {
		return nil
	}
	k := r.key()
	if _, ok := r.rendered[k]; ok || r.rendering[k] {
		return nil
	}
	r.rendering[k] = true
	org := r.data.Org
	opts := model.ReportOptions{Period: r.period, Team: r.team, Today: r.data.Today}
	style := widget.MarkdownStyle(r.c.Styles)
	return func() tea.Msg {
		rep := model.BuildReport(org, opts)
		return RenderedMsg{key: k, out: widget.RenderMarkdown(style, render.Markdown(render.Report(rep)), k.width)}
	}
}

// body is the rendered report in its pane, or a word that it is coming.
func (r *Tab) body() string {
	if r.data == nil {
		return ""
	}
	out, ok := r.rendered[r.key()]
	if !ok {
		out = r.c.Styles.Muted.Render("Rendering the report…")
	}
	// A new period or team starts from the top.
	r.pane.Show(r.period+"\x00"+r.team, out)
	return " " + strings.ReplaceAll(r.pane.View(), "\n", "\n ")
}
