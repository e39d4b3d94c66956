package model

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// FieldConflict is one field both sides changed differently. Field is a
// path as in Diff (title, metric.target, options[cap50].title, outcome.chosen,
// responsible); Base, Ours and Theirs are the values as Flatten renders them
// ("" when absent on that side).
type FieldConflict struct {
	Field  string `json:"field"`
	Base   string `json:"base"`
	Ours   string `json:"ours"`
	Theirs string `json:"theirs"`
}

// Merge merges two versions of one record against their common base. base is
// nil when both sides added the record (add/add). The result holds every change
// from either side; where both changed a field differently it holds ours and
// the field is listed in the conflicts. ours and theirs must be the same kind;
// none of the inputs is modified.
//
// Fields merge by their Go type, found by reflection over the yaml-tagged
// fields, so a field added to a record type is merged without a change here:
//
//   - scalars (and pointers to them) three-way: a side that left the field
//     as it was in base takes the other side's value; two different new
//     values are a conflict.
//   - text with line breaks line by line, like diff3: changes to separate
//     parts of the text combine; changes that overlap or touch conflict.
//   - lists of scalars, and lists of structs without an ID (asks), as sets:
//     what either side added is in, what either side removed is out.
//     A OneOrMore (accountable) whose every version holds at most one item
//     merges as a scalar, so two people each set as the Accountable is a
//     conflict rather than a pair.
//   - lists of structs with an ID (options, deliverables) per ID: an item
//     added on one side is in; removed on one side and untouched on the
//     other is out; removed on one side and changed on the other is a
//     conflict on the item (options[cap50]); kept on both is merged field by
//     field.
//   - structs and pointers to structs field by field, an absent struct
//     counting as its zero value.
//
// Lists keep the order of the sides' edits; where both sides inserted at the
// same place the insertions are ordered by content, not by side, so a clean
// merge gives the same result whichever side is ours.
func Merge(base, ours, theirs Record) (Record, []FieldConflict) {
	o, t := recordValue(ours), recordValue(theirs)
	if !o.IsValid() || !t.IsValid() {
		panic("model.Merge: ours and theirs must be records, not nil")
	}
	if o.Type() != t.Type() {
		panic(fmt.Sprintf("model.Merge: ours is a %s, theirs a %s", ours.RecordKind(), theirs.RecordKind()))
	}
	b, hasBase := recordValue(base), true
	if !b.IsValid() {
		b, hasBase = reflect.Zero(o.Type()), false
	} else if b.Type() != o.Type() {
		panic(fmt.Sprintf("model.Merge: base is a %s, ours a %s", base.RecordKind(), ours.RecordKind()))
	}
	var m merger
	merged := m.merge("", [3]reflect.Value{b, o, t}, [3]bool{hasBase, true, true})
	out := reflect.New(o.Type())
	out.Elem().Set(merged)
	return out.Interface().(Record), m.conflicts
}

// MergeConfig is Merge for accord.yaml.
func MergeConfig(base, ours, theirs Config) (Config, []FieldConflict) {
	var m merger
	merged := m.merge("", [3]reflect.Value{
		reflect.ValueOf(base), reflect.ValueOf(ours), reflect.ValueOf(theirs),
	}, [3]bool{true, true, true})
	return merged.Interface().(Config), m.conflicts
}

// recordValue is the struct a record points to, or the invalid Value for a
// nil record (an untyped nil or a typed nil pointer).
func recordValue(r Record) reflect.Value {
	if r == nil {
		return reflect.Value{}
	}
	v := reflect.ValueOf(r)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.Elem()
}

// The three versions are always indexed in this order.
const (
	sideBase = iota
	sideOurs
	sideTheirs
)

// merger collects the conflicts of one Merge.
type merger struct {
	conflicts []FieldConflict
}

// maxMergeLines caps what a three-way merge compares line by line (or item
// by item): beyond it on either side of the common head and tail, a text
// merges as one scalar and a list's concurrent reordering falls back to a
// content order. A rewrite that large is no edit to merge line by line.
const maxMergeLines = 2000

var oneOrMoreType = reflect.TypeFor[OneOrMore]()

