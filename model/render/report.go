package render

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/model"
)

// Report is the status report (model.BuildReport) as a Doc: a summary,
// the strategic goals with the goals under them, the teams, what is at
// risk with the owners' words, missing check-ins, decisions, RACI gaps,
// overdue hand-offs and wins. Each section says so when it has nothing to
// list.
func Report(r model.Report) *Doc {
	d := &Doc{Title: reportTitle(r), Level: 1, Subtitle: []Inline{Text(reportScope(r))}}
	if m := r.Mission; m != nil {
		d.Intro = []Block{Para{Text: []Inline{Strong("Mission:"), Text(" " + m.Title), Health(m.Health), Progress{m.Progress}}}}
	}
	d.Footer = []Inline{Text("Made by Accord from the organisation's data repository.")}
	if r.Today != "" {
		d.Footer = append(d.Footer, Text(" Health and progress as of "+dayWords(r.Today)+"."))
	}
	d.Sections = []Section{
		{ID: "summary", Title: "Summary", Blocks: []Block{reportSummary(r)}},
		reportStrategic(r),
		reportTeams(r),
		reportAtRisk(r),
		reportMissing(r),
		reportDecisions(r),
		reportRACI(r),
		reportHandoffs(r),
		reportWins(r),
	}
	return d
}

// reportTitle is the report's title: the organisation, the team and the
// period.
func reportTitle(r model.Report) string {
	org := r.Org
	if org == "" {
		org = "Accord"
	}
	if r.TeamName != "" {
		org += " · " + r.TeamName
	}
	span := r.Period
	if span == "" {
		span = spanWords(r.Since, r.Until)
	}
	return org + " — status report, " + span
}

// reportScope says which days, which teams and as of when.
func reportScope(r model.Report) string {
	parts := []string{spanWords(r.Since, r.Until)}
	if r.TeamName != "" {
		parts = append(parts, r.TeamName+" and the teams under it")
	} else {
		parts = append(parts, "all teams")
	}
	if r.Today != "" {
		parts = append(parts, "as of "+dayWords(r.Today))
	}
	return strings.Join(parts, " · ")
}

func reportSummary(r model.Report) Facts {
	n := 0
	for _, c := range r.Health {
		n += c
	}
	goals := []Inline{Text("no objectives or key results in the period")}
	if n > 0 {
		goals = []Inline{Counts{r.Health, "no check-in yet"}, Text(fmt.Sprintf(" (%d objectives and key results)", n))}
	}
	missing := model.Plural(len(r.MissingCheckIns), "check-in") + " missing"
	if r.Today == "" {
		missing = "check-ins not known"
	}
	return Facts{
		{Label: "Goals", Value: goals, Wide: true},
		{Label: "Needs attention", Value: []Inline{Text(model.Plural(len(r.AtRisk), "goal") + " at risk or off track, " + missing)}},
		{Label: "Decisions", Value: []Inline{Text(fmt.Sprintf("%d made, %d superseded, %d awaiting approval", len(r.Decisions), len(r.Superseded), len(r.Proposed)))}},
		{Label: "RACI", Value: []Inline{Text(model.Plural(len(r.RACIGaps), "item") + " with gaps, " + model.Plural(len(r.Overloaded), "person") + " Accountable for too much")}},
		{Label: "Hand-offs", Value: []Inline{Text(fmt.Sprintf("%d overdue", len(r.OverdueHandoffs)))}},
		{Label: "Wins", Value: []Inline{Text(fmt.Sprintf("%d reported", len(r.Wins)))}},
	}
}

func reportStrategic(r model.Report) Section {
	s := Section{ID: "strategic-goals", Title: "Strategic goals"}
	if len(r.Strategic) == 0 {
		s.Blocks = []Block{None("No strategic goals.")}
	}
	for _, st := range r.Strategic {
		g := st.Goal
		group := Section{ID: "strategic-" + g.ID, Title: g.Title, Style: StyleGroup,
			Badges: []Inline{Health(g.Health), Progress{g.Progress}}, Meta: []Inline{Text(ownerTeam(g) + " · "), Ref(g.ID)}}
		if len(st.Goals) == 0 {
			group.Blocks = []Block{None("No objectives in this period.")}
		} else {
			group.Blocks = []Block{goalTable(st.Goals)}
		}
		s.Sections = append(s.Sections, group)
	}
	if len(r.Unaligned) > 0 {
		s.Sections = append(s.Sections, Section{ID: "unaligned", Title: "Not under a strategic goal", Style: StyleGroup,
			Blocks: []Block{goalTable(r.Unaligned)}})
	}
	if len(r.KPIs) > 0 {
		s.Sections = append(s.Sections, Section{ID: "kpis", Title: "KPIs", Style: StyleGroup, Blocks: []Block{goalTable(r.KPIs)}})
	}
	return s
}

