package demo

// Synthetic organisations for benchmarks and load tests. The file is long
// (about 650 lines) because the generator is one piece: teams, people,
// goals, check-ins over time, decisions through their lifecycle, RACI and
// hand-offs all draw from one seeded source and one growing organisation,
// so that the same seed gives the same repository.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
)

// Synthetic returns a generated organisation of about `records` records and about
// `history` commits, deterministic for seed, for benchmarks and load tests.
// It must handle records=100000 in a few seconds and modest memory (no per-commit copies of the whole org).
//
// The mix follows a real organisation's: per 10,000 records about 40
// teams, 250 people, 1,500 goals, 5,500 check-ins, 1,200 decisions, 1,200
// RACI records and 300 hand-offs, with every reference resolving. The first
// commit writes everything except what later commits add; each later commit
// adds one check-in or edits one decision, RACI record or goal, written as a
// new copy of that record, on increasing dates that end at today.
func Synthetic(records, history int, seed int64, today time.Time) (model.Config, []model.Commit) {
	s := newSynth(records, history, seed, today)
	s.build()
	return s.config(), s.commits
}

// synth generates one synthetic organisation.
type synth struct {
	r               *rand.Rand
	ids             *idSource
	cal             calendar
	today           time.Time
	prev, cur       quarter
	seed            int64
	history         int
	start           time.Time // the first commit's date
	nTeams, nPeople int
	nGoals, nUpd    int
	nDec, nRACI     int
	nHO             int

	teams     []*model.Team
	members   map[string][]string // team → active people, lead first
	people    []*model.Person
	active    []string
	goals     []*model.Goal // latest version of each
	krs       []int         // indexes into goals of key results and KPIs
	curKRs    []int         // key results of the current quarter
	decisions []*model.Decision
	racis     []*model.RACI
	handoffs  []*model.Handoff
	bulk      []model.Record
	health    map[string]string // goal ID → last check-in health
	commits   []model.Commit
}

func newSynth(records, history int, seed int64, today time.Time) *synth {
	r := rand.New(rand.NewPCG(uint64(seed), 0x5ac0ffee_0dd_ba11))
	s := &synth{
		r:       r,
		ids:     newIDSource(r),
		cal:     newCalendar(today),
		today:   today,
		seed:    seed,
		history: max(history, 1),
		members: map[string][]string{},
		health:  map[string]string{},
	}
	s.prev, s.cur, _ = s.cal.quarters()
	s.start = today
	if s.history > 1 {
		s.start = today.AddDate(0, 0, -90)
	}
	records = max(records, 0)
	s.nTeams = max(5, records/250)
	s.nPeople = max(2*s.nTeams, records/40)
	s.nGoals = max(12, records*15/100)
	s.nUpd = records * 55 / 100
	s.nDec = records * 12 / 100
	s.nRACI = records * 12 / 100
	s.nHO = records * 3 / 100
	return s
}

func (s *synth) build() {
	s.buildTeams()
	s.buildPeople()
	s.buildGoals()
	s.buildDecisions()
	s.buildHandoffs()
	s.buildRACI()
	later := s.plannedCheckins()
	s.buildUpdates(s.nUpd - later)
	s.commits = make([]model.Commit, 0, s.history)
	s.commits = append(s.commits, model.Commit{
		Author:  s.teams[0].Lead,
		Date:    s.start,
		Message: "org: set up " + s.orgName(),
		Put:     s.bulk,
	})
	s.bulk = nil
	s.buildHistory(later)
}

func (s *synth) orgName() string { return "Synthetic Org " + strconv.FormatInt(s.seed, 10) }

// plannedCheckins is how many check-ins later commits add: three in five
// of the later commits, as far as there are check-ins to add.
func (s *synth) plannedCheckins() int {
	if s.history <= 1 || len(s.curKRs) == 0 {
		return 0
	}
	return min(s.nUpd, (s.history-1)*3/5)
}

func (s *synth) pick(list []string) string { return list[s.r.IntN(len(list))] }

func (s *synth) person() string { return s.active[s.r.IntN(len(s.active))] }

func (s *synth) team() string { return s.teams[s.r.IntN(len(s.teams))].ID }

// memberOf returns an active member of a team, or anyone active.
func (s *synth) memberOf(team string) string {
	if m := s.members[team]; len(m) > 0 {
		return m[s.r.IntN(len(m))]
	}
	return s.person()
}

