package gitstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// journalName is the record of a write in progress, in .git. It is written
// (and fsynced) before the first worktree file changes and removed once the
// branch has moved and the index is refreshed, so a command killed in
// between leaves it behind, and the next command finishes or rolls back
// what it names (recoverLocked).
const journalName = "accord/journal.json"

// A journal names a commit being made: the branch moves from Parent to
// Commit, and each file goes from Old to New (blob hashes; "" is absent).
type journal struct {
	Branch  string        `json:"branch"`
	Parent  string        `json:"parent,omitempty"`
	Commit  string        `json:"commit"`
	Message string        `json:"message"`
	Files   []journalFile `json:"files"`
}

type journalFile struct {
	Path string `json:"path"`
	Old  string `json:"old,omitempty"`
	New  string `json:"new,omitempty"`
	// Unknown: the file's content before could not be read; it is never
	// restored (left as it is) by a rollback.
	Unknown bool `json:"unknown,omitempty"`
}

func (s *Store) journalPath() string {
	return filepath.Join(s.gitDir, filepath.FromSlash(journalName))
}

func hashOrEmpty(h plumbing.Hash) string {
	if h.IsZero() {
		return ""
	}
	return h.String()
}

// beginJournal records the commit about to be made, with each file's
// content before (kept as a blob, so a rollback can put back even an edit
// that was never committed). Callers hold the write lock and s.mu.
func (s *Store) beginJournal(branch plumbing.ReferenceName, parent, commit plumbing.Hash, msg string, blobs map[string]plumbing.Hash, deleted []string) (*journal, error) {
	j := &journal{Branch: branch.String(), Parent: hashOrEmpty(parent), Commit: commit.String(),
		Message: strings.SplitN(strings.TrimSpace(msg), "\n", 2)[0]}
	paths := make([]string, 0, len(blobs)+len(deleted))
	for p := range blobs {
		paths = append(paths, p)
	}
	paths = append(paths, deleted...)
	slices.Sort(paths)
	for _, p := range paths {
		f := journalFile{Path: p, New: hashOrEmpty(blobs[p])}
		data, err := readRecordFile(s.root, p)
		switch {
		case err == nil:
			h := plumbing.ComputeHash(plumbing.BlobObject, data)
			if !s.hasObject(h) {
				if h, err = s.writeBlob(data); err != nil {
					return nil, fmt.Errorf("keep %s before writing it: %w", p, err)
				}
			}
			f.Old = h.String()
		case isNotExist(s, p):
		default:
			f.Unknown = true
		}
		j.Files = append(j.Files, f)
	}
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeFileDurable(s.journalPath(), data); err != nil {
		return nil, fmt.Errorf("write %s: %w", journalName, err)
	}
	return j, nil
}

func (s *Store) hasObject(h plumbing.Hash) bool {
	return s.repo.Storer.HasEncodedObject(h) == nil
}

func isNotExist(s *Store, p string) bool {
	_, err := s.root.Lstat(p)
	return errors.Is(err, fs.ErrNotExist)
}

// endJournal removes the journal of a write that is complete.
func (s *Store) endJournal() {
	_ = os.Remove(s.journalPath())
}

func (s *Store) readJournal() (*journal, error) {
	data, err := os.ReadFile(s.journalPath())
	if err != nil {
		return nil, err
	}
	var j journal
	if err := json.Unmarshal(data, &j); err != nil || j.Commit == "" || j.Branch == "" {
		// A journal torn before its rename cannot exist (it is renamed
		// into place whole); one that does not parse names nothing we
		// wrote, as files are only written after it is complete.
		return nil, nil
	}
	return &j, nil
}

// rollback puts back the files of j that still hold what the interrupted or
// refused write put there: to their content before when the branch did not
// change them meanwhile, else to the branch's version, so the worktree
// matches the branch and keeps every edit that was there before. A file
// changed since (by someone else) is left alone. It returns the paths it
// put back. Callers hold the write lock and s.mu.
func (s *Store) rollback(j *journal, head plumbing.Hash) ([]string, error) {
	parent := plumbing.NewHash(j.Parent)
	var headTree, parentTree *object.Tree
	if head != parent && !head.IsZero() {
		t, err := s.treeOf(head)
		if err != nil {
			return nil, fmt.Errorf("read commit %s: %w", model.ShortHash(head.String()), err)
		}
		headTree = t
		if !parent.IsZero() {
			if parentTree, err = s.treeOf(parent); err != nil {
				return nil, fmt.Errorf("read commit %s: %w", model.ShortHash(parent.String()), err)
			}
		}
	}
	entry := func(t *object.Tree, p string) plumbing.Hash {
		if t == nil {
			return plumbing.ZeroHash
		}
		if e, err := t.FindEntry(p); err == nil {
			return e.Hash
		}
		return plumbing.ZeroHash
	}
	var restored []string
	for _, f := range j.Files {
		now, ok := s.worktreeBlob(f.Path)
		if !ok || hashOrEmpty(now) != f.New {
			continue // not what we wrote: someone's edit since, keep it
		}
		target := plumbing.NewHash(f.Old)
		if headTree != nil {
			hb := entry(headTree, f.Path)
			if hb != entry(parentTree, f.Path) {
				target = hb // the branch changed it meanwhile: match the branch
			} else if f.Unknown {
				continue
			}
		} else if f.Unknown {
			continue
		}
		if hashOrEmpty(target) == f.New {
			continue
		}
		if target.IsZero() {
			if err := removeFile(s.root, f.Path, true); err != nil {
				return restored, err
			}
		} else {
			data, err := readBlob(s, target)
			if err != nil {
				return restored, fmt.Errorf("put back %s (blob %s): %w", f.Path, model.ShortHash(target.String()), err)
			}
			if err := writeAtomic(s.root, f.Path, data, true); err != nil {
				return restored, err
			}
		}
		restored = append(restored, f.Path)
	}
	return restored, nil
}

