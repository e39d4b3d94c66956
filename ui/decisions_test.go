package ui

import (
	"image/color"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/tabs/decisions"
	"github.com/accordhq/accord/ui/uitest"
)

func decisionsOf(m Model) *decisions.Tab { return m.screens[tabDecisions].(*decisions.Tab) }

// detailText is the right-hand pane of a side-by-side screen as one line
// of words.
func detailText(m Model) string { return uitest.RightPane(screen(m)) }

var oneLine = uitest.OneLine

func TestSupersededDecisionLeadsToItsSuccessorAndBack(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	var old *model.Decision
	for _, id := range st.Org.IDs(model.KindDecision) {
		if d := st.Org.Decisions[id]; d.Status == model.DecisionSuperseded && d.SupersededBy != "" {
			old = d
			break
		}
	}
	if old == nil {
		t.Fatal("the fixture has no superseded decision")
	}
	next := st.Org.Decisions[old.SupersededBy]

	// Select it by filtering on its ID, so that the successor is hidden
	// by the filter when we jump to it.
	m := keys(t, newTestModel(t, st, 140, 120), "2", "/")
	m = keys(t, m, strings.Split(old.ID, "")...)
	m = keys(t, m, "enter")
	if decisionsOf(m).Selected() != old.ID {
		t.Fatalf("filtering on %s did not select it:\n%s", old.ID, screen(m))
	}
	if text := detailText(m); !strings.Contains(text, "Superseded by "+next.ID+" "+oneLine(next.Title)) {
		t.Errorf("the details do not name the successor %s:\n%s", next.ID, text)
	}
	// The row says where it went, too.
	if !strings.Contains(screen(m), "→ "+next.ID) {
		t.Errorf("the row lacks the → %s hint:\n%s", next.ID, screen(m))
	}

	m = keys(t, m, "l")
	row := slices.Index(st.Org.Links(old.ID), model.Link{Rel: "superseded by", ID: next.ID})
	if row < 0 {
		t.Fatalf("links of %s lack superseded by", old.ID)
	}
	for range row {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "enter")
	if m.top() != nil || m.active != tabDecisions || decisionsOf(m).Selected() != next.ID {
		t.Fatalf("enter on the superseded-by link did not land on %s:\n%s", next.ID, screen(m))
	}
	if text := detailText(m); !strings.Contains(text, oneLine(next.Title)) || !strings.Contains(text, "Supersedes: "+old.ID) {
		t.Errorf("the successor's details:\n%s", text)
	}

	m = keys(t, m, "backspace")
	if m.active != tabDecisions || decisionsOf(m).Selected() != old.ID {
		t.Errorf("backspace went to %q, want %s", decisionsOf(m).Selected(), old.ID)
	}
}

// A hostile decision is shown literally on the Decisions tab, in every
// frame, without escapes.
func TestHostileDecisionIsCleanInTheFrame(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	const id = "DEC-7ZZZZZZ1"
	const title = "# \x1b]52;c;aGk=\x07 *bold* \u202e"
	literal := oneLine(common.Clean(title))
	st.Org.Add(&model.Decision{ID: id, Title: title, Status: model.DecisionAccepted, Date: "2026-11-22", Driver: "raj",
		Context: "&#27;]52;c;aGk=&#7; &#x202e;\n\n```\nan unclosed fence\n"}, &model.Source{Path: "decisions/7Z/" + id + ".yaml"})
	st.Org.Index()
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := newTestModel(t, st, size[0], size[1])
		m = update(t, m, common.JumpMsg{ID: id})
		m = keys(t, m, "enter") // the details, full screen on a narrow terminal
		raw := m.render()
		for _, bad := range []string{"\x1b]", "\x07", "\u202e"} {
			if strings.Contains(raw, bad) {
				t.Errorf("%dx%d: the frame contains %q", size[0], size[1], bad)
			}
		}
		if !strings.Contains(oneLine(screen(m)), literal) {
			t.Errorf("%dx%d: the title is not shown literally:\n%s", size[0], size[1], screen(m))
		}
	}
}

func TestLinksOnAnUnreadableDecisionFileSayNothingIsSelected(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.Org.Problems = append(st.Org.Problems, model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError,
		File: "decisions/7Q/DEC-7QQQQQQQ.yaml", Line: 4, Column: 3, ID: "DEC-7QQQQQQQ",
		Message: "mapping values are not allowed here"})
	m := keys(t, newTestModel(t, st, 80, 24), "2", "l")
	if m.top() != nil || !strings.Contains(screen(m), "nothing selected") {
		t.Errorf("l on an unreadable file should say nothing is selected:\n%s", screen(m))
	}
}

func BenchmarkDecisionsFilterKey10k(b *testing.B) {
	m := newTestModel(b, synthetic(b, 10_000), 140, 40)
	m = keys(b, m, "2", "/")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := "a"
		if i%2 == 1 {
			k = "backspace"
		}
		next, _ := m.Update(uitest.Key(k))
		m = next.(Model)
		_ = m.render()
	}
}

// TestStatusBadgesFollowALightBackground: the terminal says its
// background is light after the first frame (as it does, answering the
// query Init sends); the decision status badges then take the light
// palette, as everything else does.
func TestStatusBadgesFollowALightBackground(t *testing.T) {
	t.Parallel()
	m := keys(t, newTestModel(t, northwind(t), 140, 40), "2")
	badge := func(dark bool) string {
		return common.NewStyles(dark).DecisionStatus(model.DecisionAccepted).Render(common.Pad("accepted", 10))
	}
	if !strings.Contains(m.render(), badge(true)) {
		t.Fatalf("no accepted badge in the dark palette:\n%q", m.render())
	}
	m = update(t, m, tea.BackgroundColorMsg{Color: color.White})
	out := m.render()
	if !strings.Contains(out, badge(false)) || strings.Contains(out, badge(true)) {
		t.Fatalf("after a light background the badges should be light only:\n%q", out)
	}
}
