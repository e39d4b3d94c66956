package demo

// The demo organisation's history. The file is long (about 900 lines)
// because it is the story itself: three months of dated events, told in
// order, each a commit; the records it starts from are in northwind_*.go.

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
)

// Northwind returns the history of the demo organisation "Northwind Labs",
// with every date placed relative to today (the last commit is on or just before today,
// the history spans about three months), and the config for accord.yaml.
// Deterministic: the same today gives the same output, byte for byte.
//
// The story is told in quarters: the previous calendar quarter's objectives
// are checked in on and closed with their outcomes, the current quarter's are
// under way, and decisions, RACI records and hand-offs move through their
// lifecycles alongside. Some things are wrong on purpose, so that validation
// and the inbox have something to show: stale check-ins, people who have left
// but still own work, RACI records that break the golden rules and one person
// Accountable for too much. Raj, the demo's default user, always finds a
// decision to approve, a RACI item falling due and a hand-off to confirm in
// his inbox.
func Northwind(today time.Time) (model.Config, []model.Commit) {
	n := newNorthwind(today)
	n.build()
	return n.config(), n.commits()
}

// The demo is seen as Raj Patel, its default user: accord demo makes its
// clone commit as him.
const (
	NorthwindUserName  = "Raj Patel"
	NorthwindUserEmail = "raj@northwind.example"
)

// Fixed seeds: the demo's IDs are the same whatever the date.
var (
	northwindIDSeed    = [32]byte([]byte("Northwind Labs, accord demo, IDs"))
	northwindClockSeed = [32]byte([]byte("Northwind Labs, accord demo, clk"))
)

// northwind builds the demo history. Days are offsets from today: 0 is
// today, -1 yesterday. Nothing is written on today itself, so no commit is
// dated in the future of whoever runs `accord demo`.
type northwind struct {
	cal             calendar
	prev, cur, next quarter
	setup           int // the day the organisation is set up
	plan            int // the day planning for the current quarter starts
	curStart        int // the first day current key results are checked in on

	ids   *idSource
	clock *rand.Rand // times of day and small jitter

	strategic []goalSpec
	kpis      []krSpec
	prevObjs  []objectiveSpec
	curObjs   []objectiveSpec
	decisions []decisionSpec
	racis     []raciSpec
	handoffs  []handoffSpec

	goalID  map[string]string // spec key → ID
	goalDay map[string]int    // spec key → the day it was created
	goal    map[string]*model.Goal
	decID   map[string]string
	decDay  map[string]int
	dec     map[string]*model.Decision
	hoID    map[string]string
	hoDay   map[string]int
	raciID  map[string]string
	person  map[string]*model.Person
	leaves  map[string]int // handle → the day they left
	text    *strings.Replacer

	events []event
}

// event is one commit before it has a time of day.
type event struct {
	day    int
	author string
	msg    string
	put    []model.Record
}

