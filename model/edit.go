package model

import (
	"fmt"
	"slices"
	"strings"
)

// Edit is one record change a person asks for: Old is the record as they
// started from it (nil for a new record) and New what they want it to be
// (nil to remove it). Keeping both lets a store merge the edit into a file
// another writer changed meanwhile instead of overwriting their work.
type Edit struct {
	Old, New Record
}

// ---- lifecycle moves ----
//
// The TUI offers a record's next states as a menu: each move with its label,
// and, when the person may not make it, why not, so the menu can show it
// greyed out with the reason instead of hiding it.

// Supersede records that successor is to replace old: successor names old
// in supersedes. Old becomes superseded, naming successor in
// superseded_by, only once the successor is accepted — at once when it
// already is, otherwise in the commit that accepts it (SupersededOnAccept)
// — so a replacement that is proposed and then rejected leaves old as it
// was. Only an accepted or deprecated decision can be superseded; for any
// other the error from ValidateDecisionTransition says so and neither
// decision changes. Superseding again with the same successor does nothing.
func Supersede(old, successor *Decision) error {
	if old.ID == successor.ID {
		return fmt.Errorf("%s cannot supersede itself; choose another decision", old.ID)
	}
	if old.Status == DecisionSuperseded && old.SupersededBy != "" && old.SupersededBy != successor.ID {
		return fmt.Errorf("%s is already superseded by %s", old.ID, old.SupersededBy)
	}
	if successor.Supersedes != "" && successor.Supersedes != old.ID {
		return fmt.Errorf("%s already supersedes %s; a decision supersedes at most one other", successor.ID, successor.Supersedes)
	}
	if err := ValidateDecisionTransition(old.Status, DecisionSuperseded); err != nil {
		return err
	}
	successor.Supersedes = old.ID
	if successor.Status == DecisionAccepted {
		old.Status = DecisionSuperseded
		old.SupersededBy = successor.ID
	}
	return nil
}

// SupersededOnAccept returns the decision an accepted decision supersedes,
// as it must be saved in the same commit: superseded, naming d. It is nil
// when d supersedes nothing, is not accepted, or the other side already
// names it.
func SupersededOnAccept(o *Org, d *Decision) *Decision {
	if d.Status != DecisionAccepted || d.Supersedes == "" {
		return nil
	}
	old := o.Decisions[d.Supersedes]
	if old == nil || old.Status == DecisionSuperseded && old.SupersededBy == d.ID {
		return nil
	}
	next := &Decision{}
	CopyRecord(next, old)
	next.Status, next.SupersededBy = DecisionSuperseded, d.ID
	return next
}

// DecisionMove is one status a decision may move to next, as a menu item.
// Allowed is false, with the Reason, when the move needs something the
// decision does not have yet.
type DecisionMove struct {
	To, Label string
	Allowed   bool
	Reason    string
}

var decisionMoveLabels = map[string]string{
	DecisionDraft: "Back to draft", DecisionProposed: "Propose", DecisionAccepted: "Accept",
	DecisionRejected: "Reject", DecisionDeprecated: "Deprecate", DecisionSuperseded: "Supersede",
}

// DecisionMoves lists the moves the lifecycle allows from the decision's
// status (see ValidateDecisionTransition), none for a superseded decision or
// a status that is not one. Accepting needs the options that were considered;
// an approver and the chosen option are not checked here, because the form
// that accepts asks for them.
func DecisionMoves(d *Decision) []DecisionMove {
	var out []DecisionMove
	for _, to := range decisionTransitions[d.Status] {
		m := DecisionMove{To: to, Label: decisionMoveLabels[to], Allowed: true}
		if to == DecisionAccepted && len(d.Options) == 0 {
			m.Allowed, m.Reason = false, "add the options considered first"
		}
		out = append(out, m)
	}
	return out
}

// HandoffMove is one state a hand-off may move to next, as a menu item.
// Allowed is false, with the Reason, when the person asking may not make it.
type HandoffMove struct {
	To      string
	Label   string
	Allowed bool
	Reason  string
}

// handoffMove is one move of the hand-off lifecycle and the side that makes it.
type handoffMove struct {
	from, to  string
	label     string
	receiving bool   // made by the receiving side (To), else the sending side (From)
	verb      string // "accept this hand-off", for reasons
	past      string // "accepted", for the step a commit took
}

