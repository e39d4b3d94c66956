package gitstore

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"go.yaml.in/yaml/v4"
)

// nodeDiff describes the first difference between two node trees, or
// returns "" when they are identical in every field.
func nodeDiff(at string, a, b *yaml.Node) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%s: one node is nil (%v, %v)", at, a == nil, b == nil)
		}
		return ""
	}
	type fields struct {
		Kind                                  yaml.Kind
		Style                                 yaml.Style
		Tag, Value, Anchor                    string
		HeadComment, LineComment, FootComment string
		Line, Column                          int
		Alias, Stream                         bool
		Content                               int
		NilContent                            bool
	}
	f := func(n *yaml.Node) fields {
		return fields{n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment,
			n.Line, n.Column, n.Alias != nil, n.Stream != nil, len(n.Content), n.Content == nil}
	}
	if fa, fb := f(a), f(b); fa != fb {
		return fmt.Sprintf("%s:\n fast %+v\n yaml %+v", at, fa, fb)
	}
	for i := range a.Content {
		if d := nodeDiff(fmt.Sprintf("%s/%d", at, i), a.Content[i], b.Content[i]); d != "" {
			return d
		}
	}
	return ""
}

// sameDecoded is reflect.DeepEqual with NaN equal to itself.
func sameDecoded(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Float32, reflect.Float64:
		x, y := a.Float(), b.Float()
		return x == y || (math.IsNaN(x) && math.IsNaN(y))
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameDecoded(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameDecoded(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !sameDecoded(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameDecoded(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	}
	if !a.CanInterface() {
		return reflect.DeepEqual(fmt.Sprint(a), fmt.Sprint(b))
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}

// checkFastLoad is the differential check: whatever the fast parser takes,
// yaml.Load reads into the identical tree, and parsing, checking and
// decoding give the same record and the same error with or without it.
func checkFastLoad(t *testing.T, data []byte) (taken bool) {
	t.Helper()
	fast, ok := fastLoad(data)
	if ok {
		var slow yaml.Node
		if err := yaml.Load(data, &slow); err != nil {
			t.Fatalf("the fast path took a text yaml.Load refuses (%v):\n%q", err, data)
		}
		if d := nodeDiff("doc", fast, &slow); d != "" {
			t.Fatalf("the fast path's tree differs from yaml.Load's at %s\ninput: %q", d, data)
		}
	}
	for _, k := range model.Kinds {
		r1, e1 := decodeRecordWith(k, "x.yaml", data, true)
		r2, e2 := decodeRecordWith(k, "x.yaml", data, false)
		if fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Fatalf("%s: error with the fast path %v, without %v\ninput: %q", k, e1, e2, data)
		}
		if !sameDecoded(reflect.ValueOf(r1), reflect.ValueOf(r2)) {
			y1, _ := Encode(r1)
			y2, _ := Encode(r2)
			t.Fatalf("%s: record with the fast path\n%s\nwithout\n%s\ninput: %q", k, y1, y2, data)
		}
	}
	var c1, c2 model.Config
	_, e1 := parseDocumentWith(model.ConfigPath, data, new(fastParser))
	_, e2 := parseDocumentWith(model.ConfigPath, data, nil)
	if fmt.Sprint(e1) != fmt.Sprint(e2) {
		t.Fatalf("config: error with the fast path %v, without %v\ninput: %q", e1, e2, data)
	}
	if e1 == nil {
		d1, _ := parseDocumentWith(model.ConfigPath, data, new(fastParser))
		d2, _ := parseDocumentWith(model.ConfigPath, data, nil)
		l1 := d1.Content[0].Load(&c1, yaml.WithKnownFields())
		l2 := d2.Content[0].Load(&c2, yaml.WithKnownFields())
		if fmt.Sprint(l1) != fmt.Sprint(l2) || !sameDecoded(reflect.ValueOf(c1), reflect.ValueOf(c2)) {
			t.Fatalf("config differs with the fast path (%v, %v)\ninput: %q", l1, l2, data)
		}
	}
	return ok
}

// demoFile is a file Accord writes, and the kind of record it holds
// (config for accord.yaml).
type demoFile struct {
	kind   model.Kind
	config bool
	data   []byte
}

// demoFiles are the files Accord writes for the demo organisation: every
// version of every record of Northwind and of a small synthetic
// organisation, and their accord.yaml.
func demoFiles(t testing.TB) []demoFile {
	t.Helper()
	var out []demoFile
	add := func(cfg model.Config, commits []model.Commit) {
		b, err := Encode(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, demoFile{config: true, data: b})
		for _, c := range commits {
			for _, r := range c.Put {
				b, err := Encode(r)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, demoFile{kind: r.RecordKind(), data: b})
			}
		}
	}
	add(demo.Northwind(benchToday))
	add(demo.Synthetic(300, 20, 5, benchToday))
	return out
}

// fastSeeds are texts near the edges of what the fast path takes: YAML's
// implicit types, quoting, keys that are not words, literal blocks with
// every chomping and indentation indicator, and what it must hand over.
var fastSeeds = []string{
	"id: x\nvalue: 0.5\nconfidence: 1e3\nweight: 0x10\nn: 012\nm: 0o12\nb: 0b101\ninf: .inf\nninf: -.Inf\nnan: .NaN\nneg: -0\nbig: 18446744073709551615\nhuge: 99999999999999999999\nu: 1_000\nplus: +12\nf: 1.\ng: .5e-3\nh: 1_0.5\n",
	"a: yes\nb: no\nc: null\nd: ~\ne: true\nf: False\ng: NULL\nh: on\ni: off\nj: y\nk: n\n",
	"date: 2026-11-14\nt: 2001-12-14t21:59:43.10-05:00\ns: 2001-12-14 21:59:43.10\nu: 2026-1-2\nbad: 2026-13-45\nq: 2026-Q4\nz: 2026-11-14T10:00:00Z\n",
	"title: a: b\n",
	"title: a:b\nother: c#d\nthird: e #f\n",
	"title: \"quoted: with # and \\\" and \\\\ and \\n and \\t \\u00e9 \\U0001F600 \\x41 \\e \\0 \\N \\_ \\L \\P \\/ \\ \"\n",
	"title: 'single ''quoted'' # : text'\n",
	"title: trailing spaces   \nnext: x  \n",
	"title: crlf\r\nnext: x\r\n",
	"title: café ünïcödé 日本語 😀\nkey: \"é\": x\n",
	"é: x\nb: \"é\"\n",
	"title:\nempty: \nnull_value:   \n",
	"options:\n  - id: a\n    title: A\n    good:\n      - one\n      - two\n    bad: []\n  - id: b\n    title: B\nnext: {}\n",
	"context: |\n  line one\n\n  line three\n\n\nnext: x\n",
	"context: |-\n  strip\n\n",
	"context: |+\n  keep\n\n\nnext: x\n",
	"context: |+\n  keep at the end\n\n",
	"context: |2\n    indented first line\n  second\n",
	"context: |2-\n   x\n\n  y\n",
	"context: |-2\n   x\n",
	"context: |\n    more\n  less\n",
	"context: |\n\n  after a blank line\n",
	"context: |\n      \n  spaces before\n",
	"context: |\n  spaces after\n      \n\nnext: x\n",
	"context: |\nnext: x\n",
	"context: |\n",
	"context: |0\n  x\n",
	"context: >\n  folded\n",
	"context: |  # comment\n  x\n",
	"list:\n  - |\n    literal item\n  - x\n",
	"list:\n  - a: |\n      in a mapping\n    b: c\n",
	"list:\n- a\n- b\n",
	"list:\n  - - nested\n",
	"list:\n  -\n    a: b\n",
	"list:\n  -   a: b\n      c: d\n",
	"a: 1\na: 2\n",
	"<<: x\n",
	"\"quoted key\": v\n'single': w\n\"1\": x\n1: y\ntrue: z\nnull: n\n~: t\n",
	"key : v\n",
	"a: &x v\nb: *x\n",
	"a: !custom v\n",
	"a: !!str 1\n",
	"a: [x, y]\n",
	"a: {b: c}\n",
	"# comment\na: b\n",
	"a: b # comment\n",
	"a: b\n# foot\n",
	"a: b\n---\nc: d\n",
	"---\na: b\n",
	"a: b\n...\n",
	"%YAML 1.2\n---\na: b\n",
	"a:\tb\n",
	"\ta: b\n",
	"  a: b\n  c: d\n",
	"a:\n  b: c\n d: e\n",
	"a: plain\n  continued\n",
	"a: \"multi\n  line\"\n",
	"a: b\n",
	"a: b",
	"",
	"\n\n",
	"- a\n- b\n",
	"just text\n",
	"a: -\n",
	"a: - b\n",
	"a: -b\n",
	"a: ?b\n",
	"a: b: c\n",
	"\"a\":b\n",
	"a: \"b\" c\n",
	"a: \"\\q\"\n",
	"a: \"\\uD800\"\n",
	"a: \"\\x4\"\n",
	"a: \x00\n",
	"a: \u0085b\n",
	"a: b\u2028c\n",
	"\ufeffa: b\n",
	"a: \xff\n",
	"a:\n  b:\n    c:\n      d:\n        e:\n          f:\n            g:\n              h:\n                i:\n                  j:\n                    k:\n                      l:\n                        m:\n                          n:\n                            o:\n                              p:\n                                q: r\n",
	"<<<<<<< HEAD\nid: x\n",
	"a: \"x\" \nb: 'y'  \n",
	"a:  [] \nb: {}  \n",
	"a: []x\n",
	"a: [ ]\n",
	"list:\n  - a\n\n  - b\n\nnext: c\n",
	"list:\n  - a\n   b\n",
	"list:\n  - a: b\n  c: d\n",
	"m:\n  a: b\n\n\n  c: d\n",
	// Record-shaped texts, each with one value at the edges of fastDecode.
	"id: GOAL-1\ntitle: 9\n",
	"id: GOAL-1\ntitle: [a]\n",
	"id: GOAL-1\nstate: true\n",
	"id: GOAL-1\nweight: 012\n",
	"id: GOAL-1\nweight: 1e3\n",
	"id: GOAL-1\nweight: ~\n",
	"id: GOAL-1\nweight: 5\n",
	"id: GOAL-1\nweight: 9223372036854775808\n",
	"id: GOAL-1\nweight: 0.50\n",
	"id: GOAL-1\nmetric:\n  baseline: 0x10\n",
	"id: GOAL-1\nmetric:\n  target: -0.5\n",
	"id: GOAL-1\nmetric:\n  baseline: 00\n",
	"id: GOAL-1\nmetric:\n  target: -0\n",
	"id: GOAL-1\nmetric:\n  baseline: 1.0\n",
	"id: GOAL-1\nmetric:\n  target: .5\n",
	"id: GOAL-1\nmetric: {}\n",
	"id: GOAL-1\nmetric:\n",
	"id: GOAL-1\nmetric: []\n",
	"id: GOAL-1\nlinks:\n  - a\n  - ~\n",
	"id: GOAL-1\nlinks:\n  - a\n  - 3\n",
	"id: GOAL-1\nlinks: []\n",
	"id: GOAL-1\ndepends_on: a\n",
	"id: UPD-1\nvalue: -3\nconfidence: 0.65\nasks:\n  - from: a\n    what: b\n  - from: c\n",
	"id: UPD-1\nvalue: .inf\n",
	"id: UPD-1\nconfidence: .nan\n",
	"id: RACI-1\naccountable: mei\nresponsible:\n  - raj\n",
	"id: RACI-1\naccountable:\n  - mei\n  - raj\n",
	"id: RACI-1\naccountable: ~\n",
	"id: RACI-1\naccountable: \"\"\n",
	"id: RACI-1\naccountable: 5\n",
	"id: RACI-1\naccountable:\n  - a: b\n",
	"id: RACI-1\naccountable: []\n",
	"id: RACI-1\nsubject:\n  kind: deliverable\n  name: x\n  extra: y\n",
	"id: mei\nname: Mei\nactive: false\n",
	"id: mei\nname: Mei\nactive: yes\n",
	"id: mei\nname: Mei\nactive: TRUE\n",
	"id: mei\nteams: []\n",
	"id: PULSE-1\nscores:\n  clarity: 3\n",
	"id: PULSE-1\nscores:\n  handoffs: -1\n",
	"id: PULSE-1\nscores:\n  responsiveness: 1_0\n",
	"id: PULSE-1\nscores:\n  understanding: 4.0\n",
	"id: PULSE-1\nscores:\n  clarity: 99999999999999999999\n",
	"id: HO-1\ndeliverables:\n  - id: d1\n    acceptance:\n      - a\n  - id: d2\n    acceptance: []\n",
	"id: DEC-1\noptions:\n  - id: a\n    good:\n      - x\n    bad: ~\noutcome:\n  chosen: a\n",
	"id: DEC-1\noutcome: ~\n",
	"id: DEC-1\noptions: ~\n",
	"id: DEC-1\noptions:\n  - ~\n",
	"id: x\nunknown: 1\n",
	"a: b\n   \n\nc: d\n",
}

// FuzzFastLoad: for every text the fast parser takes, yaml.Load makes the
// identical node tree, and decoding records and the config gives the same
// values and the same errors with the fast path as without it.
func FuzzFastLoad(f *testing.F) {
	for _, d := range demoFiles(f) {
		f.Add(d.data)
	}
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastLoad(t, data)
	})
}