// goalTable is goals as an outline: objectives bold, what is under them
// indented.
func goalTable(goals []model.ReportGoal) Table {
	t := Table{Outline: true, Cols: []Col{{Title: "Goal"}, {Title: "Team"}, {Title: "Owner"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}}}
	for _, g := range goals {
		t.Rows = append(t.Rows, Row{Depth: g.Depth, Strong: g.Level == model.LevelObjective, Cells: [][]Inline{
			{Text(g.Title)}, {Text(orDash(g.TeamName))}, {Text(orDash(g.OwnerName))}, {Health(g.Health)}, {Progress{g.Progress}}}})
	}
	return t
}

func reportTeams(r model.Report) Section {
	s := Section{ID: "by-team", Title: "By team"}
	if len(r.Teams) == 0 {
		s.Blocks = []Block{None("No teams.")}
		return s
	}
	t := Table{Cols: []Col{{Title: "Team"}, {Title: "Lead"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}, {Title: "Objectives and key results"}}}
	for _, tm := range r.Teams {
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Text(tm.Name)}, {Text(orDash(tm.LeadName))}, {Health(tm.Health)}, {Progress{tm.Progress}},
			{Text(countsWords(tm.Counts, "none"))}}})
	}
	s.Blocks = []Block{t}
	return s
}

func reportAtRisk(r model.Report) Section {
	s := Section{ID: "at-risk", Title: "At risk and off track"}
	if len(r.AtRisk) == 0 {
		s.Blocks = []Block{None("Nothing is at risk or off track.")}
	}
	for _, a := range r.AtRisk {
		g := a.Goal
		head := []Inline{Health(g.Health)}
		if g.Reported != "" {
			// Stale: say what the old news was.
			head = append(head, Text(" (last said "+HealthWords(g.Reported)+")"))
		}
		head = append(head, Progress{g.Progress})
		if m := metricWords(g); m != "" {
			head = append(head, Text(" · "+m))
		}
		about := levelName(g.Level) + " · " + ownerTeam(g)
		if a.StrategicTitle != "" {
			about += " · for " + a.StrategicTitle
		}
		check := "Check-in " + a.Date + " by " + a.AuthorName
		if a.Confidence != nil {
			check += ", confidence " + number(*a.Confidence)
		}
		var asks [][]Inline
		for _, ask := range a.Asks {
			asks = append(asks, []Inline{Strong(ask.FromName + ":"), Text(" " + ask.What)})
		}
		s.Sections = append(s.Sections, Section{ID: "at-risk-" + g.ID, Title: g.Title, Style: StyleEntry, Accent: g.Health, Blocks: []Block{
			Para{Text: head},
			Para{Text: []Inline{Text(about + " · "), Ref(g.ID)}, Muted: true},
			Para{Text: []Inline{Text(check + ":")}, Muted: true},
			Quote{Text: []Inline{Text(a.Summary)}},
			Lists{{Title: "Problems", Items: texts(a.Problems)}, {Title: "Asks", Items: asks}, {Title: "Plans", Items: texts(a.Plans)}},
		}})
	}
	return s
}

func texts(ss []string) [][]Inline {
	var out [][]Inline
	for _, s := range ss {
		out = append(out, []Inline{Text(s)})
	}
	return out
}

func reportMissing(r model.Report) Section {
	s := Section{ID: "missing-check-ins", Title: "Check-ins missing"}
	switch {
	case r.Today == "":
		s.Blocks = []Block{None("Not known: the report has no date.")}
	case len(r.MissingCheckIns) == 0:
		s.Blocks = []Block{None("Every goal with a cadence is checked in on.")}
	default:
		t := Table{Cols: []Col{{Title: "Goal"}, {Title: "Owner"}, {Title: "Cadence"}, {Title: "Last check-in"}, {Title: "Was due", NoWrap: true}}}
		for _, m := range r.MissingCheckIns {
			last, due := "none yet", "now"
			if m.LastDate != "" {
				last, due = fmt.Sprintf("%s (%s ago)", m.LastDate, model.Plural(m.DaysSince, "day")), m.Due
			}
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Text(m.Goal.Title)}, {Text(orDash(m.Goal.OwnerName))}, {Text(m.Cadence)},
				{Text(last)}, {Text(due)}}})
		}
		s.Blocks = []Block{t}
	}
	return s
}

