package form

// Saving the options editor: every change as one commit, with a message
// that says what changed.

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// decision is the decision with the options and choice as edited.
func (v *Options) decision() *model.Decision {
	r := &model.Decision{}
	model.CopyRecord(r, v.dec)
	r.Options = cloneOptions(v.opts)
	if len(r.Options) == 0 {
		r.Options = nil
	}
	rationale := ""
	if v.dec.Outcome != nil {
		rationale = v.dec.Outcome.Rationale
	}
	r.Outcome = outcome(v.dec.Outcome, v.chosen, rationale)
	return r
}

// findings are the errors saving would add, as lines.
func (v *Options) findings() []string {
	var out []string
	for _, f := range model.EditErrors(v.data.Org, model.ValidateOptions{Today: v.data.Today}, v.decision()) {
		out = append(out, findingLine(f))
	}
	return out
}

// submit saves every change as one commit, or says why not.
func (v *Options) submit() tea.Cmd {
	if !v.dirty() {
		v.note = common.StatusMsg{Text: "nothing to save: no option changed"}
		return nil
	}
	if errs := v.findings(); len(errs) > 0 {
		v.problems = errs
		return nil
	}
	v.problems = nil
	v.saving = true
	r := v.decision()
	return saveCmd(v.store, optionsMessage(v.dec, r), []model.Edit{{Old: v.dec, New: r}}, r.ID)
}

// saved takes the outcome of the save: done once it succeeded. A failed
// save keeps every change for another try.
func (v *Options) saved(msg common.SavedMsg) bool {
	v.saving = false
	if msg.Err != nil {
		v.problems = []string{"not saved: " + msg.Err.Error() + " (your changes are still here: ctrl+s to try again)"}
		return false
	}
	return true
}

// optionsMessage says what changed in the options and the choice:
// decision(DEC-…): add options "A", "B"; reorder options; choose "B".
func optionsMessage(old, r *model.Decision) string {
	titles := func(opts []model.Option) string {
		var q []string
		for _, o := range opts {
			q = append(q, quoted(o.Title))
		}
		return strings.Join(q, ", ")
	}
	byID := func(opts []model.Option, id string) (model.Option, bool) {
		i := slices.IndexFunc(opts, func(o model.Option) bool { return o.ID == id })
		if i < 0 {
			return model.Option{}, false
		}
		return opts[i], true
	}
	var added, removed, edited []model.Option
	var keptOld, keptNew []string
	for _, o := range r.Options {
		was, ok := byID(old.Options, o.ID)
		switch {
		case !ok:
			added = append(added, o)
		case !sameOption(was, o):
			edited = append(edited, o)
		}
		if ok {
			keptNew = append(keptNew, o.ID)
		}
	}
	for _, o := range old.Options {
		if _, ok := byID(r.Options, o.ID); !ok {
			removed = append(removed, o)
		} else {
			keptOld = append(keptOld, o.ID)
		}
	}
	var parts []string
	list := func(verb string, opts []model.Option) {
		switch len(opts) {
		case 0:
		case 1:
			parts = append(parts, verb+" option "+titles(opts))
		default:
			parts = append(parts, verb+" options "+titles(opts))
		}
	}
	list("add", added)
	list("edit", edited)
	list("remove", removed)
	if !slices.Equal(keptOld, keptNew) {
		parts = append(parts, "reorder options")
	}
	if was, now := chosenOf(old), chosenOf(r); was != now {
		if o, ok := byID(r.Options, now); ok {
			parts = append(parts, "choose "+quoted(o.Title))
		} else {
			parts = append(parts, "nothing chosen")
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "options unchanged")
	}
	return fmt.Sprintf("decision(%s): %s", r.ID, strings.Join(parts, "; "))
}
