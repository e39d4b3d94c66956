package ui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/tabs/inbox"
	"github.com/accordhq/accord/ui/uitest"
)

// In the Northwind demo on uitest.Today Raj has a decision to approve, two
// asks to Onboarding, a decision Onboarding is consulted on and one it is
// informed of, a RACI item falling due and a hand-off to confirm; Tomás has
// two asks, decisions Platform is consulted on and informed of, and is
// Accountable for one overdue and one nearly due RACI item; Amara has two
// decisions to approve and three asks; Hannah a stale check-in, two asks
// to Leadership and a decision it is consulted on; and nothing needs Kofi.
// The tests below rely on that.

// inboxAs opens the fixture as the person with this e-mail, on the Inbox.
func inboxAs(t *testing.T, st *uitest.Store, email string, w, h int) Model {
	t.Helper()
	st.Email = email
	return keys(t, newTestModel(t, st, w, h), "5")
}

func inboxScreen(m Model) *inbox.Tab { return m.screens[tabInbox].(*inbox.Tab) }

// rowOrder fails unless each text appears on screen after the one before.
func rowOrder(t *testing.T, out string, texts ...string) {
	t.Helper()
	rest := out
	for _, x := range texts {
		_, after, ok := strings.Cut(rest, x)
		if !ok {
			t.Fatalf("%q is not on screen after the text before it:\n%s", x, out)
		}
		rest = after
	}
}

func TestInboxListsWhatNeedsThePerson(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		email, title string
		want         []string // on screen, in this order
	}{
		{"tomas@northwind.example", "Inbox (8)", []string{"Asked of you (2)",
			"ask", "p95 dashboard query latency", "You: a new owner",
			"ask", "p95 dashboard query latency", "Platform: two engineers",
			"decision", "Keep EU customers' data", "Platform consulted",
			"decision", "Poll for background import", "Platform consulted",
			"decision", "Hold a planning week", "Platform informed", "Nov 13",
			"RACI", "Streaming CSV parser", "24 days overdue", "Oct 30",
			"RACI", "Per-token API rate limits", "due in 4 days", "Nov 27",
			"pulse", "Customer Support", "Platform has not rated"}},
		{"amara@northwind.example", "Inbox (6)", []string{"Awaiting your approval (2)",
			"decision", "Sell a paid onboarding", "you approve",
			"decision", "Hold a planning week", "you approve",
			"ask", "Security questionnaires", "Leadership: a decision on EU",
			"ask", "Mid-market deals closed", "You: a decision on the paid",
			"ask", "Engineering hires started", "Leadership: a decision",
			"ask", "Managers who finished the", "Leadership: protect two hours"}},
		{"raj@northwind.example", "Inbox (9)", []string{"Awaiting your approval (1)",
			"decision", "Poll for background import", "you approve",
			"ask", "Mid-market deals closed", "Onboarding: capacity for two",
			"decision", "Sell a paid onboarding", "Onboarding consulted",
			"decision", "Cap CSV uploads at 50 MB", "Onboarding informed", "Nov 18",
			"RACI", "Direct upload for the mid-mar", "due in 6 days", "Nov 29",
			"hand-off", "Kestrel Logistics", "to confirm receipt",
			"blocked", "Median days to first dashboard", "blocked by",
			"pulse", "Security", "Onboarding has not rated",
			"pulse", "Customer Support", "Onboarding has not rated"}},
		{"hannah@northwind.example", "Inbox (5)", []string{"Check-ins due (1)",
			"check-in", "Managers who finished the", "last check-in 24 days ago",
			"ask", "Security questionnaires", "Leadership: a decision on EU",
			"ask", "Engineering hires started", "Leadership: a decision",
			"ask", "Managers who finished the", "Leadership: protect two hours",
			"decision", "Hold a planning week", "Leadership consulted"}},
	} {
		t.Run(c.email, func(t *testing.T) {
			m := inboxAs(t, northwind(t), c.email, 80, 24)
			out := screen(m)
			if !strings.Contains(out, "5 "+c.title) {
				t.Errorf("tab title is not %q:\n%s", c.title, out)
			}
			rowOrder(t, out, c.want...)
		})
	}
}

