package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/accordhq/accord/model"
)

func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// recordJSON is a record's fields as JSON plus its kind and, for goals, the
// computed health and progress (0 to 1, null when nothing is known).
func recordJSON(org *model.Org, r model.Record) map[string]any {
	data, _ := json.Marshal(r)
	m := map[string]any{}
	_ = json.Unmarshal(data, &m)
	m["kind"] = string(r.RecordKind())
	if g, ok := r.(*model.Goal); ok {
		m["health"] = org.Health(g.ID)
		if p, ok := org.Progress(g.ID); ok {
			m["progress"] = round3(p)
		} else {
			m["progress"] = nil
		}
		if v, ok := org.CurrentValue(g.ID); ok {
			m["current"] = v
		}
		if bs := org.BlockedBy(g.ID, org.Today); len(bs) > 0 {
			m["blocked_by"] = bs
		}
	}
	return m
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

// healthLabel is a health for people: "at risk", or "—" when unknown.
func healthLabel(h string) string {
	if h == "" {
		return "—"
	}
	return strings.ReplaceAll(h, "_", " ")
}

func levelLabel(l string) string { return strings.ReplaceAll(l, "_", " ") }

func percent(org *model.Org, id string) string {
	if p, ok := org.Progress(id); ok {
		return fmt.Sprintf("%d%%", model.Percent(p))
	}
	return "—"
}

// cell makes record text safe and short enough for a table cell.
func cell(s string, max int) string {
	s = model.CleanText(s, false)
	if r := []rune(s); max > 0 && len(r) > max {
		return string(r[:max-1]) + "…"
	}
	if s == "" {
		return "—"
	}
	return s
}

func table(w io.Writer, header []string, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

func joinIDs(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return cell(strings.Join(ids, ", "), 40)
}

// row is one line of a tabwriter table: each cell made terminal-safe on its
// own, so the tabs between them survive.
func row(cells ...string) string {
	for i, c := range cells {
		cells[i] = model.CleanText(c, false)
	}
	return strings.Join(cells, "\t")
}
