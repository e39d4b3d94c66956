package model

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// A digest is what concerns one person or team, sent to them by e-mail or
// a chat webhook (accord digest): what their inbox holds that no earlier
// digest sent them, and from the range since the last one, the wins to
// celebrate across teams and the health changes of the goals they own.
// What was sent is a DigestMark, which gitstore keeps in a git ref per
// recipient, so a digest never sends the same thing twice whichever
// machine runs it.

// Recipient is whom a digest is for: a person, or a team.
type Recipient struct {
	Person string `json:"person,omitempty"`
	Team   string `json:"team,omitempty"`
}

// String names the recipient as its marker does: person/raj, team/support.
func (r Recipient) String() string {
	if r.Team != "" {
		return "team/" + r.Team
	}
	return "person/" + r.Person
}

// ParseRecipient reads what String writes.
func ParseRecipient(s string) (Recipient, error) {
	kind, handle, _ := strings.Cut(s, "/")
	if !IsHandle(handle) {
		return Recipient{}, fmt.Errorf("recipient %q: want person/HANDLE or team/HANDLE", s)
	}
	switch kind {
	case "person":
		return Recipient{Person: handle}, nil
	case "team":
		return Recipient{Team: handle}, nil
	}
	return Recipient{}, fmt.Errorf("recipient %q: want person/HANDLE or team/HANDLE", s)
}

// DigestMark is what the digests sent to one recipient have covered.
type DigestMark struct {
	// Commit is the data commit the last digest covered up to.
	Commit string `json:"commit"`
	// Date is the day it was sent, YYYY-MM-DD.
	Date string `json:"date"`
	// Sent maps each item sent (DigestItemKey) to the day it first was.
	// Items that left the inbox are dropped, so it stays small.
	Sent map[string]string `json:"sent"`
	// Seen is the status of each decision the recipient is informed of,
	// as the last digest left it (InformedStatuses).
	Seen map[string]string `json:"seen"`
}

// MergeMarks is the mark of two digests sent at once from two machines:
// everything either sent counts as sent (on its earlier day); the newer
// mark (bIsNewer: b's commit descends from a's, or is later) says how far
// they covered and which statuses were seen.
func MergeMarks(a, b DigestMark, bIsNewer bool) DigestMark {
	out := a
	if bIsNewer {
		out = b
	}
	out.Sent = maps.Clone(a.Sent)
	if out.Sent == nil {
		out.Sent = map[string]string{}
	}
	for k, d := range b.Sent {
		if old, ok := out.Sent[k]; !ok || d < old {
			out.Sent[k] = d
		}
	}
	return out
}

// DigestItemKey names an inbox item for "already sent": the same ask, the
// same decision in the same status, the same check-in due on the same day
// are the same item; a new due date or a new status is a new one.
func DigestItemKey(it InboxItem) string {
	key := it.Section + "|" + it.ID
	if it.Ask > 0 {
		key += fmt.Sprintf("#%d", it.Ask)
	}
	if it.Due != "" {
		key += "|" + it.Due
	}
	if it.Section == InboxInformed {
		key += "|" + it.Reason
	}
	return key
}

// Digest is one recipient's digest as data.
type Digest struct {
	Recipient Recipient `json:"recipient"`
	Name      string    `json:"name"` // the person's or team's name
	Today     string    `json:"today"`
	// Since is the day the range began (the last digest, or --since), ""
	// for everything so far.
	Since string `json:"since,omitempty"`
	// Items are the inbox's items no earlier digest sent, in the inbox's
	// order.
	Items []InboxItem `json:"items"`
	// Health are the recipient's goals (owned by them, or by the team)
	// whose health changed in the range.
	Health []HealthDelta `json:"health"`
	// Wins are the wins of check-ins posted in the range, across teams.
	Wins []DigestWin `json:"wins"`
}

// DigestWin is a win a check-in in the range reported.
type DigestWin struct {
	Text     string `json:"text"`
	CheckIn  string `json:"check_in"`
	Date     string `json:"date"`
	Goal     string `json:"goal"`
	Team     string `json:"team,omitempty"`
	TeamName string `json:"team_name,omitempty"`
	Author   string `json:"author"`
}

// Empty reports whether the digest has nothing to say: it is then not
// sent.
func (d Digest) Empty() bool { return len(d.Items)+len(d.Health)+len(d.Wins) == 0 }

// BuildDigest makes a recipient's digest: the inbox of today with what
// mark says was sent left out (and informed decisions judged against the
// statuses mark saw), and from diff, the range since the last digest, the
// recipient's goals whose health changed and the wins across teams. o must
// be indexed; diff may be nil (no range: no health changes, no wins).
// It also returns the mark to record once the digest is sent.
func BuildDigest(o *Org, r Recipient, today time.Time, mark DigestMark, diff *OrgDiff) (Digest, DigestMark) {
	q := InboxQuery{Person: r.Person, Team: r.Team, Today: today, Seen: mark.Seen}
	d := Digest{Recipient: r, Today: today.Format(time.DateOnly), Since: mark.Date, Items: []InboxItem{}, Health: []HealthDelta{}, Wins: []DigestWin{}}
	if r.Team != "" {
		d.Name = teamName(o, r.Team)
	} else {
		d.Name = personName(o, r.Person)
	}
	next := DigestMark{Date: d.Today, Sent: map[string]string{}, Seen: InformedStatuses(o, q)}
	for _, it := range o.InboxFor(q) {
		key := DigestItemKey(it)
		if day, sent := mark.Sent[key]; sent {
			next.Sent[key] = day // still in the inbox: remember it was sent
			continue
		}
		next.Sent[key] = d.Today
		d.Items = append(d.Items, it)
	}
	if diff == nil {
		return d, next
	}
	for _, h := range diff.Health {
		g := o.Goals[h.ID]
		if g == nil {
			continue
		}
		if r.Person != "" && g.Owner == r.Person || r.Team != "" && g.Team == r.Team {
			d.Health = append(d.Health, h)
		}
	}
	for _, c := range diff.CheckIns {
		u := o.Updates[c.ID]
		if u == nil {
			continue
		}
		for _, w := range u.Wins {
			if strings.TrimSpace(w) == "" {
				continue
			}
			dw := DigestWin{Text: w, CheckIn: u.ID, Date: u.Date, Goal: u.Target, Author: u.Author}
			if g := o.Goals[u.Target]; g != nil && g.Team != "" {
				dw.Team, dw.TeamName = g.Team, teamName(o, g.Team)
			}
			d.Wins = append(d.Wins, dw)
		}
	}
	slices.SortStableFunc(d.Wins, func(a, b DigestWin) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.CheckIn, b.CheckIn))
	})
	return d, next
}
