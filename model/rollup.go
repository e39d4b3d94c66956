package model

import (
	"math"
	"time"
)

// Roll-ups are computed, never stored: a goal's health is its latest
// check-in, or, without one, the weakest health among its children; its
// progress comes from its metric (baseline → latest value → target), or,
// without a metric, from its children weighted by their weight.

// healthRank orders healths from worst (0) to best; -1 means "does not count
// towards a parent's health" (on hold, dropped, unknown).
func healthRank(h string) int {
	switch h {
	case HealthOffTrack, "missed":
		return 0
	case HealthAtRisk, "partially_achieved":
		return 1
	case HealthOnTrack:
		return 2
	case "achieved":
		return 3
	}
	return -1
}

// Health returns a goal's current health: its latest check-in's, or else the
// weakest of its children's. "" means nothing is known. When o.Today is set
// and the goal's own last check-in is overdue for its cadence, it is
// HealthStale: what it last said is no longer news. Roll-ups use what
// children last reported (Reported).
func (o *Org) Health(goalID string) string {
	return o.asOfToday(o.Goals[goalID], o.Reported(goalID))
}

// asOfToday is the health shown for g, given what it reports: stale when
// its own check-in is overdue on o.Today.
func (o *Org) asOfToday(g *Goal, reported string) string {
	if g != nil && reported != HealthOnHold && !o.Today.IsZero() && o.Staleness(g, o.Today).Overdue {
		return HealthStale // a goal on hold owes no check-ins
	}
	return reported
}

// Reported is a goal's health as its check-ins and children report it,
// stale or not.
func (o *Org) Reported(goalID string) string {
	return newRollUpWalk(o, false).health(goalID)
}

// CurrentValue returns the value of a goal's metric from its latest check-in
// that reported one.
func (o *Org) CurrentValue(goalID string) (float64, bool) {
	us := o.updatesOf[goalID]
	for i := len(us) - 1; i >= 0; i-- {
		if us[i].Value != nil {
			return *us[i].Value, true
		}
	}
	return 0, false
}

// Progress returns how far a goal is from its baseline to its target, 0 to 1.
// ok is false when nothing is known: no metric value and no children with a
// known progress.
func (o *Org) Progress(goalID string) (p float64, ok bool) {
	return newRollUpWalk(o, false).progress(goalID, o.Goals[goalID])
}

// RollUps returns every goal's Health, and the Progress of each goal whose
// progress is known (a goal missing from progress is one for which
// Progress is not ok): the same answers as asking goal by goal, in one
// pass. Asking goal by goal walks a goal once for itself and once more for
// every goal above it; here a goal's roll-up is worked out once and its
// parent reuses it.
func (o *Org) RollUps() (health map[string]string, progress map[string]float64) {
	w := newRollUpWalk(o, true)
	health = make(map[string]string, len(o.Goals))
	progress = make(map[string]float64, len(o.Goals))
	for id, g := range o.Goals {
		health[id] = o.asOfToday(g, w.health(id))
		if p, ok := w.progress(id, g); ok {
			progress[id] = p
		}
	}
	return health, progress
}

// rollUpWalk walks down the goal tree to roll goals up. A parent cycle
// (validation reports it) is cut where the walk comes back to a goal on
// its path, so what a goal on a cycle rolls up to depends on where the
// walk began. A walk that keeps answers (RollUps) therefore keeps only
// those of goals whose walk met no cycle, which are the same wherever it
// began; the others are walked again each time they are asked for, as
// Health and Progress walk them, so every answer is theirs. A goal whose
// own check-in or metric answers is not walked through: it is never on
// the path, and answering again costs no more than a kept answer would.
type rollUpWalk struct {
	o    *Org
	path map[string]bool // the goals the walk is under
	// cycles counts the times the walk came back to a goal on its path: a
	// goal's walk met no cycle when it left the count as it found it.
	cycles int
	// The answers kept, nil when none are: each goal's reported health
	// and its progress.
	keptHealth   map[string]string
	keptProgress map[string]knownProgress
}

// knownProgress is a kept answer of Progress.
type knownProgress struct {
	p  float64
	ok bool
}

func newRollUpWalk(o *Org, keep bool) *rollUpWalk {
	w := &rollUpWalk{o: o, path: map[string]bool{}}
	if keep {
		w.keptHealth = map[string]string{}
		w.keptProgress = map[string]knownProgress{}
	}
	return w
}

func (w *rollUpWalk) health(id string) string {
	if u := w.o.LatestUpdate(id); u != nil {
		return u.Health
	}
	if h, ok := w.keptHealth[id]; ok {
		return h
	}
	if w.path[id] {
		w.cycles++
		return "" // a cycle; validation reports it
	}
	w.path[id] = true
	cycles := w.cycles
	worst, worstRank := "", 99
	for _, c := range w.o.liveChildren(id) {
		h := w.health(c)
		if r := healthRank(h); r >= 0 && r < worstRank {
			worst, worstRank = h, r
		}
	}
	delete(w.path, id)
	if w.keptHealth != nil && w.cycles == cycles {
		w.keptHealth[id] = worst
	}
	return worst
}

