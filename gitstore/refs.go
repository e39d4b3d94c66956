package gitstore

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// ErrRefDamaged: the branch's ref file is empty, torn or points at a commit
// that is not there. It is repaired from the reflog (or the backup Accord
// keeps of the last head it wrote), never taken for "no commits yet".
var ErrRefDamaged = errors.New("branch ref damaged")

// headBackup is the last head Accord moved the branch to ("<ref> <hash>"),
// a second source for repairing a damaged ref besides the reflog.
const headBackup = "accord/ORIG_HEAD"

// refPath is the loose ref file of name.
func (s *Store) refPath(name plumbing.ReferenceName) string {
	return filepath.Join(s.gitDir, filepath.FromSlash(name.String()))
}

// parseRefHash reads a loose ref file's content: one full commit hash.
func parseRefHash(data []byte) (plumbing.Hash, bool) {
	line := strings.TrimSpace(string(data))
	if len(line) != 40 || !plumbing.IsHash(line) {
		return plumbing.ZeroHash, false
	}
	h := plumbing.NewHash(line)
	return h, !h.IsZero()
}

// readBranch returns the commit the branch points at. It is zero only when
// the branch has never had a commit: no loose ref, no packed ref, and no
// reflog or backup naming one. An empty, torn or dangling ref is
// ErrRefDamaged. With checkObject, the commit must exist.
func (s *Store) readBranch(branch plumbing.ReferenceName, checkObject bool) (plumbing.Hash, error) {
	data, err := os.ReadFile(s.refPath(branch))
	switch {
	case err == nil:
		h, ok := parseRefHash(data)
		if !ok {
			what := "is empty"
			if len(bytes.TrimSpace(data)) > 0 {
				what = fmt.Sprintf("holds %q, not a commit hash", model.CleanText(string(bytes.TrimSpace(data[:min(len(data), 60)])), false))
			}
			return plumbing.ZeroHash, fmt.Errorf("%w: %s %s", ErrRefDamaged, branch, what)
		}
		if checkObject {
			if _, err := s.repo.Storer.EncodedObject(plumbing.CommitObject, h); err != nil {
				return plumbing.ZeroHash, fmt.Errorf("%w: %s points at commit %s, which cannot be read: %v", ErrRefDamaged, branch, h, err)
			}
		}
		return h, nil
	case errors.Is(err, fs.ErrNotExist):
		ref, err := s.repo.Storer.Reference(branch) // packed-refs
		if err == nil && ref.Type() == plumbing.HashReference && !ref.Hash().IsZero() {
			return ref.Hash(), nil
		}
		if err != nil && !errors.Is(err, plumbing.ErrReferenceNotFound) {
			return plumbing.ZeroHash, fmt.Errorf("read %s: %w", branch, err)
		}
		if good, _ := s.lastGoodHead(branch); !good.IsZero() {
			return plumbing.ZeroHash, fmt.Errorf("%w: %s is missing, but it pointed at %s", ErrRefDamaged, branch, good)
		}
		return plumbing.ZeroHash, nil
	default:
		return plumbing.ZeroHash, fmt.Errorf("read %s: %w", branch, err)
	}
}

// lastGoodHead is the newest commit the reflog or Accord's backup names for
// branch that exists in the object store, and where it was found.
func (s *Store) lastGoodHead(branch plumbing.ReferenceName) (plumbing.Hash, string) {
	exists := func(h plumbing.Hash) bool {
		if h.IsZero() {
			return false
		}
		_, err := s.repo.Storer.EncodedObject(plumbing.CommitObject, h)
		return err == nil
	}
	logPath := filepath.Join(s.gitDir, "logs", filepath.FromSlash(branch.String()))
	var fromLog []plumbing.Hash
	if data, err := os.ReadFile(logPath); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) >= 2 && plumbing.IsHash(f[1]) {
				fromLog = append(fromLog, plumbing.NewHash(f[1]))
			}
		}
	}
	var backup plumbing.Hash
	if data, err := os.ReadFile(filepath.Join(s.gitDir, filepath.FromSlash(headBackup))); err == nil {
		if f := strings.Fields(string(data)); len(f) == 2 && f[0] == branch.String() && plumbing.IsHash(f[1]) {
			backup = plumbing.NewHash(f[1])
		}
	}
	for i := len(fromLog) - 1; i >= 0; i-- {
		if !exists(fromLog[i]) {
			continue
		}
		// The backup wins when it is newer (it descends from the reflog's).
		if ok, _ := s.isAncestor(fromLog[i], backup); ok && exists(backup) && backup != fromLog[i] {
			return backup, ".git/" + headBackup
		}
		return fromLog[i], ".git/logs/" + branch.String()
	}
	if exists(backup) {
		return backup, ".git/" + headBackup
	}
	return plumbing.ZeroHash, ""
}

