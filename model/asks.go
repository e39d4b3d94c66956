package model

import (
	"cmp"
	"slices"
	"time"
)

// Asks are help a check-in asks of a person or team, answered by the
// addressee with append-only answers (Answer). An ask stands while its goal
// is active and either it is in the goal's latest check-in, it has a due
// date, or it has been answered: an undated ask that nobody answered lapses
// when the next check-in is written (the asker repeats it if it still
// matters), while a dated or answered one is a loop that only an answer of
// done or decline closes.

// Addressee is the person or team an ask is addressed to: to:, or the
// legacy from: that meant the same. Every reader goes through here.
func (a Ask) Addressee() string {
	if a.To != "" {
		return a.To
	}
	return a.From
}

// OpenAsk is an ask that still stands and nobody has answered, with where
// it was made.
type OpenAsk struct {
	Ask     Ask
	CheckIn *Update
	Goal    *Goal
	// N is the ask's number in its check-in, from 1.
	N int
}

// Ref is the ask's stable name, UPD-…#N.
func (a OpenAsk) Ref() AskRef { return AskRef{CheckIn: a.CheckIn.ID, N: a.N} }

// OpenAsks lists the asks that stand and have no answer yet, newest
// check-in first, then by goal and number. o must have been indexed.
func (o *Org) OpenAsks() []OpenAsk {
	var out []OpenAsk
	for _, st := range o.AskStatuses(time.Time{}) {
		if st.Open() {
			out = append(out, OpenAsk{Ask: st.Ask, CheckIn: st.CheckIn, Goal: st.Goal, N: st.Ref.N})
		}
	}
	return out
}

// AskStatus is one ask and where its loop stands.
type AskStatus struct {
	Ref     AskRef
	Ask     Ask
	CheckIn *Update
	// Goal is the goal the check-in is on.
	Goal *Goal
	// Answers are the answers to the ask, oldest first; Latest is the
	// last of them, or nil.
	Answers []*Answer
	Latest  *Answer
	// Standing is set while the ask still asks something (see the file's
	// comment).
	Standing bool
	// Overdue is set when a standing ask that is not done or declined is
	// past its due date (measured against the day AskStatuses was given).
	Overdue bool
}

// Open reports whether the ask stands and has no answer: it waits for the
// addressee.
func (s AskStatus) Open() bool { return s.Standing && s.Latest == nil }

// Closed reports whether the addressee answered done or declined.
func (s AskStatus) Closed() bool {
	return s.Latest != nil && (s.Latest.Response == AnswerDone || s.Latest.Response == AnswerDecline)
}

// Pending reports whether the ask stands and is not closed: unanswered or
// accepted.
func (s AskStatus) Pending() bool { return s.Standing && !s.Closed() }

// Asker is who made the ask: the check-in's author.
func (s AskStatus) Asker() string { return s.CheckIn.Author }

// AskerTeam is the team that asks: the goal's team, else the author's
// first team.
func (s AskStatus) AskerTeam(o *Org) string {
	if s.Goal != nil && s.Goal.Team != "" {
		return s.Goal.Team
	}
	return o.firstTeam(s.CheckIn.Author)
}

// AddresseeTeam is the team asked: the addressee if it is a team, else the
// addressee's first team.
func (s AskStatus) AddresseeTeam(o *Org) string {
	a := s.Ask.Addressee()
	if o.Teams[a] != nil {
		return a
	}
	return o.firstTeam(a)
}

func (o *Org) firstTeam(person string) string {
	if p := o.People[person]; p != nil && len(p.Teams) > 0 {
		return p.Teams[0]
	}
	return ""
}

// AnswersByAsk indexes the answers by the ask they answer, oldest first.
func (o *Org) AnswersByAsk() map[AskRef][]*Answer {
	out := map[AskRef][]*Answer{}
	for _, a := range o.Answers {
		ref, err := ParseAskRef(a.Ask, false)
		if err != nil {
			continue
		}
		out[ref] = append(out[ref], a)
	}
	for _, as := range out {
		slices.SortFunc(as, func(a, b *Answer) int { return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID)) })
	}
	return out
}

// AnswersTo lists the answers to an ask, oldest first.
func (o *Org) AnswersTo(ref AskRef) []*Answer {
	return o.AnswersByAsk()[ref]
}

// FindAsk returns the ask a reference names, and false when its check-in
// or number does not exist.
func (o *Org) FindAsk(ref AskRef) (Ask, *Update, bool) {
	u := o.Updates[ref.CheckIn]
	if u == nil || ref.N < 1 || ref.N > len(u.Asks) {
		return Ask{}, u, false
	}
	return u.Asks[ref.N-1], u, true
}

