package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/charmbracelet/x/exp/golden"
)

// decisionHistory gives the small organisation a decision with a history:
// created and proposed by Raj, accepted (cap50) by Mei, its approver, an
// option added, then the choice changed to it and its context edited. It
// returns the decision's ID.
func decisionHistory(t *testing.T, dir string) string {
	t.Helper()
	dec := strings.TrimSpace(must(t, dir, "new", "decision", "title=Cap CSV uploads at 50 MB", "driver=raj",
		"options=[{id: cap50, title: 50 MB cap}, {id: keep, title: Keep 10 MB}]",
		"context=|\n  Customers upload exports of up to 2 GB.\n  The wizard times out above 80 MB.\n  We need a limit.\n"))
	must(t, dir, "set", dec, "status=proposed")
	mustAs(t, &mei, dir, "set", dec, "status=accepted", "approver=mei", "outcome.chosen=cap50", "outcome.rationale=Unblocks the wizard now.")
	must(t, dir, "set", dec, "options=[{id: cap50, title: 50 MB cap}, {id: keep, title: Keep 10 MB}, {id: s3direct, title: Direct upload to S3}]")
	must(t, dir, "set", dec, "outcome.chosen=s3direct",
		"context=|\n  Customers upload exports of up to 5 GB.\n  The wizard times out above 80 MB.\n  We need a limit.\n")
	return dec
}

