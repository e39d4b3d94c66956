package cli

// Reading a spreadsheet of key results for accord import: the header's
// columns under their many names, then each row checked and resolved
// (people, teams, periods, numbers), every problem reported with its line.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/accordhq/accord/model"
)

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
	cols, problems := im.columns(header)
	if len(problems) > 0 {
		return nil, problems
	}
	rows, problems := im.rows(cr, cols, len(header))
	if len(problems) == 0 && len(rows) == 0 {
		problems = append(problems, im.at(1, "no key results to import"))
	}
	return rows, problems
}

// columns reads the header: which column holds which field. Columns it
// does not know are remembered as ignored.
func (im *goalImport) columns(header []string) (map[string]int, []string) {
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
	return cols, problems
}

// rows reads the rows after the header: key results, each once.
func (im *goalImport) rows(cr *csv.Reader, cols map[string]int, width int) ([]importRow, []string) {
	type krKey struct{ objective, period, kr string }
	seen := map[krKey]int{}
	var rows []importRow
	var problems []string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount) {
				problems = append(problems, im.at(pe.StartLine, "the row has %d columns; the header has %d", len(rec), width))
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
	im.rowPeople(&r, get, bad)
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
	rowMetric(&r, get, bad)
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

// rowPeople resolves a row's owner and team; with no team, the owner's
// first.
func (im *goalImport) rowPeople(r *importRow, get func(string) string, bad func(string, ...any)) {
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
}

// rowMetric reads a row's metric and current value: a percentage anywhere
// makes the unit %, and the direction follows from baseline and target
// unless a column says it.
func rowMetric(r *importRow, get func(string) string, bad func(string, ...any)) {
	baseline, pct, ok := parseNumber(get(colBaseline))
	if !ok {
		bad("baseline %q is not a number", get(colBaseline))
	}
	target, tpct, ok := parseNumber(get(colTarget))
	if !ok {
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
