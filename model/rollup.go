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
	h := o.Reported(goalID)
	if g := o.Goals[goalID]; g != nil && h != HealthOnHold && !o.Today.IsZero() && o.Staleness(g, o.Today).Overdue {
		return HealthStale // a goal on hold owes no check-ins
	}
	return h
}

// Reported is a goal's health as its check-ins and children report it,
// stale or not.
func (o *Org) Reported(goalID string) string {
	return o.health(goalID, map[string]bool{})
}

func (o *Org) health(id string, seen map[string]bool) string {
	if seen[id] {
		return "" // a cycle; validation reports it
	}
	seen[id] = true
	defer delete(seen, id)
	if u := o.LatestUpdate(id); u != nil {
		return u.Health
	}
	worst, worstRank := "", 99
	for _, c := range o.liveChildren(id) {
		h := o.health(c, seen)
		if r := healthRank(h); r >= 0 && r < worstRank {
			worst, worstRank = h, r
		}
	}
	return worst
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
	return o.progress(goalID, map[string]bool{})
}

func (o *Org) progress(id string, seen map[string]bool) (float64, bool) {
	g := o.Goals[id]
	if g == nil || seen[id] {
		return 0, false
	}
	seen[id] = true
	defer delete(seen, id)
	if g.Outcome == "achieved" {
		return 1, true
	}
	if g.Metric != nil {
		baseline := g.Metric.Baseline
		v, ok := o.CurrentValue(id)
		if !ok {
			v = baseline
		}
		return MetricProgress(*g.Metric, v), true
	}
	var sum, weights float64
	for _, c := range o.liveChildren(id) {
		cg := o.Goals[c]
		if cg.Outcome == "dropped" {
			continue
		}
		p, ok := o.progress(c, seen)
		if !ok {
			continue
		}
		w := 1.0
		if cg.Weight != nil {
			w = *cg.Weight
		}
		if w <= 0 {
			continue
		}
		sum += p * w
		weights += w
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
