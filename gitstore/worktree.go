package gitstore

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// errBlobTooLarge: a blob is larger than a record may be. Whoever reads
// records from history treats it like a file that does not decode.
var errBlobTooLarge = errors.New("larger than a record may be")

// worktreeBlob is the blob hash git would give the worktree file p as it
// is now: a regular file's content, whatever its size, or a symlink's
// target, never followed. Zero when there is no such file or it cannot be
// read.
func worktreeBlob(root *os.Root, p string) plumbing.Hash {
	info, err := root.Lstat(p)
	if err != nil {
		return plumbing.ZeroHash
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		target, err := root.Readlink(p)
		if err != nil {
			return plumbing.ZeroHash
		}
		return plumbing.ComputeHash(plumbing.BlobObject, []byte(target))
	case !info.Mode().IsRegular():
		return plumbing.ZeroHash
	}
	f, err := root.OpenFile(p, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return plumbing.ZeroHash
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return plumbing.ZeroHash
	}
	h := plumbing.NewHasher(plumbing.BlobObject, st.Size())
	if n, err := io.Copy(h, f); err != nil || n != st.Size() {
		return plumbing.ZeroHash
	}
	return h.Sum()
}

// checkout is a set of worktree changes made the way git checks out a
// commit, in two steps so that it never stops half-way: stage reads every
// blob into a temporary file beside its path (or makes the symlink there),
// and only when all are staged does apply move them into place and remove
// the deleted paths. A blob that cannot be read stops stage with nothing
// changed.
type checkout struct {
	root    *os.Root
	staged  []stagedPath
	deleted []string
}

type stagedPath struct {
	path, tmp string
	entry     object.TreeEntry
}

// stage prepares every change; on error nothing of the worktree changed
// and no temporary file is left.
func (s *Store) stage(changes map[string]object.TreeEntry) (*checkout, error) {
	co := &checkout{root: s.root}
	paths := make([]string, 0, len(changes))
	for p := range changes {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		e := changes[p]
		if err := checkRepoPath(p); err != nil {
			co.discard()
			return nil, err
		}
		if e.Hash.IsZero() {
			co.deleted = append(co.deleted, p)
			continue
		}
		if !e.Mode.IsFile() {
			continue // a submodule: git leaves an empty folder, Accord nothing
		}
		tmp, err := s.stageOne(p, e)
		if err != nil {
			co.discard()
			return nil, fmt.Errorf("%s (blob %s): %w", p, model.ShortHash(e.Hash.String()), err)
		}
		co.staged = append(co.staged, stagedPath{path: p, tmp: tmp, entry: e})
	}
	return co, nil
}

func (s *Store) stageOne(p string, e object.TreeEntry) (string, error) {
	dir := path.Dir(p)
	if err := s.root.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create folder %s: %w", dir, pathErr(err))
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(dir, ".accord-"+hex.EncodeToString(rnd[:])+".tmp")
	b, err := s.repo.BlobObject(e.Hash)
	if err != nil {
		return "", fmt.Errorf("cannot read it from the repository: %w", err)
	}
	r, err := b.Reader()
	if err != nil {
		return "", fmt.Errorf("cannot read it from the repository: %w", err)
	}
	defer r.Close()
	if e.Mode == filemode.Symlink {
		target, err := io.ReadAll(io.LimitReader(r, 4096))
		if err != nil {
			return "", fmt.Errorf("cannot read it from the repository: %w", err)
		}
		if err := s.root.Symlink(string(target), tmp); err != nil {
			return "", fmt.Errorf("make symlink: %w", pathErr(err))
		}
		return tmp, nil
	}
	perm := os.FileMode(0o644)
	if e.Mode == filemode.Executable {
		perm = 0o755
	}
	f, err := s.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return "", fmt.Errorf("write: %w", pathErr(err))
	}
	n, err := io.Copy(f, r)
	if err == nil && n != b.Size {
		err = fmt.Errorf("read %d of %d bytes", n, b.Size)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = s.root.Remove(tmp)
		return "", fmt.Errorf("cannot read it from the repository: %w", err)
	}
	return tmp, nil
}

// discard removes the staged temporary files.
func (co *checkout) discard() {
	for _, sp := range co.staged {
		_ = co.root.Remove(sp.tmp)
	}
	co.staged = nil
}

