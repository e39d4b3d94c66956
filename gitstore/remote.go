package gitstore

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/transport"
)

// More sentinel errors for talking to a remote.
var (
	// ErrOffline: the remote could not be reached; nothing was lost.
	ErrOffline = errors.New("remote unreachable")
	// ErrAuth: the remote refused the credentials.
	ErrAuth = errors.New("authentication failed")
	// ErrHostKey: the SSH host key is unknown or has changed.
	ErrHostKey = errors.New("host key not trusted")
	// ErrNoRemote: the repository has no remote to sync with.
	ErrNoRemote = errors.New("no remote")
	// ErrCredentialInURL: a remote URL holds a user name or token.
	ErrCredentialInURL = errors.New("credential in the URL")
	// errRejected: the remote moved while we pushed; fetch, merge, retry.
	errRejected = errors.New("push rejected: the remote has new commits")
)

// remoteName is the one remote Accord syncs with.
const remoteName = "origin"

// RemoteOptions are how to authenticate to the remote.
type RemoteOptions struct {
	// SSHKey is a private key file; empty uses the SSH agent.
	SSHKey string
	// KnownHosts is the known_hosts file (default ~/.ssh/known_hosts).
	KnownHosts string
	// AcceptHostKey is the SHA256 fingerprint of an unknown host's key the
	// user has checked and accepts; it is then added to KnownHosts.
	AcceptHostKey string
	// Token is an HTTPS token; empty means ACCORD_TOKEN, then git credential.
	Token string
	// AskPassphrase asks for the passphrase of an SSH key file (the CLI
	// reads it from the terminal without echo). Without it, only the
	// passphrases given to Store.SetPassphrase are used, and a key that
	// needs another makes the connection fail with a *PassphraseError.
	AskPassphrase func(keyFile string) (string, error)

	passphrases map[string]string            // given to the store
	remember    func(key, passphrase string) // keeps one that opened a key
	sshCommand  string                       // GIT_SSH_COMMAND or core.sshCommand
}

// SetRemote points the repository's origin at url. Credentials never go in
// the URL (they would be stored in plain text in .git/config).
func (s *Store) SetRemote(rawURL string) error {
	if err := checkRemoteURL(rawURL); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg, err := s.repo.Config()
	if err != nil {
		return err
	}
	cfg.Remotes[remoteName] = &config.RemoteConfig{Name: remoteName, URLs: []string{rawURL},
		Fetch: []config.RefSpec{"+refs/heads/*:refs/remotes/origin/*"}}
	return s.repo.SetConfig(cfg)
}

// checkRemoteURL refuses URLs that carry a credential: over HTTP(S) any
// user-info at all (a token is often given as the user name,
// https://TOKEN@host/…), over SSH a password. It does not need the URL to
// parse, and never echoes the user-info in its message.
func checkRemoteURL(rawURL string) error {
	scheme, info, _, ok := splitUserInfo(rawURL)
	if !ok {
		return nil
	}
	if (scheme == "ssh" || scheme == "git+ssh" || scheme == "ssh+git" || scheme == "") && !strings.Contains(info, ":") {
		return nil // the SSH login (git@host), not a secret
	}
	return fmt.Errorf("%w: %s holds a user name or token before the @; Accord never stores one: give the URL without it, and put the token in ACCORD_TOKEN or in git's credential helper (git credential)", ErrCredentialInURL, redact(rawURL))
}

// splitUserInfo finds the user-info of a URL without parsing it, so that a
// URL that does not parse (https://me:TOKEN%zz@host/…) is handled too:
// scheme://USERINFO@rest, or USERINFO@host:path for the scp-like SSH form
// (scheme ""). ok is false when there is none.
func splitUserInfo(rawURL string) (scheme, info, rest string, ok bool) {
	if i := strings.Index(rawURL, "://"); i >= 0 {
		scheme = strings.ToLower(rawURL[:i])
		after := rawURL[i+3:]
		end := strings.IndexAny(after, "/?#")
		if end < 0 {
			end = len(after)
		}
		at := strings.LastIndex(after[:end], "@")
		if at < 0 {
			return scheme, "", after, false
		}
		return scheme, after[:at], after[at+1:], true
	}
	// scp-like: [user@]host:path, the user-info ending at the last @
	// before the first colon that follows it.
	colon := strings.Index(rawURL, ":")
	if colon < 0 {
		return "", "", rawURL, false // a local path
	}
	at := strings.LastIndex(rawURL, "@")
	if at < 0 || strings.ContainsAny(rawURL[:at], "/\\") {
		return "", "", rawURL, false
	}
	if c := strings.Index(rawURL[at:], ":"); c < 0 {
		return "", "", rawURL, false
	}
	return "", rawURL[:at], rawURL[at+1:], true
}

// RemoteURL is origin's URL for people to read, without any user-info
// (a remote set by another tool may hold a token), or ErrNoRemote.
func (s *Store) RemoteURL() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, err := s.remoteURL()
	return redact(u), err
}

func (s *Store) remoteURL() (string, error) {
	cfg, err := s.repo.Config()
	if err != nil {
		return "", err
	}
	r := cfg.Remotes[remoteName]
	if r == nil || len(r.URLs) == 0 {
		return "", fmt.Errorf("%w: set one with accord remote set URL", ErrNoRemote)
	}
	return r.URLs[0], nil
}

