package gitstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SyncOptions configure one sync.
type SyncOptions struct {
	Remote RemoteOptions
	// Retries bounds how often a push rejected because someone else pushed
	// meanwhile is retried after fetching and merging again (default 4).
	Retries int
	// Today is the date validation uses when it checks merged records.
	Today time.Time
}

// SyncResult says what a sync did.
type SyncResult struct {
	Remote      string   // the remote's URL, without credentials
	Committed   int      // files edited outside Accord, committed first
	Pulled      int      // commits received
	PulledFrom  []string // their authors
	Pushed      int      // commits sent
	Merged      []string // records merged field by field
	Conflicts   int      // conflicts now waiting in the merge session
	Ahead       int      // commits not yet on the remote (when offline)
	FastForward bool
	// Warnings are the incoming commits' steps taken by someone who may
	// not take them (accord verify over what the remote brought), one a
	// line: the commit, its author, what and the rule.
	Warnings []string

	// incoming is what the remote brought: the commits reachable from
	// its tip and not from this clone's branch before the sync.
	incomingFrom, incomingTo plumbing.Hash
}

// Sync makes this clone and its remote agree: commit edits made outside
// Accord, fetch, then push if the remote is behind, move the branch if we
// are behind, or merge record by record when both moved. Conflicts go to
// the merge session (ErrConflicts) and nothing is pushed until they are
// resolved. A push rejected because someone pushed meanwhile is retried
// after fetching and merging again, with backoff. Without a network, it
// returns ErrOffline and says how many commits wait.
func (s *Store) Sync(ctx context.Context, o SyncOptions) (SyncResult, error) {
	if o.Retries <= 0 {
		o.Retries = 4
	}
	var res SyncResult
	author, err := s.Identity()
	if err != nil {
		return res, err
	}
	if author.When.IsZero() {
		author.When = s.Now()
	}
	err = s.locked(func() error { return s.syncLocked(ctx, o, author, &res) })
	if !res.incomingTo.IsZero() {
		res.Warnings = s.incomingWarnings(res.incomingFrom, res.incomingTo)
	}
	if err == nil {
		err = s.SyncDigestMarks(ctx, o.Remote) // digests.go: what digests have sent
	}
	if err == nil {
		// pack.go: pack loose objects past git's gc.auto. Housekeeping: a
		// failure leaves them loose, and the next sync tries again.
		_, _ = s.AutoPack(ctx)
	}
	if err != nil && res.Remote != "" && !strings.Contains(err.Error(), res.Remote) && !errors.Is(err, ErrConflicts) {
		// Every failure names the remote; storage errors also name the
		// object and the step (relate, treeOf, readBlob).
		err = fmt.Errorf("sync with %s: %w", res.Remote, err)
	}
	return res, err
}

func (s *Store) syncLocked(ctx context.Context, o SyncOptions, author Signature, res *SyncResult) error {
	rawURL, err := s.remoteURL()
	if err != nil {
		return err
	}
	res.Remote = redact(rawURL)
	branch, _, err := s.branchHead()
	if err != nil {
		return err
	}
	n, err := s.commitLocalEdits(author, o.Today)
	if err != nil {
		return err
	}
	res.Committed = n
	if err := s.continueSession(author, o.Today, res); err != nil {
		return err
	}

	for attempt := 0; ; attempt++ {
		remote, err := s.fetch(ctx, branch, o.Remote)
		if err != nil {
			if errors.Is(err, ErrOffline) {
				res.Ahead = s.aheadOfTracking(branch)
			}
			return err
		}
		_, local, err := s.branchHead()
		if err != nil {
			return err
		}
		needPush := false
		switch {
		case remote.IsZero() && local.IsZero(), remote == local:
			return nil
		case remote.IsZero():
			needPush = true
		default:
			rel, base, err := s.relate(local, remote)
			if err != nil {
				return err
			}
			if rel != ahead && res.incomingTo.IsZero() {
				res.incomingFrom, res.incomingTo = local, remote
			} else if rel != ahead {
				res.incomingTo = remote // a retry: the remote moved again
			}
			switch rel {
			case behind:
				return s.fastForward(branch, local, remote, res)
			case ahead:
				needPush = true
			case diverged:
				if err := s.mergeRemote(base, local, remote, author, o.Today, nil, res); err != nil {
					return err
				}
				needPush = true
			}
		}
		if !needPush {
			return nil
		}
		before := s.aheadOfTracking(branch)
		err = s.push(ctx, branch, o.Remote)
		if err == nil {
			res.Pushed += before
			return nil
		}
		if !errors.Is(err, errRejected) || attempt >= o.Retries {
			if errors.Is(err, errRejected) {
				return fmt.Errorf("push to %s: the remote kept moving after %d tries; sync again", res.Remote, attempt+1)
			}
			if errors.Is(err, ErrOffline) {
				res.Ahead = before
			}
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(50*(1<<attempt)) * time.Millisecond):
		}
	}
}

