package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

func writeFile(t *testing.T, dir, p, data string) {
	t.Helper()
	full := filepath.Join(dir, p)
	os.MkdirAll(filepath.Dir(full), 0o755)
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestValidateReportsEachBrokenRecordPrecisely(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	out, errOut, code := run(t, dir, "validate")
	if code != 0 {
		t.Fatalf("a clean organisation fails validation: exit %d\n%s%s", code, out, errOut)
	}

	writeFile(t, dir, "goals/AA/GOAL-AAAAAAAA.yaml", "id: GOAL-AAAAAAAB\ntitle: Copied file, ID left as it was\nlevel: objective\nstate: active\n")
	writeFile(t, dir, "goals/AC/GOAL-ACAAAAAA.yaml", "id: GOAL-ACAAAAAA\ntitle: Loop one\nlevel: objective\nparent: GOAL-ADAAAAAA\nstate: active\n")
	writeFile(t, dir, "goals/AD/GOAL-ADAAAAAA.yaml", "id: GOAL-ADAAAAAA\ntitle: Loop two\nlevel: objective\nparent: GOAL-ACAAAAAA\nstate: active\n")
	writeFile(t, dir, "goals/AE/GOAL-AEAAAAAA.yaml", "id: GOAL-AEAAAAAA\ntitle: Owned by a ghost\nlevel: objective\nowner: ghost\nstate: active\n")
	writeFile(t, dir, "raci/J5/RACI-J5N0RT8K.yaml", "id: RACI-J5N0RT8K\ntitle: Wizard launch\nsubject: {kind: deliverable, name: Wizard}\naccountable: [mei, raj]\nresponsible: [raj]\nstate: agreed\n")
	writeFile(t, dir, "updates/Q8/UPD-Q8W2ZD4N.yaml", "id: UPD-Q8W2ZD4N\ntarget: GOAL-ZZZZZZZZ\nauthor: raj\ndate: 2026-11-14\nhealth: on_track\nsummary: On a goal nobody has.\n")
	writeFile(t, dir, "goals/AF/GOAL-AFAAAAAA.yaml", "id: GOAL-AFAAAAAA\ntitle: [broken\n")

	out, errOut, code = run(t, dir, "validate", "--json")
	if code != ExitFailure {
		t.Fatalf("exit %d, want 1\n%s", code, errOut)
	}
	var findings []model.Finding
	if err := json.Unmarshal([]byte(out), &findings); err != nil {
		t.Fatalf("--json output is not a JSON array of findings: %v\n%s", err, out)
	}
	want := []struct {
		rule, file    string
		line          int
		id, inMessage string
	}{
		{"id.mismatch", "goals/AA/GOAL-AAAAAAAA.yaml", 1, "GOAL-AAAAAAAB", "GOAL-AAAAAAAA"},
		{"goal.cycle", "goals/AC/GOAL-ACAAAAAA.yaml", 4, "GOAL-ACAAAAAA", "GOAL-ACAAAAAA → GOAL-ADAAAAAA → GOAL-ACAAAAAA"},
		{"ref.unknown", "goals/AE/GOAL-AEAAAAAA.yaml", 4, "GOAL-AEAAAAAA", "ghost"},
		{"raci.accountable-multiple", "raci/J5/RACI-J5N0RT8K.yaml", 4, "RACI-J5N0RT8K", "mei, raj"},
		{"ref.unknown", "updates/Q8/UPD-Q8W2ZD4N.yaml", 2, "UPD-Q8W2ZD4N", "GOAL-ZZZZZZZZ"},
		{"yaml.syntax", "goals/AF/GOAL-AFAAAAAA.yaml", 3, "GOAL-AFAAAAAA", ""},
	}
	for _, w := range want {
		found := false
		for _, f := range findings {
			if f.Rule == w.rule && f.File == w.file && f.ID == w.id {
				found = true
				if f.Severity != model.SeverityError || f.Line != w.line || f.Column < 1 || !strings.Contains(f.Message, w.inMessage) {
					t.Errorf("%s in %s: got %+v, want error at line %d naming %q", w.rule, w.file, f, w.line, w.inMessage)
				}
			}
		}
		if !found {
			t.Errorf("no %s finding for %s", w.rule, w.file)
		}
	}
	cycles := 0
	for _, f := range findings {
		if f.Rule == "goal.cycle" {
			cycles++
		}
	}
	if cycles != 1 {
		t.Errorf("the goal cycle was reported %d times, want once", cycles)
	}

	// Everything else still works beside the broken files.
	if out := must(t, dir, "show", kr); !strings.Contains(out, "Median days to first dashboard") {
		t.Errorf("a good record stopped working: %s", out)
	}
	// Human output names file, line and rule.
	out, errOut, _ = run(t, dir, "validate")
	if !strings.Contains(out, "raci/J5/RACI-J5N0RT8K.yaml:4:1: error: ") || !strings.Contains(errOut, "errors") {
		t.Errorf("text output:\n%s%s", out, errOut)
	}
}

func TestValidateCouldNotRun(t *testing.T) {
	t.Parallel()
	dir, _, _ := smallOrg(t)
	_, errOut, code := run(t, dir, "validate", "--base", "no-such-branch")
	if code != ExitUsage || !strings.Contains(errOut, "no-such-branch") {
		t.Errorf("bad --base: exit %d, %q", code, errOut)
	}
}

func TestValidateCatchesEditedCheckinsAndBadTransitions(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	id := strings.TrimSpace(must(t, dir, "checkin", kr, "--health", "on_track", "--summary", "All good."))
	p := filepath.Join(dir, "updates", id[4:6], id+".yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "All good.", "All good, honestly.", 1)), 0o644)
	out, _, code := run(t, dir, "validate", "--json")
	if code != ExitFailure || !strings.Contains(out, `"update.edited"`) {
		t.Errorf("edited check-in: exit %d\n%s", code, out)
	}

	// A decision moved by hand from draft straight to rejected and back is
	// fine; from draft straight to accepted skips the proposal.
	dec := strings.TrimSpace(must(t, dir, "new", "decision", "title=Adopt OpenTelemetry", "driver=raj",
		"approver=mei", "options=[{id: otel, title: OpenTelemetry}]", "outcome={chosen: otel}"))
	dp := filepath.Join(dir, "decisions", dec[4:6], dec+".yaml")
	data, _ = os.ReadFile(dp)
	os.WriteFile(dp, []byte(strings.Replace(string(data), "status: draft", "status: accepted", 1)), 0o644)
	out, _, code = run(t, dir, "validate", "--json")
	if code != ExitFailure || !strings.Contains(out, `"decision.transition"`) || !strings.Contains(out, dec) {
		t.Errorf("draft → accepted by hand: exit %d\n%s", code, out)
	}
	// The CLI refuses the same step.
	os.WriteFile(dp, data, 0o644)
	if _, errOut, code := run(t, dir, "set", dec, "status=accepted"); code == 0 || !strings.Contains(errOut, "propose") {
		t.Errorf("set status draft → accepted: exit %d, %q", code, errOut)
	}
}
