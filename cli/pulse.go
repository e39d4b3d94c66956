package cli

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) pulseCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pulse",
		Short: "How teams rate working with each other: rate, trends, missing pulses",
		Long: `A pulse is one team rating working with another for a period, each of four
dimensions from 1 (poor) to 5 (excellent): clarity of asks, quality of
hand-offs, responsiveness, shared understanding of goals. Pulses are
append-only records under pulses/. Trends per pair of teams show whether
collaboration gets better or worse; a pair whose score fell by 0.5 or more
since the period before is called out as falling. accord.yaml's
pulse: {cadence: monthly|quarterly} makes a pulse due from every pair that
works together once each period ends.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.pulseRateCmd(), a.pulseTrendsCmd(), a.pulseMissingCmd())
	return cmd
}

func (a *app) pulseRateCmd() *cobra.Command {
	var period, comment, date string
	var clarity, handoffs, responsiveness, understanding int
	var actions []string
	cmd := &cobra.Command{
		Use:   "rate TEAM ABOUT-TEAM [--clarity N] [--handoffs N] [--responsiveness N] [--understanding N]",
		Short: "Rate, for your team, working with another team",
		Long: `Rate, for TEAM, working with ABOUT-TEAM over a period (default: the
current one of accord.yaml's pulse cadence, else the current quarter).
Give at least one score from 1 to 5. Each --action "WHAT; ACCOUNTABLE; DUE"
becomes a RACI item (subject: the pulse) with that person Accountable and
Responsible, ABOUT-TEAM informed, due that day, in the same commit. Only a
member of TEAM (a person who lists it, or its lead) may rate for it
(pulse.not-member).`,
		Example: `  accord pulse rate onboarding platform --clarity 3 --handoffs 2 --responsiveness 3 --understanding 4 \
      --comment "Hand-offs arrive without docs" \
      --action "Hand-off checklist with docs; ana; 2026-12-15"`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			for _, t := range args {
				if org.Teams[t] == nil {
					return usageError("%q: no team has that handle%s", t, model.DidYouMean(t, org.IDs(model.KindTeam)))
				}
			}
			if date == "" {
				date = a.today()
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usageError("--date %q: want YYYY-MM-DD", date)
			}
			if period == "" {
				day, _ := time.Parse(time.DateOnly, date)
				cadence := org.Config.Pulse.Cadence
				if cadence == "" {
					cadence = "quarterly"
				}
				period = model.PulsePeriod(cadence, day)
			}
			who, email, err := actor(s, org)
			if err != nil {
				return err
			}
			if who == "" {
				if _, err := currentPerson(s, org); err != nil {
					return err
				}
			}
			p := &model.Pulse{ID: model.NewID(model.KindPulse), Team: args[0], About: args[1], Period: period, Author: who, Date: date,
				Comment: strings.TrimSpace(comment)}
			for dim, v := range map[string]int{model.PulseClarity: clarity, model.PulseHandoffs: handoffs,
				model.PulseResponsiveness: responsiveness, model.PulseUnderstanding: understanding} {
				p.Scores.Set(dim, v)
			}
			var racis []model.Record
			for _, s := range actions {
				act, err := parseActionFlag(s)
				if err != nil {
					return err
				}
				act.RACI = model.NewID(model.KindRACI)
				p.Actions = append(p.Actions, act)
				r := &model.RACI{ID: act.RACI, Title: act.What, Subject: model.Subject{Kind: string(model.KindPulse), ID: p.ID},
					Accountable: model.OneOrMore{act.Accountable}, Responsible: []string{act.Accountable}, Informed: []string{p.About},
					Due: act.Due, State: "draft"}
				if act.Accountable == who {
					r.State = "agreed" // the Accountable agrees their own item
				}
				racis = append(racis, r)
			}
			edits := []model.Edit{{New: p}}
			for _, r := range racis {
				edits = append(edits, model.Edit{New: r})
			}
			if err := checkSteps(org, who, email, edits...); err != nil {
				return err
			}
			if err := a.checkEdit(org, append([]model.Record{p}, racis...)...); err != nil {
				return err
			}
			avg, _ := p.Scores.Average()
			msg := fmt.Sprintf("pulse(%s): %s rates %s %.1f for %s", p.ID, p.Team, p.About, avg, p.Period)
			if n := len(racis); n > 0 {
				msg += fmt.Sprintf("; %s", model.Plural(n, "action"))
			}
			res, err := s.Transact(msg, func(tx *gitstore.Tx) error {
				if err := tx.Create(p); err != nil {
					return err
				}
				for _, r := range racis {
					if err := tx.Create(r); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			return a.printResult(res, p.ID)
		},
	}
	f := cmd.Flags()
	f.StringVar(&period, "period", "", "the period rated: 2026-11 or 2026-Q4 (default: the current one)")
	f.IntVar(&clarity, "clarity", 0, "clarity of asks, 1–5")
	f.IntVar(&handoffs, "handoffs", 0, "quality of hand-offs, 1–5")
	f.IntVar(&responsiveness, "responsiveness", 0, "responsiveness, 1–5")
	f.IntVar(&understanding, "understanding", 0, "shared understanding of goals, 1–5")
	f.StringVar(&comment, "comment", "", "what stands behind the scores")
	f.StringArrayVar(&actions, "action", nil, `what should change, as "WHAT; ACCOUNTABLE; YYYY-MM-DD" (repeatable)`)
	f.StringVar(&date, "date", "", "the pulse's date, YYYY-MM-DD (default: today)")
	f.BoolVar(&a.asJSON, "json", false, "print the pulse's ID, the commit and what changed as JSON")
	return cmd
}

// parseActionFlag reads --action "WHAT; ACCOUNTABLE; DUE".
func parseActionFlag(s string) (model.PulseAction, error) {
	parts := strings.Split(s, ";")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return model.PulseAction{}, usageError(`--action %q: want "WHAT; ACCOUNTABLE; YYYY-MM-DD"`, s)
	}
	if _, err := time.Parse(time.DateOnly, parts[2]); err != nil {
		return model.PulseAction{}, usageError("--action %q: the due date %q is not YYYY-MM-DD", s, parts[2])
	}
	return model.PulseAction{What: parts[0], Accountable: parts[1], Due: parts[2]}, nil
}

func (a *app) pulseTrendsCmd() *cobra.Command {
	var team string
	var asJSON, falling bool
	cmd := &cobra.Command{
		Use:   "trends [--team T] [--falling]",
		Short: "Each pair of teams' pulse over time, falling pairs first",
		Example: `  accord pulse trends
  accord pulse trends --team platform --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if team != "" && org.Teams[team] == nil {
				return usageError("--team %q: no team has that handle%s", team, model.DidYouMean(team, org.IDs(model.KindTeam)))
			}
			trends := org.PulseTrends()
			if team != "" {
				trends = org.PulseTrendsOf(team)
			}
			if falling {
				trends = slices.DeleteFunc(trends, func(t model.PulseTrend) bool { return !t.Falling })
			}
			if trends == nil {
				trends = []model.PulseTrend{}
			}
			if asJSON {
				return printJSON(a.env.Stdout, trends)
			}
			if len(trends) == 0 {
				fmt.Fprintln(a.env.Stdout, "no pulses yet")
				return nil
			}
			tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, row("TEAM", "RATES", "TREND", "CHANGE", ""))
			for _, t := range trends {
				var pts []string
				for _, p := range t.Points {
					pts = append(pts, p.Period+" "+model.FormatScore(p.Average))
				}
				mark := ""
				if t.Falling {
					mark = "falling"
				}
				fmt.Fprintln(tw, row(t.Team, t.About, strings.Join(pts, " → "), fmt.Sprintf("%+.2f", t.Change), mark))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&team, "team", "", "only pairs this team is in")
	cmd.Flags().BoolVar(&falling, "falling", false, "only pairs whose score fell")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the trends as JSON")
	return cmd
}

