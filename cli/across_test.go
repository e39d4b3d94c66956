package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// The loop across teams from the command line: a goal depends on another
// team's, an ask is answered by the team asked and by nobody else, a pulse
// turns its action into a RACI item, a retro looks back on a goal.
func TestAskAnswerPulseAndRetroFromTheCommandLine(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	must(t, dir, "new", "team", "id=platform", "name=Platform", "lead=mei")
	must(t, dir, "set", "mei", "teams=[platform]")
	plat := strings.TrimSpace(must(t, dir, "new", "goal", "title=Streaming uploads", "level=objective", "owner=mei", "team=platform", "period=2026-Q4"))

	// depends_on is set like any list, by prefix, and a loop is refused.
	must(t, dir, "set", kr, "depends_on+="+plat[:9])
	if _, errOut, code := run(t, dir, "set", plat, "depends_on+="+kr); code != 2 || !strings.Contains(errOut, "goal.dependency-cycle") {
		t.Fatalf("a dependency loop was saved: exit %d\n%s", code, errOut)
	}
	mustAs(t, &mei, dir, "checkin", plat, "--health", "at_risk", "--summary", "Parser is late", "--problem", "memory", "--plan", "stream it")
	out := must(t, dir, "inbox", "--json")
	if !strings.Contains(out, `"Section": "Blocked by a dependency"`) || !strings.Contains(out, plat) {
		t.Fatalf("raj's inbox does not say the key result is blocked:\n%s", out)
	}

	// Raj asks Platform; Mei (Platform's lead) answers; Raj may not.
	upd := strings.TrimSpace(must(t, dir, "checkin", kr, "--health", "on_track", "--summary", "On track",
		"--ask", "platform: decide the upload limit by 2026-11-20"))
	var asks []askJSON
	if err := json.Unmarshal([]byte(must(t, dir, "ask", "list", "--to", "platform", "--json")), &asks); err != nil {
		t.Fatal(err)
	}
	if len(asks) != 1 || asks[0].Ask != upd+"#1" || asks[0].Due != "2026-11-20" || !asks[0].Overdue || asks[0].Status != "open" {
		t.Fatalf("asks = %+v", asks)
	}
	if _, errOut, code := run(t, dir, "ask", "answer", upd+"#1", "--accept"); code != 2 || !strings.Contains(errOut, "answer.not-addressee") {
		t.Fatalf("raj answered platform's ask: exit %d\n%s", code, errOut)
	}
	if _, errOut, code := runAs(t, &mei, dir, "ask", "answer", upd+"#2", "--done"); code != 2 || !strings.Contains(errOut, "has 1 ask; there is no ask 2") {
		t.Fatalf("ask 2: exit %d\n%s", code, errOut)
	}
	var res struct {
		ID      string `json:"id"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(mustAs(t, &mei, dir, "ask", "answer", upd[:10]+"#1", "--done", "--note", "50 MB", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.ID, "ANS-") || !strings.Contains(res.Message, "done "+upd+"#1 (platform: decide the upload limit)") {
		t.Fatalf("answer result = %+v", res)
	}
	if out := must(t, dir, "ask", "list"); !strings.Contains(out, "no asks stand") {
		t.Fatalf("a done ask still stands:\n%s", out)
	}

	// A pulse with an action: the RACI item comes in the same commit.
	out = must(t, dir, "pulse", "rate", "onboarding", "platform", "--clarity", "3", "--handoffs", "2", "--period", "2026-Q3",
		"--action", "Hand-off checklist; raj; 2026-12-15", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Message, "onboarding rates platform 2.5 for 2026-Q3; 1 action") {
		t.Fatalf("pulse message = %q", res.Message)
	}
	raci := must(t, dir, "list", "raci", "--json")
	if !strings.Contains(raci, `"kind": "pulse"`) || !strings.Contains(raci, res.ID) || !strings.Contains(raci, `"state": "agreed"`) {
		t.Fatalf("no agreed RACI item for the pulse's action:\n%s", raci)
	}
	if _, errOut, code := run(t, dir, "pulse", "rate", "platform", "onboarding", "--clarity", "4"); code != 2 || !strings.Contains(errOut, "pulse.not-member") {
		t.Fatalf("raj rated for platform: exit %d\n%s", code, errOut)
	}
	must(t, dir, "pulse", "rate", "onboarding", "platform", "--clarity", "2", "--handoffs", "1", "--period", "2026-Q4")
	if out := must(t, dir, "pulse", "trends", "--falling"); !strings.Contains(out, "2026-Q3 2.5 → 2026-Q4 1.5") || !strings.Contains(out, "falling") {
		t.Fatalf("trends:\n%s", out)
	}

	// A retro on the closed goal names both teams.
	must(t, dir, "set", kr, "state=closed", "outcome=achieved")
	if out := must(t, dir, "retro"); !strings.Contains(out, kr) {
		t.Fatalf("the closed goal is not offered a retro:\n%s", out)
	}
	id := strings.TrimSpace(must(t, dir, "retro", kr, "--well", "Weekly syncs", "--badly", "Late parser"))
	show := must(t, dir, "show", id, "--json")
	if !strings.Contains(show, `"teams": [`) || !strings.Contains(show, `"platform"`) || !strings.Contains(show, `"onboarding"`) {
		t.Fatalf("retro:\n%s", show)
	}
	if out, errOut, code := run(t, dir, "validate"); code != 0 {
		t.Fatalf("validate: exit %d\n%s%s", code, out, errOut)
	}
}
