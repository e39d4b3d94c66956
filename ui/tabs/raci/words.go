package raci

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// How the RACI tab names things where room is short: rule breaks, people,
// states, dates and loads.

// ruleBreaks names the golden rules a RACI record breaks, shortly, from its
// findings: "no A", "2 A", "team A", "no R", "2 roles".
func ruleBreaks(rec *model.RACI, fs []model.Finding) []string {
	var out []string
	add := func(s string) {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, f := range fs {
		switch f.Rule {
		case "raci.accountable-missing":
			add("no A")
		case "raci.accountable-multiple":
			n := 0
			for i, a := range rec.Accountable {
				if a != "" && !slices.Contains(rec.Accountable[:i], a) {
					n++
				}
			}
			add(common.Itoa(n) + " A")
		case "raci.accountable-team":
			add("team A")
		case "raci.responsible-missing":
			add("no R")
		case "raci.role-conflict":
			add("2 roles")
		default:
			if strings.HasPrefix(f.Rule, "raci.") {
				add(strings.TrimPrefix(f.Rule, "raci."))
			}
		}
	}
	return out
}

// subjectKey groups RACI records about the same thing.
func subjectKey(s model.Subject) string {
	if s.ID != "" {
		return s.Kind + ":" + s.ID
	}
	return s.Kind + ":" + strings.ToLower(strings.Join(strings.Fields(s.Name), " "))
}

// shortName is how a participant is named where room is short: a person's
// first name, a team's name, or the handle when it names nobody.
func shortName(o *model.Org, id string) string {
	if p := o.People[id]; p != nil {
		if f := strings.Fields(common.Clean(p.Name)); len(f) > 0 {
			return f[0]
		}
		return common.Clean(id)
	}
	if t := o.Teams[id]; t != nil && strings.TrimSpace(t.Name) != "" {
		return common.Clean(t.Name)
	}
	return common.Clean(id)
}

func shortNames(o *model.Org, ids []string, sep string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, shortName(o, id))
	}
	return strings.Join(names, sep)
}

// compactNames fits short names into width cells: all of them when they
// fit, else the first and how many more ("Raj+1").
func compactNames(o *model.Org, ids []string, sep string, width int) string {
	all := shortNames(o, ids, sep)
	if len(ids) < 2 || lipgloss.Width(all) <= width {
		return all
	}
	more := "+" + common.Itoa(len(ids)-1)
	return common.Fit(shortName(o, ids[0]), width-len(more)) + more
}

// stateWord renders a record's state; draft and retired are muted.
func stateWord(s *common.Styles, state string) string {
	switch state {
	case "draft", "retired", "rejected", "received":
		return s.Muted.Render(common.Label(common.Clean(state)))
	}
	return common.Label(common.Clean(state))
}

// isPast reports whether a YYYY-MM-DD date is before today (also
// YYYY-MM-DD); a malformed date is never past (validation reports it).
func isPast(date, today string) bool {
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return false
	}
	return date < today
}

// dueShort is a date in at most seven cells: "Nov 29" this year, else
// "Feb '27".
func dueShort(due string, today time.Time) string {
	if due == "" {
		return ""
	}
	t, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return common.Fit(common.Clean(due), 7)
	}
	if t.Year() == today.Year() {
		return t.Format("Jan 02")
	}
	return t.Format("Jan '06")
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// cutLines keeps at most n lines of text.
func cutLines(text string, n int) string {
	if n <= 0 {
		return ""
	}
	i := 0
	for j := 0; j < n; j++ {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			return text
		}
		i += k + 1
	}
	return text[:i-1]
}

// loadText is someone's load as "A7 R1", the A count in the error colour
// with a "!" when they are Accountable for more than the limit.
func loadText(s *common.Styles, l roleLoad, limit int) string {
	a := s.Role["A"].Render(fmt.Sprintf("A%d", l.a))
	if l.a > limit {
		a = s.Error.Render(fmt.Sprintf("A%d!", l.a))
	}
	return a + " " + s.Role["R"].Render(fmt.Sprintf("R%d", l.r))
}
