package gitstore

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// topLevelKeysByMap is the plain reading of what topLevelFields encodes:
// each key in the first column, at the first line it is on.
func topLevelKeysByMap(data []byte) map[string]model.Pos {
	pos := map[string]model.Pos{}
	for i, l := range strings.Split(string(data), "\n") {
		if l == "" || strings.ContainsRune(" \t#-{", rune(l[0])) {
			continue
		}
		k, _, ok := strings.Cut(l, ":")
		if !ok || k == "" {
			continue
		}
		if k = strings.Trim(strings.TrimSpace(k), `"'`); pos[k] == (model.Pos{}) {
			pos[k] = model.Pos{Line: i + 1, Column: 1}
		}
	}
	return pos
}

// A finding points at the line of the field it is about, in a record read
// from its file as in one read from the snapshot.
func TestTopLevelFieldsFindEachFieldsLine(t *testing.T) {
	data := []byte("# a comment: not a field\nid: GOAL-4M2QX7A9\n\"title\": Cut time\nkey_results:\n  - id: KR-1\n    title: nested\n- stray\nowner: raj\ntitle: again\n")
	f := topLevelFields(data)
	for field, line := range map[string]int{"id": 2, "title": 3, "key_results": 4, "owner": 8} {
		if p, ok := f.FieldPos(field); !ok || p != (model.Pos{Line: line, Column: 1}) {
			t.Errorf("%s at %v, %v; want line %d", field, p, ok, line)
		}
	}
	for _, field := range []string{"stray", "# a comment", "a comment", "nested"} {
		if p, ok := f.FieldPos(field); ok {
			t.Errorf("%q found at %v: not a top-level field", field, p)
		}
	}
}

// FuzzTopLevelFields: on any file, every key the plain reading finds is
// found at the same line, and nothing else is.
func FuzzTopLevelFields(f *testing.F) {
	f.Add([]byte("id: GOAL-4M2QX7A9\ntitle: x\n"))
	f.Add([]byte("'a': 1\n\"a\": 2\n a: 3\n:\n::\nb:c\n"))
	f.Add([]byte("id: x\r\ntitle: y\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		want := topLevelKeysByMap(data)
		got := topLevelFields(data)
		r := &cacheReader[encodedFields]{b: got}
		if n := r.uvarint(); n != uint64(len(want)) {
			t.Fatalf("%d fields encoded, want %d (%v)", n, len(want), want)
		}
		for k, p := range want {
			if q, ok := got.FieldPos(k); !ok || q != p {
				t.Errorf("%q at %v, %v; want %v", k, q, ok, p)
			}
		}
	})
}
