package render

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
)

// A page for each goal, decision, RACI item, hand-off, team and person.

func (s *site) goalPage(g *model.Goal) SiteFile {
	o := s.o
	path := SitePath(o, model.KindGoal, g.ID)
	if path == "" {
		return SiteFile{}
	}
	health := o.Health(g.ID)
	if !s.opts.Today.IsZero() && health != model.HealthOnHold && o.Staleness(g, s.opts.Today).Overdue {
		health = model.HealthStale
	}
	var prog *float64
	if p, ok := o.Progress(g.ID); ok {
		prog = &p
	}
	d := &Doc{Title: g.Title, Level: 1, Subtitle: []Inline{Text(levelName(g.Level) + " · "), Ref(g.ID)}}
	d.Intro = []Block{Para{Text: []Inline{Health(health), Progress{prog}}}}
	if trail := s.ancestors(g); len(trail) > 0 {
		d.Intro = append(d.Intro, Para{Text: append([]Inline{Text("Serves: ")}, trail...), Muted: true})
	}
	facts := Facts{
		{Label: "Owner", Value: []Inline{s.who(g.Owner)}},
		{Label: "Team", Value: []Inline{s.who(g.Team)}},
		{Label: "Period", Value: []Inline{Text(orDash(g.Period))}},
		{Label: "State", Value: []Inline{Text(Label(orDash(g.State)))}},
	}
	if g.Cadence != "" {
		facts = append(facts, Fact{Label: "Check-ins", Value: []Inline{Text(g.Cadence)}})
	}
	if g.Outcome != "" {
		facts = append(facts, Fact{Label: "Outcome", Value: []Inline{Text(Label(g.Outcome))}})
	}
	if m := g.Metric; m != nil {
		rg := model.ReportGoal{Metric: m}
		if v, ok := o.CurrentValue(g.ID); ok {
			rg.Current = &v
		}
		facts = append(facts, Fact{Label: "Metric", Value: []Inline{Text(metricWords(rg))}, Wide: true})
	}
	d.Sections = append(d.Sections, Section{ID: "about", Title: "About", Blocks: []Block{facts}})
	if g.Description != "" {
		d.Sections[0].Blocks = append(d.Sections[0].Blocks, Rich(g.Description))
	}
	updates := o.UpdatesOf(g.ID)
	if m := g.Metric; m != nil {
		c := Chart{Unit: m.Unit, Baseline: m.Baseline, Target: m.Target}
		for _, u := range updates {
			if u.Value != nil {
				c.Points = append(c.Points, ChartPoint{Date: u.Date, Value: *u.Value, Health: u.Health})
			}
		}
		d.Sections = append(d.Sections, Section{ID: "progress", Title: "Progress over time", Blocks: []Block{c}})
	}
	d.Sections = append(d.Sections, s.dependencySections(g)...)
	if kids := o.Children(g.ID); len(kids) > 0 {
		t := Table{Cols: []Col{{Title: "Goal"}, {Title: "Owner"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}}}
		for _, id := range kids {
			c := o.Goals[id]
			var p *float64
			if v, ok := o.Progress(id); ok {
				p = &v
			}
			t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{id, c.Title}}, {s.who(c.Owner)}, {Health(o.Health(id))}, {Progress{p}}}})
		}
		d.Sections = append(d.Sections, Section{ID: "under", Title: "Under it", Blocks: []Block{t}})
	}
	if ids := s.idx.decisionsOf[g.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "decisions", Title: "Decisions", Blocks: []Block{s.decisionList(ids)}})
	}
	if ids := s.idx.raciOf[g.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "raci", Title: "RACI", Blocks: []Block{s.raciList(ids)}})
	}
	checkIns := Section{ID: "check-ins", Title: "Check-ins"}
	if len(updates) == 0 {
		checkIns.Blocks = []Block{None("No check-ins yet.")}
	}
	for i := len(updates) - 1; i >= 0; i-- {
		checkIns.Sections = append(checkIns.Sections, s.checkInEntry(updates[i]))
	}
	d.Sections = append(d.Sections, checkIns)
	return s.page(d, path, "")
}

// ancestors are the goals above g, top first, as links.
func (s *site) ancestors(g *model.Goal) []Inline {
	var chain []string
	seen := map[string]bool{g.ID: true}
	for p := s.o.Goals[g.Parent]; p != nil && !seen[p.ID]; p = s.o.Goals[p.Parent] {
		seen[p.ID] = true
		chain = append(chain, p.ID)
	}
	slices.Reverse(chain)
	var out []Inline
	for i, id := range chain {
		if i > 0 {
			out = append(out, Text(" › "))
		}
		out = append(out, Rec{id, s.o.Goals[id].Title})
	}
	return out
}

