package gitstore

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// fastLoad parses the block-style YAML that Accord writes into the same
// node tree yaml.Load makes, several times faster: block mappings and
// sequences indented with spaces, one entry per line; plain, single- and
// double-quoted scalars on one line; literal block scalars; and the empty
// flow collections [] and {}. It answers ok=false ("not mine") for
// anything else and for anything it is not sure of — comments, anchors,
// aliases, tags, flow content, folded or multi-line scalars, tabs, carriage
// returns, document markers, odd indentation, unusual characters, deep
// nesting — and parseDocument then hands the text to yaml.Load, so every
// error message stays the library's. The differential fuzz target
// FuzzFastLoad holds it to yaml.Load's tree for every input it accepts.
func fastLoad(data []byte) (*yaml.Node, bool) {
	return new(fastParser).load(data)
}

// load is fastLoad with this parser's memory. The tree is carved from
// memory the parser keeps: a pooled parser (decodeRecord's) may hand it out
// again only once nothing refers to the tree any more.
func (p *fastParser) load(data []byte) (*yaml.Node, bool) {
	lines, ok := fastScreen(data)
	if !ok {
		return nil, false
	}
	p.s, p.i, p.ls, p.line, p.ind, p.eof = string(data), 0, 0, 1, 0, false
	p.kids = p.kids[:0]
	// About one node per line and one more per key.
	if want := lines + lines/2 + 4; cap(p.slab)-len(p.slab) < want {
		p.slab = make([]yaml.Node, 0, max(want, 2*cap(p.slab)))
		p.ptrs = make([]*yaml.Node, 0, max(want, 2*cap(p.ptrs)))
	}
	if p.nextContent() || p.ind != 0 {
		return nil, false
	}
	root, ok := p.mapping(0, nil, 1)
	if !ok || !p.eof {
		return nil, false
	}
	doc := p.node()
	doc.Kind, doc.Line, doc.Column = yaml.DocumentNode, root.Line, root.Column
	p.kids = append(p.kids, root)
	doc.Content = p.content(p.kids)
	p.kids = p.kids[:0]
	return doc, true
}

// release readies a parser for the next text once nothing refers to the
// tree it made: the nodes and lists it carved are zeroed (which also lets
// the text go), and carved again from the start.
func (p *fastParser) release() {
	clear(p.slab)
	clear(p.ptrs)
	clear(p.kids[:cap(p.kids)])
	p.slab, p.ptrs, p.kids, p.s = p.slab[:0], p.ptrs[:0], p.kids[:0], ""
}

// fastParsers are decodeRecord's parsers: a record's tree is dropped as
// soon as the record is decoded, so its memory serves the next file.
var fastParsers = sync.Pool{New: func() any { return new(fastParser) }}

// fastMaxDepth bounds the nesting the fast path takes on; deeper files go
// to yaml.Load (and checkNode refuses them with its own message).
const fastMaxDepth = 10

// fastScreen checks that every character is one the fast path knows how
// yaml.Load reads: printable ASCII, line feeds, and UTF-8 characters that
// are neither control, line-break nor byte-order characters. The text must
// end with a line feed and no line may start a document marker. It returns
// the number of lines.
func fastScreen(data []byte) (int, bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' || docMarker(data) {
		return 0, false
	}
	lines := 0
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			i++
		case c == '\n':
			lines++
			i++
			if docMarker(data[i:]) {
				return 0, false
			}
		case c < 0x80:
			return 0, false // tab, carriage return, other control characters
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError || !fastPrintable(r) {
				return 0, false
			}
			i += n
		}
	}
	return lines, true
}

// docMarker reports whether a line starts with "---" or "...": a document
// marker, or close enough.
func docMarker(line []byte) bool {
	return len(line) >= 3 && (line[0] == '-' || line[0] == '.') && line[1] == line[0] && line[2] == line[0]
}

// fastPrintable is YAML's printable set less the characters libyaml reads
// as line breaks (NEL, LS, PS) and the byte-order mark.
func fastPrintable(r rune) bool {
	switch {
	case r < 0xa0:
		return false
	case r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return false
	case r <= 0xd7ff:
		return true
	case r >= 0xe000 && r <= 0xfffd:
		return true
	}
	return r >= 0x10000 && r <= utf8.MaxRune
}

