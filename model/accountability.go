package model

import (
	"fmt"
	"slices"
	"strings"
)

// Accountability: the steps of a record's life that a person answers for,
// and who may take each. The same rules judge an edit before it is saved
// (the CLI and the TUI refuse a step the user may not take) and a commit
// after it was made (Store.Verify walks history and reports steps taken by
// someone else), so what Accord says someone did is what they did.

// Step classes, for accord.yaml's require_signed.
const (
	StepApprovals = "approvals" // a decision accepted, rejected, or superseded by an accepted one
	StepProposals = "proposals" // a decision proposed
	StepHandoffs  = "handoffs"  // every move of a hand-off
	StepRACI      = "raci"      // a RACI item agreed
	StepCheckIns  = "checkins"  // a check-in posted
	StepIdentity  = "identity"  // a person's e-mails, delegates or signing keys changed
	StepAnswers   = "answers"   // an ask answered
	StepPulses    = "pulses"    // a pulse posted
)

// StepClasses lists the classes require_signed may name.
var StepClasses = []string{StepApprovals, StepProposals, StepHandoffs, StepRACI, StepCheckIns, StepIdentity, StepAnswers, StepPulses}

// A Step is one thing a person does to a record that Accord holds them to:
// a lifecycle move (a decision accepted, a hand-off received, a RACI item
// agreed) or a check-in posted.
type Step struct {
	Kind Kind
	ID   string
	// From and To are the states before and after; From is "" for a new
	// record. For a check-in both are its author.
	From, To string
	// Verb is what the person did, in the past tense: "accepted",
	// "received", "posted".
	Verb string
	// Class is the step's class (StepApprovals …).
	Class string
	// Rule is the rule broken when someone else takes the step.
	Rule string
	// Principals are the people the step belongs to (the approver, the
	// receiving owner, the check-in's author), in the order the record names
	// them; their delegates may take it too. Empty when the record names
	// nobody: then anyone may.
	Principals []string
	// Role says what the principals are, for messages: "the approver".
	Role string
	// Forbidden is set when nobody may take the step: it is not a move of
	// the record's lifecycle. Rule and Reason say why.
	Forbidden bool
	Reason    string
	// Own is set for a step only the principals themselves may take, not
	// their delegates: changing who can act as a person.
	Own bool
}

// Describe says what the step does, for messages: "accept DEC-2HV9PLQ4".
func (s Step) Describe() string { return stepInfinitive[s.Verb] + " " + s.ID }

// stepInfinitive maps the past tense of each step's verb to the form used
// in "only mei can accept …".
var stepInfinitive = map[string]string{
	"proposed": "propose", "accepted": "accept", "rejected": "reject", "superseded": "supersede",
	"agreed": "agree", "posted": "post", "delivered": "mark delivered", "received": "mark received",
	"sent back": "send back", "started work on": "start work on", "proposed again": "propose again",
	"moved": "move", "answered": "answer", "rated": "post the pulse", "changed": "change the e-mails, delegates or signing keys of",
}

// StepsBetween lists the steps that turn old into new (old nil for a new
// record, new nil for a removed one, which takes no step). o resolves the
// teams and leads a hand-off's sides act through; it may be nil.
func StepsBetween(o *Org, old, new Record) []Step {
	if new == nil {
		return nil
	}
	switch n := new.(type) {
	case *Decision:
		od, _ := old.(*Decision)
		return decisionSteps(o, od, n)
	case *Handoff:
		oh, _ := old.(*Handoff)
		return handoffSteps(o, oh, n)
	case *RACI:
		or, _ := old.(*RACI)
		if n.State == "agreed" && (or == nil || or.State != "agreed") {
			return []Step{{Kind: KindRACI, ID: n.ID, From: stateOf(or), To: n.State, Verb: "agreed",
				Class: StepRACI, Rule: "raci.not-accountable", Principals: distinct(n.Accountable), Role: "the Accountable"}}
		}
	case *Person:
		// Who a person is to Accord — the e-mails their commits are
		// known by, who may act for them, the keys they sign with — is
		// theirs to change once their record exists: anyone else could
		// otherwise make themselves that person.
		op, _ := old.(*Person)
		if op != nil && (!slices.Equal(op.Emails, n.Emails) || !slices.Equal(op.Delegates, n.Delegates) || !slices.Equal(op.SigningKeys, n.SigningKeys)) {
			return []Step{{Kind: KindPerson, ID: n.ID, Verb: "changed", Class: StepIdentity, Rule: "person.not-self",
				Principals: []string{n.ID}, Role: "the person", Own: true}}
		}
	case *Answer:
		if old == nil {
			return []Step{answerStep(o, n)}
		}
	case *Pulse:
		if old == nil {
			st := Step{Kind: KindPulse, ID: n.ID, To: n.Team, Verb: "rated", Class: StepPulses, Rule: "pulse.not-member",
				Role: "a member of " + n.Team}
			if o != nil {
				st.Principals = o.TeamMembers(n.Team)
			}
			return []Step{st}
		}
	case *Update:
		if old == nil {
			return []Step{{Kind: KindUpdate, ID: n.ID, From: n.Author, To: n.Author, Verb: "posted",
				Class: StepCheckIns, Rule: "checkin.author-mismatch", Principals: distinct([]string{n.Author}), Role: "its author"}}
		}
	}
	return nil
}

