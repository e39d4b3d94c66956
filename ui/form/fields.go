package form

import (
	"cmp"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// pickerHeight is how many rows a select of people, teams or goals shows;
// "/" filters it.
const pickerHeight = 6

// noneOption is the choice that leaves an optional reference empty.
func noneOption(label string) huh.Option[string] { return huh.NewOption(label, "") }

// personOptions lists the people, by name with their handle; inactive
// people only when the value already names them.
func personOptions(o *model.Org, none string, keep ...string) []huh.Option[string] {
	var out []huh.Option[string]
	if none != "" {
		out = append(out, noneOption(none))
	}
	for _, id := range o.IDs(model.KindPerson) {
		p := o.People[id]
		if !p.IsActive() && !slices.Contains(keep, id) {
			continue
		}
		out = append(out, huh.NewOption(common.Clean(p.Name)+" · "+common.Clean(id), id))
	}
	return out
}

// teamOptions lists the teams by name with their handle.
func teamOptions(o *model.Org, none string) []huh.Option[string] {
	var out []huh.Option[string]
	if none != "" {
		out = append(out, noneOption(none))
	}
	for _, id := range o.IDs(model.KindTeam) {
		out = append(out, huh.NewOption(common.Clean(o.Teams[id].Name)+" · team "+common.Clean(id), id))
	}
	return out
}

// partyOptions lists people, then teams: who can be Responsible,
// Consulted or Informed.
func partyOptions(o *model.Org, keep []string) []huh.Option[string] {
	return append(personOptions(o, "", keep...), teamOptions(o, "")...)
}

// goalOptions lists goals as "level · title · ID", leaving out skip (a
// goal cannot be its own parent, nor its descendants').
func goalOptions(o *model.Org, none string, skip func(id string) bool) []huh.Option[string] {
	var out []huh.Option[string]
	if none != "" {
		out = append(out, noneOption(none))
	}
	ids := o.IDs(model.KindGoal)
	// Top of the pyramid first, then by title: the way people look for a parent.
	slices.SortStableFunc(ids, func(a, b string) int {
		ga, gb := o.Goals[a], o.Goals[b]
		if c := cmp.Compare(levelRank(ga.Level), levelRank(gb.Level)); c != 0 {
			return c
		}
		return cmp.Compare(ga.Title, gb.Title)
	})
	for _, id := range ids {
		if skip != nil && skip(id) {
			continue
		}
		g := o.Goals[id]
		out = append(out, huh.NewOption(levelLabel(g.Level)+" · "+fitText(common.Clean(g.Title), 60)+" · "+common.Clean(id), id))
	}
	return out
}

// enumOptions lists allowed values, shown with spaces for underscores.
func enumOptions(values []string, none string) []huh.Option[string] {
	var out []huh.Option[string]
	if none != "" {
		out = append(out, noneOption(none))
	}
	for _, v := range values {
		out = append(out, huh.NewOption(strings.ReplaceAll(v, "_", " "), v))
	}
	return out
}

func levelRank(l string) int {
	if i := slices.Index(model.GoalLevels, l); i >= 0 {
		return i
	}
	return len(model.GoalLevels)
}

func levelLabel(l string) string {
	if l == model.LevelKeyResult {
		return "KR"
	}
	return l
}

// fitText shortens s to n runes with an ellipsis.
func fitText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// descendants reports whether id is root or below it in the goal tree.
func descendants(o *model.Org, root string) func(id string) bool {
	return func(id string) bool {
		for seen := 0; id != "" && seen < 1000; seen++ {
			if id == root {
				return true
			}
			g := o.Goals[id]
			if g == nil {
				return false
			}
			id = g.Parent
		}
		return false
	}
}

// ---- Typed text ----

// parseNumber reads a number a person typed: "4", "4.5", "1,200".
func parseNumber(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", strings.TrimSpace(s))
	}
	return v, nil
}

// optionalNumber is nil for a blank field.
func optionalNumber(s string) (*float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	v, err := parseNumber(s)
	return &v, err
}

func validNumber(s string) error {
	_, err := optionalNumber(s)
	return err
}

// requiredNumber fails on a blank field or one that is not a number.
func requiredNumber(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("metric: %s is needed", what)
		}
		return validNumber(s)
	}
}

// parseConfidence reads 0.7, 70% or 70 as a confidence from 0 to 1.
func parseConfidence(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	pct := strings.HasSuffix(s, "%")
	v, err := parseNumber(strings.TrimSuffix(s, "%"))
	if err != nil {
		return nil, err
	}
	if pct || v > 1 {
		v /= 100
	}
	if v < 0 || v > 1 {
		return nil, fmt.Errorf("confidence is from 0 to 1 (or 0%% to 100%%)")
	}
	return &v, nil
}

func validConfidence(s string) error {
	_, err := parseConfidence(s)
	return err
}

// validDate accepts a blank field or YYYY-MM-DD.
func validDate(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a date: write YYYY-MM-DD", s)
	}
	return nil
}

// formatNumber writes a number back as a person would type it.
func formatNumber(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// lines splits a text field into its non-blank lines: one item each.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- "))
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// joinLines is the text a list is edited as.
func joinLines(items []string) string { return strings.Join(items, "\n") }

// splitList reads a comma-separated list (tags, e-mails).
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// formDraft remembers where a draft started, so a form knows whether
// closing it would lose anything.
type formDraft[T any] struct {
	draft, start T
}

func newDraft[T any](d T) formDraft[T] {
	start := d
	// Slices in the start must not alias the draft's.
	v := reflect.ValueOf(&start).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && f.CanSet() && !f.IsNil() {
			c := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(c, f)
			f.Set(c)
		}
	}
	return formDraft[T]{draft: d, start: start}
}

func (s *formDraft[T]) dirty() bool { return !reflect.DeepEqual(s.draft, s.start) }