// AskStatuses lists every ask of every check-in on a goal, with its
// answers and whether it stands, newest check-in first, then by goal and
// number. today dates Overdue; zero leaves it unset. o must have been
// indexed.
func (o *Org) AskStatuses(today time.Time) []AskStatus {
	answers := o.AnswersByAsk()
	day, dated := dayOf(today)
	var out []AskStatus
	for _, g := range o.Goals {
		us := o.UpdatesOf(g.ID)
		for i, u := range us {
			latest := i == len(us)-1
			for n, a := range u.Asks {
				st := AskStatus{Ref: AskRef{CheckIn: u.ID, N: n + 1}, Ask: a, CheckIn: u, Goal: g}
				st.Answers = answers[st.Ref]
				if len(st.Answers) > 0 {
					st.Latest = st.Answers[len(st.Answers)-1]
				}
				st.Standing = g.State == "active" && (latest || a.Due != "" || st.Latest != nil)
				if due, ok := parseDay(a.Due); ok && dated && st.Pending() && due.Before(day) {
					st.Overdue = true
				}
				out = append(out, st)
			}
		}
	}
	slices.SortFunc(out, func(a, b AskStatus) int {
		return cmp.Or(cmp.Compare(b.CheckIn.Date, a.CheckIn.Date), cmp.Compare(a.Goal.ID, b.Goal.ID),
			cmp.Compare(a.CheckIn.ID, b.CheckIn.ID), cmp.Compare(a.Ref.N, b.Ref.N))
	})
	return out
}

// dayOf is t's calendar date at UTC midnight, and false for the zero time.
func dayOf(t time.Time) (time.Time, bool) {
	if t.IsZero() {
		return time.Time{}, false
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
}

// AddresseeLoad is how many asks wait for one person or team.
type AddresseeLoad struct {
	Addressee string `json:"addressee"`
	// Open asks have no answer; Overdue ones are past due and not done or
	// declined.
	Open    int `json:"open"`
	Overdue int `json:"overdue"`
}

// AsksPerAddressee counts the open and overdue asks of each addressee
// that has any, sorted by addressee.
func (o *Org) AsksPerAddressee(today time.Time) []AddresseeLoad {
	by := map[string]*AddresseeLoad{}
	for _, st := range o.AskStatuses(today) {
		if !st.Open() && !st.Overdue {
			continue
		}
		a := st.Ask.Addressee()
		l := by[a]
		if l == nil {
			l = &AddresseeLoad{Addressee: a}
			by[a] = l
		}
		if st.Open() {
			l.Open++
		}
		if st.Overdue {
			l.Overdue++
		}
	}
	out := make([]AddresseeLoad, 0, len(by))
	for _, l := range by {
		out = append(out, *l)
	}
	slices.SortFunc(out, func(a, b AddresseeLoad) int { return cmp.Compare(a.Addressee, b.Addressee) })
	return out
}

// AskPair is the give and take between two teams: asks team From made of
// team To (or of its people).
type AskPair struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Made counts the asks; Answered those with at least one answer;
	// Overdue those past due and not done or declined.
	Made     int `json:"made"`
	Answered int `json:"answered"`
	Overdue  int `json:"overdue"`
}

// AskPairs counts, per pair of different teams, the asks made in
// check-ins dated from since to until (inclusive; "" for no bound), sorted
// by asking team, then team asked. Asks whose teams are unknown or the
// same are left out.
func (o *Org) AskPairs(today time.Time, since, until string) []AskPair {
	by := map[[2]string]*AskPair{}
	for _, st := range o.AskStatuses(today) {
		d := st.CheckIn.Date
		if since != "" && d < since || until != "" && d > until {
			continue
		}
		from, to := st.AskerTeam(o), st.AddresseeTeam(o)
		if from == "" || to == "" || from == to {
			continue
		}
		p := by[[2]string{from, to}]
		if p == nil {
			p = &AskPair{From: from, To: to}
			by[[2]string{from, to}] = p
		}
		p.Made++
		if st.Latest != nil {
			p.Answered++
		}
		if st.Overdue {
			p.Overdue++
		}
	}
	out := make([]AskPair, 0, len(by))
	for _, p := range by {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b AskPair) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To)) })
	return out
}

// AskAnswerers are the people who may answer an ask: the addressee when
// it is a person; a team's members (and its lead) when it is a team.
func (o *Org) AskAnswerers(a Ask) []string {
	to := a.Addressee()
	if o.People[to] != nil {
		return []string{to}
	}
	return o.TeamMembers(to)
}

// TeamMembers lists a team's lead and the people who name it among their
// teams, sorted, without duplicates.
func (o *Org) TeamMembers(team string) []string {
	var out []string
	if t := o.Teams[team]; t != nil && t.Lead != "" {
		out = append(out, t.Lead)
	}
	for id, p := range o.People {
		if slices.Contains(p.Teams, team) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
