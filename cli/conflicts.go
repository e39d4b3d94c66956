package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) conflictsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "conflicts",
		Short: "List the conflicts a sync left to resolve, with their values",
		Long: `List the conflicts of the pending merge with the value on each side: base
(before both), ours (this clone's, before the sync) and theirs (the
remote's). A conflict over a whole record (edited on one side and deleted
on the other, or a merged record that breaks a rule) lists, field by field,
what differs among base, ours, theirs and what the merge made, for the
record and every other record the rule involves. With --json each conflict
has id, kind, path, field, base, ours, theirs (for a whole record: its YAML
on that side, "" where it is absent), merged, fields, records, rule, and
resolution and value once settled.`,
		Args: cobra.NoArgs,
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
			cs := []gitstore.RecordConflict{}
			if sess != nil {
				cs = sess.Conflicts
			}
			if asJSON {
				return printJSON(a.env.Stdout, cs)
			}
			if len(cs) == 0 {
				fmt.Fprintln(a.env.Stdout, "no conflicts")
				return nil
			}
			for _, c := range cs {
				printConflict(a.env.Stdout, c)
			}
			fmt.Fprintf(a.env.Stderr, "%d of %d unresolved; resolve with: accord resolve ID FIELD --ours|--theirs|--value V, "+
				"a whole record with: accord resolve ID --record --ours|--theirs|--edit\n", sess.Unresolved(), len(cs))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array")
	return cmd
}

// printConflict writes one conflict with its values: a field's three, or
// a whole record's fields that differ.
func printConflict(w io.Writer, c gitstore.RecordConflict) {
	state := "unresolved"
	if c.Resolved() {
		state = "resolved: " + c.Resolution
		switch {
		case c.Resolution == "value" && c.Field == model.RecordField:
			state = "resolved: edited"
		case c.Resolution == "value":
			state += " " + show(c.Value)
		}
	}
	field := c.Field
	if field == model.RecordField {
		field = "whole record"
	}
	fmt.Fprintf(w, "%s %s (%s)\n", model.CleanText(c.ID, false), field, state)
	if c.Rule != "" {
		fmt.Fprintf(w, "  why:    %s\n", model.CleanText(c.Rule, false))
	}
	if c.Field != model.RecordField {
		fmt.Fprintf(w, "  base:   %s\n  ours:   %s\n  theirs: %s\n", show(c.Base), show(c.Ours), show(c.Theirs))
		return
	}
	if len(c.Records) > 1 {
		fmt.Fprintf(w, "  records: %s\n", model.CleanText(strings.Join(c.Records, ", "), false))
	}
	for _, side := range []struct{ name, text string }{{"base", c.Base}, {"ours", c.Ours}, {"theirs", c.Theirs}} {
		if side.text == "" {
			fmt.Fprintf(w, "  %s: %s\n", side.name, map[string]string{"base": "did not exist", "ours": "deleted here", "theirs": "deleted there"}[side.name])
		}
	}
	for _, f := range c.Fields {
		name := f.Field
		if f.ID != c.ID {
			name = f.ID + " " + name
		}
		fmt.Fprintf(w, "  %s\n    base:   %s\n    ours:   %s\n    theirs: %s\n    merged: %s\n",
			model.CleanText(name, false), indent(show(f.Base)), indent(show(f.Ours)), indent(show(f.Theirs)), indent(show(f.Merged)))
	}
}

func show(v string) string {
	if v == "" {
		return "∅"
	}
	return strings.ReplaceAll(model.CleanText(v, true), "\n", "\n          ")
}

func indent(v string) string { return strings.ReplaceAll(v, "\n", "\n  ") }

// resolveOutput is what resolve --json prints.
type resolveOutput struct {
	Left      int                       `json:"left"`
	Commit    *string                   `json:"commit"`
	Conflicts []gitstore.RecordConflict `json:"conflicts"`
}

