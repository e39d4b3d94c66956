package gitstore

// A sync fetches while it looks for records edited outside Accord. Finding
// them lists and stats every record file, as git status does; the fetch
// waits on the network. So the sync starts its first fetch at once, through
// a repository instance of its own (go-git's are not safe for concurrent
// use; two instances over one clone are like two processes, and they write
// different files: the fetch a new pack and the remote-tracking ref, the
// sync the branch, the index and loose objects), and takes its result when
// it would otherwise fetch. A fetch only adds objects and moves the
// remote-tracking ref, so fetching before the local edits are committed
// changes nothing about what the sync then does.

import (
	"context"

	"github.com/go-git/go-git/v5/plumbing"
)

type prefetch struct {
	branch plumbing.ReferenceName
	done   chan struct{}
	remote plumbing.Hash
	err    error
}

// startPrefetch starts fetching branch from the remote in the background;
// the sync's first fetch takes its result (takePrefetch). The returned
// function, deferred by the sync, stops a fetch nobody took and waits for
// it to end. The caller holds s.mu.
func (s *Store) startPrefetch(ctx context.Context, branch plumbing.ReferenceName, o RemoteOptions) func() {
	repo, err := openRepo(s.dir, s.gitDir)
	if err != nil {
		return func() {} // the sync fetches as usual
	}
	// other shares the passphrases given to s, and those it is given.
	other := &Store{dir: s.dir, gitDir: s.gitDir, root: s.root, repo: repo, LockTimeout: s.LockTimeout, Now: s.Now, author: s.author, keys: s.keys}
	ctx, cancel := context.WithCancel(ctx)
	pf := &prefetch{branch: branch, done: make(chan struct{})}
	s.prefetched = pf
	go func() {
		defer close(pf.done)
		pf.remote, pf.err = other.fetch(ctx, branch, o)
		if st, ok := repo.Storer.(*packedStorage); ok {
			st.Close()
		}
	}()
	return func() {
		s.prefetched = nil
		cancel() // a fetch already taken has ended; one not taken stops
		<-pf.done
	}
}

// takePrefetch returns the background fetch of branch, once, or nil. The
// caller holds s.mu.
func (s *Store) takePrefetch(branch plumbing.ReferenceName) *prefetch {
	pf := s.prefetched
	if pf == nil || pf.branch != branch {
		return nil
	}
	s.prefetched = nil
	<-pf.done
	return pf
}
