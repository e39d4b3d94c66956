package render_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
)

// weekDiff is a week of work as model.SemanticDiff describes it: a key
// result moved and checked in on, one closed and one added (with hostile
// text), a decision made and the one it replaces, a new draft, a change
// of Accountable, a person added, a team's lead changed and a metric's
// target.
func weekDiff() *model.OrgDiff {
	value := 8.0
	return &model.OrgDiff{
		Goals: []model.GoalDelta{
			{ID: "GOAL-KR000003", Title: "Imports <b>that</b> *work*\x1b[31m", Level: model.LevelKeyResult, Change: model.GoalAdded, Owner: "mei", Parent: "GOAL-0BJECT01"},
			{ID: "GOAL-KR000002", Title: "Activation rate", Level: model.LevelKeyResult, Change: model.GoalClosed, Outcome: "achieved"},
			{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: model.LevelKeyResult, Change: model.GoalReparented, Parent: "GOAL-0BJECT02", FromParent: "GOAL-0BJECT01"},
		},
		Health: []model.HealthDelta{
			{ID: "GOAL-0BJECT01", Title: "Cut time to first value", Level: model.LevelObjective, From: model.HealthAtRisk},
			{ID: "GOAL-KR000001", Title: "Median days to first dashboard", Level: model.LevelKeyResult, From: model.HealthAtRisk, To: model.HealthOnTrack},
		},
		Decisions: []model.DecisionDelta{
			{ID: "DEC-00000001", Title: "Cap uploads at 50 MB", Change: model.DecisionAccepted, From: model.DecisionProposed, Approver: "mei",
				Chosen: "cap50", ChosenTitle: "50 MB cap", Rationale: "Unblocks the Q4 key result now."},
			{ID: "DEC-00000000", Title: "Limit uploads to 10 MB", Change: model.DecisionSuperseded, From: model.DecisionAccepted, SupersededBy: "DEC-00000001",
				SupersededByTitle: "Cap uploads at 50 MB", SupersededByRationale: "Unblocks the Q4 key result now."},
			{ID: "DEC-00000002", Title: "Keep EU data in the EU", Change: model.DecisionDraft},
		},
		RACI: []model.RACIDelta{{ID: "RACI-00000001", Title: "CSV import wizard launch", Change: "changed", Accountable: "raj", FromAccountable: "mei",
			Roles: []model.RoleDelta{{Role: "responsible", Added: []string{"platform"}}}, State: "agreed"}},
		CheckIns: []model.CheckInDelta{{ID: "UPD-00000003", Goal: "GOAL-KR000001", GoalTitle: "Median days to first dashboard", Author: "raj",
			Date: "2026-11-20", Health: model.HealthOnTrack, Value: &value, Summary: "Wizard shipped.\nThe median moved."}},
		People: []model.RecordEdit{
			{Kind: model.KindPerson, ID: "ana", Title: "Ana Lima", Change: "added"},
			{Kind: model.KindTeam, ID: "platform", Title: "Platform", Change: "changed", Changes: []model.Change{{Field: "lead", From: "raj", To: "mei"}}},
		},
		Other: []model.RecordEdit{{Kind: model.KindGoal, ID: "GOAL-KR000001", Title: "Median days to first dashboard", Change: "changed",
			Changes: []model.Change{{Field: "metric.target", From: "5", To: "4"}}}},
		Names: map[string]string{"mei": "Mei Lin", "raj": "Raj Patel", "platform": "Platform", "GOAL-0BJECT01": "Cut time to first value",
			"GOAL-0BJECT02": "Grow self-serve revenue", "DEC-00000001": "Cap uploads at 50 MB"},
	}
}

func TestDiffMarkdownSaysWhatChangedInReviewTerms(t *testing.T) {
	t.Parallel()
	d := weekDiff()
	d.Decisions[0].DecidedBy = "accepted by Raj Patel on behalf of Mei Lin" // as the commit says
	md := render.Markdown(render.Diff(d, nil))
	for _, s := range []string{
		"## Accord: what changed\n",
		"- **Added** key result `GOAL-KR000003` Imports \\<b\\>that\\</b\\> \\*work\\* under `GOAL-0BJECT01` Cut time to first value · owner Mei Lin",
		"- **Closed** key result `GOAL-KR000002` Activation rate: achieved",
		"- **Moved** key result `GOAL-KR000001` Median days to first dashboard: from `GOAL-0BJECT01` Cut time to first value to `GOAL-0BJECT02` Grow self-serve revenue",
		"| `GOAL-0BJECT01` Cut time to first value | objective | at risk | — |",
		"| `GOAL-KR000001` Median days to first dashboard | key result | at risk | on track |",
		"- **Accepted** `DEC-00000001` Cap uploads at 50 MB (was proposed) — chose `cap50` \"50 MB cap\" · accepted by Raj Patel on behalf of Mei Lin\n  > Unblocks the Q4 key result now.",
		"- **Superseded** `DEC-00000000` Limit uploads to 10 MB (was accepted) by `DEC-00000001` Cap uploads at 50 MB",
		"- **New, draft:** `DEC-00000002` Keep EU data in the EU\n",
		"- `RACI-00000001` CSV import wizard launch: Accountable Mei Lin → **Raj Patel**; Responsible +Platform",
		"### Check-ins (1)",
		"- 2026-11-20 · Raj Patel · `GOAL-KR000001` Median days to first dashboard · **on track** · value 8: Wizard shipped. The median moved.",
		"- **Added** person `ana` Ana Lima",
		"- team `platform` Platform: lead raj → mei",
		"- goal `GOAL-KR000001` Median days to first dashboard: metric.target 5 → 4",
	} {
		if !strings.Contains(md, s) {
			t.Errorf("Markdown lacks %q:\n%s", s, md)
		}
	}
	if strings.ContainsAny(md, "\x1b") || strings.Contains(md, "<b>") {
		t.Errorf("Markdown lets record text through raw:\n%s", md)
	}
}