func newNorthwind(today time.Time) *northwind {
	n := &northwind{
		cal:     newCalendar(today),
		ids:     newIDSource(rand.New(rand.NewChaCha8(northwindIDSeed))),
		clock:   rand.New(rand.NewChaCha8(northwindClockSeed)),
		goalID:  map[string]string{},
		goalDay: map[string]int{},
		goal:    map[string]*model.Goal{},
		decID:   map[string]string{},
		decDay:  map[string]int{},
		dec:     map[string]*model.Decision{},
		hoID:    map[string]string{},
		hoDay:   map[string]int{},
		raciID:  map[string]string{},
		person:  map[string]*model.Person{},
		leaves:  map[string]int{},
	}
	n.prev, n.cur, n.next = n.cal.quarters()
	n.setup = -95
	// Planning starts a week or so before the quarter, but never before
	// last quarter's goals are in.
	n.plan = max(n.cur.start-9, n.setup+5)
	n.curStart = max(n.cur.start+6, n.plan+5)
	n.leaves["maya"] = n.cal.workday(min(max(-30, n.plan+3), -2), -1)
	n.leaves["dana"] = n.cal.workday(min(max(-26, n.plan+3), -2), -1)

	n.strategic = northwindStrategic()
	n.kpis = northwindKPIs()
	n.prevObjs = northwindPrevObjectives()
	n.curObjs = northwindCurObjectives()
	n.decisions = northwindDecisions()
	n.handoffs = northwindHandoffs()
	n.racis = northwindRACI()

	// Every ID the hand-written records use is drawn here, in a fixed
	// order, so IDs do not depend on the date; check-ins draw theirs as
	// they are written.
	n.goalID["mission"] = n.ids.next(model.KindGoal)
	for _, s := range n.strategic {
		n.goalID[s.key] = n.ids.next(model.KindGoal)
	}
	for _, k := range n.kpis {
		n.goalID[k.key] = n.ids.next(model.KindGoal)
	}
	for _, objs := range [][]objectiveSpec{n.prevObjs, n.curObjs} {
		for _, o := range objs {
			n.goalID[o.key] = n.ids.next(model.KindGoal)
			for _, kr := range o.krs {
				n.goalID[kr.key] = n.ids.next(model.KindGoal)
			}
		}
	}
	for _, d := range n.decisions {
		n.decID[d.key] = n.ids.next(model.KindDecision)
	}
	for _, h := range n.handoffs {
		n.hoID[h.key] = n.ids.next(model.KindHandoff)
	}
	for _, r := range n.racis {
		n.raciID[r.key] = n.ids.next(model.KindRACI)
	}

	pairs := []string{"{prev}", n.prev.label, "{cur}", n.cur.label, "{next}", n.next.label}
	for _, key := range slices.Sorted(maps.Keys(n.decID)) {
		pairs = append(pairs, "{dec:"+key+"}", n.decID[key])
	}
	for _, key := range slices.Sorted(maps.Keys(n.hoID)) {
		pairs = append(pairs, "{ho:"+key+"}", n.hoID[key])
	}
	for _, key := range slices.Sorted(maps.Keys(n.goalID)) {
		pairs = append(pairs, "{goal:"+key+"}", n.goalID[key])
	}
	n.text = strings.NewReplacer(pairs...)
	return n
}

// x expands the placeholders in hand-written text: {cur}, {dec:csv50}…
func (n *northwind) x(s string) string { return n.text.Replace(s) }

func (n *northwind) xs(list []string) []string {
	if len(list) == 0 {
		return nil
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = n.x(s)
	}
	return out
}

// on is the working day, no later than yesterday, that something planned
// for day happens on.
func (n *northwind) on(day int) int {
	return n.cal.workday(min(max(day, n.setup), -1), -1)
}

// emit records a commit on a working day no later than yesterday.
func (n *northwind) emit(day int, author, msg string, put ...model.Record) {
	n.events = append(n.events, event{day: n.on(day), author: author, msg: msg, put: put})
}

// commits orders the events by day (keeping the order they were emitted in
// within a day) and gives each a morning time, later than the one before.
func (n *northwind) commits() []model.Commit {
	slices.SortStableFunc(n.events, func(a, b event) int { return a.day - b.day })
	perDay := map[int]int{}
	for _, e := range n.events {
		perDay[e.day]++
	}
	out := make([]model.Commit, 0, len(n.events))
	minute, lastDay, gap := 0, math.MinInt, 0
	for _, e := range n.events {
		if e.day != lastDay {
			// Busy days get shorter gaps, so every commit lands in the morning.
			gap = max(2, min(36, 200/perDay[e.day]))
			minute, lastDay = 8*60+5+n.clock.IntN(40), e.day
		} else {
			minute += 1 + n.clock.IntN(gap)
		}
		out = append(out, model.Commit{
			Author:  e.author,
			Date:    n.cal.at(e.day, minute),
			Message: e.msg,
			Put:     e.put,
		})
	}
	return out
}

func (n *northwind) build() {
	n.buildSetup()
	n.buildGoals()
	n.buildDecisions()
	n.buildHandoffs()
	n.buildRACI()
	n.buildPeopleChanges()
	n.buildCheckins()
	n.buildClosings()
	n.buildAcross()
}