// checkInEntry is one check-in as a card: when, who, health and value,
// their words, and what they list. Its anchor is the check-in's ID.
func (s *site) checkInEntry(u *model.Update) Section {
	head := []Inline{Health(u.Health)}
	if u.Value != nil {
		v := number(*u.Value)
		if g := s.o.Goals[u.Target]; g != nil && g.Metric != nil && g.Metric.Unit != "" {
			v += " " + g.Metric.Unit
		}
		head = append(head, Text(" · value "+v))
	}
	if u.Confidence != nil {
		head = append(head, Text(" · confidence "+number(*u.Confidence)))
	}
	by := []Inline{Text(dayWords(u.Date) + " · "), s.who(u.Author)}
	if u.PostedBy != "" && u.PostedBy != u.Author {
		by = append(by, Text(", posted by "), s.who(u.PostedBy))
	}
	var asks [][]Inline
	answers := s.idx.answers
	for i, a := range u.Asks {
		line := []Inline{s.who(a.Addressee()), Text(": " + a.What)}
		if a.Due != "" {
			line = append(line, Text(" · due "+a.Due))
		}
		if as := answers[model.AskRef{CheckIn: u.ID, N: i + 1}]; len(as) > 0 {
			last := as[len(as)-1]
			line = append(line, Text(" · "+answerWord(last.Response)+" by "), s.who(last.Author), Text(" "+dayWords(last.Date)))
			if last.Note != "" {
				line = append(line, Text(": "+last.Note))
			}
		}
		asks = append(asks, line)
	}
	return Section{ID: u.ID, Title: dayWords(u.Date), Style: StyleEntry, Accent: u.Health, Blocks: []Block{
		Para{Text: head},
		Para{Text: by, Muted: true},
		Quote{Text: []Inline{Text(u.Summary)}},
		Lists{{Title: "Problems", Items: texts(u.Problems)}, {Title: "Plans", Items: texts(u.Plans)}, {Title: "Asks", Items: asks}, {Title: "Wins", Items: texts(u.Wins)}},
	}}
}

// decisionList lists decisions with their status and date.
func (s *site) decisionList(ids []string) List {
	var l List
	for _, id := range ids {
		d := s.o.Decisions[id]
		l.Items = append(l.Items, Item{Subject: []Inline{Rec{id, d.Title}}, Text: []Inline{Text(" · " + Label(orDash(d.Status)) + dateSuffix(d.Date))}})
	}
	return l
}

func dateSuffix(date string) string {
	if date == "" {
		return ""
	}
	return " · " + date
}

// raciList lists RACI items with their Accountable.
func (s *site) raciList(ids []string) List {
	var l List
	for _, id := range ids {
		r := s.o.RACIs[id]
		l.Items = append(l.Items, Item{Subject: []Inline{Rec{id, r.Title}}, Text: append([]Inline{Text(" · Accountable: ")}, s.whos(r.Accountable)...)})
	}
	return l
}