// merge merges three values of one type at path. present says which sides
// hold the value at all (a record added on both sides has no base; a nil
// struct pointer or a missing list item stands in as the zero value), which
// only changes how a conflict renders that side.
func (m *merger) merge(path string, v [3]reflect.Value, present [3]bool) reflect.Value {
	eb, eo, et := encode(v[sideBase]), encode(v[sideOurs]), encode(v[sideTheirs])
	switch {
	case eo == et || et == eb:
		return clone(v[sideOurs])
	case eo == eb:
		return clone(v[sideTheirs])
	}
	t := v[sideOurs].Type()
	switch {
	case t.Kind() == reflect.Struct:
		return m.mergeStruct(path, v, present)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		return m.mergePointer(path, v, present)
	case t == oneOrMoreType && v[0].Len() <= 1 && v[1].Len() <= 1 && v[2].Len() <= 1:
		// One Accountable each: a choice of person, not a set of them.
	case t.Kind() == reflect.Slice:
		return m.mergeList(path, v, present)
	case t.Kind() == reflect.String && hasLineBreak(v):
		if s, ok := mergeText(v[0].String(), v[1].String(), v[2].String()); ok {
			out := reflect.New(t).Elem()
			out.SetString(s)
			return out
		}
	}
	m.conflict(path, v, present)
	return clone(v[sideOurs])
}

func (m *merger) conflict(path string, v [3]reflect.Value, present [3]bool) {
	m.conflicts = append(m.conflicts, FieldConflict{
		Field:  path,
		Base:   render(v[sideBase], present[sideBase]),
		Ours:   render(v[sideOurs], present[sideOurs]),
		Theirs: render(v[sideTheirs], present[sideTheirs]),
	})
}

func hasLineBreak(v [3]reflect.Value) bool {
	for _, s := range v {
		if strings.Contains(s.String(), "\n") {
			return true
		}
	}
	return false
}

// yamlName is the name a struct field has in the files, or "" for a field
// that is not written.
func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" || !f.IsExported() {
		return ""
	}
	return name
}

func (m *merger) mergeStruct(path string, v [3]reflect.Value, present [3]bool) reflect.Value {
	t := v[sideOurs].Type()
	out := reflect.New(t).Elem()
	out.Set(v[sideOurs])
	for i := 0; i < t.NumField(); i++ {
		name := yamlName(t.Field(i))
		if name == "" {
			// Not in the files, so not merged: ours, copied.
			if out.Field(i).CanSet() {
				out.Field(i).Set(clone(v[sideOurs].Field(i)))
			}
			continue
		}
		fv := [3]reflect.Value{v[0].Field(i), v[1].Field(i), v[2].Field(i)}
		out.Field(i).Set(m.merge(join(path, name), fv, present))
	}
	return out
}

// mergePointer merges optional groups (metric, outcome): a nil side counts
// as the zero group, and a merged group that ends up empty where a side had
// none is none again.
func (m *merger) mergePointer(path string, v [3]reflect.Value, present [3]bool) reflect.Value {
	t := v[sideOurs].Type()
	var elems [3]reflect.Value
	for i, p := range v {
		if p.IsNil() {
			elems[i], present[i] = reflect.Zero(t.Elem()), false
		} else {
			elems[i] = p.Elem()
		}
	}
	merged := m.mergeStruct(path, elems, present)
	if (v[sideOurs].IsNil() || v[sideTheirs].IsNil()) && isZero(merged) {
		return reflect.Zero(t)
	}
	out := reflect.New(t.Elem())
	out.Elem().Set(merged)
	return out
}

// mergeList merges a list as a set of items: by ID for structs that have a
// unique ID on every side (options, deliverables), by value otherwise.
func (m *merger) mergeList(path string, v [3]reflect.Value, present [3]bool) reflect.Value {
	t := v[sideOurs].Type()
	keyed := t.Elem().Kind() == reflect.Struct && hasIDField(t.Elem()) &&
		uniqueIDs(v[0]) && uniqueIDs(v[1]) && uniqueIDs(v[2])
	keys, index := listKeys(v, keyed)
	zero := reflect.Zero(t.Elem())
	out := reflect.MakeSlice(t, 0, max(v[sideOurs].Len(), v[sideTheirs].Len()))
	for _, k := range mergeOrder(keys) {
		var item [3]reflect.Value
		var in [3]bool
		for s := range v {
			item[s] = zero
			if i, ok := index[s][k]; ok {
				item[s], in[s] = v[s].Index(i), true
			}
		}
		if merged, ok := m.mergeItem(path+"["+k+"]", keyed, item, in, present); ok {
			out = reflect.Append(out, merged)
		}
	}
	if out.Len() == 0 {
		return reflect.Zero(t)
	}
	return out
}

