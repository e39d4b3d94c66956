package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/uitest"
)

// handoffTab is the fixture on the RACI tab with a hand-off selected.
func handoffTab(t *testing.T, st *uitest.Store, title string) (Model, *model.Handoff) {
	t.Helper()
	id := idByTitle(t, st, model.KindHandoff, title)
	m := raciTab(t, st, 80, 24)
	if !raciScreen(m).Select(id) || !raciScreen(m).ShowsHandoffs() {
		t.Fatalf("hand-off %s is not in the hand-offs view", id)
	}
	return m, st.Org.Handoffs[id]
}

func TestNewHandoffIsProposedFromMyTeam(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, raciTab(t, st, 80, 24), "v", "v") // the hand-offs view
	m = press(t, m, "n")
	if formOf(m) == nil || !strings.Contains(screen(m), "New hand-off") {
		t.Fatalf("n in the hand-offs view opened no hand-off form:\n%s", screen(m))
	}
	if out := screen(m); !strings.Contains(out, "with none, Raj Patel, lead of Onboarding") {
		t.Fatalf("the owner picker does not say who acts without an owner:\n%s", out)
	}
	m = pressText(t, m, "Billing CSV export")
	m = press(t, m, "enter", "enter", "enter") // from onboarding, owner raj
	m = choose(t, m, "team platform")
	m = press(t, m, "enter") // no owner: the lead acts
	m = pressText(t, m, "2026-12-15")
	m = press(t, m, "enter")
	m = pressText(t, m, "Docs and an on-call handover.")
	m = press(t, m, "enter")
	m = pressText(t, m, "CSV exporter")
	m = press(t, m, "ctrl+j")
	m = pressText(t, m, "  - streams 1 GB in a minute")
	m = press(t, m, "ctrl+j")
	m = pressText(t, m, "Runbook")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 1 {
		t.Fatalf("the hand-off was not saved:\n%s", screen(m))
	}
	h := st.Saved[0].Edits[0].New.(*model.Handoff)
	want := &model.Handoff{ID: h.ID, Title: "Billing CSV export", State: "proposed", Due: "2026-12-15",
		From: model.Party{Team: "onboarding", Owner: "raj"}, To: model.Party{Team: "platform"},
		Expectations: "Docs and an on-call handover.",
		Deliverables: []model.Deliverable{
			{ID: "csv-exporter", Title: "CSV exporter", Acceptance: []string{"streams 1 GB in a minute"}},
			{ID: "runbook", Title: "Runbook"},
		}}
	if !reflect.DeepEqual(h, want) {
		t.Fatalf("saved %+v\nwant  %+v", h, want)
	}
}

func TestHandoffToTheSameTeamSaysWhyAtOnce(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m := press(t, raciTab(t, st, 80, 24), "v", "v", "n")
	m = pressText(t, m, "Loop")
	m = press(t, m, "enter", "enter", "enter")
	m = choose(t, m, "team onboarding")
	m = press(t, m, "shift+tab")
	if out := screen(m); !strings.Contains(out, "goes from onboarding to onboarding itself") {
		t.Fatalf("a hand-off to its own team does not say why it cannot be:\n%s", out)
	}
	saveRefused(t, st, m, "a hand-off to its own team")
}

