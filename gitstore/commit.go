package gitstore

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// File is one file a change writes, by slash-separated repository path.
type File struct {
	Path string
	Data []byte
	// Mode is filemode.Symlink for a symlink taken from another commit
	// (Data is its target; it is never followed); zero for a regular file.
	Mode filemode.FileMode
}

// Signature is a git author: name, e-mail and time.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// Change is one commit's worth of edits: files to write, files to remove,
// and the message. Author defaults to the repository's git identity.
type Change struct {
	Put     []File
	Delete  []string
	Message string
	Author  *Signature
	// MergeParent, when set, makes this a merge commit: its parents are
	// the branch head and MergeParent (the remote's commit).
	MergeParent plumbing.Hash
}

// Commit writes the change to the worktree atomically and commits it as one
// commit on the current branch, holding the write lock throughout. It builds
// the commit from objects (blobs, the trees along the changed paths, the
// commit) and moves the branch with a compare-and-swap, never running a
// worktree status; then it updates the index entries of the changed paths
// so git sees a clean worktree. It returns the new commit's hash.
func (s *Store) Commit(ch Change) (string, error) {
	if len(ch.Put) == 0 && len(ch.Delete) == 0 && ch.MergeParent.IsZero() {
		return "", errors.New("commit: nothing to commit")
	}
	author := ch.Author
	if author == nil {
		id, err := s.Identity()
		if err != nil {
			return "", err
		}
		author = &id
	}
	var hash string
	err := s.locked(func() error {
		var err error
		hash, err = s.commitLocked(ch, *author)
		return err
	})
	return hash, err
}

// locked runs fn holding the clone's write lock and the repository mutex.
func (s *Store) locked(fn func() error) error {
	lock, err := acquireLock(s.gitDir, s.LockTimeout)
	if err != nil {
		return err
	}
	defer lock.release()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.needsRecovery() {
		notes, err := s.recoverLocked()
		s.notices = append(s.notices, notes...)
		if err != nil {
			return err
		}
	}
	if s.repaired != "" {
		msg := s.repaired
		s.repaired = ""
		return fmt.Errorf("%w: %s; nothing was written: look at the history (accord log) and run the command again", ErrRefDamaged, msg)
	}
	return fn()
}

