package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEveryCommandRefusesBadInputWithExit2 is the CLI's contract for bad
// input (docs/cli.md): every command exits 2 with a message that says what
// was wanted, never 1, never Go's internals.
func TestEveryCommandRefusesBadInputWithExit2(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"lst", "goals"}, "did you mean list?"},
		{[]string{"init", "a", "b"}, "usage: accord init [DIR]"},
		{[]string{"demo", "a", "b"}, "wrong number of arguments (2 given)"},
		{[]string{"demo", "--records", "many"}, `--records "many": want a whole number`},
		{[]string{"list"}, "usage: accord list KIND"},
		{[]string{"list", "widgets"}, "unknown kind"},
		{[]string{"list", "goals", "--period", "2026Q4"}, "a quarter (2026-Q4)"},
		{[]string{"list", "decisions", "--health", "at_risk"}, "only goals and check-ins have a health"},
		{[]string{"list", "people", "--status", "yes"}, "want one of active, inactive"},
		{[]string{"list", "goals", "--owner", "rja"}, "did you mean raj?"},
		{[]string{"list", "goals", "--team", "onbording"}, "did you mean onboarding?"},
		{[]string{"show"}, "usage: accord show ID"},
		{[]string{"new"}, "usage: accord new KIND"},
		{[]string{"new", "goal", "titel=x"}, "did you mean title?"},
		{[]string{"new", "checkin"}, "check-ins are made with: accord checkin"},
		{[]string{"set", kr}, "usage: accord set ID FIELD=VALUE..."},
		{[]string{"set", kr, "titel=typo"}, `unknown field "titel" for a goal (did you mean title?)`},
		{[]string{"set", kr, "weight=lots"}, "weight=lots: want a number"},
		{[]string{"set", kr, "weight=-1"}, "schema.range"},
		{[]string{"set", kr, "level=epic"}, "schema.enum"},
		{[]string{"set", kr, "metric.target=ninety"}, "metric.target=ninety: want a number"},
		{[]string{"set", kr, "links=[a"}, "want a list"},
		{[]string{"set", kr, "nofield"}, "want field=value"},
		{[]string{"checkin", kr, "--health", "on_track", "--summary", "x", "--value", "ninety"}, `--value "ninety": want a number`},
		{[]string{"checkin", kr, "--health", "on_track", "--summary", "x", "--confidence", "high"}, "or a percentage"},
		{[]string{"checkin", kr, "--health", "fine", "--summary", "x"}, "on_track"},
		{[]string{"checkin", objective, "--health", "on_track", "--summary", "x", "--value", "3"}, "no metric"},
		{[]string{"checkin"}, "usage: accord checkin GOAL-ID"},
		{[]string{"supersede", "DEC-ZZZZ"}, "--by NEW"},
		{[]string{"validate", "extra"}, "usage: accord validate"},
		{[]string{"validate", "--base", "nope"}, "nope"},
		{[]string{"verify", "a..b", "c"}, "usage: accord verify"},
		{[]string{"verify", "nope.."}, "nope"},
		{[]string{"codeowners", "--format", "bitbucket"}, "want github or gitlab"},
		{[]string{"codeowners", "--check"}, "--check needs -o FILE"},
		{[]string{"report", "--period", "Q4"}, "Q4"},
		{[]string{"report", "--depth", "deep"}, "want strategic, objective or key_result"},
		{[]string{"report", "--top", "-1"}, "--top -1"},
		{[]string{"publish"}, "usage: accord publish DIR"},
		{[]string{"publish", "site", "--depth", "deep"}, "want strategic, objective or key_result"},
		{[]string{"digest"}, "--for HANDLE, --team T or --all"},
		{[]string{"digest", "--for", "rja"}, "did you mean raj?"},
		{[]string{"digest", "--team", "onboarding", "--since", "yesterday"}, "want YYYY-MM-DD"},
		{[]string{"digest", "--for", "raj", "--smtp", "smtp://u:p@mail.example.com"}, "ACCORD_SMTP_USERNAME"},
		{[]string{"digest", "--for", "raj", "--smtp", "ftp://mail.example.com"}, "want smtp://HOST:PORT"},
		{[]string{"digest", "--for", "raj", "--smtp", "smtp://mail.example.com"}, "needs a sender"},
		{[]string{"export", "widgets"}, "unknown kind"},
		{[]string{"log"}, "usage: accord log ID"},
		{[]string{"log", kr, "-n", "some"}, `--max-count "some": want a whole number`},
		{[]string{"blame", "a", "b"}, "usage: accord blame ID"},
		{[]string{"diff", "HEAD~1...HEAD"}, "two dots"},
		{[]string{"version", "now"}, "usage: accord version"},
		{[]string{"resolve", kr, "title"}, "give exactly one of --ours, --theirs, --value V, --edit"},
		{[]string{"resolve", kr, "--ours"}, "accord resolve ID --record"},
		{[]string{"resolve", kr, "title", "--record", "--ours"}, "give FIELD or --record, not both"},
		{[]string{"show", kr, "--frobnicate"}, "unknown flag: --frobnicate"},
	} {
		_, errOut, code := run(t, dir, tc.args...)
		if code != ExitUsage || !strings.Contains(errOut, tc.says) || strings.Contains(errOut, "strconv") {
			t.Errorf("accord %s: exit %d, %q; want exit 2 saying %q", strings.Join(tc.args, " "), code, errOut, tc.says)
		}
	}
}

