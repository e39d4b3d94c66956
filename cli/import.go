package cli

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
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
				author := as
				if author == "" {
					if author, err = currentPerson(s, org); err != nil {
						return fmt.Errorf("check-ins need an author: %w", err)
					}
				} else if org.People[author] == nil {
					return usageError("--as %q is not a person in people/", as)
				}
				im.setAuthor(author)
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
			a.printResult(res)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "csv", "", "the CSV file to import")
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print what would be created, and write nothing")
	cmd.Flags().StringVar(&as, "as", "", "author of the check-ins (default: the person whose e-mail is your git e-mail)")
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

// Import fields, and the header names (lower case, with spaces, _ and -
// read alike) that mean each.
const (
	colObjective = "objective"
	colKR        = "key result"
	colTitle     = "title" // accord export's layout, with level
	colLevel     = "level"
	colOwner     = "owner"
	colTeam      = "team"
	colPeriod    = "period"
	colBaseline  = "baseline"
	colTarget    = "target"
	colCurrent   = "current"
	colUnit      = "unit"
	colDirection = "direction"
	colCadence   = "cadence"
	colStrategic = "strategic goal"
)

var headerAliases = map[string][]string{
	colObjective: {"objective", "objectives", "objective title", "objective name", "o", "parent title"},
	colKR:        {"key result", "key results", "kr", "krs", "key result title", "key result name", "result"},
	colTitle:     {"title"},
	colLevel:     {"level"},
	colOwner:     {"owner", "kr owner", "key result owner", "assignee"},
	colTeam:      {"team", "department", "dept"},
	colPeriod:    {"period", "quarter", "cycle", "timeframe", "time frame"},
	colBaseline:  {"baseline", "start", "start value", "starting value", "initial value", "from"},
	colTarget:    {"target", "target value", "goal value", "to"},
	colCurrent:   {"current", "current value", "actual", "actual value", "value", "latest"},
	colUnit:      {"unit", "units", "metric unit", "uom"},
	colDirection: {"direction"},
	colCadence:   {"cadence", "check-in cadence", "check in cadence"},
	colStrategic: {"strategic goal", "strategy"},
}

var headerSpaces = regexp.MustCompile(`[\s_\-]+`)

func headerKey(s string) string {
	return strings.TrimSpace(headerSpaces.ReplaceAllString(strings.ToLower(strings.TrimSpace(s)), " "))
}

// importRow is one key result as read from a row, resolved and checked.
type importRow struct {
	line                int
	objective, kr       string
	owner, team, period string
	strategic           string // goal ID, or ""
	metric              model.Metric
	current             *float64
	cadence             string
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

// parse reads the CSV into rows, reporting every bad row.
func (im *goalImport) parse(data []byte) ([]importRow, []string) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniffComma(data)
	cr.FieldsPerRecord = 0 // the header's count
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, []string{im.at(1, "the file is empty; want a header row and one key result per row")}
	}
	if err != nil {
		return nil, []string{im.at(1, "%v", csvErr(err))}
	}
	cols := map[string]int{}
	var problems []string
	for i, h := range header {
		key := headerKey(unquoteCell(h))
		field := ""
		for f, aliases := range headerAliases {
			if slices.Contains(aliases, key) {
				field = f
			}
		}
		if field == "" {
			if key != "" {
				im.ignored = append(im.ignored, strings.TrimSpace(h))
			}
			continue
		}
		if j, dup := cols[field]; dup {
			problems = append(problems, im.at(1, "columns %d (%q) and %d (%q) both mean %s", j+1, header[j], i+1, h, field))
			continue
		}
		cols[field] = i
	}
	// accord export's layout: title and level, with parent_title as the
	// objective.
	if _, ok := cols[colKR]; !ok {
		_, hasTitle := cols[colTitle]
		_, hasLevel := cols[colLevel]
		if hasTitle && hasLevel {
			cols[colKR] = cols[colTitle]
		}
	}
	for _, need := range []string{colObjective, colKR, colOwner, colBaseline, colTarget} {
		if _, ok := cols[need]; !ok {
			problems = append(problems, im.at(1, "no %s column; the header needs objective, key result, owner, baseline and target (and may have team, period, current, unit)", need))
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}

	type krKey struct{ objective, period, kr string }
	seen := map[krKey]int{}
	var rows []importRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				problems = append(problems, im.at(pe.StartLine, "the row has %d columns; the header has %d", len(rec), len(header)))
				continue
			}
			// After a quoting error the reader cannot tell where the next
			// row starts, so reading stops here.
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			problems = append(problems, im.at(line, "%v", csvErr(err)))
			break
		}
		line, _ := cr.FieldPos(0)
		get := func(field string) string {
			if i, ok := cols[field]; ok && i < len(rec) {
				return strings.TrimSpace(unquoteCell(rec[i]))
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue
		}
		if _, ok := cols[colLevel]; ok && get(colLevel) != model.LevelKeyResult {
			im.skipped++
			continue
		}
		row, errs := im.row(line, get)
		if len(errs) > 0 {
			problems = append(problems, errs...)
			continue
		}
		key := krKey{strings.ToLower(row.objective), row.period, strings.ToLower(row.kr)}
		if first, dup := seen[key]; dup {
			problems = append(problems, im.at(line, "key result %q of objective %q (%s) is already on line %d", row.kr, row.objective, row.period, first))
			continue
		}
		seen[key] = line
		rows = append(rows, row)
	}
	if len(problems) == 0 && len(rows) == 0 {
		problems = append(problems, im.at(1, "no key results to import"))
	}
	return rows, problems
}

