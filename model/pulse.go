package model

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"
)

// Pulses over time: each pair of teams (one rating, one rated) has a trend,
// a point per period; a pair whose latest score fell by PulseFall or more
// from the period before is falling. accord.yaml's pulse.cadence makes a
// pulse due from every pair that works together once each period ends.

// PulseFall is the drop in a pair's average score, from one period to the
// next, that calls the pair out as falling.
const PulseFall = 0.5

// PulsePoint is a pair's pulses in one period, averaged.
type PulsePoint struct {
	Period string `json:"period"`
	// Average is the mean of the pulses' averages; Scores the mean of
	// each dimension over the pulses that rated it (0 when none did).
	Average float64            `json:"average"`
	Scores  map[string]float64 `json:"scores"`
	Pulses  []string           `json:"pulses"`
}

// PulseTrend is one pair's points, oldest period first.
type PulseTrend struct {
	Team   string       `json:"team"`
	About  string       `json:"about"`
	Points []PulsePoint `json:"points"`
	// Change is the latest average minus the one before (0 with one point).
	Change  float64 `json:"change"`
	Falling bool    `json:"falling"`
}

// Latest is the trend's last point.
func (t PulseTrend) Latest() PulsePoint { return t.Points[len(t.Points)-1] }

// PulseTrends lists a trend per pair that has pulses, falling pairs first
// (the steepest fall first), then by rating team and team rated. Pulses
// whose period cannot be read or that rate nothing are left out.
func (o *Org) PulseTrends() []PulseTrend {
	type key struct{ team, about, period string }
	groups := map[key][]*Pulse{}
	for _, p := range o.Pulses {
		if _, ok := PeriodStart(p.Period); !ok || p.Team == "" || p.About == "" {
			continue
		}
		if _, ok := p.Scores.Average(); !ok {
			continue
		}
		k := key{p.Team, p.About, p.Period}
		groups[k] = append(groups[k], p)
	}
	pairs := map[[2]string][]PulsePoint{}
	for k, ps := range groups {
		slices.SortFunc(ps, func(a, b *Pulse) int { return cmp.Compare(a.ID, b.ID) })
		pt := PulsePoint{Period: k.period, Scores: map[string]float64{}}
		sum := 0.0
		for _, p := range ps {
			avg, _ := p.Scores.Average()
			sum += avg
			pt.Pulses = append(pt.Pulses, p.ID)
		}
		pt.Average = round2(sum / float64(len(ps)))
		for _, d := range PulseDimensions {
			s, n := 0, 0
			for _, p := range ps {
				if v := p.Scores.Get(d); v >= 1 && v <= 5 {
					s += v
					n++
				}
			}
			if n > 0 {
				pt.Scores[d] = round2(float64(s) / float64(n))
			}
		}
		pk := [2]string{k.team, k.about}
		pairs[pk] = append(pairs[pk], pt)
	}
	out := make([]PulseTrend, 0, len(pairs))
	for pk, pts := range pairs {
		slices.SortFunc(pts, func(a, b PulsePoint) int { return comparePeriods(a.Period, b.Period) })
		t := PulseTrend{Team: pk[0], About: pk[1], Points: pts}
		if n := len(pts); n > 1 {
			t.Change = round2(pts[n-1].Average - pts[n-2].Average)
			t.Falling = t.Change <= -PulseFall
		}
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b PulseTrend) int {
		if a.Falling != b.Falling {
			if a.Falling {
				return -1
			}
			return 1
		}
		if a.Falling {
			if c := cmp.Compare(a.Change, b.Change); c != 0 {
				return c
			}
		}
		return cmp.Or(cmp.Compare(a.Team, b.Team), cmp.Compare(a.About, b.About))
	})
	return out
}

// FallingPairs lists the trends whose latest score fell by PulseFall or
// more, steepest first.
func (o *Org) FallingPairs() []PulseTrend {
	var out []PulseTrend
	for _, t := range o.PulseTrends() {
		if t.Falling {
			out = append(out, t)
		}
	}
	return out
}