func stateOf(r *RACI) string {
	if r == nil {
		return ""
	}
	return r.State
}

func decisionSteps(o *Org, old, d *Decision) []Step {
	from := ""
	if old != nil {
		from = old.Status
	}
	if from == d.Status {
		return nil
	}
	st := Step{Kind: KindDecision, ID: d.ID, From: from, To: d.Status}
	switch d.Status {
	case DecisionProposed:
		st.Verb, st.Class, st.Rule = "proposed", StepProposals, "proposal.not-driver"
		st.Principals, st.Role = distinct(append([]string{d.Driver}, d.DecisionMakers...)), "its driver or a decision maker"
	case DecisionAccepted, DecisionRejected:
		st.Verb, st.Class, st.Rule = d.Status, StepApprovals, "approval.not-approver"
		st.Principals, st.Role = distinct([]string{d.Approver}), "the approver"
	case DecisionSuperseded:
		// Superseded when its successor is accepted: in the commit that
		// accepts it, that acceptance is the step that counts (Store.Verify
		// lets it through); on its own it is for the approver of either.
		approvers := []string{d.Approver}
		if o != nil && o.Decisions[d.SupersededBy] != nil {
			approvers = append(approvers, o.Decisions[d.SupersededBy].Approver)
		}
		st.Verb, st.Class, st.Rule = "superseded", StepApprovals, "approval.not-approver"
		st.Principals, st.Role = distinct(approvers), "the approver of either decision"
	default:
		return nil
	}
	return []Step{st}
}

func handoffSteps(o *Org, old, h *Handoff) []Step {
	if old != nil && old.State == h.State {
		return nil
	}
	if old == nil {
		st := Step{Kind: KindHandoff, ID: h.ID, To: h.State, Verb: "proposed", Class: StepHandoffs, Rule: "handoff.not-sender"}
		if h.State != "proposed" {
			st.Forbidden, st.Rule = true, "handoff.transition"
			st.Reason = fmt.Sprintf("a hand-off starts as proposed, not %s", h.State)
			return []Step{st}
		}
		st.Principals, st.Role = sidePrincipals(o, h.From), "the sending owner"
		return []Step{st}
	}
	st := Step{Kind: KindHandoff, ID: h.ID, From: old.State, To: h.State, Class: StepHandoffs}
	m, err := handoffLifecycle(old.State, h.State)
	if err != nil {
		st.Verb, st.Forbidden, st.Rule, st.Reason = "moved", true, "handoff.transition", err.Error()
		return []Step{st}
	}
	st.Verb = m.past
	if m.receiving {
		st.Rule, st.Principals, st.Role = "handoff.not-receiver", sidePrincipals(o, h.To), "the receiving owner"
	} else {
		st.Rule, st.Principals, st.Role = "handoff.not-sender", sidePrincipals(o, h.From), "the sending owner"
	}
	return []Step{st}
}

// sidePrincipals is who acts for a side of a hand-off: its owner, else its
// team's lead.
func sidePrincipals(o *Org, p Party) []string {
	if p.Owner != "" {
		return []string{p.Owner}
	}
	if o != nil {
		if t := o.Teams[p.Team]; t != nil && t.Lead != "" {
			return []string{t.Lead}
		}
	}
	return nil
}