// row checks and resolves one row; every problem is reported, not just
// the first.
func (im *goalImport) row(line int, get func(string) string) (importRow, []string) {
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, im.at(line, format, args...)) }
	r := importRow{line: line, objective: get(colObjective), kr: get(colKR)}
	if r.objective == "" {
		bad("the objective is empty")
	}
	if r.kr == "" {
		bad("the key result is empty")
	}
	if owner := get(colOwner); owner == "" {
		bad("the owner is empty; name a person by handle, name or e-mail")
	} else if id, err := findPerson(im.org, owner); err != nil {
		bad("owner: %v", err)
	} else {
		r.owner = id
	}
	switch team := get(colTeam); {
	case team != "":
		id, err := findTeam(im.org, team)
		if err != nil {
			bad("team: %v", err)
		}
		r.team = id
	case r.owner != "":
		if p := im.org.People[r.owner]; len(p.Teams) > 0 {
			r.team = p.Teams[0]
		}
	}
	switch p := get(colPeriod); {
	case p == "" && im.org.Config.CurrentPeriod != "":
		r.period = im.org.Config.CurrentPeriod
	case p == "":
		bad("the period is empty and accord.yaml sets no current_period")
	default:
		if r.period = normalizePeriod(im.org, p); r.period == "" {
			bad("period %q is not a year (2026), a half (2026-H1) or a quarter (2026-Q4)", p)
		}
	}
	var pct bool
	var ok bool
	var baseline, target float64
	if baseline, pct, ok = parseNumber(get(colBaseline)); !ok {
		bad("baseline %q is not a number", get(colBaseline))
	}
	var tpct bool
	if target, tpct, ok = parseNumber(get(colTarget)); !ok {
		bad("target %q is not a number", get(colTarget))
	}
	pct = pct || tpct
	if c := get(colCurrent); c != "" {
		v, cpct, ok := parseNumber(c)
		if !ok {
			bad("current %q is not a number", c)
		}
		r.current, pct = &v, pct || cpct
	}
	r.metric = model.Metric{Unit: get(colUnit), Baseline: baseline, Target: target, Direction: "increase"}
	if target < baseline {
		r.metric.Direction = "decrease"
	}
	if r.metric.Unit == "" && pct {
		r.metric.Unit = "%"
	}
	if d := strings.ToLower(get(colDirection)); d != "" {
		if !slices.Contains(model.MetricDirections, d) {
			bad("direction %q: want increase or decrease", get(colDirection))
		}
		r.metric.Direction = d
	}
	if c := strings.ToLower(get(colCadence)); c != "" {
		if !slices.Contains(model.Cadences, c) {
			bad("cadence %q: want one of %s", get(colCadence), strings.Join(model.Cadences, ", "))
		}
		r.cadence = c
	}
	if sg := get(colStrategic); sg != "" {
		id, err := findGoal(im.org, sg, model.LevelStrategic, model.LevelObjective)
		if err != nil {
			bad("strategic goal: %v", err)
		}
		r.strategic = id
	}
	return r, errs
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

