package model

// FuzzMerge: records made and edited at random, merged, and checked
// against the merge's guarantees (mgCheckMerge).

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// fuzzSource turns fuzz bytes into choices; past the end every choice is 0.
type fuzzSource struct {
	data []byte
	pos  int
}

func (s *fuzzSource) intn(n int) int {
	if s.pos >= len(s.data) {
		return 0
	}
	c := s.data[s.pos]
	s.pos++
	return int(c) % n
}

var (
	fzWords  = []string{"", "ana", "mei", "raj", "platform", "security", "a", "b"}
	fzLines  = []string{"Customers upload big files.\n", "The wizard times out.\n", "Revisit in Q1.\n", "\n", "Parse as a stream.\n", "no final break"}
	fzKeys   = []string{"cap50", "direct", "proxy", "later", "k5", "k6"}
	fzFloats = []float64{0, 1, 2.5, 5, 14, math.NaN(), math.Copysign(0, -1)}
	fzInts   = []int64{0, 1, 3, 6}
)

func (s *fuzzSource) text() string {
	var b strings.Builder
	for n := 1 + s.intn(5); n > 0; n-- {
		b.WriteString(fzLines[s.intn(len(fzLines))])
	}
	return b.String()
}

// gen fills v (settable) with a value made from the fuzz bytes.
func (s *fuzzSource) gen(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s.intn(4) == 0 {
			v.SetString(s.text())
		} else {
			v.SetString(fzWords[s.intn(len(fzWords))])
		}
	case reflect.Float64:
		v.SetFloat(fzFloats[s.intn(len(fzFloats))])
	case reflect.Int:
		v.SetInt(fzInts[s.intn(len(fzInts))])
	case reflect.Bool:
		v.SetBool(s.intn(2) == 0)
	case reflect.Pointer:
		if s.intn(3) == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		p := reflect.New(v.Type().Elem())
		s.gen(p.Elem())
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if yamlName(v.Type().Field(i)) != "" {
				s.gen(v.Field(i))
			}
		}
	case reflect.Slice:
		n := s.intn(4)
		list := reflect.MakeSlice(v.Type(), n, n)
		for i := 0; i < n; i++ {
			s.gen(list.Index(i))
			if hasIDField(v.Type().Elem()) {
				list.Index(i).FieldByName("ID").SetString(fzKeys[i])
			}
		}
		v.Set(list)
	}
}

// mutate changes one part of v (settable, and owned: not shared with any
// other value). It has one case per kind of value; gocyclo counts each.
func (s *fuzzSource) mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		lines := splitLines(v.String())
		switch op := s.intn(5); {
		case op == 0 || len(lines) < 2 && op > 2:
			v.SetString(fzWords[s.intn(len(fzWords))])
		case op == 1:
			v.SetString(s.text())
		case op == 2: // insert a line
			at := s.intn(len(lines) + 1)
			v.SetString(strings.Join(slices.Insert(lines, at, fzLines[s.intn(len(fzLines)-1)]), ""))
		case op == 3: // delete a line
			at := s.intn(len(lines))
			v.SetString(strings.Join(slices.Delete(lines, at, at+1), ""))
		default: // replace a line
			lines[s.intn(len(lines))] = fzLines[s.intn(len(fzLines))]
			v.SetString(strings.Join(lines, ""))
		}
	case reflect.Float64, reflect.Int, reflect.Bool:
		s.gen(v)
	case reflect.Pointer:
		if v.IsNil() || s.intn(4) == 0 {
			s.gen(v)
			return
		}
		s.mutate(v.Elem())
	case reflect.Struct:
		var fields []int
		for i := 0; i < v.NumField(); i++ {
			if yamlName(v.Type().Field(i)) != "" {
				fields = append(fields, i)
			}
		}
		s.mutate(v.Field(fields[s.intn(len(fields))]))
	case reflect.Slice:
		keyed := hasIDField(v.Type().Elem())
		n := v.Len()
		switch op := s.intn(5); {
		case op == 0 || n == 0: // add an item
			item := reflect.New(v.Type().Elem()).Elem()
			s.gen(item)
			if keyed {
				free := s.freeKey(v)
				if free == "" {
					return
				}
				item.FieldByName("ID").SetString(free)
			}
			at := s.intn(n + 1)
			out := reflect.MakeSlice(v.Type(), 0, n+1)
			out = reflect.AppendSlice(out, v.Slice(0, at))
			out = reflect.Append(out, item)
			v.Set(reflect.AppendSlice(out, v.Slice(at, n)))
		case op == 1: // remove an item
			at := s.intn(n)
			out := reflect.MakeSlice(v.Type(), 0, n-1)
			out = reflect.AppendSlice(out, v.Slice(0, at))
			v.Set(reflect.AppendSlice(out, v.Slice(at+1, n)))
		case op == 2: // swap two items
			i, j := s.intn(n), s.intn(n)
			a, b := clone(v.Index(i)), clone(v.Index(j))
			v.Index(i).Set(b)
			v.Index(j).Set(a)
		case op == 3 && keyed: // rename an item
			if free := s.freeKey(v); free != "" {
				v.Index(s.intn(n)).FieldByName("ID").SetString(free)
			}
		default: // change an item
			item := v.Index(s.intn(n))
			if keyed {
				id := item.FieldByName("ID").String()
				s.mutate(item)
				item.FieldByName("ID").SetString(id)
			} else {
				s.mutate(item)
			}
		}
	}
}

