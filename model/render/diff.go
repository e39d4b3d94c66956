package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/accordhq/accord/model"
)

// Diff is the semantic diff (model.SemanticDiff) as a Doc, in the terms
// people review: the range and who made it, goals added, closed or moved,
// health that changed, decisions made or superseded and why, who became
// Accountable, check-ins posted, people and teams, every other field
// changed, and the records that could not be read. Markdown is for a
// pull-request description (its title is a second-level heading, long
// lists are cut); Text for a terminal.
func Diff(d *model.OrgDiff, problems []model.Finding) *Doc {
	b := diffBuilder{d}
	doc := &Doc{Title: "Accord: what changed", Level: 2}
	if r := d.Range; r != nil {
		doc.Subtitle = b.rangeLine(r)
	}
	if d.Empty() {
		doc.Intro = []Block{Para{Text: []Inline{Text("No changes to records.")}}}
	}
	more := []Inline{Code("accord diff --json"), Text(" lists all")}
	list := func(items []Item, most int) []Block {
		if len(items) == 0 {
			return nil
		}
		return []Block{List{Items: items, Most: most, More: more}}
	}
	var health []Block
	if len(d.Health) > 0 {
		health = []Block{b.health(more)}
	}
	checkIns := Section{ID: "check-ins", Title: fmt.Sprintf("Check-ins (%d)", len(d.CheckIns)), Blocks: list(b.checkIns(), 100)}
	if n := len(d.CheckIns); n > 5 {
		checkIns.Fold = model.Plural(n, "check-in") + " posted"
	}
	var unread []Item
	for _, p := range problems {
		unread = append(unread, Item{Subject: []Inline{Text(p.String())}})
	}
	for _, s := range []Section{
		{ID: "goals", Title: "Goals", Blocks: list(b.goals(), 50)},
		{ID: "health", Title: "Health", Blocks: health},
		{ID: "decisions", Title: "Decisions", Blocks: list(b.decisions(), 50)},
		{ID: "raci", Title: "RACI", Blocks: list(b.raci(), 50)},
		checkIns,
		{ID: "across", Title: "Across teams", Blocks: list(b.across(), 50)},
		{ID: "people", Title: "People and teams", Blocks: list(b.edits(d.People), 50)},
		{ID: "other", Title: "Other changes", Blocks: list(b.edits(d.Other), 50)},
		{ID: "unreadable", Title: "Could not be read", Blocks: list(unread, 0)},
	} {
		if len(s.Blocks) > 0 {
			doc.Sections = append(doc.Sections, s)
		}
	}
	return doc
}

type diffBuilder struct{ d *model.OrgDiff }

// rangeLine says which revisions the diff compares and who made the
// commits between them.
func (b diffBuilder) rangeLine(r *model.DiffRange) []Inline {
	out := []Inline{Text("Changes from ")}
	if r.FromCommit != "" {
		out = append(out, Code(model.ShortHash(r.FromCommit)), Text(" ("+r.FromDate+")"))
	} else {
		out = append(out, Text(r.From))
	}
	out = append(out, Text(" to "), Code(model.ShortHash(r.ToCommit)), Text(" ("+r.ToDate+")"))
	if r.Commits > 0 {
		by := ""
		if len(r.Authors) > 0 {
			by = " by " + joinNames(r.Authors, 6)
		}
		out = append(out, Text(": "+model.Plural(r.Commits, "commit")+by))
	}
	return out
}

