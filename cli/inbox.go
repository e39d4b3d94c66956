package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) inboxCmd() *cobra.Command {
	var as, team string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "inbox [--as HANDLE | --team T]",
		Short: "What needs you (or a team): check-ins, approvals, asks, decisions, hand-offs",
		Long: `List what needs a person or a team: check-ins they owe, decisions awaiting
their approval, asks addressed to them or their teams, proposed decisions they
are consulted on, decisions they are informed of that changed since they last
looked, decisions due for review, RACI items they are Accountable for that
fall due, and hand-offs waiting for them.

By default the person is you (your git e-mail); --as names another, --team a
team. "Since they last looked" is what this clone last showed them: kept in
.git/accord, never in the shared records. --seen records what is shown now
as looked at.`,
		Example: `  accord inbox
  accord inbox --team onboarding --json
  accord inbox --as mei --seen`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if as != "" && team != "" {
				return usageError("give --as or --team, not both")
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			q := model.InboxQuery{Person: as, Team: team, Today: a.env.Now()}
			switch {
			case team != "":
				if org.Teams[team] == nil {
					return usageError("--team %q: no team has that handle%s", team, model.DidYouMean(team, org.IDs(model.KindTeam)))
				}
			case as != "":
				if org.People[as] == nil {
					return usageError("--as %q: no person has that handle%s", as, model.DidYouMean(as, org.IDs(model.KindPerson)))
				}
			default:
				if q.Person, err = currentPerson(s, org); err != nil {
					return err
				}
			}
			reader := q.Person
			if reader == "" {
				reader = "team:" + team
			}
			if q.Seen, err = s.InboxSeen(reader); err != nil {
				return err
			}
			items := org.InboxFor(q)
			if asJSON {
				if items == nil {
					items = []model.InboxItem{}
				}
				err = printJSON(a.env.Stdout, items)
			} else {
				err = a.printInbox(org, items)
			}
			if err != nil {
				return err
			}
			if seen, _ := cmd.Flags().GetBool("seen"); seen {
				return s.SetInboxSeen(reader, model.InformedStatuses(org, q))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&as, "as", "", "the inbox of this person")
	cmd.Flags().StringVar(&team, "team", "", "the inbox of this team")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the items as JSON")
	cmd.Flags().Bool("seen", false, "record the decisions shown as looked at")
	return cmd
}

func (a *app) printInbox(org *model.Org, items []model.InboxItem) error {
	if len(items) == 0 {
		fmt.Fprintln(a.env.Stdout, "nothing needs you")
		return nil
	}
	tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
	section := ""
	for _, it := range items {
		if it.Section != section {
			if section != "" {
				fmt.Fprintln(tw)
			}
			section = it.Section
			fmt.Fprintln(tw, section)
		}
		title := ""
		if r, ok := org.Get(it.ID); ok {
			title = r.RecordTitle()
		}
		mark := " "
		if it.Overdue {
			mark = "!"
		}
		fmt.Fprintln(tw, row(" "+mark+" "+it.ID, cell(title, 50), it.Reason))
	}
	return tw.Flush()
}