func (s *synth) date(off int) string { return s.cal.date(off) }

func (s *synth) buildTeams() {
	used := map[string]bool{}
	for i := 0; i < s.nTeams; i++ {
		var name string
		if i == 0 {
			name = "Leadership"
		} else {
			name = s.pick(teamAreas)
			if s.r.IntN(3) > 0 || used[slug(name)] {
				name = s.pick(teamPrefixes) + " " + name
			}
		}
		id := slug(name)
		for k := 2; used[id]; k++ {
			id = slug(name) + "-" + strconv.Itoa(k)
			if !used[id] {
				name += " " + strconv.Itoa(k)
			}
		}
		used[id] = true
		t := &model.Team{ID: id, Name: name, Mission: fmt.Sprintf("Own %s for every customer, and make it measurably better each quarter.", strings.ToLower(name))}
		if i > 0 {
			// A shallow tree: most teams report to leadership, some to
			// an earlier team.
			t.Parent = s.teams[0].ID
			if i > 4 && s.r.IntN(3) == 0 {
				t.Parent = s.teams[1+s.r.IntN(i-1)].ID
			}
		}
		s.teams = append(s.teams, t)
		s.bulk = append(s.bulk, t)
	}
}

func (s *synth) buildPeople() {
	used := map[string]bool{}
	for i := 0; i < s.nPeople; i++ {
		first, last := s.pick(firstNames), s.pick(lastNames)
		handle := slug(first)
		if used[handle] {
			handle = slug(first + "-" + last)
		}
		for k := 2; used[handle]; k++ {
			handle = slug(first+"-"+last) + "-" + strconv.Itoa(k)
		}
		used[handle] = true
		// Every team gets a member first; the rest are spread at random.
		team := s.teams[i%len(s.teams)]
		if i >= len(s.teams) {
			team = s.teams[s.r.IntN(len(s.teams))]
		}
		p := &model.Person{ID: handle, Name: first + " " + last, Emails: []string{handle + "@synthetic.example"},
			Teams: []string{team.ID}, Role: s.pick(roles)}
		if i < len(s.teams) {
			team.Lead = handle
			p.Role = "Team Lead"
		} else if s.r.IntN(100) == 0 {
			p.Active = ptr(false)
		}
		if p.IsActive() {
			s.members[team.ID] = append(s.members[team.ID], handle)
			s.active = append(s.active, handle)
		}
		s.people = append(s.people, p)
		s.bulk = append(s.bulk, p)
	}
	// Managers: a team's lead reports to the parent team's lead; everyone
	// else to their own team's lead.
	lead := map[string]string{}
	parent := map[string]string{}
	for _, t := range s.teams {
		lead[t.ID], parent[t.ID] = t.Lead, t.Parent
	}
	for _, p := range s.people {
		t := p.Teams[0]
		switch {
		case lead[t] != p.ID:
			p.Manager = lead[t]
		case parent[t] != "":
			p.Manager = lead[parent[t]]
		}
	}
}

func (s *synth) buildGoals() {
	add := func(g *model.Goal) int {
		s.goals = append(s.goals, g)
		s.bulk = append(s.bulk, g)
		return len(s.goals) - 1
	}
	mission := add(&model.Goal{ID: s.ids.next(model.KindGoal), Title: "Make our customers measurably better at what they do",
		Level: model.LevelMission, Owner: s.teams[0].Lead, Team: s.teams[0].ID, State: "active"})
	nStrategic := max(3, s.nGoals/60)
	var strategic []int
	for i := 0; i < nStrategic; i++ {
		t := s.team()
		strategic = append(strategic, add(&model.Goal{ID: s.ids.next(model.KindGoal),
			Title: fmt.Sprintf("%s %s", s.pick(strategicVerbs), s.pick(strategicObjects)),
			Level: model.LevelStrategic, Parent: s.goals[mission].ID, Owner: s.memberOf(t), Team: t, State: "active"}))
	}
	for i := 0; i < max(1, s.nGoals/40); i++ {
		t := s.team()
		s.krs = append(s.krs, add(s.keyResult(model.LevelKPI, "", t, "", "active", "")))
	}
	for len(s.goals) < s.nGoals {
		t := s.team()
		period, state, outcome := s.cur.label, "active", ""
		if s.r.IntN(5) < 2 {
			period, state, outcome = s.prev.label, "closed", s.pick(model.GoalOutcomes[:3])
		}
		obj := add(&model.Goal{ID: s.ids.next(model.KindGoal),
			Title:  fmt.Sprintf("%s %s %s", s.pick(objectiveVerbs), s.pick(objectiveObjects), s.pick(qualifiers)),
			Level:  model.LevelObjective,
			Parent: s.goals[strategic[s.r.IntN(len(strategic))]].ID,
			Owner:  s.memberOf(t), Team: t, Period: period, State: state, Outcome: outcome})
		n := 2 + s.r.IntN(3)
		for k := 0; k < n && len(s.goals) < s.nGoals; k++ {
			kr := s.keyResult(model.LevelKeyResult, s.goals[obj].ID, t, period, state, outcome)
			kr.Weight = ptr(roundTo(1/float64(n), 2))
			i := add(kr)
			s.krs = append(s.krs, i)
			if state == "active" {
				s.curKRs = append(s.curKRs, i)
			}
		}
	}
}

