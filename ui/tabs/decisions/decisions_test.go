package decisions

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// show is the tab over the store's organisation in a width × height
// terminal.
func show(st *uitest.Store, width, height int) *Tab {
	d := New(uitest.Context())
	uitest.Show(d, st, width, height)
	return d
}

// keys types keys into the tab.
func keys(t testing.TB, d *Tab, ks ...string) *Tab {
	t.Helper()
	uitest.Type(t, d, ks...)
	return d
}

// screen is the tab as drawn, without colours.
func screen(d *Tab) string { return ansi.Strip(d.View()) }

var rowDate = regexp.MustCompile(`^.. (\S+) +(\d{4}-\d{2}-\d{2}) `)

// decisionRows reads the status and date of each decision row on an
// 80-column screen (list only).
func decisionRows(t *testing.T, m *Tab) (statuses, dates []string) {
	t.Helper()
	for _, l := range strings.Split(screen(m), "\n") {
		if g := rowDate.FindStringSubmatch(l); g != nil {
			statuses = append(statuses, g[1])
			dates = append(dates, g[2])
		}
	}
	if len(dates) == 0 {
		t.Fatalf("%d decision rows:\n%s", len(dates), screen(m))
	}
	return statuses, dates
}

// detailText is the right-hand pane of a side-by-side screen as one line
// of words.
func detailText(m *Tab) string { return uitest.RightPane(screen(m)) }

var oneLine = uitest.OneLine

// acceptedWithChoice is a decision that chose one of several options.
func acceptedWithChoice(t *testing.T, o *model.Org) *model.Decision {
	t.Helper()
	for _, id := range o.IDs(model.KindDecision) {
		d := o.Decisions[id]
		if d.Status == model.DecisionAccepted && len(d.Options) >= 2 && d.Outcome != nil &&
			d.Outcome.Chosen != "" && d.Outcome.Rationale != "" {
			return d
		}
	}
	t.Fatal("the fixture has no accepted decision with a choice")
	return nil
}

func TestDecisionsListNewestFirstByDefault(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	m := show(st, 80, 30)
	if out := screen(m); !strings.Contains(out, "sorted newest first") {
		t.Fatalf("the header does not say the order:\n%s", out)
	}
	_, dates := decisionRows(t, m)
	newest := ""
	for _, d := range st.Org.Decisions {
		newest = max(newest, d.Date)
	}
	if dates[0] != newest {
		t.Errorf("first row dated %s, newest decision is %s", dates[0], newest)
	}
	if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(b, a) }) {
		t.Errorf("rows not newest first: %v", dates)
	}
}

func TestDecisionsSortKeyCyclesOrders(t *testing.T) {
	t.Parallel()
	// On 24 lines the list scrolls: with the cursor on an accepted decision
	// near the top, oldest first scrolls to the bottom, and by status must
	// still show from its top.
	m := keys(t, show(uitest.Northwind(t), 80, 24), "j")
	if s := m.data.Org.Decisions[m.Selected()].Status; s == model.DecisionProposed {
		t.Fatalf("the second newest decision is %s; pick another to start from", s)
	}
	m = keys(t, m, "o")
	if !strings.Contains(screen(m), "sorted oldest first") {
		t.Fatalf("o did not sort oldest first:\n%s", screen(m))
	}
	if _, dates := decisionRows(t, m); !slices.IsSorted(dates) {
		t.Errorf("rows not oldest first: %v", dates)
	}

	m = keys(t, m, "o")
	if !strings.Contains(screen(m), "sorted by status") {
		t.Fatalf("a second o did not sort by status:\n%s", screen(m))
	}
	statuses, dates := decisionRows(t, m)
	if statuses[0] != model.DecisionProposed {
		t.Errorf("by status, the first row is %s, want proposed first", statuses[0])
	}
	for i := 1; i < len(statuses); i++ {
		a, b := decisionRank(statuses[i-1]), decisionRank(statuses[i])
		if a > b || a == b && dates[i-1] < dates[i] {
			t.Fatalf("row %d (%s %s) after (%s %s): not in lifecycle order, newest first within",
				i, statuses[i], dates[i], statuses[i-1], dates[i-1])
		}
	}

	m = keys(t, m, "o")
	if !strings.Contains(screen(m), "sorted newest first") {
		t.Errorf("a third o did not come back to newest first:\n%s", screen(m))
	}
}

func TestDecisionsSortKeepsTheCursorOnItsRecord(t *testing.T) {
	t.Parallel()
	m := keys(t, show(uitest.Northwind(t), 80, 30), "j", "j", "j")
	before := m.Selected()
	m = keys(t, m, "o")
	if got := m.Selected(); got != before {
		t.Errorf("after o the cursor is on %s, was on %s", got, before)
	}
}

