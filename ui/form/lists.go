package form

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// Helpers for the forms of RACI records, hand-offs, people and teams:
// lists picked in multi-selects, and handles typed for new records.

// withUnknown adds an option for each value the options do not offer (a
// reference to a record that is gone, a value outside an enum), so that a
// form opened on a broken record shows it instead of quietly dropping it
// (a select would put its first option in its place); the model's rules
// then say what is wrong with it.
func withUnknown(opts []huh.Option[string], values ...string) []huh.Option[string] {
	for _, v := range values {
		if v == "" || slices.ContainsFunc(opts, func(o huh.Option[string]) bool { return o.Value == v }) {
			continue
		}
		opts = append(opts, huh.NewOption(common.Clean(v)+" (unknown)", v))
	}
	return opts
}

// inOptionOrder is values, without repeats, in the order opts lists them:
// the order a multi-select gives back its choices, so that a list in a
// draft starts as the field will leave it and passing through the field
// does not count as a change. values must all be among opts (withUnknown).
func inOptionOrder(values []string, opts []huh.Option[string]) []string {
	out := []string{} // not nil: the field leaves an empty list, not nil
	for _, o := range opts {
		if slices.Contains(values, o.Value) && !slices.Contains(out, o.Value) {
			out = append(out, o.Value)
		}
	}
	return out
}

// keepOrder is what was chosen in a multi-select, in the order the record
// listed it, with new choices after it in the order picked: a record's
// list (who is Responsible first, say) is not reshuffled by an edit.
// Empty is nil, as a record without the list decodes.
func keepOrder(old, chosen []string) []string {
	var out []string
	for _, v := range old {
		if slices.Contains(chosen, v) && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, v := range chosen {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// edited is a typed field's value for the record: what the record had,
// byte for byte, while the field is as the form started it (it shows the
// text cleaned for the terminal, and a file's trailing newline or odd
// spacing is not the form's to change), else what was typed, trimmed.
func edited(draft, start, old string) string {
	if draft == start {
		return old
	}
	return strings.TrimSpace(draft)
}

// picked says what a multi-select holds, for its description: the list
// shows a few rows of a long one, so what is chosen may be out of view.
func picked(values []string) string {
	if len(values) == 0 {
		return "none picked yet"
	}
	var names []string
	for _, v := range values {
		names = append(names, common.Clean(v))
	}
	return fitText("picked: "+strings.Join(names, ", "), 70)
}

// withProblem is a description that says, under help, what is wrong with
// the field as it stands, so the reason shows while typing, beside the
// field, not only when leaving it.
func withProblem(help string, problem func() error) func() string {
	return func() string {
		if err := problem(); err != nil {
			return help + "\n✗ " + err.Error()
		}
		return help
	}
}

// checkHandle checks a handle typed for a new person or team: its form
// (model.CheckID) and that no person or team has it already, since a
// handle names the file and every reference to the record.
func (f *formOrg) checkHandle(s string) error {
	o := f.org
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return errors.New("a handle is required: it names the file, and records refer to it")
	case !model.IsHandle(s):
		return fmt.Errorf("%q is not a handle: use 1 to 40 lower-case letters, digits and inner dashes (mei, data-platform)", common.Clean(s))
	case o.People[s] != nil:
		return fmt.Errorf("handle %s is taken by %s; choose another", s, common.Clean(o.People[s].Name))
	case o.Teams[s] != nil:
		return fmt.Errorf("handle %s is taken by the team %s; choose another", s, common.Clean(o.Teams[s].Name))
	}
	return nil
}

// loopThrough returns the chain from start up the links next gives until
// it reaches self (start, …, self), or nil when it never does: making
// start the manager (or parent) of self would then close a loop.
func loopThrough(start, self string, next func(string) string, limit int) []string {
	var path []string
	for id := start; id != "" && len(path) <= limit; id = next(id) {
		path = append(path, id)
		if id == self {
			return path
		}
	}
	return nil
}