func (s *synth) keyResult(level, parent, team, period, state, outcome string) *model.Goal {
	m := metrics[s.r.IntN(len(metrics))]
	baseline := math.Round(m.lo + s.r.Float64()*(m.hi-m.lo))
	change := math.Max(1, math.Round(baseline*(0.1+s.r.Float64()*0.4)))
	target, dir := baseline+change, "increase"
	if m.unit == "%" && m.hi <= 100 {
		target = math.Min(target, 100) // shares cannot pass 100%
	}
	if target <= baseline {
		baseline = target - 5
	}
	if m.lowerIsBetter {
		target, dir = math.Max(0, baseline-change), "decrease"
	}
	cadence := "weekly"
	if level == model.LevelKPI {
		cadence = "monthly"
	} else if s.r.IntN(2) == 0 {
		cadence = "biweekly"
	}
	if outcome != "" && s.r.IntN(2) == 0 {
		outcome = s.pick(model.GoalOutcomes[:3])
	}
	return &model.Goal{ID: s.ids.next(model.KindGoal),
		Title: fmt.Sprintf("%s %s", m.name, s.pick(segments)),
		Level: level, Parent: parent, Owner: s.memberOf(team), Team: team, Period: period,
		Metric: &model.Metric{Unit: m.unit, Baseline: baseline, Target: target, Direction: dir},
		State:  state, Outcome: outcome, Cadence: cadence}
}

// buildUpdates writes the check-ins of the first commit, dated before it.
func (s *synth) buildUpdates(n int) {
	startOff := s.cal.offsetOf(s.start)
	for i := 0; i < n; i++ {
		g := s.goals[s.krs[s.r.IntN(len(s.krs))]]
		lo, hi := startOff-120, startOff
		switch g.Period {
		case s.prev.label:
			lo, hi = max(lo, s.prev.start), min(hi, s.prev.end)
		case s.cur.label:
			lo = max(lo, s.cur.start)
		}
		day := hi
		if hi > lo {
			day = lo + s.r.IntN(hi-lo+1)
		}
		u := s.update(g, s.date(day))
		s.health[g.ID] = u.Health
		s.bulk = append(s.bulk, u)
	}
}

func (s *synth) update(g *model.Goal, date string) *model.Update {
	m := g.Metric
	progress := s.r.Float64()
	decimals := 0
	switch m.Unit {
	case "%", "hours":
		decimals = 1
	case "USD":
		decimals = 2
	}
	v := roundTo(m.Baseline+(m.Target-m.Baseline)*progress, decimals)
	health := model.HealthOnTrack
	switch x := s.r.IntN(20); {
	case x < 4:
		health = model.HealthAtRisk
	case x < 6:
		health = model.HealthOffTrack
	case x < 7:
		health = model.HealthOnHold
	}
	u := &model.Update{ID: s.ids.next(model.KindUpdate), Target: g.ID, Author: g.Owner, Date: date, Health: health,
		Value: ptr(v), Summary: fmt.Sprintf("%s at %s; %s.", g.Title, formatValue(m.Unit, v, decimals), s.pick(updateClauses))}
	if health != model.HealthOnHold {
		u.Confidence = ptr(roundTo(0.3+s.r.Float64()*0.6, 2))
	}
	if health != model.HealthOnTrack {
		u.Problems = []string{s.pick(problems)}
		if s.r.IntN(2) == 0 {
			u.Asks = []model.Ask{{To: s.team(), What: s.pick(asks)}}
		}
	}
	u.Plans = []string{s.pick(plans)}
	if s.r.IntN(4) == 0 {
		u.Wins = []string{s.pick(wins)}
	}
	return u
}