func joinNames(names []string, most int) string {
	if len(names) <= most {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d others", strings.Join(names[:most], ", "), len(names)-most)
}

// person is the name of a person or team handle, or the handle.
func (b diffBuilder) person(handle string) string {
	if n := b.d.Name(handle); n != "" {
		return n
	}
	return handle
}

// people names a comma-separated list of handles; "nobody" when empty.
func (b diffBuilder) people(list string) string {
	if list == "" {
		return "nobody"
	}
	var out []string
	for _, h := range strings.Split(list, ", ") {
		out = append(out, b.person(h))
	}
	return strings.Join(out, ", ")
}

// ref names a record by its ID and title.
func (b diffBuilder) ref(id string) []Inline {
	if id == "" {
		return []Inline{Text("(none)")}
	}
	if t := b.d.Name(id); t != "" {
		return []Inline{Ref(id), Text(" "), Cut{t, SizeName}}
	}
	return []Inline{Ref(id)}
}

// subject names the record an item is about: its kind or level, its ID
// and title.
func subject(kind, id, title string) []Inline {
	out := []Inline{Ref(id), Text(" "), Cut{title, SizeTitle}}
	if kind != "" {
		out = append([]Inline{Text(kind + " ")}, out...)
	}
	return out
}

func (b diffBuilder) goals() []Item {
	var out []Item
	for _, g := range b.d.Goals {
		it := Item{Verb: g.Change, Subject: subject(Label(g.Level), g.ID, g.Title)}
		switch g.Change {
		case model.GoalAdded:
			if g.Parent != "" {
				it.Text = append(append(it.Text, Text(" under ")), b.ref(g.Parent)...)
			}
			if g.Owner != "" {
				it.Text = append(it.Text, Text(" · owner "+b.person(g.Owner)))
			}
		case model.GoalClosed:
			if g.Outcome != "" {
				it.Text = []Inline{Text(": " + Label(g.Outcome))}
			}
		case model.GoalReparented:
			it.Verb = "moved"
			it.Text = append(append(append([]Inline{Text(": from ")}, b.ref(g.FromParent)...), Text(" to ")), b.ref(g.Parent)...)
		}
		out = append(out, it)
	}
	return out
}

func (b diffBuilder) health(more []Inline) Transitions {
	t := Transitions{Cols: [4]string{"Goal", "Level", "Before", "After"}, Most: 50, More: more}
	for _, h := range b.d.Health {
		t.Rows = append(t.Rows, Transition{Subject: subject("", h.ID, h.Title), Kind: Label(h.Level), From: Label(h.From), To: Label(h.To)})
	}
	return t
}

func (b diffBuilder) decisions() []Item {
	var out []Item
	for _, x := range b.d.Decisions {
		it := Item{Verb: x.Change, New: x.From == "" && x.Change != "removed", Subject: subject("", x.ID, x.Title)}
		if x.From != "" && x.Change != "removed" {
			it.Text = append(it.Text, Text(" (was "+x.From+")"))
		}
		why := ""
		switch x.Change {
		case model.DecisionAccepted:
			if x.Chosen != "" {
				it.Text = append(it.Text, Text(" — chose "), Code(x.Chosen))
				if x.ChosenTitle != "" {
					it.Text = append(it.Text, Text(` "`), Cut{x.ChosenTitle, SizeTitle}, Text(`"`))
				}
			}
			switch {
			case x.DecidedBy != "":
				it.Text = append(it.Text, Text(" · "+x.DecidedBy))
			case x.Approver != "":
				it.Text = append(it.Text, Text(" · approver "+b.person(x.Approver)))
			}
			why = x.Rationale
		case model.DecisionSuperseded:
			if x.SupersededBy != "" {
				it.Text = append(append(it.Text, Text(" by ")), b.ref(x.SupersededBy)...)
			}
			why = x.SupersededByRationale
		}
		if strings.TrimSpace(why) != "" {
			it.Notes = []Note{{Label: "why", Text: []Inline{Cut{why, SizeParagraph}}, Quote: true}}
		}
		out = append(out, it)
	}
	return out
}

func (b diffBuilder) raci() []Item {
	var out []Item
	for _, r := range b.d.RACI {
		it := Item{Verb: r.Change, Implied: r.Change == "changed", Subject: subject("", r.ID, r.Title)}
		var parts [][]Inline
		if r.Change == "added" {
			parts = append(parts, []Inline{Text("Accountable " + b.people(r.Accountable))})
		}
		if r.FromAccountable != "" {
			parts = append(parts, []Inline{Text("Accountable " + b.people(r.FromAccountable) + " → "), Strong(b.people(r.Accountable))})
		}
		for _, role := range r.Roles {
			var who []string
			for _, p := range role.Added {
				who = append(who, "+"+b.person(p))
			}
			for _, p := range role.Removed {
				who = append(who, "−"+b.person(p))
			}
			parts = append(parts, []Inline{Text(capitalise(role.Role) + " " + strings.Join(who, ", "))})
		}
		if r.FromState != "" {
			parts = append(parts, []Inline{Text("state " + r.FromState + " → " + r.State)})
		}
		for i, p := range parts {
			sep := "; "
			if i == 0 {
				sep = ": "
			}
			it.Text = append(append(it.Text, Text(sep)), p...)
		}
		out = append(out, it)
	}
	return out
}

func (b diffBuilder) checkIns() []Item {
	var out []Item
	for _, u := range b.d.CheckIns {
		it := Item{Subject: []Inline{Text(u.Date + " · " + b.person(u.Author) + " · "), Ref(u.Goal), Text(" "), Cut{u.GoalTitle, SizeName}},
			Text: []Inline{Text(" · "), Strong(Label(u.Health))}}
		if u.Value != nil {
			it.Text = append(it.Text, Text(" · value "+strconv.FormatFloat(*u.Value, 'g', -1, 64)))
		}
		if strings.TrimSpace(u.Summary) != "" {
			it.Text = append(it.Text, Text(": "), Cut{u.Summary, SizeSentence})
		}
		out = append(out, it)
	}
	return out
}

// edits are records added, removed or changed field by field.
func (b diffBuilder) edits(list []model.RecordEdit) []Item {
	var out []Item
	for _, e := range list {
		it := Item{Verb: e.Change, Subject: subject(string(e.Kind), e.ID, e.Title)}
		if e.Change == "changed" {
			it.Implied, it.Changes = true, e.Changes
		}
		out = append(out, it)
	}
	return out
}
