package cli

import (
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) checkinCmd() *cobra.Command {
	var (
		health, summary, as, date, confidence string
		value                                 float64
		problems, plans, wins                 []string
		asks                                  []string
	)
	cmd := &cobra.Command{
		Use:   "checkin GOAL-ID --health H --summary S",
		Short: "Post a check-in on a goal",
		Long: `Post a check-in (a status update) on a goal as one commit. Check-ins are
public and append-only: they are never edited once they land.

Health is one of on_track, at_risk, off_track, on_hold, or, to close a goal,
achieved, partially_achieved, missed, dropped. At risk and off track need at
least one --problem and one --plan: say what is wrong and what happens next.`,
		Example: `  accord checkin GOAL-7K3F --health at_risk --value 9 --confidence 0.6 \
      --summary "Import wizard slipped a sprint" \
      --problem "Blocked on DEC-2HV9PLQ4 (upload size limits)" \
      --plan "Ship the CSV import wizard by Nov 29" \
      --ask "platform: decide the upload limit by Nov 20"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(model.Healths, health) {
				return usageError("--health %q: want one of %s", health, strings.Join(model.Healths, ", "))
			}
			if strings.TrimSpace(summary) == "" {
				return usageError("--summary is required: one or two sentences on where things stand")
			}
			if (health == model.HealthAtRisk || health == model.HealthOffTrack) && (len(problems) == 0 || len(plans) == 0) {
				return usageError("a check-in that is %s needs at least one --problem and one --plan", healthLabel(health))
			}
			if date == "" {
				date = a.today()
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usageError("--date %q: want YYYY-MM-DD", date)
			}
			u := &model.Update{ID: model.NewID(model.KindUpdate), Date: date, Health: health,
				Summary: summary, Problems: problems, Plans: plans, Wins: wins}
			for _, s := range asks {
				from, what, ok := strings.Cut(s, ":")
				if !ok || strings.TrimSpace(from) == "" || strings.TrimSpace(what) == "" {
					return usageError("--ask %q: want FROM: WHAT, such as \"platform: decide the upload limit\"", s)
				}
				u.Asks = append(u.Asks, model.Ask{From: strings.TrimSpace(from), What: strings.TrimSpace(what)})
			}
			if cmd.Flags().Changed("confidence") {
				c, err := model.ParseConfidence(confidence)
				if err != nil || c == nil {
					return usageError("--confidence %q: want a number from 0 to 1, or a percentage (0.8, 80%%)", confidence)
				}
				u.Confidence = c
			}
			s, org, r, err := a.loadRecord(args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			g, ok := r.(*model.Goal)
			if !ok {
				return usageError("%s is a %s; check-ins are posted on goals", r.RecordID(), r.RecordKind())
			}
			u.Target = g.ID
			if cmd.Flags().Changed("value") {
				if g.Metric == nil {
					return usageError("%s has no metric, so a check-in on it has no --value", g.ID)
				}
				u.Value = &value
			}
			who, email, err := actor(s, org)
			if err != nil {
				return err
			}
			switch {
			case as != "" && org.People[as] == nil:
				return usageError("--as %q is not a person in people/", as)
			case as != "" && as != who:
				// Posted for someone else: only a delegate they name may.
				u.Author, u.PostedBy = as, who
			case who == "":
				_, err := currentPerson(s, org)
				return err
			default:
				u.Author = who
			}
			if err := checkSteps(org, who, email, model.Edit{New: u}); err != nil {
				return err
			}
			prev := org.Health(g.ID)
			if err := a.checkEdit(org, u); err != nil {
				return err
			}
			res, err := s.Transact(model.CheckinMessage(g, prev, u), func(tx *gitstore.Tx) error { return tx.Create(u) })
			if err != nil {
				return err
			}
			return a.printResult(res, u.ID)
		},
	}
	f := cmd.Flags()
	f.StringVar(&health, "health", "", "on_track, at_risk, off_track, on_hold, or a closing outcome")
	f.StringVar(&summary, "summary", "", "where things stand, in a sentence or two")
	f.Float64Var(&value, "value", 0, "the metric's current value")
	f.StringVar(&confidence, "confidence", "", "confidence of reaching the target: 0 to 1, or a percentage (0.6, 60%)")
	f.StringArrayVar(&problems, "problem", nil, "a problem (repeatable)")
	f.StringArrayVar(&plans, "plan", nil, "what happens next (repeatable)")
	f.StringArrayVar(&wins, "win", nil, "a win worth sharing (repeatable)")
	f.StringArrayVar(&asks, "ask", nil, "help needed, as FROM: WHAT (repeatable)")
	f.StringVar(&as, "as", "", "post for this person, who names you among their delegates (default: yourself, the person whose e-mail is your git e-mail)")
	f.StringVar(&date, "date", "", "the check-in's date, YYYY-MM-DD (default: today)")
	f.BoolVar(&a.asJSON, "json", false, "print the check-in's ID, the commit and what changed as JSON")
	return cmd
}