func (s *Store) commitLocked(ch Change, author Signature) (string, error) {
	for _, f := range ch.Put {
		if err := checkRepoPath(f.Path); err != nil {
			return "", err
		}
	}
	for _, p := range ch.Delete {
		if err := checkRepoPath(p); err != nil {
			return "", err
		}
	}
	branch, parent, err := s.branchHead()
	if err != nil {
		return "", err
	}
	// Before anything is written: a signing key that cannot be used stops
	// the commit here, with nothing to undo.
	signer, err := s.commitSigner()
	if err != nil {
		return "", err
	}
	var baseTree plumbing.Hash
	if !parent.IsZero() {
		c, err := object.GetCommit(s.repo.Storer, parent)
		if err != nil {
			return "", fmt.Errorf("read commit %s: %w", parent, err)
		}
		baseTree = c.TreeHash
	}

	// Objects first (blobs, trees, the commit): they change nothing anyone
	// sees until the branch moves, and an orphan is harmless.
	tb := newTreeBuilder(s, baseTree)
	blobs := make(map[string]plumbing.Hash, len(ch.Put))
	for _, f := range ch.Put {
		h, err := s.writeBlob(f.Data)
		if err != nil {
			return "", err
		}
		blobs[f.Path] = h
		if err := tb.setEntry(f.Path, h, f.Mode); err != nil {
			return "", err
		}
	}
	for _, p := range ch.Delete {
		if err := tb.set(p, plumbing.ZeroHash); err != nil {
			return "", err
		}
	}
	tree, err := tb.write()
	if err != nil {
		return "", err
	}

	sig := object.Signature{Name: author.Name, Email: author.Email, When: author.When}
	if sig.When.IsZero() {
		sig.When = s.Now()
	}
	commit := &object.Commit{Author: sig, Committer: sig, Message: ensureNewline(ch.Message), TreeHash: tree}
	if !parent.IsZero() {
		commit.ParentHashes = []plumbing.Hash{parent}
	}
	if !ch.MergeParent.IsZero() {
		commit.ParentHashes = append(commit.ParentHashes, ch.MergeParent)
	}
	if signer != nil && !s.bulk {
		if err := signCommit(commit, signer); err != nil {
			return "", err
		}
	}
	obj := s.repo.Storer.NewEncodedObject()
	if err := commit.Encode(obj); err != nil {
		return "", err
	}
	hash, err := s.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return "", fmt.Errorf("write commit: %w", err)
	}
	if s.bulk {
		for _, f := range ch.Put {
			if err := writeAtomic(s.root, f.Path, f.Data, false); err != nil {
				return "", err
			}
		}
		for _, p := range ch.Delete {
			if err := removeFile(s.root, p, false); err != nil {
				return "", err
			}
		}
		if err := s.moveBranch(branch, parent, hash, "commit: "+ch.Message, false); err != nil {
			return "", err
		}
		return hash.String(), nil // WriteHistory writes the index at the end
	}

	// Then the journal, naming the commit and each file's content before,
	// so that a command killed from here on is finished or rolled back by
	// the next one (recoverLocked); then the files; then the branch.
	j, err := s.beginJournal(branch, parent, hash, ch.Message, blobs, ch.Delete)
	if err != nil {
		return "", err
	}
	undo := func(cause error) error {
		head, herr := s.readBranch(branch, false)
		if herr != nil {
			return cause // the journal stays for the next command
		}
		if _, rerr := s.rollback(j, head); rerr != nil {
			return fmt.Errorf("%w (and putting the files back failed: %v)", cause, rerr)
		}
		s.removeTemps(j)
		s.endJournal()
		return cause
	}
	if s.stopAt("journal") {
		return "", errStopped
	}
	if err := writeMany(s.root, s.dir, ch.Put); err != nil {
		return "", undo(err)
	}
	for _, p := range ch.Delete {
		if err := removeFile(s.root, p, true); err != nil {
			return "", undo(err)
		}
	}
	if s.stopAt("files") {
		return "", errStopped
	}
	if err := s.moveBranch(branch, parent, hash, "commit: "+ch.Message, true); err != nil {
		if !errors.Is(err, ErrConflict) && !errors.Is(err, ErrRefDamaged) {
			err = fmt.Errorf("%w: %v", ErrConflict, err)
		}
		return "", undo(err)
	}
	if s.stopAt("branch") {
		return "", errStopped
	}
	if err := s.updateIndex(tree, blobs, ch.Delete, nil); err != nil {
		s.endJournal()
		// The commit stands; a stale index only makes git re-read files.
		return hash.String(), fmt.Errorf("committed %s, but updating .git/index failed: %w", hash.String()[:8], err)
	}
	s.endJournal()
	return hash.String(), nil
}

var errStopped = errors.New("stopped (test)")

// stopAt runs the test hook that stops a commit at a stage as a kill would.
func (s *Store) stopAt(stage string) bool { return s.stopHook != nil && s.stopHook(stage) }

// checkRepoPath refuses paths that could leave the repository or touch .git.
func checkRepoPath(p string) error {
	clean := path.Clean(p)
	if p == "" || clean != p || path.IsAbs(p) || strings.HasPrefix(p, "../") || p == ".." ||
		strings.Contains(p, "\\") || strings.EqualFold(strings.SplitN(p, "/", 2)[0], ".git") {
		return fmt.Errorf("refusing to write %q: not a plain path inside the repository", p)
	}
	return nil
}

func ensureNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}

// branchHead returns the branch HEAD names and the commit it points at:
// zero only for a branch that has never had a commit. A ref that is empty,
// torn or points at a missing commit is ErrRefDamaged, never "no commits
// yet": a new root commit would cut the history off.
func (s *Store) branchHead() (plumbing.ReferenceName, plumbing.Hash, error) {
	branch, err := s.headBranch()
	if err != nil {
		return "", plumbing.ZeroHash, err
	}
	h, err := s.readBranch(branch, true)
	if err != nil {
		return "", plumbing.ZeroHash, err
	}
	return branch, h, nil
}