func (s *site) decisionPage(dd *model.Decision) SiteFile {
	o := s.o
	path := SitePath(o, model.KindDecision, dd.ID)
	if path == "" {
		return SiteFile{}
	}
	d := &Doc{Title: dd.Title, Level: 1, Subtitle: []Inline{Text("Decision · " + Label(orDash(dd.Status)) + dateSuffix(dd.Date) + " · "), Ref(dd.ID)}}
	// Who took each step, as the commits say: accepted, then superseded.
	for _, st := range []string{model.DecisionProposed, model.DecisionAccepted, model.DecisionRejected, model.DecisionDeprecated, model.DecisionSuperseded} {
		if by := s.opts.Steps.Latest(dd.ID, st); by != nil {
			d.Intro = append(d.Intro, Para{Text: []Inline{Text(capitalise(by.ByLine(o)) + " in commit "), Code(by.Commit.Short()),
				Text(" on " + by.Commit.Date.UTC().Format("2 January 2006") + ".")}})
		}
	}
	people := Facts{
		{Label: "Driver", Value: []Inline{s.who(dd.Driver)}},
		{Label: "Approver", Value: []Inline{s.who(dd.Approver)}},
		{Label: "Decision makers", Value: s.whos(dd.DecisionMakers)},
		{Label: "Consulted", Value: s.whos(dd.Consulted)},
		{Label: "Informed", Value: s.whos(dd.Informed)},
	}
	if dd.ReviewBy != "" {
		people = append(people, Fact{Label: "Review by", Value: []Inline{Text(dd.ReviewBy)}})
	}
	if len(dd.Tags) > 0 {
		people = append(people, Fact{Label: "Tags", Value: []Inline{Text(strings.Join(dd.Tags, ", "))}})
	}
	d.Sections = append(d.Sections, Section{ID: "who", Title: "Who", Blocks: []Block{people}})
	if chain := s.supersession(dd); len(chain.Items) > 1 {
		d.Sections = append(d.Sections, Section{ID: "supersession", Title: "Supersession", Blocks: []Block{chain}})
	}
	if dd.Context != "" {
		d.Sections = append(d.Sections, Section{ID: "context", Title: "Context", Blocks: []Block{Rich(dd.Context)}})
	}
	if len(dd.Drivers) > 0 {
		d.Sections = append(d.Sections, Section{ID: "drivers", Title: "Decision drivers", Blocks: []Block{textList(dd.Drivers)}})
	}
	chosen := ""
	if dd.Outcome != nil {
		chosen = dd.Outcome.Chosen
	}
	if len(dd.Options) > 0 {
		opts := Section{ID: "options", Title: "Options considered"}
		for _, op := range dd.Options {
			title := orDash(op.Title)
			accent := ""
			if op.ID == chosen {
				title += " — chosen"
				accent = model.HealthOnTrack
			}
			opts.Sections = append(opts.Sections, Section{ID: "option-" + op.ID, Title: title, Style: StyleEntry, Accent: accent, Blocks: []Block{
				Para{Text: []Inline{Code(op.ID)}, Muted: true},
				Lists{{Title: "Good", Items: texts(op.Good)}, {Title: "Bad", Items: texts(op.Bad)}},
			}})
		}
		d.Sections = append(d.Sections, opts)
	}
	if o := dd.Outcome; o != nil && (o.Chosen != "" || o.Rationale != "") {
		sec := Section{ID: "outcome", Title: "Outcome"}
		if o.Chosen != "" {
			name := o.Chosen
			for _, op := range dd.Options {
				if op.ID == o.Chosen && op.Title != "" {
					name = op.Title
				}
			}
			sec.Blocks = append(sec.Blocks, Para{Text: []Inline{Strong("Chose:"), Text(" " + name)}})
		}
		if o.Rationale != "" {
			sec.Blocks = append(sec.Blocks, Rich(o.Rationale))
		}
		d.Sections = append(d.Sections, sec)
	}
	if dd.Consequences != "" {
		d.Sections = append(d.Sections, Section{ID: "consequences", Title: "Consequences", Blocks: []Block{Rich(dd.Consequences)}})
	}
	if len(dd.Goals) > 0 {
		var l List
		for _, g := range dd.Goals {
			l.Items = append(l.Items, Item{Subject: []Inline{s.rec(g)}})
		}
		d.Sections = append(d.Sections, Section{ID: "goals", Title: "Goals it serves", Blocks: []Block{l}})
	}
	if ids := s.idx.raciOf[dd.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "raci", Title: "RACI", Blocks: []Block{s.raciList(ids)}})
	}
	return s.page(d, path, "")
}

// supersession is the chain of decisions a decision belongs to, oldest
// first, itself marked.
func (s *site) supersession(dd *model.Decision) List {
	o := s.o
	first := dd
	seen := map[string]bool{dd.ID: true}
	for p := o.Decisions[first.Supersedes]; p != nil && !seen[p.ID]; p = o.Decisions[first.Supersedes] {
		seen[p.ID] = true
		first = p
	}
	var l List
	seen = map[string]bool{}
	for cur := first; cur != nil && !seen[cur.ID]; cur = o.Decisions[cur.SupersededBy] {
		seen[cur.ID] = true
		it := Item{Subject: []Inline{Rec{cur.ID, cur.Title}}, Text: []Inline{Text(" · " + Label(orDash(cur.Status)) + dateSuffix(cur.Date))}}
		if cur.ID == dd.ID {
			it.Subject = []Inline{Strong(cur.Title)}
			it.Text = append(it.Text, Text(" (this decision)"))
		}
		l.Items = append(l.Items, it)
	}
	return l
}