func (n *northwind) buildSetup() {
	var put []model.Record
	for _, t := range northwindTeams() {
		put = append(put, &model.Team{ID: t.id, Name: t.name, Lead: t.lead, Parent: t.parent, Mission: t.mission})
	}
	for _, p := range northwindPeople() {
		if p.joins != 0 {
			continue
		}
		rec := p.record()
		n.person[p.handle] = rec
		put = append(put, rec)
	}
	m := northwindMission()
	mission := &model.Goal{ID: n.goalID["mission"], Title: m.title, Description: m.desc,
		Level: model.LevelMission, Owner: m.owner, Team: m.team, State: "active"}
	n.goal["mission"], n.goalDay["mission"] = mission, n.setup
	put = append(put, mission)
	for _, s := range n.strategic {
		g := &model.Goal{ID: n.goalID[s.key], Title: s.title, Description: s.desc,
			Level: model.LevelStrategic, Parent: mission.ID, Owner: s.owner, Team: s.team, State: "active"}
		n.goal[s.key], n.goalDay[s.key] = g, n.setup
		put = append(put, g)
	}
	n.emit(n.setup, "amara", "org: set up Northwind Labs", put...)

	for i, k := range n.kpis {
		day := n.setup + 1 + i/2
		g := &model.Goal{ID: n.goalID[k.key], Title: k.title, Description: n.x(k.desc),
			Level: model.LevelKPI, Owner: k.owner, Team: k.team, State: "active", Cadence: k.cadence,
			Metric: &model.Metric{Unit: k.unit, Baseline: k.baseline, Target: k.target, Direction: k.direction()}}
		n.goal[k.key], n.goalDay[k.key] = g, day
		n.emit(day, k.owner, fmt.Sprintf("goal(%s): create KPI %q", g.ID, g.Title), g)
	}
}

func (n *northwind) buildGoals() {
	create := func(objs []objectiveSpec, q quarter, first int) {
		for i, o := range objs {
			day := first + i/3
			obj := &model.Goal{ID: n.goalID[o.key], Title: o.title, Description: n.x(o.desc),
				Level: model.LevelObjective, Parent: n.goalID[o.parent], Owner: o.owner, Team: o.team,
				Period: q.label, State: "active"}
			n.goal[o.key], n.goalDay[o.key] = obj, day
			put := []model.Record{obj}
			for _, kr := range o.krs {
				target := kr.target
				if kr.firstTarget != 0 {
					target = kr.firstTarget
				}
				team := kr.team
				if team == "" {
					team = o.team
				}
				g := &model.Goal{ID: n.goalID[kr.key], Title: kr.title, Description: n.x(kr.desc),
					Level: model.LevelKeyResult, Parent: obj.ID, Owner: kr.owner, Team: team,
					Period: q.label, State: "active", Cadence: kr.cadence, Weight: ptr(kr.weight),
					Metric: &model.Metric{Unit: kr.unit, Baseline: kr.baseline, Target: target, Direction: kr.direction()}}
				n.goal[kr.key], n.goalDay[kr.key] = g, day
				put = append(put, g)
			}
			n.emit(day, o.owner, fmt.Sprintf("goal(%s): create %q with %d key results", obj.ID, obj.Title, len(o.krs)), put...)
		}
	}
	create(n.prevObjs, n.prev, n.setup+1)
	create(n.curObjs, n.cur, n.plan)

	// One target changes mid-quarter, which is what a goal's history is for.
	for _, o := range n.curObjs {
		for _, kr := range o.krs {
			if kr.firstTarget == 0 {
				continue
			}
			old := n.goal[kr.key]
			g := *old
			m := *old.Metric
			m.Target = kr.target
			g.Metric = &m
			n.goal[kr.key] = &g
			n.emit(max(kr.retargetDay, n.goalDay[kr.key]+3), o.owner,
				fmt.Sprintf("goal(%s): metric.target %s → %s", g.ID, formatNumber(old.Metric.Target, kr.decimals),
					formatNumber(kr.target, kr.decimals)), &g)
		}
	}
}

// goalRef resolves a goal key, or "prevKey|curKey": the current quarter's
// goal once it exists on that day, else last quarter's.
func (n *northwind) goalRef(ref string, day int) string {
	prev, cur, ok := strings.Cut(ref, "|")
	if !ok {
		return n.goalID[ref]
	}
	if day > n.goalDay[cur] {
		return n.goalID[cur]
	}
	return n.goalID[prev]
}

