package render

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/model"
)

// DigestDoc is a recipient's digest (model.BuildDigest) as a Doc: the
// inbox's new items by section, each record linked to its page under
// base (site_url) when there is one; an informed decision with its choice
// and rationale in a line; the recipient's goals whose health moved; and
// the wins to celebrate across teams.
func DigestDoc(o *model.Org, d model.Digest, base string) *Doc {
	doc := &Doc{Title: "Accord digest for " + d.Name, Level: 1}
	scope := "what is new for you"
	if d.Recipient.Team != "" {
		scope = "what is new for " + d.Name
	}
	if d.Since != "" {
		scope += " since " + dayWords(d.Since)
	}
	doc.Subtitle = []Inline{Text(capitalise(scope) + " · " + dayWords(d.Today))}
	if base != "" {
		doc.Link = func(k model.Kind, id string) string { return SiteURL(o, base, k, id) }
	}
	bySection := map[string][]model.InboxItem{}
	for _, it := range d.Items {
		bySection[it.Section] = append(bySection[it.Section], it)
	}
	for _, name := range model.InboxSections {
		items := bySection[name]
		if len(items) == 0 {
			continue
		}
		var l List
		for _, it := range items {
			l.Items = append(l.Items, digestItem(o, it))
		}
		doc.Sections = append(doc.Sections, Section{ID: sectionID(name), Title: name, Blocks: []Block{l}})
	}
	if len(d.Health) > 0 {
		t := Transitions{Cols: [4]string{"Goal", "Level", "Was", "Now"}}
		for _, h := range d.Health {
			t.Rows = append(t.Rows, Transition{Subject: []Inline{Rec{h.ID, h.Title}}, Kind: Label(h.Level), From: HealthWords(h.From), To: HealthWords(h.To)})
		}
		doc.Sections = append(doc.Sections, Section{ID: "health", Title: "Your goals whose health changed", Blocks: []Block{t}})
	}
	if len(d.Wins) > 0 {
		var l List
		for _, w := range d.Wins {
			who := w.TeamName
			if who == "" {
				who = personName(o, w.Author)
			}
			l.Items = append(l.Items, Item{Subject: []Inline{Cut{w.Text, SizeSentence}}, Text: []Inline{Text(" — " + who + ", on "), Rec{w.Goal, goalTitle(o, w.Goal)}}})
		}
		doc.Sections = append(doc.Sections, Section{ID: "wins", Title: "Wins to celebrate", Blocks: []Block{l}})
	}
	doc.Footer = []Inline{Text("Sent by Accord. Each item is sent once; your inbox (accord inbox) always has all of them.")}
	return doc
}

// digestItem is one inbox item: the record, why it needs the reader, and
// for a decision they are informed of, what was chosen and why.
func digestItem(o *model.Org, it model.InboxItem) Item {
	id, title := it.ID, ""
	if it.Ask > 0 {
		// An ask lives in a check-in; its goal names it.
		id = it.ID
		title = goalTitle(o, it.Goal)
	} else if r, ok := o.Get(it.ID); ok {
		title = r.RecordTitle()
	}
	out := Item{Subject: []Inline{Rec{id, orDash(title)}}, Text: []Inline{Text(" — "), Cut{it.Reason, SizeParagraph}}}
	if it.Overdue {
		out.Text = append(out.Text, Text(" "), Alert("overdue"))
	}
	if d := o.Decisions[it.ID]; d != nil && it.Section == model.InboxInformed && d.Outcome != nil {
		if chosen := optionTitle(d, d.Outcome.Chosen); chosen != "" {
			out.Notes = append(out.Notes, Note{Label: "Chose", Text: []Inline{Cut{chosen, SizeTitle}}})
		}
		if why := firstLine(d.Outcome.Rationale); why != "" {
			out.Notes = append(out.Notes, Note{Label: "Why", Text: []Inline{Cut{why, SizeSentence}}})
		}
	}
	return out
}

func optionTitle(d *model.Decision, id string) string {
	for _, op := range d.Options {
		if op.ID == id && op.Title != "" {
			return op.Title
		}
	}
	return id
}

func goalTitle(o *model.Org, id string) string {
	if g := o.Goals[id]; g != nil {
		return g.Title
	}
	return id
}

// sectionID makes an anchor of a section's title.
func sectionID(title string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	return strings.Trim(b.String(), "-")
}

// DigestSubject is the digest's subject line: whom it is for and what it
// holds, most pressing first.
func DigestSubject(d model.Digest) string {
	var parts []string
	count := map[string]int{}
	for _, it := range d.Items {
		count[it.Section]++
	}
	words := map[string][2]string{
		model.InboxConsulted:   {"decision wants your input", "decisions want your input"},
		model.InboxApprovals:   {"decision to approve", "decisions to approve"},
		model.InboxAsks:        {"ask", "asks"},
		model.InboxInformed:    {"decision changed", "decisions changed"},
		model.InboxHandoffs:    {"hand-off", "hand-offs"},
		model.InboxCheckIns:    {"check-in due", "check-ins due"},
		model.InboxReviews:     {"review due", "reviews due"},
		model.InboxAccountable: {"RACI item due", "RACI items due"},
		model.InboxBlocked:     {"goal blocked", "goals blocked"},
		model.InboxAsksMade:    {"ask of yours overdue", "asks of yours overdue"},
		model.InboxPulses:      {"pulse due", "pulses due"},
	}
	for _, sec := range []string{model.InboxConsulted, model.InboxApprovals, model.InboxAsks, model.InboxInformed, model.InboxHandoffs,
		model.InboxCheckIns, model.InboxReviews, model.InboxAccountable, model.InboxBlocked, model.InboxAsksMade, model.InboxPulses} {
		if n := count[sec]; n > 0 {
			w := words[sec][1]
			if n == 1 {
				w = words[sec][0]
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, w))
		}
	}
	if n := len(d.Wins); n > 0 {
		parts = append(parts, model.Plural(n, "win"))
	}
	if len(parts) == 0 && len(d.Health) > 0 {
		parts = append(parts, model.Plural(len(d.Health), "goal")+" changed health")
	}
	return clean("Accord digest for " + d.Name + ": " + strings.Join(parts, ", "))
}