func (s *site) raciPage(r *model.RACI) SiteFile {
	path := SitePath(s.o, model.KindRACI, r.ID)
	if path == "" {
		return SiteFile{}
	}
	subject := []Inline{Text(orDash(r.Subject.Name))}
	if r.Subject.ID != "" {
		subject = []Inline{s.rec(r.Subject.ID)}
	}
	d := &Doc{Title: r.Title, Level: 1, Subtitle: []Inline{Text("RACI · " + orDash(r.State) + " · "), Ref(r.ID)}}
	d.Sections = []Section{{ID: "roles", Title: "Roles", Blocks: []Block{Facts{
		{Label: "Subject", Value: append([]Inline{Text(Label(r.Subject.Kind) + ": ")}, subject...), Wide: true},
		{Label: "Accountable", Value: s.whos(r.Accountable)},
		{Label: "Responsible", Value: s.whos(r.Responsible)},
		{Label: "Consulted", Value: s.whos(r.Consulted)},
		{Label: "Informed", Value: s.whos(r.Informed)},
		{Label: "Due", Value: []Inline{Text(orDash(r.Due))}},
	}}}}
	return s.page(d, path, "")
}

func (s *site) handoffPage(h *model.Handoff) SiteFile {
	path := SitePath(s.o, model.KindHandoff, h.ID)
	if path == "" {
		return SiteFile{}
	}
	d := &Doc{Title: h.Title, Level: 1, Subtitle: []Inline{Text("Hand-off · " + Label(orDash(h.State)) + " · "), Ref(h.ID)}}
	d.Intro = []Block{Para{Text: slices.Concat(s.party(h.From), []Inline{Text(" → ")}, s.party(h.To))}}
	d.Sections = []Section{{ID: "about", Title: "About", Blocks: []Block{Facts{
		{Label: "From", Value: s.party(h.From)}, {Label: "To", Value: s.party(h.To)},
		{Label: "Due", Value: []Inline{Text(orDash(h.Due))}}, {Label: "State", Value: []Inline{Text(Label(orDash(h.State)))}},
	}}}}
	del := Section{ID: "deliverables", Title: "Deliverables"}
	if len(h.Deliverables) == 0 {
		del.Blocks = []Block{None("None listed.")}
	}
	for _, x := range h.Deliverables {
		del.Sections = append(del.Sections, Section{ID: "deliverable-" + x.ID, Title: orDash(x.Title), Style: StyleEntry,
			Blocks: []Block{Lists{{Title: "Acceptance criteria", Items: texts(x.Acceptance)}}}})
	}
	d.Sections = append(d.Sections, del)
	if h.Expectations != "" {
		d.Sections = append(d.Sections, Section{ID: "expectations", Title: "Expectations", Blocks: []Block{Rich(h.Expectations)}})
	}
	if ids := s.idx.raciOf[h.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "raci", Title: "RACI", Blocks: []Block{s.raciList(ids)}})
	}
	if rs := s.o.RetrosOf(h.ID); len(rs) > 0 {
		d.Sections = append(d.Sections, s.retroSection(rs))
	}
	return s.page(d, path, "")
}