type fastParser struct {
	s    string
	i    int // the next byte to read
	ls   int // where the current line starts
	line int // the current line, from 1
	ind  int // the current line's indentation, once nextContent found it
	eof  bool

	slab []yaml.Node  // nodes are carved from here
	ptrs []*yaml.Node // and the slices of children from here
	kids []*yaml.Node // children of the collections being read
}

// node returns a zeroed node from the slab (release keeps what is past
// len(p.slab) zeroed).
func (p *fastParser) node() *yaml.Node {
	if len(p.slab) == cap(p.slab) {
		p.slab = make([]yaml.Node, 0, max(16, cap(p.slab)))
	}
	p.slab = p.slab[:len(p.slab)+1]
	return &p.slab[len(p.slab)-1]
}

// content copies children into a slice of their own, capped so that an
// append by a later edit does not write over a neighbour's.
func (p *fastParser) content(kids []*yaml.Node) []*yaml.Node {
	if cap(p.ptrs)-len(p.ptrs) < len(kids) {
		p.ptrs = make([]*yaml.Node, 0, max(len(kids), 32, cap(p.ptrs)))
	}
	at := len(p.ptrs)
	p.ptrs = append(p.ptrs, kids...)
	return p.ptrs[at:len(p.ptrs):len(p.ptrs)]
}

// col is the 0-based column of the next byte, counted in characters as
// libyaml counts them.
func (p *fastParser) col() int {
	for k := p.ls; k < p.i; k++ {
		if p.s[k] >= utf8.RuneSelf {
			return utf8.RuneCountInString(p.s[p.ls:p.i])
		}
	}
	return p.i - p.ls
}

// nextContent moves from the start of a line to the first line that holds
// something, and to its first non-space byte. It reports whether the text
// ended first. A comment line makes the text not the fast path's.
func (p *fastParser) nextContent() bool {
	for p.i < len(p.s) {
		j := p.i
		for j < len(p.s) && p.s[j] == ' ' {
			j++
		}
		if p.s[j] == '\n' {
			p.i = j + 1
			p.ls = p.i
			p.line++
			continue
		}
		p.ind = j - p.ls
		p.i = j
		return false
	}
	p.eof = true
	return true
}

// endLine expects only spaces up to the line feed, and moves past it.
func (p *fastParser) endLine() bool {
	for p.s[p.i] == ' ' {
		p.i++
	}
	if p.s[p.i] != '\n' {
		return false // a comment, or more than one value
	}
	p.i++
	p.ls = p.i
	p.line++
	return true
}

// blockEntry reports whether the next bytes are a block sequence's "- ".
func (p *fastParser) blockEntry() bool {
	return p.s[p.i] == '-' && (p.s[p.i+1] == ' ' || p.s[p.i+1] == '\n')
}

// mapping reads a block mapping whose keys start in column col. The
// first key may already be read (a mapping that starts on a sequence
// entry's line). depth counts the collections it is in, itself included.
func (p *fastParser) mapping(col int, first *yaml.Node, depth int) (*yaml.Node, bool) {
	if depth > fastMaxDepth {
		return nil, false
	}
	n := p.node()
	n.Kind, n.Tag = yaml.MappingNode, "!!map"
	mark := len(p.kids)
	for {
		key := first
		first = nil
		if key == nil {
			var isKey, ok bool
			if key, isKey, ok = p.scalar(); !ok || !isKey {
				return nil, false
			}
		}
		if n.Line == 0 {
			n.Line, n.Column = key.Line, key.Column
		}
		// p.i is just past the colon.
		colonLine, colonCol := p.line, p.col()+1
		for p.s[p.i] == ' ' {
			p.i++
		}
		var v *yaml.Node
		if p.s[p.i] == '\n' {
			p.i++
			p.ls = p.i
			p.line++
			p.nextContent()
			switch {
			case !p.eof && p.ind > col && p.blockEntry():
				var ok bool
				if v, ok = p.sequence(p.ind, depth+1); !ok {
					return nil, false
				}
			case !p.eof && p.ind > col:
				var ok bool
				if v, ok = p.mapping(p.ind, nil, depth+1); !ok {
					return nil, false
				}
			default:
				v = p.node()
				v.Kind, v.Tag, v.Line, v.Column = yaml.ScalarNode, "!!null", colonLine, colonCol
			}
		} else {
			var ok bool
			if v, ok = p.value(col + 1); !ok {
				return nil, false
			}
			p.nextContent()
		}
		p.kids = append(p.kids, key, v)
		if p.eof || p.ind < col {
			break
		}
		if p.ind > col || p.blockEntry() {
			return nil, false
		}
	}
	n.Content = p.content(p.kids[mark:])
	p.kids = p.kids[:mark]
	return n, true
}