// listKeys are the keys of each side's items (their IDs, the strings
// themselves, or their encoding) and, by key, where each first stands.
func listKeys(v [3]reflect.Value, keyed bool) (keys [3][]string, index [3]map[string]int) {
	for s := range v {
		keys[s] = make([]string, v[s].Len())
		index[s] = make(map[string]int, v[s].Len())
		for i := range keys[s] {
			switch item := v[s].Index(i); {
			case keyed:
				keys[s][i] = item.FieldByName("ID").String()
			case item.Kind() == reflect.String:
				keys[s][i] = item.String()
			default:
				keys[s][i] = encode(v[s].Index(i))
			}
			if _, dup := index[s][keys[s][i]]; !dup {
				index[s][keys[s][i]] = i
			}
		}
	}
	return keys, index
}

// mergeItem merges one item of a list, which in says each side has; ok is
// false when the item is not in the result.
func (m *merger) mergeItem(path string, keyed bool, item [3]reflect.Value, in, present [3]bool) (merged reflect.Value, ok bool) {
	inB, inO, inT := in[sideBase], in[sideOurs], in[sideTheirs]
	oneSide := func() reflect.Value {
		if inO {
			return clone(item[sideOurs])
		}
		return clone(item[sideTheirs])
	}
	switch {
	case !inO && !inT:
		return reflect.Value{}, false // removed on both sides
	case !keyed:
		// A set: an item of base stays only if neither side removed it; a
		// new item is in if either side added it.
		if inB && !(inO && inT) {
			return reflect.Value{}, false
		}
		return oneSide(), true
	case inO && inT:
		// Kept on both sides, or added on both (the item's fields then
		// merge against nothing).
		return m.merge(path, item, [3]bool{inB && present[sideBase], true, true}), true
	case !inB:
		return oneSide(), true // added on one side
	}
	// Removed on one side: gone, unless the other side changed it.
	kept := item[sideOurs]
	if inT {
		kept = item[sideTheirs]
	}
	if encode(kept) == encode(item[sideBase]) {
		return reflect.Value{}, false
	}
	m.conflict(path, item, [3]bool{present[sideBase], inO, inT})
	if inO {
		return clone(item[sideOurs]), true
	}
	return reflect.Value{}, false
}

// hasIDField reports whether list items of type t are keyed by an ID.
func hasIDField(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	f, ok := t.FieldByName("ID")
	return ok && f.Type.Kind() == reflect.String && len(f.Index) == 1
}

// uniqueIDs reports whether every item of a keyed list has an ID of its own.
// A list that breaks this (an invalid record) merges by value instead, which
// still loses nothing.
func uniqueIDs(list reflect.Value) bool {
	seen := make(map[string]bool, list.Len())
	for i := 0; i < list.Len(); i++ {
		id := list.Index(i).FieldByName("ID").String()
		if id == "" || seen[id] {
			return false
		}
		seen[id] = true
	}
	return true
}

