package gitstore

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A fetch killed part way leaves what go-git writes in place rather than
// through a rename (shared/GOGIT-NOTES.md):
//
//   - a remote-tracking ref truncated to nothing, or the lock file of
//     Accord's own update of it after a push, which make every later
//     fetch fail with "ref file is empty";
//   - a pack index (pack-<sum>.idx) without its pack: go-git writes the
//     index first, in place, and renames the pack next to it last. The
//     next fetch of the same objects makes the same pack, finds the torn
//     index "already there", keeps it, and every object in the pack then
//     reads as EOF;
//   - go-git's temporary pack (tmp_pack_<digits>).
//
// Git itself renames a pack before its index, so an index without a pack
// is never another git's work in progress. None of these hold anything
// that is not on the remote: removing them only makes the next fetch
// fetch again.

// fetchLeftovers lists, relative to the git directory, what a killed fetch
// left behind.
func (s *Store) fetchLeftovers() []string {
	var out []string
	remotes := filepath.Join(s.gitDir, "refs", "remotes")
	_ = filepath.WalkDir(remotes, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if strings.HasSuffix(d.Name(), ".lock") {
			// Accord's own update of a tracking ref (after a push) takes
			// git's lock file; killed, it stays, and go-git reads every
			// file under refs/ as a ref, an empty one as "ref file is
			// empty".
			out = append(out, s.relGit(p))
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		h, ok := parseRefHash(data)
		if !ok && strings.HasPrefix(strings.TrimSpace(string(data)), "ref: ") {
			return nil // a symbolic ref (origin/HEAD)
		}
		if !ok || !s.hasObject(h) {
			out = append(out, s.relGit(p))
		}
		return nil
	})
	packDir := filepath.Join(s.gitDir, "objects", "pack")
	entries, err := os.ReadDir(packDir)
	if err != nil {
		return out
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.Name()] = true
	}
	for _, e := range entries {
		name := e.Name()
		if base, ok := strings.CutSuffix(name, ".idx"); ok && strings.HasPrefix(base, "pack-") && !have[base+".pack"] {
			out = append(out, s.relGit(filepath.Join(packDir, name)))
		}
		if isGoGitTempPack(name) {
			out = append(out, s.relGit(filepath.Join(packDir, name)))
		}
	}
	return out
}

// isGoGitTempPack: go-git names its temporary packs tmp_pack_ and a
// decimal number (os.CreateTemp); git uses six letters and digits. Only
// go-git's are removed, and only under Accord's write lock, so a plain git
// fetch running in the same clone keeps its own.
func isGoGitTempPack(name string) bool {
	n, ok := strings.CutPrefix(name, "tmp_pack_")
	if !ok || n == "" || len(n) == 6 {
		return false
	}
	return strings.Trim(n, "0123456789") == ""
}

func (s *Store) relGit(p string) string {
	if r, err := filepath.Rel(s.gitDir, p); err == nil {
		return filepath.ToSlash(r)
	}
	return p
}

// clearFetchLeftovers removes what fetchLeftovers lists and says what it
// removed. Callers hold the write lock and s.mu.
func (s *Store) clearFetchLeftovers() []string {
	var notes []string
	for _, p := range s.fetchLeftovers() {
		if os.Remove(filepath.Join(s.gitDir, filepath.FromSlash(p))) != nil {
			continue
		}
		switch {
		case strings.HasPrefix(p, "refs/") && strings.HasSuffix(p, ".lock"):
			notes = append(notes, "removed "+p+", left by a stopped sync")
		case strings.HasPrefix(p, "refs/"):
			notes = append(notes, "removed "+p+", which a stopped sync left damaged; the next sync fetches it again")
		}
	}
	return notes
}