// sequence reads a block sequence whose "- " are in column col.
func (p *fastParser) sequence(col, depth int) (*yaml.Node, bool) {
	if depth > fastMaxDepth {
		return nil, false
	}
	n := p.node()
	n.Kind, n.Tag, n.Line, n.Column = yaml.SequenceNode, "!!seq", p.line, col+1
	mark := len(p.kids)
	for {
		// p.i is at the "-".
		if p.s[p.i+1] != ' ' {
			return nil, false // the entry starts on the next line
		}
		p.i += 2
		for p.s[p.i] == ' ' {
			p.i++
		}
		var v *yaml.Node
		switch c := p.s[p.i]; {
		case c == '\n' || p.blockEntry():
			return nil, false
		case c == '|' || c == '[' || c == '{':
			var ok bool
			if v, ok = p.value(col + 1); !ok {
				return nil, false
			}
			p.nextContent()
		default:
			s, isKey, ok := p.scalar()
			if !ok {
				return nil, false
			}
			if isKey {
				if v, ok = p.mapping(s.Column-1, s, depth+1); !ok {
					return nil, false
				}
			} else {
				v = s
				if !p.endLine() {
					return nil, false
				}
				p.nextContent()
			}
		}
		p.kids = append(p.kids, v)
		if p.eof || p.ind < col {
			break
		}
		if p.ind > col || !p.blockEntry() {
			return nil, false
		}
	}
	n.Content = p.content(p.kids[mark:])
	p.kids = p.kids[:mark]
	return n, true
}

// value reads a mapping's value or a sequence's entry that starts on the
// current line, and moves to the start of the line after it. indent is
// libyaml's indentation of the enclosing collection (its column, from 1),
// which a literal block's content must exceed.
func (p *fastParser) value(indent int) (*yaml.Node, bool) {
	switch p.s[p.i] {
	case '|':
		return p.literal(indent)
	case '[', '{':
		n := p.node()
		n.Line, n.Column, n.Style = p.line, p.col()+1, yaml.FlowStyle
		if p.s[p.i] == '[' {
			n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
			if p.s[p.i+1] != ']' {
				return nil, false
			}
		} else {
			n.Kind, n.Tag = yaml.MappingNode, "!!map"
			if p.s[p.i+1] != '}' {
				return nil, false
			}
		}
		p.i += 2
		return n, p.endLine()
	}
	n, isKey, ok := p.scalar()
	if !ok || isKey {
		return nil, false
	}
	return n, p.endLine()
}

// scalar reads a plain or quoted scalar on the current line, and reports
// whether a ": " (or a colon at the end of the line) follows it, which makes
// it a key; then p.i is past the colon. Otherwise p.i is just past the
// scalar.
func (p *fastParser) scalar() (n *yaml.Node, isKey, ok bool) {
	line, col := p.line, p.col()+1
	start := p.i
	var value, tag string
	var style yaml.Style
	switch c := p.s[p.i]; c {
	case '"':
		value, ok = p.doubleQuoted()
		tag, style = "!!str", yaml.DoubleQuotedStyle
	case '\'':
		value, ok = p.singleQuoted()
		tag, style = "!!str", yaml.SingleQuotedStyle
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, false, false
	case '-':
		if d := p.s[p.i+1]; d == ' ' || d == '\n' {
			return nil, false, false
		}
		fallthrough
	default:
		end := p.plain()
		if end < 0 {
			return nil, false, false
		}
		value, ok = p.s[start:end], true
		tag = resolvePlain(value)
	}
	if !ok {
		return nil, false, false
	}
	if p.s[p.i] == ':' && (p.s[p.i+1] == ' ' || p.s[p.i+1] == '\n') {
		// A simple key: on one line, not too long, no spaces before the
		// colon (yaml.Load trims them; the fast path leaves that to it).
		if p.i-start > 1000 || p.s[p.i-1] == ' ' {
			return nil, false, false
		}
		isKey = true
		p.i++
	}
	n = p.node()
	n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column = yaml.ScalarNode, style, tag, value, line, col
	return n, isKey, true
}