func (n *northwind) buildDecisions() {
	for _, s := range n.decisions {
		id := n.decID[s.key]
		var rec *model.Decision
		for i, st := range s.steps {
			if i == 0 {
				day := st.day
				n.decDay[s.key] = day
				rec = &model.Decision{
					ID: id, Title: s.title, Status: st.status, Date: n.cal.date(n.on(day)),
					Driver: s.driver, Approver: s.approver,
					DecisionMakers: s.makers, Consulted: s.consulted, Informed: s.informed,
					Context: n.x(s.context), Drivers: n.xs(s.drivers), Options: n.options(s.options),
					Consequences: n.x(s.consequences), Tags: s.tags,
				}
				if s.decidedOn != 0 {
					rec.Date = n.cal.date(n.cal.workday(s.decidedOn, -1))
				}
				for _, g := range s.goals {
					rec.Goals = append(rec.Goals, n.goalRef(g, day))
				}
				if s.supersedes != "" {
					rec.Supersedes = n.decID[s.supersedes]
				}
				var msg string
				switch st.status {
				case model.DecisionDraft:
					msg = fmt.Sprintf("decision(%s): draft %q", id, s.title)
				case model.DecisionProposed:
					msg = fmt.Sprintf("decision(%s): propose %q", id, s.title)
				default:
					n.decide(rec, s, st.status, s.decidedOn)
					msg = fmt.Sprintf("decision(%s): record %q (%s)", id, s.title, st.status)
				}
				n.dec[s.key] = rec
				n.emit(day, st.author, msg, rec)
				continue
			}
			next := *rec
			from := rec.Status
			next.Status = st.status
			next.Date = n.cal.date(n.on(st.day))
			msg := fmt.Sprintf("decision(%s): %s → %s", id, from, st.status)
			put := []model.Record{&next}
			switch st.status {
			case model.DecisionAccepted, model.DecisionRejected:
				n.decide(&next, s, st.status, n.on(st.day))
			case model.DecisionDeprecated:
				next.Context = strings.TrimRight(next.Context, "\n") + "\n\n" +
					strings.ReplaceAll(n.x(s.note), "{date}", next.Date) + "\n"
			}
			if st.status == model.DecisionAccepted && s.supersedes != "" {
				old := *n.dec[s.supersedes]
				old.Status = model.DecisionSuperseded
				old.SupersededBy = id
				old.Date = next.Date
				n.dec[s.supersedes] = &old
				put = append(put, &old)
				msg += ", supersedes " + old.ID
			}
			rec = &next
			n.dec[s.key] = rec
			n.emit(st.day, st.author, msg, put...)
		}
	}
}

// decide fills in what a decision gains when it is accepted or rejected.
func (n *northwind) decide(d *model.Decision, s decisionSpec, status string, day int) {
	d.Outcome = &model.Outcome{Chosen: s.chosen, Rationale: n.x(s.rationale)}
	if status == model.DecisionAccepted && s.reviewDays > 0 {
		d.ReviewBy = n.cal.date(n.cal.workday(day+s.reviewDays, day+s.reviewDays+1))
	}
}

func (n *northwind) options(opts []model.Option) []model.Option {
	out := make([]model.Option, len(opts))
	for i, o := range opts {
		out[i] = model.Option{ID: o.ID, Title: n.x(o.Title), Good: n.xs(o.Good), Bad: n.xs(o.Bad)}
	}
	return out
}

func (n *northwind) buildHandoffs() {
	for _, s := range n.handoffs {
		id := n.hoID[s.key]
		var rec *model.Handoff
		for i, st := range s.steps {
			if i == 0 {
				n.hoDay[s.key] = st.day
				var ds []model.Deliverable
				for _, d := range s.deliverables {
					ds = append(ds, model.Deliverable{ID: d.ID, Title: n.x(d.Title), Acceptance: n.xs(d.Acceptance)})
				}
				rec = &model.Handoff{ID: id, Title: n.x(s.title), From: s.from, To: s.to,
					Deliverables: ds, Due: n.cal.date(s.due), Expectations: n.x(s.expectations), State: st.status}
				n.emit(st.day, st.author, fmt.Sprintf("handoff(%s): propose %q (%s → %s)", id, rec.Title, s.from.Team, s.to.Team), rec)
				continue
			}
			next := *rec
			next.State = st.status
			n.emit(st.day, st.author, fmt.Sprintf("handoff(%s): %s → %s", id, rec.State, st.status), &next)
			rec = &next
		}
	}
}

