package gitstore

// What digests have been sent (accord digest), kept in git so a CI cron on
// any runner continues where the last run stopped: one ref per recipient,
// refs/accord/digests/person/<handle> or …/team/<handle>, pointing at a
// commit whose tree holds mark.json (a model.DigestMark) and whose parent
// is the previous mark. The data branch never sees them. Sync fetches the
// remote's marks, reconciles them with the clone's (a mark that descends
// from the other wins; two runners that sent at once are merged: anything
// either sent counts as sent) and pushes the result without force.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

const (
	digestRefs     = "refs/accord/digests/"
	digestTracking = "refs/accord/remote-digests/" // the remote's marks as last fetched
	markFile       = "mark.json"
)

func digestRef(r model.Recipient) (plumbing.ReferenceName, error) {
	if _, err := model.ParseRecipient(r.String()); err != nil {
		return "", err
	}
	return plumbing.ReferenceName(digestRefs + r.String()), nil
}

// DigestMark returns what was last sent to r, and the hash of the mark's
// commit ("" and an empty mark when nothing ever was).
func (s *Store) DigestMark(r model.Recipient) (model.DigestMark, string, error) {
	name, err := digestRef(r)
	if err != nil {
		return model.DigestMark{}, "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	h, err := s.refHash(name)
	if err != nil || h.IsZero() {
		return model.DigestMark{}, "", err
	}
	m, err := s.readMark(h)
	return m, h.String(), err
}

// SetDigestMark records m as sent to r, provided the mark is still at
// was (the hash DigestMark returned): otherwise another digest was
// recorded meanwhile and nothing is written (ErrStale).
func (s *Store) SetDigestMark(r model.Recipient, m model.DigestMark, was string) error {
	name, err := digestRef(r)
	if err != nil {
		return err
	}
	return s.locked(func() error {
		old := plumbing.ZeroHash
		if was != "" {
			old = plumbing.NewHash(was)
		}
		var parents []plumbing.Hash
		if !old.IsZero() {
			parents = append(parents, old)
		}
		h, err := s.writeMark(m, fmt.Sprintf("digest for %s: %s up to %s", r, model.Plural(len(m.Sent), "item"), model.ShortHash(m.Commit)), parents)
		if err != nil {
			return err
		}
		return s.moveRef(name, old, h)
	})
}

func (s *Store) refHash(name plumbing.ReferenceName) (plumbing.Hash, error) {
	ref, err := s.repo.Storer.Reference(name)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("read %s: %w", name, err)
	}
	return ref.Hash(), nil
}

func (s *Store) readMark(h plumbing.Hash) (model.DigestMark, error) {
	var m model.DigestMark
	c, err := s.repo.CommitObject(h)
	if err != nil {
		return m, fmt.Errorf("digest mark %s: %w", model.ShortHash(h.String()), err)
	}
	f, err := c.File(markFile)
	if err != nil {
		return m, fmt.Errorf("digest mark %s: %w", model.ShortHash(h.String()), err)
	}
	rd, err := f.Reader()
	if err != nil {
		return m, err
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, 16<<20))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("digest mark %s: %s: %w", model.ShortHash(h.String()), markFile, err)
	}
	return m, nil
}

// writeMark stores a mark as a commit of one file; callers hold s.mu.
func (s *Store) writeMark(m model.DigestMark, msg string, parents []plumbing.Hash) (plumbing.Hash, error) {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return plumbing.ZeroHash, err
	}
	blob, err := s.writeBlob(append(data, '\n'))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	tree := &object.Tree{Entries: []object.TreeEntry{{Name: markFile, Mode: filemode.Regular, Hash: blob}}}
	obj := s.repo.Storer.NewEncodedObject()
	if err := tree.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	treeHash, err := s.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		return plumbing.ZeroHash, err
	}
	who, err := s.identityLocked() // callers hold s.mu
	if err != nil {
		who = Signature{Name: "Accord", Email: "accord@localhost"}
	}
	sig := object.Signature{Name: who.Name, Email: who.Email, When: s.Now()}
	c := &object.Commit{Author: sig, Committer: sig, Message: msg + "\n", TreeHash: treeHash, ParentHashes: parents}
	obj = s.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return s.repo.Storer.SetEncodedObject(obj)
}