// freeKey is an ID no item of the keyed list v has, or "".
func (s *fuzzSource) freeKey(v reflect.Value) string {
	start := s.intn(len(fzKeys))
	for i := range fzKeys {
		k := fzKeys[(start+i)%len(fzKeys)]
		used := false
		for j := 0; j < v.Len(); j++ {
			used = used || v.Index(j).FieldByName("ID").String() == k
		}
		if !used {
			return k
		}
	}
	return ""
}

// fuzzTemplates are realistic starting points for FuzzMerge, one of every
// kind of record and accord.yaml, so that the fuzz bytes go on edits.
func fuzzTemplates() []any {
	return []any{
		mgGoal(),
		&Update{ID: "UPD-Q8W2ZD4N", Target: "GOAL-7K3FQ2M1", Author: "raj", Date: "2026-11-14", Health: HealthAtRisk,
			Value: ptr(9.0), Confidence: ptr(0.6), Summary: "Import wizard slipped a sprint.\nThe value has been flat.\n",
			Problems: []string{"Blocked on DEC-2HV9PLQ4"}, Plans: []string{"Ship the wizard"},
			Asks: []Ask{{From: "platform", What: "decide the upload limit"}}, Wins: []string{"Fewer tickets"}},
		mgDecision(),
		mgRACI("ana"),
		mgHandoff(),
		&Person{ID: "raj", Name: "Raj Patel", Emails: []string{"raj@example.com"}, Teams: []string{"onboarding"}, Role: "PM", Manager: "mei"},
		&Team{ID: "onboarding", Name: "Onboarding", Lead: "raj", Parent: "product", Mission: "Customers see value in a week."},
		&Config{Org: "Northwind", Schema: 1, Periods: []string{"2026-Q3", "2026-Q4"}, CurrentPeriod: "2026-Q4",
			Limits: Limits{MaxAccountable: 6}, Enums: Enums{Units: []string{"days", "percent"}},
			Views: []View{{Name: "at risk", Kind: "goal", Filter: Filter{Health: HealthAtRisk}}}},
	}
}

// fuzzMerge merges pointers to records or to a Config.
func fuzzMerge(base, ours, theirs any) (any, []FieldConflict) {
	if o, ok := ours.(*Config); ok {
		var b Config
		if base != nil {
			b = *base.(*Config)
		}
		m, cs := MergeConfig(b, *o, *theirs.(*Config))
		return &m, cs
	}
	var b Record
	if base != nil {
		b = base.(Record)
	}
	return Merge(b, ours.(Record), theirs.(Record))
}

// FuzzMerge derives a record (or accord.yaml) and two edited versions of it
// from the fuzz bytes and checks the merge's promises: one side unchanged
// gives the other; the same change on both sides is that change; a clean
// merge does not depend on which side is ours, and a conflicting one reports
// the same fields; every change either side made is in the result or in the
// conflicts, each conflict showing the three versions' values; resolving a
// conflict with TakeField gives that side's value; inputs are never changed.
func FuzzMerge(f *testing.F) {
	f.Add([]byte{}) // the templates, one edit on each side; more seeds in testdata/fuzz/FuzzMerge
	f.Fuzz(func(t *testing.T, data []byte) {
		base, ours, theirs := fuzzInputs(data)
		mgCheckMerge(t, base, ours, theirs)
	})
}

// fuzzInputs picks a record (or accord.yaml) from the first byte and edits
// it as the following bytes say into a base, which may also be absent
// (add/add), and then into ours and theirs.
func fuzzInputs(data []byte) (base, ours, theirs any) {
	s := &fuzzSource{data: data}
	templates := fuzzTemplates()
	common := reflect.ValueOf(templates[s.intn(len(templates))])
	_, isConfig := common.Interface().(*Config)
	noBase := s.intn(4) == 0
	edited := func(n int) reflect.Value {
		v := clone(common)
		for ; n > 0; n-- {
			s.mutate(v.Elem())
		}
		return v
	}
	common = edited(s.intn(3))
	switch {
	case !noBase:
		base = clone(common).Interface()
	case isConfig:
		base = &Config{} // MergeConfig has no "absent": a new accord.yaml merges against an empty one
	}
	return base, edited(1 + s.intn(3)).Interface(), edited(1 + s.intn(3)).Interface()
}

