package gitstore

import (
	"fmt"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"go.yaml.in/yaml/v4"
)

// Assignment is one field=value from the command line. Field is a dotted
// path (metric.target); Op is "=" to set, "+=" to add to a list, "-=" to
// remove from one. An empty value with "=" clears the field.
type Assignment struct {
	Field string
	Op    string
	Value string
}

// ParseAssignment reads "field=value", "field+=value" or "field-=value".
func ParseAssignment(s string) (Assignment, error) {
	i := strings.IndexByte(s, '=')
	if i <= 0 {
		return Assignment{}, fmt.Errorf("%q: want field=value (or field+=value, field-=value for lists)", s)
	}
	a := Assignment{Field: strings.TrimSpace(s[:i]), Op: "=", Value: strings.TrimSpace(s[i+1:])}
	if strings.HasSuffix(a.Field, "+") || strings.HasSuffix(a.Field, "-") {
		a.Op = a.Field[len(a.Field)-1:] + "="
		a.Field = strings.TrimSpace(a.Field[:len(a.Field)-1])
	}
	if a.Field == "" {
		return Assignment{}, fmt.Errorf("%q: no field name before =", s)
	}
	return a, nil
}

// Assign applies assignments to a record in memory. Values are read as
// YAML, so numbers, lists ([raj, mei]) and mappings ({unit: days, …}) work;
// a value that does not fit its field as YAML is taken as plain text. The
// result is decoded with unknown fields rejected, so a misspelt field is an
// error that names it.
func Assign(rec model.Record, assigns []Assignment) error {
	var doc yaml.Node
	if err := doc.Dump(rec, dumpOptions()...); err != nil {
		return err
	}
	fresh := model.NewRecord(rec.RecordKind())
	for _, a := range assigns {
		if err := assignOne(rec, &doc, a); err != nil {
			return err
		}
		// Decoded after each assignment, so a value of the wrong type is
		// blamed on the field it was given for.
		fresh = model.NewRecord(rec.RecordKind())
		if err := doc.Load(fresh, yaml.WithKnownFields()); err != nil {
			return fmt.Errorf("%s%s%s: %s", a.Field, a.Op, a.Value, wantOf(yamlError("", nil, err).Msg))
		}
	}
	model.CopyRecord(rec, fresh)
	return nil
}

// wantOf turns the YAML library's type error into what the field wants:
// "cannot read text `lots` into a number" → "want a number".
func wantOf(msg string) string {
	_, into, ok := strings.Cut(msg, " into ")
	switch into = strings.TrimSpace(into); {
	case !ok:
		return msg
	case strings.HasPrefix(into, "a list"):
		return "want a list, such as [a, b]"
	}
	return "want " + into
}

func assignOne(rec model.Record, doc *yaml.Node, a Assignment) error {
	path := strings.Split(a.Field, ".")
	m := doc
	for _, key := range path[:len(path)-1] {
		v := mapGet(m, key)
		if v == nil {
			v = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			mapSet(m, key, v)
		}
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("%s: %s is not a group of fields", a.Field, key)
		}
		m = v
	}
	last := path[len(path)-1]
	if !knownField(rec, path) {
		return fmt.Errorf("unknown field %q for a %s%s", a.Field, rec.RecordKind(), model.DidYouMean(a.Field, model.FieldNames(rec)))
	}
	switch a.Op {
	case "=":
		if a.Value == "" {
			mapDelete(m, last)
			return nil
		}
		mapSet(m, last, valueNode(a.Value))
	case "+=", "-=":
		list := mapGet(m, last)
		if list == nil {
			list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		}
		if list.Kind == yaml.ScalarNode { // a one-item list written as a scalar
			list = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{list}}
		}
		if list.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s is not a list; use %s=value", a.Field, a.Field)
		}
		i := slices.IndexFunc(list.Content, func(n *yaml.Node) bool { return n.Value == a.Value })
		if a.Op == "+=" && i < 0 {
			list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: a.Value})
		}
		if a.Op == "-=" {
			if i < 0 {
				return fmt.Errorf("%s does not contain %q", a.Field, a.Value)
			}
			list.Content = slices.Delete(list.Content, i, i+1)
		}
		mapSet(m, last, list)
	}
	return nil
}

// valueNode reads a command-line value as YAML when it is a flow list or
// mapping or a plain scalar, and as text otherwise.
func valueNode(v string) *yaml.Node {
	if strings.Contains(v, "\n") && !strings.ContainsAny(v[:1], "|>[{") {
		// Several lines of plain text are kept as typed: YAML would fold
		// them into one. A block scalar (| or >) or a flow list or mapping
		// is read as YAML.
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	}
	var doc yaml.Node
	if err := yaml.Load([]byte(v), &doc); err == nil && len(doc.Content) == 1 {
		n := doc.Content[0]
		if n.Kind == yaml.ScalarNode {
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: n.Tag, Value: n.Value}
		}
		if (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && (v[0] == '[' || v[0] == '{') {
			return n
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// knownField reports whether a dotted path names a field of the record's
// type (so "titel=…" fails with a clear message instead of silently).
func knownField(rec model.Record, path []string) bool {
	fields := model.FieldNames(rec)
	return slices.Contains(fields, strings.Join(path, "."))
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

func mapSet(m *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content[i+1] = v
			return
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

func mapDelete(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
	}
}
