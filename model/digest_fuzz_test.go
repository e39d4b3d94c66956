package model

import (
	"encoding/json"
	"testing"
)

// ParseRecipient reads what Recipient.String writes, and nothing that is
// not a handle: a recipient names a git ref, so it must never hold a
// path.
func FuzzParseRecipient(f *testing.F) {
	for _, s := range []string{"person/raj", "team/support", "team/", "person/../heads/main", "robot/x", "person/Raj", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRecipient(s)
		if err != nil {
			return
		}
		if r.String() != s {
			t.Errorf("%q reads as %+v, which writes %q", s, r, r.String())
		}
		if h := r.Person + r.Team; !IsHandle(h) {
			t.Errorf("%q gives %q, not a handle", s, h)
		}
	})
}

// Merging two marks loses nothing either sent, keeps the earlier day of
// each, and takes the newer mark's range.
func FuzzMergeMarks(f *testing.F) {
	f.Add(`{"commit":"a","date":"2026-11-23","sent":{"x":"2026-11-23"}}`, `{"commit":"b","date":"2026-11-24","sent":{"x":"2026-11-20","y":"2026-11-24"}}`, true)
	f.Add(`{}`, `{"sent":{"z":""}}`, false)
	f.Fuzz(func(t *testing.T, ja, jb string, bNewer bool) {
		var a, b DigestMark
		if json.Unmarshal([]byte(ja), &a) != nil || json.Unmarshal([]byte(jb), &b) != nil {
			return
		}
		m := MergeMarks(a, b, bNewer)
		for _, in := range []DigestMark{a, b} {
			for k, d := range in.Sent {
				got, ok := m.Sent[k]
				if !ok || got > d {
					t.Errorf("%q sent on %q: merged has %q", k, d, got)
				}
			}
		}
		newer := a
		if bNewer {
			newer = b
		}
		if m.Commit != newer.Commit || m.Date != newer.Date {
			t.Errorf("merged range %q/%q, want the newer %q/%q", m.Commit, m.Date, newer.Commit, newer.Date)
		}
	})
}