func reportDecisions(r model.Report) Section {
	made := Section{ID: "decisions-made", Title: "Made"}
	if len(r.Decisions) == 0 {
		made.Blocks = []Block{None("No decisions were made in the period.")}
	} else {
		var l List
		for _, d := range r.Decisions {
			it := Item{Subject: []Inline{Strong(d.Title), Text(" · " + d.Date + " · "), Ref(d.ID)}}
			if d.Chosen != "" {
				it.Notes = append(it.Notes, Note{Label: "Chose", Text: []Inline{Text(d.Chosen)}})
			}
			if d.Rationale != "" {
				it.Notes = append(it.Notes, Note{Label: "Why", Text: []Inline{Text(d.Rationale)}})
			}
			switch {
			case d.DecidedBy != "":
				// Who did it, as the commit says.
				it.Notes = append(it.Notes, Note{Text: []Inline{Text(capitalise(d.DecidedBy))}, Muted: true})
			case d.ApproverName != "":
				// Without the history, the approver is named as a role,
				// never as someone who did something.
				it.Notes = append(it.Notes, Note{Text: []Inline{Text("Approver: " + d.ApproverName)}, Muted: true})
			}
			l.Items = append(l.Items, it)
		}
		made.Blocks = []Block{l}
	}

	superseded := Section{ID: "decisions-superseded", Title: "Superseded"}
	if len(r.Superseded) == 0 {
		superseded.Blocks = []Block{None("No decisions were superseded in the period.")}
	} else {
		var l List
		for _, d := range r.Superseded {
			subject := []Inline{Strong(d.Title), Text(" · "), Ref(d.ID), Text(" · superseded " + d.Date + " by ")}
			switch {
			case d.SupersededBy == "":
				subject = append(subject, Text("a later decision"))
			case d.SupersededByTitle != "":
				subject = append(subject, Strong(d.SupersededByTitle), Text(" ("), Ref(d.SupersededBy), Text(")"))
			default:
				subject = append(subject, Ref(d.SupersededBy))
			}
			it := Item{Subject: subject}
			if d.Rationale != "" {
				it.Notes = []Note{{Label: "Why", Text: []Inline{Text(d.Rationale)}}}
			}
			l.Items = append(l.Items, it)
		}
		superseded.Blocks = []Block{l}
	}

	proposed := Section{ID: "decisions-proposed", Title: "Awaiting approval"}
	if len(r.Proposed) == 0 {
		proposed.Blocks = []Block{None("No decisions are awaiting approval.")}
	} else {
		t := Table{Cols: []Col{{Title: "Decision"}, {Title: "Since", NoWrap: true}, {Title: "Driver"}, {Title: "Approver"}}}
		for _, d := range r.Proposed {
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{d.ID, d.Title}}, {Text(orDash(d.Date))}, {Text(orDash(d.DriverName))}, {Text(orDash(d.ApproverName))}}})
		}
		proposed.Blocks = []Block{t}
	}
	return Section{ID: "decisions", Title: "Decisions", Sections: []Section{made, superseded, proposed}}
}

func reportRACI(r model.Report) Section {
	gaps := Section{ID: "raci-gaps", Title: "Gaps"}
	if len(r.RACIGaps) == 0 {
		gaps.Blocks = []Block{None("Every open RACI item has one Accountable and someone Responsible.")}
	} else {
		t := Table{Cols: []Col{{Title: "Item"}, {Title: "Due", NoWrap: true}, {Title: "Accountable"}, {Title: "Responsible"}, {Title: "Gap"}}}
		for _, g := range r.RACIGaps {
			var words []string
			for _, x := range g.Gaps {
				words = append(words, x.Text)
			}
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{g.ID, g.Title}}, {Text(orDash(g.Due))},
				{Text(orDash(strings.Join(g.AccountableNames, ", ")))}, {Text(orDash(strings.Join(g.ResponsibleNames, ", ")))},
				{Alert(strings.Join(words, "; "))}}})
		}
		gaps.Blocks = []Block{t}
	}

	over := Section{ID: "raci-overloaded", Title: "Accountable for too much"}
	if len(r.Overloaded) == 0 {
		over.Blocks = []Block{None("Nobody is Accountable for more than the limit.")}
	} else {
		var l List
		for _, p := range r.Overloaded {
			it := Item{Subject: []Inline{Strong(p.Name), Text(fmt.Sprintf(" is Accountable for %d open items; the limit is %d", p.Count, p.Limit))}}
			for _, x := range p.Items {
				s := x.Title
				if x.Due != "" {
					s += " (due " + x.Due + ")"
				}
				it.Sub = append(it.Sub, []Inline{Text(s)})
			}
			l.Items = append(l.Items, it)
		}
		over.Blocks = []Block{l}
	}
	return Section{ID: "raci", Title: "RACI", Sections: []Section{gaps, over}}
}

