package model

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Change is one field that differs between two versions of a record. Field
// is a dotted path: title, metric.target, options[cap50].good, outcome.chosen.
// From or To is "" when the field was absent on that side.
type Change struct {
	Field string `json:"field"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Diff lists the fields that differ from old to new, in the record's field
// order. Either side may be nil (a record created or deleted).
func Diff(old, new Record) []Change {
	a, b := Flatten(old), Flatten(new)
	seen := map[string]bool{}
	var out []Change
	for _, f := range a {
		seen[f.Field] = true
		to := lookup(b, f.Field)
		if to != f.Value {
			out = append(out, Change{Field: f.Field, From: f.Value, To: to})
		}
	}
	for _, f := range b {
		if !seen[f.Field] {
			out = append(out, Change{Field: f.Field, To: f.Value})
		}
	}
	return out
}

func lookup(fs []FieldValue, field string) string {
	for _, f := range fs {
		if f.Field == field {
			return f.Value
		}
	}
	return ""
}

// FieldValue is one leaf of a flattened record.
type FieldValue struct {
	Field string
	Value string
}

// Flatten turns a record into its leaf fields in declaration order. Lists of
// scalars are one value ("[a, b]"); lists of keyed structs (options,
// deliverables) are flattened per key (options[cap50].title); other lists of
// structs per index. Empty values are left out.
func Flatten(r Record) []FieldValue {
	if r == nil || reflect.ValueOf(r).IsNil() {
		return nil
	}
	var out []FieldValue
	flatten(reflect.ValueOf(r).Elem(), "", &out)
	return out
}

func flatten(v reflect.Value, prefix string, out *[]FieldValue) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		flattenValue(v.Field(i), join(prefix, name), out)
	}
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func flattenValue(f reflect.Value, path string, out *[]FieldValue) {
	switch f.Kind() {
	case reflect.Pointer:
		if !f.IsNil() {
			flattenValue(f.Elem(), path, out)
		}
	case reflect.Struct:
		flatten(f, path, out)
	case reflect.Slice:
		if f.Len() == 0 {
			return
		}
		if f.Type().Elem().Kind() == reflect.Struct {
			for j := 0; j < f.Len(); j++ {
				key := strconv.Itoa(j)
				if idf := f.Index(j).FieldByName("ID"); idf.IsValid() && idf.String() != "" {
					key = idf.String()
				}
				flatten(f.Index(j), fmt.Sprintf("%s[%s]", path, key), out)
			}
			return
		}
		parts := make([]string, f.Len())
		for j := range parts {
			parts[j] = scalarString(f.Index(j))
		}
		*out = append(*out, FieldValue{path, "[" + strings.Join(parts, ", ") + "]"})
	default:
		if s := scalarString(f); s != "" {
			*out = append(*out, FieldValue{path, s})
		}
	}
}

func scalarString(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Float64, reflect.Float32:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case reflect.Int, reflect.Int64, reflect.Int32:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return scalarString(v.Elem())
	}
	return fmt.Sprint(v.Interface())
}

// Summarize describes changes in one short line for a commit message:
// "status proposed → accepted, outcome.chosen cap50 → direct". Long text is
// named, not quoted.
func Summarize(changes []Change) string {
	const maxParts = 4
	var parts []string
	for i, c := range changes {
		if i == maxParts {
			parts = append(parts, fmt.Sprintf("and %d more", len(changes)-maxParts))
			break
		}
		parts = append(parts, describe(c))
	}
	return strings.Join(parts, ", ")
}

func describe(c Change) string {
	short := func(s string) string {
		if s == "" {
			return "∅"
		}
		if strings.Contains(s, "\n") || len([]rune(s)) > 40 {
			return ""
		}
		return s
	}
	from, to := short(c.From), short(c.To)
	switch {
	case from == "" && c.From != "" || to == "" && c.To != "":
		return c.Field + " edited"
	case c.From == "":
		return c.Field + " set to " + to
	case c.To == "":
		return c.Field + " removed"
	}
	return c.Field + " " + from + " → " + to
}

// FieldNames lists the dotted names of every field a record's type has,
// nested groups included (metric, metric.target, outcome.chosen), but not
// fields inside lists.
func FieldNames(r Record) []string {
	var out []string
	fieldNames(reflect.TypeOf(r).Elem(), "", &out)
	return out
}

func fieldNames(t reflect.Type, prefix string, out *[]string) {
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		full := join(prefix, name)
		*out = append(*out, full)
		ft := t.Field(i).Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			fieldNames(ft, full, out)
		}
	}
}

// CopyRecord overwrites dst with src; both must be the same kind.
func CopyRecord(dst, src Record) {
	reflect.ValueOf(dst).Elem().Set(reflect.ValueOf(src).Elem())
}

// ChangeDetail is one readable line of a record's changes: a field set,
// changed or cleared; a keyed list item (options[cap50]) added or removed
// whole, with its title; or long text as a line diff.
type ChangeDetail struct {
	Field string     `json:"field"`
	Op    string     `json:"op"` // set, changed, cleared, added, removed, text
	From  string     `json:"from,omitempty"`
	To    string     `json:"to,omitempty"`
	Lines []TextEdit `json:"lines,omitempty"` // op "text"
}

// DetailChanges groups a record's field changes for reading: the fields of
// a list item that appeared or disappeared become one "added" or "removed"
// line, and long text that changed becomes a line diff.
func DetailChanges(cs []Change) []ChangeDetail {
	type group struct {
		key     string
		changes []Change
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, c := range cs {
		key := c.Field
		if i := strings.Index(c.Field, "]."); i > 0 && strings.Contains(c.Field[:i], "[") {
			key = c.Field[:i+1]
		}
		g := byKey[key]
		if g == nil {
			g = &group{key: key}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.changes = append(g.changes, c)
	}
	var out []ChangeDetail
	for _, g := range groups {
		if g.key != g.changes[0].Field || len(g.changes) > 1 {
			allNew, allGone := true, true
			title := ""
			for _, c := range g.changes {
				allNew = allNew && c.From == ""
				allGone = allGone && c.To == ""
				if strings.HasSuffix(c.Field, ".title") {
					title = c.From + c.To
				}
			}
			if allNew || allGone {
				op := "added"
				if allGone {
					op = "removed"
				}
				cd := ChangeDetail{Field: g.key, Op: op}
				if allNew {
					cd.To = title
				} else {
					cd.From = title
				}
				out = append(out, cd)
				continue
			}
		}
		for _, c := range g.changes {
			out = append(out, detailOf(c))
		}
	}
	return out
}

// detailOf is one field change for reading.
func detailOf(c Change) ChangeDetail {
	cd := ChangeDetail{Field: c.Field, From: c.From, To: c.To}
	switch {
	case c.From == "":
		cd.Op = "set"
	case c.To == "":
		cd.Op = "cleared"
	case isLongText(c.From) || isLongText(c.To):
		cd.Op, cd.From, cd.To = "text", "", ""
		cd.Lines = DiffText(c.From, c.To)
	default:
		cd.Op = "changed"
	}
	return cd
}

// isLongText is text a line diff shows better than a before and after.
func isLongText(s string) bool { return strings.Contains(s, "\n") || len([]rune(s)) > 60 }
