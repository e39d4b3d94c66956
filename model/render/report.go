package render

import (
	"fmt"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
)

// Report is the status report (model.BuildReport) as a Doc: an executive
// summary, the strategic goals with the goals under them, the teams, what
// is at risk with the owners' words, missing check-ins, decisions, RACI
// gaps, overdue hand-offs and wins. Each section says so when it has
// nothing to list.
func Report(r model.Report) *Doc { return ReportWith(r, ReportView{}) }

// ReportView shapes how much of a report is shown; the data (and the
// report as JSON) stays whole.
type ReportView struct {
	// Depth is the deepest goal level shown in the goal sections:
	// strategic, objective or key_result ("" is every level). KPIs count
	// as key results.
	Depth string
	// Top is the most items each section lists (0 is all); the rest are
	// counted.
	Top int
}

// CheckDepth reports a depth ReportView does not know.
func CheckDepth(depth string) error {
	if depth == "" || depthRank(depth) >= 0 {
		return nil
	}
	return fmt.Errorf("depth %q: want strategic, objective or key_result", depth)
}

// depthRank orders the levels a depth names; -1 for anything else.
func depthRank(level string) int {
	switch level {
	case model.LevelMission, model.LevelStrategic:
		return 0
	case model.LevelObjective:
		return 1
	case model.LevelKeyResult, model.LevelKPI:
		return 2
	}
	return -1
}

// shows reports whether the view shows goals of a level.
func (v ReportView) shows(level string) bool {
	return v.Depth == "" || depthRank(level) <= depthRank(v.Depth)
}

// cut keeps the view's Top of n items: how many to show, and the line
// that counts the rest (nil when none is left out).
func (v ReportView) cut(n int) (int, []Block) {
	if v.Top <= 0 || n <= v.Top {
		return n, nil
	}
	return v.Top, []Block{Para{Text: []Inline{Text(fmt.Sprintf("… and %d more.", n-v.Top))}, Muted: true}}
}

// ReportWith is Report shaped by a view: how deep the goal sections go
// and how many items each section lists.
func ReportWith(r model.Report, v ReportView) *Doc {
	d := &Doc{Title: reportTitle(r), Level: 1, Subtitle: []Inline{Text(reportScope(r))}}
	if m := r.Mission; m != nil {
		d.Intro = []Block{Para{Text: []Inline{Strong("Mission:"), Text(" " + m.Title), Health(m.Health), Progress{m.Progress}}}}
	}
	d.Footer = []Inline{Text("Made by Accord from the organisation's data repository.")}
	if r.Today != "" {
		d.Footer = append(d.Footer, Text(" Health and progress as of "+dayWords(r.Today)+"."))
	}
	d.Sections = []Section{
		ExecutiveSummary(r),
		reportStrategic(r, v),
		reportTeams(r),
		reportAtRisk(r, v),
		reportMissing(r, v),
		reportDecisions(r, v),
		reportRACI(r, v),
		reportHandoffs(r, v),
		reportBlocked(r, v),
		reportAskPairs(r, v),
		reportPulses(r, v),
		reportWins(r, v),
	}
	if r.Team != "" {
		d.Sections = append(d.Sections, reportAsked(r, v))
	}
	return d
}

// reportAsked is, in a team's report, what others ask of the team.
func reportAsked(r model.Report, v ReportView) Section {
	s := Section{ID: "asked", Title: "Asked of " + r.TeamName}
	if len(r.Asked) == 0 {
		s.Blocks = []Block{None("Nothing is asked of the team.")}
		return s
	}
	var l List
	n, more := v.cut(len(r.Asked))
	for _, a := range r.Asked[:n] {
		l.Items = append(l.Items, Item{Subject: []Inline{Strong(a.ToName + ":"), Text(" " + a.What)},
			Text: []Inline{Text(" — " + a.AuthorName + ", " + a.Date + ", on "), Rec{a.GoalID, a.GoalTitle}}})
	}
	s.Blocks = append([]Block{l}, more...)
	return s
}