// handoffMoves is the hand-off lifecycle: the receiving side accepts or
// rejects a proposal, the sending side does the work and delivers it, and
// the receiving side takes delivery or sends it back. A rejected hand-off
// can be proposed again; a received one is final.
var handoffMoves = []handoffMove{
	{"proposed", "accepted", "Accept", true, "accept this hand-off", "accepted"},
	{"proposed", "rejected", "Reject", true, "reject this hand-off", "rejected"},
	{"accepted", "in_progress", "Start work", false, "start work on this hand-off", "started work on"},
	{"accepted", "delivered", "Mark delivered", false, "mark this hand-off delivered", "delivered"},
	{"in_progress", "delivered", "Mark delivered", false, "mark this hand-off delivered", "delivered"},
	{"delivered", "received", "Mark received", true, "mark this hand-off received", "received"},
	{"delivered", "in_progress", "Send back", true, "send this hand-off back", "sent back"},
	{"rejected", "proposed", "Propose again", false, "propose this hand-off again", "proposed again"},
}

// HandoffMoves lists the moves from the hand-off's state, each saying
// whether who (a person's handle; "" when the user's git e-mail matches
// nobody) may make it. A side acts through its owner or, when it names no
// owner, its team's lead (o.Teams). None for a received hand-off or a state
// that is not one.
func HandoffMoves(o *Org, h *Handoff, who string) []HandoffMove {
	var out []HandoffMove
	for _, m := range handoffMoves {
		if m.from != h.State {
			continue
		}
		hm := HandoffMove{To: m.to, Label: m.label, Allowed: true}
		if err := m.check(o, h, who); err != nil {
			hm.Allowed, hm.Reason = false, err.Error()
		}
		out = append(out, hm)
	}
	return out
}

// CheckHandoffMove returns nil when who may move the hand-off to state to,
// and otherwise why not: the lifecycle has no such move, or who is not the
// side that makes it.
func CheckHandoffMove(o *Org, h *Handoff, to, who string) error {
	m, err := handoffLifecycle(h.State, to)
	if err != nil {
		return err
	}
	return m.check(o, h, who)
}

// handoffLifecycle returns the move from one state to another, or why the
// lifecycle has none.
func handoffLifecycle(from, to string) (handoffMove, error) {
	if !slices.Contains(HandoffStates, to) {
		return handoffMove{}, fmt.Errorf("%s is not a hand-off state; use one of %s", quoteValue(to), strings.Join(HandoffStates, ", "))
	}
	if !slices.Contains(HandoffStates, from) {
		return handoffMove{}, fmt.Errorf("the hand-off's state %s is not one of %s; correct it first", quoteValue(from), strings.Join(HandoffStates, ", "))
	}
	if from == to {
		return handoffMove{}, fmt.Errorf("the hand-off is already %s", to)
	}
	var next []string
	for _, m := range handoffMoves {
		if m.from != from {
			continue
		}
		if m.to == to {
			return m, nil
		}
		next = append(next, m.to)
	}
	if len(next) == 0 {
		return handoffMove{}, fmt.Errorf("%s %s hand-off is final and cannot become %s", articleFor(from), from, to)
	}
	return handoffMove{}, fmt.Errorf("%s %s hand-off can become %s, not %s", articleFor(from), from, joinOr(next), to)
}

// check says why who may not make the move, or nil.
func (m handoffMove) check(o *Org, h *Handoff, who string) error {
	side, field, p := "sending", "from", h.From
	if m.receiving {
		side, field, p = "receiving", "to", h.To
	}
	if who == "" {
		return fmt.Errorf("your git e-mail matches nobody in people/")
	}
	if p.Owner != "" {
		if who == p.Owner || o != nil && o.ActsFor(who, p.Owner) {
			return nil
		}
		return fmt.Errorf("only %s, the %s owner, can %s", p.Owner, side, m.verb)
	}
	var t *Team
	if o != nil {
		t = o.Teams[p.Team]
	}
	switch {
	case t != nil && t.Lead != "":
		if who == t.Lead || o.ActsFor(who, t.Lead) {
			return nil
		}
		return fmt.Errorf("only %s, lead of the %s team %s, can %s", t.Lead, side, p.Team, m.verb)
	case p.Team == "":
		return fmt.Errorf("nobody can %s: it names no %s owner or team; set %s.owner", m.verb, side, field)
	case t == nil:
		return fmt.Errorf("nobody can %s: it names no %s owner, and %s is not a known team; set %s.owner", m.verb, side, p.Team, field)
	}
	return fmt.Errorf("nobody can %s: it names no %s owner, and team %s has no lead; set %s.owner", m.verb, side, p.Team, field)
}

// ExpandIDs replaces each reference a record makes to another by ID — a
// goal's parent, a check-in's target, a decision's goals and supersession
// links, a RACI item's subject — that is a unique prefix of an ID in o, in
// any case, with that ID: commands take prefixes wherever they take IDs.
// References that match nothing or several IDs are left for validation to
// report.
func ExpandIDs(o *Org, r Record) {
	ExpandIDsWith(func(id string) (string, bool) {
		if o.Sources[id] != nil {
			return id, true
		}
		rec, err := o.Resolve(id)
		if err != nil {
			return "", false
		}
		return rec.RecordID(), true
	}, r)
}
