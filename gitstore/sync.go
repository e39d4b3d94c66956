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
	if err == nil {
		err = s.SyncDigestMarks(ctx, o.Remote) // digests.go: what digests have sent
	}
	if err == nil {
		// pack.go: pack loose objects past git's gc.auto. Housekeeping: a
		// failure leaves them loose, and the next sync tries again.
		_, _ = s.AutoPack(ctx)
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
	if sess, err := s.Session(); err != nil {
		return err
	} else if sess != nil {
		res.Conflicts = sess.Unresolved()
		return fmt.Errorf("%w: %d left (accord conflicts lists them)", ErrConflicts, res.Conflicts)
	}
	defer s.startPrefetch(ctx, branch, o.Remote)() // prefetch.go: fetch while looking for edits
	n, err := s.commitLocalEdits(author, o.Today)
	if err != nil {
		return err
	}
	res.Committed = n

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
		return 0, nil, err
	}
	rc, err := s.repo.CommitObject(remote)
	if err != nil {
		return 0, nil, err
	}
	if ok, err := rc.IsAncestor(lc); err != nil {
		return 0, nil, err
	} else if ok {
		return ahead, rc, nil
	}
	if ok, err := lc.IsAncestor(rc); err != nil {
		return 0, nil, err
	} else if ok {
		return behind, lc, nil
	}
	bases, err := lc.MergeBase(rc)
	if err != nil {
		return 0, nil, err
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
func (s *Store) fastForward(branch plumbing.ReferenceName, local, remote plumbing.Hash, res *SyncResult) error {
	lt, err := s.treeOf(local)
	if err != nil {
		return err
	}
	rt, err := s.treeOf(remote)
	if err != nil {
		return err
	}
	changes, err := s.treeChanges(lt, rt)
	if err != nil {
		return err
	}
	if err := s.checkUntouched(lt, changes); err != nil {
		return err
	}
	blobs := map[string]plumbing.Hash{}
	var deleted []string
	for p, h := range changes {
		if h.IsZero() {
			if err := removeFile(s.root, p, true); err != nil {
				return err
			}
			deleted = append(deleted, p)
			continue
		}
		data, err := readBlob(s, h)
		if err != nil {
			return err
		}
		if err := writeAtomic(s.root, p, data, true); err != nil {
			return err
		}
		blobs[p] = h
	}
	if err := s.repo.Storer.CheckAndSetReference(plumbing.NewHashReference(branch, remote),
		plumbing.NewHashReference(branch, local)); err != nil {
		return fmt.Errorf("%w: %v", ErrConflict, err)
	}
	rc, _ := s.repo.CommitObject(remote)
	res.FastForward = true
	res.Pulled, res.PulledFrom = s.countSince(remote, []plumbing.Hash{local})
	if err := s.updateIndex(rc.TreeHash, blobs, deleted); err != nil {
		return fmt.Errorf("moved to %s, but updating .git/index failed: %w", remote.String()[:8], err)
	}
	return nil
}

func (s *Store) treeOf(h plumbing.Hash) (*object.Tree, error) {
	c, err := s.repo.CommitObject(h)
	if err != nil {
		return nil, err
	}
	return c.Tree()
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
		data, err := readRecordFile(s.root, p)
		have := plumbing.ZeroHash
		if err == nil {
			have = plumbing.ComputeHash(plumbing.BlobObject, data)
		}
		if have != want {
			touched = append(touched, p)
		}
	}
	if len(touched) > 0 {
		slices.Sort(touched)
		return fmt.Errorf("uncommitted changes to %s would be overwritten; commit or undo them first", strings.Join(touched, ", "))
	}
	return nil
}

// mergeRemote merges the remote's commit into the branch. Clean: a merge
// commit with both parents. Conflicts: a merge session, and ErrConflicts.
func (s *Store) mergeRemote(base *object.Commit, local, remote plumbing.Hash, author Signature, today time.Time, resolved map[string]RecordConflict, res *SyncResult) error {
	var bt *object.Tree
	if base != nil {
		t, err := base.Tree()
		if err != nil {
			return err
		}
		bt = t
	} else {
		bt = &object.Tree{}
	}
	lt, err := s.treeOf(local)
	if err != nil {
		return err
	}
	rt, err := s.treeOf(remote)
	if err != nil {
		return err
	}
	mr, err := s.mergeTrees(bt, lt, rt, resolved)
	if err != nil {
		return err
	}
	if err := s.applyRecordResolutions(&mr, rt, resolved); err != nil {
		return err
	}
	mr.conflicts = append(mr.conflicts, s.ruleConflicts(mr, today, resolved)...)
	if len(mr.conflicts) > 0 {
		sess := &MergeSession{Ours: local.String(), Theirs: remote.String(), Conflicts: mr.conflicts}
		if base != nil {
			sess.Base = base.Hash.String()
		}
		if err := s.saveSession(sess); err != nil {
			return err
		}
		res.Conflicts = len(mr.conflicts)
		return fmt.Errorf("%w: %d (accord conflicts lists them)", ErrConflicts, res.Conflicts)
	}
	changed := map[string]plumbing.Hash{}
	for _, f := range mr.put {
		changed[f.Path] = plumbing.ZeroHash
	}
	for _, p := range mr.delete {
		changed[p] = plumbing.ZeroHash
	}
	if err := s.checkUntouched(lt, changed); err != nil {
		return err
	}
	res.Pulled, res.PulledFrom = s.countSince(remote, []plumbing.Hash{local})
	res.Merged = mr.merged
	msg := fmt.Sprintf("sync: merge %d changes from %s", res.Pulled, remoteName)
	if len(mr.merged) > 0 {
		msg += fmt.Sprintf("\n\nMerged field by field: %s", strings.Join(mr.merged, ", "))
	}
	_, err = s.commitLocked(Change{Put: mr.put, Delete: mr.delete, Message: msg, MergeParent: remote}, author)
	return err
}