// teamPage is a team's interface to the rest of the company: what it
// owns, what is asked of it and by it, hand-offs in and out, and the
// decisions it is consulted on or informed of.
func (s *site) teamPage(t *model.Team) SiteFile {
	o := s.o
	path := SitePath(o, model.KindTeam, t.ID)
	if path == "" {
		return SiteFile{}
	}
	d := &Doc{Title: orDash(t.Name), Level: 1, Subtitle: []Inline{Text("Team")}}
	if t.Mission != "" {
		d.Intro = append(d.Intro, Para{Text: []Inline{Text(t.Mission)}})
	}
	facts := Facts{{Label: "Lead", Value: []Inline{s.who(t.Lead)}}, {Label: "Members", Value: s.whos(s.idx.members[t.ID])}}
	if t.Parent != "" {
		facts = append(facts, Fact{Label: "Part of", Value: []Inline{s.who(t.Parent)}})
	}
	var under []string
	for _, id := range o.IDs(model.KindTeam) {
		if o.Teams[id].Parent == t.ID {
			under = append(under, id)
		}
	}
	if len(under) > 0 {
		facts = append(facts, Fact{Label: "Teams in it", Value: s.whos(under)})
	}
	d.Sections = append(d.Sections, Section{ID: "about", Title: "About", Blocks: []Block{facts}})
	d.Sections = append(d.Sections, s.goalSection("goals", "Goals it owns", "It owns no open goals.", s.idx.teamGoals[t.ID]))
	d.Sections = append(d.Sections, s.teamAcross(t)...)
	var to, from List
	for _, a := range s.idx.asks {
		it := Item{ID: fmt.Sprintf("%s-ask-%d", a.CheckIn.ID, a.N), Subject: []Inline{Text(a.Ask.What)},
			Text: []Inline{Text(" — on "), Rec{a.Goal.ID, a.Goal.Title}, Text(", " + a.CheckIn.Date)}}
		if a.Ask.Due != "" {
			it.Text = append(it.Text, Text(", due "+a.Ask.Due))
		}
		if as := s.idx.answers[a.Ref()]; len(as) > 0 {
			it.Text = append(it.Text, Text(", "+answerWord(as[len(as)-1].Response)+" by "), s.who(as[len(as)-1].Author))
		}
		if a.Ask.Addressee() == t.ID {
			it.Text = append(it.Text, Text(", asked by "), s.who(a.CheckIn.Author))
			to.Items = append(to.Items, it)
		}
		if a.Goal.Team == t.ID {
			from.Items = append(from.Items, Item{Subject: []Inline{s.who(a.Ask.Addressee()), Text(": " + a.Ask.What)},
				Text: []Inline{Text(" — on "), Rec{a.Goal.ID, a.Goal.Title}, Text(", " + a.CheckIn.Date)}})
		}
	}
	d.Sections = append(d.Sections, orNone(Section{ID: "asks-to", Title: "Asked of it", Blocks: []Block{to}}, len(to.Items), "Nothing is asked of it."),
		orNone(Section{ID: "asks-from", Title: "What it asks of others", Blocks: []Block{from}}, len(from.Items), "It asks nothing of others."))
	var in, out List
	for _, id := range s.idx.handoffsFor[t.ID] {
		h := o.Handoffs[id]
		if h.To.Team == t.ID {
			in.Items = append(in.Items, Item{Subject: []Inline{Rec{id, h.Title}}, Text: append(append([]Inline{Text(" · from ")}, s.party(h.From)...), Text(" · "+Label(orDash(h.State))+dueSuffix(h.Due)))})
		}
		if h.From.Team == t.ID {
			out.Items = append(out.Items, Item{Subject: []Inline{Rec{id, h.Title}}, Text: append(append([]Inline{Text(" · to ")}, s.party(h.To)...), Text(" · "+Label(orDash(h.State))+dueSuffix(h.Due)))})
		}
	}
	d.Sections = append(d.Sections, orNone(Section{ID: "handoffs-in", Title: "Hand-offs to it", Blocks: []Block{in}}, len(in.Items), "No hand-offs to it."),
		orNone(Section{ID: "handoffs-out", Title: "Hand-offs from it", Blocks: []Block{out}}, len(out.Items), "No hand-offs from it."))
	var consulted, informed []string
	for _, id := range s.idx.decisionsFor[t.ID] {
		dd := o.Decisions[id]
		if slices.Contains(dd.Consulted, t.ID) {
			consulted = append(consulted, id)
		}
		if slices.Contains(dd.Informed, t.ID) {
			informed = append(informed, id)
		}
	}
	d.Sections = append(d.Sections,
		orNone(Section{ID: "consulted", Title: "Decisions it is consulted on", Blocks: []Block{s.decisionList(s.newestFirst(consulted))}}, len(consulted), "It is consulted on no decision."),
		orNone(Section{ID: "informed", Title: "Decisions it is informed of", Blocks: []Block{s.decisionList(s.newestFirst(informed))}}, len(informed), "It is informed of no decision."))
	if ids := s.idx.raciFor[t.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "raci", Title: "RACI items naming it", Blocks: []Block{s.raciList(ids)}})
	}
	return s.page(d, path, "feeds/teams/"+t.ID+".atom")
}

func dueSuffix(due string) string {
	if due == "" {
		return ""
	}
	return " · due " + due
}

// orNone replaces a section's blocks with words when it has nothing.
func orNone(s Section, n int, none string) Section {
	if n == 0 {
		s.Blocks = []Block{None(none)}
	}
	return s
}

// newestFirst orders decisions by date, newest first.
func (s *site) newestFirst(ids []string) []string {
	out := slices.Clone(ids)
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.o.Decisions[b].Date, s.o.Decisions[a].Date), cmp.Compare(a, b))
	})
	return out
}