// richInbox gives Raj something in every section by nudging the demo: on
// top of what the demo already asks of him (a decision to approve, a RACI
// item due, a hand-off to confirm), a goal of his gets a cadence and no
// check-in, and a hand-off from him is overdue.
func richInbox(t *testing.T) *uitest.Store {
	t.Helper()
	st := northwind(t)
	o := st.Org
	find := func(k model.Kind, title string, ok func(model.Record) bool) model.Record {
		t.Helper()
		for _, id := range o.IDs(k) {
			r, _ := o.Get(id)
			if r.RecordTitle() == title && (ok == nil || ok(r)) {
				return r
			}
		}
		t.Fatalf("the demo has no %s %q", k, title)
		return nil
	}
	g := find(model.KindGoal, "Cut time to first value", func(r model.Record) bool { return r.(*model.Goal).State == "active" }).(*model.Goal)
	g.Cadence = "monthly"
	h := find(model.KindHandoff, "Onboarded accounts move to Support", nil).(*model.Handoff)
	h.From.Owner, h.Due = "raj", "2026-11-20"
	o.Index()
	return st
}

func TestInboxGroupsBySectionAndNamesTheCursorsSection(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, richInbox(t), 80, 24)
	m = keys(t, m, "5")
	out := screen(m)
	if !strings.Contains(out, "5 Inbox (11)") {
		t.Errorf("tab title:\n%s", out)
	}
	rowOrder(t, out,
		"Check-ins due (1)",
		"check-in", "Cut time to first value", "no check-in yet; monthly",
		"decision", "Poll for background import", "you approve",
		"ask", "Mid-market deals closed", "Onboarding: capacity for two",
		"decision", "Sell a paid onboarding", "Onboarding consulted",
		"decision", "Cap CSV uploads at 50 MB", "Onboarding informed",
		"RACI", "Direct upload for the mid-mar", "due in 6 days", "Nov 29",
		"hand-off", "Onboarded accounts move to", "to deliver; 3 days", "Nov 20",
		"hand-off", "Kestrel Logistics", "to confirm receipt",
		"blocked", "Median days to first dashboard", "blocked by",
		"pulse", "Security", "Onboarding has not rated",
		"pulse", "Customer Support", "Onboarding has not rated")
	for _, want := range []string{"Awaiting your approval (1)", "Asked of you (1)", "Your input wanted (1)",
		"Changed since you last looked (1)", "Accountable, due soon (1)", "Hand-offs waiting for you (2)", "Hand-offs waiting for you (2)",
		"Blocked by a dependency (1)", "Pulses due (2)", "Pulses due (2)"} {
		m = keys(t, m, "j")
		if out := screen(m); !strings.Contains(out, want) {
			t.Errorf("after j, the header does not say %q:\n%s", want, out)
		}
	}
	if got := m.screens[tabInbox].Selected(); m.data.Org.Teams[got] == nil {
		t.Errorf("the cursor is on %q, want the last pulse's team", got)
	}
}

