package gitstore

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/accordhq/accord/model"
	"go.yaml.in/yaml/v4"
)

// MaxFileSize is the largest record file Accord reads. Real records are a
// few kilobytes; anything larger is refused before it is parsed.
const MaxFileSize = 256 << 10

// maxDepth bounds how deeply a record's YAML may nest. The deepest real
// record (a hand-off's acceptance criteria) is four levels deep.
const maxDepth = 16

// dumpOptions pins the output format so files written by different versions
// of Accord (and of the YAML library) stay byte-stable: two-space indent,
// sequences indented under their key, no line wrapping, UTF-8 as is. They
// are made afresh for every dump: the library's WithLineWidth(-1) writes to
// its own captured variable each time it is applied, a data race when one
// slice of options is shared by goroutines.
func dumpOptions() []yaml.Option {
	return []yaml.Option{
		yaml.WithIndent(2),
		yaml.WithCompactSeqIndent(false),
		yaml.WithLineWidth(-1),
		yaml.WithUnicode(true),
		yaml.WithQuotePreference(yaml.QuoteDouble),
	}
}

// DecodeError is a file that could not be read as a record, with the
// position of the problem and a rule id for findings.
type DecodeError struct {
	Rule   string
	Path   string
	Line   int
	Column int
	Msg    string
}