func TestDecisionDetailsShowOptionsChoiceAndRationale(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	d := acceptedWithChoice(t, st.Org)
	m := show(st, 220, 160)
	if !m.Select(d.ID) || m.Selected() != d.ID {
		t.Fatalf("%s is not selected on the Decisions tab", d.ID)
	}
	text := detailText(m)
	for _, want := range []string{oneLine(d.Title), "accepted · " + d.Date + " · " + d.ID,
		"Options considered", "Outcome", oneLine(d.Outcome.Rationale)} {
		if !strings.Contains(text, want) {
			t.Errorf("details lack %q:\n%s", want, text)
		}
	}
	for _, opt := range d.Options {
		title := oneLine(opt.Title)
		marked := strings.Contains(text, "✓ chosen: "+title)
		if opt.ID == d.Outcome.Chosen != marked {
			t.Errorf("option %q: chosen=%v, marked=%v:\n%s", opt.ID, opt.ID == d.Outcome.Chosen, marked, text)
		}
		if !strings.Contains(text, title) {
			t.Errorf("option %q missing", title)
		}
		for _, g := range opt.Good {
			if !strings.Contains(text, "good: "+oneLine(g)) {
				t.Errorf("pro %q missing", g)
			}
		}
		for _, b := range opt.Bad {
			if !strings.Contains(text, "bad: "+oneLine(b)) {
				t.Errorf("con %q missing", b)
			}
		}
	}
	if p := st.Org.People[d.Driver]; p == nil || !strings.Contains(text, "Driver: "+p.Name) {
		t.Errorf("the driver is not named:\n%s", text)
	}
}

func TestHostileDecisionDetailsRenderLiterallyAndFit(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	const id = "DEC-7ZZZZZZ1"
	const title = "# \x1b]52;c;aGk=\x07 *bold* \u202e"
	// What the title must read as: cleaned, and otherwise literal.
	literal := oneLine(common.Clean(title))
	if !strings.HasPrefix(literal, "# ") || !strings.HasSuffix(literal, " *bold*") {
		t.Fatalf("clean(title) = %q", literal)
	}
	context := "Plain words that wrap. " + strings.Repeat("x", 1200) + " &#27;]52;c;aGk=&#7; &#x202e; " +
		strings.Repeat("word ", 600) + "\n\n```\nan unclosed fence\n"
	context += strings.Repeat("y", 5000-len(context))
	st.Org.Add(&model.Decision{
		ID: id, Title: title, Status: model.DecisionAccepted, Date: "2026-11-22",
		Driver: "raj", Approver: "*mallory*", Context: context,
		Drivers: []string{"- [link](http://x) <b>"},
		Options: []model.Option{{ID: "a", Title: "1. _not a list_", Good: []string{"`tick`"}, Bad: []string{"> quote"}}},
		Outcome: &model.Outcome{Chosen: "a", Rationale: "<pre>\nswallow everything"},
	}, &model.Source{Path: "decisions/7Z/" + id + ".yaml"})
	st.Org.Index()

	m := show(st, 80, 24)
	ds := m
	for _, w := range []int{24, 59, 79, 120} {
		body := ds.renderBody(id, w)
		if otherEscape.MatchString(body) || strings.ContainsAny(body, "\x07\u202e") {
			t.Errorf("width %d: an escape other than colour survived: %q", w, otherEscape.FindString(body))
		}
		plain := ansi.Strip(body)
		for i, l := range strings.Split(body, "\n") {
			if n := ansi.StringWidth(l); n > w {
				t.Fatalf("width %d: line %d is %d cells: %q", w, i+1, n, ansi.Strip(l))
			}
		}
		if got := oneLine(plain); !strings.HasPrefix(got, literal+" accepted") {
			t.Errorf("width %d: the title is not literal: %q", w, got[:min(len(got), 60)])
		}
		// Broken, never cut: every x of the long word is there.
		if n := strings.Count(plain, "x"); n < 1200 {
			t.Errorf("width %d: %d of 1200 x's shown", w, n)
		}
		words := oneLine(plain)
		for _, want := range []string{"Decision drivers", "- [link](http://x) <b>", "✓ chosen: 1. _not a list_",
			"good: `tick`", "bad: > quote", "Approver: *mallory*", "<pre> swallow everything"} {
			if !strings.Contains(words, want) {
				t.Errorf("width %d: %q is not shown literally after the hostile context:\n%s", w, want, plain)
			}
		}
	}
}

