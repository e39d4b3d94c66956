package cli

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) exportCmd() *cobra.Command {
	var asJSON, asCSV bool
	cmd := &cobra.Command{
		Use:   "export [KIND] [--json | --csv]",
		Short: "Export records as JSON or CSV for spreadsheets and other tools",
		Long: `Export records with stable, documented columns and fields (docs/report.md).

--json (the default) prints one kind as an array, or, with no KIND, every kind
as an object keyed by kind: goals, updates, decisions, raci, handoffs,
answers, pulses, retros, people, teams. Records carry their fields under their YAML names plus kind; goals also
carry the computed health, progress (0 to 1) and current value.

--csv prints one kind as CSV (RFC 4180, CRLF line ends, a header row). Lists
are joined with "; ". A cell that starts with =, +, -, @, a tab or a carriage
return is prefixed with a single quote (') so that no spreadsheet runs it as a
formula; plain numbers such as -5 are left as they are. accord import strips
the quote again.`,
		Example: `  accord export > northwind.json
  accord export goals --csv > goals.csv
  accord export decisions --json | jq '.[] | select(.status == "accepted")'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if asJSON && asCSV {
				return usageError("choose --json or --csv, not both")
			}
			var kind model.Kind
			if len(args) == 1 {
				k, err := model.ParseKind(args[0])
				if err != nil {
					return usageError("%v", err)
				}
				kind = k
			}
			if asCSV && kind == "" {
				return usageError("--csv exports one kind: accord export goals --csv (or updates, decisions, raci, handoffs, answers, pulses, retros, people, teams)")
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			if n := len(org.Problems); n > 0 {
				fmt.Fprintf(a.env.Stderr, "accord: %d files could not be read and are not exported; run accord validate\n", n)
			}
			switch {
			case asCSV:
				return exportCSV(a.env.Stdout, org, kind)
			case kind != "":
				return printJSON(a.env.Stdout, exportJSON(org, kind))
			}
			all := map[string][]map[string]any{}
			for _, k := range model.Kinds {
				all[k.Plural()] = exportJSON(org, k)
			}
			return printJSON(a.env.Stdout, all)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (the default)")
	cmd.Flags().BoolVar(&asCSV, "csv", false, "print CSV; needs a KIND")
	return cmd
}

func exportJSON(org *model.Org, k model.Kind) []map[string]any {
	out := []map[string]any{}
	for _, id := range org.IDs(k) {
		r, _ := org.Get(id)
		out = append(out, recordJSON(org, r))
	}
	return out
}

// csvColumn is one column of a kind's CSV export: its header and how to
// read the cell from a record.
type csvColumn struct {
	name string
	cell func(org *model.Org, r model.Record) string
}

// exportColumns lists each kind's CSV columns, in order. The names and the
// order are a stable interface (docs/report.md): add columns at the end.
var exportColumns = map[model.Kind][]csvColumn{
	model.KindGoal: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"level", goalField(func(g *model.Goal) string { return g.Level })},
		{"title", goalField(func(g *model.Goal) string { return g.Title })},
		{"parent", goalField(func(g *model.Goal) string { return g.Parent })},
		{"parent_title", func(org *model.Org, r model.Record) string {
			if p := org.Goals[r.(*model.Goal).Parent]; p != nil {
				return p.Title
			}
			return ""
		}},
		{"owner", goalField(func(g *model.Goal) string { return g.Owner })},
		{"team", goalField(func(g *model.Goal) string { return g.Team })},
		{"period", goalField(func(g *model.Goal) string { return g.Period })},
		{"state", goalField(func(g *model.Goal) string { return g.State })},
		{"outcome", goalField(func(g *model.Goal) string { return g.Outcome })},
		{"cadence", goalField(func(g *model.Goal) string { return g.Cadence })},
		{"weight", goalField(func(g *model.Goal) string { return optNumber(g.Weight) })},
		{"unit", goalMetric(func(m *model.Metric) string { return m.Unit })},
		{"baseline", goalMetric(func(m *model.Metric) string { return number(m.Baseline) })},
		{"target", goalMetric(func(m *model.Metric) string { return number(m.Target) })},
		{"direction", goalMetric(func(m *model.Metric) string { return m.Direction })},
		{"current", func(org *model.Org, r model.Record) string {
			if v, ok := org.CurrentValue(r.RecordID()); ok {
				return number(v)
			}
			return ""
		}},
		{"health", func(org *model.Org, r model.Record) string { return org.Health(r.RecordID()) }},
		{"progress", func(org *model.Org, r model.Record) string {
			if p, ok := org.Progress(r.RecordID()); ok {
				return number(round3(p))
			}
			return ""
		}},
		{"description", goalField(func(g *model.Goal) string { return g.Description })},
		{"links", goalField(func(g *model.Goal) string { return joinList(g.Links) })},
		{"depends_on", goalField(func(g *model.Goal) string { return joinList(g.DependsOn) })},
		{"blocked_by", func(org *model.Org, r model.Record) string {
			var ids []string
			for _, b := range org.BlockedBy(r.RecordID(), org.Today) {
				ids = append(ids, b.ID+" ("+b.Reason+")")
			}
			return joinList(ids)
		}},
	},
	model.KindUpdate: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"target", updateField(func(u *model.Update) string { return u.Target })},
		{"target_title", func(org *model.Org, r model.Record) string {
			if g := org.Goals[r.(*model.Update).Target]; g != nil {
				return g.Title
			}
			return ""
		}},
		{"date", updateField(func(u *model.Update) string { return u.Date })},
		{"author", updateField(func(u *model.Update) string { return u.Author })},
		{"health", updateField(func(u *model.Update) string { return u.Health })},
		{"value", updateField(func(u *model.Update) string { return optNumber(u.Value) })},
		{"confidence", updateField(func(u *model.Update) string { return optNumber(u.Confidence) })},
		{"summary", updateField(func(u *model.Update) string { return u.Summary })},
		{"problems", updateField(func(u *model.Update) string { return joinList(u.Problems) })},
		{"plans", updateField(func(u *model.Update) string { return joinList(u.Plans) })},
		{"asks", updateField(func(u *model.Update) string {
			var asks []string
			for _, a := range u.Asks {
				asks = append(asks, a.Addressee()+": "+a.What)
			}
			return joinList(asks)
		})},
		{"wins", updateField(func(u *model.Update) string { return joinList(u.Wins) })},
	},
	model.KindDecision: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"title", decisionField(func(d *model.Decision) string { return d.Title })},
		{"status", decisionField(func(d *model.Decision) string { return d.Status })},
		{"date", decisionField(func(d *model.Decision) string { return d.Date })},
		{"driver", decisionField(func(d *model.Decision) string { return d.Driver })},
		{"approver", decisionField(func(d *model.Decision) string { return d.Approver })},
		{"decision_makers", decisionField(func(d *model.Decision) string { return joinList(d.DecisionMakers) })},
		{"consulted", decisionField(func(d *model.Decision) string { return joinList(d.Consulted) })},
		{"informed", decisionField(func(d *model.Decision) string { return joinList(d.Informed) })},
		{"chosen", decisionField(func(d *model.Decision) string {
			if d.Outcome == nil {
				return ""
			}
			return d.Outcome.Chosen
		})},
		{"chosen_title", decisionField(func(d *model.Decision) string {
			if d.Outcome == nil {
				return ""
			}
			for _, o := range d.Options {
				if o.ID == d.Outcome.Chosen {
					return o.Title
				}
			}
			return ""
		})},
		{"rationale", decisionField(func(d *model.Decision) string {
			if d.Outcome == nil {
				return ""
			}
			return d.Outcome.Rationale
		})},
		{"options", decisionField(func(d *model.Decision) string {
			var titles []string
			for _, o := range d.Options {
				titles = append(titles, o.Title)
			}
			return joinList(titles)
		})},
		{"goals", decisionField(func(d *model.Decision) string { return joinList(d.Goals) })},
		{"supersedes", decisionField(func(d *model.Decision) string { return d.Supersedes })},
		{"superseded_by", decisionField(func(d *model.Decision) string { return d.SupersededBy })},
		{"review_by", decisionField(func(d *model.Decision) string { return d.ReviewBy })},
		{"tags", decisionField(func(d *model.Decision) string { return joinList(d.Tags) })},
		{"context", decisionField(func(d *model.Decision) string { return d.Context })},
		{"consequences", decisionField(func(d *model.Decision) string { return d.Consequences })},
	},
	model.KindRACI: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"title", raciField(func(x *model.RACI) string { return x.Title })},
		{"state", raciField(func(x *model.RACI) string { return x.State })},
		{"due", raciField(func(x *model.RACI) string { return x.Due })},
		{"subject_kind", raciField(func(x *model.RACI) string { return x.Subject.Kind })},
		{"subject", raciField(func(x *model.RACI) string {
			if x.Subject.ID != "" {
				return x.Subject.ID
			}
			return x.Subject.Name
		})},
		{"accountable", raciField(func(x *model.RACI) string { return joinList(x.Accountable) })},
		{"responsible", raciField(func(x *model.RACI) string { return joinList(x.Responsible) })},
		{"consulted", raciField(func(x *model.RACI) string { return joinList(x.Consulted) })},
		{"informed", raciField(func(x *model.RACI) string { return joinList(x.Informed) })},
	},
	model.KindHandoff: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"title", handoffField(func(h *model.Handoff) string { return h.Title })},
		{"state", handoffField(func(h *model.Handoff) string { return h.State })},
		{"due", handoffField(func(h *model.Handoff) string { return h.Due })},
		{"from_team", handoffField(func(h *model.Handoff) string { return h.From.Team })},
		{"from_owner", handoffField(func(h *model.Handoff) string { return h.From.Owner })},
		{"to_team", handoffField(func(h *model.Handoff) string { return h.To.Team })},
		{"to_owner", handoffField(func(h *model.Handoff) string { return h.To.Owner })},
		{"deliverables", handoffField(func(h *model.Handoff) string {
			var titles []string
			for _, d := range h.Deliverables {
				titles = append(titles, d.Title)
			}
			return joinList(titles)
		})},
		{"expectations", handoffField(func(h *model.Handoff) string { return h.Expectations })},
	},
	model.KindAnswer: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"ask", answerField(func(x *model.Answer) string { return x.Ask })},
		{"to", func(org *model.Org, r model.Record) string {
			if ref, err := model.ParseAskRef(r.(*model.Answer).Ask, false); err == nil {
				if ask, _, ok := org.FindAsk(ref); ok {
					return ask.Addressee()
				}
			}
			return ""
		}},
		{"what", func(org *model.Org, r model.Record) string {
			if ref, err := model.ParseAskRef(r.(*model.Answer).Ask, false); err == nil {
				if ask, _, ok := org.FindAsk(ref); ok {
					return ask.What
				}
			}
			return ""
		}},
		{"author", answerField(func(x *model.Answer) string { return x.Author })},
		{"date", answerField(func(x *model.Answer) string { return x.Date })},
		{"response", answerField(func(x *model.Answer) string { return x.Response })},
		{"note", answerField(func(x *model.Answer) string { return x.Note })},
	},
	model.KindPulse: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"team", pulseField(func(x *model.Pulse) string { return x.Team })},
		{"about", pulseField(func(x *model.Pulse) string { return x.About })},
		{"period", pulseField(func(x *model.Pulse) string { return x.Period })},
		{"author", pulseField(func(x *model.Pulse) string { return x.Author })},
		{"date", pulseField(func(x *model.Pulse) string { return x.Date })},
		{"clarity", pulseField(func(x *model.Pulse) string { return score(x.Scores.Clarity) })},
		{"handoffs", pulseField(func(x *model.Pulse) string { return score(x.Scores.Handoffs) })},
		{"responsiveness", pulseField(func(x *model.Pulse) string { return score(x.Scores.Responsiveness) })},
		{"understanding", pulseField(func(x *model.Pulse) string { return score(x.Scores.Understanding) })},
		{"average", pulseField(func(x *model.Pulse) string {
			if avg, ok := x.Scores.Average(); ok {
				return number(round3(avg))
			}
			return ""
		})},
		{"comment", pulseField(func(x *model.Pulse) string { return x.Comment })},
		{"actions", pulseField(func(x *model.Pulse) string {
			var acts []string
			for _, a := range x.Actions {
				acts = append(acts, a.What)
			}
			return joinList(acts)
		})},
	},
	model.KindRetro: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"subject", retroField(func(x *model.Retro) string { return x.Subject })},
		{"author", retroField(func(x *model.Retro) string { return x.Author })},
		{"date", retroField(func(x *model.Retro) string { return x.Date })},
		{"teams", retroField(func(x *model.Retro) string { return joinList(x.Teams) })},
		{"went_well", retroField(func(x *model.Retro) string { return joinList(x.WentWell) })},
		{"went_badly", retroField(func(x *model.Retro) string { return joinList(x.WentBadly) })},
	},
	model.KindPerson: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"name", personField(func(p *model.Person) string { return p.Name })},
		{"emails", personField(func(p *model.Person) string { return joinList(p.Emails) })},
		{"teams", personField(func(p *model.Person) string { return joinList(p.Teams) })},
		{"role", personField(func(p *model.Person) string { return p.Role })},
		{"manager", personField(func(p *model.Person) string { return p.Manager })},
		{"active", personField(func(p *model.Person) string { return strconv.FormatBool(p.IsActive()) })},
	},
	model.KindTeam: {
		{"id", func(_ *model.Org, r model.Record) string { return r.RecordID() }},
		{"name", teamField(func(t *model.Team) string { return t.Name })},
		{"lead", teamField(func(t *model.Team) string { return t.Lead })},
		{"parent", teamField(func(t *model.Team) string { return t.Parent })},
		{"mission", teamField(func(t *model.Team) string { return t.Mission })},
	},
}

func goalField(f func(*model.Goal) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Goal)) }
}

func goalMetric(f func(*model.Metric) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string {
		if m := r.(*model.Goal).Metric; m != nil {
			return f(m)
		}
		return ""
	}
}

func updateField(f func(*model.Update) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Update)) }
}

func decisionField(f func(*model.Decision) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Decision)) }
}

func raciField(f func(*model.RACI) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.RACI)) }
}

func handoffField(f func(*model.Handoff) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Handoff)) }
}

func answerField(f func(*model.Answer) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Answer)) }
}

func pulseField(f func(*model.Pulse) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Pulse)) }
}

func retroField(f func(*model.Retro) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Retro)) }
}

// score is a pulse score's cell: empty when not rated.
func score(v int) string {
	if v == 0 {
		return ""
	}
	return strconv.Itoa(v)
}

func personField(f func(*model.Person) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Person)) }
}

func teamField(f func(*model.Team) string) func(*model.Org, model.Record) string {
	return func(_ *model.Org, r model.Record) string { return f(r.(*model.Team)) }
}

// number writes a float the way a spreadsheet reads it: no exponent, no
// trailing zeros.
func number(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return number(*f)
}

// listSeparator joins a list in one CSV cell.
const listSeparator = "; "

func joinList(items []string) string { return strings.Join(items, listSeparator) }

// exportCSV writes one kind as RFC 4180 CSV with a header row.
func exportCSV(w io.Writer, org *model.Org, k model.Kind) error {
	cols := exportColumns[k]
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, id := range org.IDs(k) {
		r, _ := org.Get(id)
		for i, c := range cols {
			row[i] = safeCell(c.cell(org, r))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// plainNumber matches the numbers a spreadsheet reads as numbers, which
// are safe to leave as they are even when they start with a minus.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// safeCell cleans record text for a CSV cell: control and bidi characters
// go (newlines stay; CSV quotes them), and a cell a spreadsheet would run
// as a formula gets a leading single quote (OWASP's advice on CSV
// injection).
func safeCell(s string) string {
	s = model.CleanText(s, true)
	if s == "" || plainNumber.MatchString(s) {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// unquoteCell undoes safeCell's quote when reading a CSV back.
func unquoteCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}
