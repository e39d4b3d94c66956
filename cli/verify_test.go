package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

var stranger = gitstore.Signature{Name: "Someone", Email: "someone@elsewhere.example"}

// The demo's history is made by the people who may make each step, and
// verify says so; --steps shows who took them, delegates included.
func TestVerifyOnTheDemoFindsNothingWrong(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	out, errOut, code := run(t, dir, "verify", "--steps")
	if code != ExitOK || !strings.Contains(errOut, "every one taken by someone who may take it") {
		t.Fatalf("verify on the demo: exit %d\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"accepted by Amara Okafor", "agreed by Grace Liu on behalf of Tomás Novák", "posted by Raj Patel"} {
		if !strings.Contains(out, want) {
			t.Errorf("verify --steps lacks %q", want)
		}
	}
	org := loadOrg(t, dir)
	for _, id := range org.IDs(model.KindRACI) {
		if org.RACIs[id].Title == "Public API documentation site" {
			if out := must(t, dir, "log", id); !strings.Contains(out, "    agreed by Grace Liu on behalf of Tomás Novák\n") {
				t.Errorf("log of a step a delegate took:\n%s", out)
			}
		}
	}
	var got struct {
		Steps    []map[string]any
		Findings []model.Finding
	}
	if err := json.Unmarshal([]byte(must(t, dir, "verify", "--json")), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Steps) < 100 || len(got.Findings) != 0 {
		t.Errorf("verify --json: %d steps, %d findings", len(got.Steps), len(got.Findings))
	}
}

// Steps taken by the wrong person: the CLI refuses them and names who may;
// made anyway with plain git, verify and validate --base report them with
// the commit and its author.
func TestWrongPersonIsRefusedAndReported(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	org := loadOrg(t, dir)
	var proposed *model.Decision
	for _, id := range org.IDs(model.KindDecision) {
		if d := org.Decisions[id]; d.Status == model.DecisionProposed && d.Approver == "amara" && len(d.Options) > 0 {
			proposed = d
			break
		}
	}
	if proposed == nil {
		t.Fatal("the demo has no proposed decision for Amara")
	}
	accept := []string{"set", proposed.ID, "status=accepted", "outcome.chosen=" + proposed.Options[0].ID}

	// Raj (the test's identity) and an unknown identity are refused.
	for _, who := range []*gitstore.Signature{&raj, &stranger} {
		_, errOut, code := runAs(t, who, dir, accept...)
		if code != ExitUsage || !strings.Contains(errOut, "only the approver (amara) can") || !strings.Contains(errOut, "approval.not-approver") {
			t.Errorf("accept by %s: exit %d, %q", who.Email, code, errOut)
		}
	}
	if _, errOut, code := runAs(t, &stranger, dir, accept...); !strings.Contains(errOut, "an unknown identity (someone@elsewhere.example)") {
		t.Errorf("an unknown identity is not named as such: exit %d, %q", code, errOut)
	}
	base := strings.TrimSpace(gitOut(t, dir, "rev-parse", "HEAD"))
	if out, _, _ := run(t, dir, "validate", "--base", base); strings.Contains(out, "approval.not-approver") {
		t.Fatalf("validate reports an approval before any was planted:\n%s", out)
	}

	// Made with plain git by an identity nobody lists, then reported.
	p := filepath.Join(dir, org.Sources[proposed.ID].Path)
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "status: proposed", "status: accepted", 1)+
		"outcome:\n  chosen: "+proposed.Options[0].ID+"\n"), 0o644)
	gitOut(t, dir, "-c", "user.name=Someone", "-c", "user.email=someone@elsewhere.example", "commit", "-qam", "accept by hand")
	planted := strings.TrimSpace(gitOut(t, dir, "rev-parse", "HEAD"))
	for _, args := range [][]string{{"verify", base + ".."}, {"validate", "--base", base}} {
		out, _, code := run(t, dir, args...)
		if code != ExitFailure || !strings.Contains(out, proposed.ID) || !strings.Contains(out, "accepted by an unknown identity (Someone <someone@elsewhere.example>) in "+planted[:8]) ||
			!strings.Contains(out, "[approval.not-approver]") {
			t.Errorf("accord %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	// log says who did it, and for whom.
	if out := must(t, dir, "log", proposed.ID); !strings.Contains(out, "    accepted by an unknown identity (someone@elsewhere.example)\n") {
		t.Errorf("log of the planted acceptance:\n%s", out)
	}
	// Amara herself would have been fine.
	if _, _, code := run(t, dir, "verify", base+".."+base); code != ExitOK {
		t.Errorf("verify of an empty range: exit %d", code)
	}
}

func TestHandoffsMoveOnlyAlongTheirLifecycleByTheRightSide(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	org := loadOrg(t, dir)
	var ho *model.Handoff
	for _, id := range org.IDs(model.KindHandoff) {
		if h := org.Handoffs[id]; h.State == "proposed" {
			ho = h
		}
	}
	if ho == nil {
		t.Fatal("the demo has no proposed hand-off")
	}
	receiver := ho.To.Owner
	if receiver == "" {
		receiver = org.Teams[ho.To.Team].Lead
	}
	as := &gitstore.Signature{Name: org.People[receiver].Name, Email: org.People[receiver].Emails[0]}
	if _, errOut, code := runAs(t, as, dir, "set", ho.ID, "state=received"); code != ExitUsage || !strings.Contains(errOut, "not received") {
		t.Errorf("proposed → received: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runAs(t, &stranger, dir, "set", ho.ID, "state=accepted"); code != ExitUsage || !strings.Contains(errOut, "handoff.not-receiver") {
		t.Errorf("accepted by someone else: exit %d, %q", code, errOut)
	}
	mustAs(t, as, dir, "set", ho.ID, "state=accepted")
	if _, errOut, code := runAs(t, as, dir, "set", ho.ID, "state=proposed"); code != ExitUsage || !strings.Contains(errOut, "handoff.transition") {
		t.Errorf("accepted → proposed: exit %d, %q", code, errOut)
	}
}

func TestSupersedeWaitsForTheReplacementToBeAccepted(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	first := decisionHistory(t, dir) // accepted, approver mei
	second := strings.TrimSpace(must(t, dir, "new", "decision", "title=Upload straight to S3", "driver=raj", "approver=mei",
		"options=[{id: s3, title: S3}]", "supersedes="+first[:8]))
	if out := must(t, dir, "show", first); !strings.Contains(out, "status: accepted\n") {
		t.Errorf("the old decision changed before its replacement was accepted:\n%s", out)
	}
	must(t, dir, "set", second, "status=proposed")
	mustAs(t, &mei, dir, "set", second, "status=rejected")
	if out := must(t, dir, "show", first); !strings.Contains(out, "status: accepted\n") || strings.Contains(out, "superseded_by") {
		t.Errorf("a rejected replacement stranded the old decision:\n%s", out)
	}

	third := strings.TrimSpace(must(t, dir, "new", "decision", "title=Stream to object storage", "driver=raj", "approver=mei",
		"options=[{id: stream, title: Stream}]"))
	must(t, dir, "supersede", first[:8], "--by", third[:8])
	must(t, dir, "set", third, "status=proposed")
	mustAs(t, &mei, dir, "set", third, "status=accepted", "outcome.chosen=stream")
	if out := must(t, dir, "show", first); !strings.Contains(out, "status: superseded\n") || !strings.Contains(out, "superseded_by: "+third) {
		t.Errorf("accepting the replacement did not supersede the old decision:\n%s", out)
	}
	if files := gitOut(t, dir, "show", "--name-only", "--format=", "HEAD"); strings.Count(files, "decisions/") != 2 {
		t.Errorf("the acceptance and the supersession are not one commit:\n%s", files)
	}
	if _, errOut, code := run(t, dir, "validate"); code != ExitOK {
		t.Errorf("validate after supersession: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := run(t, dir, "supersede", first, "--by", second); code != ExitUsage || !strings.Contains(errOut, "already superseded") {
		t.Errorf("superseding twice: exit %d, %q", code, errOut)
	}
}

func gitOut(t *testing.T, dir string, args ...string) string {
	t.Helper()
	// Raj unless args say otherwise: a later -c wins.
	cmd := exec.Command("git", append([]string{"-c", "user.name=Raj Patel", "-c", "user.email=raj@northwind.example"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestCodeownersMapsEachRecordToWhoMustApprove(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	dec := decisionHistory(t, dir) // approver mei
	mustAs(t, &mei, dir, "set", "mei", "github=mei-chen")
	must(t, dir, "set", "raj", "github=rajp", "gitlab=raj.patel")
	out, errOut, code := run(t, dir, "codeowners")
	p := func(id string) string { path, _ := model.PathOf(model.KindOfID(id), id); return "/" + path }
	for _, want := range []string{
		p(dec) + " @mei-chen\n",
		p(objective) + " @rajp\n",
		p(kr) + " @rajp\n",
		"/people/raj.yaml @rajp\n",
	} {
		if code != ExitOK || !strings.Contains(out, want) {
			t.Errorf("codeowners lacks %q (exit %d):\n%s", want, code, out)
		}
	}
	if strings.Contains(out, "/updates/") {
		t.Errorf("check-ins are listed:\n%s", out)
	}
	gitlab, errGitlab, _ := run(t, dir, "codeowners", "--format", "gitlab")
	if !strings.Contains(gitlab, "[Accord records]\n") || !strings.Contains(gitlab, p(objective)+" @raj.patel\n") ||
		!strings.Contains(gitlab, "# "+dec+": mei has no gitlab: handle") || !strings.Contains(errGitlab, dec+": mei has no gitlab: handle") {
		t.Errorf("gitlab CODEOWNERS:\n%s\nstderr %s", gitlab, errGitlab)
	}
	if errOut != "" {
		t.Errorf("warnings when everyone has a github: handle: %q", errOut)
	}

	must(t, dir, "codeowners", "-o", ".github/CODEOWNERS")
	if data, err := os.ReadFile(filepath.Join(dir, ".github/CODEOWNERS")); err != nil || string(data) != out {
		t.Errorf("the written file differs from the printed one: %v", err)
	}
	must(t, dir, "codeowners", "--check", "-o", ".github/CODEOWNERS")
	mustAs(t, &mei, dir, "set", "mei", "github=mei-lin")
	if _, errOut, code := run(t, dir, "codeowners", "--check", "-o", ".github/CODEOWNERS"); code != ExitFailure || !strings.Contains(errOut, "out of date") {
		t.Errorf("--check after a handle changed: exit %d, %q", code, errOut)
	}
}

func TestInboxCommand(t *testing.T) {
	t.Parallel()
	dir := northwindRepo(t, false)
	out := must(t, dir, "inbox", "--as", "raj")
	for _, want := range []string{"Asked of you\n", "Onboarding: ", "Your input wanted\n", "Onboarding consulted"} {
		if !strings.Contains(out, want) {
			t.Errorf("Raj's inbox lacks %q:\n%s", want, out)
		}
	}
	var items []model.InboxItem
	if err := json.Unmarshal([]byte(must(t, dir, "inbox", "--team", "support", "--json")), &items); err != nil {
		t.Fatal(err)
	}
	informed := 0
	for _, it := range items {
		if it.Section == model.InboxInformed {
			informed++
		}
	}
	if informed == 0 {
		t.Fatalf("Support's inbox has no decision it is informed of: %+v", items)
	}
	must(t, dir, "inbox", "--team", "support", "--seen")
	if out := must(t, dir, "inbox", "--team", "support"); strings.Contains(out, model.InboxInformed) {
		t.Errorf("after --seen, Support's inbox still lists decisions it saw:\n%s", out)
	}
	if st := gitOut(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("what Support saw reached the worktree:\n%s", st)
	}
	for _, args := range [][]string{{"inbox", "--as", "rja"}, {"inbox", "--team", "suport"}, {"inbox", "--as", "raj", "--team", "support"}} {
		if _, errOut, code := run(t, dir, args...); code != ExitUsage {
			t.Errorf("accord %s: exit %d, %q", strings.Join(args, " "), code, errOut)
		}
	}
}
