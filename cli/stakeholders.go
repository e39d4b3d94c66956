package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// The private stakeholder map (docs/stakeholders.md). Nothing here ever
// commits: the map lives in the clone's .git/accord/private.

func (a *app) stakeholdersCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stakeholders",
		Short: "Your private stakeholder map: power, interest, stance, touchpoints",
		Long: `Keep private notes on the people and teams who matter for your work: power
and interest (1 to 5), stance (supporter, neutral, sceptic) overall and on
particular decisions, who keeps the relationship, the last and next
touchpoint. The map lives in this clone only (.git/accord/private, or the
folder git config accord.private names): it is never committed, pushed,
exported, reported, published or sent.

It may be encrypted with age (accord stakeholders encrypt). An encrypted map
is opened with ACCORD_PASSPHRASE, or the age identity file ACCORD_AGE_IDENTITY
or git config accord.ageIdentity names, or a passphrase typed at the prompt.

Without a subcommand, list the map with each entry's quadrant and any
touchpoint that is overdue.`,
		Example: `  accord stakeholders set mei power=5 interest=4 stance=supporter next_touch=2026-12-10
  accord stakeholders grid
  accord stakeholders check
  accord stakeholders encrypt`,
		Args: cobra.NoArgs,
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, org *model.Org, m *model.StakeholderMap) error {
			if asJSON {
				return printJSON(a.env.Stdout, m)
			}
			return a.printStakeholders(org, m)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the map as JSON")
	cmd.AddCommand(a.stakeholderSetCmd(), a.stakeholderRemoveCmd(), a.stakeholderGridCmd(), a.stakeholderCheckCmd(), a.stakeholderEncryptCmd())
	return cmd
}

// secret is what opens an encrypted map: the environment, git config, or
// a prompt on a terminal.
func (a *app) secret(s *gitstore.Store, prompt bool) (gitstore.Secret, error) {
	if p := os.Getenv("ACCORD_PASSPHRASE"); p != "" {
		return gitstore.Secret{Passphrase: p}, nil
	}
	if f := os.Getenv("ACCORD_AGE_IDENTITY"); f != "" {
		return gitstore.Secret{IdentityFile: f}, nil
	}
	if f := s.ConfigValue("accord", "ageIdentity"); f != "" {
		return gitstore.Secret{IdentityFile: f}, nil
	}
	if prompt && a.env.ReadSecret != nil {
		p, err := a.env.ReadSecret("Passphrase for the stakeholder map: ")
		return gitstore.Secret{Passphrase: p}, err
	}
	return gitstore.Secret{}, nil
}

// withStakeholders runs a command with the store, the organisation and the
// stakeholder map open, and closes the store after.
func (a *app) withStakeholders(run func(cmd *cobra.Command, args []string, s *gitstore.Store, org *model.Org,
	m *model.StakeholderMap) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		s, org, m, err := a.loadStakeholders()
		if err != nil {
			return err
		}
		defer s.Close()
		return run(cmd, args, s, org, m)
	}
}

func (a *app) loadStakeholders() (*gitstore.Store, *model.Org, *model.StakeholderMap, error) {
	s, org, err := a.load()
	if err != nil {
		return nil, nil, nil, err
	}
	encrypted, err := s.StakeholdersEncrypted()
	var k gitstore.Secret
	if err == nil {
		k, err = a.secret(s, encrypted)
	}
	var m *model.StakeholderMap
	if err == nil {
		m, err = s.LoadStakeholders(k)
	}
	if errors.Is(err, gitstore.ErrPrivateLocked) {
		err = &ExitError{Code: ExitUsage, Err: fmt.Errorf("%w (set ACCORD_PASSPHRASE, or ACCORD_AGE_IDENTITY to an age identity file)", err)}
	}
	if err != nil {
		s.Close()
		return nil, nil, nil, err
	}
	return s, org, m, nil
}

func (a *app) saveStakeholders(s *gitstore.Store, m *model.StakeholderMap) error {
	encrypted, err := s.StakeholdersEncrypted()
	if err != nil {
		return err
	}
	var k gitstore.Secret
	if encrypted {
		if k, err = a.secret(s, true); err != nil {
			return err
		}
	}
	return s.SaveStakeholders(m, k)
}