// apply moves the staged files into place and removes the deleted paths,
// then makes the renames durable. It returns the blobs now in place and
// the paths removed, for the index.
func (co *checkout) apply() (map[string]plumbing.Hash, []string, error) {
	blobs := make(map[string]plumbing.Hash, len(co.staged))
	dirs := map[string]bool{}
	for i, sp := range co.staged {
		if info, err := co.root.Lstat(sp.path); err == nil && info.IsDir() {
			co.staged = co.staged[i:]
			co.discard()
			return blobs, nil, fmt.Errorf("write %s: a folder is in the way", sp.path)
		}
		if err := co.root.Rename(sp.tmp, sp.path); err != nil {
			co.staged = co.staged[i:]
			co.discard()
			return blobs, nil, fmt.Errorf("write %s: %w", sp.path, pathErr(err))
		}
		blobs[sp.path] = sp.entry.Hash
		dirs[path.Dir(sp.path)] = true
	}
	co.staged = nil
	for _, p := range co.deleted {
		if err := removeFile(co.root, p, false); err != nil {
			return blobs, nil, err
		}
		dirs[path.Dir(p)] = true
	}
	for d := range dirs {
		if err := syncDir(co.root, d); err != nil {
			return blobs, co.deleted, err
		}
	}
	return blobs, co.deleted, nil
}

// AttributeProblems names, on each finding about a file that cannot be
// read (too large, a symlink, broken YAML), the last commit that changed
// the file and its author, so that people know where it came from and
// whom to ask. A file changed in the worktree since that commit is the
// user's own and keeps none.
func (s *Store) AttributeProblems(problems []model.Finding) error {
	if !slices.ContainsFunc(problems, func(f model.Finding) bool { return f.File != "" && f.Commit == "" }) {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	start, err := s.historyStart("")
	if err != nil || start == nil {
		return err
	}
	idx, err := s.historyIndexLocked(start)
	if err != nil {
		return err
	}
	for i := range problems {
		f := &problems[i]
		if f.File == "" || f.Commit != "" {
			continue
		}
		ts := idx.touching(start.Hash, f.File)
		if len(ts) == 0 || ts[0].new != worktreeBlob(s.root, f.File) {
			continue
		}
		c, err := s.repo.CommitObject(ts[0].commit)
		if err != nil {
			return fmt.Errorf("commit %s: %w", ts[0].commit, err)
		}
		f.Commit = c.Hash.String()
		f.Author = fmt.Sprintf("%s <%s>", c.Author.Name, c.Author.Email)
		if !strings.Contains(f.Message, "committed in") {
			f.Message += fmt.Sprintf(" (committed in %s by %s)", model.ShortHash(f.Commit), c.Author.Name)
		}
	}
	return nil
}

// setEntry is treeBuilder.set with the entry's mode: a symlink taken from
// another commit stays a symlink in the tree.
func (tb *treeBuilder) setEntry(p string, blob plumbing.Hash, mode filemode.FileMode) error {
	if err := tb.set(p, blob); err != nil || blob.IsZero() || mode == 0 || mode == filemode.Regular {
		return err
	}
	parts := strings.Split(p, "/")
	n := tb.root
	for _, dir := range parts[:len(parts)-1] {
		n = n.subs[dir]
	}
	e := n.entries[parts[len(parts)-1]]
	e.Mode = mode
	n.entries[parts[len(parts)-1]] = e
	return nil
}

// readWhole reads a blob taken as it is from the other side of a merge,
// whatever its size (a teammate's oversized file is written whole and is
// a finding on load); only a blob too large to hold in memory is refused.
func readWhole(s *Store, h plumbing.Hash) ([]byte, error) {
	b, err := s.repo.BlobObject(h)
	if err != nil {
		return nil, err
	}
	if b.Size > maxTakenBlob {
		return nil, fmt.Errorf("blob %s is %d bytes; Accord takes files of at most %d bytes from the remote", model.ShortHash(h.String()), b.Size, maxTakenBlob)
	}
	r, err := b.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, b.Size+1))
}

// maxTakenBlob bounds a file a merge takes whole from the other side.
const maxTakenBlob = 256 << 20