// headBranch is the branch HEAD names.
func (s *Store) headBranch() (plumbing.ReferenceName, error) {
	head, err := s.repo.Storer.Reference(plumbing.HEAD)
	if err != nil {
		return "", fmt.Errorf("read HEAD: %w", err)
	}
	if head.Type() != plumbing.SymbolicReference {
		return "", errors.New("HEAD is detached: check out a branch (git switch main) before editing")
	}
	return head.Target(), nil
}

func (s *Store) writeBlob(data []byte) (plumbing.Hash, error) {
	obj := s.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.repo.Storer.SetEncodedObject(obj)
}

// treeBuilder rewrites only the trees along changed paths: it loads a
// folder's entries the first time a change touches it and writes the
// folders that changed, deepest first.
type treeBuilder struct {
	s    *Store
	root *treeNode
}

type treeNode struct {
	base    plumbing.Hash // the tree this folder had, zero if new
	loaded  bool
	dirty   bool
	entries map[string]object.TreeEntry
	subs    map[string]*treeNode
}

func newTreeBuilder(s *Store, base plumbing.Hash) *treeBuilder {
	return &treeBuilder{s: s, root: &treeNode{base: base}}
}

func (tb *treeBuilder) load(n *treeNode) error {
	if n.loaded {
		return nil
	}
	n.loaded = true
	n.entries = map[string]object.TreeEntry{}
	n.subs = map[string]*treeNode{}
	if n.base.IsZero() {
		return nil
	}
	t, err := object.GetTree(tb.s.repo.Storer, n.base)
	if err != nil {
		return fmt.Errorf("read tree %s: %w", n.base, err)
	}
	for _, e := range t.Entries {
		n.entries[e.Name] = e
	}
	return nil
}

// set points path at blob, or removes it when blob is zero.
func (tb *treeBuilder) set(p string, blob plumbing.Hash) error {
	parts := strings.Split(p, "/")
	n := tb.root
	for _, dir := range parts[:len(parts)-1] {
		if err := tb.load(n); err != nil {
			return err
		}
		n.dirty = true
		sub, ok := n.subs[dir]
		if !ok {
			sub = &treeNode{}
			if e, ok := n.entries[dir]; ok && e.Mode == filemode.Dir {
				sub.base = e.Hash
			}
			n.subs[dir] = sub
		}
		n = sub
	}
	if err := tb.load(n); err != nil {
		return err
	}
	n.dirty = true
	name := parts[len(parts)-1]
	if blob.IsZero() {
		delete(n.entries, name)
	} else {
		n.entries[name] = object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blob}
	}
	return nil
}

func (tb *treeBuilder) write() (plumbing.Hash, error) {
	h, _, err := tb.writeNode(tb.root)
	return h, err
}

// writeNode writes a folder's tree and returns its hash, and whether it is
// empty (an empty folder disappears from its parent, as in git).
func (tb *treeBuilder) writeNode(n *treeNode) (plumbing.Hash, bool, error) {
	if !n.dirty {
		return n.base, n.base.IsZero(), nil
	}
	for name, sub := range n.subs {
		h, empty, err := tb.writeNode(sub)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if empty {
			delete(n.entries, name)
		} else {
			n.entries[name] = object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h}
		}
	}
	if len(n.entries) == 0 {
		return plumbing.ZeroHash, true, nil
	}
	t := &object.Tree{Entries: make([]object.TreeEntry, 0, len(n.entries))}
	for _, e := range n.entries {
		t.Entries = append(t.Entries, e)
	}
	slices.SortFunc(t.Entries, func(a, b object.TreeEntry) int { return cmp.Compare(sortName(a), sortName(b)) })
	obj := tb.s.repo.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, false, err
	}
	h, err := tb.s.repo.Storer.SetEncodedObject(obj)
	return h, false, err
}

// sortName is git's order for tree entries: folders sort as if their name
// ended in a slash.
func sortName(e object.TreeEntry) string {
	if e.Mode == filemode.Dir {
		return e.Name + "/"
	}
	return e.Name
}