func (a *app) stakeholderSetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "set WHO FIELD=VALUE...",
		Short: "Add or change a stakeholder",
		Long: `Add or change the entry for WHO (a person's or team's handle). Fields: power
and interest (1 to 5), stance (supporter, neutral or sceptic), owner (who
keeps the relationship), last_touch and next_touch (YYYY-MM-DD), notes,
teams (the areas they care about: [product, sales]), and DEC-ID=STANCE for
their stance on a decision. FIELD= clears a field.`,
		Example: `  accord stakeholders set mei power=5 interest=4 stance=supporter
  accord stakeholders set sales power=4 interest=2 DEC-XCHX=sceptic next_touch=2026-12-10`,
		Args: cobra.MinimumNArgs(2),
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, org *model.Org, m *model.StakeholderMap) error {
			who := args[0]
			if org.People[who] == nil && org.Teams[who] == nil {
				return usageError("%s: no person or team has that handle%s", who, model.DidYouMean(who, append(org.IDs(model.KindPerson), org.IDs(model.KindTeam)...)))
			}
			entry := model.Stakeholder{Who: who, Power: 3, Interest: 3}
			if old := m.Find(who); old != nil {
				entry = *old
			}
			for _, arg := range args[1:] {
				if err := setStakeholderField(org, &entry, arg); err != nil {
					return usageError("%s: %v", arg, err)
				}
			}
			next := *m
			next.Stakeholders = append([]model.Stakeholder(nil), m.Stakeholders...)
			next.Put(entry)
			if problems := next.Check(org); len(problems) > 0 {
				return usageError("not saved:\n  %s", strings.Join(problems, "\n  "))
			}
			if err := a.saveStakeholders(s, &next); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stderr, "%s: %s (power %d, interest %d)\n", who, entry.Quadrant(), entry.Power, entry.Interest)
			return nil
		}),
	}
}

func setStakeholderField(org *model.Org, e *model.Stakeholder, arg string) error {
	field, value, ok := strings.Cut(arg, "=")
	if !ok {
		return errors.New("want FIELD=VALUE")
	}
	field, value = strings.TrimSpace(field), strings.TrimSpace(value)
	if r, err := org.Resolve(field); err == nil && r.RecordKind() == model.KindDecision {
		if e.Decisions == nil {
			e.Decisions = map[string]string{}
		}
		if value == "" {
			delete(e.Decisions, r.RecordID())
		} else {
			e.Decisions[r.RecordID()] = value
		}
		return nil
	}
	score := func(dst *int) error {
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > 5 {
			return errors.New("want a whole number from 1 to 5")
		}
		*dst = n
		return nil
	}
	switch field {
	case "power":
		return score(&e.Power)
	case "interest":
		return score(&e.Interest)
	case "stance":
		e.Stance = value
	case "owner":
		e.Owner = value
	case "last_touch":
		e.LastTouch = value
	case "next_touch":
		e.NextTouch = value
	case "notes":
		e.Notes = value
	case "teams":
		e.Teams = nil
		for _, t := range strings.Split(strings.Trim(value, "[]"), ",") {
			if t = strings.TrimSpace(t); t != "" {
				e.Teams = append(e.Teams, t)
			}
		}
	default:
		fields := []string{"power", "interest", "stance", "owner", "last_touch", "next_touch", "notes", "teams"}
		return fmt.Errorf("unknown field %q%s; or a decision's ID", field, model.DidYouMean(field, fields))
	}
	return nil
}

func (a *app) stakeholderRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove WHO",
		Short: "Take a stakeholder off the map",
		Args:  cobra.ExactArgs(1),
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, _ *model.Org, m *model.StakeholderMap) error {
			if !m.Remove(args[0]) {
				return usageError("%s is not on the map", args[0])
			}
			return a.saveStakeholders(s, m)
		}),
	}
}