// ExecutiveSummary is what a reader with one screen needs: the counts,
// then the worst three goals, the latest three decisions and three wins,
// each a link to the rest.
func ExecutiveSummary(r model.Report) Section {
	s := Section{ID: "summary", Title: "Executive summary", Blocks: []Block{reportSummary(r)}}
	const most = 3
	var attention []Item
	for _, a := range r.AtRisk[:min(most, len(r.AtRisk))] {
		attention = append(attention, Item{Subject: []Inline{Health(a.Goal.Health), Text(" "), Rec{a.Goal.ID, a.Goal.Title}}, Text: []Inline{Text(" — " + ownerTeam(a.Goal))}})
	}
	var decided []Item
	for i := len(r.Decisions) - 1; i >= 0 && len(decided) < most; i-- {
		d := r.Decisions[i]
		it := Item{Subject: []Inline{Rec{d.ID, d.Title}}}
		if d.Rationale != "" {
			it.Text = []Inline{Text(" — "), Cut{d.Rationale, SizeSentence}}
		}
		decided = append(decided, it)
	}
	var wins []Item
	for _, w := range r.Wins[:min(most, len(r.Wins))] {
		wins = append(wins, Item{Subject: []Inline{Cut{w.Text, SizeSentence}}, Text: []Inline{Text(" — " + w.TeamName)}})
	}
	for _, part := range []struct {
		title string
		items []Item
		total int
	}{{"Needs attention", attention, len(r.AtRisk)}, {"Latest decisions", decided, len(r.Decisions)}, {"Wins", wins, len(r.Wins)}} {
		if len(part.items) == 0 {
			continue
		}
		title := part.title
		if part.total > len(part.items) {
			title += fmt.Sprintf(" (%d of %d)", len(part.items), part.total)
		}
		s.Blocks = append(s.Blocks, Para{Text: []Inline{Strong(title)}}, List{Items: part.items})
	}
	return s
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

func reportStrategic(r model.Report, v ReportView) Section {
	s := Section{ID: "strategic-goals", Title: "Strategic goals"}
	if len(r.Strategic) == 0 {
		s.Blocks = []Block{None("No strategic goals.")}
	}
	for _, st := range r.Strategic {
		g := st.Goal
		group := Section{ID: "strategic-" + g.ID, Title: g.Title, Style: StyleGroup,
			Badges: []Inline{Health(g.Health), Progress{g.Progress}}, Meta: []Inline{Text(ownerTeam(g) + " · "), Ref(g.ID)}}
		switch goals := v.goals(st.Goals); {
		case len(st.Goals) == 0:
			group.Blocks = []Block{None("No objectives in this period.")}
		case len(goals) > 0:
			group.Blocks = goalTable(goals, v)
		default:
			group.Blocks = []Block{Para{Text: []Inline{Text(model.Plural(len(st.Goals), "goal") + " under it.")}, Muted: true}}
		}
		s.Sections = append(s.Sections, group)
	}
	if goals := v.goals(r.Unaligned); len(goals) > 0 {
		s.Sections = append(s.Sections, Section{ID: "unaligned", Title: "Not under a strategic goal", Style: StyleGroup,
			Blocks: goalTable(goals, v)})
	}
	if goals := v.goals(r.KPIs); len(goals) > 0 {
		s.Sections = append(s.Sections, Section{ID: "kpis", Title: "KPIs", Style: StyleGroup, Blocks: goalTable(goals, v)})
	}
	return s
}

// goals are the goals of a level the view shows.
func (v ReportView) goals(gs []model.ReportGoal) []model.ReportGoal {
	if v.Depth == "" {
		return gs
	}
	var out []model.ReportGoal
	for _, g := range gs {
		if v.shows(g.Level) {
			out = append(out, g)
		}
	}
	return out
}

// goalTable is goals as an outline: objectives bold, what is under them
// indented; each row is its goal's anchor.
func goalTable(goals []model.ReportGoal, v ReportView) []Block {
	t := Table{Outline: true, Cols: []Col{{Title: "Goal"}, {Title: "Team"}, {Title: "Owner"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}}}
	n, more := v.cut(len(goals))
	for _, g := range goals[:n] {
		t.Rows = append(t.Rows, Row{ID: g.ID, Depth: g.Depth, Strong: g.Level == model.LevelObjective, Cells: [][]Inline{
			{Rec{ID: g.ID, Title: g.Title}}, {teamWho(g.Team, g.TeamName)}, {personWho(g.Owner, g.OwnerName)}, {Health(g.Health)}, {Progress{g.Progress}}}})
	}
	return append([]Block{t}, more...)
}

// personWho and teamWho name a person or team, or "—".
func personWho(handle, name string) Inline {
	if handle == "" {
		return Text("—")
	}
	return Who{ID: handle, Name: orDash(name)}
}

func teamWho(handle, name string) Inline {
	if handle == "" {
		return Text("—")
	}
	return Who{ID: handle, Name: orDash(name), Team: true}
}

func reportTeams(r model.Report) Section {
	s := Section{ID: "by-team", Title: "By team"}
	if len(r.Teams) == 0 {
		s.Blocks = []Block{None("No teams.")}
		return s
	}
	t := Table{Cols: []Col{{Title: "Team"}, {Title: "Lead"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}, {Title: "Objectives and key results"}}}
	for _, tm := range r.Teams {
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{{teamWho(tm.Team, tm.Name)}, {personWho(tm.Lead, tm.LeadName)}, {Health(tm.Health)}, {Progress{tm.Progress}},
			{Text(countsWords(tm.Counts, "none"))}}})
	}
	s.Blocks = []Block{t}
	return s
}

