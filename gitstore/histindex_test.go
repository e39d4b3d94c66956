package gitstore

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParseHistoryIndex: any bytes decode without a panic, and what a
// one-record command decodes (one path only) is the full decode with every
// other path left out, so log and blame see what IndexHistory built.
func FuzzParseHistoryIndex(f *testing.F) {
	s := packedHistory(f, 40, 12)
	if err := s.IndexHistory(); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(s.gitDir, historyIndexName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(historyIndexVersion + "\x01\x05goals\x01"))
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		full := parseHistoryIndex(data, "", false)
		paths := map[string]bool{"absent.yaml": true}
		for _, c := range full.commits {
			for _, ds := range c.diffs {
				for _, d := range ds {
					if len(paths) < 8 {
						paths[d.path] = true
					}
				}
			}
		}
		for p := range paths {
			only := parseHistoryIndex(data, p, true)
			if len(only.commits) != len(full.commits) {
				t.Fatalf("%s: %d commits decoded, the full decode has %d", p, len(only.commits), len(full.commits))
			}
			for h, c := range full.commits {
				o := only.commits[h]
				if o == nil || o.when != c.when || !reflect.DeepEqual(o.parents, c.parents) || len(o.diffs) != len(c.diffs) {
					t.Fatalf("%s: commit %s decoded as %+v, fully as %+v", p, h, o, c)
				}
				for i, ds := range c.diffs {
					var want []pathDelta
					for _, d := range ds {
						if d.path == p {
							want = append(want, d)
						}
					}
					if len(want) != len(o.diffs[i]) || len(want) > 0 && !reflect.DeepEqual(want, o.diffs[i]) {
						t.Fatalf("%s: commit %s parent %d: %v, want %v", p, h, i, o.diffs[i], want)
					}
				}
			}
		}
	})
}