func (im *goalImport) setAuthor(author string) {
	for _, o := range im.objectives {
		for _, kr := range o.results {
			if kr.checkIn != nil {
				kr.checkIn.Author = author
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

// sniffComma picks the delimiter of the header line: a comma, or the
// semicolon or tab that spreadsheets in some locales write.
func sniffComma(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if m := bytes.Count(line, []byte(string(c))); m > n {
			best, n = c, m
		}
	}
	return best
}

func csvErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var thousands = regexp.MustCompile(`^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$`)

// parseNumber reads a spreadsheet number: 14, -2.5, 1,200, 45%. pct is
// true when it ended in %.
func parseNumber(s string) (v float64, pct, ok bool) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "%") {
		s, pct = strings.TrimSpace(strings.TrimSuffix(s, "%")), true
	}
	if thousands.MatchString(s) {
		s = strings.ReplaceAll(s, ",", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || s == "" || strings.ContainsAny(s, "xXpPnN") { // no hex, Inf or NaN
		return 0, pct, false
	}
	return v, pct, true
}

var (
	periodQuarterFirst = regexp.MustCompile(`^([QH])([1-4])[\s\-/]*(\d{4})$`)
	periodYearFirst    = regexp.MustCompile(`^(\d{4})[\s\-/]*([QH])([1-4])$`)
)

// normalizePeriod reads the ways spreadsheets write a period — 2026-Q4,
// 2026 Q4, Q4 2026, q4-2026, 2026 — as Accord writes it, or a period
// accord.yaml lists. It returns "" for anything else.
func normalizePeriod(org *model.Org, s string) string {
	s = strings.TrimSpace(s)
	for _, p := range org.Config.Periods {
		if strings.EqualFold(p, s) {
			return p
		}
	}
	u := strings.ToUpper(s)
	var p string
	if m := periodQuarterFirst.FindStringSubmatch(u); m != nil {
		p = m[3] + "-" + m[1] + m[2]
	} else if m := periodYearFirst.FindStringSubmatch(u); m != nil {
		p = m[1] + "-" + m[2] + m[3]
	} else {
		p = u
	}
	if _, _, ok := model.PeriodRange(p); ok {
		return p
	}
	return ""
}

// findPerson resolves a person by handle, e-mail or name, in any case.
func findPerson(org *model.Org, s string) (string, error) {
	if org.People[s] != nil {
		return s, nil
	}
	if id, ok := org.PersonByEmail(s); ok {
		return id, nil
	}
	var found []string
	for _, id := range org.IDs(model.KindPerson) {
		if p := org.People[id]; strings.EqualFold(id, s) || strings.EqualFold(strings.TrimSpace(p.Name), s) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("%q is not a person in people/ (by handle, name or e-mail)", s)
	}
	return "", fmt.Errorf("%q matches several people: %s; use the handle", s, strings.Join(found, ", "))
}

// findGoal resolves a goal of one of the levels by ID prefix or title.
func findGoal(org *model.Org, s string, levels ...string) (string, error) {
	if r, err := org.Resolve(s); err == nil {
		if g, ok := r.(*model.Goal); ok && slices.Contains(levels, g.Level) {
			return g.ID, nil
		}
	}
	var found []string
	for _, id := range org.IDs(model.KindGoal) {
		if g := org.Goals[id]; slices.Contains(levels, g.Level) && strings.EqualFold(strings.TrimSpace(g.Title), s) {
			found = append(found, id)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("no %s has the ID or title %q", strings.Join(levels, " or "), s)
	}
	return "", fmt.Errorf("%q matches several goals: %s; use the ID", s, strings.Join(found, ", "))
}