// Error reads "goals/7K/GOAL-7K3FQ2M1.yaml:7:1: unknown field "ownr"", or,
// without a path (text being edited, whose file the reader knows),
// "line 7: unknown field "ownr"".
func (e *DecodeError) Error() string {
	switch {
	case e.Path == "" && e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	case e.Path == "":
		return e.Msg
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Finding turns the error into a validation finding for the record the
// file's name promises.
func (e *DecodeError) Finding() model.Finding {
	id := ""
	if _, fid, ok := model.KindOfPath(e.Path); ok {
		id = fid
	}
	return model.Finding{Rule: e.Rule, Severity: model.SeverityError, File: e.Path,
		Line: e.Line, Column: e.Column, ID: id, Message: e.Msg}
}

func decodeErr(rule, path string, line, col int, format string, args ...any) *DecodeError {
	return &DecodeError{Rule: rule, Path: path, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

// parseDocument parses data as exactly one YAML document and checks it is
// safe to decode: a mapping at the top, no anchors, aliases, merge keys or
// duplicate keys, no deeper than maxDepth, and no git conflict markers.
func parseDocument(path string, data []byte) (*yaml.Node, error) {
	return parseDocumentWith(path, data, new(fastParser))
}

// parseDocumentWith is parseDocument with the fast parser p tried first
// for Accord's own output, or without it when p is nil (tests compare the
// two).
func parseDocumentWith(path string, data []byte, p *fastParser) (*yaml.Node, error) {
	if len(data) > MaxFileSize {
		return nil, decodeErr("file.too-large", path, 0, 0, "file is %d bytes; records are at most %d", len(data), MaxFileSize)
	}
	if line := conflictMarkerLine(data); line > 0 {
		return nil, decodeErr("file.conflict-markers", path, line, 1,
			"git conflict markers: resolve the conflict in this file (or let accord sync merge it) and commit again")
	}
	doc, ok := (*yaml.Node)(nil), false
	if p != nil {
		doc, ok = p.load(data)
	}
	if !ok {
		doc = new(yaml.Node)
		if err := yaml.Load(data, doc); err != nil {
			return nil, yamlError(path, data, err)
		}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		return nil, decodeErr("yaml.syntax", path, 1, 1, "empty file: want a YAML mapping")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, decodeErr("yaml.syntax", path, root.Line, root.Column, "want a YAML mapping of fields at the top of the file")
	}
	if err := checkNode(path, root, 1); err != nil {
		return nil, err
	}
	return doc, nil
}

// checkNode rejects the YAML features Accord never writes and that only
// serve to hide or multiply content.
func checkNode(path string, n *yaml.Node, depth int) error {
	if depth > maxDepth {
		return decodeErr("yaml.too-deep", path, n.Line, n.Column, "nested more than %d levels deep", maxDepth)
	}
	if n.Kind == yaml.AliasNode {
		return decodeErr("yaml.alias", path, n.Line, n.Column, "alias *%s: anchors and aliases are not allowed in records", n.Value)
	}
	if n.Anchor != "" {
		return decodeErr("yaml.anchor", path, n.Line, n.Column, "anchor &%s: anchors and aliases are not allowed in records", n.Anchor)
	}
	if n.Kind == yaml.ScalarNode && strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		return decodeErr("yaml.tag", path, n.Line, n.Column, "custom tag %s is not allowed in records", n.Tag)
	}
	if n.Kind == yaml.MappingNode {
		// Records have a few keys to a mapping: looking back is cheaper
		// than a map, which only large mappings get.
		var seen map[string]int
		if len(n.Content) > 64 {
			seen = make(map[string]int, len(n.Content)/2)
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return decodeErr("yaml.syntax", path, k.Line, k.Column, "keys must be plain words")
			}
			if k.Tag == "!!merge" || k.Value == "<<" {
				return decodeErr("yaml.merge-key", path, k.Line, k.Column, "merge key <<: is not allowed in records")
			}
			first, dup := 0, false
			if seen != nil {
				first, dup = seen[k.Value]
				seen[k.Value] = k.Line
			} else {
				for j := 0; j < i && !dup; j += 2 {
					first, dup = n.Content[j].Line, n.Content[j].Value == k.Value
				}
			}
			if dup {
				return decodeErr("yaml.duplicate-key", path, k.Line, k.Column, "duplicate key %q (first on line %d)", k.Value, first)
			}
		}
	}
	for _, c := range n.Content {
		if err := checkNode(path, c, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// secondDocumentLine returns the line of the "---" that starts a second
// document, or 0.
func secondDocumentLine(data []byte) int {
	seenContent := false
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimRight(l, " \r")
		if t == "---" || strings.HasPrefix(t, "--- ") {
			if seenContent {
				return i + 1
			}
			continue
		}
		if t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "%") {
			seenContent = true
		}
	}
	return 0
}

// conflictMarkerLine returns the line of the first git conflict marker, or 0.
func conflictMarkerLine(data []byte) int {
	line := 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l = data[:end]
		}
		if bytes.HasPrefix(l, []byte("<<<<<<< ")) || bytes.HasPrefix(l, []byte(">>>>>>> ")) || bytes.Equal(bytes.TrimRight(l, "\r"), []byte("=======")) {
			return line
		}
		if end < 0 {
			break
		}
		data = data[end+1:]
		line++
	}
	return 0
}

// yamlError turns the YAML library's errors into a DecodeError with the
// first position it names.
func yamlError(path string, data []byte, err error) *DecodeError {
	msg, line, col := err.Error(), 0, 0
	var le *yaml.LoadError
	var les *yaml.LoadErrors
	switch {
	case errors.As(err, &le):
		msg, line, col = le.Message, le.Mark.Line, le.Mark.Column
	case errors.As(err, &les) && len(les.Errors) > 0:
		msgs := make([]string, 0, len(les.Errors))
		for _, e := range les.Errors {
			msgs = append(msgs, cleanMessage(e.Message))
		}
		first := les.Errors[0]
		return decodeErr(ruleFor(first.Message), path, first.Mark.Line, first.Mark.Column, "%s", strings.Join(msgs, "; "))
	}
	switch {
	case strings.Contains(msg, "single document") || strings.Contains(msg, "multiple documents"):
		return decodeErr("yaml.multiple-documents", path, secondDocumentLine(data), 1, "a second YAML document (---): a record file holds exactly one")
	case strings.Contains(msg, "no documents"):
		return decodeErr("yaml.syntax", path, 1, 1, "empty file: want a YAML mapping of fields")
	}
	if tabIndented(data, line) {
		return decodeErr("yaml.tab", path, line, 1, "a tab in the indentation: YAML indents with spaces only")
	}
	return decodeErr(ruleFor(msg), path, line, col, "%s", cleanMessage(msg))
}

// tabIndented reports whether the 1-based line starts with whitespace that
// holds a tab, the usual cause of YAML's most puzzling parse errors.
func tabIndented(data []byte, line int) bool {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return false
	}
	l := lines[line-1]
	indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	return strings.Contains(indent, "\t")
}

