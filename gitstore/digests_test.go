package gitstore

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// A mark moves only from where its writer read it, and is a git ref git
// itself reads.
func TestDigestMarkMovesLikeARef(t *testing.T) {
	t.Parallel()
	s := clones(t, fileRemote(t), RemoteOptions{}, "Ana")[0]
	raj := model.Recipient{Person: "raj"}
	m, was, err := s.DigestMark(raj)
	if err != nil || was != "" || len(m.Sent) != 0 {
		t.Fatalf("a recipient never sent to: %+v %q %v", m, was, err)
	}
	head, _ := s.Head()
	first := model.DigestMark{Commit: head, Date: "2026-11-23", Sent: map[string]string{"Asked of you|UPD-1#1": "2026-11-23"}}
	if err := s.SetDigestMark(raj, first, ""); err != nil {
		t.Fatal(err)
	}
	got, at, err := s.DigestMark(raj)
	if err != nil || got.Commit != head || got.Sent["Asked of you|UPD-1#1"] != "2026-11-23" {
		t.Fatalf("read back: %+v %v", got, err)
	}
	// A writer that read the mark before this one moved it changes nothing.
	if err := s.SetDigestMark(raj, model.DigestMark{Date: "2026-11-24"}, ""); !errors.Is(err, ErrStale) {
		t.Errorf("a stale mark: %v, want ErrStale", err)
	}
	out, err := exec.Command("git", "-C", s.Dir(), "rev-parse", "refs/accord/digests/person/raj").Output()
	if err != nil || strings.TrimSpace(string(out)) != at {
		t.Errorf("git reads the mark as %q (%v), want %s", out, err, at)
	}
	if err := s.SetDigestMark(model.Recipient{Person: "../../heads/main"}, first, ""); err == nil {
		t.Errorf("a recipient that is no handle was accepted")
	}
}

// Two runners that sent at once: sync merges their marks, so whatever
// either sent counts as sent on both, and the branch is untouched.
func TestDigestMarksOfTwoRunnersMerge(t *testing.T) {
	t.Parallel()
	cs := clones(t, fileRemote(t), RemoteOptions{}, "Ana", "Ben")
	a, b := cs[0], cs[1]
	team := model.Recipient{Team: "onboarding"}
	head, _ := a.Head()
	if err := a.SetDigestMark(team, model.DigestMark{Commit: head, Date: "2026-11-23", Sent: map[string]string{"x": "2026-11-23"}}, ""); err != nil {
		t.Fatal(err)
	}
	if err := b.SetDigestMark(team, model.DigestMark{Commit: head, Date: "2026-11-24", Sent: map[string]string{"y": "2026-11-24"}}, ""); err != nil {
		t.Fatal(err)
	}
	doSync(t, a, RemoteOptions{})
	doSync(t, b, RemoteOptions{})
	doSync(t, a, RemoteOptions{})
	for name, s := range map[string]*Store{"Ana": a, "Ben": b} {
		m, _, err := s.DigestMark(team)
		if err != nil {
			t.Fatal(err)
		}
		if m.Sent["x"] != "2026-11-23" || m.Sent["y"] != "2026-11-24" || m.Date != "2026-11-24" {
			t.Errorf("%s's mark after both synced: %+v", name, m)
		}
	}
	ha, _ := a.Head()
	if ha != head {
		t.Errorf("syncing marks moved the branch")
	}
}
