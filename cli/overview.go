package cli

import (
	"fmt"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// runOverview is what plain "accord" does in a data repository: open the
// TUI when there is a terminal and one, else print an overview.
func (a *app) runOverview(cmd *cobra.Command, args []string) error {
	s, err := a.open()
	if err != nil {
		return err
	}
	defer s.Close()
	if a.env.IsTerminal && a.env.RunTUI != nil {
		return a.env.RunTUI(s)
	}
	return a.overview(s)
}

// overview prints the organisation at a glance.
func (a *app) overview(s *gitstore.Store) error {
	org, err := s.Load()
	if err != nil {
		return err
	}
	w := a.env.Stdout
	name := org.Config.Org
	if name == "" {
		name = "(no organisation name in accord.yaml)"
	}
	fmt.Fprintf(w, "%s · %s\n\n", cell(name, 0), s.Dir())

	levels := map[string]int{}
	health := map[string]int{}
	for _, g := range org.Goals {
		levels[g.Level]++
		if g.State == "active" && (g.Level == model.LevelKeyResult || g.Level == model.LevelKPI) {
			health[org.Health(g.ID)]++
		}
	}
	fmt.Fprintf(w, "  %-11s %d (%d strategic, %d objectives, %d key results, %d KPIs)\n", "goals", len(org.Goals),
		levels[model.LevelStrategic], levels[model.LevelObjective], levels[model.LevelKeyResult], levels[model.LevelKPI])
	fmt.Fprintf(w, "  %-11s %d on track, %d at risk, %d off track, %d never checked in\n", "key results",
		health[model.HealthOnTrack], health[model.HealthAtRisk], health[model.HealthOffTrack], health[""])
	latest := ""
	for _, u := range org.Updates {
		latest = max(latest, u.Date)
	}
	fmt.Fprintf(w, "  %-11s %d, latest %s\n", "check-ins", len(org.Updates), cell(latest, 0))
	status := map[string]int{}
	for _, d := range org.Decisions {
		status[d.Status]++
	}
	fmt.Fprintf(w, "  %-11s %d (%d proposed, %d accepted, %d superseded)\n", "decisions", len(org.Decisions),
		status[model.DecisionProposed], status[model.DecisionAccepted], status[model.DecisionSuperseded])
	fmt.Fprintf(w, "  %-11s %d RACI records, %d hand-offs, %d people, %d teams\n", "ownership",
		len(org.RACIs), len(org.Handoffs), len(org.People), len(org.Teams))
	findings := model.Validate(org, model.ValidateOptions{Today: a.env.Now()})
	errs, warns, _ := model.CountBySeverity(findings)
	fmt.Fprintf(w, "  %-11s %s, %s\n\n", "findings", plural(errs, "error"), plural(warns, "warning"))
	fmt.Fprintf(w, "In %s, try:\n", s.Dir())
	for _, l := range [][2]string{
		{"accord list goals --health at_risk", "key results in trouble"},
		{"accord show GOAL-", "any unique prefix of an ID"},
		{"accord list decisions --status proposed", "waiting for a decision"},
		{"accord validate", "every finding, with file and line"},
	} {
		fmt.Fprintf(w, "  %-42s %s\n", l[0], l[1])
	}
	return nil
}