// ActsFor reports whether who may act for principal: they are the same
// person, or principal's person record lists who among its delegates.
func (o *Org) ActsFor(who, principal string) bool {
	if who == "" {
		return false
	}
	if who == principal {
		return true
	}
	p := o.People[principal]
	return p != nil && slices.Contains(p.Delegates, who)
}

// StepError is a step taken, or asked for, by someone who may not take it.
type StepError struct {
	Step Step
	// Who is the person who took it; "" when the identity matches nobody.
	Who string
	// Identity is the git identity (e-mail) that took it, for messages
	// about an unknown identity.
	Identity string
	// Org, when set, names the principals' delegates in the message.
	Org *Org
}

func (e *StepError) Error() string {
	st := e.Step
	if st.Forbidden {
		return fmt.Sprintf("%s: %s", st.ID, st.Reason)
	}
	who := e.Who
	if who == "" {
		who = "an unknown identity"
		if e.Identity != "" {
			who += " (" + e.Identity + ")"
		}
	}
	return fmt.Sprintf("%s may not %s: only %s can", who, st.Describe(), e.Step.Allowed(e.Org))
}

// Allowed names who may take the step, and their delegates when o is
// given: "the approver (mei, or a delegate: raj)".
func (s Step) Allowed(o *Org) string {
	who := joinOr(s.Principals)
	if o != nil && !s.Own {
		var ds []string
		for _, p := range s.Principals {
			if per := o.People[p]; per != nil {
				for _, d := range per.Delegates {
					if !slices.Contains(ds, d) && !slices.Contains(s.Principals, d) {
						ds = append(ds, d)
					}
				}
			}
		}
		if len(ds) > 0 {
			who += ", or a delegate: " + strings.Join(ds, ", ")
		}
	}
	return s.Role + " (" + who + ")"
}

// CheckStep returns nil when who (a person's handle, "" for an identity
// that matches nobody) may take the step, and otherwise a *StepError. A
// step whose record names nobody it belongs to may be taken by anyone.
func (o *Org) CheckStep(st Step, who string) error {
	if st.Forbidden {
		return &StepError{Step: st, Who: who, Org: o}
	}
	if len(st.Principals) == 0 {
		return nil
	}
	for _, p := range st.Principals {
		if who == p || !st.Own && o.ActsFor(who, p) {
			return nil
		}
	}
	return &StepError{Step: st, Who: who, Org: o}
}

// OnBehalfOf returns the principal a step was taken for when who took it
// for someone else (as their delegate), else "".
func (o *Org) OnBehalfOf(st Step, who string) string {
	if len(st.Principals) == 0 || slices.Contains(st.Principals, who) {
		return ""
	}
	for _, p := range st.Principals {
		if o.ActsFor(who, p) {
			return p
		}
	}
	return st.Principals[0]
}

// CheckEditSteps returns the errors for every step between old and new
// that who may not take, in o (the organisation before the edit). A
// check-in posted for someone else must name who typed it in posted_by.
func CheckEditSteps(o *Org, old, new Record, who, identity string) []error {
	var errs []error
	for _, st := range StepsBetween(o, old, new) {
		if err := o.CheckStep(st, who); err != nil {
			if se, ok := err.(*StepError); ok {
				se.Identity = identity
			}
			errs = append(errs, err)
			continue
		}
		if u, ok := new.(*Update); ok && who != u.Author && u.PostedBy != who {
			errs = append(errs, fmt.Errorf("%s: a check-in posted for %s by %s must say posted_by: %s", u.ID, u.Author, who, who))
		}
	}
	return errs
}

// An Attribution is a step as history records it: the commit that took it,
// who that commit's author is, and for whom they acted.
type Attribution struct {
	Step   Step
	Commit CommitInfo
	// By is the person whose e-mail the commit's author has; "" when it
	// matches nobody (Commit.Email then says who it was).
	By string
	// For is the principal By acted for when By is not one of them (a
	// delegate, or someone who had no right to): "" when By took the step
	// as themselves or the step belongs to nobody.
	For string
	// Signer is the person whose listed key signed the commit, "" when it
	// is unsigned or no listed key verifies it; Signature says which.
	Signer    string
	Signature SignatureState
}

// Attributions are the steps history records (Store.Verify), oldest first.
type Attributions []Attribution

