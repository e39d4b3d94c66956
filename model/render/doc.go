// Package render turns what model computes into text for people: the
// status report, the semantic diff between two revisions. A builder
// (Report, Diff) decides once what an output says — its sections, items,
// words, numbers and order — as a Doc; a writer (Markdown, Plain, HTML)
// decides how that looks in its medium. So every output of one thing
// says the same, and a new output (a page of a published site, a digest)
// is a new builder over the same writers, or a new writer over the same
// builders.
//
// A Doc is a small, closed set of blocks and inlines. They are semantic:
// a health, a progress, a record's ID, a title a narrow medium may shorten,
// a state that changed. Each writer handles every kind, cleans every string
// (model.CleanText) and escapes it for its medium, so record text can
// never inject markup, links or escape sequences.
package render

import "github.com/accordhq/accord/model"

// Doc is one output: a report, a diff.
type Doc struct {
	Title string
	// Level is the Markdown heading level of the title: 1 for a document
	// of its own, 2 for text pasted into another (a pull-request
	// description). Sections are one level below it.
	Level int
	// Subtitle is the line under the title: what the output covers.
	Subtitle []Inline
	// Intro is what the output says before its first section.
	Intro    []Block
	Sections []Section
	// Footer is a colophon a page prints at its foot; Markdown and text,
	// which are pasted into other documents, leave it out.
	Footer []Inline
	// Link gives the address of a record's page (a Ref's, a Rec's or a
	// Who's), or "" when it has none: relative on a published site, so it
	// works from file://, absolute in a digest sent by e-mail. Kind is the
	// ID's (model.KindOfID), a Who's person or team, or "" for a handle of
	// either. Nil links nothing, and every writer then writes what it
	// always did.
	Link func(kind model.Kind, id string) string
	// Page is what a page of a published site adds around the Doc; nil for
	// a page of its own (accord report --html).
	Page *Page
}

// Page is a Doc's place in a published site: how to reach the site's root
// from it, the links across its top, and what it may load from the site
// (the shared style sheet, an Atom feed, the filter script) — never
// anything from elsewhere.
type Page struct {
	// Root is the relative path from the page to the site's root: "" or
	// "../".
	Root string
	// Nav are the links across the top, relative to Root; the one whose
	// Href is Current is marked as where the reader is.
	Nav     []NavLink
	Current string
	// Feed is an Atom feed of what the page shows, relative to Root.
	Feed string
	// Filter loads the script that filters the page's tables by the
	// select boxes a Filters block draws.
	Filter bool
}

// NavLink is one link of a site's navigation.
type NavLink struct{ Title, Href string }

// link is the address of a record's page, or "".
func (d *Doc) link(id string) string {
	if d == nil || d.Link == nil || id == "" {
		return ""
	}
	return safeHref(d.Link(model.KindOfID(id), id))
}

// linkWho is the address of a person's or team's page, or "".
func (d *Doc) linkWho(w Who) string {
	if d == nil || d.Link == nil || w.ID == "" {
		return ""
	}
	k := model.KindPerson
	if w.Team {
		k = model.KindTeam
	}
	return safeHref(d.Link(k, w.ID))
}

// Section is a titled part of a Doc.
type Section struct {
	// ID is the section's anchor, unique within its Doc: a page gives it
	// to the section's element, so a link can point at it.
	ID    string
	Title string
	// Style says what the section is beyond a heading and its blocks.
	Style SectionStyle
	// Accent is the health an entry (StyleEntry) is marked with.
	Accent string
	// Badges (a group's health and progress) stand beside a group's title
	// on a page and open the line under it in text; Meta (its owner and
	// ID) follows them.
	Badges []Inline
	Meta   []Inline
	// Fold, when set, is the one line a medium that can fold a long
	// section (a pull-request description) shows until it is opened.
	Fold     string
	Blocks   []Block
	Sections []Section
}

// SectionStyle says how a section stands out.
type SectionStyle int