func ruleFor(msg string) string {
	switch {
	case strings.Contains(msg, "not found in type"):
		return "yaml.unknown-field"
	case strings.Contains(msg, "already defined"), strings.Contains(msg, "duplicate"):
		return "yaml.duplicate-key"
	case strings.Contains(msg, "cannot unmarshal"), strings.Contains(msg, "cannot construct"), strings.Contains(msg, "cannot load"):
		return "yaml.type"
	case strings.Contains(msg, "tab"):
		return "yaml.tab"
	case strings.Contains(msg, "document"):
		return "yaml.multiple-documents"
	}
	return "yaml.syntax"
}

// typeWords replaces the Go types the YAML library names with what a person
// editing a record knows.
var typeWords = strings.NewReplacer(
	"into float64", "into a number", "into int", "into a whole number",
	"into []string", "into a list", "into bool", "into true or false",
	"into string", "into text", "!!str", "text", "!!seq", "a list", "!!map", "a mapping",
	"!!int", "a number", "!!float", "a number", "!!bool", "true/false",
	"cannot construct", "cannot read", "cannot unmarshal", "cannot read",
	"model.", "",
)

func cleanMessage(msg string) string {
	msg = strings.TrimPrefix(msg, "yaml: ")
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown field %q", m[1])
	}
	return typeWords.Replace(msg)
}

var unknownField = regexp.MustCompile(`field (\S+) not found in type`)

// decodeRecord reads one record file: parse and check the document, then
// decode it into the kind's type with unknown fields rejected.
func decodeRecord(k model.Kind, path string, data []byte) (model.Record, error) {
	return decodeRecordWith(k, path, data, true)
}

// decodeRecordWith is decodeRecord, with or without the fast parser and
// decoder.
func decodeRecordWith(k model.Kind, path string, data []byte, fast bool) (model.Record, error) {
	var p *fastParser
	if fast {
		p = fastParsers.Get().(*fastParser)
	}
	doc, err := parseDocumentWith(path, data, p)
	if err != nil {
		return nil, err
	}
	r := model.NewRecord(k)
	if fast {
		if fastDecode(doc.Content[0], r) {
			// The record holds the text's strings, never a node.
			p.release()
			fastParsers.Put(p)
			return r, nil
		}
		r = model.NewRecord(k) // fastDecode may have set part of it
	}
	if err := doc.Content[0].Load(r, yaml.WithKnownFields()); err != nil {
		return nil, yamlError(path, data, err)
	}
	return r, nil
}

// decodeConfig reads accord.yaml with the same hardening as records.
func decodeConfig(data []byte) (model.Config, error) {
	var c model.Config
	doc, err := parseDocument(model.ConfigPath, data)
	if err != nil {
		return c, err
	}
	if err := doc.Content[0].Load(&c, yaml.WithKnownFields()); err != nil {
		return c, yamlError(model.ConfigPath, data, err)
	}
	return c, nil
}

// Encode writes a value (a record or the config) in Accord's canonical form:
// the type's field order, block lists one item per line, long text as
// literal blocks.
func Encode(v any) ([]byte, error) {
	var n yaml.Node
	if err := n.Dump(v, dumpOptions()...); err != nil {
		return nil, err
	}
	canonicalStyle(&n)
	return dumpNode(&n)
}