// repairBranch points a damaged branch back at the last good head and says
// what it did. Callers hold the write lock and s.mu.
func (s *Store) repairBranch(branch plumbing.ReferenceName, damage error) (string, error) {
	good, from := s.lastGoodHead(branch)
	if good.IsZero() {
		return "", fmt.Errorf("%w; no reflog or backup names a commit to restore it to: point it at the last good commit with git update-ref %s <commit>", damage, branch)
	}
	cur, _ := os.ReadFile(s.refPath(branch))
	err := s.writeRef(branch, good, "accord: repair damaged ref", true, func(now []byte, _ bool) error {
		if !bytes.Equal(now, cur) {
			return fmt.Errorf("%s changed while being repaired", branch)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s was damaged (%s); restored it to %s from %s",
		branch, strings.TrimPrefix(damage.Error(), ErrRefDamaged.Error()+": "+branch.String()+" "), model.ShortHash(good.String()), from), nil
}

// moveBranch moves the branch from old (zero: it must not exist yet) to h.
func (s *Store) moveBranch(branch plumbing.ReferenceName, old, h plumbing.Hash, msg string, durable bool) error {
	return s.writeRef(branch, h, msg, durable, func(cur []byte, exists bool) error {
		if !exists && old.IsZero() {
			if ref, err := s.repo.Storer.Reference(branch); err == nil && !ref.Hash().IsZero() {
				return fmt.Errorf("%w: %s was created meanwhile (%s)", ErrConflict, branch, model.ShortHash(ref.Hash().String()))
			}
			return nil
		}
		if !exists {
			if ref, err := s.repo.Storer.Reference(branch); err == nil && ref.Hash() == old {
				return nil // packed
			}
			return fmt.Errorf("%w: %s is gone", ErrConflict, branch)
		}
		now, ok := parseRefHash(cur)
		if !ok {
			return fmt.Errorf("%w: %s is damaged", ErrRefDamaged, branch)
		}
		if now != old {
			return fmt.Errorf("%w: %s is at %s, not %s", ErrConflict, branch, model.ShortHash(now.String()), model.ShortHash(old.String()))
		}
		return nil
	})
}

// writeRef updates a ref the way git does, so that a kill at any point
// leaves the old value or the new one, never a torn file, and git and
// Accord exclude each other: create <ref>.lock exclusively, check the
// current value under it (check gets the ref file's bytes), write and
// fsync the new value, append a reflog line, rename the lock over the ref,
// fsync the folder. The new head is also kept in .git/accord/ORIG_HEAD.
func (s *Store) writeRef(name plumbing.ReferenceName, h plumbing.Hash, msg string, durable bool, check func(cur []byte, exists bool) error) error {
	p := s.refPath(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	lock, err := os.OpenFile(p+".lock", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%w: %s.lock exists: another git command is updating %s (if none is running, remove the file)", ErrConflict, name, name)
	}
	if err != nil {
		return fmt.Errorf("lock %s: %w", name, err)
	}
	done := false
	defer func() {
		if !done {
			lock.Close()
			os.Remove(p + ".lock")
		}
	}()
	cur, rerr := os.ReadFile(p)
	if rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", name, rerr)
	}
	if err := check(cur, rerr == nil); err != nil {
		return err
	}
	if _, err := lock.WriteString(h.String() + "\n"); err != nil {
		return fmt.Errorf("write %s.lock: %w", name, err)
	}
	if durable {
		if err := lock.Sync(); err != nil {
			return fmt.Errorf("write %s.lock: %w", name, err)
		}
	}
	if err := lock.Close(); err != nil {
		return fmt.Errorf("write %s.lock: %w", name, err)
	}
	old, _ := parseRefHash(cur)
	s.appendReflog(name, old, h, msg)
	if err := os.Rename(p+".lock", p); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	done = true
	if name.IsBranch() {
		_ = writeFileQuick(filepath.Join(s.gitDir, filepath.FromSlash(headBackup)), []byte(name.String()+" "+h.String()+"\n"))
	}
	if !durable {
		return nil
	}
	if err := syncDirPath(filepath.Dir(p)); err != nil {
		return fmt.Errorf("update %s: %w", name, err)
	}
	return nil
}

// appendReflog adds git's reflog line for a ref update. The reflog is a
// record, not a requirement: a failure to write it does not stop the update.
func (s *Store) appendReflog(name plumbing.ReferenceName, old, h plumbing.Hash, msg string) {
	p := filepath.Join(s.gitDir, "logs", filepath.FromSlash(name.String()))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return
	}
	who := Signature{Name: "Accord", Email: "accord@localhost"}
	if s.author != nil {
		who = *s.author
	} else if id, err := s.identityLocked(); err == nil {
		who = id
	}
	// When the ref moved on this machine, as git records it: the wall
	// clock, not the store's (which dates commits and may be pinned).
	when := time.Now()
	msg = strings.ReplaceAll(strings.SplitN(strings.TrimSpace(msg), "\n", 2)[0], "\t", " ")
	line := fmt.Sprintf("%s %s %s <%s> %d %s\t%s\n", old, h, oneLine(who.Name), oneLine(who.Email), when.Unix(), when.Format("-0700"), msg)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return
	}
	_, _ = f.WriteString(line)
	_ = f.Close()
}

func oneLine(s string) string {
	return strings.NewReplacer("\n", " ", "<", "", ">", "").Replace(s)
}

// writeFileQuick replaces a small file under .git with a rename, without
// fsync: after a crash it holds the old content or the new one.
func writeFileQuick(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".accord.tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// syncDirPath fsyncs a folder outside the worktree's root.
func syncDirPath(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
