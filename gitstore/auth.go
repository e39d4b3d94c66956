package gitstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/skeema/knownhosts"
	xssh "golang.org/x/crypto/ssh"
	xknownhosts "golang.org/x/crypto/ssh/knownhosts"
)

// HostKeyError is an SSH host Accord does not trust: unknown (Known is
// empty; the user may accept Fingerprint) or changed (refused).
type HostKeyError struct {
	Host        string
	Fingerprint string // SHA256:… of the key the host presented
	Known       string // SHA256:… of the key on record, when it changed
}

func (e *HostKeyError) Error() string {
	if e.Known != "" {
		return fmt.Sprintf("the SSH host key of %s has CHANGED: it presented %s but %s is on record; refusing to connect (if the host really was re-keyed, remove the old line from known_hosts)",
			e.Host, e.Fingerprint, e.Known)
	}
	return fmt.Sprintf("unknown SSH host %s, key fingerprint %s; if that is the host's real key, run again with --accept-host-key %s",
		e.Host, e.Fingerprint, e.Fingerprint)
}

func (e *HostKeyError) Unwrap() error { return ErrHostKey }

// HostKey names the host and the fingerprint it presented, and whether its
// key changed (refused) rather than being unknown (the user may accept it).
func (e *HostKeyError) HostKey() (host, fingerprint string, changed bool) {
	return e.Host, e.Fingerprint, e.Known != ""
}

// authFor picks credentials for a remote URL: none for local paths and
// file://; a token for HTTPS (RemoteOptions.Token, ACCORD_TOKEN, or git
// credential fill); the SSH agent or a key file, with known_hosts checked,
// for SSH.
func authFor(ctx context.Context, rawURL string, o RemoteOptions) (transport.AuthMethod, error) {
	ep, err := transport.NewEndpoint(rawURL)
	if err != nil {
		// The parser's message quotes the URL, or the bad escape in a
		// token: say only that it does not parse.
		return nil, fmt.Errorf("remote %s: not a URL git understands", redact(rawURL))
	}
	switch ep.Protocol {
	case "http", "https":
		return httpAuth(ctx, ep, o)
	case "ssh":
		return sshAuth(ep, o)
	}
	return nil, nil
}

func httpAuth(ctx context.Context, ep *transport.Endpoint, o RemoteOptions) (transport.AuthMethod, error) {
	token := o.Token
	if token == "" {
		token = os.Getenv("ACCORD_TOKEN")
	}
	if token != "" {
		user := ep.User
		if user == "" {
			user = "accord" // most forges ignore the user name with a token
		}
		return &githttp.BasicAuth{Username: user, Password: token}, nil
	}
	if user, pass, ok := gitCredential(ctx, ep); ok {
		return &githttp.BasicAuth{Username: user, Password: pass}, nil
	}
	return nil, nil // anonymous; a server that needs credentials says so
}

// gitCredential asks git's credential helpers (git credential fill) for a
// user name and password. It runs outside any repository and never prompts.
func gitCredential(ctx context.Context, ep *transport.Endpoint) (string, string, bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", "", false
	}
	host := ep.Host
	if ep.Port != 0 && ep.Port != 443 && ep.Port != 80 {
		host = fmt.Sprintf("%s:%d", ep.Host, ep.Port)
	}
	in := fmt.Sprintf("protocol=%s\nhost=%s\npath=%s\n", ep.Protocol, host, strings.TrimPrefix(ep.Path, "/"))
	if ep.User != "" {
		in += "username=" + ep.User + "\n"
	}
	cmd := exec.CommandContext(ctx, "git", "credential", "fill")
	cmd.Dir = os.TempDir()
	cmd.Stdin = strings.NewReader(in + "\n")
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", "", false
	}
	var user, pass string
	for _, line := range strings.Split(out.String(), "\n") {
		k, v, _ := strings.Cut(line, "=")
		switch k {
		case "username":
			user = v
		case "password":
			pass = v
		}
	}
	return user, pass, pass != ""
}

func sshAuth(ep *transport.Endpoint, o RemoteOptions) (transport.AuthMethod, error) {
	user := ep.User
	if user == "" {
		user = "git"
	}
	known := o.KnownHosts
	if known == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, err
		}
		known = filepath.Join(home, ".ssh", "known_hosts")
	}
	hostKeys, err := hostKeyCheck(known, o.AcceptHostKey)
	if err != nil {
		return nil, err
	}
	var auth transport.AuthMethod
	if o.SSHKey != "" {
		k, err := gitssh.NewPublicKeysFromFile(user, o.SSHKey, "")
		if err != nil {
			return nil, fmt.Errorf("SSH key %s: %v", o.SSHKey, err)
		}
		k.HostKeyCallback = hostKeys.callback
		k.HostKeyAlgorithms = hostKeys.algorithms(ep)
		auth = k
	} else {
		a, err := gitssh.NewSSHAgentAuth(user)
		if err != nil {
			return nil, fmt.Errorf("no SSH agent (%v); pass --ssh-key FILE", err)
		}
		a.HostKeyCallback = hostKeys.callback
		a.HostKeyAlgorithms = hostKeys.algorithms(ep)
		auth = a
	}
	return auth, nil
}

// hostKeys verifies SSH host keys against a known_hosts file. Both the
// callback and the algorithms come from the same database, or go-git
// reports spurious mismatches (go-git #1551).
type hostKeys struct {
	db     *knownhosts.HostKeyDB
	file   string
	accept string
}

func hostKeyCheck(file, accept string) (*hostKeys, error) {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, err
	}
	if f, err := os.OpenFile(file, os.O_CREATE|os.O_RDONLY, 0o600); err == nil {
		f.Close()
	}
	db, err := knownhosts.NewDB(file)
	if err != nil {
		return nil, fmt.Errorf("known_hosts %s: %v", file, err)
	}
	return &hostKeys{db: db, file: file, accept: accept}, nil
}

func (h *hostKeys) algorithms(ep *transport.Endpoint) []string {
	port := ep.Port
	if port == 0 {
		port = 22
	}
	return h.db.HostKeyAlgorithms(net.JoinHostPort(ep.Host, fmt.Sprint(port)))
}

func (h *hostKeys) callback(hostname string, remote net.Addr, key xssh.PublicKey) error {
	err := h.db.HostKeyCallback()(hostname, remote, key)
	if err == nil {
		return nil
	}
	fp := xssh.FingerprintSHA256(key)
	if knownhosts.IsHostKeyChanged(err) {
		known := "another key"
		var ke *xknownhosts.KeyError
		if errors.As(err, &ke) && len(ke.Want) > 0 {
			known = xssh.FingerprintSHA256(ke.Want[0].Key)
		}
		return &HostKeyError{Host: hostname, Fingerprint: fp, Known: known}
	}
	if knownhosts.IsHostUnknown(err) {
		if h.accept != "" && h.accept == fp {
			return appendKnownHost(h.file, hostname, remote, key)
		}
		return &HostKeyError{Host: hostname, Fingerprint: fp}
	}
	return err
}

// appendKnownHost records an accepted host key under the address used.
func appendKnownHost(file, hostname string, remote net.Addr, key xssh.PublicKey) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	return knownhosts.WriteKnownHost(f, hostname, remote, key)
}
