package gitstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// Clone copies the data repository at rawURL into dir. An empty remote is
// bootstrapped: a new data repository named after dir is made, pointed at
// the remote, and pushed. The load cache is built before returning, so the
// first open is fast.
func Clone(ctx context.Context, rawURL, dir string, o RemoteOptions, opts ...Option) (*Store, error) {
	if err := checkRemoteURL(rawURL); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if entries, err := os.ReadDir(abs); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s exists and is not empty", abs)
	}
	auth, err := authFor(ctx, rawURL, withUser(o))
	if err != nil {
		return nil, err
	}
	_, err = git.PlainCloneContext(ctx, abs, false, &git.CloneOptions{URL: rawURL, Auth: auth, RemoteName: remoteName, NoCheckout: true})
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		// The remote's HEAD names a branch it does not have (a bare
		// repository made with another default); Accord's branch is main.
		os.RemoveAll(abs)
		_, err = git.PlainCloneContext(ctx, abs, false, &git.CloneOptions{URL: rawURL, Auth: auth, RemoteName: remoteName,
			ReferenceName: plumbing.NewBranchReferenceName("main"), SingleBranch: true, NoCheckout: true})
	}
	switch {
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		os.RemoveAll(filepath.Join(abs, ".git"))
		s, err := bootstrap(ctx, abs, rawURL, o, opts)
		if err != nil {
			// Leave nothing half-made behind, or the next try finds the
			// folder "not empty".
			os.RemoveAll(abs)
			return nil, err
		}
		return s, nil
	case err != nil:
		os.RemoveAll(abs)
		return nil, remoteError("clone", rawURL, authFailure(auth, err))
	}
	if err := checkoutClone(abs); err != nil { // checkout.go
		os.RemoveAll(abs)
		return nil, remoteError("clone", rawURL, err)
	}
	if !isDataRepo(abs) {
		return nil, fmt.Errorf("cloned %s into %s, but it has no accord.yaml: not an Accord data repository (run accord init there to adopt it)", redact(rawURL), abs)
	}
	s, err := openAt(abs, opts)
	if err != nil {
		return nil, err
	}
	if _, err := s.Load(); err != nil {
		s.Close()
		return nil, err
	}
	// Plain git pull in the clone merges records as sync does.
	if _, err := s.InstallMergeDriver(); err != nil {
		s.Close()
		return nil, fmt.Errorf("cloned into %s, but installing the merge driver failed: %w", abs, err)
	}
	return s, nil
}

// bootstrap makes a new data repository in dir for an empty remote and
// pushes it there.
func bootstrap(ctx context.Context, dir, rawURL string, o RemoteOptions, opts []Option) (*Store, error) {
	s, err := Init(dir, titleFromDir(dir), opts...)
	if err != nil {
		return nil, err
	}
	if err := s.SetRemote(rawURL); err != nil {
		s.Close()
		return nil, err
	}
	err = s.locked(func() error {
		branch, _, err := s.branchHead()
		if err != nil {
			return err
		}
		return s.push(ctx, branch, o)
	})
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

func titleFromDir(dir string) string {
	name := filepath.Base(dir)
	if name == "" || name == "." || name == "/" {
		return "Our organisation"
	}
	return name
}