func (a *app) printStakeholders(org *model.Org, m *model.StakeholderMap) error {
	if len(m.Stakeholders) == 0 {
		fmt.Fprintln(a.env.Stdout, "the map is empty; add someone with accord stakeholders set WHO power=N interest=N")
		return nil
	}
	overdue := map[string]bool{}
	for _, st := range m.OverdueTouchpoints(a.env.Now()) {
		overdue[st.Who] = true
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "WHO\tNAME\tPOWER\tINTEREST\tQUADRANT\tSTANCE\tOWNER\tLAST\tNEXT")
	for _, st := range m.Stakeholders {
		name := st.Who
		if r, ok := org.Get(st.Who); ok {
			name = r.RecordTitle()
		}
		next := st.NextTouch
		if overdue[st.Who] {
			next += " (overdue)"
		}
		fmt.Fprintln(tw, row(st.Who, name, strconv.Itoa(st.Power), strconv.Itoa(st.Interest),
			st.Quadrant(), orDash(st.Stance), orDash(st.Owner), orDash(st.LastTouch), orDash(next)))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (a *app) stakeholderGridCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "grid",
		Short: "The map as a power × interest grid",
		Args:  cobra.NoArgs,
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, _ *model.Org, m *model.StakeholderMap) error {
			quads := map[string][]string{}
			for _, st := range m.Stakeholders {
				label := st.Who
				if st.Stance != "" {
					label += " (" + st.Stance + ")"
				}
				quads[st.Quadrant()] = append(quads[st.Quadrant()], label)
			}
			w := a.env.Stdout
			row := func(left, right string) {
				l, r := quads[left], quads[right]
				fmt.Fprintf(w, "%-38s│ %s\n", left, right)
				for i := 0; i < max(len(l), len(r)); i++ {
					fmt.Fprintf(w, "  %-36s│   %s\n", model.CleanText(nth(l, i), false), model.CleanText(nth(r, i), false))
				}
			}
			fmt.Fprintln(w, "power ↑")
			row(model.KeepSatisfied, model.ManageClosely)
			fmt.Fprintln(w, strings.Repeat("─", 38)+"┼"+strings.Repeat("─", 38))
			row(model.Monitor, model.KeepInformed)
			fmt.Fprintln(w, strings.Repeat(" ", 60)+"interest →")
			return nil
		}),
	}
}

func nth(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func (a *app) stakeholderCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Touchpoints overdue, and proposed decisions that skip someone who matters",
		Long: `List the touchpoints whose date has passed, and proposed decisions in the area
of a stakeholder you manage closely (power and interest 4 or 5) that do not
consult them or their team. Exit status 1 when there is anything to act on.`,
		Args: cobra.NoArgs,
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, org *model.Org, m *model.StakeholderMap) error {
			n := 0
			for _, st := range m.OverdueTouchpoints(a.env.Now()) {
				fmt.Fprintln(a.env.Stdout, model.CleanText(fmt.Sprintf("touchpoint with %s was due %s", st.Who, st.NextTouch), false))
				n++
			}
			for _, w := range m.Warnings(org) {
				fmt.Fprintln(a.env.Stdout, model.CleanText(w.Message, false))
				n++
			}
			if n > 0 {
				return &ExitError{Code: ExitFailure}
			}
			fmt.Fprintln(a.env.Stderr, "nothing to act on")
			return nil
		}),
	}
}

func (a *app) stakeholderEncryptCmd() *cobra.Command {
	var identity string
	cmd := &cobra.Command{
		Use:   "encrypt [--identity FILE]",
		Short: "Encrypt the stakeholder map with a passphrase or an age identity",
		Long: `Encrypt the stakeholder map at rest with age: with a passphrase (ACCORD_PASSPHRASE,
or typed twice at the prompt), or to the public key of an age identity file
(--identity, made with age-keygen). From then on it is opened the same way.`,
		Args: cobra.NoArgs,
		RunE: a.withStakeholders(func(cmd *cobra.Command, args []string, s *gitstore.Store, _ *model.Org, m *model.StakeholderMap) error {
			if encrypted, _ := s.StakeholdersEncrypted(); encrypted {
				return usageError("the stakeholder map is already encrypted")
			}
			k := gitstore.Secret{IdentityFile: identity}
			if identity == "" {
				var err error
				if k, err = a.secret(s, false); err != nil {
					return err
				}
			}
			if k.Passphrase == "" && k.IdentityFile == "" {
				if a.env.ReadSecret == nil {
					return usageError("give a passphrase in ACCORD_PASSPHRASE, or --identity FILE")
				}
				p1, err := a.env.ReadSecret("New passphrase: ")
				if err != nil {
					return err
				}
				p2, err := a.env.ReadSecret("Again: ")
				if err != nil {
					return err
				}
				if p1 != p2 || p1 == "" {
					return usageError("the passphrases differ, or are empty; nothing was encrypted")
				}
				k.Passphrase = p1
			}
			if err := s.SaveStakeholders(m, k); err != nil {
				return err
			}
			fmt.Fprintln(a.env.Stderr, "the stakeholder map is encrypted")
			return nil
		}),
	}
	cmd.Flags().StringVar(&identity, "identity", "", "an age identity file: encrypt to its public key")
	return cmd
}