// updateIndex records the new blobs of the changed paths in .git/index so
// that git status shows them clean, under git's index.lock. A path's mode
// is the one modes gives (a checkout takes the commit's: a symlink's is a
// symlink's), else what the file on disk is. The index is a cache: when it
// cannot be decoded it is rebuilt from the commit's tree. It is replaced
// atomically.
func (s *Store) updateIndex(tree plumbing.Hash, blobs map[string]plumbing.Hash, deleted []string, modes map[string]filemode.FileMode) error {
	unlock, err := s.lockIndex()
	if err != nil {
		return err
	}
	defer unlock()
	// Patch the entries in place (indexpatch.go) rather than decode them
	// all: at 100,000 records go-git's decode and encode are most of a
	// commit. The new index is written from the old one mapped in memory.
	entries := make([]*index.Entry, 0, len(blobs))
	for p, h := range blobs {
		entries = append(entries, s.indexEntry(p, h, modes[p]))
	}
	type patched struct {
		done bool
		err  error
	}
	if r, err := readMapped(filepath.Join(s.gitDir, "index"), func(data []byte) patched {
		if len(blobs) == 0 && len(deleted) == 0 {
			return patched{done: true} // nothing changed (a merge that kept this side)
		}
		done, err := s.patchIndexFile(data, entries, deleted)
		return patched{done, err}
	}); err == nil && r.done {
		return r.err
	}
	idx, err := s.repo.Storer.Index()
	if err != nil {
		idx, err = s.indexFromTree(tree)
		if err != nil {
			return err
		}
		blobs = nil // every entry already matches the tree
	}
	byName := make(map[string]*index.Entry, len(idx.Entries))
	for _, e := range idx.Entries {
		byName[e.Name] = e
	}
	for p, h := range blobs {
		e := s.indexEntry(p, h, modes[p])
		if old := byName[p]; old != nil {
			*old = *e
		} else {
			idx.Entries = append(idx.Entries, e)
			byName[p] = e
		}
	}
	if len(deleted) > 0 {
		gone := map[string]bool{}
		for _, p := range deleted {
			gone[p] = true
		}
		idx.Entries = slices.DeleteFunc(idx.Entries, func(e *index.Entry) bool { return gone[e.Name] })
	}
	slices.SortFunc(idx.Entries, func(a, b *index.Entry) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Stage, b.Stage))
	})
	idx.Cache = nil // the cached tree extension would be stale
	idx.ResolveUndo = nil
	return s.writeIndex(idx)
}

// indexEntry is the index entry of the worktree file p, committed as blob
// h with mode (0: what the file on disk is).
func (s *Store) indexEntry(p string, h plumbing.Hash, mode filemode.FileMode) *index.Entry {
	e := &index.Entry{Name: p, Hash: h, Mode: filemode.Regular}
	if mode != 0 {
		e.Mode = mode
	}
	if info, err := s.root.Lstat(p); err == nil {
		if mode == 0 && info.Mode()&fs.ModeSymlink != 0 {
			e.Mode = filemode.Symlink
		}
		e.Size = uint32(info.Size())
		e.ModifiedAt = info.ModTime()
		e.CreatedAt = info.ModTime()
		fillStat(e, info)
	}
	return e
}

func (s *Store) indexFromTree(tree plumbing.Hash) (*index.Index, error) {
	idx := &index.Index{Version: 2}
	t, err := object.GetTree(s.repo.Storer, tree)
	if err != nil {
		return nil, err
	}
	err = t.Files().ForEach(func(f *object.File) error {
		idx.Entries = append(idx.Entries, &index.Entry{Name: f.Name, Hash: f.Hash, Mode: f.Mode})
		return nil
	})
	return idx, err
}

// indexTemp is where the new index is written before it replaces .git/index.
const indexTemp = "index.accord.tmp"