// redact removes a URL's user-info for messages, whether or not the URL
// parses; only an SSH login name without a password is kept (git@host).
func redact(rawURL string) string {
	scheme, info, rest, ok := splitUserInfo(rawURL)
	if !ok {
		return rawURL
	}
	sshLogin := !strings.Contains(info, ":") && !strings.Contains(info, "%")
	switch scheme {
	case "":
		if sshLogin {
			return rawURL
		}
		return rest
	case "ssh", "git+ssh", "ssh+git":
		if sshLogin {
			return rawURL
		}
	}
	return scheme + "://" + rest
}

// fetch brings the remote's branch into refs/remotes/origin/<branch> and
// returns its commit, or zero when the remote has no such branch (an empty
// remote). Callers hold s.mu.
func (s *Store) fetch(ctx context.Context, branch plumbing.ReferenceName, o RemoteOptions) (plumbing.Hash, error) {
	rawURL, err := s.remoteURL()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	auth, err := authFor(ctx, rawURL, s.withClone(o))
	if err != nil {
		return plumbing.ZeroHash, err
	}
	s.clearFetchLeftovers() // a sync killed mid-fetch would make this one fail
	short := branch.Short()
	tracking := plumbing.NewRemoteReferenceName(remoteName, short)
	err = s.repo.FetchContext(ctx, &git.FetchOptions{
		RemoteName: remoteName,
		RefSpecs:   []config.RefSpec{config.RefSpec("+" + branch.String() + ":" + tracking.String())},
		Auth:       auth,
		Force:      true,
	})
	switch {
	case errors.Is(err, transport.ErrEmptyRemoteRepository), err != nil && strings.Contains(err.Error(), "couldn't find remote ref"):
		return plumbing.ZeroHash, nil
	case err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate):
		return plumbing.ZeroHash, remoteError("fetch from", rawURL, authFailure(auth, err))
	}
	ref, err := s.repo.Storer.Reference(tracking)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, nil
	}
	if err != nil {
		return plumbing.ZeroHash, err
	}
	return ref.Hash(), nil
}

// push sends the branch without force. A remote that moved meanwhile gives
// errRejected. Callers hold s.mu.
func (s *Store) push(ctx context.Context, branch plumbing.ReferenceName, o RemoteOptions) error {
	rawURL, err := s.remoteURL()
	if err != nil {
		return err
	}
	auth, err := authFor(ctx, rawURL, s.withClone(o))
	if err != nil {
		return err
	}
	err = s.repo.PushContext(ctx, &git.PushOptions{
		RemoteName: remoteName,
		RefSpecs:   []config.RefSpec{config.RefSpec(branch.String() + ":" + branch.String())},
		Auth:       auth,
	})
	if err == nil || errors.Is(err, git.NoErrAlreadyUpToDate) {
		// Our view of the remote is now our branch.
		if h, herr := s.readBranch(branch, false); herr == nil && !h.IsZero() {
			_ = s.writeRef(plumbing.NewRemoteReferenceName(remoteName, branch.Short()), h, "update by push", false,
				func([]byte, bool) error { return nil })
		}
		return nil
	}
	msg := err.Error()
	if strings.Contains(msg, "non-fast-forward") || strings.Contains(msg, "failed to update ref") ||
		strings.Contains(msg, "fetch first") || strings.Contains(msg, "stale info") {
		return errRejected
	}
	return remoteError("push to", rawURL, authFailure(auth, err))
}

// remoteError turns a transport error into one of the sentinels, with the
// remote named and no credentials in the message.
func remoteError(verb, rawURL string, err error) error {
	where := redact(rawURL)
	var hk *HostKeyError
	var pe *PassphraseError
	switch {
	case errors.As(err, &hk), errors.As(err, &pe):
		return err
	case strings.Contains(err.Error(), "no common algorithm for host key"):
		// We offer only the key types known_hosts has for the host (go-git
		// #1551), so a host now presenting only another type has a changed
		// key; the handshake stops before any key is shown to us.
		return fmt.Errorf("%s %s: %w: the SSH host key has CHANGED: the host no longer offers a key of the type known_hosts has on record for it; refusing to connect (if the host really was re-keyed, remove the old line from known_hosts) (%v)",
			verb, where, ErrHostKey, err)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed),
		strings.Contains(err.Error(), "unable to authenticate"), strings.Contains(err.Error(), "authentication required"):
		return fmt.Errorf("%s %s: %w (check ACCORD_TOKEN, your git credentials, or your SSH keys: accord doctor lists the ones tried)", verb, where, ErrAuth)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("%s %s: no repository there", verb, where)
	case isNetworkError(err):
		return fmt.Errorf("%s %s: %w: %v", verb, where, ErrOffline, scrub(err.Error(), rawURL))
	}
	return fmt.Errorf("%s %s: %v", verb, where, scrub(err.Error(), rawURL))
}

// scrub removes the raw URL (which might carry credentials) from a message.
func scrub(msg, rawURL string) string {
	return strings.ReplaceAll(msg, rawURL, redact(rawURL))
}

func isNetworkError(err error) bool {
	var ne net.Error
	var oe *net.OpError
	var dnsErr *net.DNSError
	if errors.As(err, &ne) || errors.As(err, &oe) || errors.As(err, &dnsErr) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection refused", "connection reset", "no such host", "i/o timeout",
		"network is unreachable", "EOF", "broken pipe", "unexpected EOF", "connection closed"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