// The terminal's text says the same as the Markdown, laid out in columns:
// verbs on the left, notes and each field change on lines of their own.
func TestDiffPlainSaysTheSameInColumns(t *testing.T) {
	t.Parallel()
	problems := []model.Finding{{Rule: "file.unreadable", Severity: model.SeverityError, File: "goals/7K/GOAL-7K3FQ2M1.yaml",
		Message: "could not be read at HEAD (0e2311fa), so its changes are not shown"}}
	text := render.Plain(render.Diff(weekDiff(), problems))
	for _, s := range []string{
		"\nGoals\n  added       key result GOAL-KR000003 Imports <b>that</b> *work* under GOAL-0BJECT01 Cut time to first value · owner Mei Lin\n",
		"  moved       key result GOAL-KR000001 Median days to first dashboard: from GOAL-0BJECT01 Cut time to first value to GOAL-0BJECT02 Grow self-serve revenue\n",
		"\nHealth\n  —           objective GOAL-0BJECT01 Cut time to first value (was at risk)\n",
		// Without the history, the approver is a role, not someone who did something.
		"  accepted    DEC-00000001 Cap uploads at 50 MB (was proposed) — chose cap50 \"50 MB cap\" · approver Mei Lin\n              why: Unblocks the Q4 key result now.\n",
		"  draft       DEC-00000002 Keep EU data in the EU (new)\n",
		"  changed     RACI-00000001 CSV import wizard launch: Accountable Mei Lin → Raj Patel; Responsible +Platform\n",
		"\nCheck-ins (1)\n  2026-11-20 · Raj Patel · GOAL-KR000001 Median days to first dashboard · on track · value 8: Wizard shipped. The median moved.\n",
		"  changed     team platform Platform\n                lead: raj → mei\n",
		"\nCould not be read\n  goals/7K/GOAL-7K3FQ2M1.yaml: error: could not be read at HEAD (0e2311fa), so its changes are not shown [file.unreadable]\n",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("text lacks %q:\n%s", s, text)
		}
	}
	if strings.Contains(text, "\x1b") || strings.Contains(text, "Accord: what changed") {
		t.Errorf("text lets an escape through, or has a title:\n%s", text)
	}
}

func TestDiffOfNothingSaysSoWithItsRange(t *testing.T) {
	t.Parallel()
	d := &model.OrgDiff{Range: &model.DiffRange{FromCommit: "1a2b3c4d5e6f", ToCommit: "9f8e7d6c5b4a", FromDate: "2026-11-01", ToDate: "2026-11-23",
		Commits: 12, Authors: []string{"Mei Lin", "Raj Patel"}}}
	md := render.Markdown(render.Diff(d, nil))
	if want := "## Accord: what changed\n\nChanges from `1a2b3c4d` (2026-11-01) to `9f8e7d6c` (2026-11-23): 12 commits by Mei Lin, Raj Patel\n\nNo changes to records.\n"; md != want {
		t.Errorf("empty diff Markdown:\n%s\nwant\n%s", md, want)
	}
	d.Range = &model.DiffRange{From: "the beginning", ToCommit: "9f8e7d6c5b4a", ToDate: "2026-11-23", Commits: 1, Authors: []string{"Mei Lin"}}
	if text := render.Plain(render.Diff(d, nil)); text != "Changes from the beginning to 9f8e7d6c (2026-11-23): 1 commit by Mei Lin\n\nNo changes to records.\n" {
		t.Errorf("empty diff text:\n%s", text)
	}
}

// A pull-request description has a size limit: Markdown lists 50 goals
// and counts the rest, and folds more than five check-ins away; the
// terminal's text lists everything.
func TestDiffMarkdownCutsLongListsAndTextDoesNot(t *testing.T) {
	t.Parallel()
	d := &model.OrgDiff{}
	for i := range 60 {
		d.Goals = append(d.Goals, model.GoalDelta{ID: fmt.Sprintf("GOAL-%08d", i), Title: "Goal", Level: model.LevelKeyResult, Change: model.GoalAdded})
		d.CheckIns = append(d.CheckIns, model.CheckInDelta{ID: fmt.Sprintf("UPD-%08d", i), Goal: "GOAL-00000000", Date: "2026-11-20", Health: model.HealthOnTrack})
	}
	md := render.Markdown(render.Diff(d, nil))
	if strings.Count(md, "- **Added**") != 50 || !strings.Contains(md, "- … and 10 more (`accord diff --json` lists all)\n") ||
		!strings.Contains(md, "### Check-ins (60)\n\n<details><summary>60 check-ins posted</summary>\n\n- 2026-11-20") || !strings.HasSuffix(md, "\n\n</details>\n") {
		t.Errorf("long Markdown diff:\n%s", md)
	}
	if text := render.Plain(render.Diff(d, nil)); strings.Count(text, "  added ") != 60 || strings.Contains(text, "more") || strings.Count(text, "2026-11-20 · ") != 60 {
		t.Errorf("long text diff:\n%s", text)
	}
}

// A page of the diff (for the published site) is as safe as the report's.
func TestDiffHTMLIsSelfContainedAndEscaped(t *testing.T) {
	t.Parallel()
	page := render.HTML(render.Diff(weekDiff(), nil))
	if err := checkSelfContainedHTML(page); err != nil {
		t.Error(err)
	}
	if strings.Contains(page, "\x1b") || strings.Contains(page, "<b>that</b>") || !strings.Contains(page, "Imports &lt;b&gt;that&lt;/b&gt; *work*") {
		t.Errorf("the page lets record text through raw")
	}
}
