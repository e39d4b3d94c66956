package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
)

// The site's pages that list many records: the index (the pyramid), the
// report, the decision log, the RACI matrix, the hand-offs, teams and
// people, and what changed each week.

// report is the organisation's report as the site shows it.
func (s *site) report() model.Report {
	opts := s.opts.Report
	opts.Today, opts.Steps = s.opts.Today, s.opts.Steps
	return model.BuildReport(s.o, opts)
}

// asOf is the line every listing page opens with.
func (s *site) asOf() []Inline {
	if s.opts.Today.IsZero() {
		return nil
	}
	return []Inline{Text("As of " + s.opts.Today.Format("2 January 2006"))}
}

func (s *site) orgName() string {
	if s.o.Config.Org != "" {
		return s.o.Config.Org
	}
	return "Accord"
}

// who names a person or team by handle.
func (s *site) who(handle string) Inline {
	if handle == "" {
		return Text("—")
	}
	if p := s.o.People[handle]; p != nil {
		return Who{ID: handle, Name: orDash(p.Name)}
	}
	if t := s.o.Teams[handle]; t != nil {
		return Who{ID: handle, Name: orDash(t.Name), Team: true}
	}
	return Text(handle)
}

// whos names people and teams, separated by commas; "—" for none.
func (s *site) whos(handles []string) []Inline {
	var out []Inline
	for i, h := range handles {
		if i > 0 {
			out = append(out, Text(", "))
		}
		out = append(out, s.who(h))
	}
	if len(out) == 0 {
		return []Inline{Text("—")}
	}
	return out
}

// rec names a record by its title, with a link.
func (s *site) rec(id string) Inline {
	if r, ok := s.o.Get(id); ok {
		return Rec{ID: id, Title: orDash(r.RecordTitle())}
	}
	return Ref(id)
}

func (s *site) indexPage() SiteFile {
	r := s.report()
	depth := s.opts.Depth
	if depth == "" {
		depth = model.LevelObjective
	}
	d := &Doc{Title: s.orgName(), Level: 1, Subtitle: []Inline{Text(reportScope(r))}}
	if m := r.Mission; m != nil {
		d.Intro = []Block{Para{Text: []Inline{Strong("Mission:"), Text(" "), Rec{m.ID, m.Title}, Health(m.Health), Progress{m.Progress}}}}
	}
	pyramid := reportStrategic(r, ReportView{Depth: depth})
	pyramid.Title = "Goals"
	d.Sections = []Section{ExecutiveSummary(r), pyramid, reportTeams(r)}
	d.Footer = []Inline{Text("Published by Accord from the organisation's data repository. Read-only: change the records, then publish again.")}
	return s.page(d, "index.html", "feeds/checkins.atom")
}

func (s *site) reportPage() SiteFile {
	d := Report(s.report())
	return s.page(d, "report.html", "")
}

// decisionLog is every decision, newest first, filterable by status and
// by the teams involved.
func (s *site) decisionLog() SiteFile {
	o := s.o
	ids := o.IDs(model.KindDecision)
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(o.Decisions[b].Date, o.Decisions[a].Date), cmp.Compare(a, b))
	})
	t := Table{Cols: []Col{{Title: "Decision"}, {Title: "Status", NoWrap: true}, {Title: "Date", NoWrap: true}, {Title: "Driver"}, {Title: "Teams"}}}
	teamsSeen := map[string]bool{}
	for _, id := range ids {
		dd := o.Decisions[id]
		teams := s.decisionTeams(dd)
		for _, tm := range teams {
			teamsSeen[tm] = true
		}
		t.Rows = append(t.Rows, Row{ID: id, Tags: map[string][]string{"status": {dd.Status}, "team": teams}, Cells: [][]Inline{
			{Rec{id, dd.Title}}, {Text(Label(orDash(dd.Status)))}, {Text(orDash(dd.Date))}, {s.who(dd.Driver)}, s.whos(teams)}})
	}
	statuses := Filter{Label: "Status", Key: "status"}
	for _, st := range model.DecisionStatuses {
		statuses.Options = append(statuses.Options, [2]string{st, Label(st)})
	}
	teams := Filter{Label: "Team", Key: "team"}
	for _, id := range o.IDs(model.KindTeam) {
		if teamsSeen[id] {
			teams.Options = append(teams.Options, [2]string{id, orDash(o.Teams[id].Name)})
		}
	}
	sec := Section{ID: "log", Title: "Every decision"}
	if len(ids) == 0 {
		sec.Blocks = []Block{None("No decisions yet.")}
	} else {
		sec.Blocks = []Block{Filters{statuses, teams}, t}
	}
	d := &Doc{Title: "Decisions", Level: 1, Subtitle: append(s.asOf(), Text(fmt.Sprintf(" · %s", model.Plural(len(ids), "decision")))), Sections: []Section{sec}}
	return s.page(d, "decisions.html", "feeds/decisions.atom")
}