func (a *app) pulseMissingCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "missing",
		Short: "The pulses owed for the last period of accord.yaml's cadence",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if org.Config.Pulse.Cadence == "" {
				return usageError("accord.yaml sets no pulse cadence; add pulse: {cadence: monthly} or quarterly")
			}
			missing := org.MissingPulses(a.env.Now())
			if missing == nil {
				missing = []model.MissingPulse{}
			}
			if asJSON {
				return printJSON(a.env.Stdout, missing)
			}
			if len(missing) == 0 {
				fmt.Fprintln(a.env.Stdout, "no pulse is missing")
				return nil
			}
			rows := make([][]string, 0, len(missing))
			for _, m := range missing {
				rows = append(rows, []string{m.Team, m.About, m.Period, cell(m.Lead, 20)})
			}
			return table(a.env.Stdout, []string{"TEAM", "RATES", "PERIOD", "LEAD"}, rows)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the missing pulses as JSON")
	return cmd
}

func (a *app) retroCmd() *cobra.Command {
	var well, badly, teams []string
	var date string
	cmd := &cobra.Command{
		Use:   "retro HO-ID|GOAL-ID --well TEXT --badly TEXT",
		Short: "Record what went well or badly across teams, on a hand-off or goal",
		Long: `Record a short retro on a hand-off received or a goal closed: what went well
and what went badly across the teams involved (default: the hand-off's two
teams, or the goal's team and the teams of what it depended on). Without
an ID, list the hand-offs received and goals closed that have no retro yet.`,
		Example: `  accord retro
  accord retro HO-HANDW001 --well "Acceptance criteria were clear" --badly "Docs came a week late"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if len(args) == 0 {
				ids := org.RetroCandidates()
				if a.asJSON {
					if ids == nil {
						ids = []string{}
					}
					return printJSON(a.env.Stdout, ids)
				}
				if len(ids) == 0 {
					fmt.Fprintln(a.env.Stdout, "nothing waits for a retro")
					return nil
				}
				for _, id := range ids {
					r, _ := org.Get(id)
					fmt.Fprintln(a.env.Stdout, row(id, cell(r.RecordTitle(), 60)))
				}
				return nil
			}
			r, err := resolve(org, args[0])
			if err != nil {
				return err
			}
			switch r.(type) {
			case *model.Handoff, *model.Goal:
			default:
				return usageError("%s is a %s; a retro looks back on a hand-off or a goal", r.RecordID(), r.RecordKind())
			}
			if len(well) == 0 && len(badly) == 0 {
				return usageError("say what went well (--well) or badly (--badly)")
			}
			if date == "" {
				date = a.today()
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usageError("--date %q: want YYYY-MM-DD", date)
			}
			who, err := currentPerson(s, org)
			if err != nil {
				return err
			}
			if len(teams) == 0 {
				teams = org.RetroTeams(r.RecordID())
			}
			rt := &model.Retro{ID: model.NewID(model.KindRetro), Subject: r.RecordID(), Author: who, Date: date, Teams: teams,
				WentWell: well, WentBadly: badly}
			if err := a.checkEdit(org, rt); err != nil {
				return err
			}
			res, err := s.Transact(fmt.Sprintf("retro(%s): on %s %s", rt.ID, r.RecordID(), quoteTitle(r.RecordTitle())),
				func(tx *gitstore.Tx) error { return tx.Create(rt) })
			if err != nil {
				return err
			}
			return a.printResult(res, rt.ID)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&well, "well", nil, "what went well (repeatable)")
	f.StringArrayVar(&badly, "badly", nil, "what went badly (repeatable)")
	f.StringSliceVar(&teams, "teams", nil, "the teams involved (default: from the hand-off or goal)")
	f.StringVar(&date, "date", "", "the retro's date, YYYY-MM-DD (default: today)")
	f.BoolVar(&a.asJSON, "json", false, "print as JSON")
	return cmd
}

// quoteTitle quotes a record's title for a commit message, shortened.
func quoteTitle(t string) string { return fmt.Sprintf("%q", oneLine(t, 60)) }