func (a *app) resolveCmd() *cobra.Command {
	var ours, theirs, record, edit, asJSON bool
	var value string
	cmd := &cobra.Command{
		Use:   "resolve ID [FIELD | --record] --ours|--theirs|--value V|--edit",
		Short: "Settle one conflict; the last one completes the merge",
		Long: `Settle one conflict of the pending merge: keep ours (this clone's value, as
it was before the sync), take theirs (the remote's), set a value (read as in
accord set), or --edit it in $EDITOR. ID may be any unique prefix.

A conflict over a whole record takes --record instead of FIELD: --ours puts
back this clone's version of the record and of every record its rule
involves, --theirs the remote's, and --edit opens the merged record in
$EDITOR (or give the record's YAML with --value).

Each choice is checked at once against the merge made again with every
choice so far: a value of the wrong type, or a choice after which the merge
still breaks a rule, is refused (naming the rule) and nothing changes. A
field edited on this clone since it was listed is listed again with its new
value as ours. When the last conflict is settled, the merge is committed
with both parents, and the next accord sync pushes it.`,
		Example: `  accord resolve RACI-J5N0RT8K accountable --theirs
  accord resolve GOAL-7K3F metric.target --value 4
  accord resolve RACI-J5N0 --record --ours
  accord resolve RACI-J5N0 --record --edit`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			how, n := "", 0
			for _, f := range []struct {
				set  bool
				name string
			}{{ours, "ours"}, {theirs, "theirs"}, {cmd.Flags().Changed("value"), "value"}, {edit, "edit"}} {
				if f.set {
					how, n = f.name, n+1
				}
			}
			if n != 1 {
				return usageError("give exactly one of --ours, --theirs, --value V, --edit")
			}
			field := model.RecordField
			switch {
			case record && len(args) == 2:
				return usageError("give FIELD or --record, not both")
			case !record && len(args) == 1:
				return usageError("usage: accord resolve ID FIELD, or accord resolve ID --record for a whole record")
			case len(args) == 2:
				field = args[1]
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			if how == "edit" {
				if value, err = a.editConflict(s, args[0], field); err != nil {
					return err
				}
				how = "value"
			}
			res, err := s.ResolveConflict(args[0], field, how, value)
			if errors.Is(err, gitstore.ErrBadChoice) {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if err != nil {
				return err
			}
			if asJSON {
				out := resolveOutput{Left: res.Left, Conflicts: res.Conflicts}
				if out.Conflicts == nil {
					out.Conflicts = []gitstore.RecordConflict{}
				}
				if res.Commit != "" {
					out.Commit = &res.Commit
				}
				return printJSON(a.env.Stdout, out)
			}
			if res.Commit == "" {
				fmt.Fprintf(a.env.Stdout, "%s left\n", plural(res.Left, "conflict"))
				return nil
			}
			fmt.Fprintf(a.env.Stdout, "all conflicts resolved; the merge is committed (%s) — accord sync pushes it\n", model.ShortHash(res.Commit))
			return nil
		},
	}
	cmd.Flags().BoolVar(&ours, "ours", false, "keep this clone's value (or record)")
	cmd.Flags().BoolVar(&theirs, "theirs", false, "take the remote's value (or record)")
	cmd.Flags().StringVar(&value, "value", "", "set this value instead (for --record: the record's YAML)")
	cmd.Flags().BoolVar(&edit, "edit", false, "edit the value, or with --record the merged record, in $EDITOR")
	cmd.Flags().BoolVar(&record, "record", false, "the conflict over the whole record")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what is left and the merge commit as JSON")
	return cmd
}

// editConflict opens the conflict's text in $EDITOR (then $VISUAL, then
// vi) and returns what was saved: the merged record for a whole record,
// our value for a field.
func (a *app) editConflict(s *gitstore.Store, id, field string) (string, error) {
	sess, err := s.Session()
	if err != nil {
		return "", err
	}
	if sess == nil {
		return "", errors.New("nothing to resolve: no merge is waiting")
	}
	c, err := sess.Find(id, field)
	if err != nil {
		return "", &ExitError{Code: ExitUsage, Err: err}
	}
	text := c.Ours
	pattern := "accord-conflict-*.txt"
	if field == model.RecordField {
		text, pattern = c.Merged, "accord-"+c.ID+"-*.yaml"
	}
	f, err := os.CreateTemp("", pattern)
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", err
	}
	argv := []string{"vi"}
	for _, name := range []string{"EDITOR", "VISUAL"} {
		if fs := strings.Fields(os.Getenv(name)); len(fs) > 0 {
			argv = fs
			break
		}
	}
	ed := exec.Command(argv[0], append(argv[1:], f.Name())...)
	ed.Stdin, ed.Stdout, ed.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := ed.Run(); err != nil {
		return "", fmt.Errorf("%s: %w; nothing was resolved", strings.Join(argv, " "), err)
	}
	data, err := os.ReadFile(f.Name())
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(string(data)) == "" {
		return "", usageError("the file is empty; nothing was resolved")
	}
	if field != model.RecordField {
		return strings.TrimSuffix(string(data), "\n"), nil
	}
	return string(data), nil
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
