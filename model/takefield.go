package model

// Taking one side's value of a field that conflicted: a path from a
// FieldConflict (title, outcome.chosen, options[cap50].good) read and
// applied by reflection.

import (
	"fmt"
	"reflect"
	"strings"
)

// TakeField sets one field of dst (a path from a FieldConflict) to its value in
// src, for resolving a conflict with the other side's value. A keyed-list item
// absent in src is removed from dst.
func TakeField(dst, src Record, field string) error {
	d, s := recordValue(dst), recordValue(src)
	if !d.IsValid() || !s.IsValid() {
		return fmt.Errorf("take %s: no record", field)
	}
	if d.Type() != s.Type() {
		return fmt.Errorf("take %s: a %s cannot take a field of a %s", field, dst.RecordKind(), src.RecordKind())
	}
	segs, err := parseFieldPath(field)
	if err != nil {
		return err
	}
	if err := takeField(d, s, segs); err != nil {
		return fmt.Errorf("take %s: %w", field, err)
	}
	return nil
}

// pathSeg is one step of a field path: a field's name and, for an item of a
// keyed list, the item's ID.
type pathSeg struct {
	name  string
	key   string
	keyed bool
}

// parseFieldPath splits a path such as options[cap50].good into its steps.
func parseFieldPath(p string) ([]pathSeg, error) {
	var segs []pathSeg
	rest := p
	for {
		end := strings.IndexAny(rest, ".[")
		seg := pathSeg{name: rest}
		if end >= 0 {
			seg.name = rest[:end]
		}
		if seg.name == "" {
			return nil, fmt.Errorf("bad field path %q", p)
		}
		if end < 0 {
			return append(segs, seg), nil
		}
		rest = rest[end:]
		if rest[0] == '[' {
			closeAt := strings.IndexByte(rest, ']')
			if closeAt < 0 {
				return nil, fmt.Errorf("bad field path %q: no ]", p)
			}
			seg.key, seg.keyed = rest[1:closeAt], true
			rest = rest[closeAt+1:]
		}
		segs = append(segs, seg)
		if rest == "" {
			return segs, nil
		}
		if rest[0] != '.' || len(rest) == 1 {
			return nil, fmt.Errorf("bad field path %q", p)
		}
		rest = rest[1:]
	}
}

// takeField sets the field segs names inside the struct dst to its value in
// the struct src (a zero struct where src has none).
func takeField(dst, src reflect.Value, segs []pathSeg) error {
	seg := segs[0]
	i := fieldByYAMLName(dst.Type(), seg.name)
	if i < 0 {
		return fmt.Errorf("no field %q", seg.name)
	}
	df, sf := dst.Field(i), src.Field(i)
	if seg.keyed {
		if df.Kind() != reflect.Slice || df.Type().Elem().Kind() != reflect.Struct || !hasIDField(df.Type().Elem()) {
			return fmt.Errorf("%s is not a list of items with IDs", seg.name)
		}
		return takeItem(df, sf, seg.key, segs[1:])
	}
	if len(segs) == 1 {
		df.Set(clone(sf))
		return nil
	}
	switch {
	case df.Kind() == reflect.Struct:
		return takeField(df, sf, segs[1:])
	case df.Kind() == reflect.Pointer && df.Type().Elem().Kind() == reflect.Struct:
		// A fresh copy: dst may share the group with another record.
		if df.IsNil() {
			df.Set(reflect.New(df.Type().Elem()))
		} else {
			df.Set(clone(df))
		}
		inner := sf
		if sf.IsNil() {
			inner = reflect.New(sf.Type().Elem())
		}
		if err := takeField(df.Elem(), inner.Elem(), segs[1:]); err != nil {
			return err
		}
		if sf.IsNil() && isZero(df.Elem()) {
			df.Set(reflect.Zero(df.Type()))
		}
		return nil
	}
	return fmt.Errorf("%s has no fields", seg.name)
}

func fieldByYAMLName(t reflect.Type, name string) int {
	for i := 0; i < t.NumField(); i++ {
		if yamlName(t.Field(i)) == name {
			return i
		}
	}
	return -1
}

// takeItem sets the item key of the keyed list dst (or one of its fields,
// rest) to src's. An item src does not have is removed from dst; an item dst
// does not have is copied whole from src, after the item that precedes it in
// src.
func takeItem(dst, src reflect.Value, key string, rest []pathSeg) error {
	find := func(list reflect.Value, key string) int {
		for i := 0; i < list.Len(); i++ {
			if list.Index(i).FieldByName("ID").String() == key {
				return i
			}
		}
		return -1
	}
	di, si := find(dst, key), find(src, key)
	switch {
	case si < 0:
		if di >= 0 {
			out := reflect.MakeSlice(dst.Type(), 0, dst.Len()-1)
			out = reflect.AppendSlice(out, dst.Slice(0, di))
			out = reflect.AppendSlice(out, dst.Slice(di+1, dst.Len()))
			if out.Len() == 0 {
				out = reflect.Zero(dst.Type())
			}
			dst.Set(out)
		}
		return nil
	case di < 0:
		at := 0
		for j := si - 1; j >= 0; j-- {
			if p := find(dst, src.Index(j).FieldByName("ID").String()); p >= 0 {
				at = p + 1
				break
			}
		}
		out := reflect.MakeSlice(dst.Type(), 0, dst.Len()+1)
		out = reflect.AppendSlice(out, dst.Slice(0, at))
		out = reflect.Append(out, clone(src.Index(si)))
		out = reflect.AppendSlice(out, dst.Slice(at, dst.Len()))
		dst.Set(out)
		return nil
	case len(rest) == 0:
		out := clone(dst)
		out.Index(di).Set(clone(src.Index(si)))
		dst.Set(out)
		return nil
	}
	dst.Set(clone(dst)) // dst may share the list with another record
	return takeField(dst.Index(di), src.Index(si), rest)
}

// TakeConfigField is TakeField for accord.yaml: it sets one field of dst
// (a path from a FieldConflict of MergeConfig) to its value in src.
func TakeConfigField(dst *Config, src Config, field string) error {
	segs, err := parseFieldPath(field)
	if err != nil {
		return err
	}
	if err := takeField(reflect.ValueOf(dst).Elem(), reflect.ValueOf(&src).Elem(), segs); err != nil {
		return fmt.Errorf("take %s: %w", field, err)
	}
	return nil
}