func TestInboxDetailsSayWhatToDo(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, richInbox(t), 140, 40)
	m = keys(t, m, "5")
	for _, want := range [][]string{
		{"Check-ins due", "→ Post a check-in on this goal.", "Health", "Latest check-in", "None yet."},
		{"→ Review it, then accept or reject it.", "Status       proposed", "Approver     Raj Patel", "Context", "Options"},
		{"Asked of you", "→ Answer the ask", "capacity for two mid-market kick-offs a week", "asked by Emma",
			"Latest check-in", "enter opens it in the Goals tab"},
		{"Your input wanted", "→ Give the driver your input before it is decided.", "Onboarding consulted; proposed by Daniel Brooks"},
		{"Changed since you last looked", "→ Read what was decided", "Onboarding informed; now superseded"},
		{"→ Make sure it lands by its due date.", "due in 6 days · 2026-11-29", "A Accountable Raj Patel", "R Responsible"},
		{"→ Deliver it, or agree a new date", "Onboarding (Raj Patel) → Customer Support", "Deliverables", "acceptance criteria"},
		{"and confirm", "Sales (Emma Lindqvist) → Onboarding (Raj Patel)", "enter opens it in the RACI tab"},
		{"Blocked by a dependency", "→ Something this goal depends on is in trouble", "blocked by", "p95 dashboard query latency (off track)"},
		{"Pulses due", "→ Rate how working with this team went", "Onboarding has not rated working with Security", "enter opens it in the People tab"},
	} {
		out := screen(m)
		for _, w := range want {
			if !strings.Contains(out, w) {
				t.Errorf("details lack %q:\n%s", w, out)
			}
		}
		m = keys(t, m, "j")
	}
}

func TestInboxEmptyAndUnknownUser(t *testing.T) {
	t.Parallel()
	m := inboxAs(t, northwind(t), "kofi@northwind.example", 80, 24) // nothing needs Kofi
	out := screen(m)
	if !strings.Contains(out, "Nothing needs you right now.") || !strings.Contains(out, "Checked: check-ins") {
		t.Errorf("empty inbox:\n%s", out)
	}
	if !strings.Contains(out, "5 Inbox ") || strings.Contains(out, "Inbox (") {
		t.Errorf("an empty inbox's tab shows a count:\n%s", out)
	}
	if ks := m.screens[tabInbox].Keys(); len(ks) != 0 {
		t.Errorf("an empty inbox offers keys: %v", ks)
	}
	if m = keys(t, m, "enter"); m.active != tabInbox {
		t.Errorf("enter on an empty inbox moved to tab %d", m.active)
	}

	m = inboxAs(t, northwind(t), "someone@elsewhere.example", 80, 24)
	out = screen(m)
	if flat := strings.Join(strings.Fields(out), " "); !strings.Contains(flat, "Git knows you as Raj Patel, but your git e-mail is not in anyone's emails in people/; add it so Accord knows who you are.") {
		t.Errorf("unknown e-mail:\n%s", out)
	}
	if strings.Contains(out, "Nothing needs you") {
		t.Errorf("an unknown user is told nothing needs them:\n%s", out)
	}
}