func TestLogShowsWhoChangedWhichFieldAndHow(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	dec := decisionHistory(t, dir)
	out := must(t, dir, "log", dec[:8])
	for _, want := range []string{
		dec + " · Cap CSV uploads at 50 MB\ndecisions/" + dec[4:6] + "/" + dec + ".yaml · 5 commits\n",
		"  Mei Chen (mei)\n    decision(" + dec + "): proposed → accepted\n    status: proposed → accepted\n    approver: mei\n    outcome.chosen: cap50\n",
		"    outcome.chosen: cap50 → s3direct\n",
		"    options[s3direct]: added \"Direct upload to S3\"\n",
		"    context:\n        - Customers upload exports of up to 2 GB.\n        + Customers upload exports of up to 5 GB.\n          The wizard times out above 80 MB.\n          …\n",
		"    created\n    title: Cap CSV uploads at 50 MB\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	// Newest first.
	if strings.Index(out, "s3direct") > strings.Index(out, "created") {
		t.Errorf("log is not newest first:\n%s", out)
	}
	if out := must(t, dir, "log", dec, "-n", "1"); strings.Count(out, "Raj Patel (raj)") != 1 || !strings.Contains(out, "the latest 1 commit") {
		t.Errorf("log -n 1:\n%s", out)
	}

	var entries []struct {
		Commit, Author, Email, Person, Date, Message, Op string
		Changes                                          []model.Change
	}
	if err := json.Unmarshal([]byte(must(t, dir, "log", dec, "--json")), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 5 {
		t.Fatalf("%d entries, want 5", len(entries))
	}
	e := entries[0]
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(e.Commit) || e.Author != "Raj Patel" || e.Person != "raj" ||
		e.Email != "raj@northwind.example" || !strings.HasPrefix(e.Date, today.Format("2006-")) || e.Op != "edited" ||
		!strings.HasPrefix(e.Message, "decision("+dec+"): ") {
		t.Errorf("newest entry: %+v", e)
	}
	found := false
	for _, c := range e.Changes {
		found = found || c == model.Change{Field: "outcome.chosen", From: "cap50", To: "s3direct"}
	}
	if !found || entries[4].Op != "created" {
		t.Errorf("JSON changes %v, oldest op %q", e.Changes, entries[4].Op)
	}

	if _, errOut, code := run(t, dir, "log", "DEC-ZZZZ"); code != ExitFailure || !strings.Contains(errOut, `no record has an ID starting with "DEC-ZZZZ"`) {
		t.Errorf("log of an unknown ID: exit %d, %s", code, errOut)
	}
}

// supersede records that next supersedes prev, both sides in one commit
// (as the TUI will), by Mei.
func supersede(t *testing.T, dir, prev, next string) {
	t.Helper()
	s, err := gitstore.Open(dir, gitstore.WithClock(clock), gitstore.WithAuthor(mei))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Transact("decision("+next+"): supersedes "+prev, func(tx *gitstore.Tx) error {
		p, err := tx.Get(model.KindDecision, prev)
		if err != nil {
			return err
		}
		p.(*model.Decision).Status, p.(*model.Decision).SupersededBy = model.DecisionSuperseded, next
		n, err := tx.Get(model.KindDecision, next)
		if err != nil {
			return err
		}
		n.(*model.Decision).Supersedes = prev
		if err := tx.Put(p); err != nil {
			return err
		}
		return tx.Put(n)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLogChainFollowsSupersession(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	first := decisionHistory(t, dir)
	second := strings.TrimSpace(must(t, dir, "new", "decision", "title=Upload straight to S3", "driver=raj", "options=[{id: s3, title: S3}]"))
	supersede(t, dir, first, second)

	var entries []struct{ ID, Op, Author, Person string }
	if err := json.Unmarshal([]byte(must(t, dir, "log", second, "--chain", "--json")), &entries); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range entries {
		if len(ids) == 0 || ids[len(ids)-1] != e.ID {
			ids = append(ids, e.ID)
		}
	}
	if len(entries) != 6+2 || len(ids) != 2 || ids[0] != first || ids[1] != second {
		t.Fatalf("chain: %d entries over %v, want 8 over [%s %s]", len(entries), ids, first, second)
	}
	if entries[0].Op != "created" || entries[5].Person != "mei" || entries[6].Op != "created" {
		t.Errorf("chain is not oldest first: %+v", entries)
	}
	// The same chain from the older decision; the text names both.
	out := must(t, dir, "log", first, "--chain")
	if !strings.HasPrefix(out, first+" · Cap CSV uploads at 50 MB · superseded\n") || !strings.Contains(out, "\n"+second+" · Upload straight to S3 · draft\n") ||
		!strings.Contains(out, "Mei Chen (mei)\n    decision("+second+"): supersedes "+first+"\n    status: accepted → superseded\n    superseded_by: "+second) {
		t.Errorf("log --chain:\n%s", out)
	}
	if _, errOut, code := run(t, dir, "log", "raj", "--chain"); code != ExitUsage || !strings.Contains(errOut, "--chain follows decisions") {
		t.Errorf("--chain on a person: %d %s", code, errOut)
	}
}

func TestBlameNamesTheCommitBehindEachField(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	dec := decisionHistory(t, dir)
	var fields []struct{ Field, Value, Commit, Author, Person, Date, Message string }
	if err := json.Unmarshal([]byte(must(t, dir, "blame", dec, "--json")), &fields); err != nil {
		t.Fatal(err)
	}
	by := map[string]string{}
	for _, f := range fields {
		by[f.Field] = f.Value + " | " + f.Message
		who := "raj"
		if f.Field == "status" || f.Field == "approver" || f.Field == "outcome.rationale" {
			who = "mei" // the approver accepted it
		}
		if f.Person != who || len(f.Commit) != 40 {
			t.Errorf("field %s: %+v; want %s's commit", f.Field, f, who)
		}
	}
	for field, want := range map[string]string{
		"title":                   "Cap CSV uploads at 50 MB | decision(" + dec + "): create \"Cap CSV uploads at 50 MB\"",
		"status":                  "accepted | decision(" + dec + "): proposed → accepted",
		"outcome.chosen":          "s3direct | decision(" + dec + "): context edited, outcome.chosen cap50 → s3direct",
		"outcome.rationale":       "Unblocks the wizard now. | decision(" + dec + "): proposed → accepted",
		"options[s3direct].title": "Direct upload to S3 | decision(" + dec + "): options[s3direct].id set to s3direct, options[s3direct].title set to Direct upload to S3",
	} {
		if !strings.HasPrefix(by[field], want) {
			t.Errorf("blame %s = %q, want %q", field, by[field], want)
		}
	}
	out := must(t, dir, "blame", dec)
	if !strings.HasPrefix(out, dec+" · Cap CSV uploads at 50 MB\n\nFIELD") ||
		!regexp.MustCompile(`\noutcome\.chosen +s3direct +[0-9a-f]{8}  \d{4}-\d\d-\d\d  Raj Patel \(raj\) +decision\(`).MatchString(out) {
		t.Errorf("blame text:\n%s", out)
	}
}

func TestDiffDescribesTheOrganisationChange(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	must(t, dir, "checkin", kr, "--health", "on_track", "--value", "12", "--summary", "Wizard beta is live.", "--date", "2026-11-10")
	dec := decisionHistory(t, dir)
	must(t, dir, "checkin", kr, "--health", "at_risk", "--value", "11", "--summary", "Import wizard slipped a sprint.",
		"--problem", "Blocked on upload limits", "--plan", "Ship by Nov 29")
	must(t, dir, "new", "person", "id=ana", "name=Ana Lima")

	out := must(t, dir, "diff", "HEAD~7..HEAD")
	for _, want := range []string{
		"Changes from ",
		": 7 commits by Raj Patel, Mei Chen\n",
		"\nHealth\n  at risk     objective " + objective + " Cut time-to-first-value (was on track)\n" +
			"  at risk     key result " + kr + " Median days to first dashboard (was on track)\n",
		"\nDecisions\n  accepted    " + dec + " Cap CSV uploads at 50 MB (new) — chose s3direct \"Direct upload to S3\" · accepted by Mei Chen\n              why: Unblocks the wizard now.\n",
		"\nCheck-ins (1)\n",
		"Raj Patel · " + kr + " Median days to first dashboard · at risk · value 11: Import wizard slipped a sprint.\n",
		"\nPeople and teams\n  added       person ana Ana Lima\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}

	md := must(t, dir, "diff", "HEAD~7..HEAD", "--md")
	for _, want := range []string{"## Accord: what changed\n", "### Decisions\n\n- **New, accepted:** `" + dec + "` Cap CSV uploads at 50 MB",
		"  > Unblocks the wizard now.\n", "### Check-ins (1)\n", "| `" + kr + "` Median days to first dashboard | key result | on track | at risk |"} {
		if !strings.Contains(md, want) {
			t.Errorf("diff --md lacks %q:\n%s", want, md)
		}
	}

	var d struct {
		Range struct {
			Commits  int
			Authors  []string
			ToCommit string `json:"to_commit"`
		}
		Goals, Health, Decisions, CheckIns, People, Other []map[string]any
		Problems                                          []any
	}
	if err := json.Unmarshal([]byte(must(t, dir, "diff", "HEAD~7..HEAD", "--json")), &d); err != nil {
		t.Fatal(err)
	}
	if d.Range.Commits != 7 || len(d.Range.ToCommit) != 40 || len(d.Decisions) != 1 || d.Decisions[0]["change"] != "accepted" ||
		len(d.CheckIns) != 1 || len(d.Health) != 2 || d.Problems == nil {
		t.Errorf("diff --json: %+v", d)
	}

	// --since a day after every commit: nothing since. --since the first
	// day: everything, from an empty repository.
	if out := must(t, dir, "diff", "--since", "2999-01-01"); !strings.Contains(out, "No changes to records.") {
		t.Errorf("diff --since the future:\n%s", out)
	}
	out = must(t, dir, "diff", "--since", "2000-01-01")
	if !strings.HasPrefix(out, "Changes from the beginning to ") || !strings.Contains(out, "  added       objective "+objective) {
		t.Errorf("diff --since before the history:\n%s", out)
	}
	for _, bad := range [][]string{{"diff"}, {"diff", "nope..HEAD"}, {"diff", "HEAD~1...HEAD"}, {"diff", "--since", "Nov 1"},
		{"diff", "HEAD~1..", "--since", "2026-11-01"}, {"diff", "HEAD~1", "--md", "--json"}} {
		if _, _, code := run(t, dir, bad...); code != ExitUsage {
			t.Errorf("accord %s: exit %d, want %d", strings.Join(bad, " "), code, ExitUsage)
		}
	}
}

// TestDiffGoldens pins the whole text and Markdown of the demo
// organisation's diff over its last three weeks and over its whole history
// (every kind of change: goals added and closed, health, decisions, RACI,
// check-ins, people and other records).
func TestDiffGoldens(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	for name, args := range map[string][]string{
		"text-november":     {"diff", "2026-11-01..HEAD"},
		"markdown-november": {"diff", "2026-11-01..HEAD", "--md"},
		"text-all":          {"diff", "--since", "2000-01-01"},
		"markdown-all":      {"diff", "--since", "2000-01-01", "--md"},
	} {
		t.Run(name, func(t *testing.T) {
			golden.RequireEqual(t, must(t, dir, args...))
		})
	}
}

func TestShowAtPrintsTheRecordAsItWas(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	dec := decisionHistory(t, dir)
	out := must(t, dir, "show", dec, "--at", "HEAD~2")
	if !regexp.MustCompile(`^as of HEAD~2: commit [0-9a-f]{8} · \d{4}-\d\d-\d\d \d\d:\d\d · Mei Chen \(mei\)\n    decision\(`+dec+`\): proposed → accepted\n\n`+dec+` · Cap CSV uploads at 50 MB\n`).MatchString(out) ||
		!strings.Contains(out, "status: accepted\n") || !strings.Contains(out, "chosen: cap50\n") || strings.Contains(out, "s3direct") {
		t.Errorf("show --at HEAD~2:\n%s", out)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(must(t, dir, "show", dec, "--at", "HEAD~3", "--json")), &m); err != nil {
		t.Fatal(err)
	}
	if at, _ := m["at"].(map[string]any); m["status"] != "proposed" || at["rev"] != "HEAD~3" || len(at["commit"].(string)) != 40 {
		t.Errorf("show --at --json: %v", m)
	}
	if out := must(t, dir, "show", kr, "--at", today.Format("2006-01-02")); !strings.Contains(out, "Median days to first dashboard") {
		t.Errorf("show --at today's date:\n%s", out)
	}
	// Before the decision existed: a clear error naming it and the commit.
	_, errOut, code := run(t, dir, "show", dec, "--at", "HEAD~6")
	if code != ExitFailure || !regexp.MustCompile(dec+` did not exist at HEAD~6 \(commit [0-9a-f]{8} of \d{4}-\d\d-\d\d \d\d:\d\d\); see accord log `+dec).MatchString(errOut) {
		t.Errorf("show --at before it existed: exit %d, %s", code, errOut)
	}
	if _, errOut, code := run(t, dir, "show", dec, "--at", "no-such-branch"); code != ExitUsage || !strings.Contains(errOut, `no commit, branch or tag named "no-such-branch"`) {
		t.Errorf("show --at an unknown revision: exit %d, %s", code, errOut)
	}
	if _, errOut, code := run(t, dir, "show", dec, "--at", "1999-12-31"); code != ExitUsage || !strings.Contains(errOut, "no commit on or before 1999-12-31") {
		t.Errorf("show --at a date before the history: exit %d, %s", code, errOut)
	}
}

// Text from records and commits reaches the terminal only through
// model.CleanText: no escape sequences, no bidi overrides.
func TestHistoryCommandsStripTerminalEscapes(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	must(t, dir, "set", kr, "title=Days \x1b]52;c;aGk=\x07to \u202efirst\x1b[2J dashboard")
	for _, args := range [][]string{{"log", kr}, {"blame", kr}, {"diff", "HEAD~1..HEAD"}, {"diff", "HEAD~1..HEAD", "--md"}, {"show", kr, "--at", "HEAD"}} {
		out := must(t, dir, args...)
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("accord %s lets control characters through: %q", strings.Join(args, " "), out)
		}
		if !strings.Contains(out, "Days to first dashboard") {
			t.Errorf("accord %s lost the cleaned title: %q", strings.Join(args, " "), out)
		}
	}
}

// A record whose file a hand edit broke still has a history, which shows
// the commit that broke it.
func TestLogOfAnUnreadableRecord(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	p, _ := model.PathOf(model.KindGoal, kr)
	if err := os.WriteFile(filepath.Join(dir, p), []byte("id: "+kr+"\ntitle: a\ntitle: b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git := exec.Command("git", "commit", "-qam", "hand edit")
	git.Dir = dir
	git.Env = append(os.Environ(), "GIT_COMMITTER_NAME=Mei Chen", "GIT_COMMITTER_EMAIL=mei@northwind.example",
		"GIT_AUTHOR_NAME=Mei Chen", "GIT_AUTHOR_EMAIL=mei@northwind.example")
	if out, err := git.CombinedOutput(); err != nil {
		t.Fatalf("git commit: %v\n%s", err, out)
	}
	out := must(t, dir, "log", kr)
	if !strings.Contains(out, "Mei Chen (mei)\n    hand edit\n    ! this version could not be read: "+p+":3:1: duplicate key \"title\"") ||
		!strings.Contains(out, "2 commits") {
		t.Errorf("log of a broken record:\n%s", out)
	}
	if _, errOut, code := run(t, dir, "blame", kr); code != ExitFailure || !strings.Contains(errOut, "could not be read") {
		t.Errorf("blame of a broken record: exit %d, %s", code, errOut)
	}
}

// A deleted record is found by its full ID, and its history ends with the
// deletion.
func TestLogOfADeletedRecord(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	dec := decisionHistory(t, dir)
	s, err := gitstore.Open(dir, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Transact("decision("+dec+"): delete", func(tx *gitstore.Tx) error { return tx.Delete(model.KindDecision, dec) })
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := must(t, dir, "log", strings.ToLower(dec))
	if !strings.HasPrefix(out, dec+"\ndecisions/") || !strings.Contains(out, "6 commits") ||
		!strings.Contains(out, "    decision("+dec+"): delete\n    deleted\n") {
		t.Errorf("log of a deleted record:\n%s", out)
	}
	if _, errOut, code := run(t, dir, "show", dec, "--at", "HEAD~1"); code != ExitOK {
		t.Errorf("show --at before the deletion: exit %d %s", code, errOut)
	}
	if _, _, code := run(t, dir, "log", dec[:7]); code != ExitFailure {
		t.Errorf("a prefix of a deleted record: exit %d, want %d", code, ExitFailure)
	}
}