// With --json, a script gets JSON whether the command works or not.
func TestJSONResultsAndErrors(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	var res struct {
		ID      string
		Commit  *string
		Message string
		Changes []struct {
			Kind, ID, Op string
			Fields       []struct{ Field, From, To string }
		}
	}
	out := must(t, dir, "set", kr, "owner=mei", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Commit == nil || len(*res.Commit) != 40 ||
		len(res.Changes) != 1 || res.Changes[0].Op != "edited" || res.Changes[0].Fields[0].Field != "owner" || res.Changes[0].Fields[0].To != "mei" {
		t.Errorf("set --json: %v\n%s", err, out)
	}
	out = must(t, dir, "checkin", kr, "--health", "on_track", "--summary", "Fine.", "--confidence", "80%", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || !strings.HasPrefix(res.ID, "UPD-") || res.Changes[0].Op != "created" {
		t.Errorf("checkin --json: %v\n%s", err, out)
	}
	if show := must(t, dir, "show", res.ID); !strings.Contains(show, "confidence: 0.8\n") {
		t.Errorf("--confidence 80%% is not 0.8:\n%s", show)
	}
	out = must(t, dir, "set", kr, "owner=mei", "--json")
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Commit != nil || len(res.Changes) != 0 {
		t.Errorf("set --json that changes nothing: %v\n%s", err, out)
	}

	out, errOut, code := run(t, dir, "set", kr, "titel=x", "--json")
	var e struct {
		Error string
		Code  int
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != ExitUsage || e.Code != ExitUsage ||
		!strings.Contains(e.Error, "did you mean title?") || errOut != "" {
		t.Errorf("an error with --json: exit %d, %v, stdout %q, stderr %q", code, err, out, errOut)
	}
}

// A reference in a field value takes an ID's prefix, as commands do.
func TestFieldValuesTakeIDPrefixes(t *testing.T) {
	t.Parallel()
	dir, objective, _ := smallOrg(t)
	kr := strings.TrimSpace(must(t, dir, "new", "goal", "title=Activation rate", "level=key_result",
		"parent="+strings.ToLower(objective[:8]), "owner=raj", "metric={unit: '%', baseline: 30, target: 45, direction: increase}"))
	if out := must(t, dir, "show", kr); !strings.Contains(out, "parent: "+objective+"\n") {
		t.Errorf("parent given as a prefix:\n%s", out)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"version"}} {
		if out := must(t, "", args...); !strings.HasPrefix(out, "accord ") || !strings.Contains(out, "go1.") {
			t.Errorf("accord %s: %q", args[0], out)
		}
	}
	v := version{Version: "v0.3.0", Revision: "0123456789abcdef0123", Time: "2026-12-01T10:00:00Z", Modified: true, Go: "go1.26.8"}
	if got, want := v.String(), "accord v0.3.0 0123456789ab (with uncommitted changes) 2026-12-01T10:00:00Z, go1.26.8"; got != want {
		t.Errorf("version = %q, want %q", got, want)
	}
}

// Completion offers what the command takes: IDs with titles, fields and
// their values, filter values.
func TestShellCompletion(t *testing.T) {
	t.Parallel()
	dir, objective, kr := smallOrg(t)
	complete := func(args ...string) string {
		return must(t, dir, append([]string{"__complete"}, args...)...)
	}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"show", "goal-"}, []string{kr + "\tMedian days to first dashboard", objective + "\tCut time-to-first-value"}},
		{[]string{"checkin", ""}, []string{kr + "\t"}},
		{[]string{"set", kr, "met"}, []string{"metric.target=", "metric.direction="}},
		{[]string{"set", kr, "level="}, []string{"level=key_result", "level=kpi"}},
		{[]string{"set", kr, "owner=m"}, []string{"owner=mei"}},
		{[]string{"new", "decision", "approver="}, []string{"approver=mei", "approver=raj"}},
		{[]string{"list", ""}, []string{"goals", "decisions", "people"}},
		{[]string{"list", "goals", "--team", ""}, []string{"onboarding\tOnboarding"}},
		{[]string{"list", "goals", "--period", ""}, []string{"2026-Q4"}},
		{[]string{"list", "decisions", "--status", ""}, []string{"proposed", "superseded"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish", "powershell"}},
	} {
		out := complete(tc.args...)
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("complete %q lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// A goal overdue for its check-in shows as stale in the CLI and the report;
// 0.855 of the way is 86% in both, with the same bar.
func TestStaleHealthAndOneRoundingInEveryOutput(t *testing.T) {
	t.Parallel()
	dir, _, kr := smallOrg(t)
	must(t, dir, "set", kr, "metric={unit: rows, baseline: 0, target: 1000, direction: increase}")
	must(t, dir, "checkin", kr, "--health", "on_track", "--value", "855", "--summary", "Most rows import.", "--date", "2026-10-01")
	for _, args := range [][]string{{"list", "goals"}, {"show", kr}} {
		if out := must(t, dir, args...); !strings.Contains(out, "stale") || !strings.Contains(out, "86%") {
			t.Errorf("accord %s: want stale and 86%%:\n%s", strings.Join(args, " "), out)
		}
	}
	if out := must(t, dir, "list", "goals", "--health", "stale"); !strings.Contains(out, kr) {
		t.Errorf("--health stale does not list %s:\n%s", kr, out)
	}
	report := must(t, dir, "report", "--period", "2026-Q4")
	if !strings.Contains(report, "○ stale") || !strings.Contains(report, "`█████████░`\u00a086%") {
		t.Errorf("report: want the stale badge and 86%% with nine cells:\n%s", report)
	}
}