type relation int

const (
	ahead relation = iota
	behind
	diverged
)

// relate classifies local against remote and returns their merge base.
func (s *Store) relate(local, remote plumbing.Hash) (relation, *object.Commit, error) {
	lc, err := s.repo.CommitObject(local)
	if err != nil {
		return 0, nil, fmt.Errorf("read local commit %s: %w", local, err)
	}
	rc, err := s.repo.CommitObject(remote)
	if err != nil {
		return 0, nil, fmt.Errorf("read fetched commit %s: %w", remote, err)
	}
	walkErr := func(err error) error {
		return fmt.Errorf("compare local %s with fetched %s: %w", model.ShortHash(local.String()), model.ShortHash(remote.String()), err)
	}
	if ok, err := rc.IsAncestor(lc); err != nil {
		return 0, nil, walkErr(err)
	} else if ok {
		return ahead, rc, nil
	}
	if ok, err := lc.IsAncestor(rc); err != nil {
		return 0, nil, walkErr(err)
	} else if ok {
		return behind, lc, nil
	}
	bases, err := lc.MergeBase(rc)
	if err != nil {
		return 0, nil, walkErr(err)
	}
	if len(bases) == 0 {
		return diverged, nil, nil // unrelated histories: merge against an empty base
	}
	return diverged, bases[0], nil
}

// aheadOfTracking counts local commits the remote (as last fetched) lacks.
func (s *Store) aheadOfTracking(branch plumbing.ReferenceName) int {
	_, local, err := s.branchHead()
	if err != nil || local.IsZero() {
		return 0
	}
	var stop []plumbing.Hash
	if ref, err := s.repo.Storer.Reference(plumbing.NewRemoteReferenceName(remoteName, branch.Short())); err == nil {
		stop = append(stop, ref.Hash())
	}
	n, _ := s.countSince(local, stop)
	return n
}

// countSince counts the commits reachable from tip but not from stop, and
// names their authors.
func (s *Store) countSince(tip plumbing.Hash, stop []plumbing.Hash) (int, []string) {
	excluded := map[plumbing.Hash]bool{}
	for _, h := range stop {
		if c, err := s.repo.CommitObject(h); err == nil {
			_ = object.NewCommitPreorderIter(c, nil, nil).ForEach(func(c *object.Commit) error {
				excluded[c.Hash] = true
				return nil
			})
		}
	}
	c, err := s.repo.CommitObject(tip)
	if err != nil {
		return 0, nil
	}
	n := 0
	var authors []string
	_ = object.NewCommitPreorderIter(c, excluded, nil).ForEach(func(c *object.Commit) error {
		if excluded[c.Hash] {
			return nil
		}
		n++
		if !slices.Contains(authors, c.Author.Name) {
			authors = append(authors, c.Author.Name)
		}
		return nil
	})
	return n, authors
}

