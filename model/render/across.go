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

// answerWord is an answer's response as a past participle: accepted,
// declined, done.
func answerWord(r string) string {
	switch r {
	case model.AnswerAccept:
		return "accepted"
	case model.AnswerDecline:
		return "declined"
	}
	return r
}

// dependencySections are a goal page's: what blocks it, what it depends
// on, what depends on it, and the retros on it.
func (s *site) dependencySections(g *model.Goal) []Section {
	o := s.o
	var out []Section
	if bs := o.BlockedBy(g.ID, s.opts.Today); len(bs) > 0 {
		var l List
		for _, b := range bs {
			r, _ := o.Get(b.ID)
			l.Items = append(l.Items, Item{ID: "blocked-" + b.ID, Subject: blockerInlines(b.ID, r.RecordTitle(), s.teamName(o.TeamOf(r)), b.Reason)})
		}
		out = append(out, Section{ID: "blocked", Title: "Blocked by", Blocks: []Block{l}})
	}
	if deps := o.DependenciesOf(g.ID); len(deps) > 0 {
		var l List
		for _, r := range deps {
			it := Item{Subject: []Inline{Rec{r.RecordID(), r.RecordTitle()}}}
			if t := o.TeamOf(r); t != "" {
				it.Text = append(it.Text, Text(" · "), s.who(t))
			}
			if dg, ok := r.(*model.Goal); ok {
				it.Text = append(it.Text, Text(" · "), Health(o.Health(dg.ID)))
			}
			l.Items = append(l.Items, it)
		}
		out = append(out, Section{ID: "depends-on", Title: "Depends on", Blocks: []Block{l}})
	}
	if ds := o.Dependents(g.ID); len(ds) > 0 {
		var l List
		for _, d := range ds {
			it := Item{Subject: []Inline{Rec{d.ID, d.Title}}}
			if d.Team != "" {
				it.Text = append(it.Text, Text(" · "), s.who(d.Team))
			}
			l.Items = append(l.Items, it)
		}
		out = append(out, Section{ID: "dependents", Title: "Depended on by", Blocks: []Block{l}})
	}
	if rs := o.RetrosOf(g.ID); len(rs) > 0 {
		out = append(out, s.retroSection(rs))
	}
	return out
}

func (s *site) teamName(id string) string {
	if t := s.o.Teams[id]; t != nil && t.Name != "" {
		return t.Name
	}
	return id
}

// retroSection lists retros: who, when, what went well and badly.
func (s *site) retroSection(rs []*model.Retro) Section {
	sec := Section{ID: "retros", Title: "Retros"}
	for _, r := range rs {
		sec.Sections = append(sec.Sections, Section{ID: r.ID, Title: dayWords(r.Date), Style: StyleEntry, Blocks: []Block{
			Para{Text: []Inline{s.who(r.Author), Text(" · " + strings.Join(r.Teams, ", "))}, Muted: true},
			Lists{{Title: "Went well", Items: texts(r.WentWell)}, {Title: "Went badly", Items: texts(r.WentBadly)}},
		}})
	}
	return sec
}

// teamAcross are a team page's sections on work with other teams: its
// goals something blocks, how much it depends on each team and they on
// it, and the pulse it takes with each.
func (s *site) teamAcross(t *model.Team) []Section {
	o := s.o
	var blocked List
	for _, id := range s.idx.teamGoals[t.ID] {
		g := o.Goals[id]
		bs := o.BlockedBy(id, s.opts.Today)
		if len(bs) == 0 {
			continue
		}
		it := Item{ID: "blocked-" + id, Subject: []Inline{Rec{id, g.Title}}, Text: []Inline{Text(" — "), s.who(g.Owner)}}
		for _, b := range bs {
			r, _ := o.Get(b.ID)
			it.Notes = append(it.Notes, Note{Label: "Blocked by", Text: blockerInlines(b.ID, r.RecordTitle(), s.teamName(o.TeamOf(r)), b.Reason)})
		}
		blocked.Items = append(blocked.Items, it)
	}
	out := []Section{orNone(Section{ID: "blocked", Title: "Blocked by dependencies", Blocks: []Block{blocked}}, len(blocked.Items),
		"Nothing its goals depend on stands in their way.")}
	deps := Table{Cols: []Col{{Title: "Goals of"}, {Title: "Depend on"}, {Title: "Goals", NoWrap: true}, {Title: "At risk", NoWrap: true}}}
	for _, td := range s.idx.teamDeps {
		if td.From != t.ID && td.To != t.ID {
			continue
		}
		risk := []Inline{Text("0")}
		if n := len(td.AtRisk); n > 0 {
			risk = []Inline{Alert(fmt.Sprint(n))}
		}
		deps.Rows = append(deps.Rows, Row{Cells: [][]Inline{{s.who(td.From)}, {s.who(td.To)}, {Text(fmt.Sprint(len(td.Goals)))}, risk}})
	}
	out = append(out, orNone(Section{ID: "dependencies", Title: "Dependencies between teams", Blocks: []Block{deps}}, len(deps.Rows),
		"No goal of it depends on another team's, nor another team's on it."))
	var ps []model.ReportPulse
	for _, tr := range s.idx.trends {
		if tr.Team == t.ID || tr.About == t.ID {
			ps = append(ps, model.ReportPulse{PulseTrend: tr, TeamName: s.teamName(tr.Team), AboutName: s.teamName(tr.About)})
		}
	}
	pulse := Section{ID: "pulse", Title: "How it works with other teams"}
	if len(ps) == 0 {
		pulse.Blocks = []Block{None("No pulse rates working with it yet.")}
	} else {
		pulse.Blocks = []Block{pulseTable(ps, ReportView{})}
	}
	return append(out, pulse)
}

// across lists what changed between teams in a diff: dependencies added
// and removed, asks answered, pulses taken, retros written.
func (b diffBuilder) across() []Item {
	a := b.d.Across
	var out []Item
	for _, x := range a.Dependencies {
		for _, id := range x.Added {
			out = append(out, Item{Verb: "depends", Subject: subject("goal", x.ID, x.Title), Text: append([]Inline{Text(" now depends on ")}, b.ref(id)...)})
		}
		for _, id := range x.Removed {
			out = append(out, Item{Verb: "depends", Subject: subject("goal", x.ID, x.Title), Text: append([]Inline{Text(" no longer depends on ")}, b.ref(id)...)})
		}
	}
	for _, x := range a.Answers {
		it := Item{Verb: answerWord(x.Response), Subject: []Inline{Text("ask "), Ref(x.Ask), Text(" ")}}
		if x.What != "" {
			it.Subject = append(it.Subject, Cut{x.What, SizeName})
		}
		it.Text = []Inline{Text(" — " + b.person(x.To) + ", by " + b.person(x.Author))}
		if x.Note != "" {
			it.Text = append(it.Text, Text(": "), Cut{x.Note, SizeSentence})
		}
		out = append(out, it)
	}
	for _, x := range a.Pulses {
		it := Item{Verb: "rated", Subject: []Inline{Text(b.person(x.Team) + " on " + b.person(x.About) + ", " + x.Period + ": " + model.FormatScore(x.Average))}}
		if x.Falling {
			it.Text = []Inline{Text(" "), Alert("(falling)")}
		}
		out = append(out, it)
	}
	for _, x := range a.Retros {
		out = append(out, Item{Verb: "retro", Subject: append([]Inline{Text("on ")}, b.ref(x.Subject)...), Text: []Inline{Text(" by " + b.person(x.Author))}})
	}
	return out
}