// moveRef moves a ref from old (zero: it must not exist) to h the way git
// does: take <ref>.lock exclusively, compare the old value under it, write
// the new one, fsync, rename over the ref. Callers hold s.mu.
func (s *Store) moveRef(name plumbing.ReferenceName, old, h plumbing.Hash) error {
	p := filepath.Join(s.gitDir, filepath.FromSlash(name.String()))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	lock, err := os.OpenFile(p+".lock", os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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
	cur, err := s.refHash(name)
	if err != nil {
		return err
	}
	if cur != old {
		return fmt.Errorf("%s moved meanwhile (%s, not %s): %w", name, model.ShortHash(cur.String()), model.ShortHash(old.String()), ErrStale)
	}
	if _, err := lock.WriteString(h.String() + "\n"); err != nil {
		return err
	}
	if err := lock.Sync(); err != nil {
		return err
	}
	if err := lock.Close(); err != nil {
		return err
	}
	if err := os.Rename(p+".lock", p); err != nil {
		return err
	}
	done = true
	return syncFS(filepath.Dir(p))
}

// SyncDigestMarks makes the clone's digest marks and the remote's agree:
// fetch the remote's, take each that descends from ours, merge each that
// diverged, and push ours without force. A mark that moved on the remote
// meanwhile is fetched and reconciled again, a few times.
func (s *Store) SyncDigestMarks(ctx context.Context, o RemoteOptions) error {
	return s.locked(func() error {
		for attempt := 0; ; attempt++ {
			if err := s.fetchMarks(ctx, o); err != nil {
				return err
			}
			push, err := s.reconcileMarks()
			if err != nil {
				return err
			}
			if len(push) == 0 {
				return nil
			}
			err = s.pushMarks(ctx, o, push)
			if err == nil || !errors.Is(err, errRejected) || attempt >= 3 {
				return err
			}
		}
	})
}

// remoteAuth is the remote's URL and the credentials to reach it.
func (s *Store) remoteAuth(ctx context.Context, o RemoteOptions) (string, transport.AuthMethod, error) {
	rawURL, err := s.remoteURL()
	if err != nil {
		return "", nil, err
	}
	auth, err := authFor(ctx, rawURL, o)
	return rawURL, auth, err
}

func (s *Store) fetchMarks(ctx context.Context, o RemoteOptions) error {
	rawURL, auth, err := s.remoteAuth(ctx, o)
	if err != nil {
		return err
	}
	err = s.repo.FetchContext(ctx, &git.FetchOptions{RemoteName: remoteName, Auth: auth, Force: true,
		RefSpecs: []config.RefSpec{config.RefSpec("+" + digestRefs + "*:" + digestTracking + "*")}})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) && !strings.Contains(err.Error(), "couldn't find remote ref") &&
		!strings.Contains(err.Error(), "remote repository is empty") {
		return remoteError("fetch digest marks from", rawURL, err)
	}
	return nil
}

// reconcileMarks brings each fetched mark into the clone's marks and
// returns the refs the remote lacks or has older.
func (s *Store) reconcileMarks() ([]plumbing.ReferenceName, error) {
	refs, err := s.repo.Storer.IterReferences()
	if err != nil {
		return nil, err
	}
	local, remote := map[plumbing.ReferenceName]plumbing.Hash{}, map[plumbing.ReferenceName]plumbing.Hash{}
	err = refs.ForEach(func(r *plumbing.Reference) error {
		n := r.Name().String()
		switch {
		case strings.HasPrefix(n, digestRefs):
			local[r.Name()] = r.Hash()
		case strings.HasPrefix(n, digestTracking):
			remote[plumbing.ReferenceName(digestRefs+strings.TrimPrefix(n, digestTracking))] = r.Hash()
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var push []plumbing.ReferenceName
	for name, mine := range local {
		if theirs, ok := remote[name]; !ok || theirs != mine {
			if ok {
				if up, err := s.isAncestor(mine, theirs); err != nil {
					return nil, err
				} else if up {
					continue // theirs is newer: taken below
				}
			}
			push = append(push, name)
		}
	}
	for name, theirs := range remote {
		mine, ok := local[name]
		switch {
		case !ok:
			if err := s.moveRef(name, plumbing.ZeroHash, theirs); err != nil {
				return nil, err
			}
		case mine == theirs:
		default:
			if behind, err := s.isAncestor(mine, theirs); err != nil {
				return nil, err
			} else if behind {
				if err := s.moveRef(name, mine, theirs); err != nil {
					return nil, err
				}
				continue
			}
			if ahead, err := s.isAncestor(theirs, mine); err != nil {
				return nil, err
			} else if ahead {
				continue // ours is newer: already listed to push
			}
			// Two runners sent at once: whatever either sent is sent.
			a, err := s.readMark(mine)
			if err != nil {
				return nil, err
			}
			b, err := s.readMark(theirs)
			if err != nil {
				return nil, err
			}
			bNewer := b.Date > a.Date || b.Date == a.Date && b.Commit != a.Commit && s.descends(b.Commit, a.Commit)
			h, err := s.writeMark(model.MergeMarks(a, b, bNewer), "digest marks merged: "+strings.TrimPrefix(name.String(), digestRefs), []plumbing.Hash{mine, theirs})
			if err != nil {
				return nil, err
			}
			if err := s.moveRef(name, mine, h); err != nil {
				return nil, err
			}
		}
	}
	return push, nil
}

// descends reports whether data commit a descends from b (false when
// either is unknown).
func (s *Store) descends(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	ok, err := s.isAncestor(plumbing.NewHash(b), plumbing.NewHash(a))
	return err == nil && ok
}

// isAncestor reports whether a is b or an ancestor of b.
func (s *Store) isAncestor(a, b plumbing.Hash) (bool, error) {
	if a == b {
		return true, nil
	}
	ca, err := s.repo.CommitObject(a)
	if err != nil {
		return false, err
	}
	cb, err := s.repo.CommitObject(b)
	if err != nil {
		return false, err
	}
	return ca.IsAncestor(cb)
}

func (s *Store) pushMarks(ctx context.Context, o RemoteOptions, names []plumbing.ReferenceName) error {
	rawURL, auth, err := s.remoteAuth(ctx, o)
	if err != nil {
		return err
	}
	var specs []config.RefSpec
	for _, n := range names {
		specs = append(specs, config.RefSpec(n.String()+":"+n.String()))
	}
	err = s.repo.PushContext(ctx, &git.PushOptions{RemoteName: remoteName, RefSpecs: specs, Auth: auth})
	if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "non-fast-forward") || strings.Contains(msg, "failed to update ref") || strings.Contains(msg, "fetch first") {
		return errRejected
	}
	return remoteError("push digest marks to", rawURL, err)
}