func dumpNode(n *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	d, err := yaml.NewDumper(&buf, dumpOptions()...)
	if err != nil {
		return nil, err
	}
	if err := d.Dump(n); err != nil {
		return nil, err
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// canonicalStyle sets the styles of freshly encoded nodes: multi-line text as
// literal blocks, everything else plain or double-quoted as needed.
func canonicalStyle(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!str" && strings.Contains(n.Value, "\n") && literalSafe(n.Value) {
		n.Style = yaml.LiteralStyle
	}
	for _, c := range n.Content {
		canonicalStyle(c)
	}
}

// literalSafe reports whether text survives a literal block unchanged:
// trailing spaces on a line and some control characters do not.
func literalSafe(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") || strings.HasSuffix(line, "\t") {
			return false
		}
	}
	return !strings.ContainsAny(s, "\r\x00\x1b") && !strings.HasPrefix(s, " ")
}

// EncodeOver writes v into an existing file's document so that what people
// wrote by hand survives: comments, key order and the style of values that
// did not change. Fields that changed take their canonical form; new fields
// are placed after the nearest field that precedes them in canonical order;
// removed fields go. old must be a document that parseDocument accepted.
func EncodeOver(old []byte, v any) ([]byte, error) {
	doc, err := parseDocument("", old)
	if err != nil {
		return Encode(v)
	}
	var fresh yaml.Node
	if err := fresh.Dump(v, dumpOptions()...); err != nil {
		return nil, err
	}
	canonicalStyle(&fresh)
	mergeMapping(doc.Content[0], &fresh)
	return dumpNode(doc)
}

// mergeMapping makes dst hold src's keys and values, keeping dst's nodes
// (and so their comments and styles) wherever the value is unchanged.
func mergeMapping(dst, src *yaml.Node) {
	srcVal := map[string]*yaml.Node{}
	var order []string
	for i := 0; i+1 < len(src.Content); i += 2 {
		srcVal[src.Content[i].Value] = src.Content[i+1]
		order = append(order, src.Content[i].Value)
	}
	// Update or drop what dst has.
	var kept []*yaml.Node
	present := map[string]bool{}
	for i := 0; i+1 < len(dst.Content); i += 2 {
		k, v := dst.Content[i], dst.Content[i+1]
		nv, ok := srcVal[k.Value]
		if !ok {
			continue // removed
		}
		present[k.Value] = true
		switch {
		case sameValue(v, nv):
		case v.Kind == yaml.MappingNode && nv.Kind == yaml.MappingNode:
			mergeMapping(v, nv)
		default:
			nv.HeadComment, nv.LineComment, nv.FootComment = v.HeadComment, v.LineComment, v.FootComment
			if v.Kind == nv.Kind && v.Kind == yaml.SequenceNode && v.Style == yaml.FlowStyle {
				nv.Style = yaml.FlowStyle
			}
			v = nv
		}
		kept = append(kept, k, v)
	}
	// Insert new keys after their canonical predecessor.
	for i, name := range order {
		if present[name] {
			continue
		}
		at := 0
		for j := i - 1; j >= 0; j-- {
			if idx := keyIndex(kept, order[j]); idx >= 0 {
				at = idx + 2
				break
			}
		}
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name}
		kept = append(kept[:at], append([]*yaml.Node{key, srcVal[name]}, kept[at:]...)...)
		present[name] = true
	}
	dst.Content = kept
}

func keyIndex(content []*yaml.Node, name string) int {
	for i := 0; i+1 < len(content); i += 2 {
		if content[i].Value == name {
			return i
		}
	}
	return -1
}

// sameValue compares two nodes by what they mean, not how they are written.
func sameValue(a, b *yaml.Node) bool {
	var x, y any
	if a.Decode(&x) != nil || b.Decode(&y) != nil {
		return false
	}
	return reflect.DeepEqual(x, y)
}