// goalSection is the open goals of a list as a table with health and
// progress.
func (s *site) goalSection(id, title, none string, ids []string) Section {
	o := s.o
	t := Table{Cols: []Col{{Title: "Goal"}, {Title: "Level"}, {Title: "Period"}, {Title: "Health", NoWrap: true}, {Title: "Progress", NoWrap: true}}}
	var goals []string
	for _, gid := range ids {
		if o.Goals[gid].State != "closed" {
			goals = append(goals, gid)
		}
	}
	for _, gid := range goals {
		g := o.Goals[gid]
		var p *float64
		if v, ok := o.Progress(gid); ok {
			p = &v
		}
		t.Rows = append(t.Rows, Row{Cells: [][]Inline{{Rec{gid, g.Title}}, {Text(levelName(g.Level))}, {Text(orDash(g.Period))}, {Health(o.Health(gid))}, {Progress{p}}}})
	}
	return orNone(Section{ID: id, Title: title, Blocks: []Block{t}}, len(goals), none)
}

func (s *site) personPage(p *model.Person) SiteFile {
	o := s.o
	path := SitePath(o, model.KindPerson, p.ID)
	if path == "" {
		return SiteFile{}
	}
	sub := "Person"
	if p.Role != "" {
		sub = p.Role
	}
	if !p.IsActive() {
		sub += " · inactive"
	}
	d := &Doc{Title: orDash(p.Name), Level: 1, Subtitle: []Inline{Text(sub)}}
	facts := Facts{{Label: "Teams", Value: s.whos(p.Teams)}}
	if p.Manager != "" {
		facts = append(facts, Fact{Label: "Manager", Value: []Inline{s.who(p.Manager)}})
	}
	d.Sections = append(d.Sections, Section{ID: "about", Title: "About", Blocks: []Block{facts}})
	d.Sections = append(d.Sections, s.goalSection("goals", "Goals they own", "They own no open goals.", s.idx.ownedGoals[p.ID]))
	decisions := s.newestFirst(s.idx.decisionsFor[p.ID])
	var l List
	for _, id := range decisions {
		dd := o.Decisions[id]
		var roles []string
		for _, r := range []struct {
			name string
			in   bool
		}{{"driver", dd.Driver == p.ID}, {"approver", dd.Approver == p.ID}, {"decision maker", slices.Contains(dd.DecisionMakers, p.ID)},
			{"consulted", slices.Contains(dd.Consulted, p.ID)}, {"informed", slices.Contains(dd.Informed, p.ID)}} {
			if r.in {
				roles = append(roles, r.name)
			}
		}
		l.Items = append(l.Items, Item{Subject: []Inline{Rec{id, dd.Title}}, Text: []Inline{Text(" · " + strings.Join(roles, ", ") + " · " + Label(orDash(dd.Status)))}})
	}
	d.Sections = append(d.Sections, orNone(Section{ID: "decisions", Title: "Decisions", Blocks: []Block{l}}, len(l.Items), "Named in no decision."))
	if ids := s.idx.raciFor[p.ID]; len(ids) > 0 {
		d.Sections = append(d.Sections, Section{ID: "raci", Title: "RACI items naming them", Blocks: []Block{s.raciList(ids)}})
	}
	if ids := s.idx.handoffsFor[p.ID]; len(ids) > 0 {
		var hl List
		for _, id := range ids {
			h := o.Handoffs[id]
			hl.Items = append(hl.Items, Item{Subject: []Inline{Rec{id, h.Title}}, Text: []Inline{Text(" · " + Label(orDash(h.State)) + dueSuffix(h.Due))}})
		}
		d.Sections = append(d.Sections, Section{ID: "handoffs", Title: "Hand-offs they own a side of", Blocks: []Block{hl}})
	}
	recent := s.idx.checkInsBy[p.ID]
	var cl List
	for _, id := range recent[:min(len(recent), 10)] {
		u := o.Updates[id]
		cl.Items = append(cl.Items, Item{Subject: []Inline{Health(u.Health), Text(" "), Rec{id, u.RecordTitle()}}, Text: []Inline{Text(" · " + u.Date)}})
	}
	d.Sections = append(d.Sections, orNone(Section{ID: "check-ins", Title: "Latest check-ins", Blocks: []Block{cl}}, len(cl.Items), "No check-ins yet."))
	return s.page(d, path, "feeds/people/"+p.ID+".atom")
}

// textList is record text as a plain list.
func textList(ss []string) List {
	var l List
	for _, s := range ss {
		l.Items = append(l.Items, Item{Subject: []Inline{Text(s)}})
	}
	return l
}