// lockIndex takes git's .git/index.lock, as git does before it reads and
// rewrites the index, so that a person running git meanwhile neither loses
// what they staged nor overwrites Accord's entries. A git command holding
// it is waited for briefly. The lock file Accord creates stays empty (the
// index is written to index.accord.tmp), so the next command can tell a
// stale one of its own from git's.
func (s *Store) lockIndex() (func(), error) {
	p := filepath.Join(s.gitDir, "index.lock")
	for try := 0; ; try++ {
		f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Close()
			return func() { _ = os.Remove(p) }, nil
		}
		if !errors.Is(err, fs.ErrExist) || try >= 100 {
			return nil, fmt.Errorf("lock .git/index: %w (a git command is running, or one stopped and left .git/index.lock)", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// writeIndexBytes replaces .git/index with the pieces, one after the
// other, as writeIndex does.
func (s *Store) writeIndexBytes(pieces ...[]byte) error {
	return writeFileDurable(filepath.Join(s.gitDir, "index"), pieces...) // through indexTemp
}

// patchIndexFile replaces .git/index, whose bytes (mapped) are old, with
// what patchIndex makes of them, followed by its checksum. The SHA-1s of
// the old file, checked before it is replaced so that a damaged index is
// not written again under a fresh checksum, and of the new one are each
// taken on a goroutine while the entries are walked and the new file is
// written: at 100,000 records each is a pass over 9.6 MB, together a third
// of an edit's CPU. done is false, and .git/index left as it is, when
// patchIndex refuses old or its checksum is wrong. Both goroutines are
// done when it returns, as the caller then unmaps old.
func (s *Store) patchIndexFile(old []byte, files []*index.Entry, deleted []string) (done bool, err error) {
	path := filepath.Join(s.gitDir, "index")
	var checking, summing sync.WaitGroup
	defer checking.Wait()
	defer summing.Wait()
	oldOK := false
	checking.Go(func() { oldOK, _ = whileMapped(path, func() bool { return indexSumOK(old) }) })
	pieces, ok := patchIndex(old, files, deleted)
	if !ok {
		return false, nil
	}
	var newSum []byte
	summing.Go(func() { newSum, _ = whileMapped(path, func() []byte { return indexSum(pieces) }) })
	err = writeDurable(path, func(f *os.File) error {
		if err := writeAll(f, pieces); err != nil {
			return err
		}
		// On disk while the checksum is taken: the sync after it then
		// writes one block.
		if err := f.Sync(); err != nil {
			return err
		}
		summing.Wait()
		if newSum == nil {
			return fmt.Errorf("%s changed while it was read", path)
		}
		_, err := f.Write(newSum)
		return err
	}, func() error {
		checking.Wait()
		if !oldOK {
			return errIndexChecksum
		}
		return nil
	})
	if err == errIndexChecksum {
		return false, nil // rebuilt by the caller, as go-git refuses it too
	}
	return true, err
}

// errIndexChecksum is patchIndexFile's reason not to replace an index.
var errIndexChecksum = errors.New(".git/index: wrong checksum")

func (s *Store) writeIndex(idx *index.Index) error {
	var buf bytes.Buffer
	if err := index.NewEncoder(&buf).Encode(idx); err != nil {
		return err
	}
	return s.writeIndexBytes(buf.Bytes())
}

// Identity returns the git identity commits are made with: the one given
// by WithAuthor, else GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL when set, else
// user.name and user.email from the repository's, the user's and the
// system's git config.
func (s *Store) Identity() (Signature, error) {
	if s.author != nil {
		return *s.author, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.identityLocked()
}

// identityLocked is Identity for callers holding s.mu.
func (s *Store) identityLocked() (Signature, error) {
	if s.author != nil {
		return *s.author, nil
	}
	name, email := os.Getenv("GIT_AUTHOR_NAME"), os.Getenv("GIT_AUTHOR_EMAIL")
	if name == "" || email == "" {
		cfg, err := s.repo.ConfigScoped(config.SystemScope)
		if err == nil {
			name = cmp.Or(name, cfg.User.Name, cfg.Author.Name)
			email = cmp.Or(email, cfg.User.Email, cfg.Author.Email)
		}
	}
	if name == "" || email == "" {
		return Signature{}, fmt.Errorf("%w: set one with\n  git -C %s config user.name \"Your Name\"\n  git -C %s config user.email you@example.com",
			ErrNoIdentity, s.dir, s.dir)
	}
	return Signature{Name: name, Email: email}, nil
}

// User is the git identity's name and e-mail (for the TUI's "you").
func (s *Store) User() (name, email string, err error) {
	id, err := s.Identity()
	return id.Name, id.Email, err
}