func (n *northwind) buildRACI() {
	for _, s := range n.racis {
		id := n.raciID[s.key]
		subject := model.Subject{Kind: s.kind, Name: n.x(s.name)}
		earliest := n.setup + 1
		switch s.kind {
		case "decision":
			subject.ID, earliest = n.decID[s.ref], n.decDay[s.ref]+1
		case "goal":
			subject.ID, earliest = n.goalID[s.ref], n.goalDay[s.ref]+1
		case "handoff":
			subject.ID, earliest = n.hoID[s.ref], n.hoDay[s.ref]+1
		}
		var due string
		switch s.due {
		case 0:
		case endOfQuarter:
			due = n.cal.date(n.cur.end)
		case endOfPrevQuarter:
			due = n.cal.date(n.prev.end)
		default:
			due = n.cal.date(n.quarterDay(s.due))
		}
		var rec *model.RACI
		day := earliest
		for i, st := range s.steps {
			day = max(n.quarterDay(st.day), day)
			if i == 0 {
				rec = &model.RACI{ID: id, Title: n.x(s.title), Subject: subject, Accountable: s.accountable,
					Responsible: s.responsible, Consulted: s.consulted, Informed: s.informed, Due: due, State: st.status}
				n.emit(day, st.author, fmt.Sprintf("raci(%s): create %q (%s)", id, rec.Title, st.status), rec)
				day++
				continue
			}
			next := *rec
			next.State = st.status
			n.emit(day, st.author, fmt.Sprintf("raci(%s): %s → %s", id, rec.State, st.status), &next)
			rec = &next
			day++
		}
	}
}

// quarterDay resolves a day given as quarterDay+k to a day offset.
func (n *northwind) quarterDay(d int) int {
	if d >= quarterDay {
		return n.cur.start + d - quarterDay
	}
	return d
}

func (n *northwind) buildPeopleChanges() {
	for _, p := range northwindPeople() {
		if p.joins == 0 {
			continue
		}
		rec := p.record()
		n.person[p.handle] = rec
		n.emit(max(p.joins, n.setup+2), "hannah",
			fmt.Sprintf("person(%s): add %s (%s)", p.handle, p.name, strings.Join(p.teams, ", ")), rec)
	}
	for _, handle := range []string{"maya", "dana"} {
		p := *n.person[handle]
		p.Active = ptr(false)
		n.person[handle] = &p
		n.emit(n.leaves[handle], "hannah", fmt.Sprintf("person(%s): mark inactive (left Northwind)", handle), &p)
	}
}

// checkin is one planned check-in: its day and the beat it tells, or -1
// for a check-in between beats.
type checkin struct {
	day  int
	beat int
}

