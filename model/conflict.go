package model

import (
	"slices"
	"strings"
	"unicode"
)

// Conflict is one field of one record that both sides of a sync changed
// differently (or, with Field RecordField, a whole record: edited on one
// side and deleted on the other, or breaking a rule after the merge). It
// waits in the merge session until the user picks ours, theirs or a value.
//
// For a field, Base, Ours and Theirs are the field's values as Flatten
// renders them. For a whole record they are the record's file as YAML on
// each side ("" where it is absent), Merged is what the merge made of it
// (the text an edit starts from), and Fields lists, field by field, the
// values that differ among base, ours, theirs and the merge, for the
// record and every other record the rule involves (Records): a loop of
// parent links involves every goal on the loop.
type Conflict struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
	Path string `json:"path"`
	FieldConflict
	Merged string `json:"merged,omitempty"`
	// Fields are the differing fields of a whole-record conflict.
	Fields []ConflictField `json:"fields,omitempty"`
	// Records are the IDs a rule conflict involves: ours puts back this
	// clone's version of every one, theirs the remote's.
	Records []string `json:"records,omitempty"`
	// Rule is why a whole-record conflict arose: "rule.id: message" for a
	// rule the merged records break, or a sentence.
	Rule string `json:"rule,omitempty"`
	// Resolution is "", "ours", "theirs" or "value" (then Value holds it:
	// a field's value, or a whole record's YAML).
	Resolution string `json:"resolution,omitempty"`
	Value      string `json:"value,omitempty"`
}

// ConflictField is one field of a record in a whole-record conflict, with
// its value on each side and in the merge ("" where it is not set).
type ConflictField struct {
	ID string `json:"id"`
	FieldConflict
	Merged string `json:"merged"`
}

// RecordField is the Field of a conflict over a whole record.
const RecordField = "(record)"

// Resolved reports whether the user has chosen a value.
func (c Conflict) Resolved() bool { return c.Resolution != "" }

// RuleID is the rule of a rule conflict ("raci.role-conflict"), or "".
func (c Conflict) RuleID() string {
	id, _, ok := strings.Cut(c.Rule, ": ")
	if !ok || strings.ContainsAny(id, " ") {
		return ""
	}
	return id
}

// Involves reports whether the conflict is about the record id: its own,
// or one its rule involves.
func (c Conflict) Involves(id string) bool {
	return c.ID == id || slices.Contains(c.Records, id)
}

// SameValues reports whether two conflicts over one field or record saw
// the same values on each side: a choice made for one still applies to
// the other. A record edited on either side since makes them differ.
func (c Conflict) SameValues(o Conflict) bool {
	if c.Base != o.Base || c.Ours != o.Ours || c.Theirs != o.Theirs {
		return false
	}
	return slices.Equal(sideFields(c.Fields), sideFields(o.Fields))
}

// sideFields are the fields that differ among the sides themselves (not
// only in the merge, which other choices change).
func sideFields(fs []ConflictField) []string {
	var out []string
	for _, f := range fs {
		if f.Base != f.Ours || f.Ours != f.Theirs {
			out = append(out, f.ID+"\x00"+f.Field+"\x00"+f.Base+"\x00"+f.Ours+"\x00"+f.Theirs)
		}
	}
	return out
}

// ConflictFields lists the fields whose values differ among the versions
// of one record (base, ours, theirs, merged; nil where it is absent), in
// the record's field order.
func ConflictFields(id string, base, ours, theirs, merged Record) []ConflictField {
	versions := [4][]FieldValue{Flatten(base), Flatten(ours), Flatten(theirs), Flatten(merged)}
	var names []string
	seen := map[string]bool{}
	for _, fs := range versions {
		for _, f := range fs {
			if !seen[f.Field] {
				seen[f.Field] = true
				names = append(names, f.Field)
			}
		}
	}
	var out []ConflictField
	for _, name := range names {
		v := [4]string{}
		for i, fs := range versions {
			v[i] = lookup(fs, name)
		}
		if v[0] == v[1] && v[1] == v[2] && v[2] == v[3] {
			continue
		}
		out = append(out, ConflictField{ID: id, FieldConflict: FieldConflict{Field: name, Base: v[0], Ours: v[1], Theirs: v[2]}, Merged: v[3]})
	}
	return out
}

// IDsIn lists the record IDs (GOAL-…, DEC-…: kinds with a prefix) a text
// names, in order, once each: the records a finding's message involves,
// such as every goal on a loop of parent links.
func IDsIn(text string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
	}) {
		if k := KindOfID(tok); k != "" && k.Sharded() && CheckID(k, tok) == nil && !slices.Contains(out, tok) {
			out = append(out, tok)
		}
	}
	return out
}

// SyncStatus is where a clone stands against its remote, as of the last
// fetch: what the status line shows.
type SyncStatus struct {
	Remote    string `json:"remote"`    // "" when there is none
	Ahead     int    `json:"ahead"`     // local commits the remote lacks
	Behind    int    `json:"behind"`    // remote commits not merged here
	Conflicts int    `json:"conflicts"` // unresolved conflicts of a pending merge
}