// mgCheckMerge checks the merge's guarantees on one input, one if each;
// gocyclo counts them.
func mgCheckMerge(t *testing.T, base, ours, theirs any) {
	before := mgEncodeAll(base, ours, theirs)
	merged, conflicts := fuzzMerge(base, ours, theirs)
	if after := mgEncodeAll(base, ours, theirs); after != before {
		t.Fatalf("Merge changed its inputs")
	}

	// Identities.
	same := func(what string, got any, cs []FieldConflict, want any) {
		t.Helper()
		if len(cs) > 0 || mgEncode(got) != mgEncode(want) {
			t.Fatalf("%s: got %s with conflicts %q, want %s", what, mgEncode(got), cs, mgEncode(want))
		}
	}
	for _, x := range []any{ours, theirs} {
		if base != nil {
			m, cs := fuzzMerge(base, x, base)
			same("merge(b, x, b)", m, cs, x)
			m, cs = fuzzMerge(base, base, x)
			same("merge(b, b, x)", m, cs, x)
		}
		m, cs := fuzzMerge(base, x, x)
		same("merge(b, x, x)", m, cs, x)
	}

	// Symmetry.
	merged2, conflicts2 := fuzzMerge(base, theirs, ours)
	if !slices.Equal(conflicts2, mgSwapped(conflicts)) {
		t.Fatalf("conflicts depend on the side:\n%q\n%q", conflicts, conflicts2)
	}
	if len(conflicts) == 0 && mgEncode(merged) != mgEncode(merged2) {
		t.Fatalf("a clean merge depends on the side:\n%s\n%s", mgEncode(merged), mgEncode(merged2))
	}

	// Every change is kept or reported.
	b, o, th, m := mgNormalize(mgOrZero(base, ours)), mgNormalize(reflect.ValueOf(ours)), mgNormalize(reflect.ValueOf(theirs)), mgNormalize(reflect.ValueOf(merged))
	for _, x := range []reflect.Value{o, th} {
		for _, ch := range mgDiff(mgFlatten(b), mgFlatten(x)) {
			covered := false
			for _, c := range conflicts {
				covered = covered || mgCovers(c.Field, ch.Field)
			}
			if covered {
				continue
			}
			if why := mgKept([4]reflect.Value{b, o, th, m}, x, ch.Field); why != "" {
				t.Fatalf("change to %s (%q → %q) lost: %s\nbase   %s\nours   %s\ntheirs %s\nmerged %s",
					ch.Field, ch.From, ch.To, why, mgEncode(base), mgEncode(ours), mgEncode(theirs), mgEncode(merged))
			}
		}
	}

	// Conflicts show the three values; the result holds ours.
	present := [3]bool{base != nil, true, true}
	for _, c := range conflicts {
		segs, err := parseFieldPath(c.Field)
		if err != nil {
			t.Fatalf("conflict on %q: %v", c.Field, err)
		}
		vals := [4]any{base, ours, theirs, merged}
		var got [4]string
		for i, v := range vals {
			got[i] = mgRenderAt(v, segs, i == 0 && !present[0])
		}
		if got[0] != c.Base || got[1] != c.Ours || got[2] != c.Theirs {
			t.Fatalf("conflict %q, want base %q ours %q theirs %q", c, got[0], got[1], got[2])
		}
		if mgRenderAt(mgNormalize(reflect.ValueOf(merged)).Interface(), segs, false) != mgRenderAt(mgNormalize(reflect.ValueOf(ours)).Interface(), segs, false) {
			t.Fatalf("conflict on %s: the merged record does not hold ours (%q)", c.Field, got[3])
		}
	}

	// Resolving each conflict either way.
	if mr, ok := merged.(Record); ok {
		for _, c := range conflicts {
			mgCheckTake(t, mr, ours.(Record), theirs.(Record), c)
		}
	}

	mgScribble(reflect.ValueOf(merged))
	if after := mgEncodeAll(base, ours, theirs); after != before {
		t.Fatalf("the merged record shares memory with the inputs")
	}
}

func mgOrZero(base, like any) reflect.Value {
	if base == nil {
		return reflect.New(reflect.TypeOf(like).Elem())
	}
	return reflect.ValueOf(base)
}

