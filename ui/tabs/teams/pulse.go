package teams

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// pulseView lists a trend per pair of teams (one rating working with the
// other), falling pairs first, and shows the cursor's pair by dimension
// over the periods, with its latest comment and actions.
type pulseView struct {
	trends []model.PulseTrend
	worst  int
	cursor int
	top    int
}

func (v *pulseView) set(d *common.Data) {
	v.trends = d.Org.PulseTrends()
	v.worst = worstTrend(v.trends)
	v.cursor = min(v.cursor, max(len(v.trends)-1, 0))
}

// selected is the latest pulse of the cursor's pair.
func (v *pulseView) selected() string {
	if v.cursor >= len(v.trends) {
		return ""
	}
	ps := v.trends[v.cursor].Latest().Pulses
	if len(ps) == 0 {
		return ""
	}
	return ps[len(ps)-1]
}

// selectPulse moves to the pair a pulse belongs to.
func (v *pulseView) selectPulse(id string) bool {
	for i, tr := range v.trends {
		for _, pt := range tr.Points {
			if slices.Contains(pt.Pulses, id) {
				v.cursor = i
				return true
			}
		}
	}
	return false
}

func (v *pulseView) key(t *Tab, k tea.KeyPressMsg) tea.Cmd {
	if _, dy, ok := t.moveKey(k); ok && len(v.trends) > 0 {
		v.cursor = min(max(v.cursor+dy, 0), len(v.trends)-1)
	}
	return nil
}

// pulseCallout names the worst pair: how its score moved, and whether it
// is falling.
func pulseCallout(t *Tab, tr model.PulseTrend) string {
	s, o := t.c.Styles, t.data.Org
	text := "Worst pulse: " + common.TeamName(o, tr.Team) + " on " + common.TeamName(o, tr.About) + " " + trendPoints(tr, 3)
	if len(tr.Points) > 1 {
		text += fmt.Sprintf(" (%+.1f)", tr.Change)
	}
	if tr.Falling {
		return s.Error.Render(text + ", falling")
	}
	return s.Warning.Render(text)
}

// trendPoints are a trend's last n averages, oldest first: "3.9 → 2.6".
func trendPoints(tr model.PulseTrend, n int) string {
	var out []string
	for _, pt := range tr.Points[max(len(tr.Points)-n, 0):] {
		out = append(out, fmt.Sprintf("%.1f", pt.Average))
	}
	return strings.Join(out, " → ")
}

func (v *pulseView) view(t *Tab) string {
	s, o := t.c.Styles, t.data.Org
	var b strings.Builder
	falling := 0
	for _, tr := range v.trends {
		if tr.Falling {
			falling++
		}
	}
	about := "no pulses yet"
	if len(v.trends) > 0 {
		about = fmt.Sprintf("%s, %d falling", common.Plural(len(v.trends), "pair"), falling)
	}
	b.WriteString(t.heading(about) + "\n")
	if len(v.trends) == 0 {
		b.WriteString("\n " + s.Muted.Render(indent(common.Wrap("A pulse is one team rating working with another for a period: clarity of asks, quality of hand-offs, responsiveness and shared understanding of goals, 1 to 5 each. accord pulse records one.", max(t.width-2, 1)))) + "\n")
		return b.String()
	}
	if v.worst >= 0 {
		b.WriteString(" " + pulseCallout(t, v.trends[v.worst]) + "\n")
	}
	b.WriteString("\n")
	pairW := 0
	for _, tr := range v.trends {
		pairW = max(pairW, len([]rune(pairName(o, tr))))
	}
	pairW = min(pairW, max(t.width/2, 20))
	// The list takes what the details leave: at least five rows.
	detail := v.details(t)
	rows := max(t.height-3-strings.Count(detail, "\n")-1, 5)
	if v.cursor < v.top {
		v.top = v.cursor
	}
	if v.cursor >= v.top+rows {
		v.top = v.cursor - rows + 1
	}
	for i := v.top; i < min(len(v.trends), v.top+rows); i++ {
		tr := v.trends[i]
		mark := "  "
		if i == v.cursor {
			mark = s.Cursor.Render("▌ ")
		}
		change := ""
		if len(tr.Points) > 1 {
			change = fmt.Sprintf("%+.1f", tr.Change)
		}
		line := mark + common.Pad(pairName(o, tr), pairW) + "  " + common.Pad(trendPoints(tr, 4), 24) + " " + common.Pad(change, 5)
		switch {
		case tr.Falling:
			line += " " + s.Error.Render("falling")
		case i == v.worst:
			line += " " + s.Warning.Render("lowest")
		}
		if i == v.cursor {
			line = s.Selected.Render(common.Pad(line, t.width))
		}
		b.WriteString(common.Fit(line, t.width) + "\n")
	}
	b.WriteString("\n" + detail)
	return b.String()
}

// pairName is "Sales on Onboarding": the team rating, the team rated.
func pairName(o *model.Org, tr model.PulseTrend) string {
	return common.TeamName(o, tr.Team) + " on " + common.TeamName(o, tr.About)
}

// details are the cursor's pair by dimension over its last periods, and
// its latest pulse's comment and actions.
func (v *pulseView) details(t *Tab) string {
	s, o := t.c.Styles, t.data.Org
	tr := v.trends[v.cursor]
	pts := tr.Points[max(len(tr.Points)-4, 0):]
	var b strings.Builder
	head := " " + common.Pad("", 30)
	for _, pt := range pts {
		head += common.Pad(common.Clean(pt.Period), 9)
	}
	b.WriteString(s.Muted.Render(common.Fit(head, t.width)) + "\n")
	for _, d := range model.PulseDimensions {
		line := " " + common.Pad(model.PulseDimensionNames[d], 30)
		for _, pt := range pts {
			cell := "—"
			if v, ok := pt.Scores[d]; ok {
				cell = fmt.Sprintf("%.1f", v)
			}
			line += common.Pad(cell, 9)
		}
		b.WriteString(common.Fit(line, t.width) + "\n")
	}
	if id := v.selected(); id != "" {
		if p := o.Pulses[id]; p != nil {
			if p.Comment != "" {
				b.WriteString(" " + s.Muted.Render(common.Fit(common.PersonName(o, p.Author)+", "+common.Clean(p.Period)+": ", t.width-1)) + "\n")
				b.WriteString(" " + common.Fit(common.Clean(common.FirstLine(p.Comment)), t.width-1) + "\n")
			}
			for _, a := range p.Actions {
				line := "  • " + common.Clean(a.What)
				if a.Accountable != "" {
					line += s.Muted.Render(" · " + common.PersonName(o, a.Accountable))
				}
				if a.Due != "" {
					line += s.Muted.Render(" · due " + common.Clean(a.Due))
				}
				b.WriteString(common.Fit(line, t.width) + "\n")
			}
		}
	}
	return b.String()
}

// sortByName orders team handles by their names.
func sortByName(o *model.Org, ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(common.TeamName(o, a), common.TeamName(o, b)), cmp.Compare(a, b))
	})
}
