package common

// How records and commits are named on screen: people, teams and authors
// by name, numbers and dates as a person reads them.

import (
	"slices"
	"strconv"
	"time"

	"github.com/accordhq/accord/model"
)

// Number formats a metric value without trailing zeros.
func Number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Ago says how long before today a date was: "3d ago", "5w ago".
func Ago(today, d time.Time) string {
	days := int(today.Sub(d).Hours() / 24)
	switch {
	case days < 1:
		return "today"
	case days < 14:
		return Itoa(days) + "d ago"
	case days < 120:
		return Itoa(days/7) + "w ago"
	}
	return Itoa(days/30) + "mo ago"
}

// AuthorName is who made a commit: the person whose e-mail it is, else the
// name git has.
func AuthorName(o *model.Org, c model.CommitInfo) string {
	if id, ok := o.PersonByEmail(c.Email); ok {
		return PersonName(o, id)
	}
	if n := Clean(c.Author); n != "" {
		return n
	}
	return Clean(c.Email)
}

// AuthorLabel names a commit's author in full: "Mei Chen (mei)", or the
// git name and e-mail of someone who is not in the organisation.
func AuthorLabel(o *model.Org, c model.CommitInfo) string {
	if id, ok := o.PersonByEmail(c.Email); ok {
		return PersonName(o, id) + " (" + Clean(id) + ")"
	}
	return Clean(c.Author) + " <" + Clean(c.Email) + ">"
}

// PersonName is a person's name, or their handle when they do not resolve.
func PersonName(o *model.Org, id string) string {
	if p := o.People[id]; p != nil {
		return Clean(p.Name)
	}
	if t := o.Teams[id]; t != nil {
		return Clean(t.Name) + " (team)"
	}
	return Clean(id)
}

// TeamName is a team's name, or its handle when it does not resolve.
func TeamName(o *model.Org, id string) string {
	if t := o.Teams[id]; t != nil {
		return Clean(t.Name)
	}
	return Clean(id)
}

// Cycle is the choice after cur: each of opts in turn, then "" (all).
func Cycle(cur string, opts []string) string {
	if cur == "" {
		if len(opts) == 0 {
			return ""
		}
		return opts[0]
	}
	i := slices.Index(opts, cur)
	if i < 0 || i+1 >= len(opts) {
		return ""
	}
	return opts[i+1]
}