// worktreeBlob is the blob hash of a worktree file as it is now (zero when
// absent); ok is false when it cannot be read.
func (s *Store) worktreeBlob(p string) (plumbing.Hash, bool) {
	data, err := readRecordFile(s.root, p)
	if err == nil {
		return plumbing.ComputeHash(plumbing.BlobObject, data), true
	}
	if isNotExist(s, p) {
		return plumbing.ZeroHash, true
	}
	return plumbing.ZeroHash, false
}

// removeTemps removes Accord's temporary files (.accord-*.tmp) from the
// folders of j's files, left by a write killed before its rename.
func (s *Store) removeTemps(j *journal) {
	seen := map[string]bool{}
	for _, f := range j.Files {
		dir := path.Dir(f.Path)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		entries, err := readDir(s.root, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if isAccordTemp(e.Name()) {
				_ = s.root.Remove(path.Join(dir, e.Name()))
			}
		}
	}
}

func isAccordTemp(name string) bool {
	return strings.HasPrefix(name, ".accord-") && strings.HasSuffix(name, ".tmp")
}

// Notices are what the store did on opening to clean up after a command
// that was stopped mid-write (a write finished or rolled back, temporary
// files removed, a damaged branch ref repaired), one sentence each, for
// the caller to show.
func (s *Store) Notices() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.notices)
}

// needsRecovery is a cheap check, without the lock, for anything a stopped
// command may have left: a journal, the index's temporary file, what a
// killed fetch left (fetchdebris.go), or a branch ref that is empty or torn.
func (s *Store) needsRecovery() bool {
	if _, err := os.Lstat(s.journalPath()); err == nil {
		return true
	}
	if _, err := os.Lstat(filepath.Join(s.gitDir, indexTemp)); err == nil {
		return true
	}
	if len(s.fetchLeftovers()) > 0 {
		return true
	}
	branch, err := s.headBranch()
	if err != nil {
		return false
	}
	_, err = s.readBranch(branch, false)
	return errors.Is(err, ErrRefDamaged)
}

// recoverOnOpen cleans up after a stopped command when there is anything to
// clean and no other writer is busy (it never waits for the lock: a live
// writer's journal is its own).
func (s *Store) recoverOnOpen() {
	if !s.needsRecovery() {
		return
	}
	lock, err := acquireLock(s.gitDir, 0)
	if err != nil {
		return
	}
	defer lock.release()
	s.mu.Lock()
	defer s.mu.Unlock()
	notes, err := s.recoverLocked()
	s.notices = append(s.notices, notes...)
	if err != nil {
		s.notices = append(s.notices, err.Error())
	}
	if s.repaired != "" {
		s.notices = append(s.notices, s.repaired)
	}
}

