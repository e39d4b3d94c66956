package render

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/model"
)

// The sections on work across teams, shared by the report, the site's
// team pages and the digest: goals blocked by what they depend on, the
// asks between teams, and the pulse each pair of teams takes.

func reportBlocked(r model.Report, v ReportView) Section {
	s := Section{ID: "blocked", Title: "Blocked by dependencies"}
	if len(r.Blocked) == 0 {
		s.Blocks = []Block{None("Nothing a goal depends on stands in its way.")}
		return s
	}
	var l List
	n, more := v.cut(len(r.Blocked))
	for _, b := range r.Blocked[:n] {
		it := Item{ID: b.GoalID, Subject: []Inline{Rec{b.GoalID, b.GoalTitle}}, Text: []Inline{Text(" — " + party(b.TeamName, b.OwnerName))}}
		for _, x := range b.Blockers {
			it.Notes = append(it.Notes, Note{Label: "Blocked by", Text: blockerInlines(x.ID, x.Title, x.TeamName, x.Reason)})
		}
		l.Items = append(l.Items, it)
	}
	s.Blocks = append([]Block{l}, more...)
	return s
}

func blockerInlines(id, title, team, reason string) []Inline {
	out := []Inline{Rec{id, title}}
	if team != "" {
		out = append(out, Text(" ("+team+")"))
	}
	return append(out, Text(" — "), Alert(reason))
}

func reportAskPairs(r model.Report, v ReportView) Section {
	s := Section{ID: "asks-between-teams", Title: "Asks between teams"}
	if len(r.AskPairs) == 0 {
		s.Blocks = []Block{None("No team asked another for anything in the period.")}
		return s
	}
	t := Table{Cols: []Col{{Title: "Asked by"}, {Title: "Asked of"}, {Title: "Made", NoWrap: true}, {Title: "Answered", NoWrap: true}, {Title: "Overdue", NoWrap: true}}}
	n, more := v.cut(len(r.AskPairs))
	for _, p := range r.AskPairs[:n] {
		over := []Inline{Text("0")}
		if p.Overdue > 0 {
			over = []Inline{Alert(fmt.Sprint(p.Overdue))}
		}
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{{teamWho(p.From, p.FromName)}, {teamWho(p.To, p.ToName)},
			{Text(fmt.Sprint(p.Made))}, {Text(fmt.Sprint(p.Answered))}, over}})
	}
	s.Blocks = append([]Block{t}, more...)
	return s
}

// pulseTrendWords writes a trend's points: "2026-Q2 4.25 → 2026-Q3 2.75".
func pulseTrendWords(pts []model.PulsePoint) string {
	var parts []string
	for _, p := range pts {
		parts = append(parts, p.Period+" "+model.FormatScore(p.Average))
	}
	return strings.Join(parts, " → ")
}

func reportPulses(r model.Report, v ReportView) Section {
	s := Section{ID: "pulse", Title: "How teams work together"}
	if len(r.Pulses) == 0 {
		s.Blocks = []Block{None("No team has rated working with another yet (accord pulse rate).")}
		return s
	}
	var falling []string
	for _, p := range r.Pulses {
		if p.Falling {
			falling = append(falling, p.TeamName+" on "+p.AboutName)
		}
	}
	if len(falling) > 0 {
		s.Blocks = append(s.Blocks, Para{Text: []Inline{Alert("Falling: " + strings.Join(falling, "; ") + ".")}})
	}
	s.Blocks = append(s.Blocks, pulseTable(r.Pulses, v))
	return s
}

func pulseTable(ps []model.ReportPulse, v ReportView) Block {
	t := Table{Cols: []Col{{Title: "Team"}, {Title: "Rates"}, {Title: "Trend"}, {Title: "Latest by dimension"}, {Title: "Change", NoWrap: true}}}
	n, _ := v.cut(len(ps))
	for _, p := range ps[:n] {
		last := p.Latest()
		var dims []string
		for _, d := range model.PulseDimensions {
			if sc, ok := last.Scores[d]; ok {
				dims = append(dims, model.PulseDimensionNames[d]+" "+model.FormatScore(sc))
			}
		}
		change := []Inline{Text(fmt.Sprintf("%+.2f", p.Change))}
		if p.Falling {
			change = []Inline{Alert(fmt.Sprintf("%+.2f falling", p.Change))}
		}
		if len(p.Points) < 2 {
			change = []Inline{Text("—")}
		}
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{{teamWho(p.Team, p.TeamName)}, {teamWho(p.About, p.AboutName)},
			{Text(pulseTrendWords(p.Points))}, {Text(strings.Join(dims, ", "))}, change}})
	}
	return t
}
