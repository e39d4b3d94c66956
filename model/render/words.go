package render

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
)

// Words every output shares.

// HealthSymbol is the mark put before a health, so that it reads without
// colour: ● on track, ▲ at risk, ▼ off track.
func HealthSymbol(h string) string {
	switch h {
	case model.HealthOnTrack:
		return "●"
	case model.HealthAtRisk:
		return "▲"
	case model.HealthOffTrack:
		return "▼"
	case model.HealthOnHold:
		return "‖"
	case "achieved":
		return "✓"
	case "partially_achieved":
		return "◐"
	case "missed":
		return "✗"
	case "dropped":
		return "–"
	}
	return "○"
}

// HealthWords is a health for people: "at risk", or "no check-in" when
// unknown.
func HealthWords(h string) string {
	if h == "" || h == model.HealthNone {
		return "no check-in"
	}
	return Label(h)
}

// ProgressBar draws progress as ten cells, "███████░░░", or ten light
// cells when it is unknown.
func ProgressBar(p *float64) string {
	if p == nil {
		return strings.Repeat("·", 10)
	}
	n := model.Cells(*p, 10)
	return strings.Repeat("█", n) + strings.Repeat("░", 10-n)
}

// ProgressPercent is progress as a whole percentage, "67%", or "—".
func ProgressPercent(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%d%%", model.Percent(*p))
}

// Label is an enum value for people: "key_result" → "key result".
func Label(s string) string { return strings.ReplaceAll(s, "_", " ") }

// capitalise upper-cases the first letter of an ASCII word.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// orDash is s, or "—" when it is blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// number writes a number as short as it reads: 5, 0.6, 10.27.
func number(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// countsWords lists counts in the order of model.Healths: "3 on track, 1
// at risk", with noneWord for the goals with no check-in; "none" when
// there are none.
func countsWords(c model.HealthCounts, noneWord string) string {
	var parts []string
	for _, h := range healthOrder() {
		if n := c[h]; n > 0 {
			word := Label(h)
			if h == model.HealthNone {
				word = noneWord
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// healthOrder is model.Healths, then goals whose check-in is overdue, then
// goals with no check-in.
func healthOrder() []string {
	return append(model.Healths[:len(model.Healths):len(model.Healths)], model.HealthStale, model.HealthNone)
}

// SummarizeDetails describes a record's changes on one line, grouped as
// model.DetailChanges groups them: "status proposed → accepted,
// options[direct] added, context edited". Values longer than 40 characters
// are named, not quoted; after most parts, the rest are counted.
func SummarizeDetails(cs []model.Change, most int) string {
	short := func(s string) (string, bool) {
		if strings.Contains(s, "\n") || len([]rune(s)) > 40 {
			return "", false
		}
		return s, true
	}
	ds := model.DetailChanges(cs)
	var parts []string
	for i, d := range ds {
		if most > 0 && i == most {
			parts = append(parts, fmt.Sprintf("and %d more", len(ds)-most))
			break
		}
		from, okFrom := short(d.From)
		to, okTo := short(d.To)
		switch {
		case d.Op == "added" || d.Op == "removed":
			parts = append(parts, d.Field+" "+d.Op)
		case d.Op == "text" || !okFrom || !okTo:
			parts = append(parts, d.Field+" edited")
		case d.Op == "set":
			parts = append(parts, d.Field+" set to "+to)
		case d.Op == "cleared":
			parts = append(parts, d.Field+" removed")
		default:
			parts = append(parts, d.Field+" "+from+" → "+to)
		}
	}
	return strings.Join(parts, ", ")
}

// detailLine is one field change on one line, for a terminal; long text is
// named, not quoted (accord log shows it as a line diff).
func detailLine(d model.ChangeDetail) string {
	short := func(s string) string {
		switch {
		case s == "":
			return "(none)"
		case strings.Contains(s, "\n") || len([]rune(s)) > 50:
			return "(text)"
		}
		return s
	}
	switch d.Op {
	case "added", "removed":
		if t := d.From + d.To; t != "" {
			return fmt.Sprintf("%s: %s %q", d.Field, d.Op, cut(model.CleanText(t, false), 50))
		}
		return d.Field + ": " + d.Op
	case "text":
		return d.Field + ": edited (accord log shows the lines)"
	}
	return fmt.Sprintf("%s: %s → %s", d.Field, short(d.From), short(d.To))
}

// cut shortens s to at most max runes, the last an ellipsis; 0 is no limit.
func cut(s string, max int) string {
	if r := []rune(s); max > 0 && len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// parseDay reads a date written YYYY-MM-DD.
func parseDay(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
