package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) askCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ask",
		Short: "Asks made in check-ins: list them, answer them",
		Long: `An ask is help a check-in asks of a person or team (to:), optionally by a
date (due:). It is named by its check-in and its number there: UPD-Q8W2ZD4N#1.
The addressee answers it with accept, decline or done; each answer is a new
record under answers/, so check-ins stay as they landed.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.askListCmd(), a.askAnswerCmd())
	return cmd
}

// askJSON is one ask as accord ask list --json prints it.
type askJSON struct {
	Ask       string `json:"ask"`
	To        string `json:"to"`
	What      string `json:"what"`
	Due       string `json:"due,omitempty"`
	Goal      string `json:"goal"`
	AskedBy   string `json:"asked_by"`
	Asked     string `json:"asked"`
	Status    string `json:"status"` // open, accept, decline, done
	Overdue   bool   `json:"overdue"`
	Answer    string `json:"answer,omitempty"`
	Note      string `json:"note,omitempty"`
	FromTeam  string `json:"from_team,omitempty"`
	ToTeam    string `json:"to_team,omitempty"`
	AnsweredB string `json:"answered_by,omitempty"`
}

func askStatusJSON(org *model.Org, st model.AskStatus) askJSON {
	j := askJSON{Ask: st.Ref.String(), To: st.Ask.Addressee(), What: st.Ask.What, Due: st.Ask.Due, Goal: st.Goal.ID,
		AskedBy: st.CheckIn.Author, Asked: st.CheckIn.Date, Status: "open", Overdue: st.Overdue,
		FromTeam: st.AskerTeam(org), ToTeam: st.AddresseeTeam(org)}
	if st.Ask.Goal != "" {
		j.Goal = st.Ask.Goal
	}
	if l := st.Latest; l != nil {
		j.Status, j.Answer, j.Note, j.AnsweredB = l.Response, l.ID, l.Note, l.Author
	}
	return j
}

func (a *app) askListCmd() *cobra.Command {
	var to string
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--to HANDLE] [--all]",
		Short: "List the asks that stand: open, accepted, overdue",
		Long: `List the asks that still stand: those nobody has answered, and those
accepted but not done. --all adds the asks closed (done or declined) and
those that lapsed with a later check-in. --to keeps the asks addressed to a
person or team (a team's asks include those to its people).`,
		Example: `  accord ask list --to onboarding
  accord ask list --all --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if to != "" && org.People[to] == nil && org.Teams[to] == nil {
				return usageError("--to %q: no person or team has that handle%s", to,
					model.DidYouMean(to, append(org.IDs(model.KindPerson), org.IDs(model.KindTeam)...)))
			}
			out := []askJSON{}
			for _, st := range org.AskStatuses(a.env.Now()) {
				if !all && !st.Pending() {
					continue
				}
				if to != "" && st.Ask.Addressee() != to && st.AddresseeTeam(org) != to {
					continue
				}
				out = append(out, askStatusJSON(org, st))
			}
			if asJSON {
				return printJSON(a.env.Stdout, out)
			}
			if len(out) == 0 {
				fmt.Fprintln(a.env.Stdout, "no asks stand")
				return nil
			}
			tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, row("ASK", "TO", "WHAT", "DUE", "STATUS"))
			for _, j := range out {
				status := j.Status
				if j.Overdue {
					status += ", overdue"
				}
				fmt.Fprintln(tw, row(j.Ask, cell(j.To, 20), cell(j.What, 50), cell(j.Due, 10), status))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "only asks to this person or team")
	cmd.Flags().BoolVar(&all, "all", false, "include asks closed or lapsed")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the asks as JSON")
	return cmd
}

func (a *app) askAnswerCmd() *cobra.Command {
	var accept, decline, done bool
	var note, date string
	cmd := &cobra.Command{
		Use:   "answer UPD-ID#N --accept|--decline|--done [--note TEXT]",
		Short: "Answer an ask addressed to you or your team",
		Long: `Answer an ask as its addressee: --accept (you will do it), --decline (you
will not; say why in --note) or --done. The answer is a new record,
answers/<xx>/ANS-….yaml, committed at once; a later answer replaces an
earlier one (accept now, done later). Only the person asked, or a member of
the team asked, may answer (answer.not-addressee).`,
		Example: `  accord ask answer UPD-Q8W2#1 --accept --note "by Friday"
  accord ask answer UPD-Q8W2ZD4N#1 --done --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var response string
			n := 0
			for flag, r := range map[string]string{"accept": model.AnswerAccept, "decline": model.AnswerDecline, "done": model.AnswerDone} {
				if on, _ := cmd.Flags().GetBool(flag); on {
					response = r
					n++
				}
			}
			if n != 1 {
				return usageError("give one of --accept, --decline and --done")
			}
			ref, err := model.ParseAskRef(args[0], true)
			if err != nil {
				return usageError("%v", err)
			}
			if date == "" {
				date = a.today()
			} else if _, err := time.Parse(time.DateOnly, date); err != nil {
				return usageError("--date %q: want YYYY-MM-DD", date)
			}
			s, org, r, err := a.loadRecord(ref.CheckIn)
			if err != nil {
				return err
			}
			defer s.Close()
			u, ok := r.(*model.Update)
			if !ok {
				return usageError("%s is a %s; an ask is named by its check-in (UPD-…#N)", r.RecordID(), r.RecordKind())
			}
			ref.CheckIn = u.ID
			ask, _, ok := org.FindAsk(ref)
			if !ok {
				return usageError("%s has %s; there is no ask %d", u.ID, model.Plural(len(u.Asks), "ask"), ref.N)
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
			ans := &model.Answer{ID: model.NewID(model.KindAnswer), Ask: ref.String(), Author: who, Date: date, Response: response,
				Note: strings.TrimSpace(note)}
			if err := checkSteps(org, who, email, model.Edit{New: ans}); err != nil {
				return err
			}
			if err := a.checkEdit(org, ans); err != nil {
				return err
			}
			msg := fmt.Sprintf("answer(%s): %s %s (%s: %s)", ans.ID, response, ref, ask.Addressee(), oneLine(ask.What, 60))
			res, err := s.Transact(msg, func(tx *gitstore.Tx) error { return tx.Create(ans) })
			if err != nil {
				return err
			}
			return a.printResult(res, ans.ID)
		},
	}
	cmd.Flags().BoolVar(&accept, "accept", false, "you will do what is asked")
	cmd.Flags().BoolVar(&decline, "decline", false, "you will not (say why with --note)")
	cmd.Flags().BoolVar(&done, "done", false, "it is done")
	cmd.Flags().StringVar(&note, "note", "", "a word to the asker")
	cmd.Flags().StringVar(&date, "date", "", "the answer's date, YYYY-MM-DD (default: today)")
	cmd.Flags().BoolVar(&a.asJSON, "json", false, "print the answer's ID, the commit and what changed as JSON")
	return cmd
}

// oneLine is the first line of s, cut to max runes.
func oneLine(s string, max int) string {
	s, _, _ = strings.Cut(model.CleanText(s, false), "\n")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
