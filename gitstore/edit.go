package gitstore

// Editing from the TUI: saving records a person changed in a form, saving a
// record file edited in $EDITOR byte for byte, and undoing a commit with a
// new one. Each reads what it is about to replace again under the write
// lock and refuses, writing nothing, when another writer got there first
// with a change it cannot combine.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// staleError is a write refused because what it would replace changed
// since the person started from it. Its message is the whole story (which
// record, what changed, what to do); errors.Is(err, ErrStale) holds.
type staleError struct{ msg string }

func (e *staleError) Error() string { return e.msg }
func (e *staleError) Unwrap() error { return ErrStale }

func stale(format string, args ...any) error {
	return &staleError{msg: fmt.Sprintf(format, args...)}
}

// Save commits edits as one commit by the git identity, with message, or a
// message made from the changes when it is "". For each edit, under the
// write lock: Old nil creates New (the record must not exist); New nil
// removes the record (it must still be as Old); otherwise New is written
// over the file as it is now, keeping comments and key order. When another
// writer changed the record since Old, their changes are merged in
// (model.Merge with Old as the base); a field both changed is an error
// naming it. Any error means nothing was committed. It returns the commit,
// "" when nothing changed.
func (s *Store) Save(message string, edits []model.Edit) (string, error) {
	var ids []string
	for _, e := range edits {
		k, id, err := editTarget(e)
		if err != nil {
			return "", err
		}
		if _, err := model.PathOf(k, id); err != nil {
			return "", fmt.Errorf("save %s: %w", id, err)
		}
		ids = append(ids, id)
	}
	res, err := s.Transact(message, func(tx *Tx) error {
		for _, e := range edits {
			if err := tx.apply(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, ErrStale) {
		err = fmt.Errorf("save %s: %w", strings.Join(ids, ", "), err)
	}
	return res.Commit, err
}

// editTarget is the kind and ID an edit is about; Old and New must agree.
func editTarget(e model.Edit) (model.Kind, string, error) {
	switch {
	case e.Old == nil && e.New == nil:
		return "", "", errors.New("save: an edit with neither an old nor a new record")
	case e.Old == nil:
		return e.New.RecordKind(), e.New.RecordID(), nil
	case e.New == nil:
		return e.Old.RecordKind(), e.Old.RecordID(), nil
	}
	if e.Old.RecordKind() != e.New.RecordKind() || e.Old.RecordID() != e.New.RecordID() {
		return "", "", fmt.Errorf("save %s: the edit makes it %s %s: an ID never changes",
			e.Old.RecordID(), e.New.RecordKind(), e.New.RecordID())
	}
	return e.New.RecordKind(), e.New.RecordID(), nil
}

// apply carries out one edit inside a transaction.
func (tx *Tx) apply(e model.Edit) error {
	k, id, err := editTarget(e)
	if err != nil {
		return err
	}
	if e.Old == nil {
		p, _ := model.PathOf(k, id)
		if data, err := tx.read(p); err != nil {
			return err
		} else if data != nil {
			return stale("%s already exists: someone else created it; reload and try again", id)
		}
		return tx.Put(e.New)
	}
	cur, err := tx.Get(k, id)
	if errors.Is(err, ErrNotFound) {
		return stale("%s was deleted by someone else since you opened it; reload and try again", id)
	}
	if err != nil {
		return err
	}
	changed := len(model.Diff(cur, e.Old)) > 0
	if e.New == nil {
		if changed {
			return stale("%s was changed by someone else since you opened it; reload before deleting it", id)
		}
		return tx.Delete(k, id)
	}
	if !changed {
		return tx.Put(e.New)
	}
	merged, conflicts := model.Merge(e.Old, e.New, cur)
	if len(conflicts) > 0 {
		return conflictError(id, conflicts)
	}
	return tx.Put(merged)
}

// conflictError names each field both this edit and another writer
// changed, with the other writer's value, on one line.
func conflictError(id string, conflicts []model.FieldConflict) error {
	parts := make([]string, len(conflicts))
	for i, c := range conflicts {
		parts[i] = fmt.Sprintf("%s (now %s)", c.Field, shortValue(c.Theirs))
	}
	if len(conflicts) == 1 {
		return stale("%s: %s was changed by someone else since you opened it (now %s); reload and try again",
			id, conflicts[0].Field, shortValue(conflicts[0].Theirs))
	}
	return stale("%s: %s were changed by someone else since you opened it; reload and try again",
		id, joinAnd(parts))
}

// shortValue quotes a field value for a one-line message.
func shortValue(v string) string {
	if v == "" {
		return "empty"
	}
	if r := []rune(v); len(r) > 40 {
		v = string(r[:39]) + "…"
	}
	return fmt.Sprintf("%q", v)
}

func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// RecordFile returns a record's file as it is in the worktree now: its
// repository path and bytes, read through the repository root without
// following symlinks. A file that does not decode is still returned, so
// that a person can repair it. It returns ErrNotFound when there is no
// file.
func (s *Store) RecordFile(k model.Kind, id string) (string, []byte, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return "", nil, err
	}
	data, err := readExisting(s.root, p)
	if err != nil {
		return p, nil, fmt.Errorf("%s: %w", id, err)
	}
	if data == nil {
		return p, nil, fmt.Errorf("%s has no file (%s): %w", id, p, ErrNotFound)
	}
	return p, data, nil
}

// readExisting reads a file through root as readRecordFile does, returning
// nil and no error when there is no file.
func readExisting(root *os.Root, p string) ([]byte, error) {
	data, err := readRecordFile(root, p)
	if err == nil {
		return data, nil
	}
	if _, statErr := root.Lstat(p); errors.Is(statErr, fs.ErrNotExist) {
		return nil, nil
	}
	return nil, err
}

// ParseRecordFile decodes the contents of a record's file, as edited by a
// person, with the same hardening as Load, and checks that its id is still
// id. A problem is a *DecodeError without a path, whose message reads
// "line 7: unknown field "ownr"".
func (s *Store) ParseRecordFile(k model.Kind, id string, data []byte) (model.Record, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	rec, err := decodeRecord(k, p, data)
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) {
			e := *de
			e.Path = "" // the person knows which file they are editing
			return nil, &e
		}
		return nil, err
	}
	if got := rec.RecordID(); got != id {
		pos, ok := topLevelFields(data).FieldPos("id")
		if !ok {
			return nil, decodeErr("schema.id-changed", "", 1, 1, "id is missing: this record is %s, and an ID never changes", id)
		}
		return nil, decodeErr("schema.id-changed", "", pos.Line, pos.Column,
			"id is %q but this record is %s: an ID never changes", got, id)
	}
	return rec, nil
}