func (s *synth) buildDecisions() {
	startOff := s.cal.offsetOf(s.start)
	for len(s.decisions) < s.nDec {
		status := model.DecisionAccepted
		switch x := s.r.IntN(100); {
		case x < 12 && len(s.decisions)+2 <= s.nDec:
			status = model.DecisionSuperseded
		case x < 27:
			status = model.DecisionProposed
		case x < 37:
			status = model.DecisionDraft
		case x < 47:
			status = model.DecisionRejected
		case x < 55:
			status = model.DecisionDeprecated
		}
		day := startOff - 1 - s.r.IntN(200)
		d := s.decision(status, day)
		s.decisions = append(s.decisions, d)
		s.bulk = append(s.bulk, d)
		if status == model.DecisionSuperseded {
			next := s.decision(model.DecisionAccepted, day+1+s.r.IntN(30))
			next.Supersedes, d.SupersededBy = d.ID, next.ID
			next.Title = "Revisit: " + d.Title
			s.decisions = append(s.decisions, next)
			s.bulk = append(s.bulk, next)
		}
	}
}

func (s *synth) decision(status string, day int) *model.Decision {
	t := s.team()
	driver := s.memberOf(t)
	d := &model.Decision{ID: s.ids.next(model.KindDecision),
		Title:  fmt.Sprintf("%s %s %s", s.pick(decisionVerbs), s.pick(decisionObjects), s.pick(decisionTails)),
		Status: status, Date: s.date(day), Driver: driver, DecisionMakers: []string{driver},
		Consulted: []string{s.team()}, Informed: []string{t},
		Context: fmt.Sprintf("%s\n\n%s\n", s.pick(contexts), s.pick(contexts)),
		Drivers: []string{s.pick(driverList), s.pick(driverList)},
		Tags:    []string{s.pick(tags)},
	}
	if status != model.DecisionDraft {
		d.Approver = s.person()
	}
	for k := 0; k < 2+s.r.IntN(2); k++ {
		d.Options = append(d.Options, model.Option{ID: "option-" + strconv.Itoa(k+1), Title: s.pick(optionTitles),
			Good: []string{s.pick(goods)}, Bad: []string{s.pick(bads)}})
	}
	switch status {
	case model.DecisionAccepted, model.DecisionRejected, model.DecisionDeprecated, model.DecisionSuperseded:
		d.Outcome = &model.Outcome{Chosen: d.Options[s.r.IntN(len(d.Options))].ID, Rationale: s.pick(rationales)}
		d.Consequences = "- " + s.pick(plans) + "\n- " + s.pick(plans) + "\n"
	}
	if status == model.DecisionAccepted {
		d.ReviewBy = s.date(day + 90 + s.r.IntN(180))
	}
	for k := 0; k < 1+s.r.IntN(2); k++ {
		d.Goals = append(d.Goals, s.goals[s.r.IntN(len(s.goals))].ID)
	}
	return d
}

func (s *synth) buildHandoffs() {
	startOff := s.cal.offsetOf(s.start)
	for i := 0; i < s.nHO; i++ {
		from := s.teams[s.r.IntN(len(s.teams))]
		to := s.teams[s.r.IntN(len(s.teams))]
		for to == from {
			to = s.teams[s.r.IntN(len(s.teams))]
		}
		h := &model.Handoff{ID: s.ids.next(model.KindHandoff),
			Title: fmt.Sprintf("%s: %s to %s", s.pick(deliverables), from.Name, to.Name),
			From:  model.Party{Team: from.ID, Owner: s.memberOf(from.ID)},
			To:    model.Party{Team: to.ID, Owner: s.memberOf(to.ID)},
			Due:   s.date(startOff - 60 + s.r.IntN(150)), Expectations: s.pick(expectations),
			State: s.pick(model.HandoffStates)}
		for k := 0; k < 1+s.r.IntN(3); k++ {
			h.Deliverables = append(h.Deliverables, model.Deliverable{ID: "d" + strconv.Itoa(k+1),
				Title: s.pick(deliverables), Acceptance: []string{s.pick(acceptance), s.pick(acceptance)}})
		}
		s.handoffs = append(s.handoffs, h)
		s.bulk = append(s.bulk, h)
	}
}