// The fast path takes every file Accord writes for the demo
// organisations, and decodes every record without yaml.Load: if it
// declined them, cold loads would quietly be as slow as before.
func TestFastLoadTakesAccordsOwnFiles(t *testing.T) {
	t.Parallel()
	files := demoFiles(t)
	for _, d := range files {
		if !checkFastLoad(t, d.data) {
			t.Fatalf("declined a file Accord wrote:\n%s", d.data)
		}
		if d.config {
			continue
		}
		doc, _ := fastLoad(d.data)
		if !fastDecode(doc.Content[0], model.NewRecord(d.kind)) {
			t.Fatalf("fastDecode declined a %s Accord wrote:\n%s", d.kind, d.data)
		}
	}
}

// The fast path hands over what it does not know, so yaml.Load's messages
// and the hardening checks stay the same.
func TestFastLoadDeclines(t *testing.T) {
	t.Parallel()
	for _, s := range []string{
		"a: &x v\nb: *x\n", "a: !custom v\n", "a: [x]\n", "a: {b: c}\n", "# c\na: b\n",
		"a: b # c\n", "a: b\n---\nc: d\n", "a:\tb\n", "a: b\r\n", "a: plain\n  continued\n",
		"a: >\n  folded\n", "a: \"\\\n b\"\n", "a: b", "- a\n", "list:\n- a\n", "key : v\n",
		"\ufeffa: b\n", "a: \u0085\n",
	} {
		if _, ok := fastLoad([]byte(s)); ok {
			t.Errorf("the fast path took %q", s)
		}
	}
	for _, s := range fastSeeds {
		checkFastLoad(t, []byte(s))
	}
}

