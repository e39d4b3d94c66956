package model

import (
	"fmt"
	"strings"
)

// CommitMessage says what changed from old to new in Accord's convention,
// kind(ID): what. Either side may be nil (created, deleted). A decision's
// status change reads as its lifecycle step: decision(DEC-…): proposed →
// accepted. Changes beyond the subject line are listed in the body.
func CommitMessage(old, new Record) string {
	r := new
	if r == nil {
		r = old
	}
	if r == nil {
		return "accord: no change"
	}
	head := fmt.Sprintf("%s(%s): ", r.RecordKind(), r.RecordID())
	switch {
	case old == nil:
		return head + "create " + quoteTitle(new.RecordTitle())
	case new == nil:
		return head + "delete " + quoteTitle(old.RecordTitle())
	}
	changes := Diff(old, new)
	if len(changes) == 0 {
		return head + "no change"
	}
	subject := Summarize(changes)
	if d, ok := new.(*Decision); ok {
		if o := old.(*Decision); o.Status != d.Status {
			subject = o.Status + " → " + d.Status
		}
	}
	msg := head + subject
	if len(changes) > 1 {
		var body strings.Builder
		for _, c := range changes {
			body.WriteString("\n- " + describe(c))
		}
		msg += "\n" + body.String()
	}
	return msg
}

func quoteTitle(t string) string {
	t = strings.TrimSpace(t)
	if r := []rune(t); len(r) > 60 {
		t = string(r[:59]) + "…"
	}
	return fmt.Sprintf("%q", t)
}

// CheckinMessage is the commit message of a check-in: it names the goal
// and its health change (goal(GOAL-…): health on_track → at_risk), prev
// being the goal's health before it, then the check-in's ID and summary.
func CheckinMessage(g *Goal, prev string, u *Update) string {
	head := fmt.Sprintf("goal(%s): ", g.ID)
	var subject string
	switch {
	case prev == "":
		subject = "first check-in, " + u.Health
	case prev != u.Health:
		subject = "health " + prev + " → " + u.Health
	default:
		subject = "check-in, still " + u.Health
	}
	return head + subject + "\n\n" + u.ID + ": " + u.Summary
}

// RevertMessage is the message of a commit that reverses the one with
// this subject and hash: "undo: …"; reversing an undo is a redo
// ("redo: …", the change's own subject), and reversing a redo an undo
// again, so that a message never reads "undo: undo: …".
func RevertMessage(subject, hash string) string {
	verb := "undo"
	if rest, ok := strings.CutPrefix(subject, "undo: "); ok {
		verb, subject = "redo", rest
	} else if rest, ok := strings.CutPrefix(subject, "redo: "); ok {
		subject = rest
	}
	return verb + ": " + subject + "\n\nThis reverts commit " + hash + "."
}