// recoverLocked finishes or rolls back what a stopped command left:
//  1. a damaged branch ref is repaired from the reflog or the backup, and
//     the next write is refused (s.repaired) so the person can look first;
//  2. a journal whose commit is the branch's head only lacks its index;
//  3. a journal whose files were all written is committed, as it was meant;
//  4. otherwise the files it wrote are put back;
//
// and the temporary files of the index and the records are removed.
// Callers hold the write lock and s.mu.
func (s *Store) recoverLocked() ([]string, error) {
	notes := s.clearFetchLeftovers()
	_ = os.Remove(filepath.Join(s.gitDir, indexTemp))
	branch, err := s.headBranch()
	if err != nil {
		return nil, err
	}
	if _, err := s.readBranch(branch, true); errors.Is(err, ErrRefDamaged) {
		if j, _ := s.readJournal(); j != nil {
			s.dropRefLock(j)
		}
		msg, err := s.repairBranch(branch, err)
		if err != nil {
			return notes, err
		}
		s.repaired = msg
	} else if err != nil {
		return notes, err
	}
	j, err := s.readJournal()
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return notes, fmt.Errorf("read %s: %w", journalName, err)
	}
	if j == nil {
		_ = os.Remove(s.journalPath())
		return notes, nil
	}
	s.dropRefLock(j)
	s.removeTemps(j)
	// Accord's own index.lock is always empty (lockIndex); git writes
	// the new index into its lock file.
	if info, err := os.Lstat(filepath.Join(s.gitDir, "index.lock")); err == nil && info.Size() == 0 {
		_ = os.Remove(filepath.Join(s.gitDir, "index.lock"))
	}
	jb := plumbing.ReferenceName(j.Branch)
	head, err := s.readBranch(jb, true)
	if err != nil {
		return notes, err
	}
	commit, parent := plumbing.NewHash(j.Commit), plumbing.NewHash(j.Parent)
	what := fmt.Sprintf("%q (%s)", j.Message, model.ShortHash(j.Commit))
	switch {
	case head == commit:
		if err := s.refreshIndexFor(j); err != nil {
			return notes, err
		}
	case head == parent && s.complete(j) && s.hasObject(commit):
		if err := s.moveBranch(jb, parent, commit, "accord: finish interrupted commit: "+j.Message, true); err != nil {
			return notes, err
		}
		if err := s.refreshIndexFor(j); err != nil {
			return notes, err
		}
		notes = append(notes, fmt.Sprintf("finished a write a stopped command left: every file of %s was written, so it is now committed", what))
	default:
		restored, err := s.rollback(j, head)
		if err != nil {
			return notes, err
		}
		if len(restored) > 0 {
			notes = append(notes, fmt.Sprintf("rolled back a write a stopped command left unfinished, %s: put back %s", what, strings.Join(restored, ", ")))
		}
	}
	s.endJournal()
	return notes, nil
}

// complete: every file of j holds what the write meant to put there.
func (s *Store) complete(j *journal) bool {
	for _, f := range j.Files {
		now, ok := s.worktreeBlob(f.Path)
		if !ok || hashOrEmpty(now) != f.New {
			return false
		}
	}
	return true
}

// dropRefLock removes the branch's .lock file when it is the one the
// journal's write made (it holds the journal's commit, or less of it).
func (s *Store) dropRefLock(j *journal) {
	p := s.refPath(plumbing.ReferenceName(j.Branch)) + ".lock"
	data, err := os.ReadFile(p)
	if err == nil && strings.HasPrefix(j.Commit+"\n", string(data)) {
		_ = os.Remove(p)
	}
}

// refreshIndexFor brings the index entries of j's files up to the commit.
func (s *Store) refreshIndexFor(j *journal) error {
	c, err := s.repo.CommitObject(plumbing.NewHash(j.Commit))
	if err != nil {
		return fmt.Errorf("read commit %s: %w", model.ShortHash(j.Commit), err)
	}
	blobs := map[string]plumbing.Hash{}
	var deleted []string
	for _, f := range j.Files {
		if f.New == "" {
			deleted = append(deleted, f.Path)
		} else {
			blobs[f.Path] = plumbing.NewHash(f.New)
		}
	}
	return s.updateIndex(c.TreeHash, blobs, deleted, nil)
}

// writeFileDurable replaces a file under .git so that after a crash it
// holds the old content or the new one, and the new one once it returns.
// The new content is the pieces, one after the other.
func writeFileDurable(p string, pieces ...[]byte) error {
	return writeDurable(p, func(f *os.File) error { return writeAll(f, pieces) }, nil)
}

// writeDurable is writeFileDurable with the content written by write to
// the temporary file. settle, when not nil, is called once that file is on
// disk, before it replaces p: when it fails, p is left as it was.
func writeDurable(p string, write func(*os.File) error, settle func() error) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".accord.tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if err = write(f); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && settle != nil {
		err = settle()
	}
	if err == nil {
		err = os.Rename(tmp, p)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDirPath(filepath.Dir(p))
}

// writeAll writes the pieces to w one after the other.
func writeAll(w io.Writer, pieces [][]byte) error {
	for _, data := range pieces {
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return nil
}

// excludeTemps makes git ignore Accord's temporary files in this clone
// (.git/info/exclude), so a person's `git add -A` while Accord writes never
// commits one. It appends the line once.
func (s *Store) excludeTemps() {
	const line = ".accord-*.tmp"
	p := filepath.Join(s.gitDir, "info", "exclude")
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) == line {
			return
		}
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	if len(data) > 0 && !strings.HasSuffix(string(data), "\n") {
		_, _ = f.WriteString("\n")
	}
	_, _ = f.WriteString("# Accord's temporary files while it writes a record\n" + line + "\n")
}