func (s *synth) buildRACI() {
	startOff := s.cal.offsetOf(s.start)
	for i := 0; i < s.nRACI; i++ {
		t := s.team()
		acc := s.memberOf(t)
		r := &model.RACI{ID: s.ids.next(model.KindRACI), Accountable: model.OneOrMore{acc},
			Due: s.date(startOff - 30 + s.r.IntN(150)), State: "agreed"}
		switch x := s.r.IntN(100); {
		case x < 15:
			r.State = "draft"
		case x < 40:
			r.State = "retired"
		}
		switch x := s.r.IntN(100); {
		case x < 15 && len(s.decisions) > 0:
			d := s.decisions[s.r.IntN(len(s.decisions))]
			r.Subject = model.Subject{Kind: "decision", ID: d.ID}
			r.Title = d.Title
		case x < 35:
			g := s.goals[s.r.IntN(len(s.goals))]
			r.Subject = model.Subject{Kind: "goal", ID: g.ID}
			r.Title = g.Title
		case x < 45 && len(s.handoffs) > 0:
			h := s.handoffs[s.r.IntN(len(s.handoffs))]
			r.Subject = model.Subject{Kind: "handoff", ID: h.ID}
			r.Title = h.Title
		default:
			name := fmt.Sprintf("%s %s", s.pick(deliverablePrefixes), s.pick(deliverables))
			r.Subject = model.Subject{Kind: "deliverable", Name: name}
			r.Title = name
		}
		// Responsible: one or two people from the team, or the team
		// itself; Consulted and Informed: other teams. Nobody appears
		// in two roles.
		seen := map[string]bool{acc: true}
		addTo := func(list *[]string, id string) {
			if !seen[id] {
				seen[id] = true
				*list = append(*list, id)
			}
		}
		addTo(&r.Responsible, s.memberOf(t))
		if len(r.Responsible) == 0 || s.r.IntN(3) == 0 {
			addTo(&r.Responsible, t)
		}
		if len(r.Responsible) == 0 {
			addTo(&r.Responsible, s.person())
		}
		if len(r.Responsible) == 0 {
			r.Responsible = []string{t} // a one-person team: the team itself
		}
		addTo(&r.Consulted, s.team())
		addTo(&r.Informed, s.team())
		s.racis = append(s.racis, r)
		s.bulk = append(s.bulk, r)
	}
}

// buildHistory writes the commits after the first: `checkins` of them add a
// check-in on a current key result, the others edit a goal, decision or
// RACI record. Dates run evenly from the first commit to today.
func (s *synth) buildHistory(checkins int) {
	later := s.history - 1
	if later <= 0 {
		return
	}
	// Later commits fall in working hours (09:00–18:00) on the weekdays
	// after the first commit, evenly spaced; the last is today.
	var workdays []time.Time
	for off := s.cal.offsetOf(s.start) + 1; off < 0; off++ {
		if wd := s.cal.weekday(off); wd != time.Saturday && wd != time.Sunday {
			workdays = append(workdays, s.cal.at(off, 9*60))
		}
	}
	const workday = 9 * time.Hour
	total := time.Duration(len(workdays)) * workday
	// Spread the check-in commits evenly among the edits.
	for i := 1; i <= later; i++ {
		date := s.today
		if i < later && len(workdays) > 0 {
			at := time.Duration(float64(total) * float64(i-1) / float64(later-1))
			date = workdays[at/workday].Add(at % workday)
		}
		isCheckin := checkins > 0 && (i*checkins/later) != ((i-1)*checkins/later)
		var c model.Commit
		if isCheckin {
			c = s.checkinCommit(date)
		} else {
			c = s.editCommit(date)
		}
		c.Date = date
		s.commits = append(s.commits, c)
	}
}

func (s *synth) checkinCommit(date time.Time) model.Commit {
	g := s.goals[s.curKRs[s.r.IntN(len(s.curKRs))]]
	u := s.update(g, date.Format(time.DateOnly))
	msg := fmt.Sprintf("update(%s): check-in on %s, %s", u.ID, g.ID, u.Health)
	if h, ok := s.health[g.ID]; !ok {
		msg = fmt.Sprintf("update(%s): first check-in on %s, %s", u.ID, g.ID, u.Health)
	} else if h != u.Health {
		msg = fmt.Sprintf("update(%s): check-in on %s, health %s → %s", u.ID, g.ID, h, u.Health)
	}
	s.health[g.ID] = u.Health
	return model.Commit{Author: g.Owner, Message: msg, Put: []model.Record{u}}
}