// plain reads a plain scalar to the end of the line or to a ": ", and
// returns where its text ends (trailing spaces are not part of it), or -1
// if a comment follows it.
func (p *fastParser) plain() int {
	end := p.i
	for {
		c := p.s[p.i]
		switch {
		case c == '\n':
			return end
		case c == ':' && (p.s[p.i+1] == ' ' || p.s[p.i+1] == '\n'):
			return end
		case c == ' ':
			if p.s[p.i+1] == '#' {
				return -1
			}
		default:
			end = p.i + 1
		}
		p.i++
	}
}

// doubleQuoted reads a double-quoted scalar that closes on its line.
func (p *fastParser) doubleQuoted() (string, bool) {
	p.i++
	start := p.i
	var b []byte
	for {
		c := p.s[p.i]
		switch c {
		case '"':
			p.i++
			if b == nil {
				return p.s[start : p.i-1], true
			}
			return string(b), true
		case '\n':
			return "", false
		case '\\':
			if b == nil {
				b = make([]byte, 0, 2*(p.i-start)+16)
				b = append(b, p.s[start:p.i]...)
			}
			var ok bool
			if b, ok = p.escape(b); !ok {
				return "", false
			}
			continue
		}
		if b != nil {
			b = append(b, c)
		}
		p.i++
	}
}

// escape reads one escape sequence of a double-quoted scalar, as libyaml
// does, and appends what it stands for.
func (p *fastParser) escape(b []byte) ([]byte, bool) {
	size := 0
	switch p.s[p.i+1] {
	case '0':
		b = append(b, 0)
	case 'a':
		b = append(b, '\a')
	case 'b':
		b = append(b, '\b')
	case 't':
		b = append(b, '\t')
	case 'n':
		b = append(b, '\n')
	case 'v':
		b = append(b, '\v')
	case 'f':
		b = append(b, '\f')
	case 'r':
		b = append(b, '\r')
	case 'e':
		b = append(b, 0x1b)
	case ' ', '"', '/', '\\':
		b = append(b, p.s[p.i+1])
	case 'N':
		b = append(b, "\u0085"...)
	case '_':
		b = append(b, "\u00a0"...)
	case 'L':
		b = append(b, "\u2028"...)
	case 'P':
		b = append(b, "\u2029"...)
	case 'x':
		size = 2
	case 'u':
		size = 4
	case 'U':
		size = 8
	default:
		return nil, false // unknown escapes and escaped line breaks
	}
	p.i += 2
	if size == 0 {
		return b, true
	}
	v := 0
	for k := 0; k < size; k++ {
		d := p.s[p.i+k]
		switch {
		case d >= '0' && d <= '9':
			v = v<<4 + int(d-'0')
		case d >= 'a' && d <= 'f':
			v = v<<4 + int(d-'a'+10)
		case d >= 'A' && d <= 'F':
			v = v<<4 + int(d-'A'+10)
		default:
			return nil, false
		}
	}
	if (v >= 0xd800 && v <= 0xdfff) || v > 0x10ffff {
		return nil, false
	}
	p.i += size
	if v <= 0x7f {
		return append(b, byte(v)), true
	}
	return utf8.AppendRune(b, rune(v)), true
}

// singleQuoted reads a single-quoted scalar that closes on its line.
func (p *fastParser) singleQuoted() (string, bool) {
	p.i++
	start := p.i
	var b []byte
	for {
		c := p.s[p.i]
		switch {
		case c == '\n':
			return "", false
		case c == '\'' && p.s[p.i+1] == '\'':
			if b == nil {
				b = append(make([]byte, 0, p.i-start+16), p.s[start:p.i]...)
			}
			b = append(b, '\'')
			p.i += 2
			continue
		case c == '\'':
			p.i++
			if b == nil {
				return p.s[start : p.i-1], true
			}
			return string(b), true
		}
		if b != nil {
			b = append(b, c)
		}
		p.i++
	}
}

