package gitstore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Checkup is what accord doctor looks at in a clone, gathered without
// touching the network.
type Checkup struct {
	// Remote is origin's URL without user-info, "" when there is none;
	// RemoteHasCredential says .git/config holds one in it (put there by
	// another tool).
	Remote              string
	RemoteHasCredential bool
	// Auth says how a sync would authenticate, or why it cannot.
	Auth        string
	AuthProblem bool
	MergeDriver MergeDriverState
	// PreCommit is the pre-commit hook's text ("" when there is none);
	// HooksPath is core.hooksPath when it moves the hooks elsewhere.
	PreCommit string
	HooksPath string
	// Conflicts is how many conflicts of a merge session wait.
	Conflicts int
}

// Checkup gathers what accord doctor reports.
func (s *Store) Checkup() (Checkup, error) {
	var c Checkup
	st, err := s.MergeDriver()
	if err != nil {
		return c, err
	}
	c.MergeDriver = st
	if sess, err := s.Session(); err == nil && sess != nil {
		c.Conflicts = sess.Unresolved()
	}
	s.mu.Lock()
	raw, rerr := s.remoteURL()
	cfg, cerr := s.repo.Config()
	o := s.withClone(RemoteOptions{})
	s.mu.Unlock()
	if cerr != nil {
		return c, cerr
	}
	if rerr == nil {
		c.Remote = redact(raw)
		c.RemoteHasCredential = checkRemoteURL(raw) != nil
		c.Auth, c.AuthProblem = describeAuth(raw, o)
	} else if !errors.Is(rerr, ErrNoRemote) {
		return c, rerr
	}
	hooks := filepath.Join(s.gitDir, "hooks")
	if hp := strings.TrimSpace(cfg.Raw.Section("core").Option("hooksPath")); hp != "" {
		c.HooksPath = hp
		hooks = hp
		if !filepath.IsAbs(hp) {
			hooks = filepath.Join(s.dir, hp)
		}
	}
	data, err := os.ReadFile(filepath.Join(hooks, "pre-commit"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c, err
	}
	c.PreCommit = string(data)
	return c, nil
}
