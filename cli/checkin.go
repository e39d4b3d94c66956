package cli

import (
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// checkinFlags are what accord checkin is told.
type checkinFlags struct {
	health, summary, as, date, confidence string
	value                                 float64
	problems, plans, wins                 []string
	asks                                  []string
}

func (a *app) checkinCmd() *cobra.Command {
	var fl checkinFlags
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
      --ask "platform: decide the upload limit by 2026-11-20"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			u, err := fl.update(cmd, a.today())
			if err != nil {
				return err
			}
			nr, err := a.openNear()
			if err != nil {
				return err
			}
			s := nr.s
			defer s.Close()
			r, err := nr.locate(args[0])
			if err != nil {
				return err
			}
			g, ok := r.(*model.Goal)
			if !ok {
				return usageError("%s is a %s; check-ins are posted on goals", r.RecordID(), r.RecordKind())
			}
			u.Target = g.ID
			if cmd.Flags().Changed("value") {
				if g.Metric == nil {
					return usageError("%s has no metric, so a check-in on it has no --value", g.ID)
				}
				u.Value = &fl.value
			}
			// The goal with what its health rolls up, the check-in's
			// references, and the person it is posted for.
			org, err := nr.around([]string{g.ID, u.ID, fl.as}, []model.Record{u}, true)
			if err != nil {
				return err
			}
			if err := a.checkinAuthor(s, org, u, fl.as); err != nil {
				return err
			}
			prev := org.Reported(g.ID) // the message says what check-ins said, never "stale"
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
	f.StringVar(&fl.health, "health", "", "on_track, at_risk, off_track, on_hold, or a closing outcome")
	f.StringVar(&fl.summary, "summary", "", "where things stand, in a sentence or two")
	f.Float64Var(&fl.value, "value", 0, "the metric's current value")
	f.StringVar(&fl.confidence, "confidence", "", "confidence of reaching the target: 0 to 1, or a percentage (0.6, 60%)")
	f.StringArrayVar(&fl.problems, "problem", nil, "a problem (repeatable)")
	f.StringArrayVar(&fl.plans, "plan", nil, "what happens next (repeatable)")
	f.StringArrayVar(&fl.wins, "win", nil, "a win worth sharing (repeatable)")
	f.StringArrayVar(&fl.asks, "ask", nil, "help needed, as TO: WHAT [by YYYY-MM-DD] (repeatable)")
	f.StringVar(&fl.as, "as", "", "post for this person, who names you among their delegates (default: yourself, the person whose e-mail is your git e-mail)")
	f.StringVar(&fl.date, "date", "", "the check-in's date, YYYY-MM-DD (default: today)")
	f.BoolVar(&a.asJSON, "json", false, "print the check-in's ID, the commit and what changed as JSON")
	return cmd
}

// update is the check-in the flags describe, checked as far as it can be
// without the organisation; today dates it when --date is not given.
func (fl *checkinFlags) update(cmd *cobra.Command, today string) (*model.Update, error) {
	if !slices.Contains(model.Healths, fl.health) {
		return nil, usageError("--health %q: want one of %s", fl.health, strings.Join(model.Healths, ", "))
	}
	if strings.TrimSpace(fl.summary) == "" {
		return nil, usageError("--summary is required: one or two sentences on where things stand")
	}
	if (fl.health == model.HealthAtRisk || fl.health == model.HealthOffTrack) && (len(fl.problems) == 0 || len(fl.plans) == 0) {
		return nil, usageError("a check-in that is %s needs at least one --problem and one --plan", healthLabel(fl.health))
	}
	date := fl.date
	if date == "" {
		date = today
	} else if _, err := time.Parse(time.DateOnly, date); err != nil {
		return nil, usageError("--date %q: want YYYY-MM-DD", date)
	}
	u := &model.Update{ID: model.NewID(model.KindUpdate), Date: date, Health: fl.health,
		Summary: fl.summary, Problems: fl.problems, Plans: fl.plans, Wins: fl.wins}
	for _, s := range fl.asks {
		ask, err := parseAskFlag(s)
		if err != nil {
			return nil, err
		}
		u.Asks = append(u.Asks, ask)
	}
	if cmd.Flags().Changed("confidence") {
		c, err := model.ParseConfidence(fl.confidence)
		if err != nil || c == nil {
			return nil, usageError("--confidence %q: want a number from 0 to 1, or a percentage (0.8, 80%%)", fl.confidence)
		}
		u.Confidence = c
	}
	return u, nil
}

// checkinAuthor makes the check-in mine, or, with --as, someone else's who
// names me as a delegate (I am then its posted_by), and refuses a step I
// may not take.
func (a *app) checkinAuthor(s *gitstore.Store, org *model.Org, u *model.Update, as string) error {
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
	return checkSteps(org, who, email, model.Edit{New: u})
}

// parseAskFlag reads --ask TO: WHAT, with an optional due date at the end
// written "by YYYY-MM-DD".
func parseAskFlag(s string) (model.Ask, error) {
	to, what, ok := strings.Cut(s, ":")
	to, what = strings.TrimSpace(to), strings.TrimSpace(what)
	if !ok || to == "" || what == "" {
		return model.Ask{}, usageError("--ask %q: want TO: WHAT [by YYYY-MM-DD], such as \"platform: decide the upload limit by 2026-11-20\"", s)
	}
	ask := model.Ask{To: to, What: what}
	if i := strings.LastIndex(what, " by "); i >= 0 {
		if day := strings.TrimSpace(what[i+4:]); len(day) == len(time.DateOnly) {
			if _, err := time.Parse(time.DateOnly, day); err == nil {
				ask.What, ask.Due = strings.TrimSpace(what[:i]), day
			}
		}
	}
	return ask, nil
}
