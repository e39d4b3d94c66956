package gitstore

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

const goodGoal = "id: GOAL-4M2QX7A9\ntitle: Cut time-to-first-value\nlevel: objective\nstate: active\n"

// writeRaw puts a file into the worktree as a person (or a hostile
// teammate) would, bypassing Accord.
func writeRaw(t *testing.T, s *Store, p, data string) {
	t.Helper()
	full := filepath.Join(s.Dir(), p)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// dropLoadCache removes the load cache, once the last load has written
// it (Store.writeBehind), so that the next load is cold.
func dropLoadCache(s *Store) {
	s.settle()
	os.Remove(filepath.Join(s.gitDir, cacheName))
}

func problemFor(org *model.Org, path string) *model.Finding {
	for i, p := range org.Problems {
		if p.File == path {
			return &org.Problems[i]
		}
	}
	return nil
}

// Not parallel: it measures what loading allocates, and other tests'
// allocations would count.
func TestBadFilesAreReportedAndEverythingElseLoads(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'z'; i++ {
		prev := string(i - 1)
		bomb += string(i) + ": &" + string(i) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	cases := []struct {
		name, file, data string
		rule             string
		line             int
		inMessage        string
	}{
		{"malformed", "goals/AA/GOAL-AAAAAAAA.yaml", "id: GOAL-AAAAAAAA\ntitle: [unclosed\nlevel: objective\n", "yaml.syntax", 3, ""},
		{"tab indent", "goals/AB/GOAL-ABAAAAAA.yaml", "id: GOAL-ABAAAAAA\nmetric:\n\tunit: days\n", "yaml.tab", 3, "tab"},
		{"unknown field", "goals/AC/GOAL-ACAAAAAA.yaml", "id: GOAL-ACAAAAAA\ntitle: x\nowner_name: raj\n", "yaml.unknown-field", 3, `"owner_name"`},
		{"duplicate key", "goals/AD/GOAL-ADAAAAAA.yaml", "id: GOAL-ADAAAAAA\ntitle: x\ntitle: y\n", "yaml.duplicate-key", 3, `"title"`},
		{"second document", "goals/AE/GOAL-AEAAAAAA.yaml", "id: GOAL-AEAAAAAA\n---\nid: GOAL-AEAAAAAB\n", "yaml.multiple-documents", 2, "second YAML document"},
		{"alias bomb", "goals/AF/GOAL-AFAAAAAA.yaml", bomb, "yaml.anchor", 1, "anchor"},
		{"merge key", "goals/AG/GOAL-AGAAAAAA.yaml", "id: GOAL-AGAAAAAA\n<<: {title: x}\n", "yaml.merge-key", 2, "merge key"},
		{"conflict markers", "goals/AH/GOAL-AHAAAAAA.yaml", "id: GOAL-AHAAAAAA\n<<<<<<< HEAD\ntitle: a\n=======\ntitle: b\n>>>>>>> theirs\n", "file.conflict-markers", 2, "conflict"},
		{"wrong type", "goals/AJ/GOAL-AJAAAAAA.yaml", "id: GOAL-AJAAAAAA\ntitle: x\nweight: heavy\n", "yaml.type", 3, "heavy"},
		{"not a mapping", "goals/AK/GOAL-AKAAAAAA.yaml", "- id: GOAL-AKAAAAAA\n", "yaml.syntax", 1, "mapping"},
		{"empty", "goals/AM/GOAL-AMAAAAAA.yaml", "", "yaml.syntax", 1, "empty"},
		{"too large", "goals/AN/GOAL-ANAAAAAA.yaml", "id: GOAL-ANAAAAAA\ndescription: " + strings.Repeat("x", 10<<20) + "\n", "file.too-large", 0, "10485"},
	}
	s := newRepo(t)
	writeRaw(t, s, "goals/4M/GOAL-4M2QX7A9.yaml", goodGoal)
	for _, c := range cases {
		writeRaw(t, s, c.file, c.data)
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("loading the bad files allocated %d MB; hostile input must be rejected cheaply", grew>>20)
	}
	if g := org.Goals["GOAL-4M2QX7A9"]; g == nil || g.Title != "Cut time-to-first-value" {
		t.Errorf("the good record did not load beside the bad ones")
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := problemFor(org, c.file)
			if f == nil {
				t.Fatalf("no finding for %s; problems: %v", c.file, org.Problems)
			}
			if f.Rule != c.rule || f.Severity != model.SeverityError {
				t.Errorf("rule %s (%s), want %s error: %s", f.Rule, f.Severity, c.rule, f.Message)
			}
			if c.line > 0 && f.Line != c.line {
				t.Errorf("line %d, want %d: %s", f.Line, c.line, f.Message)
			}
			if !strings.Contains(f.Message, c.inMessage) {
				t.Errorf("message %q does not mention %q", f.Message, c.inMessage)
			}
			wantID := strings.TrimSuffix(filepath.Base(c.file), ".yaml")
			if f.ID != wantID {
				t.Errorf("finding ID %q, want %q", f.ID, wantID)
			}
			if _, loaded := org.Get(wantID); loaded {
				t.Errorf("a broken file was loaded as a record")
			}
		})
	}
	if len(org.Problems) != len(cases) {
		t.Errorf("%d problems, want %d: %v", len(org.Problems), len(cases), org.Problems)
	}
}

func TestSymlinksAreRefused(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	outside := filepath.Join(t.TempDir(), "secret.yaml")
	os.WriteFile(outside, []byte(goodGoal), 0o644)
	os.MkdirAll(filepath.Join(s.Dir(), "goals/4M"), 0o755)
	if err := os.Symlink(outside, filepath.Join(s.Dir(), "goals/4M/GOAL-4M2QX7A9.yaml")); err != nil {
		t.Fatal(err)
	}
	os.Symlink(filepath.Dir(outside), filepath.Join(s.Dir(), "goals/ZZ"))
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(org.Goals) != 0 {
		t.Fatalf("a record was read through a symlink: %v", org.Goals)
	}
	f := problemFor(org, "goals/4M/GOAL-4M2QX7A9.yaml")
	if f == nil || f.Rule != "file.symlink" {
		t.Fatalf("symlinked file: finding %+v, want file.symlink", f)
	}
	if f := problemFor(org, "goals/ZZ"); f == nil || f.Rule != "file.symlink" {
		t.Errorf("symlinked folder: finding %+v, want file.symlink", f)
	}
}

func TestDuplicateIDKeepsTheFirstAndReportsTheSecond(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	writeRaw(t, s, "goals/4M/GOAL-4M2QX7A9.yaml", goodGoal)
	writeRaw(t, s, "goals/4M/GOAL-4M2QX7AB.yaml", goodGoal) // copied file, ID not changed
	org, _ := s.Load()
	f := problemFor(org, "goals/4M/GOAL-4M2QX7AB.yaml")
	if f == nil || f.Rule != "id.duplicate" || !strings.Contains(f.Message, "goals/4M/GOAL-4M2QX7A9.yaml") {
		t.Fatalf("finding %+v, want id.duplicate naming the first file", f)
	}
	if org.Sources["GOAL-4M2QX7A9"].Path != "goals/4M/GOAL-4M2QX7A9.yaml" {
		t.Errorf("the record's source moved to the duplicate")
	}
}

func TestConfigIsLoaded(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	org, _ := s.Load()
	if org.Config.Org != "Northwind Labs" || org.Config.Schema != model.SchemaVersion {
		t.Errorf("config = %+v", org.Config)
	}
	if len(org.Problems) != 0 {
		t.Errorf("a fresh repository has problems: %v", org.Problems)
	}
}
