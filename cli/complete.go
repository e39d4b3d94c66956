package cli

import (
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// Shell completion (accord completion bash|zsh|fish|powershell): record IDs
// with their titles as descriptions, kinds, the fields of `set` and the
// values they take, and the values of every filter flag.

// completeOrg loads the organisation for a completion, or nil: completing
// must never print an error into the user's prompt.
func (a *app) completeOrg() *model.Org {
	s, org, err := a.load()
	if err != nil {
		return nil
	}
	s.Close()
	return org
}

// idCompletions lists the IDs of kinds (all kinds when none) that start
// with prefix, case ignored, each with its title.
func idCompletions(org *model.Org, prefix string, kinds ...model.Kind) []string {
	if org == nil {
		return nil
	}
	if len(kinds) == 0 {
		kinds = model.Kinds
	}
	var out []string
	for _, k := range kinds {
		for _, id := range org.IDs(k) {
			if strings.HasPrefix(strings.ToLower(id), strings.ToLower(prefix)) {
				r, _ := org.Get(id)
				out = append(out, id+"\t"+model.CleanText(r.RecordTitle(), false))
			}
		}
	}
	return out
}

// completeIDs completes the first argument with IDs of kinds, and nothing
// after it.
func (a *app) completeIDs(kinds ...model.Kind) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return idCompletions(a.completeOrg(), toComplete, kinds...), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeKinds completes a kind's plural name.
func completeKinds(exclude ...model.Kind) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		for _, k := range model.Kinds {
			if !slices.Contains(exclude, k) {
				out = append(out, k.Plural())
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeAssignments completes FIELD= with the record's fields, and the
// value after FIELD= with what the field takes (enum values, people,
// teams, goals, decisions), for `set ID FIELD=VALUE…` (idArg) and `new
// KIND FIELD=VALUE…`.
func (a *app) completeAssignments(idArg bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		org := a.completeOrg()
		if len(args) == 0 {
			if idArg {
				return idCompletions(org, toComplete), cobra.ShellCompDirectiveNoFileComp
			}
			return completeKinds(model.KindUpdate)(cmd, args, toComplete)
		}
		var rec model.Record
		if idArg {
			if org == nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			r, err := org.Resolve(args[0])
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			rec = r
		} else {
			k, err := model.ParseKind(args[0])
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			rec = model.NewRecord(k)
		}
		field, value, hasValue := strings.Cut(toComplete, "=")
		if !hasValue {
			var out []string
			for _, f := range model.FieldNames(rec) {
				if strings.HasPrefix(f, field) && f != "id" {
					out = append(out, f+"=")
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
		}
		field = strings.TrimRight(field, "+-")
		var out []string
		for _, v := range fieldValues(org, rec.RecordKind(), field) {
			if strings.HasPrefix(v, value) {
				out = append(out, strings.TrimSuffix(toComplete, value)+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// fieldValues are the values a field of a kind takes, where they are a
// known set.
func fieldValues(org *model.Org, k model.Kind, field string) []string {
	ids := func(kind model.Kind) []string {
		if org == nil {
			return nil
		}
		return org.IDs(kind)
	}
	people, teams := ids(model.KindPerson), ids(model.KindTeam)
	switch field {
	case "level":
		return model.GoalLevels
	case "state":
		return map[model.Kind][]string{model.KindGoal: model.GoalStates, model.KindRACI: model.RACIStates, model.KindHandoff: model.HandoffStates}[k]
	case "status":
		return model.DecisionStatuses
	case "outcome":
		return model.GoalOutcomes
	case "cadence":
		return model.Cadences
	case "metric.direction":
		return model.MetricDirections
	case "owner", "driver", "approver", "manager", "lead", "from.owner", "to.owner", "author", "posted_by":
		return people
	case "team", "from.team", "to.team", "parent":
		if field == "parent" && k == model.KindGoal {
			return ids(model.KindGoal)
		}
		return teams
	case "teams":
		return teams
	case "accountable", "decision_makers", "delegates":
		return people
	case "responsible", "consulted", "informed":
		return append(slices.Clone(people), teams...)
	case "supersedes", "superseded_by":
		return ids(model.KindDecision)
	case "goals", "target":
		return ids(model.KindGoal)
	case "period":
		return periods(org)
	}
	return nil
}

// periods are the periods accord.yaml lists and goals use.
func periods(org *model.Org) []string {
	if org == nil {
		return nil
	}
	out := slices.Clone(org.Config.Periods)
	for _, g := range org.Goals {
		if g.Period != "" && !slices.Contains(out, g.Period) {
			out = append(out, g.Period)
		}
	}
	slices.Sort(out)
	return out
}

// completeFilterFlags registers completions for list's and report's
// filter flags that exist on cmd.
func (a *app) completeFilterFlags(cmd *cobra.Command) {
	fixed := func(vals func() []string) cobra.CompletionFunc {
		return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return vals(), cobra.ShellCompDirectiveNoFileComp
		}
	}
	register := func(flag string, fn cobra.CompletionFunc) {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, fn)
		}
	}
	register("team", fixed(func() []string { return idCompletions(a.completeOrg(), "", model.KindTeam) }))
	register("owner", fixed(func() []string { return idCompletions(a.completeOrg(), "", model.KindPerson, model.KindTeam) }))
	register("period", fixed(func() []string { return periods(a.completeOrg()) }))
	register("health", fixed(func() []string { return append(slices.Clone(model.Healths), model.HealthStale) }))
	register("status", func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		k := model.KindGoal
		if len(args) > 0 {
			if pk, err := model.ParseKind(args[0]); err == nil {
				k = pk
			}
		}
		switch k {
		case model.KindDecision:
			return model.DecisionStatuses, cobra.ShellCompDirectiveNoFileComp
		case model.KindPerson:
			return []string{"active", "inactive"}, cobra.ShellCompDirectiveNoFileComp
		}
		return fieldValues(nil, k, "state"), cobra.ShellCompDirectiveNoFileComp
	})
}

// registerCompletions gives each command what it completes.
func (a *app) registerCompletions(root *cobra.Command) {
	for _, c := range root.Commands() {
		switch c.Name() {
		case "list", "export":
			c.ValidArgsFunction = completeKinds()
		case "new":
			c.ValidArgsFunction = a.completeAssignments(false)
		case "set":
			c.ValidArgsFunction = a.completeAssignments(true)
		case "show", "log", "blame":
			c.ValidArgsFunction = a.completeIDs()
		case "checkin":
			c.ValidArgsFunction = a.completeIDs(model.KindGoal)
		case "supersede":
			c.ValidArgsFunction = a.completeIDs(model.KindDecision)
			_ = c.RegisterFlagCompletionFunc("by", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
				return idCompletions(a.completeOrg(), "", model.KindDecision), cobra.ShellCompDirectiveNoFileComp
			})
		}
		a.completeFilterFlags(c)
	}
}
