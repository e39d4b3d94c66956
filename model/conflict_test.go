package model

import (
	"slices"
	"strings"
	"testing"
)

func TestConflictFieldsListWhatDiffersOnAnySide(t *testing.T) {
	t.Parallel()
	base := &RACI{ID: "RACI-00000001", Title: "Launch", Accountable: OneOrMore{"mei", "daniel"}, Responsible: []string{"raj"}}
	ours := &RACI{ID: "RACI-00000001", Title: "Launch", Accountable: OneOrMore{"daniel"}, Responsible: []string{"raj"}}
	theirs := &RACI{ID: "RACI-00000001", Title: "Launch", Accountable: OneOrMore{"mei"}, Responsible: []string{"raj"}}
	merged, _ := Merge(base, ours, theirs)
	fs := ConflictFields("RACI-00000001", base, ours, theirs, merged)
	if len(fs) != 1 || fs[0].Field != "accountable" || fs[0].Base != "[mei, daniel]" || fs[0].Ours != "[daniel]" ||
		fs[0].Theirs != "[mei]" || fs[0].Merged != "" {
		t.Errorf("fields: %+v; want only accountable, with the merge's empty value", fs)
	}
	// Absent on one side: every field of the other differs.
	if fs := ConflictFields("RACI-00000001", base, ours, nil, ours); len(fs) < 3 || fs[0].Theirs != "" {
		t.Errorf("deleted there: %+v", fs)
	}
}

func TestSameValuesIgnoresOnlyWhatOtherChoicesChange(t *testing.T) {
	t.Parallel()
	c := Conflict{ID: "GOAL-00000001", FieldConflict: FieldConflict{Field: RecordField, Ours: "a"},
		Fields: []ConflictField{{ID: "GOAL-00000001", FieldConflict: FieldConflict{Field: "parent", Base: "", Ours: "X", Theirs: "Y"}, Merged: "X"}}}
	other := c
	other.Fields = slices.Clone(c.Fields)
	other.Fields[0].Merged = "Y" // another choice changed the merge
	other.Fields = append(other.Fields, ConflictField{ID: "GOAL-00000002", FieldConflict: FieldConflict{Field: "title", Base: "t", Ours: "t", Theirs: "t"}, Merged: "u"})
	if !c.SameValues(other) {
		t.Errorf("a change to the merge alone made the values differ")
	}
	other.Fields[0].Ours = "Z" // edited on this clone since
	if c.SameValues(other) {
		t.Errorf("an edit on this clone went unnoticed")
	}
}

func TestIDsIn(t *testing.T) {
	t.Parallel()
	got := IDsIn("parent links form a loop: GOAL-0000000A → GOAL-0000000B → GOAL-0000000A; raj and DEC-2HV9PMQ4, GOAL-short")
	if want := []string{"GOAL-0000000A", "GOAL-0000000B", "DEC-2HV9PMQ4"}; !slices.Equal(got, want) {
		t.Errorf("IDsIn = %v, want %v", got, want)
	}
}

// FuzzIDsIn: every ID found is well formed, named in the text, and found
// once; IDs written into any text are all found. Seeds in
// testdata/fuzz/FuzzIDsIn.
func FuzzIDsIn(f *testing.F) {
	f.Add("parent links form a loop: GOAL-0000000A → GOAL-0000000B → GOAL-0000000A", "RACI-J5N0RT8K")
	f.Fuzz(func(t *testing.T, text, id string) {
		got := IDsIn(text)
		for i, x := range got {
			k := KindOfID(x)
			if k == "" || CheckID(k, x) != nil || !strings.Contains(text, x) || slices.Contains(got[:i], x) {
				t.Fatalf("IDsIn(%q) found %q", text, x)
			}
		}
		if k := KindOfID(id); k != "" && k.Sharded() && CheckID(k, id) == nil {
			if found := IDsIn(text + " → " + id + "."); !slices.Contains(found, id) {
				t.Fatalf("IDsIn missed %q after %q: %v", id, text, found)
			}
		}
	})
}

// FuzzConflictFields: over the merge fuzzer's records, the fields listed
// are exactly those whose value differs among the four versions, and a
// conflict has the same values as itself.
func FuzzConflictFields(f *testing.F) {
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, o, th := fuzzInputs(data)
		base, _ := b.(Record)
		ours, ok1 := o.(Record)
		theirs, ok2 := th.(Record)
		if !ok1 || !ok2 {
			return // accord.yaml
		}
		merged, _ := Merge(base, ours, theirs)
		fs := ConflictFields("X", base, ours, theirs, merged)
		for _, f := range fs {
			if f.Base == f.Ours && f.Ours == f.Theirs && f.Theirs == f.Merged {
				t.Fatalf("%s listed with four equal values", f.Field)
			}
		}
		for _, ch := range Diff(ours, theirs) {
			if !slices.ContainsFunc(fs, func(f ConflictField) bool { return f.Field == ch.Field }) {
				t.Fatalf("%s differs between ours and theirs but is not listed", ch.Field)
			}
		}
		c := Conflict{FieldConflict: FieldConflict{Field: RecordField}, Fields: fs}
		if !c.SameValues(c) {
			t.Fatal("a conflict differs from itself")
		}
	})
}