// PulseTrendsOf lists the trends in which a team rates or is rated.
func (o *Org) PulseTrendsOf(team string) []PulseTrend {
	var out []PulseTrend
	for _, t := range o.PulseTrends() {
		if t.Team == team || t.About == team {
			out = append(out, t)
		}
	}
	return out
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// PeriodStart is the first day of a period: a year (2026), half (2026-H1),
// quarter (2026-Q4) or month (2026-11).
func PeriodStart(p string) (time.Time, bool) {
	if len(p) < 4 {
		return time.Time{}, false
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil || p[0] < '0' || p[0] > '9' {
		return time.Time{}, false
	}
	month := 1
	switch rest := p[4:]; {
	case rest == "":
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'Q' && rest[2] >= '1' && rest[2] <= '4':
		month = 1 + 3*int(rest[2]-'1')
	case len(rest) == 3 && rest[0] == '-' && rest[1] == 'H' && (rest[2] == '1' || rest[2] == '2'):
		month = 1 + 6*int(rest[2]-'1')
	case len(rest) == 3 && rest[0] == '-' && rest[1] >= '0' && rest[1] <= '1' && rest[2] >= '0' && rest[2] <= '9':
		month = int(rest[1]-'0')*10 + int(rest[2]-'0')
		if month < 1 || month > 12 {
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	return time.Date(y, time.Month(month), 1, 0, 0, 0, 0, time.UTC), true
}

// comparePeriods orders periods by their first day, then by name.
func comparePeriods(a, b string) int {
	ta, _ := PeriodStart(a)
	tb, _ := PeriodStart(b)
	return cmp.Or(ta.Compare(tb), cmp.Compare(a, b))
}

// PulsePeriod is the period of a cadence that holds day: 2026-11 for
// monthly, 2026-Q4 for quarterly.
func PulsePeriod(cadence string, day time.Time) string {
	switch cadence {
	case "monthly":
		return day.Format("2006-01")
	case "quarterly":
		return fmt.Sprintf("%04d-Q%d", day.Year(), (int(day.Month())-1)/3+1)
	}
	return ""
}

// LastEndedPulsePeriod is the most recent period of a cadence that has
// ended by day: the month or quarter before the one day is in.
func LastEndedPulsePeriod(cadence string, day time.Time) string {
	switch cadence {
	case "monthly":
		return PulsePeriod(cadence, time.Date(day.Year(), day.Month()-1, 1, 0, 0, 0, 0, time.UTC))
	case "quarterly":
		start := time.Date(day.Year(), day.Month()-time.Month((int(day.Month())-1)%3), 1, 0, 0, 0, 0, time.UTC)
		return PulsePeriod(cadence, start.AddDate(0, -3, 0))
	}
	return ""
}

// MissingPulse is a pulse a pair of teams owes for a period.
type MissingPulse struct {
	Team   string `json:"team"`
	About  string `json:"about"`
	Period string `json:"period"`
	// Lead is the rating team's lead, whose inbox shows it.
	Lead string `json:"lead,omitempty"`
}

// PulsePairs are the pairs of teams expected to rate each other: every
// pair that has rated before, and, for each pair of teams where goals of
// one depend on the other, both ways. Sorted.
func (o *Org) PulsePairs() [][2]string {
	set := map[[2]string]bool{}
	for _, p := range o.Pulses {
		if o.Teams[p.Team] != nil && o.Teams[p.About] != nil && p.Team != p.About {
			set[[2]string{p.Team, p.About}] = true
		}
	}
	for _, td := range o.TeamDependencies(time.Time{}) {
		if o.Teams[td.From] != nil && o.Teams[td.To] != nil {
			set[[2]string{td.From, td.To}] = true
			set[[2]string{td.To, td.From}] = true
		}
	}
	out := make([][2]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b [2]string) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1])) })
	return out
}

// MissingPulses lists, when accord.yaml sets pulse.cadence, the pairs
// (PulsePairs) with no pulse for the last period of the cadence that has
// ended by today. Without a cadence, or a date, it lists none.
func (o *Org) MissingPulses(today time.Time) []MissingPulse {
	cadence := o.Config.Pulse.Cadence
	if cadence == "" || today.IsZero() {
		return nil
	}
	period := LastEndedPulsePeriod(cadence, today)
	if period == "" {
		return nil
	}
	done := map[[2]string]bool{}
	for _, p := range o.Pulses {
		if p.Period == period {
			done[[2]string{p.Team, p.About}] = true
		}
	}
	var out []MissingPulse
	for _, pair := range o.PulsePairs() {
		if done[pair] {
			continue
		}
		m := MissingPulse{Team: pair[0], About: pair[1], Period: period}
		if t := o.Teams[pair[0]]; t != nil {
			m.Lead = t.Lead
		}
		out = append(out, m)
	}
	return out
}

// RetrosOf lists the retros on a hand-off or goal, sorted by date then ID.
func (o *Org) RetrosOf(subject string) []*Retro {
	var out []*Retro
	for _, r := range o.Retros {
		if r.Subject == subject {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *Retro) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	return out
}

// RetroTeams are the teams a retro on a subject looks across: a hand-off's
// two teams; a goal's team and the teams of what it depends on.
func (o *Org) RetroTeams(subject string) []string {
	var out []string
	switch r, _ := o.Get(subject); r := r.(type) {
	case *Handoff:
		out = append(out, r.From.Team, r.To.Team)
	case *Goal:
		out = append(out, r.Team)
		for _, d := range o.DependenciesOf(r.ID) {
			out = append(out, o.TeamOf(d))
		}
	}
	out = slices.DeleteFunc(out, func(s string) bool { return s == "" })
	first := slices.Clone(out[:min(1, len(out))])
	rest := out[min(1, len(out)):]
	slices.Sort(rest)
	return dedupe(append(first, rest...))
}

func dedupe(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// RetroCandidates lists the hand-offs received and the goals closed that
// involve more than one team and have no retro yet, sorted by ID: what
// Accord offers a retro for.
func (o *Org) RetroCandidates() []string {
	has := map[string]bool{}
	for _, r := range o.Retros {
		has[r.Subject] = true
	}
	var out []string
	for _, id := range o.IDs(KindHandoff) {
		if o.Handoffs[id].State == "received" && !has[id] {
			out = append(out, id)
		}
	}
	for _, id := range o.IDs(KindGoal) {
		if o.Goals[id].State == "closed" && !has[id] && len(o.RetroTeams(id)) > 1 {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// FormatScore writes a pulse score with at most two decimals: 4, 3.5, 2.75.
func FormatScore(f float64) string { return strconv.FormatFloat(round2(f), 'f', -1, 64) }