func TestUnreadableDecisionFileIsAnErrorRow(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	st.Org.Problems = append(st.Org.Problems, model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError,
		File: "decisions/7Q/DEC-7QQQQQQQ.yaml", Line: 4, Column: 3, ID: "DEC-7QQQQQQQ",
		Message: "mapping values are not allowed here"})
	m := show(st, 80, 24)
	out := screen(m)
	if !strings.Contains(out, "✗ cannot read decisions/7Q/DEC-7QQQQQQQ.yaml:4") {
		t.Fatalf("no error row for the unreadable file:\n%s", out)
	}
	if !strings.Contains(out, "1 unreadable file") {
		t.Errorf("the header does not count it:\n%s", out)
	}
	if m.Selected() != "" {
		t.Errorf("an unreadable file is selected as a record: %q", m.Selected())
	}
	m = keys(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "This file could not be read") || !strings.Contains(out, "mapping values are not allowed here") {
		t.Errorf("its details:\n%s", out)
	}
}

func TestDecisionsFilterAndSelect(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	m := keys(t, show(st, 80, 30), "/", "i", "m", "p", "o", "r", "t", "s", "enter")
	statuses, _ := decisionRows(t, m)
	want := 0
	for _, d := range st.Org.Decisions {
		if slices.Contains(d.Tags, "imports") || strings.Contains(strings.ToLower(d.Title), "imports") {
			want++
		}
	}
	if len(statuses) != want {
		t.Errorf("filter on the imports tag shows %d rows, want %d:\n%s", len(statuses), want, screen(m))
	}
	// Select clears a filter that hides the record; other kinds are not ours.
	var hidden string
	for _, id := range st.Org.IDs(model.KindDecision) {
		if !slices.Contains(st.Org.Decisions[id].Tags, "imports") {
			hidden = id
			break
		}
	}
	ds := m
	if !ds.Select(hidden) || ds.Selected() != hidden || ds.List.Query() != "" {
		t.Errorf("Select(%s) with a filter hiding it: selected %q, filter %q", hidden, ds.Selected(), ds.List.Query())
	}
	if ds.Select("raj") || ds.Select("GOAL-1234ABCD") {
		t.Error("Select accepted a record that is not a decision")
	}
}

func TestDecisionDetailsRenderOnlyWhenShown(t *testing.T) {
	t.Parallel()
	m := keys(t, show(uitest.Northwind(t), 80, 24))
	ds := m
	_ = screen(m)
	if len(ds.rendered) != 0 {
		t.Errorf("%d details rendered with only the list on screen", len(ds.rendered))
	}
	m = keys(t, m, "enter")
	_, _ = screen(m), screen(m)
	if len(ds.rendered) != 1 {
		t.Errorf("%d details rendered for one record shown twice", len(ds.rendered))
	}
	m.SetData(uitest.Northwind(t).Data())
	if len(ds.rendered) != 0 {
		t.Errorf("new data kept %d stale renderings", len(ds.rendered))
	}
}

func TestMdEscapeKeepsTextLiteral(t *testing.T) {
	t.Parallel()
	ds := show(uitest.Northwind(t), 80, 24)
	for _, s := range []string{"# heading", "*bold* _it_", "[a](b)", "<b>x</b>", "1. one", "- item", "a & b &amp;", "~~x~~", "`c`", "x\\y"} {
		got := ansi.Strip(ds.markdown(mdEscape(s), 60))
		if strings.TrimSpace(got) != s {
			t.Errorf("mdEscape(%q) renders as %q", s, got)
		}
	}
}

func TestDecisionDetailsFollowThePalette(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	d := acceptedWithChoice(t, st.Org)
	var out [2]string
	for i, dark := range []bool{true, false} {
		c := common.Common{Styles: common.NewStyles(dark), Keys: common.DefaultKeyMap(), Now: func() time.Time { return uitest.Today }}
		ds := New(c)
		ds.SetData(st.Data())
		ds.SetSize(140, 40)
		out[i] = ds.renderBody(d.ID, 76)
		if !strings.Contains(oneLine(ansi.Strip(out[i])), oneLine(d.Title)) {
			t.Errorf("dark=%v: no title in\n%s", dark, ansi.Strip(out[i]))
		}
	}
	if out[0] == out[1] {
		t.Error("the light and dark renderings are the same")
	}
	if ansi.Strip(out[0]) != ansi.Strip(out[1]) {
		t.Error("the palettes change the text, not only its colours")
	}
}

// otherEscape matches an escape that is not a colour (SGR) sequence.
var otherEscape = regexp.MustCompile(`\x1b(?:[^\[]|\[[0-9;:]*[^0-9;:m])`)

func BenchmarkDecisionDetails(b *testing.B) {
	m := show(uitest.Northwind(b), 140, 40)
	ds := m
	id := ds.Selected()
	b.ResetTimer()
	for b.Loop() {
		clear(ds.rendered)
		_ = ds.renderBody(id, 76)
	}
}