func (s *synth) editCommit(date time.Time) model.Commit {
	day := date.Format(time.DateOnly)
	switch x := s.r.IntN(3); {
	case x == 0 && len(s.decisions) > 0:
		i := s.r.IntN(len(s.decisions))
		d := *s.decisions[i]
		var msg string
		switch d.Status {
		case model.DecisionDraft:
			d.Status, d.Approver = model.DecisionProposed, s.person()
			msg = fmt.Sprintf("decision(%s): draft → proposed", d.ID)
		case model.DecisionProposed:
			d.Status = model.DecisionAccepted
			d.Outcome = &model.Outcome{Chosen: d.Options[0].ID, Rationale: s.pick(rationales)}
			d.ReviewBy = s.cal.date(s.cal.offsetOf(date) + 120)
			msg = fmt.Sprintf("decision(%s): proposed → accepted", d.ID)
		case model.DecisionAccepted:
			if d.SupersededBy == "" && d.Supersedes == "" && s.r.IntN(2) == 0 {
				d.Status = model.DecisionDeprecated
				msg = fmt.Sprintf("decision(%s): accepted → deprecated", d.ID)
				break
			}
			fallthrough
		default:
			old := d.ReviewBy
			d.ReviewBy = s.cal.date(s.cal.offsetOf(date) + 60 + s.r.IntN(120))
			msg = fmt.Sprintf("decision(%s): review_by %s → %s", d.ID, orNone(old), d.ReviewBy)
		}
		if d.Status != s.decisions[i].Status {
			d.Date = day
		}
		s.decisions[i] = &d
		return model.Commit{Author: d.Driver, Message: msg, Put: []model.Record{&d}}
	case x == 1 && len(s.racis) > 0:
		i := s.r.IntN(len(s.racis))
		r := *s.racis[i]
		var msg string
		switch {
		case r.State == "draft":
			r.State = "agreed"
			msg = fmt.Sprintf("raci(%s): draft → agreed", r.ID)
		case r.State == "agreed" && s.r.IntN(3) == 0:
			r.State = "retired"
			msg = fmt.Sprintf("raci(%s): agreed → retired", r.ID)
		default:
			old := r.Due
			r.Due = s.cal.date(s.cal.offsetOf(date) + 7 + s.r.IntN(60))
			msg = fmt.Sprintf("raci(%s): due %s → %s", r.ID, orNone(old), r.Due)
		}
		s.racis[i] = &r
		return model.Commit{Author: r.Accountable.First(), Message: msg, Put: []model.Record{&r}}
	}
	pool := s.curKRs
	if len(pool) == 0 {
		pool = s.krs
	}
	i := pool[s.r.IntN(len(pool))]
	g := *s.goals[i]
	m := *g.Metric
	old := m.Target
	if m.Direction == "decrease" {
		m.Target = math.Max(0, m.Target-1-math.Round(s.r.Float64()*m.Target*0.1))
	} else {
		m.Target += 1 + math.Round(s.r.Float64()*m.Target*0.1)
	}
	g.Metric = &m
	s.goals[i] = &g
	return model.Commit{Author: g.Owner, Message: fmt.Sprintf("goal(%s): metric.target %s → %s", g.ID,
		strconv.FormatFloat(old, 'f', -1, 64), strconv.FormatFloat(m.Target, 'f', -1, 64)), Put: []model.Record{&g}}
}

func orNone(s string) string {
	if s == "" {
		return "∅"
	}
	return s
}

func (s *synth) config() model.Config {
	return model.Config{
		Org:           s.orgName(),
		Schema:        model.SchemaVersion,
		Periods:       []string{s.prev.label, s.cur.label},
		CurrentPeriod: s.cur.label,
		Limits:        model.Limits{MaxAccountable: model.DefaultMaxAccountable, StaleGraceDays: model.DefaultStaleGraceDays},
		Views: []model.View{
			{Name: "At-risk key results", Kind: string(model.KindGoal), Filter: model.Filter{Health: model.HealthAtRisk, Period: s.cur.label}},
		},
	}
}

// slug turns a name into a handle: lower case, ASCII letters and digits,
// single dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 40 {
		out = strings.TrimSuffix(out[:40], "-")
	}
	return out
}