// decisionTeams are the teams a decision involves: named in it, the
// teams of the people named, and the teams of the goals it serves.
func (s *site) decisionTeams(d *model.Decision) []string {
	o := s.o
	set := map[string]bool{}
	for _, h := range slices.Concat([]string{d.Driver, d.Approver}, d.DecisionMakers, d.Consulted, d.Informed) {
		if o.Teams[h] != nil {
			set[h] = true
		}
		if p := o.People[h]; p != nil {
			for _, t := range p.Teams {
				set[t] = true
			}
		}
	}
	for _, g := range d.Goals {
		if gg := o.Goals[g]; gg != nil && gg.Team != "" {
			set[gg.Team] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		if o.Teams[t] != nil {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// raciMatrix is every RACI item that is not retired with who holds each
// role, then the retired ones.
func (s *site) raciMatrix() SiteFile {
	o := s.o
	var open, retired Table
	for _, t := range []*Table{&open, &retired} {
		t.Cols = []Col{{Title: "Item"}, {Title: "Due", NoWrap: true}, {Title: "A"}, {Title: "R"}, {Title: "C"}, {Title: "I"}, {Title: "State"}}
	}
	for _, id := range o.IDs(model.KindRACI) {
		r := o.RACIs[id]
		row := Row{ID: id, Cells: [][]Inline{{Rec{id, r.Title}}, {Text(orDash(r.Due))}, s.whos(r.Accountable), s.whos(r.Responsible),
			s.whos(r.Consulted), s.whos(r.Informed), {Text(orDash(r.State))}}}
		if r.State == "retired" {
			retired.Rows = append(retired.Rows, row)
		} else {
			open.Rows = append(open.Rows, row)
		}
	}
	d := &Doc{Title: "RACI", Level: 1, Subtitle: s.asOf(), Intro: []Block{Para{Text: []Inline{Text(
		"A: Accountable, the one person who answers for it. R: Responsible, who does the work. C: Consulted before. I: Informed after.")}, Muted: true}}}
	for _, part := range []struct {
		id, title, none string
		t               Table
	}{{"open", "Open items", "No open RACI items.", open}, {"retired", "Retired", "Nothing is retired.", retired}} {
		sec := Section{ID: part.id, Title: part.title, Blocks: []Block{part.t}}
		if len(part.t.Rows) == 0 {
			sec.Blocks = []Block{None(part.none)}
		}
		d.Sections = append(d.Sections, sec)
	}
	return s.page(d, "raci.html", "")
}

func (s *site) handoffIndex() SiteFile {
	o := s.o
	t := Table{Cols: []Col{{Title: "Hand-off"}, {Title: "From"}, {Title: "To"}, {Title: "Due", NoWrap: true}, {Title: "State"}}}
	for _, id := range o.IDs(model.KindHandoff) {
		h := o.Handoffs[id]
		t.Rows = append(t.Rows, Row{ID: id, Cells: [][]Inline{{Rec{id, h.Title}}, s.party(h.From), s.party(h.To), {Text(orDash(h.Due))}, {Text(Label(orDash(h.State)))}}})
	}
	sec := Section{ID: "handoffs", Title: "Every hand-off", Blocks: []Block{t}}
	if len(t.Rows) == 0 {
		sec.Blocks = []Block{None("No hand-offs yet.")}
	}
	d := &Doc{Title: "Hand-offs", Level: 1, Subtitle: s.asOf(), Sections: []Section{sec}}
	return s.page(d, "handoffs.html", "")
}

// party is one side of a hand-off: the team, and its owner.
func (s *site) party(p model.Party) []Inline {
	out := []Inline{s.who(p.Team)}
	if p.Owner != "" {
		out = append(out, Text(" ("), s.who(p.Owner), Text(")"))
	}
	return out
}

func (s *site) teamIndex() SiteFile {
	o := s.o
	t := Table{Cols: []Col{{Title: "Team"}, {Title: "Lead"}, {Title: "Part of"}, {Title: "Mission"}}}
	for _, id := range o.IDs(model.KindTeam) {
		tm := o.Teams[id]
		parent := Inline(Text("—"))
		if tm.Parent != "" {
			parent = s.who(tm.Parent)
		}
		t.Rows = append(t.Rows, Row{ID: id, Cells: [][]Inline{{s.who(id)}, {s.who(tm.Lead)}, {parent}, {Cut{tm.Mission, SizeSentence}}}})
	}
	sec := Section{ID: "teams", Title: "Every team", Blocks: []Block{t}}
	if len(t.Rows) == 0 {
		sec.Blocks = []Block{None("No teams yet.")}
	}
	d := &Doc{Title: "Teams", Level: 1, Subtitle: s.asOf(), Intro: []Block{Para{Text: []Inline{Text(
		"Each team's page is its interface to the rest of the company: what it owns, what is asked of it and by it, its hand-offs, and the decisions it is consulted on or informed of.")}, Muted: true}},
		Sections: []Section{sec}}
	return s.page(d, "teams.html", "")
}

func (s *site) peopleIndex() SiteFile {
	o := s.o
	t := Table{Cols: []Col{{Title: "Person"}, {Title: "Role"}, {Title: "Teams"}}}
	for _, id := range o.IDs(model.KindPerson) {
		p := o.People[id]
		role := p.Role
		if !p.IsActive() {
			role = strings.TrimSpace(role + " (inactive)")
		}
		t.Rows = append(t.Rows, Row{ID: id, Cells: [][]Inline{{s.who(id)}, {Text(orDash(role))}, s.whos(p.Teams)}})
	}
	sec := Section{ID: "people", Title: "Everyone", Blocks: []Block{t}}
	if len(t.Rows) == 0 {
		sec.Blocks = []Block{None("No people yet.")}
	}
	d := &Doc{Title: "People", Level: 1, Subtitle: s.asOf(), Sections: []Section{sec}}
	return s.page(d, "people.html", "")
}

// weekPath is where a week's changes are.
func weekPath(week string) string { return "changes/" + week + ".html" }

// WeekOf names the ISO week holding t: 2026-W47.
func WeekOf(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%d-W%02d", y, w)
}

func (s *site) changesIndex() SiteFile {
	var l List
	for _, w := range s.opts.Weeks {
		text := "nothing changed"
		if w.Diff != nil && !w.Diff.Empty() {
			text = diffCounts(w.Diff)
		}
		span := ""
		if r := w.Diff.Range; r != nil {
			span = " (" + spanWords(r.FromDate, r.ToDate) + ")"
		}
		l.Items = append(l.Items, Item{Subject: []Inline{weekLink(w.Week), Text(span)}, Text: []Inline{Text(": " + text)}})
	}
	sec := Section{ID: "weeks", Title: "By week", Blocks: []Block{l}}
	if len(l.Items) == 0 {
		sec.Blocks = []Block{None("No history to show.")}
	}
	d := &Doc{Title: "What changed", Level: 1, Subtitle: s.asOf(), Intro: []Block{Para{Text: []Inline{Text(
		"Each week's changes in the terms people review: goals added, closed or moved, health, decisions made or superseded and why, RACI, check-ins.")}, Muted: true}},
		Sections: []Section{sec}}
	return s.page(d, "changes.html", "")
}

// weekLink names a week's page: the site's linker knows "week:" IDs.
func weekLink(week string) Inline { return Rec{ID: "week:" + week, Title: week} }

// weekOfLink is the week a "week:" ID names, when it is one.
func weekOfLink(id string) (string, bool) {
	w, ok := strings.CutPrefix(id, "week:")
	if !ok || len(w) != 8 || w[4:6] != "-W" || strings.Trim(w[:4]+w[6:], "0123456789") != "" {
		return "", false
	}
	return w, true
}

// diffCounts sums a diff up in a line: "3 decisions, 12 check-ins, 2
// health changes".
func diffCounts(d *model.OrgDiff) string {
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{{len(d.Decisions), "decision"}, {len(d.CheckIns), "check-in"}, {len(d.Health), "health change"}, {len(d.Goals), "goal"},
		{len(d.RACI), "RACI change"}, {len(d.People), "person or team"}, {len(d.Other), "other change"}} {
		if c.n > 0 {
			parts = append(parts, model.Plural(c.n, c.word))
		}
	}
	return strings.Join(parts, ", ")
}

func (s *site) weekPage(w SiteWeek) SiteFile {
	d := Diff(w.Diff, w.Problems)
	d.Title = "What changed in " + w.Week
	d.Level = 1
	return s.page(d, weekPath(w.Week), "")
}