func reportHandoffs(r model.Report) Section {
	s := Section{ID: "overdue-handoffs", Title: "Hand-offs overdue"}
	switch {
	case r.Today == "":
		s.Blocks = []Block{None("Not known: the report has no date.")}
	case len(r.OverdueHandoffs) == 0:
		s.Blocks = []Block{None("No hand-off is overdue.")}
	default:
		t := Table{Cols: []Col{{Title: "Hand-off"}, {Title: "From"}, {Title: "To"}, {Title: "Due"}, {Title: "State"}}}
		for _, h := range r.OverdueHandoffs {
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{h.ID, h.Title}}, {Text(party(h.FromTeamName, h.FromOwnerName))},
				{Text(party(h.ToTeamName, h.ToOwnerName))}, {Text(h.Due + " "), Alert("(" + model.Plural(h.DaysOverdue, "day") + " overdue)")},
				{Text(Label(h.State))}}})
		}
		s.Blocks = []Block{t}
	}
	return s
}

func reportWins(r model.Report) Section {
	s := Section{ID: "wins", Title: "Wins"}
	if len(r.Wins) == 0 {
		s.Blocks = []Block{None("No wins were reported in the period.")}
		return s
	}
	var l List
	for _, w := range r.Wins {
		l.Items = append(l.Items, Item{Subject: []Inline{Strong(w.Text), Text(" — " + w.AuthorName + ", " + w.Date + ", on " + w.GoalTitle)}})
	}
	s.Blocks = []Block{l}
	return s
}

// spanWords says which days a report covers: "1 Oct – 31 Dec 2026".
func spanWords(since, until string) string {
	s, sok := parseDay(since)
	u, uok := parseDay(until)
	switch {
	case sok && uok && s.Year() == u.Year() && s.Month() == u.Month():
		return s.Format("2") + "–" + u.Format("2 Jan 2006")
	case sok && uok && s.Year() == u.Year():
		return s.Format("2 Jan") + " – " + u.Format("2 Jan 2006")
	case sok && uok:
		return s.Format("2 Jan 2006") + " – " + u.Format("2 Jan 2006")
	case sok:
		return "since " + s.Format("2 Jan 2006")
	case uok:
		return "until " + u.Format("2 Jan 2006")
	}
	return "all dates"
}

func dayWords(d string) string {
	if t, ok := parseDay(d); ok {
		return t.Format("2 Jan 2006")
	}
	return d
}

func levelName(l string) string {
	switch l {
	case "":
		return "Goal"
	case model.LevelKPI:
		return "KPI"
	}
	return capitalise(Label(l))
}

func ownerTeam(g model.ReportGoal) string {
	var parts []string
	if g.TeamName != "" {
		parts = append(parts, g.TeamName)
	}
	if g.OwnerName != "" {
		parts = append(parts, g.OwnerName)
	}
	if len(parts) == 0 {
		return "no owner"
	}
	return strings.Join(parts, " · ")
}

// metricWords is "14 → 9 → 5 days (lower is better)".
func metricWords(g model.ReportGoal) string {
	m := g.Metric
	if m == nil {
		return ""
	}
	cur := "no value yet"
	if g.Current != nil {
		cur = number(*g.Current)
	}
	better := "higher is better"
	if m.Direction == "decrease" {
		better = "lower is better"
	}
	s := number(m.Baseline) + " → " + cur + " → " + number(m.Target)
	if m.Unit != "" {
		s += " " + m.Unit
	}
	return s + " (" + better + ")"
}

func party(team, owner string) string {
	if owner == "" {
		return orDash(team)
	}
	return team + " (" + owner + ")"
}
