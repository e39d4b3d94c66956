package demo

import (
	"time"

	"github.com/accordhq/accord/model"
)

// NorthwindStakeholders is Raj's private stakeholder map, as accord demo
// writes it to the clone's private area: the people he must bring along
// to get Onboarding's work done, one touchpoint overdue and one key player
// a proposed decision in his area does not consult.
func NorthwindStakeholders(today time.Time) model.StakeholderMap {
	day := func(n int) string { return today.AddDate(0, 0, n).Format(time.DateOnly) }
	return model.StakeholderMap{Stakeholders: []model.Stakeholder{
		{Who: "amara", Power: 5, Interest: 3, Stance: "neutral", Owner: "jonas", LastTouch: day(-30), NextTouch: day(14),
			Notes: "Cares about the week-one promise in board terms; bring numbers, not features."},
		{Who: "daniel", Power: 4, Interest: 5, Stance: "sceptic", Owner: "raj", LastTouch: day(-12), NextTouch: day(2),
			Teams: []string{"sales", "onboarding"},
			Notes: "Wants a paid onboarding package; worries the wizard delays mid-market deals."},
		{Who: "emma", Power: 2, Interest: 4, Stance: "supporter", Owner: "raj", LastTouch: day(-1), NextTouch: day(6),
			Notes: "Closest to the mid-market customers; good early feedback."},
		{Who: "felix", Power: 4, Interest: 2, Stance: "neutral", Owner: "mei", LastTouch: day(-45), NextTouch: day(20),
			Notes: "Will ask what paid onboarding does to margins."},
		{Who: "jonas", Power: 5, Interest: 4, Stance: "supporter", Owner: "raj", LastTouch: day(-17), NextTouch: day(-3),
			Notes: "Weekly one-to-one slipped twice; raise the Platform dependency."},
		{Who: "lucia", Power: 3, Interest: 5, Stance: "supporter", Owner: "raj", LastTouch: day(-8), NextTouch: day(5),
			Notes: "Support sees every failed import first; share the error taxonomy."},
		{Who: "mei", Power: 5, Interest: 5, Stance: "supporter", Owner: "raj", LastTouch: day(-6), NextTouch: day(1),
			Notes: "Aligned on the CSV work; needs the activation numbers before the quarterly review."},
		{Who: "tomas", Power: 3, Interest: 4, Stance: "neutral", Owner: "raj", LastTouch: day(-20), NextTouch: day(4),
			Teams: []string{"platform", "onboarding"},
			Notes: "The streaming parser is his team's; agree the hand-off's acceptance criteria in person."},
	}}
}