// literal reads a literal block scalar the way libyaml's scanner does
// (scanBlockScalar and scanBlockScalarBreaks, for text of spaces and line
// feeds only), and leaves p at the start of the line that ends it. parent
// is libyaml's indentation of the enclosing collection, from 1.
func (p *fastParser) literal(parent int) (*yaml.Node, bool) {
	n := p.node()
	n.Kind, n.Style, n.Tag, n.Line, n.Column = yaml.ScalarNode, yaml.LiteralStyle, "!!str", p.line, p.col()+1
	p.i++
	chomp, inc := 0, 0
	chomping := func() {
		switch p.s[p.i] {
		case '+':
			chomp = 1
			p.i++
		case '-':
			chomp = -1
			p.i++
		}
	}
	increment := func() bool {
		if c := p.s[p.i]; c >= '0' && c <= '9' {
			if c == '0' {
				return false
			}
			inc = int(c - '0')
			p.i++
		}
		return true
	}
	if c := p.s[p.i]; c == '+' || c == '-' {
		chomping()
		if !increment() {
			return nil, false
		}
	} else {
		if !increment() {
			return nil, false
		}
		chomping()
	}
	if !p.endLine() {
		return nil, false // a comment after the header, or junk
	}
	indent := 0 // the content's column, from 1
	if inc > 0 {
		indent = parent + inc
	}
	// col is the column (from 1) where the last line's indentation ended.
	breaks, col := p.blockBreaks(&indent, parent)
	var b []byte
	leading := false
	for col == indent && p.i < len(p.s) {
		if leading {
			b = append(b, '\n')
		}
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
		end := strings.IndexByte(p.s[p.i:], '\n') + p.i
		b = append(b, p.s[p.i:end]...)
		leading = true
		p.i = end + 1
		p.ls = p.i
		p.line++
		breaks, col = p.blockBreaks(&indent, parent)
	}
	if chomp != -1 && leading {
		b = append(b, '\n')
	}
	if chomp == 1 {
		for ; breaks > 0; breaks-- {
			b = append(b, '\n')
		}
	}
	n.Value = string(b)
	// Back to the start of the line that ended the block.
	p.i = p.ls
	return n, true
}

// blockBreaks eats the indentation and the empty lines before a literal
// block's next line, settles the block's indentation if it is not known
// yet, and returns the number of line breaks eaten and the column where
// the indentation of the line it stopped on ends.
func (p *fastParser) blockBreaks(indent *int, parent int) (int, int) {
	breaks, maxIndent := 0, 0
	var col int
	for {
		col = 1
		for (*indent == 0 || col < *indent) && p.i < len(p.s) && p.s[p.i] == ' ' {
			p.i++
			col++
		}
		maxIndent = max(maxIndent, col)
		if p.i == len(p.s) || p.s[p.i] != '\n' {
			break
		}
		breaks++
		p.i++
		p.ls = p.i
		p.line++
	}
	if *indent == 0 {
		*indent = max(maxIndent, parent+1, 1)
	}
	return breaks, col
}

// resolvePlain is the tag yaml.Load resolves a plain scalar to (its
// resolver's resolve with no tag given).
func resolvePlain(v string) string {
	if v == "" {
		return "!!null"
	}
	switch v {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "~", "null", "Null", "NULL":
		return "!!null"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
		"-.inf", "-.Inf", "-.INF", "-0", "-0.0":
		return "!!float"
	case "<<":
		return "!!merge"
	}
	switch c := v[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(v, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || (c >= '0' && c <= '9'):
		if isTimestamp(v) {
			return "!!timestamp"
		}
		// Only these bytes can make a number for ParseInt, ParseUint or the
		// float pattern; checking first spares the parsers' errors.
		for i := 0; i < len(v); i++ {
			switch c := v[i]; {
			case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F',
				c == 'x', c == 'X', c == 'o', c == 'O', c == '_', c == '+', c == '-', c == '.':
			default:
				return "!!str"
			}
		}
		plain := strings.ReplaceAll(v, "_", "")
		// No integer has a dot: a decimal is not parsed as one first (each
		// failed parse allocates its error).
		if !strings.Contains(plain, ".") {
			if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
				return "!!int"
			}
			if _, err := strconv.ParseUint(strings.TrimPrefix(plain, "+"), 0, 64); err == nil {
				return "!!int"
			}
		}
		if yamlFloat(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
	}
	return "!!str"
}

// isTimestamp is the resolver's parseTimestamp: YYYY- and then one of its
// four layouts.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	// Every layout goes on with a month number.
	if len(s) < 6 || s[5] < '0' || s[5] > '9' {
		return false
	}
	for _, layout := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// yamlFloat is the resolver's pattern
// ^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$.
func yamlFloat(s string) bool {
	i := 0
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
