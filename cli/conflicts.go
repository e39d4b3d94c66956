package cli

import (
	"fmt"
	"os"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) conflictsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "conflicts",
		Short: "List the conflicts a sync left to resolve",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			sess, err := s.Session()
			if err != nil {
				return err
			}
			var cs []gitstore.RecordConflict
			if sess != nil {
				cs = sess.Conflicts
			}
			if asJSON {
				if cs == nil {
					cs = []gitstore.RecordConflict{}
				}
				return printJSON(a.env.Stdout, cs)
			}
			if len(cs) == 0 {
				fmt.Fprintln(a.env.Stdout, "no conflicts")
				return nil
			}
			for _, c := range cs {
				state := "unresolved"
				if c.Resolved() {
					state = "resolved: " + c.Resolution
					if c.Resolution == "value" {
						state += " " + c.Value
					}
				}
				fmt.Fprintf(a.env.Stdout, "%s %s (%s)\n", c.ID, c.Field, state)
				if c.Rule != "" {
					fmt.Fprintf(a.env.Stdout, "  why:    %s\n", model.CleanText(c.Rule, false))
				}
				fmt.Fprintf(a.env.Stdout, "  base:   %s\n  ours:   %s\n  theirs: %s\n",
					show(c.Base), show(c.Ours), show(c.Theirs))
			}
			fmt.Fprintf(a.env.Stderr, "%d of %d unresolved; resolve with: accord resolve ID FIELD --ours|--theirs|--value V\n",
				sess.Unresolved(), len(cs))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

func show(v string) string {
	if v == "" {
		return "∅"
	}
	return strings.ReplaceAll(model.CleanText(v, true), "\n", "\n          ")
}

func (a *app) resolveCmd() *cobra.Command {
	var ours, theirs bool
	var value string
	cmd := &cobra.Command{
		Use:   "resolve ID FIELD --ours|--theirs|--value V",
		Short: "Settle one conflict; the last one completes the merge",
		Long: `Settle one conflict of the pending merge: keep ours, take theirs, or set a
value (read as in accord set). When the last conflict is settled, the merge
is made with both parents, and the next accord sync pushes it. A conflict
over a whole record (edited on one side, deleted on the other; or a rule the
merged record breaks) takes --ours or --theirs.`,
		Example: `  accord resolve RACI-J5N0RT8K accountable --theirs
  accord resolve GOAL-7K3FQ2M1 metric.target --value 4`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			how := ""
			n := 0
			if ours {
				how, n = "ours", n+1
			}
			if theirs {
				how, n = "theirs", n+1
			}
			if cmd.Flags().Changed("value") {
				how, n = "value", n+1
			}
			if n != 1 {
				return usageError("give exactly one of --ours, --theirs, --value V")
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			left, err := s.Resolve(args[0], args[1], how, value)
			if err != nil {
				return err
			}
			if left > 0 {
				fmt.Fprintf(a.env.Stdout, "%s left\n", plural(left, "conflict"))
				return nil
			}
			fmt.Fprintln(a.env.Stdout, "all conflicts resolved; the merge is committed — accord sync pushes it")
			return nil
		},
	}
	cmd.Flags().BoolVar(&ours, "ours", false, "keep this clone's value")
	cmd.Flags().BoolVar(&theirs, "theirs", false, "take the remote's value")
	cmd.Flags().StringVar(&value, "value", "", "set this value instead")
	return cmd
}

func (a *app) mergeDriverCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "merge-driver BASE OURS THEIRS PATH",
		Short: "Merge one record for plain git merge (a git merge driver)",
		Long: `Run by git as a merge driver (see docs/sync.md): merges one record field by
field, as accord sync does, writing the result over OURS. Exits 0 when the
merge is clean, 1 with the conflicts listed when both sides changed a field
differently (OURS then keeps our value for those fields; no markers are
written).`,
		Args:   cobra.ExactArgs(4),
		Hidden: false,
		RunE: func(cmd *cobra.Command, args []string) error {
			base, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			ours, err := os.ReadFile(args[1])
			if err != nil {
				return err
			}
			theirs, err := os.ReadFile(args[2])
			if err != nil {
				return err
			}
			merged, conflicts, err := gitstore.MergeFiles(args[3], base, ours, theirs)
			if err != nil {
				return &ExitError{Code: ExitFailure, Err: fmt.Errorf("%s: %v (left as ours)", args[3], err)}
			}
			if err := os.WriteFile(args[1], merged, 0o644); err != nil {
				return err
			}
			for _, c := range conflicts {
				fmt.Fprintf(a.env.Stderr, "%s: conflict in %s: ours %q, theirs %q (base %q)\n",
					args[3], c.Field, model.CleanText(c.Ours, false), model.CleanText(c.Theirs, false), model.CleanText(c.Base, false))
			}
			if len(conflicts) > 0 {
				return &ExitError{Code: ExitFailure}
			}
			return nil
		},
	}
}