// progress is the progress of goal g, whose ID is id.
func (w *rollUpWalk) progress(id string, g *Goal) (float64, bool) {
	switch {
	case g == nil:
		return 0, false
	case g.Outcome == "achieved":
		return 1, true
	case g.Metric != nil:
		v, ok := w.o.CurrentValue(id)
		if !ok {
			v = g.Metric.Baseline
		}
		return MetricProgress(*g.Metric, v), true
	}
	if k, ok := w.keptProgress[id]; ok {
		return k.p, k.ok
	}
	if w.path[id] {
		w.cycles++
		return 0, false // a cycle; validation reports it
	}
	w.path[id] = true
	cycles := w.cycles
	p, ok := w.children(id)
	delete(w.path, id)
	if w.keptProgress != nil && w.cycles == cycles {
		w.keptProgress[id] = knownProgress{p, ok}
	}
	return p, ok
}

// children is a goal's progress made from its children's, weighted.
func (w *rollUpWalk) children(id string) (float64, bool) {
	var sum, weights float64
	for _, c := range w.o.liveChildren(id) {
		cg := w.o.Goals[c]
		if cg.Outcome == "dropped" {
			continue
		}
		p, ok := w.progress(c, cg)
		if !ok {
			continue
		}
		weight := 1.0
		if cg.Weight != nil {
			weight = *cg.Weight
		}
		if weight <= 0 {
			continue
		}
		sum += p * weight
		weights += weight
	}
	if weights == 0 {
		return 0, false
	}
	return sum / weights, true
}

// MetricProgress places value between a metric's baseline (0) and target (1),
// whichever way the metric runs, clamped to [0, 1].
func MetricProgress(m Metric, value float64) float64 {
	span := m.Target - m.Baseline
	if span == 0 {
		if m.Direction == "decrease" && value <= m.Target || m.Direction != "decrease" && value >= m.Target {
			return 1
		}
		return 0
	}
	p := (value - m.Baseline) / span
	return min(max(p, 0), 1)
}

// liveChildren are the children a goal's roll-up is made from: the active
// ones while there are any, so that last quarter's closed objectives do not
// colour a strategic goal that spans quarters; else the closed ones, so a
// finished goal still shows how it ended. Drafts never count.
func (o *Org) liveChildren(id string) []string {
	var active, closed []string
	for _, c := range o.children[id] {
		switch g := o.Goals[c]; {
		case g == nil || g.State == "draft" || g.Level == LevelKPI:
			// KPIs are tracked apart: one may name a goal it informs as
			// its parent, but it never counts towards that goal.
		case g.State == "closed":
			closed = append(closed, c)
		default:
			active = append(active, c)
		}
	}
	if len(active) > 0 {
		return active
	}
	return closed
}

// HealthStale is the health shown for a goal whose last check-in is
// overdue for its cadence: what it last said is no longer news.
const HealthStale = "stale"

// Staleness is how far a goal's check-ins have fallen behind its cadence.
type Staleness struct {
	// Every is the cadence in days, 0 when the goal has none; Grace the
	// days past it allowed (limits.stale_grace_days).
	Every, Grace int
	// Last is the latest check-in with a readable date, nil when none; Days
	// the days since it.
	Last *Update
	Days int
	// Overdue is set when Days is past Every plus Grace.
	Overdue bool
}

// Staleness measures a goal's check-ins against its cadence on today. A
// goal that is not active (a draft, or closed) is never overdue.
func (o *Org) Staleness(g *Goal, today time.Time) Staleness {
	st := Staleness{Every: cadenceDays[g.Cadence], Grace: o.Config.StaleGraceDays()}
	if st.Every == 0 {
		return st
	}
	us := o.UpdatesOf(g.ID)
	for i := len(us) - 1; i >= 0; i-- {
		// Well-formed dates sort as text in date order, so the last one that
		// parses is the latest.
		if t, ok := parseDay(us[i].Date); ok {
			st.Last, st.Days = us[i], int(today.Sub(t).Hours()/24)
			break
		}
	}
	st.Overdue = st.Last != nil && g.State == "active" && st.Days > st.Every+st.Grace
	return st
}

// Percent is progress (0 to 1) as the whole percentage every output shows
// (the TUI, the CLI, the report): rounded to a thousandth first, as JSON
// carries it, then to the nearest whole, halves up. So 0.855 is 86%
// everywhere, though 0.855×100 is 85.4999… in floating point.
func Percent(p float64) int { return int(math.Round(math.Round(p*1000) / 10)) }

// Cells is how many of width cells a progress bar fills for p, by the same
// rounding as Percent, so a bar and its percentage agree in every output.
func Cells(p float64, width int) int {
	return min(max(int(math.Round(math.Round(p*1000)/1000*float64(width))), 0), width)
}
