package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzParseAskRef: a reference that parses prints back as itself, names a
// well-formed check-in ID and a number from 1; nothing panics.
func FuzzParseAskRef(f *testing.F) {
	for _, s := range []string{"UPD-Q8W2ZD4N#1", "UPD-Q8W2ZD4N#12", "UPD-Q8W2ZD4N", "UPD-Q8W2ZD4N#0", "UPD-Q8W2ZD4N#01",
		"#1", "UPD-Q8W2ZD4N#1#2", " UPD-Q8W2ZD4N#3 ", "upd-q8w#2", "DEC-2HV9PMQ4#1", "UPD-Q8W2ZD4N#-1", "UPD-Q8W2ZD4N#99999999999999999999"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, prefix bool) {
		r, err := ParseAskRef(s, prefix)
		if err != nil {
			return
		}
		if r.N < 1 || strings.Contains(r.CheckIn, "#") {
			t.Fatalf("ParseAskRef(%q) = %+v", s, r)
		}
		if !prefix && CheckID(KindUpdate, r.CheckIn) != nil {
			t.Fatalf("ParseAskRef(%q) accepted a malformed check-in ID %q", s, r.CheckIn)
		}
		again, err := ParseAskRef(r.String(), prefix)
		if err != nil || again != r {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, r, r.String(), again, err)
		}
	})
}

// FuzzPeriodStart: a period that parses starts on the first of a month,
// in its year, and a cadence's period of that day parses back to it.
func FuzzPeriodStart(f *testing.F) {
	for _, s := range []string{"2026", "2026-H1", "2026-H2", "2026-Q4", "2026-11", "2026-00", "2026-13", "2026-Q5", "0000-01", "20x6", "", "2026-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start, ok := PeriodStart(s)
		if !ok {
			return
		}
		if start.Day() != 1 || start.Format("2006") != s[:4] {
			t.Fatalf("PeriodStart(%q) = %s", s, start)
		}
		if start.Year() < 1 {
			return // the period before year 0 has no four-digit name
		}
		for _, c := range PulseCadences {
			p := PulsePeriod(c, start)
			if got, ok := PeriodStart(p); !ok || got.After(start) {
				t.Fatalf("PulsePeriod(%s, %s) = %q, which starts %s", c, start, p, got)
			}
			if last := LastEndedPulsePeriod(c, start); comparePeriods(last, p) >= 0 {
				t.Fatalf("LastEndedPulsePeriod(%s, %s) = %q, not before %q", c, start, last, p)
			}
		}
	})
}

// FuzzMergeDependsOn: depends_on merges as a set — what either side added
// is in, what either side removed (and the other kept) is out — and the
// merge never conflicts on it.
func FuzzMergeDependsOn(f *testing.F) {
	f.Add("GOAL-A GOAL-B", "GOAL-A GOAL-B GOAL-C", "GOAL-B HO-X")
	f.Add("", "DEC-1", "DEC-2")
	f.Add("GOAL-A", "", "GOAL-A GOAL-A")
	f.Fuzz(func(t *testing.T, base, ours, theirs string) {
		set := func(s string) []string {
			out := slices.Compact(slices.Sorted(slices.Values(strings.Fields(s))))
			if len(out) == 0 {
				return nil
			}
			return out
		}
		b, o, th := set(base), set(ours), set(theirs)
		mk := func(deps []string) *Goal {
			return &Goal{ID: "GOAL-7K3FQ2M1", Title: "x", Level: LevelObjective, State: "active", DependsOn: deps}
		}
		merged, conflicts := Merge(mk(b), mk(o), mk(th))
		if len(conflicts) != 0 {
			t.Fatalf("depends_on conflicted: %v", conflicts)
		}
		got := merged.(*Goal).DependsOn
		for _, side := range [][]string{o, th} {
			for _, id := range side {
				if !slices.Contains(b, id) && !slices.Contains(got, id) {
					t.Fatalf("merge of %v, %v, %v lost %s added on one side: %v", b, o, th, id, got)
				}
			}
		}
		for _, id := range b {
			if (!slices.Contains(o, id) || !slices.Contains(th, id)) && slices.Contains(got, id) {
				t.Fatalf("merge of %v, %v, %v kept %s that a side removed: %v", b, o, th, id, got)
			}
		}
	})
}

// FuzzAskStatuses: answers that name any ask, well formed or not, never
// make the ask queries panic, and an ask is never both open and closed.
func FuzzAskStatuses(f *testing.F) {
	f.Add("UPD-Q8W2ZD4N#1", "done", "2026-11-20")
	f.Add("UPD-Q8W2ZD4N#7", "accept", "")
	f.Add("nonsense", "maybe", "2026-13-01")
	f.Fuzz(func(t *testing.T, ask, response, due string) {
		o := acrossOrg(&Answer{ID: "ANS-00000001", Ask: ask, Author: "ana", Date: "2026-11-19", Response: response})
		o.Updates[fxUpdKR].Asks[0].Due = due
		for _, st := range o.AskStatuses(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)) {
			if st.Open() && st.Closed() || st.Overdue && st.Closed() {
				t.Fatalf("ask %s: open %v, closed %v, overdue %v", st.Ref, st.Open(), st.Closed(), st.Overdue)
			}
		}
		o.AsksPerAddressee(time.Time{})
		o.AskPairs(time.Time{}, "", "")
		Validate(o, ValidateOptions{})
	})
}