// resolvePlain agrees with yaml.Load on the implicit type of plain values
// near every rule of its resolver.
func TestResolvePlain(t *testing.T) {
	t.Parallel()
	for _, v := range strings.Fields(`0 -0 +0 0.5 -0.5 .5 5. 1e3 1E-3 1e 0x10 0X1f 0o17 0b101 012 09 1_000 +1_000 _1
		0x_10 1__0 9223372036854775807 9223372036854775808 18446744073709551615 18446744073709551616 -9223372036854775809
		.inf -.inf +.INF .NaN .nan. .infinity inf nan 1.5e+5 +.5 -. + - .
		true True TRUE tRUE yes no on off y n ~ null Null nul <<  <
		2026-11-14 2026-1-2 2026-11-14t10:00:00Z 2026-11-14T10:00:00.5+02:00 2026-Q4 2026-11 2026-13-01 20261-1-1 0x1p-2 1e1000
		0.1.2 1,000 12abc abc 2026-11-14x`) {
		var doc yaml.Node
		if err := yaml.Load([]byte("k: "+v+"\n"), &doc); err != nil {
			continue
		}
		if want, got := doc.Content[0].Content[1].Tag, resolvePlain(v); got != want {
			t.Errorf("%q: resolvePlain says %s, yaml.Load %s", v, got, want)
		}
	}
}

// A duplicate key is reported where it repeats, naming the line of the
// first, in small mappings (looked back over) and large ones (a map).
func TestDuplicateKeyNamesTheFirst(t *testing.T) {
	t.Parallel()
	var large strings.Builder
	for i := range 40 {
		fmt.Fprintf(&large, "k%d: v\n", i)
	}
	large.WriteString("k7: again\n")
	for _, c := range []struct {
		text string
		line int
		msg  string
	}{
		{"id: GOAL-1\ntitle: x\nlevel: kpi\ntitle: y\n", 4, `duplicate key "title" (first on line 2)`},
		{"m:\n  a: 1\n  b: 2\n  a: 3\n", 4, `duplicate key "a" (first on line 2)`},
		{large.String(), 41, `duplicate key "k7" (first on line 8)`},
	} {
		for _, p := range []*fastParser{new(fastParser), nil} {
			_, err := parseDocumentWith("x.yaml", []byte(c.text), p)
			var de *DecodeError
			if !errors.As(err, &de) || de.Rule != "yaml.duplicate-key" || de.Line != c.line || de.Msg != c.msg {
				t.Errorf("%q (fast parser %v): got %v, want line %d: %s", c.text, p != nil, err, c.line, c.msg)
			}
		}
	}
}