// Latest is the last step that moved record id to state to, or nil.
func (as Attributions) Latest(id, to string) *Attribution {
	for i := len(as) - 1; i >= 0; i-- {
		if as[i].Step.ID == id && as[i].Step.To == to {
			return &as[i]
		}
	}
	return nil
}

// ByLineFor says who moved id to state to, as outputs print it ("accepted
// by Mei Lin", "accepted by Raj Patel on behalf of Amara Okafor"), or ""
// when history says nothing of it: then an output names the record's
// approver as a role, never as someone who did something.
func (as Attributions) ByLineFor(o *Org, id, to string) string {
	if a := as.Latest(id, to); a != nil {
		return a.ByLine(o)
	}
	return ""
}

// SignatureState is what a commit's signature shows.
type SignatureState string

// Signature states.
const (
	SignatureNone    SignatureState = "unsigned"
	SignatureGood    SignatureState = "good"    // verified by a key listed on Signer
	SignatureUnknown SignatureState = "unknown" // well formed, but no listed key verifies it
	SignatureBad     SignatureState = "bad"     // malformed, or not over this commit
	SignatureNotRead SignatureState = ""        // not checked
)

// ByLine says who took the step, as outputs print it: "accepted by Raj
// Patel on behalf of Amara Okafor", "accepted by an unknown identity
// (x@y)", "accepted by Mei Chen".
func (a Attribution) ByLine(o *Org) string {
	name := func(handle string) string {
		if p := o.People[handle]; p != nil && p.Name != "" {
			return p.Name
		}
		return handle
	}
	var b strings.Builder
	b.WriteString(a.Step.Verb + " by ")
	if a.By == "" {
		b.WriteString("an unknown identity (" + CleanText(a.Commit.Email, false) + ")")
		return b.String()
	}
	b.WriteString(name(a.By))
	if a.For != "" {
		b.WriteString(" on behalf of " + name(a.For))
	}
	return b.String()
}

// Reviewers are the people who must approve a change to a record's file
// when a code host's review is the sign-off (CODEOWNERS): a goal's owner, a
// decision's approver (its driver while it has none), a RACI item's
// Accountable, both owners of a hand-off (or their teams' leads), the
// person a person record describes, a team's lead. Check-ins are
// append-only and new, so nobody is listed for them.
func Reviewers(o *Org, r Record) []string {
	switch r := r.(type) {
	case *Goal:
		return distinct([]string{r.Owner})
	case *Decision:
		if r.Approver != "" {
			return []string{r.Approver}
		}
		return distinct([]string{r.Driver})
	case *RACI:
		return distinct(r.Accountable)
	case *Handoff:
		return distinct(append(sidePrincipals(o, r.From), sidePrincipals(o, r.To)...))
	case *Person:
		return []string{r.ID}
	case *Team:
		return distinct([]string{r.Lead})
	}
	return nil
}

// StepsOf attributes the steps a history entry's commit took to the person
// its author's e-mail names in o, acting for whom (OnBehalfOf). A merge
// takes none of its own here: the steps it brings were taken in the
// commits it merges (Store.Verify judges them there).
func (o *Org) StepsOf(e HistoryEntry) Attributions {
	if e.Commit.IsMerge() {
		return nil
	}
	by, _ := o.PersonByEmail(e.Commit.Email)
	var out Attributions
	for _, st := range StepsBetween(o, e.Old, e.New) {
		out = append(out, Attribution{Step: st, Commit: e.Commit, By: by, For: o.OnBehalfOf(st, by)})
	}
	return out
}

// answerStep is an answer posted: the addressee's step, a person or a
// member of the team asked.
func answerStep(o *Org, a *Answer) Step {
	st := Step{Kind: KindAnswer, ID: a.ID, To: a.Response, Verb: "answered", Class: StepAnswers, Rule: "answer.not-addressee",
		Role: "the addressee"}
	if o == nil {
		return st
	}
	ref, err := ParseAskRef(a.Ask, false)
	if err != nil {
		return st
	}
	ask, _, ok := o.FindAsk(ref)
	if !ok {
		return st
	}
	st.Principals = o.AskAnswerers(ask)
	if o.Teams[ask.Addressee()] != nil {
		st.Role = "a member of " + ask.Addressee()
	}
	return st
}
