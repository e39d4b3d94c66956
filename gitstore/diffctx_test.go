package gitstore

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/go-git/go-git/v5/plumbing"
)

// A diff of a few records reads those records and the few that describe
// them, not the organisation: counted through the read hook, once the
// diff links exist (the first diff in a clone makes them, as the first
// history call makes the history index).
func TestDiffReadsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg, commits := demo.Synthetic(900, 12, 3, benchToday)
	s, err := WriteHistory(dir, cfg, commits, as("Test"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.OrgAt("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if org.Len() < 800 {
		t.Fatalf("the organisation has %d records", org.Len())
	}

	// Without the load cache, so every file read is counted.
	dropLoadCache(s)
	var first []string
	if _, _, _, err := s.diffOrg("HEAD~3", "HEAD~2", nil, func(p string) { first = append(first, p) }); err != nil {
		t.Fatal(err)
	}
	if len(first) < 500 {
		t.Errorf("making the diff links read %d records; want every goal, check-in and person", len(first))
	}
	for _, rng := range [][2]string{{"HEAD~2", "HEAD~1"}, {"HEAD~1", "HEAD"}, {"HEAD~3", "HEAD"}} {
		var read []string
		_, changes, _, err := s.diffOrg(rng[0], rng[1], []string{"nobody@example.com"}, func(p string) { read = append(read, p) })
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) == 0 {
			t.Fatalf("%s..%s: nothing changed", rng[0], rng[1])
		}
		changed := 0
		for _, p := range read {
			_, id, _ := model.KindOfPath(p)
			if slices.ContainsFunc(changes, func(c model.RecordDelta) bool { return c.ID == id }) {
				changed++
			}
		}
		t.Logf("%s..%s: %d records changed, %d files read", rng[0], rng[1], len(changes), len(read))
		// Each changed record is read at both sides; what describes it (its
		// people, its goal and the goal's parents) is a handful more.
		if len(read) > changed+8*len(changes)+10 {
			t.Errorf("%s..%s: %d records changed, %d files read:\n%v", rng[0], rng[1], len(changes), len(read), read)
		}
	}
}

// Damaged diff links are made again, never trusted: the diff is the same.
func TestDiffLinksDamagedAreMadeAgain(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg, commits := demo.Synthetic(300, 8, 5, benchToday)
	s, err := WriteHistory(dir, cfg, commits, as("Test"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want, _, _, err := s.DiffOrg("HEAD~4", "HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, ".git", diffLinksName)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if parseDiffLinks(good) == nil {
		t.Fatal("diff links just written do not parse")
	}
	bad := slices.Clone(good)
	bad[len(bad)/2] ^= 0x55
	if parseDiffLinks(bad) != nil {
		t.Fatal("a damaged diff-links file parses")
	}
	os.WriteFile(file, bad, 0o644)
	got, _, _, err := s.DiffOrg("HEAD~4", "HEAD", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Goals) != len(want.Goals) || len(got.Updates) != len(want.Updates) {
		t.Errorf("after damage: %d goals, %d check-ins; before: %d, %d", len(got.Goals), len(got.Updates), len(want.Goals), len(want.Updates))
	}
	if again, _ := os.ReadFile(file); parseDiffLinks(again) == nil {
		t.Error("the damaged file was not replaced")
	}
}

func FuzzParseDiffLinks(f *testing.F) {
	var trees [linkSections]plumbing.Hash
	trees[0][0] = 7
	good := encodeDiffLinks(trees, [linkSections][]linkRow{
		{{"GOAL-4M2QX7A9", "GOAL-7K3FQ2M1", "", "active", "key_result", "at_risk"}, {"", "GOAL-4M2QX7A9", "", "active", "objective", "at_risk"}},
		{{"GOAL-7K3FQ2M1", "UPD-Q8W2ZD4N", "", "2026-11-14", "at_risk"}},
		{{"raj@northwind.example", "raj", ""}},
	})
	if l := parseDiffLinks(good); l == nil || len((&diffLinks{file: l}).find(linkGoals, "GOAL-4M2QX7A9")) != 1 {
		f.Fatal("diff links just encoded do not read back")
	}
	body := good[len(diffLinksVersion) : len(good)-4]
	f.Add(body)
	f.Add(body[:len(body)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		// With a right checksum, so the fuzzer reaches the sections.
		b := append([]byte(diffLinksVersion), data...)
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
		lf := parseDiffLinks(b)
		if lf == nil {
			return
		}
		l := &diffLinks{file: lf}
		for sec := range linkSections {
			for _, r := range l.rows(sec) {
				if len(r) != linkFields[sec] {
					t.Fatalf("row of %d fields in section %d", len(r), sec)
				}
				l.find(sec, r[0])
			}
		}
		l.latestUpdate("GOAL-7K3FQ2M1", nil)
		l.handles("raj@northwind.example")
	})
}