func (n *northwind) buildCheckins() {
	i := 0
	for _, o := range n.prevObjs {
		for _, kr := range o.krs {
			start := max(n.setup+7, n.prev.start+4) + i%4
			end := n.cur.start - 3 - i%3
			var days []int
			for d := start; d <= end; d += cadenceDays(kr.cadence) + n.clock.IntN(3) - 1 {
				days = append(days, d)
			}
			days = n.workdays(days, kr.owner)
			anchors := make([]int, len(kr.beats))
			for j := range anchors {
				if len(kr.beats) > 1 {
					anchors[j] = start + (end-start)*j/(len(kr.beats)-1)
				}
			}
			plan := assignBeats(days, anchors, cadenceDays(kr.cadence))
			closing := n.cal.workday(min(n.cur.start+1+i%6, -1), -1)
			for len(plan) > 0 && plan[len(plan)-1].day >= closing {
				plan = plan[:len(plan)-1]
			}
			n.writeCheckins(kr, plan)
			n.writeClosing(kr, o.owner, closing)
			i++
		}
	}
	for _, o := range n.curObjs {
		for _, kr := range o.krs {
			start := n.curStart + i%4
			last := kr.beats[len(kr.beats)-1]
			var days []int
			for d := -last.ago; d >= start; d -= cadenceDays(kr.cadence) + n.clock.IntN(3) - 1 {
				days = append(days, d)
			}
			slices.Reverse(days)
			days = n.workdays(days, kr.owner)
			anchors := make([]int, len(kr.beats))
			for j, b := range kr.beats {
				anchors[j] = -b.ago
			}
			if len(days) > 0 {
				anchors[0] = days[0]
			}
			n.writeCheckins(kr, assignBeats(days, anchors, cadenceDays(kr.cadence)))
			i++
		}
	}
	for _, k := range n.kpis {
		// KPIs are reviewed monthly, on the third working day or so.
		var days []int
		for m := 0; m < 5; m++ {
			first := n.cal.at(0, 0).AddDate(0, -m, 1-n.cal.d)
			d := n.cal.offsetOf(first) + 2 + i%3
			if d >= n.setup+5 && d <= -1 {
				days = append(days, d)
			}
		}
		slices.Reverse(days)
		days = n.workdays(days, k.owner)
		// The latest check-in tells the last beat, the one before it the
		// beat before, and so on.
		days = days[max(0, len(days)-len(k.beats)):]
		plan := make([]checkin, len(days))
		for j := range days {
			plan[j] = checkin{day: days[j], beat: len(k.beats) - len(days) + j}
		}
		n.writeCheckins(k, plan)
		i++
	}
}

