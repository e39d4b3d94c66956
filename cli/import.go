package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// maxImportBytes caps the spreadsheet an import reads.
const maxImportBytes = 10 << 20

func (a *app) importCmd() *cobra.Command {
	var file, as string
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import goals --csv FILE [--dry-run]",
		Short: "Import objectives and key results from an OKR spreadsheet (CSV)",
		Long: `Import objectives and key results from a CSV file with a header row and one
key result per row: objective, key result, owner, team, period, baseline,
target, current (see docs/report.md for the header names it recognises, such
as "Key Result", "KR", "Start" or "Actual").

Rows with the same objective share one objective goal: an existing objective
with that title in that period, or a new one. Each key result becomes a
key_result goal with a metric from baseline to target (decrease when the
target is below the baseline); with a current value, a check-in records it.

Accord first prints what it would create. Every bad row is reported as
FILE:LINE: message, and then nothing is imported; everything is validated
before it is written, and the whole import is one commit. --dry-run only
prints the plan.`,
		Example: `  accord import goals --csv okrs.csv --dry-run
  accord import goals --csv okrs.csv
  accord export goals --csv > goals.csv && accord -C ../other import goals --csv goals.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if k, err := model.ParseKind(args[0]); err != nil || k != model.KindGoal {
				return usageError("accord import reads goals only: accord import goals --csv FILE")
			}
			if file == "" {
				return usageError("--csv FILE is required")
			}
			data, err := readImportFile(file)
			if err != nil {
				return err
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			im := &goalImport{org: org, file: filepath.Base(file), today: a.env.Now()}
			rows, problems := im.parse(data)
			if len(problems) == 0 {
				problems = im.plan(rows)
			}
			if len(problems) > 0 {
				for _, p := range problems {
					fmt.Fprintln(a.env.Stderr, model.CleanText(p, false))
				}
				return &ExitError{Code: ExitFailure, Err: fmt.Errorf("%s: %s; nothing imported", im.file, plural(len(problems), "problem"))}
			}
			if im.checkIns() > 0 {
				who, _, err := actor(s, org)
				if err != nil {
					return err
				}
				author := as
				if author == "" {
					if author, err = currentPerson(s, org); err != nil {
						return fmt.Errorf("check-ins need an author: %w", err)
					}
				} else if org.People[author] == nil {
					return usageError("--as %q is not a person in people/", as)
				}
				im.setAuthor(author, who)
			}
			im.print(a.env.Stdout)
			if dryRun {
				fmt.Fprintln(a.env.Stderr, "dry run: nothing written")
				return nil
			}
			recs := im.records()
			if len(recs) == 0 {
				fmt.Fprintln(a.env.Stderr, "nothing to import")
				return nil
			}
			who, email, err := actor(s, org)
			if err != nil {
				return err
			}
			var edits []model.Edit
			for _, r := range recs {
				edits = append(edits, model.Edit{New: r})
			}
			if err := checkSteps(org, who, email, edits...); err != nil {
				return err
			}
			if err := im.validate(recs); err != nil {
				return err
			}
			res, err := s.Transact(im.message(recs), func(tx *gitstore.Tx) error {
				for _, r := range recs {
					if err := tx.Create(r); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
			return a.printResult(res, "")
		},
	}
	cmd.Flags().StringVar(&file, "csv", "", "the CSV file to import")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be created, and write nothing")
	cmd.Flags().BoolVar(&a.asJSON, "json", false, "print the commit and the records created as JSON")
	cmd.Flags().StringVar(&as, "as", "", "author of the check-ins, who names you among their delegates (default: yourself, the person whose e-mail is your git e-mail)")
	return cmd
}

func readImportFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxImportBytes {
		return nil, fmt.Errorf("%s is larger than %d MB; split it", name, maxImportBytes>>20)
	}
	return data, nil
}

// goalImport is one import: the organisation it goes into, the objectives
// and key results it would create or reuse, and the check-ins.
type goalImport struct {
	org   *model.Org
	file  string
	today time.Time

	skipped    int      // rows of accord export's layout that are not key results
	ignored    []string // header names not used
	objectives []*importObjective
	lineOf     map[string]int // new record ID → its row's line
}

type importObjective struct {
	goal    *model.Goal // new, or the existing one
	isNew   bool
	results []*importKR
}

type importKR struct {
	goal    *model.Goal
	isNew   bool
	checkIn *model.Update
	why     string // why the check-in's health is what it is
	line    int
}

func (im *goalImport) at(line int, format string, args ...any) string {
	return fmt.Sprintf("%s:%d: %s", im.file, line, fmt.Sprintf(format, args...))
}

// plan groups the rows into objectives and key results, new or existing,
// and makes their records and check-ins.
func (im *goalImport) plan(rows []importRow) []string {
	var problems []string
	im.lineOf = map[string]int{}
	byKey := map[string]*importObjective{}
	for _, r := range rows {
		key := strings.ToLower(r.objective) + "\x00" + r.period
		obj := byKey[key]
		if obj == nil {
			existing, err := im.existingObjective(r.objective, r.period)
			if err != nil {
				problems = append(problems, im.at(r.line, "%v", err))
				continue
			}
			obj = &importObjective{goal: existing}
			if existing == nil {
				obj.isNew = true
				obj.goal = &model.Goal{ID: model.NewID(model.KindGoal), Title: r.objective, Level: model.LevelObjective,
					Parent: r.strategic, Owner: r.owner, Team: r.team, Period: r.period, State: "active"}
				im.lineOf[obj.goal.ID] = r.line
			}
			byKey[key] = obj
			im.objectives = append(im.objectives, obj)
		}
		kr := &importKR{line: r.line}
		if !obj.isNew {
			kr.goal = im.existingKR(obj.goal.ID, r.kr)
		}
		if kr.goal == nil {
			m := r.metric
			kr.isNew = true
			kr.goal = &model.Goal{ID: model.NewID(model.KindGoal), Title: r.kr, Level: model.LevelKeyResult,
				Parent: obj.goal.ID, Owner: r.owner, Team: r.team, Period: r.period, Metric: &m, State: "active", Cadence: r.cadence}
			im.lineOf[kr.goal.ID] = r.line
		}
		if r.current != nil && kr.goal.Metric != nil {
			if prev, ok := im.org.CurrentValue(kr.goal.ID); !ok || prev != *r.current || kr.isNew {
				health, why := importHealth(*kr.goal.Metric, *r.current, kr.goal.Period, im.today)
				u := &model.Update{ID: model.NewID(model.KindUpdate), Target: kr.goal.ID, Date: im.today.Format(time.DateOnly),
					Health: health, Value: r.current,
					Summary: fmt.Sprintf("%s, imported from %s.", valueWords(*r.current, kr.goal.Metric.Unit), im.file)}
				if health != model.HealthOnTrack {
					u.Problems = []string{why}
				}
				kr.checkIn, kr.why = u, why
				im.lineOf[u.ID] = r.line
			}
		}
		obj.results = append(obj.results, kr)
	}
	return problems
}

// existingObjective finds the objective with this title (in any case) in
// this period.
func (im *goalImport) existingObjective(title, period string) (*model.Goal, error) {
	var found []*model.Goal
	for _, id := range im.org.IDs(model.KindGoal) {
		g := im.org.Goals[id]
		if g.Level == model.LevelObjective && g.Period == period && strings.EqualFold(strings.TrimSpace(g.Title), title) {
			found = append(found, g)
		}
	}
	switch len(found) {
	case 0:
		return nil, nil
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, g := range found {
		ids[i] = g.ID
	}
	return nil, fmt.Errorf("objective %q matches %d goals in %s (%s); rename one so the import knows which", title, len(found), period, strings.Join(ids, ", "))
}

// existingKR finds a key result with this title under an objective.
func (im *goalImport) existingKR(objective, title string) *model.Goal {
	for _, id := range im.org.Children(objective) {
		if g := im.org.Goals[id]; g.Level == model.LevelKeyResult && strings.EqualFold(strings.TrimSpace(g.Title), title) {
			return g
		}
	}
	return nil
}

// behindBy is how far a key result's progress may trail the share of its
// period gone before an imported check-in says at risk.
const behindBy = 0.25

// importHealth is an imported value's health: on track, or at risk when
// its progress from baseline to target trails the share of the period
// that has passed by more than behindBy.
func importHealth(m model.Metric, value float64, period string, today time.Time) (string, string) {
	progress := model.MetricProgress(m, value)
	first, last, ok := model.PeriodRange(period)
	if !ok {
		return model.HealthOnTrack, ""
	}
	y, mo, d := today.Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	total := last.AddDate(0, 0, 1).Sub(first).Hours()
	gone := min(max(day.Sub(first).Hours()/total, 0), 1)
	where := fmt.Sprintf("%d%% of the way to the target with %d%% of %s gone", int(progress*100+0.5), int(gone*100+0.5), period)
	if progress < gone-behindBy {
		return model.HealthAtRisk, "behind: " + where
	}
	return model.HealthOnTrack, where
}

func valueWords(v float64, unit string) string {
	s := number(v)
	switch unit {
	case "":
	case "%":
		s += "%"
	default:
		s += " " + unit
	}
	return s
}

func (im *goalImport) checkIns() int {
	n := 0
	for _, o := range im.objectives {
		for _, kr := range o.results {
			if kr.checkIn != nil {
				n++
			}
		}
	}
	return n
}

// setAuthor makes author the author of every check-in, posted by who (the
// person running the import) when that is someone else.
func (im *goalImport) setAuthor(author, who string) {
	for _, o := range im.objectives {
		for _, kr := range o.results {
			if kr.checkIn != nil {
				kr.checkIn.Author = author
				if who != author {
					kr.checkIn.PostedBy = who
				}
			}
		}
	}
}

// records are the records the import creates, parents first.
func (im *goalImport) records() []model.Record {
	var out []model.Record
	for _, o := range im.objectives {
		if o.isNew {
			out = append(out, o.goal)
		}
		for _, kr := range o.results {
			if kr.isNew {
				out = append(out, kr.goal)
			}
		}
	}
	for _, o := range im.objectives {
		for _, kr := range o.results {
			if kr.checkIn != nil {
				out = append(out, kr.checkIn)
			}
		}
	}
	return out
}

// counts says how many objectives, key results and check-ins the import
// creates, and how many it reuses.
func (im *goalImport) counts() (newObj, oldObj, newKR, oldKR, checkIns int) {
	for _, o := range im.objectives {
		if o.isNew {
			newObj++
		} else {
			oldObj++
		}
		for _, kr := range o.results {
			if kr.isNew {
				newKR++
			} else {
				oldKR++
			}
			if kr.checkIn != nil {
				checkIns++
			}
		}
	}
	return
}

// print says what the import would create, one line per record: + new,
// = already there.
func (im *goalImport) print(w io.Writer) {
	newObj, oldObj, newKR, oldKR, checkIns := im.counts()
	fmt.Fprintf(w, "%s: %s, %s, %s\n", im.file,
		withExisting(newObj, oldObj, "new objective"),
		withExisting(newKR, oldKR, "new key result"),
		plural(checkIns, "check-in"))
	for _, o := range im.objectives {
		g := o.goal
		mark, id := "+", ""
		if !o.isNew {
			mark, id = "=", " "+g.ID
		}
		fmt.Fprintf(w, "%s objective%s  %s · %s · %s · %s\n", mark, id, cell(g.Title, 0), cell(g.Team, 0), cell(g.Owner, 0), cell(g.Period, 0))
		for _, kr := range o.results {
			k := kr.goal
			mark, id := "+", ""
			if !kr.isNew {
				mark, id = "=", " "+k.ID
			}
			metric := ""
			if m := k.Metric; m != nil {
				metric = fmt.Sprintf(" · %s → %s (%s)", number(m.Baseline), valueWords(m.Target, m.Unit), m.Direction)
			}
			fmt.Fprintf(w, "  %s key result%s  %s · %s%s\n", mark, id, cell(k.Title, 0), cell(k.Owner, 0), metric)
			if u := kr.checkIn; u != nil {
				fmt.Fprintf(w, "    + check-in  %s, %s (%s)\n", valueWords(*u.Value, k.Metric.Unit), healthLabel(u.Health), kr.why)
			}
		}
	}
	if im.skipped > 0 {
		fmt.Fprintf(w, "skipped %s that are not key results (level column)\n", plural(im.skipped, "row"))
	}
	if len(im.ignored) > 0 {
		fmt.Fprintf(w, "ignored columns: %s\n", cell(strings.Join(im.ignored, ", "), 0))
	}
}

func withExisting(n, existing int, what string) string {
	s := plural(n, what)
	if existing > 0 {
		s += fmt.Sprintf(" (and %d existing)", existing)
	}
	return s
}

// validate adds the records to the organisation and refuses the import if
// that adds validation errors, naming the row each comes from.
func (im *goalImport) validate(recs []model.Record) error {
	opts := model.ValidateOptions{Today: im.today}
	before := map[string]bool{}
	for _, f := range model.Validate(im.org, opts) {
		if f.Severity == model.SeverityError {
			before[f.ID+"\x00"+f.Rule+"\x00"+f.Message] = true
		}
	}
	for _, r := range recs {
		p, _ := model.PathOf(r.RecordKind(), r.RecordID())
		im.org.Add(r, &model.Source{Path: p})
	}
	im.org.Index()
	var problems []string
	for _, f := range model.Validate(im.org, opts) {
		if f.Severity != model.SeverityError || before[f.ID+"\x00"+f.Rule+"\x00"+f.Message] {
			continue
		}
		where := im.file
		if line, ok := im.lineOf[f.ID]; ok {
			where = fmt.Sprintf("%s:%d", im.file, line)
		}
		problems = append(problems, fmt.Sprintf("%s: %s: %s [%s]", where, f.ID, model.CleanText(f.Message, false), f.Rule))
	}
	if len(problems) > 0 {
		return fmt.Errorf("import refused; it would add %s:\n  %s", plural(len(problems), "validation error"), strings.Join(problems, "\n  "))
	}
	return nil
}

// message is the commit message: what was imported from where, then one
// line per record.
func (im *goalImport) message(recs []model.Record) string {
	newObj, _, newKR, _, checkIns := im.counts()
	var b strings.Builder
	fmt.Fprintf(&b, "goals: import %s, %s and %s from %s\n\n", plural(newObj, "objective"),
		plural(newKR, "key result"), plural(checkIns, "check-in"), im.file)
	for _, r := range recs {
		b.WriteString("- " + model.CommitMessage(nil, r) + "\n")
	}
	return b.String()
}