// SaveRecordFile commits data as the record's file exactly as given (a
// person's text, comments and all), provided it decodes as the same record
// (ParseRecordFile) and the file still holds was (nil for a record that
// had no file). When another writer changed the file meanwhile it fails
// with ErrStale and writes nothing. message "" is made from the fields
// that changed. It returns the commit, "" when data is what the file holds.
func (s *Store) SaveRecordFile(k model.Kind, id string, data, was []byte, message string) (string, error) {
	rec, err := s.ParseRecordFile(k, id, data)
	if err != nil {
		return "", err
	}
	p, _ := model.PathOf(k, id)
	author, err := s.Identity()
	if err != nil {
		return "", fmt.Errorf("save %s: %w", id, err)
	}
	var hash string
	err = s.locked(func() error {
		cur, err := readExisting(s.root, p)
		if err != nil {
			return err
		}
		switch {
		case cur == nil && len(was) > 0:
			return stale("%s was deleted by someone else since you opened it; your text was not saved", id)
		case cur != nil && !bytes.Equal(cur, was):
			return stale("%s changed on disk since you opened it; your text was not saved: reload and edit it again", id)
		case cur != nil && bytes.Equal(cur, data):
			return nil
		}
		msg := message
		if msg == "" {
			msg = fileMessage(k, p, cur, rec)
		}
		hash, err = s.commitLocked(Change{Put: []File{{Path: p, Data: data}}, Message: msg}, author)
		return err
	})
	if err != nil && !errors.Is(err, ErrStale) {
		err = fmt.Errorf("save %s: %w", id, err)
	}
	return hash, err
}