func TestHandoffAcceptedByTheReceivingOwner(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.Email = "lucia@northwind.example" // the receiving owner of the SSO runbook
	m, h := handoffTab(t, st, "SSO runbook")
	m = press(t, m, "a")
	if out := screen(m); !strings.Contains(out, "Accept — proposed → accepted") {
		t.Fatalf("the actions do not offer accepting:\n%s", out)
	}
	m = press(t, m, "enter")
	if len(st.Saved) != 1 {
		t.Fatalf("accepting saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	c := st.Saved[0]
	if c.Message != "handoff("+h.ID+"): state proposed → accepted" {
		t.Fatalf("commit message %q", c.Message)
	}
	next := c.Edits[0].New.(*model.Handoff)
	if ch := model.Diff(h, next); next.State != "accepted" || len(ch) != 1 {
		t.Fatalf("accepting changed %+v", ch)
	}
	if out := screen(m); !strings.Contains(out, "saved: handoff("+h.ID+"): state proposed → accepted") {
		t.Fatalf("the status line does not say what was saved:\n%s", out)
	}
}

func TestHandoffAcceptRefusedWithTheReasonForSomeoneElse(t *testing.T) {
	t.Parallel()
	st := northwind(t) // raj, who is on neither side
	m, _ := handoffTab(t, st, "SSO runbook")
	m = press(t, m, "a")
	const why = "only lucia, the receiving owner, can accept this hand-off"
	if out := screen(m); !strings.Contains(out, "Accept — only lucia, the receiving owner") {
		t.Fatalf("the refused move does not say who may make it:\n%s", out)
	}
	m = press(t, m, "enter")
	if len(st.SaveCalls) != 0 {
		t.Fatal("a refused move was saved")
	}
	if out := screen(m); !strings.Contains(strings.Join(strings.Fields(out), " "), why) {
		t.Fatalf("choosing the refused move does not say why:\n%s", out)
	}
}

func TestHandoffDeliveredThenReceived(t *testing.T) {
	t.Parallel()
	st := northwind(t) // raj owns the receiving side of the Kestrel hand-off
	m, h := handoffTab(t, st, "Kestrel Logistics")
	if h.State != "delivered" {
		t.Fatalf("the fixture's Kestrel hand-off is %s", h.State)
	}
	m = press(t, m, "a", "enter")
	if len(st.Saved) != 1 || st.Saved[0].Message != "handoff("+h.ID+"): state delivered → received" {
		t.Fatalf("saves: %+v", st.Saved)
	}
	if got := st.Org.Handoffs[h.ID].State; got != "received" {
		t.Fatalf("state = %s", got)
	}
	m = press(t, m, "n") // no retro now (TestReceivingAHandoffOffersARetro)
	m = press(t, m, "a")
	if out := screen(m); !strings.Contains(out, "a received hand-off is final") {
		t.Fatalf("a received hand-off offers moves:\n%s", out)
	}
}

func TestEditHandoffKeepsDeliverableIDs(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m, h := handoffTab(t, st, "Streaming CSV parser")
	m = press(t, m, "e")
	if formOf(m) == nil || formOf(m).Dirty() {
		t.Fatalf("e opened no clean form:\n%s", screen(m))
	}
	m = press(t, m, "enter", "enter", "enter", "enter", "enter", "enter", "enter") // to the deliverables
	m = press(t, m, "ctrl+j")
	m = pressText(t, m, "Load test report")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	got := st.Saved[0].Edits[0].New.(*model.Handoff)
	if len(got.Deliverables) != len(h.Deliverables)+1 {
		t.Fatalf("deliverables = %+v", got.Deliverables)
	}
	if !reflect.DeepEqual(got.Deliverables[:len(h.Deliverables)], h.Deliverables) {
		t.Fatalf("the old deliverables changed:\n%+v\nwant %+v", got.Deliverables, h.Deliverables)
	}
	if d := got.Deliverables[len(h.Deliverables)]; d.ID != "load-test-report" || d.Title != "Load test report" {
		t.Fatalf("new deliverable = %+v", d)
	}
	if got.State != h.State || got.From != h.From || got.To != h.To {
		t.Fatalf("the edit changed more than the deliverables: %+v", got)
	}
}

func TestEditKeepsUntouchedTextAsTheFileHasIt(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	id := idByTitle(t, st, model.KindHandoff, "Kestrel Logistics")
	h := st.Org.Handoffs[id]
	h.Title = "Kestrel\u202e Logistics" // a bidi override the form shows cleaned
	h.Expectations = "Kick-off call in week one.\n"
	m, _ := handoffTab(t, st, "Kestrel")
	m = press(t, m, "e", "ctrl+s")
	if len(st.Saved) != 0 || !strings.Contains(screen(m), "nothing changed") {
		t.Fatalf("saving an untouched form committed %d changes:\n%s", len(st.Saved), screen(m))
	}
	m = press(t, m, "e", "enter", "enter", "enter", "enter", "enter", "ctrl+u")
	m = pressText(t, m, "2026-12-04")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("saved %d commits:\n%s", len(st.Saved), screen(m))
	}
	got := st.Saved[0].Edits[0].New.(*model.Handoff)
	if ch := model.Diff(h, got); len(ch) != 1 || ch[0].Field != "due" {
		t.Fatalf("changing the due date changed %+v", ch)
	}
}

// Receiving a hand-off offers a retro across its two teams: yes opens the
// retro form, whose save is a new record linked to the hand-off; a later
// save of the same hand-off does not ask again.
func TestReceivingAHandoffOffersARetro(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	m, h := handoffTab(t, st, "Kestrel Logistics")
	m = press(t, m, "a", "enter")
	if out := screen(m); !strings.Contains(out, "Record a retro on Kestrel Logistics") || !strings.Contains(out, "It is received") {
		t.Fatalf("receiving the hand-off does not offer a retro:\n%s", out)
	}
	m = press(t, m, "y")
	if formOf(m) == nil || !strings.Contains(screen(m), "Retro on "+h.ID) {
		t.Fatalf("yes does not open the retro form:\n%s", screen(m))
	}
	m = typeText(t, m, "Acceptance criteria were clear")
	m = press(t, m, "tab")
	m = typeText(t, m, "Docs came a week late")
	m = press(t, m, "ctrl+s")
	if formOf(m) != nil || len(st.Saved) != 2 {
		t.Fatalf("the retro was not saved (form open %v, saves %d):\n%s", formOf(m) != nil, len(st.Saved), screen(m))
	}
	r, ok := st.Saved[1].Edits[0].New.(*model.Retro)
	if !ok || r.Subject != h.ID || r.Author != "raj" || strings.Join(r.WentWell, "|") != "Acceptance criteria were clear" ||
		strings.Join(r.WentBadly, "|") != "Docs came a week late" || len(r.Teams) != 2 {
		t.Fatalf("saved %+v, want a retro by raj on %s across its two teams with what was typed", st.Saved[1].Edits[0].New, h.ID)
	}
	if strings.Contains(screen(m), "Record a retro") {
		t.Fatalf("saving the retro asks for another:\n%s", screen(m))
	}
}
