package gitstore

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	xssh "golang.org/x/crypto/ssh"
)

// sshHome makes a temp HOME with ~/.ssh/known_hosts trusting srv, no SSH
// agent and no ssh command, and returns the ~/.ssh folder.
func sshHome(t *testing.T, srv *sshServer) string {
	t.Helper()
	isolate(t)
	t.Setenv("SSH_AUTH_SOCK", "")
	t.Setenv("GIT_SSH_COMMAND", "")
	dot := filepath.Join(os.Getenv("HOME"), ".ssh")
	if err := os.MkdirAll(dot, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dot, "known_hosts"), []byte(srv.KnownHostsLine()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return dot
}

// copyKey writes srv's client key to path, encrypted with passphrase
// unless it is empty.
func copyKey(t *testing.T, srv *sshServer, path, passphrase string) {
	t.Helper()
	data, err := os.ReadFile(srv.ClientKey)
	if err != nil {
		t.Fatal(err)
	}
	if passphrase != "" {
		key, err := xssh.ParseRawPrivateKey(data)
		if err != nil {
			t.Fatal(err)
		}
		block, err := xssh.MarshalPrivateKeyWithPassphrase(key, "encrypted", []byte(passphrase))
		if err != nil {
			t.Fatal(err)
		}
		data = pem.EncodeToMemory(block)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// SSH like git: with no agent and no --ssh-key, the default key files are
// used; ~/.ssh/config's Host alias (HostName, User, Port, IdentityFile)
// and GIT_SSH_COMMAND's -i are honoured; a key with a passphrase is
// opened with one asked for or given, and without one the error names
// the key. HOME is a temp folder, so the test cannot run in parallel.
func TestSSHLikeGit(t *testing.T) {
	seed := seededStore(t)
	r := sshRemote(t, seed)
	srv := r.SSHD
	repoPath := strings.SplitN(strings.TrimPrefix(r.URL, "ssh://"), "/", 2)[1]
	clone := func(t *testing.T, url string, o RemoteOptions) (*Store, error) {
		t.Helper()
		s, err := Clone(remoteCtx(t), url, filepath.Join(t.TempDir(), "clone"), o, as("Raj"))
		if err == nil {
			t.Cleanup(func() { s.Close() })
		}
		return s, err
	}

	t.Run("default key", func(t *testing.T) {
		dot := sshHome(t, srv)
		copyKey(t, srv, filepath.Join(dot, "id_ed25519"), "")
		if _, err := clone(t, r.URL, RemoteOptions{}); err != nil {
			t.Fatalf("clone with ~/.ssh/id_ed25519 and no agent: %v", err)
		}
	})
	t.Run("ssh config", func(t *testing.T) {
		dot := sshHome(t, srv)
		copyKey(t, srv, filepath.Join(dot, "work_key"), "")
		config := fmt.Sprintf("Host accord-data\n  HostName 127.0.0.1\n  Port %d\n  User %s\n  IdentityFile ~/.ssh/work_key\n", srv.Port, srv.User)
		if err := os.WriteFile(filepath.Join(dot, "config"), []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := clone(t, "accord-data:/"+repoPath, RemoteOptions{})
		if err != nil {
			t.Fatalf("clone through a ~/.ssh/config alias: %v", err)
		}
		retitle(t, s, "GOAL-0000000K", "Through the alias")
		if _, err := s.Sync(context.Background(), SyncOptions{Today: syncToday}); err != nil {
			t.Errorf("sync through the alias: %v", err)
		}
	})
	t.Run("GIT_SSH_COMMAND", func(t *testing.T) {
		dot := sshHome(t, srv)
		key := filepath.Join(dot, "deploy key")
		copyKey(t, srv, key, "")
		t.Setenv("GIT_SSH_COMMAND", fmt.Sprintf("ssh -o BatchMode=yes -i '%s'", key))
		if _, err := clone(t, r.URL, RemoteOptions{}); err != nil {
			t.Fatalf("clone with the key GIT_SSH_COMMAND names: %v", err)
		}
	})
	t.Run("core.sshCommand", func(t *testing.T) {
		dot := sshHome(t, srv)
		key := filepath.Join(dot, "team_key")
		copyKey(t, srv, key, "")
		gitconfig := fmt.Sprintf("[core]\n\tsshCommand = ssh -i %s\n", key)
		if err := os.WriteFile(filepath.Join(os.Getenv("HOME"), ".gitconfig"), []byte(gitconfig), 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := clone(t, r.URL, RemoteOptions{})
		if err != nil {
			t.Fatalf("clone with the key core.sshCommand names: %v", err)
		}
		retitle(t, s, "GOAL-0000000K", "Through core.sshCommand")
		if _, err := s.Sync(context.Background(), SyncOptions{Today: syncToday}); err != nil {
			t.Errorf("sync with the key core.sshCommand names: %v", err)
		}
	})
	t.Run("passphrase", func(t *testing.T) {
		dot := sshHome(t, srv)
		key := filepath.Join(dot, "id_ed25519")
		copyKey(t, srv, key, "correct horse")
		_, err := clone(t, r.URL, RemoteOptions{})
		var pe *PassphraseError
		if !errors.As(err, &pe) || pe.Key != key || pe.Wrong || !errors.Is(err, ErrPassphrase) {
			t.Fatalf("clone with a locked key and nobody to ask: %v; want a *PassphraseError naming %s", err, key)
		}
		_, err = clone(t, r.URL, RemoteOptions{AskPassphrase: func(string) (string, error) { return "wrong", nil }})
		if !errors.As(err, &pe) || !pe.Wrong {
			t.Fatalf("clone with a wrong passphrase: %v; want it called wrong", err)
		}
		var asked []string
		s, err := clone(t, r.URL, RemoteOptions{AskPassphrase: func(k string) (string, error) {
			asked = append(asked, k)
			return "correct horse", nil
		}})
		if err != nil || len(asked) != 1 || asked[0] != key {
			t.Fatalf("clone asking for the passphrase: %v, asked %q", err, asked)
		}
		// A store opened afresh (the TUI) is told the passphrase once.
		dir := s.Dir()
		s.Close()
		tui, err := Open(dir, as("Raj"))
		if err != nil {
			t.Fatal(err)
		}
		defer tui.Close()
		retitle(t, tui, "GOAL-0000000K", "From the TUI")
		if _, err := tui.Synchronize(context.Background(), ""); !errors.As(err, &pe) || pe.Key != key {
			t.Fatalf("Synchronize with a locked key: %v; want a *PassphraseError", err)
		}
		tui.SetPassphrase(key, "correct horse")
		if _, err := tui.Synchronize(context.Background(), ""); err != nil {
			t.Fatalf("Synchronize once the passphrase is given: %v", err)
		}
	})
}

func TestKeyOfSSHCommand(t *testing.T) {
	t.Parallel()
	for cmd, want := range map[string]string{
		"":                   "",
		"ssh":                "",
		"ssh -i ~/.ssh/work": "~/.ssh/work",
		"ssh -o BatchMode=yes -i '/k/deploy key'": "/k/deploy key",
		`ssh -i "/k/a b" -p 2222`:                 "/k/a b",
		"ssh -i/k/joined":                         "/k/joined",
		"ssh -v":                                  "",
	} {
		if got := keyOfSSHCommand(cmd); got != want {
			t.Errorf("keyOfSSHCommand(%q) = %q, want %q", cmd, got, want)
		}
	}
}

func FuzzSSHCommand(f *testing.F) {
	for _, s := range []string{"ssh -i key", `ssh -i "a b"`, "ssh -i 'x", "-i", "ssh\t-i\tk", `"'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cmd string) {
		fields := shellFields(cmd)
		plain := !strings.ContainsFunc(cmd, func(r rune) bool {
			return r == '"' || r == '\'' || (unicode.IsSpace(r) && r != ' ' && r != '\t')
		})
		if plain && !slices.Equal(fields, strings.Fields(cmd)) {
			t.Errorf("shellFields(%q) = %q; want the blank-separated words", cmd, fields)
		}
		if k := keyOfSSHCommand(cmd); k != "" && !strings.Contains(strings.ReplaceAll(strings.ReplaceAll(cmd, `"`, ""), "'", ""), k) {
			t.Errorf("keyOfSSHCommand(%q) = %q, not in the command", cmd, k)
		}
	})
}