// fileMessage says what a file edited by hand changed, as
// model.CommitMessage does, also when the old file did not decode or only
// comments and layout changed.
func fileMessage(k model.Kind, p string, old []byte, rec model.Record) string {
	if old == nil {
		return model.CommitMessage(nil, rec)
	}
	prev, err := decodeRecord(k, p, old)
	if err != nil {
		return fmt.Sprintf("%s(%s): repair the file by hand", k, rec.RecordID())
	}
	if len(model.Diff(prev, rec)) == 0 {
		return fmt.Sprintf("%s(%s): edit comments and layout", k, rec.RecordID())
	}
	return model.CommitMessage(prev, rec)
}

// Revert commits the reverse of an earlier commit, as a new commit on top
// of the branch (history is never rewritten): every file the commit changed
// goes back to what its parent held, byte for byte; a file it added is
// removed and one it removed comes back. It refuses merge commits and the
// first commit, and, writing nothing, a commit one of whose files has
// changed since (committed or not): the error (ErrStale) names the record
// and the last commit that changed it. It returns the new commit, "" when
// the commit changed no files.
func (s *Store) Revert(commit string) (string, error) {
	author, err := s.Identity()
	if err != nil {
		return "", fmt.Errorf("undo: %w", err)
	}
	var hash string
	err = s.locked(func() error {
		var err error
		hash, err = s.revertLocked(commit, author)
		return err
	})
	if err != nil && !errors.Is(err, ErrStale) {
		err = fmt.Errorf("undo %s: %w", model.ShortHash(commit), err)
	}
	return hash, err
}

// revertedPath is one file a reverted commit changed: its blob before
// (zero when the commit added it) and after (zero when it removed it).
type revertedPath struct {
	path          string
	before, after plumbing.Hash
}