func reportAtRisk(r model.Report, v ReportView) Section {
	s := Section{ID: "at-risk", Title: "At risk and off track"}
	var shown []model.ReportAtRisk
	for _, a := range r.AtRisk {
		if v.shows(a.Goal.Level) {
			shown = append(shown, a)
		}
	}
	if len(shown) == 0 {
		s.Blocks = []Block{None("Nothing is at risk or off track.")}
	}
	n, _ := v.cut(len(shown))
	if n < len(shown) {
		s.Blocks = append(s.Blocks, Para{Text: []Inline{Text(fmt.Sprintf("The %d worst of %d.", n, len(shown)))}, Muted: true})
	}
	for _, a := range shown[:n] {
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

func reportMissing(r model.Report, v ReportView) Section {
	s := Section{ID: "missing-check-ins", Title: "Check-ins missing"}
	switch {
	case r.Today == "":
		s.Blocks = []Block{None("Not known: the report has no date.")}
	case len(r.MissingCheckIns) == 0:
		s.Blocks = []Block{None("Every goal with a cadence is checked in on.")}
	default:
		t := Table{Cols: []Col{{Title: "Goal"}, {Title: "Owner"}, {Title: "Cadence"}, {Title: "Last check-in"}, {Title: "Was due", NoWrap: true}}}
		n, more := v.cut(len(r.MissingCheckIns))
		for _, m := range r.MissingCheckIns[:n] {
			last, due := "none yet", "now"
			if m.LastDate != "" {
				last, due = fmt.Sprintf("%s (%s ago)", m.LastDate, model.Plural(m.DaysSince, "day")), m.Due
			}
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{m.Goal.ID, m.Goal.Title}}, {personWho(m.Goal.Owner, m.Goal.OwnerName)}, {Text(m.Cadence)},
				{Text(last)}, {Text(due)}}})
		}
		s.Blocks = append([]Block{t}, more...)
	}
	return s
}