// fastForward moves the branch to the remote's commit and updates the
// worktree files that changed, refusing to overwrite uncommitted edits.
// Every blob is read into a temporary file before any file is replaced, so
// a blob that cannot be read changes nothing; files are written as the
// commit holds them, whatever their size, and symlinks stay symlinks: the
// worktree always matches the commit, and what Accord cannot read is a
// finding on load, never a failed sync.
func (s *Store) fastForward(branch plumbing.ReferenceName, local, remote plumbing.Hash, res *SyncResult) error {
	lt, err := s.treeOf(local)
	if err != nil {
		return err
	}
	rt, err := s.treeOf(remote)
	if err != nil {
		return err
	}
	changes, err := s.entryChanges(lt, rt)
	if err != nil {
		return err
	}
	paths := make(map[string]plumbing.Hash, len(changes))
	for p, e := range changes {
		paths[p] = e.Hash
	}
	if err := s.checkUntouched(lt, paths); err != nil {
		return err
	}
	blobs := map[string]plumbing.Hash{}
	var deleted []string
	for p, e := range changes {
		if e.Hash.IsZero() {
			deleted = append(deleted, p)
		} else {
			blobs[p] = e.Hash
		}
	}
	slices.Sort(deleted)
	short := model.ShortHash(remote.String())
	// The journal comes first, so that a sync killed while staging leaves
	// nothing the next command does not clean up.
	msg := "sync: fast-forward from " + remoteName
	j, err := s.beginJournal(branch, local, remote, msg, blobs, deleted)
	if err != nil {
		return err
	}
	// Every blob is staged beside its path before any file is moved into
	// place: a blob that cannot be read stops the sync with the worktree
	// untouched.
	co, err := s.stage(changes)
	if err != nil {
		s.endJournal()
		return fmt.Errorf("update to %s: %w; nothing was changed", short, err)
	}
	undo := func(cause error) error {
		head, herr := s.readBranch(branch, false)
		if herr == nil {
			if _, rerr := s.rollback(j, head); rerr != nil {
				return fmt.Errorf("%w (and putting the files back failed: %v)", cause, rerr)
			}
			s.removeTemps(j)
			s.endJournal()
		}
		return cause
	}
	written, removed, err := co.apply()
	if err != nil {
		return undo(fmt.Errorf("update to %s: %w", short, err))
	}
	if err := s.moveBranch(branch, local, remote, msg, true); err != nil {
		if !errors.Is(err, ErrConflict) {
			err = fmt.Errorf("%w: %v", ErrConflict, err)
		}
		return undo(err)
	}
	defer s.endJournal()
	rc, _ := s.repo.CommitObject(remote)
	res.FastForward = true
	res.Pulled, res.PulledFrom = s.countSince(remote, []plumbing.Hash{local})
	modes := make(map[string]filemode.FileMode, len(changes))
	for p, e := range changes {
		modes[p] = e.Mode
	}
	if err := s.updateIndex(rc.TreeHash, written, removed, modes); err != nil {
		return fmt.Errorf("moved to %s, but updating .git/index failed: %w", short, err)
	}
	return nil
}

func (s *Store) treeOf(h plumbing.Hash) (*object.Tree, error) {
	c, err := s.repo.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	t, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree %s of commit %s: %w", c.TreeHash, h, err)
	}
	return t, nil
}

// checkUntouched refuses to change worktree files that differ from the
// commit they were checked out from: those are edits that are not
// committed, and a sync never overwrites them.
func (s *Store) checkUntouched(t *object.Tree, paths map[string]plumbing.Hash) error {
	var touched []string
	for p := range paths {
		want := plumbing.ZeroHash
		if e, err := t.FindEntry(p); err == nil {
			want = e.Hash
		}
		if worktreeBlob(s.root, p) != want {
			touched = append(touched, p)
		}
	}
	if len(touched) > 0 {
		slices.Sort(touched)
		return fmt.Errorf("uncommitted changes to %s would be overwritten; commit or undo them first", strings.Join(touched, ", "))
	}
	return nil
}

