package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/accordhq/accord/cli"
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// TestProgressReadsTheSameEverywhere: a key result at 0.855 of its way
// (71.82 of 84, which is 0.85499… in floating point) reads 86% with nine
// blocks of ten in the CLI, the report and the TUI; the TUI once rounded
// it down to 85%.
func TestProgressReadsTheSameEverywhere(t *testing.T) {
	t.Parallel()
	s := demoRepo(t)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	mission := ""
	for _, id := range org.IDs(model.KindGoal) {
		if org.Goals[id].Level == model.LevelMission {
			mission = id
		}
	}
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		env := cli.Env{Stdout: &out, Stderr: &errOut, Now: clock, Author: &gitstore.Signature{Name: "Raj Patel", Email: "raj@northwind.example"}}
		if code := cli.Execute(env, append([]string{"--repo", s.Dir()}, args...)); code != 0 {
			t.Fatalf("accord %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
		}
		return out.String()
	}
	period := org.Config.CurrentPeriod
	strategic := strings.TrimSpace(run("new", "goal", "title=Rounding is one rule", "level=strategic", "parent="+mission,
		"owner=raj", "team=onboarding", "period="+period))
	kr := strings.TrimSpace(run("new", "goal", "title=Blocks agree with percentages", "level=key_result", "parent="+strategic,
		"owner=raj", "team=onboarding", "period="+period, "metric={unit: imports, baseline: 0, target: 84, direction: increase}"))
	run("checkin", kr, "--health", "on_track", "--value", "71.82", "--summary", "71.82 of 84")

	org, err = s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := org.Progress(kr); p < 0.8549 || p > 0.8551 {
		t.Fatalf("progress = %v, want 0.855", p)
	}
	const want, bar = "86%", "█████████░"
	if out := run("show", kr); !strings.Contains(out, want) {
		t.Errorf("accord show: no %s\n%s", want, out)
	}
	report := run("report")
	if line := lineWith(report, "Blocks agree with percentages", "█"); !strings.Contains(line, bar+"`\u00a0"+want) {
		t.Errorf("accord report: want %s %s on the key result's line, got %q", bar, want, line)
	}

	tm := startTUI(t, s, 200, 50)
	waitFor(t, tm, "Blocks agree with percentages")
	screen := finalScreen(t, tm)
	for _, title := range []string{"Rounding is one rule", "Blocks agree with percentages"} {
		if lineWith(screen, title, bar+"  "+want) == "" {
			t.Errorf("TUI: want %s %s on the row of %q:\n%s", bar, want, title, screen)
		}
	}
}

// lineWith is the first line of out that holds every one of subs.
func lineWith(out string, subs ...string) string {
	for l := range strings.SplitSeq(out, "\n") {
		if !slices.ContainsFunc(subs, func(s string) bool { return !strings.Contains(l, s) }) {
			return l
		}
	}
	return ""
}