// mgValueAt finds the value at a field path inside the struct v points to;
// ok is false when a keyed item or group on the way is missing.
func mgValueAt(v reflect.Value, segs []pathSeg) (reflect.Value, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return reflect.Value{}, false
		}
		v = v.Elem()
	}
	for _, seg := range segs {
		i := fieldByYAMLName(v.Type(), seg.name)
		if i < 0 {
			return reflect.Value{}, false
		}
		v = v.Field(i)
		if seg.keyed {
			found := false
			for j := 0; !found && j < v.Len(); j++ {
				if v.Index(j).FieldByName("ID").String() == seg.key {
					v, found = v.Index(j), true
				}
			}
			if !found {
				return reflect.Value{}, false
			}
		}
		if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
	}
	return v, true
}

func mgRenderAt(x any, segs []pathSeg, absent bool) string {
	if x == nil || absent {
		return ""
	}
	v, ok := mgValueAt(reflect.ValueOf(x), segs)
	return render(v, ok)
}

// mgKept says why the change side x made to field did not reach the merged
// record, or "" if it did. vs holds base, ours, theirs and merged.
//
// Its branches are the ways a side's change may rightly not arrive (a
// conflict, the other side's removal, a set's rules), which the fuzz
// target must tell apart; gocyclo counts each, and they read best as one
// list.
func mgKept(vs [4]reflect.Value, x reflect.Value, field string) string {
	segs, err := parseFieldPath(field)
	if err != nil {
		return err.Error()
	}
	// A list of structs without IDs is one set: check it whole.
	t := vs[0].Type().Elem()
	for i, seg := range segs {
		f, _ := t.FieldByName(mgGoName(t, seg.name))
		ft := f.Type
		if ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && !hasIDField(ft.Elem()) {
			segs = append(segs[:i:i], pathSeg{name: seg.name})
			break
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			ft = ft.Elem()
		}
		t = ft
	}
	var at [4]reflect.Value
	var ok [4]bool
	for i, v := range vs {
		at[i], ok[i] = mgValueAt(v, segs)
	}
	xv, xok := mgValueAt(x, segs)
	if !ok[3] && !xok {
		return ""
	}
	if ok[3] && xok && encode(at[3]) == encode(xv) {
		return ""
	}
	if !xok || !ok[3] {
		return fmt.Sprintf("present on one side only (merged %v, side %v)", ok[3], xok)
	}
	items := func(v reflect.Value, ok bool) map[string]bool {
		set := map[string]bool{}
		for i := 0; ok && i < v.Len(); i++ {
			set[encode(v.Index(i))] = true
		}
		return set
	}
	switch {
	case xv.Kind() == reflect.Slice && !(xv.Type() == oneOrMoreType && at[0].Len() <= 1 && at[1].Len() <= 1 && at[2].Len() <= 1):
		b, o, th, m, xs := items(at[0], ok[0]), items(at[1], ok[1]), items(at[2], ok[2]), items(at[3], ok[3]), items(xv, true)
		for k := range xs {
			if !b[k] && !m[k] {
				return "added item " + k + " missing"
			}
		}
		for k := range b {
			if !xs[k] && m[k] {
				return "removed item " + k + " still there"
			}
		}
		for k := range m {
			if !o[k] && !th[k] {
				return "item " + k + " from nowhere"
			}
		}
		return ""
	case xv.Kind() == reflect.String && (strings.Contains(at[0].String(), "\n") || strings.Contains(at[1].String(), "\n") || strings.Contains(at[2].String(), "\n")):
		lines := func(s string) map[string]bool {
			set := map[string]bool{}
			for _, l := range splitLines(s) {
				set[l] = true
			}
			return set
		}
		b, o, th, m, xs := lines(at[0].String()), lines(at[1].String()), lines(at[2].String()), lines(at[3].String()), lines(xv.String())
		for l := range xs {
			if !b[l] && !m[l] {
				return fmt.Sprintf("added line %q missing", l)
			}
		}
		for l := range m {
			if !o[l] && !th[l] {
				return fmt.Sprintf("line %q from nowhere", l)
			}
		}
		for l := range b {
			if !o[l] && !th[l] && m[l] {
				return fmt.Sprintf("removed line %q still there", l)
			}
		}
		return ""
	}
	return fmt.Sprintf("merged has %s, side %s", encode(at[3]), encode(xv))
}

// mgGoName is the Go name of the field of struct t written as name.
func mgGoName(t reflect.Type, name string) string {
	if i := fieldByYAMLName(t, name); i >= 0 {
		return t.Field(i).Name
	}
	return ""
}