// commitLocalEdits commits record files edited, added or removed outside
// Accord, after validating them: a sync never merges or pushes work that
// is not committed, and never commits a file that breaks a rule.
func (s *Store) commitLocalEdits(author Signature, today time.Time) (int, error) {
	edited, err := s.editedRecordFiles()
	if err != nil || len(edited) == 0 {
		return 0, err
	}
	org, err := s.Load() // reads the worktree; needs no repository access
	if err != nil {
		return 0, err
	}
	base, err := s.baselineLocked("HEAD", org)
	if err != nil {
		return 0, err
	}
	if len(base) == 0 {
		return 0, nil
	}
	var ch Change
	var ids []string
	for id := range base {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if src := org.Sources[id]; src != nil {
			data, err := readRecordFile(s.root, src.Path)
			if err != nil {
				return 0, err
			}
			ch.Put = append(ch.Put, File{Path: src.Path, Data: data})
		} else if old := base[id]; old != nil {
			p, _ := model.PathOf(old.RecordKind(), id)
			ch.Delete = append(ch.Delete, p)
		}
	}
	for _, f := range org.Problems {
		for _, pf := range ch.Put {
			if pf.Path == f.File {
				return 0, fmt.Errorf("%s was edited outside Accord and cannot be read: %s; fix it before syncing", f.File, f.Message)
			}
		}
	}
	// The rule of accord set: refuse only the errors the edits bring, not
	// those the records had at HEAD (a loop already in history).
	head, err := s.Load()
	if err != nil {
		return 0, err
	}
	var recs []model.Record
	for _, id := range ids {
		head.Remove(id)
		if old := base[id]; old != nil {
			head.Add(old, org.Sources[id])
		}
		if r, ok := org.Get(id); ok {
			recs = append(recs, r)
		}
	}
	head.Index()
	var errs []string
	for _, f := range model.EditErrors(head, model.ValidateOptions{Today: today, Base: base}, recs...) {
		if src := org.Sources[f.ID]; src != nil && f.File == "" {
			f.File = src.Path
		}
		errs = append(errs, f.String())
	}
	if len(errs) > 0 {
		return 0, fmt.Errorf("records edited outside Accord break rules; fix them before syncing:\n  %s", strings.Join(errs, "\n  "))
	}
	if len(ch.Put)+len(ch.Delete) == 0 {
		return 0, nil
	}
	ch.Message = fmt.Sprintf("sync: commit %d records edited outside Accord\n\n%s", len(ids), strings.Join(ids, "\n"))
	if _, err := s.commitLocked(ch, author); err != nil {
		return 0, err
	}
	return len(ids), nil
}

// String says what a sync did in one line: "pulled 12 changes from 3
// people, pushed 2, merged 1 record".
func (r SyncResult) String() string {
	var parts []string
	if r.Committed > 0 {
		parts = append(parts, fmt.Sprintf("committed %s edited outside Accord", count(r.Committed, "record", "records")))
	}
	if r.Pulled > 0 {
		p := "pulled " + count(r.Pulled, "change", "changes")
		if n := len(r.PulledFrom); n > 0 {
			p += " from " + count(n, "person", "people")
		}
		parts = append(parts, p)
	}
	if r.Pushed > 0 {
		parts = append(parts, fmt.Sprintf("pushed %d", r.Pushed))
	}
	if n := len(r.Merged); n > 0 {
		parts = append(parts, "merged "+count(n, "record", "records"))
	}
	if r.Conflicts > 0 {
		parts = append(parts, count(r.Conflicts, "conflict", "conflicts")+" to resolve")
	}
	if len(parts) == 0 {
		if r.Remote == "" {
			return "nothing synced"
		}
		return "up to date with " + r.Remote
	}
	return strings.Join(parts, ", ")
}