func reportDecisions(r model.Report, v ReportView) Section {
	made := Section{ID: "decisions-made", Title: "Made"}
	if len(r.Decisions) == 0 {
		made.Blocks = []Block{None("No decisions were made in the period.")}
	} else {
		var l List
		// The latest first when only some are shown.
		ds := r.Decisions
		n, more := v.cut(len(ds))
		if n < len(ds) {
			ds = slices.Clone(ds)
			slices.Reverse(ds)
		}
		for _, d := range ds[:n] {
			it := Item{ID: d.ID, Subject: []Inline{Strong(d.Title), Text(" · " + d.Date + " · "), Ref(d.ID)}}
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
		made.Blocks = append([]Block{l}, more...)
	}

	superseded := Section{ID: "decisions-superseded", Title: "Superseded"}
	if len(r.Superseded) == 0 {
		superseded.Blocks = []Block{None("No decisions were superseded in the period.")}
	} else {
		var l List
		n, more := v.cut(len(r.Superseded))
		for _, d := range r.Superseded[:n] {
			subject := []Inline{Strong(d.Title), Text(" · "), Ref(d.ID), Text(" · superseded " + d.Date + " by ")}
			switch {
			case d.SupersededBy == "":
				subject = append(subject, Text("a later decision"))
			case d.SupersededByTitle != "":
				subject = append(subject, Strong(d.SupersededByTitle), Text(" ("), Ref(d.SupersededBy), Text(")"))
			default:
				subject = append(subject, Ref(d.SupersededBy))
			}
			it := Item{ID: d.ID, Subject: subject}
			if d.Rationale != "" {
				it.Notes = []Note{{Label: "Why", Text: []Inline{Text(d.Rationale)}}}
			}
			l.Items = append(l.Items, it)
		}
		superseded.Blocks = append([]Block{l}, more...)
	}

	proposed := Section{ID: "decisions-proposed", Title: "Awaiting approval"}
	if len(r.Proposed) == 0 {
		proposed.Blocks = []Block{None("No decisions are awaiting approval.")}
	} else {
		t := Table{Cols: []Col{{Title: "Decision"}, {Title: "Since", NoWrap: true}, {Title: "Driver"}, {Title: "Approver"}}}
		n, more := v.cut(len(r.Proposed))
		for _, d := range r.Proposed[:n] {
			t.Rows = append(t.Rows, Row{ID: d.ID, Cells: [][]Inline{{Rec{d.ID, d.Title}}, {Text(orDash(d.Date))}, {personWho(d.Driver, d.DriverName)}, {personWho(d.Approver, d.ApproverName)}}})
		}
		proposed.Blocks = append([]Block{t}, more...)
	}
	return Section{ID: "decisions", Title: "Decisions", Sections: []Section{made, superseded, proposed}}
}

func reportRACI(r model.Report, v ReportView) Section {
	gaps := Section{ID: "raci-gaps", Title: "Gaps"}
	if len(r.RACIGaps) == 0 {
		gaps.Blocks = []Block{None("Every open RACI item has one Accountable and someone Responsible.")}
	} else {
		t := Table{Cols: []Col{{Title: "Item"}, {Title: "Due", NoWrap: true}, {Title: "Accountable"}, {Title: "Responsible"}, {Title: "Gap"}}}
		n, more := v.cut(len(r.RACIGaps))
		for _, g := range r.RACIGaps[:n] {
			var words []string
			for _, x := range g.Gaps {
				words = append(words, x.Text)
			}
			t.Rows = append(t.Rows, Row{ID: g.ID, Cells: [][]Inline{{Rec{g.ID, g.Title}}, {Text(orDash(g.Due))},
				{Text(orDash(strings.Join(g.AccountableNames, ", ")))}, {Text(orDash(strings.Join(g.ResponsibleNames, ", ")))},
				{Alert(strings.Join(words, "; "))}}})
		}
		gaps.Blocks = append([]Block{t}, more...)
	}

	over := Section{ID: "raci-overloaded", Title: "Accountable for too much"}
	if len(r.Overloaded) == 0 {
		over.Blocks = []Block{None("Nobody is Accountable for more than the limit.")}
	} else {
		var l List
		n, more := v.cut(len(r.Overloaded))
		for _, p := range r.Overloaded[:n] {
			it := Item{Subject: []Inline{Who{ID: p.Person, Name: p.Name}, Text(fmt.Sprintf(" is Accountable for %d open items; the limit is %d", p.Count, p.Limit))}}
			for _, x := range p.Items {
				sub := []Inline{Rec{x.ID, x.Title}}
				if x.Due != "" {
					sub = append(sub, Text(" (due "+x.Due+")"))
				}
				it.Sub = append(it.Sub, sub)
			}
			l.Items = append(l.Items, it)
		}
		over.Blocks = append([]Block{l}, more...)
	}
	return Section{ID: "raci", Title: "RACI", Sections: []Section{gaps, over}}
}

func reportHandoffs(r model.Report, v ReportView) Section {
	s := Section{ID: "overdue-handoffs", Title: "Hand-offs overdue"}
	switch {
	case r.Today == "":
		s.Blocks = []Block{None("Not known: the report has no date.")}
	case len(r.OverdueHandoffs) == 0:
		s.Blocks = []Block{None("No hand-off is overdue.")}
	default:
		t := Table{Cols: []Col{{Title: "Hand-off"}, {Title: "From"}, {Title: "To"}, {Title: "Due"}, {Title: "State"}}}
		n, more := v.cut(len(r.OverdueHandoffs))
		for _, h := range r.OverdueHandoffs[:n] {
			t.Rows = append(t.Rows, Row{ID: h.ID, Cells: [][]Inline{{Rec{h.ID, h.Title}}, {Text(party(h.FromTeamName, h.FromOwnerName))},
				{Text(party(h.ToTeamName, h.ToOwnerName))}, {Text(h.Due + " "), Alert("(" + model.Plural(h.DaysOverdue, "day") + " overdue)")},
				{Text(Label(h.State))}}})
		}
		s.Blocks = append([]Block{t}, more...)
	}
	return s
}

func reportWins(r model.Report, v ReportView) Section {
	s := Section{ID: "wins", Title: "Wins"}
	if len(r.Wins) == 0 {
		s.Blocks = []Block{None("No wins were reported in the period.")}
		return s
	}
	var l List
	n, more := v.cut(len(r.Wins))
	for _, w := range r.Wins[:n] {
		l.Items = append(l.Items, Item{Subject: []Inline{Strong(w.Text), Text(" — " + w.AuthorName + ", " + w.Date + ", on "), Rec{w.GoalID, w.GoalTitle}}})
	}
	s.Blocks = append([]Block{l}, more...)
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