// workdays moves check-in days onto working days, drops those after the
// author has left, and keeps at most one per day.
func (n *northwind) workdays(days []int, author string) []int {
	out := days[:0]
	for _, d := range days {
		d = n.cal.workday(min(d, -1), -1)
		if left, ok := n.leaves[author]; ok && d >= left {
			continue
		}
		if len(out) > 0 && d <= out[len(out)-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// assignBeats places a key result's story on its check-in days: the first
// beat on the first day, the last on the last, and the beats between on the
// days between, in order, each within a cadence of its anchor, placing as
// many as fit and, among those placements, keeping beats nearest their
// anchors. Days without a beat get a short "steady" check-in.
func assignBeats(days, anchors []int, cadence int) []checkin {
	plan := make([]checkin, len(days))
	for i, d := range days {
		plan[i] = checkin{day: d, beat: -1}
	}
	if len(days) == 0 || len(anchors) == 0 {
		return plan
	}
	last := len(anchors) - 1
	plan[len(plan)-1].beat = last
	if len(plan) == 1 || last == 0 {
		return plan
	}
	plan[0].beat = 0

	// An order-preserving alignment of the middle beats to the middle
	// days. A placement scores reach minus its distance, so the count
	// placed matters most.
	var beats []int
	for j := 1; j < last; j++ {
		if anchors[j] >= days[0]-cadence/2 {
			beats = append(beats, j)
		}
	}
	slots := len(days) - 2
	reach := max(cadence, 10)
	const placed = 1 << 16
	score := make([][]int, len(beats)+1)
	for b := range score {
		score[b] = make([]int, slots+1)
	}
	gain := func(b, s int) (int, bool) {
		d := abs(days[s+1] - anchors[beats[b]])
		return placed - d, d <= reach
	}
	for b := 1; b <= len(beats); b++ {
		for s := 1; s <= slots; s++ {
			best := max(score[b-1][s], score[b][s-1])
			if g, ok := gain(b-1, s-1); ok {
				best = max(best, score[b-1][s-1]+g)
			}
			score[b][s] = best
		}
	}
	for b, s := len(beats), slots; b > 0 && s > 0; {
		switch g, ok := gain(b-1, s-1); {
		case ok && score[b][s] == score[b-1][s-1]+g:
			plan[s].beat = beats[b-1]
			b, s = b-1, s-1
		case score[b][s] == score[b-1][s]:
			b--
		default:
			s--
		}
	}
	return plan
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func cadenceDays(c string) int {
	switch c {
	case "weekly":
		return 7
	case "biweekly":
		return 14
	case "monthly":
		return 30
	}
	return 91
}

// writeCheckins writes a key result's planned check-ins, each its own
// commit by the owner.
func (n *northwind) writeCheckins(kr krSpec, plan []checkin) {
	goalID := n.goalID[kr.key]
	health := ""
	var lastProblems, lastPlans []string
	for i, c := range plan {
		var b beat
		p := 0.0
		if c.beat >= 0 {
			b = kr.beats[c.beat]
			p = b.p
		} else {
			// Between beats: the value moves along the line between the
			// beats either side; the health is the one last reported.
			prevI, nextI := i-1, i+1
			for plan[prevI].beat < 0 {
				prevI--
			}
			for plan[nextI].beat < 0 {
				nextI++
			}
			pa, pb := kr.beats[plan[prevI].beat].p, kr.beats[plan[nextI].beat].p
			p = pa + (pb-pa)*float64(c.day-plan[prevI].day)/float64(plan[nextI].day-plan[prevI].day)
			b = beat{health: kr.beats[plan[prevI].beat].health}
			b.summary = steadySummary(b.health, i+len(kr.key))
		}
		u := n.update(kr, goalID, c.day, b, p)
		// A risk does not vanish between beats: an owner who is still at
		// risk or off track carries the problems and plans forward.
		if troubled(u.Health) && len(u.Problems) == 0 {
			u.Problems, u.Plans = slices.Clone(lastProblems), slices.Clone(lastPlans)
		}
		if len(u.Problems) > 0 {
			lastProblems, lastPlans = u.Problems, u.Plans
		}
		if b.health != model.HealthOnHold {
			conf := b.conf
			if conf == 0 {
				conf = baseConfidence(b.health) + float64(n.clock.IntN(3)-1)*0.05
			}
			u.Confidence = ptr(math.Round(conf*100) / 100)
		}
		var msg string
		switch {
		case health == "":
			msg = fmt.Sprintf("update(%s): first check-in on %s, %s", u.ID, goalID, u.Health)
		case health != u.Health:
			msg = fmt.Sprintf("update(%s): check-in on %s, health %s → %s", u.ID, goalID, health, u.Health)
		default:
			msg = fmt.Sprintf("update(%s): check-in on %s, %s", u.ID, goalID, u.Health)
		}
		health = u.Health
		n.emit(c.day, kr.owner, msg, u)
	}
}

// writeClosing writes last quarter's final check-in, which carries the
// outcome instead of a running health. If the owner has left by then, the
// objective's owner writes it.
func (n *northwind) writeClosing(kr krSpec, objOwner string, day int) {
	goalID := n.goalID[kr.key]
	u := n.update(kr, goalID, day, kr.closing, kr.closing.p)
	if left, ok := n.leaves[kr.owner]; ok && day >= left {
		u.Author = objOwner
	}
	n.emit(day, u.Author, fmt.Sprintf("update(%s): closing check-in on %s, %s", u.ID, goalID, u.Health), u)
}

func (n *northwind) update(kr krSpec, goalID string, day int, b beat, p float64) *model.Update {
	v := roundTo(kr.baseline+p*(kr.target-kr.baseline), kr.decimals)
	vals := strings.NewReplacer(
		"{v}", formatValue(kr.unit, v, kr.decimals),
		"{t}", formatValue(kr.unit, kr.target, kr.decimals),
		"{b}", formatValue(kr.unit, kr.baseline, kr.decimals),
	)
	tx := func(s string) string { return vals.Replace(n.x(s)) }
	u := &model.Update{
		ID: n.ids.next(model.KindUpdate), Target: goalID, Author: kr.owner, Date: n.cal.date(day),
		Health: b.health, Value: ptr(v), Summary: tx(b.summary),
	}
	for _, s := range b.problems {
		u.Problems = append(u.Problems, tx(s))
	}
	for _, s := range b.plans {
		u.Plans = append(u.Plans, tx(s))
	}
	for _, a := range b.asks {
		u.Asks = append(u.Asks, model.Ask{To: a.To, What: tx(a.What)})
	}
	for _, s := range b.wins {
		u.Wins = append(u.Wins, tx(s))
	}
	return u
}

func troubled(health string) bool {
	return health == model.HealthAtRisk || health == model.HealthOffTrack
}

func baseConfidence(health string) float64 {
	switch health {
	case model.HealthOnTrack:
		return 0.8
	case model.HealthAtRisk:
		return 0.55
	case model.HealthOffTrack:
		return 0.3
	}
	return 0.5
}

// steadySummary is the check-in between two beats of a key result's story:
// short, because nothing much changed.
func steadySummary(health string, i int) string {
	var pool []string
	switch health {
	case model.HealthOnTrack:
		pool = []string{
			"{v}, moving as expected. Nothing to flag; the plan from the last check-in stands.",
			"Steady week at {v}. No new risks and no asks.",
			"{v}. Heads down on the plan; no surprises since last time.",
			"Quiet stretch: {v}, in line with where we expected to be.",
		}
	case model.HealthAtRisk:
		pool = []string{
			"Still {v}. The risk from the last check-in has not gone away, but nothing new has come up.",
			"{v}. Slower than we need; keeping the same plan for one more cycle before changing course.",
			"{v}. No change to the blockers; we are chasing them.",
		}
	case model.HealthOffTrack:
		pool = []string{
			"{v}. Still off track; the recovery plan is unchanged.",
			"{v}, not yet moving back. Recovery work is in progress.",
		}
	default:
		pool = []string{"Still on hold; {v} when last measured."}
	}
	return pool[i%len(pool)]
}

// buildClosings closes last quarter's objectives and key results with their
// outcomes, after the final check-ins.
func (n *northwind) buildClosings() {
	for i, o := range n.prevObjs {
		day := n.cur.start + 7 + i%4
		obj := *n.goal[o.key]
		obj.State, obj.Outcome = "closed", o.outcome
		put := []model.Record{&obj}
		for _, kr := range o.krs {
			g := *n.goal[kr.key]
			g.State, g.Outcome = "closed", kr.closing.health
			put = append(put, &g)
		}
		n.emit(day, o.owner, fmt.Sprintf("goal(%s): close %q as %s with its %d key results", obj.ID, obj.Title, o.outcome, len(o.krs)), put...)
	}
}

func (n *northwind) config() model.Config {
	units := map[string]bool{}
	for _, g := range n.goal {
		if g.Metric != nil {
			units[g.Metric.Unit] = true
		}
	}
	tags := map[string]bool{}
	for _, d := range n.dec {
		for _, t := range d.Tags {
			tags[t] = true
		}
	}
	return model.Config{
		Org:           "Northwind Labs",
		Schema:        model.SchemaVersion,
		Periods:       []string{n.prev.label, n.cur.label},
		CurrentPeriod: n.cur.label,
		Limits:        model.Limits{MaxAccountable: 6, StaleGraceDays: 3},
		Pulse:         model.PulseConfig{Cadence: "quarterly"},
		Enums: model.Enums{
			Units: slices.Sorted(maps.Keys(units)),
			Tags:  slices.Sorted(maps.Keys(tags)),
		},
		Views: []model.View{
			{Name: "At-risk key results", Kind: string(model.KindGoal), Filter: model.Filter{Health: model.HealthAtRisk, Period: n.cur.label}},
			{Name: "Off-track key results", Kind: string(model.KindGoal), Filter: model.Filter{Health: model.HealthOffTrack, Period: n.cur.label}},
			{Name: "Decisions awaiting approval", Kind: string(model.KindDecision), Filter: model.Filter{Status: model.DecisionProposed}},
			{Name: "Onboarding this quarter", Kind: string(model.KindGoal), Filter: model.Filter{Team: "onboarding", Period: n.cur.label}},
		},
	}
}

func roundTo(v float64, decimals int) float64 {
	f := math.Pow10(decimals)
	r := math.Round(v*f) / f
	if r == 0 {
		return 0 // no -0
	}
	return r
}

// formatNumber writes a number with a fixed number of decimals and
// thousands separators: 1,350 or 99.62.
func formatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	if hasFrac {
		whole += "." + frac
	}
	return sign + whole
}

// formatValue writes a metric value the way people say it: 37%, $760k,
// 1,350 ms, 1 partner, 9 days.
func formatValue(unit string, v float64, decimals int) string {
	s := formatNumber(v, decimals)
	switch unit {
	case "%":
		return s + "%"
	case "kUSD":
		return "$" + s + "k"
	case "USD":
		return "$" + s
	}
	if v == 1 {
		unit = strings.TrimSuffix(unit, "s")
	}
	return s + " " + unit
}