// Changed reports whether the sync did anything worth saying even when it
// then failed: committed, pulled, pushed or merged.
func (r SyncResult) Changed() bool {
	return r.Committed > 0 || r.Pulled > 0 || r.Pushed > 0 || len(r.Merged) > 0
}

// Summary is String and the first warning, for a status line: "pulled 2
// changes from 1 person; warning: commit 1a2b3c4d by …".
func (r SyncResult) Summary() string {
	summary := r.String()
	switch n := len(r.Warnings); {
	case n == 1:
		summary += "; warning: " + r.Warnings[0]
	case n > 1:
		summary += fmt.Sprintf("; %d warnings (accord verify lists them), the first: %s", n, r.Warnings[0])
	}
	return summary
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SyncStatus is where the clone stands against its remote as of the last
// fetch, and how many conflicts wait. It does not touch the network.
func (s *Store) SyncStatus() model.SyncStatus {
	var st model.SyncStatus
	if sess, err := s.Session(); err == nil && sess != nil {
		st.Conflicts = sess.Unresolved()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rawURL, err := s.remoteURL()
	if err != nil {
		return st
	}
	st.Remote = redact(rawURL)
	branch, head, err := s.branchHead()
	if err != nil || head.IsZero() {
		return st
	}
	ref, err := s.repo.Storer.Reference(plumbing.NewRemoteReferenceName(remoteName, branch.Short()))
	if err != nil {
		st.Ahead, _ = s.countSince(head, nil)
		return st
	}
	if ref.Hash() == head {
		return st
	}
	st.Ahead, _ = s.countSince(head, []plumbing.Hash{ref.Hash()})
	st.Behind, _ = s.countSince(ref.Hash(), []plumbing.Hash{head})
	return st
}

// Synchronize is Sync with the default credentials (the SSH agent,
// ACCORD_TOKEN or git's credential helpers), trusting acceptHostKey if the
// user accepted an unknown host's fingerprint; it returns the one-line
// summary. It is what the TUI's sync key runs.
func (s *Store) Synchronize(ctx context.Context, acceptHostKey string) (string, error) {
	res, err := s.Sync(ctx, SyncOptions{Remote: RemoteOptions{AcceptHostKey: acceptHostKey}, Today: s.Now()})
	if errors.Is(err, ErrOffline) {
		return fmt.Sprintf("offline, %s waiting", count(res.Ahead, "commit", "commits")), &OfflineError{err}
	}
	return res.Summary(), err
}

// OfflineError marks a sync that could not reach the remote, for callers
// that cannot test errors.Is against this package (the TUI).
type OfflineError struct{ err error }

func (e *OfflineError) Error() string { return e.err.Error() }
func (e *OfflineError) Unwrap() error { return e.err }

// Offline reports that the remote could not be reached.
func (e *OfflineError) Offline() bool { return true }

// Conflicts lists the pending merge's conflicts, or none.
func (s *Store) Conflicts() ([]model.Conflict, error) {
	sess, err := s.Session()
	if err != nil || sess == nil {
		return nil, err
	}
	return sess.Conflicts, nil
}

// incomingWarnings verifies the commits the remote brought (Store.Verify
// from this clone's branch before the sync to the remote's tip) and says
// which hold steps taken by someone who may not take them. Verification
// that fails is a warning too: the sync itself stands.
func (s *Store) incomingWarnings(from, to plumbing.Hash) []string {
	rev1 := ""
	if !from.IsZero() {
		rev1 = from.String()
	}
	_, findings, err := s.Verify(rev1, to.String())
	if err != nil {
		return []string{fmt.Sprintf("could not check who took the steps the remote brought: %v", err)}
	}
	var out []string
	for _, f := range findings {
		who := f.Author
		if who == "" {
			who = "someone"
		}
		out = append(out, fmt.Sprintf("commit %s by %s: %s [%s]", model.ShortHash(f.Commit), model.CleanText(who, false),
			model.CleanText(f.Message, false), f.Rule))
	}
	return out
}