func (s *Store) revertLocked(rev string, author Signature) (string, error) {
	c, err := s.resolveCommit(rev)
	if err != nil {
		return "", err
	}
	switch len(c.ParentHashes) {
	case 0:
		return "", errors.New("it is the first commit: there is nothing before it to go back to")
	case 1:
	default:
		return "", errors.New("it is a merge commit (a sync): undo the changes it brought one by one instead")
	}
	parent, err := s.repo.CommitObject(c.ParentHashes[0])
	if err != nil {
		return "", fmt.Errorf("read parent commit: %w", err)
	}
	paths, err := changedPaths(parent, c)
	if err != nil {
		return "", err
	}
	if len(paths) == 0 {
		return "", nil
	}
	_, head, err := s.branchHead()
	if err != nil {
		return "", err
	}
	if head.IsZero() {
		return "", errors.New("the branch has no commits")
	}
	headCommit, err := s.repo.CommitObject(head)
	if err != nil {
		return "", fmt.Errorf("read HEAD: %w", err)
	}
	var problems []string
	for _, rp := range paths {
		if msg, err := s.changedSince(headCommit, c.Hash, rp); err != nil {
			return "", err
		} else if msg != "" {
			problems = append(problems, msg)
		}
	}
	if len(problems) > 0 {
		return "", stale("cannot undo %s: %s; nothing was changed", model.ShortHash(c.Hash.String()), strings.Join(problems, "; "))
	}
	var ch Change
	for _, rp := range paths {
		if rp.before.IsZero() {
			ch.Delete = append(ch.Delete, rp.path)
			continue
		}
		data, err := readBlob(s, rp.before)
		if err != nil {
			return "", fmt.Errorf("read %s before %s: %w", rp.path, model.ShortHash(c.Hash.String()), err)
		}
		ch.Put = append(ch.Put, File{Path: rp.path, Data: data})
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	ch.Message = model.RevertMessage(subject, c.Hash.String())
	return s.commitLocked(ch, author)
}

// changedPaths lists the files commit c changed relative to parent. Only
// regular files can be put back: a commit that changed a symlink, an
// executable or a submodule is refused.
func changedPaths(parent, c *object.Commit) ([]revertedPath, error) {
	pt, err := parent.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", model.ShortHash(parent.Hash.String()), err)
	}
	ct, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of %s: %w", model.ShortHash(c.Hash.String()), err)
	}
	changes, err := object.DiffTree(pt, ct)
	if err != nil {
		return nil, fmt.Errorf("compare %s with its parent: %w", model.ShortHash(c.Hash.String()), err)
	}
	out := make([]revertedPath, 0, len(changes))
	for _, ch := range changes {
		rp := revertedPath{path: ch.To.Name, before: ch.From.TreeEntry.Hash, after: ch.To.TreeEntry.Hash}
		if rp.path == "" {
			rp.path = ch.From.Name
		}
		for _, e := range []object.ChangeEntry{ch.From, ch.To} {
			if e.Name != "" && e.TreeEntry.Mode != filemode.Regular {
				return nil, fmt.Errorf("it changed %s, which is not a plain file (%s): undo it with git", rp.path, e.TreeEntry.Mode)
			}
		}
		out = append(out, rp)
	}
	return out, nil
}

// changedSince says, in a phrase, how a file a commit changed no longer
// holds what that commit left there: committed since at head, or edited
// in the worktree. "" when it is as the commit left it.
func (s *Store) changedSince(head *object.Commit, reverted plumbing.Hash, rp revertedPath) (string, error) {
	name := rp.path
	if _, id, ok := model.KindOfPath(rp.path); ok {
		name = id
	}
	now, err := blobAt(head, rp.path)
	if err != nil {
		return "", fmt.Errorf("read %s at HEAD: %w", rp.path, err)
	}
	if now != rp.after {
		who := s.lastChange(head, reverted, rp.path)
		if who == "" {
			return name + " changed since", nil
		}
		return fmt.Sprintf("%s changed since (last by %s)", name, who), nil
	}
	data, err := readExisting(s.root, rp.path)
	if err != nil {
		return name + " cannot be read on disk: " + err.Error(), nil
	}
	onDisk := plumbing.ZeroHash
	if data != nil {
		onDisk = plumbing.ComputeHash(plumbing.BlobObject, data)
	}
	if onDisk != rp.after {
		return name + " has changes on disk that are not committed", nil
	}
	return "", nil
}

// maxBlameWalk bounds the walk that finds who last changed a file: undo
// is for recent commits, and a long walk would only delay the refusal.
const maxBlameWalk = 500

// lastChange names the newest commit on head's first-parent line, after
// stop, whose file p differs from its parent's: "Mei Lin in 1a2b3c4d".
// "" when none is found within maxBlameWalk commits.
func (s *Store) lastChange(head *object.Commit, stop plumbing.Hash, p string) string {
	c := head
	for range maxBlameWalk {
		if c.Hash == stop || len(c.ParentHashes) == 0 {
			return ""
		}
		parent, err := s.repo.CommitObject(c.ParentHashes[0])
		if err != nil {
			return ""
		}
		a, err1 := blobAt(c, p)
		b, err2 := blobAt(parent, p)
		if err1 != nil || err2 != nil {
			return ""
		}
		if a != b {
			return fmt.Sprintf("%s in %s", c.Author.Name, model.ShortHash(c.Hash.String()))
		}
		c = parent
	}
	return ""
}
