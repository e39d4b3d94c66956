package model

import (
	"cmp"
	"slices"
)

// Asks are help a check-in asks of a person or team. The latest check-in
// of an active goal holds the asks that still stand: a later check-in
// replaces its goal's asks.

// Addressee is the person or team an ask is addressed to. The file names
// it from: today (a later schema names it to:); every reader goes through
// here, so that rename is one place.
func (a Ask) Addressee() string { return a.From }

// OpenAsk is an ask that still stands, with where it was made.
type OpenAsk struct {
	Ask     Ask
	CheckIn *Update
	Goal    *Goal
	// N is the ask's number in its check-in, from 1.
	N int
}

// OpenAsks lists the asks in the latest check-in of each active goal,
// newest check-in first, then by goal and number. o must have been
// indexed.
func (o *Org) OpenAsks() []OpenAsk {
	var out []OpenAsk
	for _, g := range o.Goals {
		if g.State != "active" {
			continue
		}
		u := o.LatestUpdate(g.ID)
		if u == nil {
			continue
		}
		for i, a := range u.Asks {
			out = append(out, OpenAsk{Ask: a, CheckIn: u, Goal: g, N: i + 1})
		}
	}
	slices.SortFunc(out, func(a, b OpenAsk) int {
		return cmp.Or(cmp.Compare(b.CheckIn.Date, a.CheckIn.Date), cmp.Compare(a.Goal.ID, b.Goal.ID), cmp.Compare(a.N, b.N))
	})
	return out
}