func TestInboxEnterJumpsToTheRecord(t *testing.T) {
	t.Parallel()
	// Wide: the details sit beside the list, so enter jumps at once.
	m := inboxAs(t, northwind(t), "tomas@northwind.example", 140, 40)
	if k := helpKeys(m); !strings.Contains(k, "enter go to it") {
		t.Errorf("wide keys: %s", k)
	}
	// An ask is about its goal: enter opens the goal.
	goal := m.screens[tabInbox].Selected()
	if g := m.data.Org.Goals[goal]; g == nil || g.Title != "p95 dashboard query latency" {
		t.Fatalf("an ask selects %q, want its goal", goal)
	}
	m = keys(t, m, "enter")
	if m.active != tabGoals || m.screens[tabGoals].Selected() != goal {
		t.Fatalf("enter on an ask: tab %d showing %q, want the Goals tab on %s", m.active, m.screens[tabGoals].Selected(), goal)
	}
	m = keys(t, m, "backspace")
	m = keys(t, m, "G", "k") // Per-token API rate limits, before a pulse
	id := m.screens[tabInbox].Selected()
	if m.data.Org.RACIs[id] == nil || m.data.Org.RACIs[id].Title != "Per-token API rate limits" {
		t.Fatalf("selected %q", id)
	}
	m = keys(t, m, "enter")
	if m.active != tabRACI || m.screens[tabRACI].Selected() != id {
		t.Fatalf("after enter: tab %d showing %q, want the RACI tab on %s", m.active, m.screens[tabRACI].Selected(), id)
	}
	m = keys(t, m, "backspace")
	if m.active != tabInbox || m.screens[tabInbox].Selected() != id {
		t.Errorf("back: tab %d on %q", m.active, m.screens[tabInbox].Selected())
	}

	// Narrow: enter opens the details, enter again jumps.
	m = inboxAs(t, northwind(t), "amara@northwind.example", 80, 24)
	if k := helpKeys(m); !strings.Contains(k, "enter details, then go to it") {
		t.Errorf("narrow keys: %s", k)
	}
	id = m.screens[tabInbox].Selected()
	m = keys(t, m, "enter")
	if out := screen(m); m.active != tabInbox || !strings.Contains(out, "→ Review it, then accept or reject it.") {
		t.Fatalf("enter did not open the details:\n%s", out)
	}
	if k := helpKeys(m); !strings.Contains(k, "enter go to it") || !strings.Contains(k, "esc close") {
		t.Errorf("details keys: %s", k)
	}
	m = keys(t, m, "enter")
	if m.active != tabDecisions || m.screens[tabDecisions].Selected() != id {
		t.Fatalf("second enter: tab %d showing %q, want the Decisions tab on %s", m.active, m.screens[tabDecisions].Selected(), id)
	}
	// Coming back finds the list, not the details.
	m = keys(t, m, "backspace")
	if out := screen(m); m.active != tabInbox || !strings.Contains(out, "Awaiting your approval (2)") {
		t.Errorf("back:\n%s", out)
	}
}