// ruleConflicts validates what a merge produced: a record either side
// changed that now breaks a rule it did not break here (two people each
// made Accountable; a goal re-parented here under a goal deleted there) is
// a conflict too, over the whole record.
func (s *Store) ruleConflicts(mr mergeResult, today time.Time, resolved map[string]RecordConflict) []RecordConflict {
	if len(mr.touched) == 0 {
		return nil
	}
	org, err := s.Load()
	if err != nil {
		return nil
	}
	before := map[string]bool{}
	opts := model.ValidateOptions{Today: today}
	for _, f := range model.Validate(org, opts) {
		if f.Severity == model.SeverityError {
			before[f.ID+"\x00"+f.Rule] = true
		}
	}
	for _, f := range mr.put {
		k, _, ok := model.KindOfPath(f.Path)
		if !ok {
			continue
		}
		if rec, err := decodeRecord(k, f.Path, f.Data); err == nil {
			org.Add(rec, &model.Source{Path: f.Path})
		}
	}
	for _, p := range mr.delete {
		if _, id, ok := model.KindOfPath(p); ok {
			org.Remove(id)
		}
	}
	org.Index()
	var out []RecordConflict
	for _, f := range model.Validate(org, opts) {
		if f.Severity != model.SeverityError || before[f.ID+"\x00"+f.Rule] || !slices.Contains(mr.touched, f.ID) {
			continue
		}
		if _, ok := resolved[resolutionKey(f.ID, RecordField)]; ok {
			continue
		}
		if slices.ContainsFunc(out, func(c RecordConflict) bool { return c.ID == f.ID }) {
			continue
		}
		src := org.Sources[f.ID]
		if src == nil {
			continue
		}
		k, _, _ := model.KindOfPath(src.Path)
		out = append(out, RecordConflict{Kind: k, ID: f.ID, Path: src.Path, Rule: f.Rule + ": " + f.Message,
			FieldConflict: model.FieldConflict{Field: RecordField, Base: "valid on each side", Ours: "keep the merged record", Theirs: "take the remote's version"}})
	}
	return out
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
	var errs []string
	for _, f := range model.Validate(org, model.ValidateOptions{Today: today, Base: base}) {
		if f.Severity == model.SeverityError && slices.Contains(ids, f.ID) {
			errs = append(errs, f.String())
		}
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

// Resolve records the user's choice for one conflict of the merge session:
// "ours", "theirs", or "value" with value. When it was the last one, the
// merge is made again against the branch as it is now, with every choice
// applied, and committed with both parents; the next sync pushes it. It
// returns the conflicts still open.
func (s *Store) Resolve(id, field, how, value string) (int, error) {
	today := s.Now()
	if how != "ours" && how != "theirs" && how != "value" {
		return 0, fmt.Errorf("resolve with ours, theirs or a value, not %q", how)
	}
	author, err := s.Identity()
	if err != nil {
		return 0, err
	}
	author.When = s.Now()
	left := 0
	err = s.locked(func() error {
		sess, err := s.Session()
		if err != nil {
			return err
		}
		if sess == nil {
			return errors.New("nothing to resolve: no merge is waiting")
		}
		found := false
		for i := range sess.Conflicts {
			c := &sess.Conflicts[i]
			if strings.EqualFold(c.ID, id) && c.Field == field {
				if how == "value" && c.Field == RecordField {
					return errors.New("a whole-record conflict is resolved with --ours or --theirs")
				}
				c.Resolution, c.Value, found = how, value, true
			}
		}
		if !found {
			return fmt.Errorf("no conflict on %s %s (accord conflicts lists them)", id, field)
		}
		if left = sess.Unresolved(); left > 0 {
			return s.saveSession(sess)
		}
		return s.completeMerge(sess, author, today, &left)
	})
	return left, err
}

// completeMerge makes the session's merge with every resolution applied.
func (s *Store) completeMerge(sess *MergeSession, author Signature, today time.Time, left *int) error {
	resolved := map[string]RecordConflict{}
	for _, c := range sess.Conflicts {
		resolved[resolutionKey(c.ID, c.Field)] = c
	}
	_, local, err := s.branchHead()
	if err != nil {
		return err
	}
	remote := plumbing.NewHash(sess.Theirs)
	var base *object.Commit
	if sess.Base != "" {
		if base, err = s.repo.CommitObject(plumbing.NewHash(sess.Base)); err != nil {
			return err
		}
	}
	if err := s.dropSession(); err != nil {
		return err
	}
	var res SyncResult
	err = s.mergeRemote(base, local, remote, author, today, resolved, &res)
	if errors.Is(err, ErrConflicts) {
		// New conflicts (the branch moved since): keep what was resolved.
		if fresh, _ := s.Session(); fresh != nil {
			for i, c := range fresh.Conflicts {
				if r, ok := resolved[resolutionKey(c.ID, c.Field)]; ok {
					fresh.Conflicts[i].Resolution, fresh.Conflicts[i].Value = r.Resolution, r.Value
				}
			}
			*left = fresh.Unresolved()
			return s.saveSession(fresh)
		}
	}
	return err
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
	return res.String(), err
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
