package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) logCmd() *cobra.Command {
	var asJSON, chain bool
	var limit int
	cmd := &cobra.Command{
		Use:   "log ID",
		Short: "Every commit that changed a record, field by field",
		Long: `Every commit that changed a record, newest first: who (mapped to a person
by e-mail), when, the commit message, and the fields that changed. Long
text is shown as a line diff; list items (a decision's options, a
hand-off's deliverables) as added or removed. Merge commits appear when the
merge itself changed the record. --chain follows a decision's supersedes
and superseded_by links and shows the whole chain, oldest first.`,
		Example: `  accord log DEC-2HV9
  accord log GOAL-7K3F --json
  accord log DEC-2HV9 --chain`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			nr, err := a.openNear()
			if err != nil {
				return err
			}
			s := nr.s
			defer s.Close()
			k, id, err := nr.historyTarget(args[0])
			if err != nil {
				return err
			}
			ids := []string{id}
			if chain {
				if k != model.KindDecision {
					return usageError("--chain follows decisions; %s is a %s", id, k)
				}
				org, err := nr.around(ids, nil, false)
				if err != nil {
					return err
				}
				ids = supersessionChain(org, id)
			}
			type logged struct {
				id      string
				entries []model.HistoryEntry
			}
			var all []logged
			for _, id := range ids {
				entries, err := s.History(k, id, model.HistoryOptions{Limit: limit})
				if err != nil {
					return fmt.Errorf("log %s: %w", id, err)
				}
				if chain {
					slices.Reverse(entries)
				}
				all = append(all, logged{id, entries})
			}
			// Who made each commit, and for whom they took its steps: the
			// people of the commits' identities and whoever the record's
			// versions name.
			var versions []model.Record
			var emails []string
			for _, l := range all {
				for _, e := range l.entries {
					emails = append(emails, e.Commit.Email)
					for _, r := range []model.Record{e.Old, e.New} {
						if r != nil {
							versions = append(versions, r)
						}
					}
				}
			}
			org, err := nr.around(ids, versions, false, emails...)
			if err != nil {
				return err
			}
			if asJSON {
				out := []map[string]any{}
				for _, l := range all {
					for _, e := range l.entries {
						m := entryJSON(org, e)
						if chain {
							m["id"] = l.id
						}
						out = append(out, m)
					}
				}
				return printJSON(a.env.Stdout, out)
			}
			w := a.env.Stdout
			for i, l := range all {
				if i > 0 {
					fmt.Fprintln(w)
				}
				printLogHeader(w, org, k, l.id, len(l.entries), limit > 0 && len(l.entries) == limit, chain)
				for _, e := range l.entries {
					fmt.Fprintln(w)
					printEntry(w, org, e)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entries as a JSON array")
	cmd.Flags().BoolVar(&chain, "chain", false, "follow supersedes/superseded_by across decisions, oldest first")
	cmd.Flags().IntVarP(&limit, "max-count", "n", 0, "show at most this many commits per record")
	return cmd
}

// historyTarget is historyTarget below, found around the record when it
// is there (the whole organisation is read only for a record that no
// longer exists or cannot be read).
func (nr *near) historyTarget(arg string) (model.Kind, string, error) {
	if nr.n != nil {
		if r, err := nr.locate(arg); err == nil {
			return r.RecordKind(), r.RecordID(), nil
		}
	}
	org, err := nr.wholeOrg()
	if err != nil {
		return "", "", err
	}
	return historyTarget(nr.s, org, arg)
}

// historyTarget resolves the record log is asked about: a record by
// unique ID prefix, or, for a record that no longer exists, its full ID
// (a handle is tried as a person, then as a team).
func historyTarget(s *gitstore.Store, org *model.Org, arg string) (model.Kind, string, error) {
	r, err := resolve(org, arg)
	if err == nil {
		return r.RecordKind(), r.RecordID(), nil
	}
	// A record whose file cannot be read now still has a history: it may
	// show who broke it.
	var broken []model.Finding
	for _, p := range org.Problems {
		if p.ID != "" && strings.HasPrefix(strings.ToUpper(p.ID), strings.ToUpper(strings.TrimSpace(arg))) {
			broken = append(broken, p)
		}
	}
	if len(broken) == 1 {
		if k, id, ok := model.KindOfPath(broken[0].File); ok {
			return k, id, nil
		}
	}
	var nf *model.NotFoundError
	if !errors.As(err, &nf) {
		return "", "", err
	}
	id := strings.TrimSpace(arg)
	if k := model.KindOfID(strings.ToUpper(id)); k != "" {
		id = strings.ToUpper(id)
		if model.CheckID(k, id) == nil {
			if h, herr := s.History(k, id, model.HistoryOptions{Limit: 1}); herr == nil && len(h) > 0 {
				return k, id, nil
			}
		}
	} else if model.IsHandle(id) {
		for _, k := range []model.Kind{model.KindPerson, model.KindTeam} {
			if h, herr := s.History(k, id, model.HistoryOptions{Limit: 1}); herr == nil && len(h) > 0 {
				return k, id, nil
			}
		}
	}
	return "", "", err
}

// supersessionChain lists the decisions linked to id by supersedes and
// superseded_by (in either record), oldest first.
func supersessionChain(org *model.Org, id string) []string {
	seen := map[string]bool{id: true}
	step := func(cur string, back bool) string {
		d := org.Decisions[cur]
		if d == nil {
			return ""
		}
		next := d.SupersededBy
		if back {
			next = d.Supersedes
		}
		if next == "" { // the link may be written on the other record only
			for _, oid := range org.IDs(model.KindDecision) {
				o := org.Decisions[oid]
				if back && o.SupersededBy == cur || !back && o.Supersedes == cur {
					next = oid
					break
				}
			}
		}
		if next == "" || seen[next] {
			return ""
		}
		seen[next] = true
		return next
	}
	chain := []string{id}
	for cur := step(id, true); cur != ""; cur = step(cur, true) {
		chain = append([]string{cur}, chain...)
	}
	for cur := step(id, false); cur != ""; cur = step(cur, false) {
		chain = append(chain, cur)
	}
	return chain
}

func printLogHeader(w io.Writer, org *model.Org, k model.Kind, id string, n int, limited, chain bool) {
	title := ""
	if r, ok := org.Get(id); ok {
		title = r.RecordTitle()
	}
	p, _ := model.PathOf(k, id)
	head := id
	if title != "" {
		head += " · " + cell(title, 0)
	}
	if chain {
		if d := org.Decisions[id]; d != nil {
			head += " · " + d.Status
		}
	}
	count := plural(n, "commit")
	if limited {
		count = "the latest " + count
	}
	fmt.Fprintf(w, "%s\n%s · %s\n", head, p, count)
	if n == 0 {
		fmt.Fprintln(w, "no commit has changed it yet")
	}
}

// authorLabel names a commit's author: the person whose e-mail it is, as
// "Mei Chen (mei)", else the git name and e-mail.
func authorLabel(org *model.Org, c model.CommitInfo) string {
	if id, ok := org.PersonByEmail(c.Email); ok {
		name := c.Author
		if p := org.People[id]; p != nil && p.Name != "" {
			name = p.Name
		}
		return model.CleanText(name, false) + " (" + id + ")"
	}
	return model.CleanText(fmt.Sprintf("%s <%s>", c.Author, c.Email), false)
}

func printEntry(w io.Writer, org *model.Org, e model.HistoryEntry) {
	c := e.Commit
	line := fmt.Sprintf("%s  %s  %s", c.Short(), c.Date.Format("2006-01-02 15:04"), authorLabel(org, c))
	if c.IsMerge() {
		line += "  (merge)"
	}
	fmt.Fprintln(w, line)
	fmt.Fprintf(w, "    %s\n", cell(c.Subject(), 0))
	for _, says := range actedFor(org, e) {
		fmt.Fprintf(w, "    %s\n", says)
	}
	switch e.Op {
	case model.HistoryCreated, model.HistoryRestored, model.HistoryDeleted:
		fmt.Fprintf(w, "    %s\n", e.Op)
	}
	if e.Problem != "" {
		fmt.Fprintf(w, "    ! %s\n", model.CleanText(e.Problem, false))
	}
	if e.Op == model.HistoryDeleted {
		return
	}
	changes := e.Changes
	if e.Op == model.HistoryCreated || e.Op == model.HistoryRestored {
		// Every field is new; the ID is in the heading already.
		changes = slices.DeleteFunc(slices.Clone(changes), func(c model.Change) bool { return c.Field == "id" })
	}
	printChanges(w, "    ", changes)
}

// printChanges writes a record's field changes readably: one line per
// field, list items added or removed whole, long text as a line diff.
func printChanges(w io.Writer, indent string, changes []model.Change) {
	for _, d := range model.DetailChanges(changes) {
		field := model.CleanText(d.Field, false)
		switch d.Op {
		case "added", "removed":
			what := ""
			if t := d.To + d.From; t != "" {
				what = fmt.Sprintf(" %q", model.CleanText(t, false))
			}
			fmt.Fprintf(w, "%s%s: %s%s\n", indent, field, d.Op, what)
		case "text":
			fmt.Fprintf(w, "%s%s:\n", indent, field)
			printLineDiff(w, indent+"    ", d.Lines)
		case "set":
			printValue(w, indent, field, d.To)
		case "cleared":
			fmt.Fprintf(w, "%s%s: %s → (none)\n", indent, field, model.CleanText(d.From, false))
		default:
			fmt.Fprintf(w, "%s%s: %s → %s\n", indent, field, model.CleanText(d.From, false), model.CleanText(d.To, false))
		}
	}
}

// printLineDiff writes the changed lines of a text with one line of
// context around each change; "…" marks lines left out.
func printLineDiff(w io.Writer, indent string, lines []model.TextEdit) {
	for _, l := range model.Excerpt(lines, 1) {
		if l.Op == "…" {
			fmt.Fprintf(w, "%s  …\n", indent)
			continue
		}
		fmt.Fprintln(w, strings.TrimRight(fmt.Sprintf("%s%s %s", indent, l.Op, model.CleanText(l.Line, false)), " "))
	}
}

func printValue(w io.Writer, indent, field, v string) {
	if !strings.Contains(strings.TrimRight(v, "\n"), "\n") {
		fmt.Fprintf(w, "%s%s: %s\n", indent, field, model.CleanText(v, false))
		return
	}
	fmt.Fprintf(w, "%s%s:\n", indent, field)
	for _, l := range strings.Split(strings.TrimRight(v, "\n"), "\n") {
		fmt.Fprintln(w, strings.TrimRight(indent+"    "+model.CleanText(l, false), " "))
	}
}

// entryJSON is one history entry for --json: commit, author, date,
// message and changes, plus the person the author maps to, what the
// commit did, and a problem when a version could not be read.
func entryJSON(org *model.Org, e model.HistoryEntry) map[string]any {
	changes := e.Changes
	if changes == nil {
		changes = []model.Change{}
	}
	m := map[string]any{
		"commit":  e.Commit.Hash,
		"parents": nonNil(e.Commit.Parents),
		"author":  e.Commit.Author,
		"email":   e.Commit.Email,
		"date":    e.Commit.Date.Format(time.RFC3339),
		"message": strings.TrimRight(e.Commit.Message, "\n"),
		"op":      string(e.Op),
		"changes": changes,
	}
	if id, ok := org.PersonByEmail(e.Commit.Email); ok {
		m["person"] = id
	}
	if e.Problem != "" {
		m["problem"] = e.Problem
	}
	if says := actedFor(org, e); len(says) > 0 {
		m["acted_for"] = says
	}
	return m
}

// actedFor says, for each step the entry's commit took on someone else's
// behalf (or as an identity nobody's e-mails hold), who it was taken by
// and for: "accepted by Raj Patel on behalf of Amara Okafor". A step taken
// by its own principal needs no line: the author line says who. accord
// verify judges whether they were allowed to.
func actedFor(org *model.Org, e model.HistoryEntry) []string {
	var out []string
	for _, a := range org.StepsOf(e) {
		if a.By == "" || a.For != "" {
			out = append(out, a.ByLine(org))
		}
	}
	return out
}

// showAt prints a record as it was at a revision or date (show --at).
func (a *app) showAt(prefix, rev string, asJSON bool) error {
	s, err := a.open()
	if err != nil {
		return err
	}
	defer s.Close()
	info, err := s.LookupCommit(rev)
	if err != nil {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("show --at %s: %w", rev, err)}
	}
	org, err := s.OrgAt(info.Hash)
	if err != nil {
		return fmt.Errorf("show --at %s: %w", rev, err)
	}
	when := info.Date.Format("2006-01-02 15:04")
	r, err := org.Resolve(prefix)
	var amb *model.AmbiguousError
	switch {
	case errors.As(err, &amb):
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("at %s: %w", rev, err)}
	case err != nil:
		for _, p := range org.Problems {
			if p.ID != "" && strings.HasPrefix(strings.ToUpper(p.ID), strings.ToUpper(prefix)) {
				return fmt.Errorf("%s could not be read at %s (commit %s): %s", p.ID, rev, info.Short(), p)
			}
		}
		name := prefix
		if now, lerr := s.Load(); lerr == nil {
			if cur, rerr := now.Resolve(prefix); rerr == nil {
				name = cur.RecordID()
			}
		}
		return fmt.Errorf("%s did not exist at %s (commit %s of %s); see accord log %s", name, rev, info.Short(), when, name)
	}
	if asJSON {
		m := recordJSON(org, r)
		if src := org.Sources[r.RecordID()]; src != nil {
			m["file"] = src.Path
		}
		m["at"] = map[string]any{"rev": rev, "commit": info.Hash, "date": info.Date.Format(time.RFC3339),
			"author": info.Author, "message": strings.TrimRight(info.Message, "\n")}
		return printJSON(a.env.Stdout, m)
	}
	fmt.Fprintf(a.env.Stdout, "as of %s: commit %s · %s · %s\n    %s\n\n", cell(rev, 0), info.Short(), when,
		authorLabel(org, info), cell(info.Subject(), 0))
	return showText(a.env.Stdout, org, r)
}
