package gitstore

import (
	"strings"
	"testing"
)

// FuzzSessionFind: whatever a person types for ID and FIELD, Find never
// panics, and what it finds is the one record whose ID begins with what
// was typed (any case), on that field; an exact ID wins over longer ones.
// Seeds in testdata/fuzz/FuzzSessionFind.
func FuzzSessionFind(f *testing.F) {
	f.Add("goal-0000000k", "title")
	f.Add("GOAL-0000000", "(record)")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, id, field string) {
		sess := &MergeSession{Conflicts: []RecordConflict{
			{ID: "GOAL-0000000K"}, {ID: "GOAL-0000000P"}, {ID: "GOAL-0000000PX"}, {ID: "raj"}, {ID: "accord.yaml"},
		}}
		for i, c := range sess.Conflicts {
			c.Field = []string{"title", RecordField, "title", "name", "org"}[i]
			sess.Conflicts[i] = c
		}
		c, err := sess.Find(id, field)
		if err != nil {
			return
		}
		if id == "" || !strings.HasPrefix(strings.ToUpper(c.ID), strings.ToUpper(id)) || c.Field != field {
			t.Fatalf("Find(%q, %q) = %s %s", id, field, c.ID, c.Field)
		}
		if strings.EqualFold(id, "GOAL-0000000P") && c.ID != "GOAL-0000000P" {
			t.Fatalf("an exact ID lost to a longer one: %s", c.ID)
		}
	})
}
