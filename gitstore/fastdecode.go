package gitstore

import (
	"encoding"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v4"
)

// fastDecode sets out, a pointer to a record (or any struct), from a
// mapping node the way Node.Load(out, yaml.WithKnownFields()) does, for the
// values where the outcome is plain: text into strings, decimal numbers
// into ints and floats, true/false, lists, nested mappings, and types with
// their own UnmarshalYAML. It reports false as soon as anything would need
// one of yaml.Load's finer rules or end in an error (an unknown field, a
// number into text, a null in a list, ...); out may then be half set, and
// the caller decodes into a fresh value with Node.Load, which says what is
// wrong. FuzzFastLoad checks that both give the same record.
func fastDecode(n *yaml.Node, out any) bool {
	v := reflect.ValueOf(out)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return false
	}
	return decodeValue(n, v.Elem(), planOf(v.Elem().Type()))
}

// decodePlan is what fastDecode knows about a Go type.
type decodePlan struct {
	kind   reflect.Kind
	custom bool // *T has UnmarshalYAML(*yaml.Node)
	bad    bool // fastDecode does not mirror yaml.Load for this type
	elem   *decodePlan
	fields map[string]decodeField
}

type decodeField struct {
	index int
	plan  *decodePlan
}

type nodeUnmarshaler interface {
	UnmarshalYAML(*yaml.Node) error
}

var (
	nodeUnmarshalerType = reflect.TypeFor[nodeUnmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()

	decodePlans  sync.Map   // reflect.Type → *decodePlan, complete ones only
	decodePlanMu sync.Mutex // one goroutine makes plans at a time
)

func planOf(t reflect.Type) *decodePlan {
	if p, ok := decodePlans.Load(t); ok {
		return p.(*decodePlan)
	}
	decodePlanMu.Lock()
	defer decodePlanMu.Unlock()
	made := map[reflect.Type]*decodePlan{}
	p := makePlan(t, made)
	for t, p := range made {
		decodePlans.Store(t, p)
	}
	return p
}

// makePlan makes t's plan and those of the types in it; made holds the
// plans begun, so a type that refers to itself finds its own.
func makePlan(t reflect.Type, made map[reflect.Type]*decodePlan) *decodePlan {
	if p, ok := decodePlans.Load(t); ok {
		return p.(*decodePlan)
	}
	if p, ok := made[t]; ok {
		return p
	}
	p := &decodePlan{kind: t.Kind()}
	made[t] = p
	pt := reflect.PointerTo(t)
	if _, ok := pt.MethodByName("UnmarshalYAML"); ok {
		// yaml.Load calls UnmarshalYAML(*yaml.Node); every other form
		// (the legacy function form, yaml.v3's Node) is left to it.
		p.custom = pt.Implements(nodeUnmarshalerType)
		p.bad = !p.custom
		return p
	}
	if pt.Implements(textUnmarshalerType) {
		p.bad = true
		return p
	}
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int64, reflect.Float64, reflect.Bool:
	case reflect.Pointer:
		p.elem = makePlan(t.Elem(), made)
	case reflect.Slice:
		p.elem = makePlan(t.Elem(), made)
		p.bad = t.Elem().Kind() == reflect.Uint8
	case reflect.Struct:
		p.fields = map[string]decodeField{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous {
				p.bad = true
				continue
			}
			if f.PkgPath != "" {
				continue
			}
			// The field's key, as the library's getStructInfo finds it.
			tag := f.Tag.Get("yaml")
			if tag == "" && !strings.Contains(string(f.Tag), ":") {
				tag = string(f.Tag)
			}
			if tag == "-" {
				continue
			}
			name, flags, _ := strings.Cut(tag, ",")
			for _, flag := range strings.Split(flags, ",") {
				if flag != "" && flag != "omitempty" && flag != "flow" {
					p.bad = true // inline, or a flag the library refuses
				}
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			if _, dup := p.fields[name]; dup {
				p.bad = true
			}
			p.fields[name] = decodeField{index: i, plan: makePlan(f.Type, made)}
		}
	default:
		p.bad = true
	}
	return p
}

// decodeValue sets out from n, or reports false when it is not sure.
func decodeValue(n *yaml.Node, out reflect.Value, p *decodePlan) bool {
	if p.bad {
		return false
	}
	if n.Tag == "!!null" {
		// yaml.Load sets what can be nil to nil and leaves the rest.
		switch p.kind {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			out.SetZero()
		}
		return true
	}
	if p.custom {
		return out.Addr().Interface().(nodeUnmarshaler).UnmarshalYAML(n) == nil
	}
	switch p.kind {
	case reflect.Pointer:
		if out.IsNil() {
			out.Set(reflect.New(out.Type().Elem()))
		}
		return decodeValue(n, out.Elem(), p.elem)
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return false
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
				return false
			}
			f, ok := p.fields[k.Value]
			if !ok {
				return false // an unknown field: yaml.Load names it
			}
			if !decodeValue(n.Content[i+1], out.Field(f.index), f.plan) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return false
		}
		s := reflect.MakeSlice(out.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			if c.Tag == "!!null" { // yaml.Load drops it, or not, by type
				return false
			}
			if !decodeValue(c, s.Index(i), p.elem) {
				return false
			}
		}
		out.Set(s)
		return true
	}
	if n.Kind != yaml.ScalarNode {
		return false
	}
	switch p.kind {
	case reflect.String:
		if n.Tag != "!!str" {
			return false
		}
		out.SetString(n.Value)
		return true
	case reflect.Int, reflect.Int64:
		if n.Tag != "!!int" || !plainDecimal(n.Value, false) {
			return false
		}
		i, err := strconv.ParseInt(n.Value, 10, 64)
		if err != nil || out.OverflowInt(i) {
			return false
		}
		out.SetInt(i)
		return true
	case reflect.Float64:
		var f float64
		switch {
		case n.Tag == "!!int" && plainDecimal(n.Value, false):
			i, err := strconv.ParseInt(n.Value, 10, 64)
			if err != nil {
				return false
			}
			f = float64(i)
		case n.Tag == "!!float" && plainDecimal(n.Value, true):
			var err error
			if f, err = strconv.ParseFloat(n.Value, 64); err != nil {
				return false
			}
		default:
			return false
		}
		out.SetFloat(f)
		return true
	case reflect.Bool:
		if n.Tag != "!!bool" {
			return false
		}
		switch n.Value {
		case "true", "True", "TRUE":
			out.SetBool(true)
		case "false", "False", "FALSE":
			out.SetBool(false)
		default:
			return false
		}
		return true
	}
	return false
}

// plainDecimal reports whether s is -?(0|[1-9][0-9]*), followed by a
// fraction .[0-9]+ when fraction is set: numbers every parser reads alike.
func plainDecimal(s string, fraction bool) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start || (s[start] == '0' && i-start > 1) {
		return false
	}
	if !fraction {
		return i == len(s)
	}
	if i == len(s) || s[i] != '.' {
		return false
	}
	i++
	frac := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > frac && i == len(s)
}