// mergeOrder is the order of a merged list's items, as keys: both sides'
// edits to the sequence combined like lines of text, except that where both
// sides inserted or rearranged at the same place, the two runs are put one
// after the other, the smaller first, so that the result does not depend on
// which side is ours. Every key of ours and theirs appears once; which of them
// stay in the list is the caller's business.
func mergeOrder(keys [3][]string) []string {
	var order []string
	chunks, ok := diff3(keys[sideBase], keys[sideOurs], keys[sideTheirs])
	if !ok {
		order = concatSorted(keys[sideOurs], keys[sideTheirs])
	}
	for _, c := range chunks {
		b, o, t := c.parts(keys)
		switch {
		case c.stable || slices.Equal(o, b):
			order = append(order, t...)
		case slices.Equal(t, b) || slices.Equal(o, t):
			order = append(order, o...)
		default:
			order = append(order, concatSorted(o, t)...)
		}
	}
	seen := make(map[string]bool, len(order))
	out := order[:0:0]
	for _, k := range order {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	// Keys the sequence merge left out: an item one side changed and the
	// other removed (a conflict) goes after the item before it on its side;
	// a repeated item of a set that both sides still have goes at the end,
	// in content order, so that clean merges stay symmetric.
	inTheirs := make(map[string]bool, len(keys[sideTheirs]))
	for _, k := range keys[sideTheirs] {
		inTheirs[k] = true
	}
	var both []string
	for s, side := range keys[sideOurs:] {
		for i, k := range side {
			if seen[k] {
				continue
			}
			seen[k] = true
			if s == 0 && inTheirs[k] {
				both = append(both, k)
				continue
			}
			at := 0
			for j := i - 1; j >= 0; j-- {
				if p := slices.Index(out, side[j]); p >= 0 {
					at = p + 1
					break
				}
			}
			out = slices.Insert(out, at, k)
		}
	}
	slices.Sort(both)
	return append(out, both...)
}

// concatSorted is x then y, or y then x if y sorts first.
func concatSorted(x, y []string) []string {
	if slices.Compare(y, x) < 0 {
		x, y = y, x
	}
	return append(slices.Clip(x), y...)
}

// encode writes a value so that two values encode alike exactly when they
// are the same for a merge: NaN equals NaN, a nil list equals an empty one,
// a nil pointer differs from a pointer to zero.
func encode(v reflect.Value) string {
	var b strings.Builder
	encodeTo(&b, v)
	return b.String()
}

func encodeTo(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteByte('~')
			return
		}
		b.WriteByte('&')
		encodeTo(b, v.Elem())
	case reflect.Struct:
		b.WriteByte('{')
		for i := 0; i < v.NumField(); i++ {
			encodeTo(b, v.Field(i))
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case reflect.Slice, reflect.Array:
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			encodeTo(b, v.Index(i))
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case reflect.Map:
		entries := make([]string, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			entries = append(entries, encode(it.Key())+":"+encode(it.Value()))
		}
		slices.Sort(entries)
		b.WriteString("map[" + strings.Join(entries, ",") + "]")
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Float32, reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	default:
		fmt.Fprintf(b, "%v", v)
	}
}

// isZero is reflect's IsZero as the merge sees values: -0 is a value of its
// own, an empty list is no list.
func isZero(v reflect.Value) bool {
	return encode(v) == encode(reflect.Zero(v.Type()))
}

// clone deep-copies a value, so that the merged record shares no list or
// pointer with the inputs.
func clone(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(clone(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			s.Index(i).Set(clone(v.Index(i)))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			c.SetMapIndex(it.Key(), clone(it.Value()))
		}
		return c
	case reflect.Struct:
		s := reflect.New(v.Type()).Elem()
		s.Set(v)
		for i := 0; i < v.NumField(); i++ {
			if s.Field(i).CanSet() {
				s.Field(i).Set(clone(v.Field(i)))
			}
		}
		return s
	}
	return v
}

// render shows a value the way Flatten does: scalars as text, lists of
// scalars as "[a, b]", a struct as its flattened fields one per line, and ""
// for a side that does not have the value.
func render(v reflect.Value, present bool) string {
	if !present {
		return ""
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return ""
		}
		return render(v.Elem(), true)
	case reflect.Struct:
		var fs []FieldValue
		flatten(v, "", &fs)
		lines := make([]string, len(fs))
		for i, f := range fs {
			lines[i] = f.Field + ": " + f.Value
		}
		return strings.Join(lines, "\n")
	case reflect.Slice:
		var fs []FieldValue
		flattenValue(v, "", &fs)
		if v.Type().Elem().Kind() != reflect.Struct {
			if len(fs) == 0 {
				return ""
			}
			return fs[0].Value
		}
		lines := make([]string, len(fs))
		for i, f := range fs {
			lines[i] = f.Field + ": " + f.Value
		}
		return strings.Join(lines, "\n")
	}
	return scalarString(v)
}
