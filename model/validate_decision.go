package model

// The rules of decisions: references, options and the choice,
// supersession, the lifecycle.

import (
	"fmt"
	"slices"
	"time"
)

// decision applies every rule of a decision.
func (v *validator) decision(d *Decision) {
	v.checkID(d)
	v.required(d, "title", d.Title)
	statusOK := v.enum(d, "status", d.Status, DecisionStatuses, true)
	v.date(d, "date", d.Date)
	reviewBy, reviewOK := v.date(d, "review_by", d.ReviewBy)
	v.ref(d, "driver", "driver", d.Driver, KindPerson)
	v.ref(d, "approver", "approver", d.Approver, KindPerson)
	v.refs(d, "decision_makers", d.DecisionMakers, KindPerson)
	v.refs(d, "consulted", d.Consulted, KindPerson, KindTeam)
	v.refs(d, "informed", d.Informed, KindPerson, KindTeam)
	v.refs(d, "goals", d.Goals, KindGoal)
	v.unique(d, "tags", d.Tags)
	if tags := v.o.Config.Enums.Tags; len(tags) > 0 {
		for _, t := range d.Tags {
			if !slices.Contains(tags, t) {
				v.add(d, "schema.tag", SeverityWarning, "tags", "tag %s is not one of the tags in accord.yaml (%s)", quoteValue(t), capList(tags))
			}
		}
	}

	v.decisionOptions(d)
	v.supersession(d, statusOK)
	v.decisionLifecycle(d, statusOK, reviewBy, reviewOK)
}

// decisionOptions checks the options considered and the one chosen.
func (v *validator) decisionOptions(d *Decision) {
	var optionIDs []string
	for i, opt := range d.Options {
		if opt.ID == "" {
			v.requiredIn(d, "options", fmt.Sprintf("id in option %d", i+1), "option", opt.ID)
		} else {
			if occurrences(optionIDs, opt.ID) == 1 { // report each duplicate once
				v.add(d, "decision.option-duplicate", SeverityError, "options",
					"option id %s is used by more than one option; option ids must be unique within a decision", opt.ID)
			}
			optionIDs = append(optionIDs, opt.ID)
		}
		if opt.Title == "" {
			v.requiredIn(d, "options", fmt.Sprintf("title in option %d", i+1), "option", opt.Title)
		}
	}
	chosen := ""
	if d.Outcome != nil {
		chosen = d.Outcome.Chosen
	}
	if chosen != "" && !slices.Contains(optionIDs, chosen) {
		if len(optionIDs) == 0 {
			v.add(d, "decision.chosen-unknown", SeverityError, "outcome", "outcome.chosen is %s, but the decision lists no options to choose from", chosen)
		} else {
			v.add(d, "decision.chosen-unknown", SeverityError, "outcome", "outcome.chosen %s is not the id of any option (%s)", chosen, capList(distinct(optionIDs)))
		}
	}
	if d.Status == DecisionAccepted {
		if d.Approver == "" {
			v.add(d, "decision.approver-missing", SeverityError, "status", "the decision is accepted but names no approver; an accepted decision needs one")
		}
		if chosen == "" {
			v.add(d, "decision.chosen-missing", SeverityError, "status", "the decision is accepted but outcome.chosen is empty; say which option was chosen")
		}
	}

}

// supersession checks that supersedes and superseded_by name each other,
// and that a decision is superseded only by an accepted one.
func (v *validator) supersession(d *Decision, statusOK bool) {
	supersedesOK := v.ref(d, "supersedes", "supersedes", d.Supersedes, KindDecision)
	supersededByOK := v.ref(d, "superseded_by", "superseded_by", d.SupersededBy, KindDecision)
	if d.Status == DecisionSuperseded && d.SupersededBy == "" {
		v.add(d, "decision.superseded-by-missing", SeverityError, "status", "the decision is superseded but superseded_by is empty; name the decision that replaced it")
	}
	if d.SupersededBy != "" && statusOK && d.Status != DecisionSuperseded {
		v.add(d, "decision.superseded-status", SeverityWarning, "status", "superseded_by names %s, but the status is %s, not superseded", d.SupersededBy, d.Status)
	}
	if supersededByOK && d.SupersededBy != d.ID {
		if other := v.o.Decisions[d.SupersededBy]; other.Supersedes != d.ID {
			v.add(d, "decision.supersede-link", SeverityError, "superseded_by", "superseded_by names %s, but %s's supersedes is %s, not %s; both sides must name each other",
				d.SupersededBy, d.SupersededBy, orEmpty(other.Supersedes), d.ID)
		}
	}
	// A draft or proposed successor is pending: the decision it names stays
	// as it is until the successor is accepted.
	pending := d.Status == DecisionDraft || d.Status == DecisionProposed || d.Status == DecisionRejected
	if supersedesOK && d.Supersedes != d.ID && !pending {
		if other := v.o.Decisions[d.Supersedes]; other.SupersededBy != d.ID {
			v.add(d, "decision.supersede-link", SeverityError, "supersedes", "the decision is %s and supersedes %s, but %s's superseded_by is %s, not %s; both sides must name each other",
				d.Status, d.Supersedes, d.Supersedes, orEmpty(other.SupersededBy), d.ID)
		}
	}
	if supersededByOK && d.SupersededBy != d.ID {
		if other := v.o.Decisions[d.SupersededBy]; other.Supersedes == d.ID && (other.Status == DecisionDraft || other.Status == DecisionProposed || other.Status == DecisionRejected) {
			v.add(d, "decision.superseded-early", SeverityError, "superseded_by", "superseded by %s, which is only %s; a decision is superseded once its successor is accepted",
				d.SupersededBy, other.Status)
		}
	}
	if d.Supersedes != "" && d.Status == DecisionRejected {
		v.add(d, "decision.supersedes-inactive", SeverityWarning, "supersedes", "the decision supersedes %s but was itself rejected; it replaces nothing",
			d.Supersedes)
	}

}

// decisionLifecycle checks the status against the base revision, a review
// date that has passed, and the people a decision still waits for.
func (v *validator) decisionLifecycle(d *Decision, statusOK bool, reviewBy time.Time, reviewOK bool) {
	if base, ok := v.opts.Base[d.ID].(*Decision); ok && base != nil && statusOK && base.Status != d.Status {
		if err := ValidateDecisionTransition(base.Status, d.Status); err != nil {
			v.add(d, "decision.transition", SeverityError, "status", "the status changed from %s to %s since the base revision, but %v", base.Status, d.Status, err)
		}
	}
	if reviewOK && v.hasToday && d.Status == DecisionAccepted && reviewBy.Before(v.today) {
		v.add(d, "decision.review-due", SeverityInfo, "review_by", "review_by %s has passed; review the decision and confirm, deprecate or supersede it", d.ReviewBy)
	}
	if d.Status == DecisionDraft || d.Status == DecisionProposed {
		v.inactiveOwner(d, "driver", "driver", d.Driver, d.Status+" decision")
		v.inactiveOwner(d, "approver", "approver", d.Approver, d.Status+" decision")
	}
}