const (
	// StylePlain is a heading and its blocks.
	StylePlain SectionStyle = iota
	// StyleGroup is a group of things under one head (a strategic goal and
	// the goals under it): a page draws a box around it.
	StyleGroup
	// StyleEntry is one thing told at length (a goal at risk): a page
	// draws it as a card, its edge coloured by Accent.
	StyleEntry
)

// Block is one block of a section: Para, Quote, None, List, Table, Facts,
// Lists, Transitions, Chart, Rich or Filters.
type Block interface{ block() }

// Para is a paragraph. A muted one is secondary (who and what, an ID).
type Para struct {
	Text  []Inline
	Muted bool
}

// Quote is someone's own words: a check-in's summary.
type Quote struct{ Text []Inline }

// None is what a section says when it has nothing to list.
type None string

// List is a list of items.
type List struct {
	Items []Item
	// Most is how many items a medium with little room (a pull-request
	// description) shows; More says where to find the rest. 0 is all.
	Most int
	More []Inline
}

// Item is one item of a list: a thing and, for a change, what happened
// to it.
type Item struct {
	// ID, when set, is the item's anchor on a page: the record it is
	// about.
	ID string
	// Verb is what happened (added, accepted, moved), or "". A text
	// medium sets it in a column of its own; Markdown leads with it.
	Verb string
	// Implied says the Verb goes without saying where the item is not in
	// a column ("changed", when what follows says how).
	Implied bool
	// New marks a thing that did not exist before (a decision proposed
	// and accepted within a diff's range).
	New bool
	// Subject names the thing; Text says the rest.
	Subject []Inline
	Text    []Inline
	// Sub are short things the item lists (the items a person is
	// Accountable for): run on inline in text, in columns on a page.
	Sub [][]Inline
	// Notes are lines under the item: a rationale, an approver.
	Notes []Note
	// Changes are a record's field changes (model.Diff), which a text
	// medium lists one per line and Markdown sums up on the item's line.
	Changes []model.Change
}

// Note is a line under an item. Label names it (Why, Chose) unless the
// line speaks for itself; Quote marks someone's own words (a rationale),
// which Markdown sets as a quotation; Muted a secondary line.
type Note struct {
	Label string
	Text  []Inline
	Quote bool
	Muted bool
}

// Table is a table. In an outline table the first column is a tree: each
// row has a depth, and Strong rows (objectives) head their branch.
type Table struct {
	Cols    []Col
	Rows    []Row
	Outline bool
	// Most and More are as for a List.
	Most int
	More []Inline
}

// Col is a column: its heading, and whether its cells keep to one line.
type Col struct {
	Title  string
	NoWrap bool
}

// Row is a table row. ID, when set, is its anchor on a page; Tags are
// words a page's filter matches it by (a decision's status and teams).
type Row struct {
	ID     string
	Tags   map[string][]string
	Cells  [][]Inline
	Depth  int
	Strong bool
}

// Facts are labelled values at a glance: a report's summary.
type Facts []Fact

// Fact is one labelled value; a wide one needs room (a row of health
// counts).
type Fact struct {
	Label string
	Value []Inline
	Wide  bool
}

// Lists are short named lists side by side: a check-in's problems, asks
// and plans.
type Lists []NamedList

// NamedList is one of Lists.
type NamedList struct {
	Title string
	Items [][]Inline
}

// Transitions are things whose state moved, From → To (a goal's health):
// a table on a page and in Markdown, a line each in text. Cols head the
// four columns: the thing, its kind, before and after.
type Transitions struct {
	Cols [4]string
	Rows []Transition
	Most int
	More []Inline
}

// table is the transitions as a table of their four columns, for the media
// that show them as one.
func (t Transitions) table() Table {
	tb := Table{Most: t.Most, More: t.More}
	for _, c := range t.Cols {
		tb.Cols = append(tb.Cols, Col{Title: c})
	}
	for _, r := range t.Rows {
		tb.Rows = append(tb.Rows, Row{Cells: [][]Inline{r.Subject, {Text(r.Kind)}, {Text(orDash(r.From))}, {Text(orDash(r.To))}}})
	}
	return tb
}