func helpKeys(m Model) string {
	var parts []string
	for _, b := range m.screens[m.active].Keys() {
		parts = append(parts, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(parts, " · ")
}

func TestInboxSelectAndFilter(t *testing.T) {
	t.Parallel()
	m := inboxAs(t, northwind(t), "tomas@northwind.example", 80, 24)
	in := inboxScreen(m)
	var overdue, soon string
	for id, x := range m.data.Org.RACIs {
		switch x.Title {
		case "Streaming CSV parser":
			overdue = id
		case "Per-token API rate limits":
			soon = id
		}
	}
	m = keys(t, m, "/", "r", "a", "t", "e", "enter")
	out := screen(m)
	if strings.Contains(out, "Streaming CSV parser") || !strings.Contains(out, "Per-token API rate limits") {
		t.Fatalf("filter \"rate\":\n%s", out)
	}
	// A record the filter hides is still in the inbox: Select clears the filter.
	if !in.Select(overdue) || in.Selected() != overdue {
		t.Errorf("Select(%s) did not land on it", overdue)
	}
	if out := screen(m); !strings.Contains(out, "Streaming CSV parser") || !strings.Contains(out, "Per-token API rate limits") {
		t.Errorf("Select left the filter on:\n%s", out)
	}
	if !in.Select(soon) || in.Selected() != soon {
		t.Errorf("Select(%s) did not land on it", soon)
	}
	for _, id := range []string{"tomas", "", "RACI-NOTTHERE"} {
		if in.Select(id) {
			t.Errorf("Select(%q) = true for something not in the inbox", id)
		}
	}
}

func TestInboxFitsItsSize(t *testing.T) {
	t.Parallel()
	st := richInbox(t)
	for _, size := range [][2]int{{40, 10}, {80, 24}, {100, 30}, {140, 40}, {220, 50}} {
		m := newTestModel(t, st, size[0], size[1])
		m = keys(t, m, "5")
		for _, step := range []string{"", "enter", "j", "G"} {
			if step != "" {
				m = keys(t, m, step)
			}
			body := m.screens[tabInbox].View()
			lines := strings.Split(body, "\n")
			if h := m.bodyHeight(); len(lines) > h {
				t.Errorf("%dx%d after %q: %d lines, the screen has %d", size[0], size[1], step, len(lines), h)
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > size[0] {
					t.Errorf("%dx%d after %q: line %d is %d wide", size[0], size[1], step, i, w)
				}
			}
		}
	}
}

// "Since I last looked": the inbox lists a decision the user is informed
// of until a session has shown it, then not in the next session, and again
// once its status moves past the mark; the mark is the store's, which
// accord inbox reads and writes too.
func TestInboxSinceILastLooked(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := decisionTitled(t, st.Org, "Cap CSV uploads at 50 MB")
	const row = "Cap CSV uploads at 5"

	m := inboxAs(t, st, "raj@northwind.example", 140, 40)
	if !strings.Contains(screen(m), row) {
		t.Fatalf("never looked at, the recent change is not listed:\n%s", screen(m))
	}
	if got := st.Seen["raj"][id]; got != "superseded" {
		t.Fatalf("showing the inbox recorded %q for the decision, want its status superseded (marks %v)", got, st.Seen["raj"])
	}
	// A reload in the same session keeps it: nothing vanishes while read.
	m = update(t, m, loadCmd(st, m.c.Now)())
	if !strings.Contains(screen(m), row) {
		t.Fatalf("the decision vanished from the inbox within the session:\n%s", screen(m))
	}

	// The next session has seen it.
	m = inboxAs(t, st, "raj@northwind.example", 140, 40)
	if strings.Contains(screen(m), row) {
		t.Fatalf("a decision looked at last session is listed again:\n%s", screen(m))
	}

	// Last looked when it was accepted: it changed since.
	st.Seen["raj"][id] = "accepted"
	m = inboxAs(t, st, "raj@northwind.example", 140, 40)
	if !inboxScreen(m).Select(id) {
		t.Fatalf("a decision that changed since the mark is not listed:\n%s", screen(m))
	}
	if out := uitest.OneLine(uitest.RightPane(screen(m))); !strings.Contains(out, "accepted → superseded") {
		t.Fatalf("the details do not say what changed since the mark:\n%s", screen(m))
	}

	// Never on the inbox tab, the mark is left alone.
	st.Seen = nil
	calls := st.SeenCalls
	newTestModel(t, st, 140, 40)
	if st.SeenCalls != calls {
		t.Fatalf("the mark was written without the inbox being shown")
	}
}

// An ask to Onboarding is answered from its lead's inbox: a answers the
// ask under the cursor with an append-only answer record, signed and
// dated, naming the ask as UPD-…#N.
func TestInboxAnswersAnAsk(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := inboxAs(t, st, "raj@northwind.example", 140, 40)
	var ref model.AskRef
	for range 10 {
		if r, ok := inboxScreen(m).SelectedAsk(); ok {
			ref = r
			break
		}
		m = keys(t, m, "j")
	}
	if ref.CheckIn == "" {
		t.Fatalf("no ask in Raj's inbox:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), "a answer") {
		t.Fatalf("the hints do not offer to answer the ask:\n%s", screen(m))
	}
	m = press(t, m, "a")
	if formOf(m) == nil || !strings.Contains(screen(m), "Answer "+ref.String()) {
		t.Fatalf("a on an ask opened no answer form:\n%s", screen(m))
	}
	m = press(t, m, "right", "right", "tab")
	m = typeText(t, m, "Two people from the next sprint")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the answer was not saved (form open %v, saves %d):\n%s", formOf(m) != nil, len(st.Saved), screen(m))
	}
	a, ok := st.Saved[0].Edits[0].New.(*model.Answer)
	if !ok {
		t.Fatalf("saved %T, want an answer", st.Saved[0].Edits[0].New)
	}
	if a.Ask != ref.String() || a.Response != model.AnswerDone || a.Author != "raj" || a.Date != "2026-11-23" ||
		a.Note != "Two people from the next sprint" || st.Saved[0].Edits[0].Old != nil {
		t.Fatalf("saved answer %+v, want done to %s by raj on 2026-11-23 with the note, as a new record", a, ref)
	}
}