// Transition is one thing whose state moved; "" is an unknown state.
type Transition struct {
	Subject  []Inline
	Kind     string
	From, To string
}

// Chart is a goal's value over time: each check-in's value against the
// metric's baseline and target, coloured by the health it reported. A
// page draws it (an inline SVG); Markdown and text list the values.
type Chart struct {
	Unit             string
	Baseline, Target float64
	// Points are oldest first.
	Points []ChartPoint
}

// ChartPoint is one check-in's value.
type ChartPoint struct {
	Date   string // YYYY-MM-DD
	Value  float64
	Health string
}

// Rich is text a person wrote in Markdown (a decision's context or
// rationale). A page renders it (goldmark) and sanitises the result
// (bluemonday: no script, style, image or raw HTML survives); Markdown and
// text show its lines, escaped.
type Rich string

// Filters are select boxes over the page's next table: each narrows its
// rows to those whose Tags under Key hold the chosen value. Without the
// script (Markdown, text, a page opened with scripts off) they are not
// shown and every row is.
type Filters []Filter

// Filter is one select box: its label, the tag key it matches and the
// values offered (value, then words).
type Filter struct {
	Label   string
	Key     string
	Options [][2]string
}

func (Chart) block()       {}
func (Rich) block()        {}
func (Filters) block()     {}
func (Para) block()        {}
func (Quote) block()       {}
func (None) block()        {}
func (List) block()        {}
func (Table) block()       {}
func (Facts) block()       {}
func (Lists) block()       {}
func (Transitions) block() {}

// Inline is a run of a line: Text, Strong, Code, Ref, Rec, Who, Cut,
// Alert, Health, Progress or Counts.
type Inline interface{ inline() }

// Text is words, the builder's or a record's.
type Text string

// Strong is words that stand out.
type Strong string

// Code is a key set as code: an option's id, a command.
type Code string

// Ref is a record's ID, shown as an ID.
type Ref string

// Rec is a record named by its title; Markdown and text show the title, a
// page the title and its ID (and, on a site, a link to it).
type Rec struct{ ID, Title string }

// Cut is record text a narrow medium may shorten to Size, with an
// ellipsis.
type Cut struct {
	Text string
	Size Size
}

// Size is how much of a Cut a medium shows: each writer has its width for
// each size (see cutWidths).
type Size int

// The sizes of a Cut, shortest first.
const (
	SizeName      Size = iota // a referenced record's title
	SizeTitle                 // the title of the thing an item is about
	SizeSentence              // a summary
	SizeParagraph             // a rationale
)

// Alert is words that warn: "3 days overdue".
type Alert string

// Health is a goal's computed health ("" when unknown), shown with its
// symbol so it reads without colour.
type Health string

// Who is a person or team named (Name), with their handle (ID) for a
// link to their page; no medium shows the handle.
type Who struct {
	ID, Name string
	Team     bool
}

// Progress is a goal's computed progress, 0 to 1, or nil when unknown.
type Progress struct{ Value *float64 }

// Counts are goals counted by health; None names the goals with no
// check-in.
type Counts struct {
	Counts model.HealthCounts
	None   string
}

func (Text) inline()     {}
func (Strong) inline()   {}
func (Code) inline()     {}
func (Ref) inline()      {}
func (Rec) inline()      {}
func (Cut) inline()      {}
func (Alert) inline()    {}
func (Health) inline()   {}
func (Progress) inline() {}
func (Who) inline()      {}
func (Counts) inline()   {}

// widget reports whether an inline is drawn as a mark (a health, a
// progress bar): marks on a line are set apart by a middle dot in text and
// Markdown, by a space on a page.
func widget(in Inline) bool {
	switch in.(type) {
	case Health, Progress:
		return true
	}
	return false
}
