package gitstore

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/transport"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/kevinburke/ssh_config"
	xssh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

func init() {
	// go-git reads HostName and Port from ~/.ssh/config through this
	// reader. Its default keeps the file of the first $HOME it saw for the
	// life of the process; this one reads the file at each connection, as
	// ssh does. User and IdentityFile are applied by resolveSSH.
	gitssh.DefaultSSHConfig = sshConfigReader{}
}

// sshConfigReader answers go-git's questions from ~/.ssh/config as it is
// now. A Host with a Port but no HostName gets its own name as HostName,
// or go-git would ignore the Port.
type sshConfigReader struct{}

func (sshConfigReader) Get(alias, key string) string {
	home, _ := os.UserHomeDir()
	cfg := readSSHConfig(home)
	if cfg == nil {
		return ""
	}
	v, _ := cfg.Get(alias, key)
	if strings.EqualFold(key, "HostName") {
		if v == "" {
			if port, _ := cfg.Get(alias, "Port"); port != "" {
				return alias
			}
		}
		return strings.ReplaceAll(v, "%h", alias)
	}
	return v
}

// ErrPassphrase: an SSH key needs a passphrase that was not given, or the
// one given was wrong.
var ErrPassphrase = errors.New("SSH key passphrase needed")

// PassphraseError names the key file whose passphrase is needed.
type PassphraseError struct {
	Key   string
	Wrong bool // a passphrase was given and did not open the key
}

func (e *PassphraseError) Error() string {
	if e.Wrong {
		return fmt.Sprintf("the passphrase for the SSH key %s is wrong", e.Key)
	}
	return fmt.Sprintf("the SSH key %s needs its passphrase", e.Key)
}

func (e *PassphraseError) Unwrap() error { return ErrPassphrase }

// Passphrase names the key whose passphrase is needed, and whether the
// one given was wrong; the TUI asks for it through this method.
func (e *PassphraseError) Passphrase() (key string, wrong bool) { return e.Key, e.Wrong }

// sshTarget is where and as whom git's ssh would connect for a URL, and
// with which key files.
type sshTarget struct {
	host string
	port int
	user string
	// keys are the key files to offer, in order; identitiesOnly leaves
	// out the agent's keys (--ssh-key, IdentitiesOnly yes).
	keys           []string
	identitiesOnly bool
}

// defaultKeyFiles are the keys ssh tries when ~/.ssh/config names none.
var defaultKeyFiles = []string{"id_rsa", "id_ecdsa", "id_ed25519"}

// resolveSSH applies ~/.ssh/config to an SSH endpoint (its Host may be an
// alias), then the key named by GIT_SSH_COMMAND or core.sshCommand (-i),
// then --ssh-key, which alone is used when given.
func resolveSSH(ep *transport.Endpoint, rawURL string, o RemoteOptions) sshTarget {
	t := sshTarget{host: ep.Host, port: ep.Port, user: ep.User}
	home, _ := os.UserHomeDir()
	explicitPort := urlHasPort(rawURL)
	if cfg := readSSHConfig(home); cfg != nil {
		alias := ep.Host
		if v, _ := cfg.Get(alias, "HostName"); v != "" {
			t.host = strings.ReplaceAll(v, "%h", alias)
		}
		if v, _ := cfg.Get(alias, "User"); v != "" && t.user == "" {
			t.user = v
		}
		if v, _ := cfg.Get(alias, "Port"); v != "" && !explicitPort {
			if p, err := strconv.Atoi(v); err == nil && p > 0 && p < 65536 {
				t.port = p
			}
		}
		ids, _ := cfg.GetAll(alias, "IdentityFile")
		for _, id := range ids {
			t.keys = append(t.keys, expandKeyPath(id, home, alias, t))
		}
		if v, _ := cfg.Get(alias, "IdentitiesOnly"); strings.EqualFold(v, "yes") {
			t.identitiesOnly = true
		}
	}
	if t.user == "" {
		t.user = "git"
	}
	if t.port == 0 {
		t.port = 22
	}
	if k := keyOfSSHCommand(o.sshCommand); k != "" {
		t.keys = append([]string{expandKeyPath(k, home, ep.Host, t)}, t.keys...)
	}
	if len(t.keys) == 0 {
		for _, name := range defaultKeyFiles {
			t.keys = append(t.keys, filepath.Join(home, ".ssh", name))
		}
	}
	if o.SSHKey != "" {
		t.keys, t.identitiesOnly = []string{o.SSHKey}, true
	}
	return t
}

// urlHasPort reports whether an SSH URL names its port.
func urlHasPort(rawURL string) bool {
	_, _, rest, ok := splitUserInfo(rawURL)
	if !ok {
		rest = strings.TrimPrefix(strings.TrimPrefix(rawURL, "ssh://"), "git+ssh://")
	}
	if strings.Contains(rawURL, "://") {
		hostPort, _, _ := strings.Cut(rest, "/")
		_, port, err := net.SplitHostPort(hostPort)
		return err == nil && port != ""
	}
	return false // scp-like: host:path has no port
}

func readSSHConfig(home string) *ssh_config.Config {
	if home == "" {
		return nil
	}
	f, err := os.Open(filepath.Join(home, ".ssh", "config"))
	if err != nil {
		return nil
	}
	defer f.Close()
	cfg, err := ssh_config.Decode(io.LimitReader(f, 1<<20))
	if err != nil {
		return nil
	}
	return cfg
}

// expandKeyPath expands ~ and ssh's %d, %h, %r and %u in a key path.
func expandKeyPath(p, home, alias string, t sshTarget) string {
	p = strings.Trim(p, `"'`)
	if p == "~" || strings.HasPrefix(p, "~/") {
		p = filepath.Join(home, p[1:])
	}
	local := os.Getenv("USER")
	p = strings.NewReplacer("%d", home, "%h", t.host, "%n", alias, "%r", t.user, "%u", local, "%%", "%").Replace(p)
	if !filepath.IsAbs(p) {
		p = filepath.Join(home, ".ssh", p) // ssh reads a relative IdentityFile from ~/.ssh
	}
	return p
}

// keyOfSSHCommand finds the key an ssh command line names with -i, as
// git runs it from GIT_SSH_COMMAND or core.sshCommand.
func keyOfSSHCommand(cmd string) string {
	f := shellFields(cmd)
	for i, a := range f {
		switch {
		case a == "-i" && i+1 < len(f):
			return f[i+1]
		case strings.HasPrefix(a, "-i") && len(a) > 2 && i > 0:
			return a[2:]
		}
	}
	return ""
}

// shellFields splits a command line on blanks, honouring quotes.
func shellFields(s string) []string {
	var out []string
	var cur strings.Builder
	var quote rune
	in := false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// sshCommandSetting is git's ssh command: GIT_SSH_COMMAND, else
// core.sshCommand from the given config value.
func sshCommandSetting(coreSSHCommand string) string {
	if v := os.Getenv("GIT_SSH_COMMAND"); v != "" {
		return v
	}
	return coreSSHCommand
}

// sshKeys authenticates with the agent's keys and key files, as ssh does.
// A key file with a passphrase is opened only when the server accepts its
// public key; its passphrase comes from those given (Store.SetPassphrase)
// or is asked for (RemoteOptions.AskPassphrase). When none can be had,
// the key is remembered, and the failed connection becomes a
// *PassphraseError naming it.
type sshKeys struct {
	target      sshTarget
	ask         func(key string) (string, error)
	passphrases map[string]string
	remember    func(key, passphrase string)

	mu      sync.Mutex
	missing *PassphraseError
}

// signers lists the keys to offer, agent's first unless identitiesOnly.
func (k *sshKeys) signers() ([]xssh.Signer, error) {
	var out []xssh.Signer
	if !k.target.identitiesOnly {
		out = append(out, agentSigners()...)
	}
	for _, file := range k.target.keys {
		s, err := k.fileSigner(file)
		if err != nil {
			return nil, err
		}
		if s != nil {
			out = append(out, s)
		}
	}
	return out, nil
}

// fileSigner reads a key file: nil when it does not exist (the default
// keys are tried only when present), an error when it cannot be used.
func (k *sshKeys) fileSigner(file string) (xssh.Signer, error) {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) && !k.target.identitiesOnly {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("SSH key %s: %v", file, pathErr(err))
	}
	s, err := xssh.ParsePrivateKey(data)
	if err == nil {
		return s, nil
	}
	var pm *xssh.PassphraseMissingError
	if !errors.As(err, &pm) {
		return nil, fmt.Errorf("SSH key %s: %v", file, err)
	}
	pub := pm.PublicKey
	if pub == nil {
		if b, err := os.ReadFile(file + ".pub"); err == nil {
			pub, _, _, _, _ = xssh.ParseAuthorizedKey(b)
		}
	}
	l := &lockedKey{file: file, data: data, pub: pub, k: k}
	if pub == nil {
		// No public key to offer first: open the key now.
		s, err := l.open()
		if err != nil {
			return nil, nil // a *PassphraseError is remembered
		}
		return s, nil
	}
	return l, nil
}

// lockedKey is a key file with a passphrase, opened when it is first
// asked to sign.
type lockedKey struct {
	file   string
	data   []byte
	pub    xssh.PublicKey
	k      *sshKeys
	signer xssh.Signer
}

func (l *lockedKey) PublicKey() xssh.PublicKey { return l.pub }

func (l *lockedKey) open() (xssh.Signer, error) {
	if l.signer != nil {
		return l.signer, nil
	}
	pass, given := l.k.passphrases[l.file]
	if !given && l.k.ask != nil {
		p, err := l.k.ask(l.file)
		if err != nil {
			return nil, fmt.Errorf("SSH key %s: %w", l.file, err)
		}
		pass, given = p, true
	}
	if !given {
		l.k.fail(&PassphraseError{Key: l.file})
		return nil, &PassphraseError{Key: l.file}
	}
	s, err := xssh.ParsePrivateKeyWithPassphrase(l.data, []byte(pass))
	if err != nil {
		if errors.Is(err, x509.IncorrectPasswordError) || strings.Contains(err.Error(), "decryption") ||
			strings.Contains(err.Error(), "passphrase") {
			l.k.fail(&PassphraseError{Key: l.file, Wrong: true})
			return nil, &PassphraseError{Key: l.file, Wrong: true}
		}
		return nil, fmt.Errorf("SSH key %s: %v", l.file, err)
	}
	if l.k.remember != nil {
		l.k.remember(l.file, pass)
	}
	l.signer = s
	return s, nil
}

func (l *lockedKey) Sign(rand io.Reader, data []byte) (*xssh.Signature, error) {
	s, err := l.open()
	if err != nil {
		return nil, err
	}
	return s.Sign(rand, data)
}

func (l *lockedKey) SignWithAlgorithm(rand io.Reader, data []byte, algorithm string) (*xssh.Signature, error) {
	s, err := l.open()
	if err != nil {
		return nil, err
	}
	if as, ok := s.(xssh.AlgorithmSigner); ok {
		return as.SignWithAlgorithm(rand, data, algorithm)
	}
	return s.Sign(rand, data)
}

func (k *sshKeys) fail(e *PassphraseError) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.missing == nil || e.Wrong {
		k.missing = e
	}
}

// failure turns a failed connection into the passphrase it lacked, when a
// key with one was not opened.
func (k *sshKeys) failure(err error) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.missing != nil && err != nil && !errors.As(err, new(*HostKeyError)) {
		return k.missing
	}
	return err
}

// agentSigners are the SSH agent's keys; none without an agent. Each
// signature dials the agent again, so no connection outlives a sync.
func agentSigners() []xssh.Signer {
	sock := os.Getenv("SSH_AUTH_SOCK")
	if sock == "" {
		return nil
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil
	}
	defer conn.Close()
	keys, err := agent.NewClient(conn).List()
	if err != nil {
		return nil
	}
	var out []xssh.Signer
	for _, key := range keys {
		pub, err := xssh.ParsePublicKey(key.Blob)
		if err != nil {
			continue
		}
		out = append(out, &agentKey{sock: sock, pub: pub})
	}
	return out
}

type agentKey struct {
	sock string
	pub  xssh.PublicKey
}

func (a *agentKey) PublicKey() xssh.PublicKey { return a.pub }

func (a *agentKey) Sign(rand io.Reader, data []byte) (*xssh.Signature, error) {
	return a.SignWithAlgorithm(rand, data, "")
}

func (a *agentKey) SignWithAlgorithm(_ io.Reader, data []byte, algorithm string) (*xssh.Signature, error) {
	conn, err := net.Dial("unix", a.sock)
	if err != nil {
		return nil, fmt.Errorf("SSH agent: %w", err)
	}
	defer conn.Close()
	var flags agent.SignatureFlags
	switch algorithm {
	case xssh.KeyAlgoRSASHA256:
		flags = agent.SignatureFlagRsaSha256
	case xssh.KeyAlgoRSASHA512:
		flags = agent.SignatureFlagRsaSha512
	}
	return agent.NewClient(conn).SignWithFlags(a.pub, data, flags)
}

// sshAuth authenticates to an SSH remote as git would, checking the host
// key against known_hosts.
func sshAuth(t sshTarget, o RemoteOptions) (*sshMethod, error) {
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
	keys := &sshKeys{target: t, ask: o.AskPassphrase, passphrases: o.passphrases, remember: o.remember}
	m := &sshMethod{keys: keys}
	m.User = t.user
	m.Callback = keys.signers
	m.HostKeyCallback = hostKeys.callback
	m.HostKeyAlgorithms = hostKeys.algorithms(t.host, t.port)
	return m, nil
}

// sshMethod is go-git's public-keys-by-callback method, keeping the keys
// so that a failed connection can say which passphrase it lacked.
type sshMethod struct {
	gitssh.PublicKeysCallback
	keys *sshKeys
}

// describeSSH says which keys a sync would offer, for accord doctor; bad
// is set when there are none at all.
func describeSSH(t sshTarget) (string, bool) {
	var have []string
	if !t.identitiesOnly && os.Getenv("SSH_AUTH_SOCK") != "" {
		have = append(have, "the SSH agent")
	}
	for _, k := range t.keys {
		if _, err := os.Stat(k); err == nil {
			have = append(have, k)
		}
	}
	where := fmt.Sprintf("%s@%s", t.user, net.JoinHostPort(t.host, strconv.Itoa(t.port)))
	if len(have) == 0 {
		return fmt.Sprintf("SSH to %s, but no agent and no key file (%s)", where, strings.Join(t.keys, ", ")), true
	}
	return fmt.Sprintf("SSH to %s with %s", where, strings.Join(have, ", ")), false
}

// passphrases are the SSH key passphrases a process was given, kept in
// memory only, like an agent's: the TUI asks once per key and session.
type passphrases struct {
	mu sync.Mutex
	m  map[string]string
}

// SetPassphrase gives the passphrase of an SSH key file for this store's
// syncs (the TUI asks for it when a sync fails with a *PassphraseError).
// It is kept in memory only.
func (s *Store) SetPassphrase(keyFile, passphrase string) {
	s.keys.set(keyFile, passphrase)
}

func (p *passphrases) set(key, pass string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.m == nil {
		p.m = map[string]string{}
	}
	p.m[key] = pass
}

func (p *passphrases) copy() map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]string, len(p.m))
	for k, v := range p.m {
		out[k] = v
	}
	return out
}

// withClone completes o with what the clone knows: the passphrases given
// to it, and git's ssh command (GIT_SSH_COMMAND, else core.sshCommand from
// the clone's, the user's or the system's config). Callers hold s.mu.
func (s *Store) withClone(o RemoteOptions) RemoteOptions {
	o.passphrases = s.keys.copy()
	o.remember = s.keys.set
	core := ""
	if cfg, err := s.repo.Config(); err == nil {
		core = cfg.Raw.Section("core").Option("sshCommand")
	}
	if core == "" {
		return withUser(o) // the user's and the system's config
	}
	o.sshCommand = sshCommandSetting(core)
	return o
}

// withUser is withClone for a clone not made yet: git's ssh command from
// the user's and the system's config.
func withUser(o RemoteOptions) RemoteOptions {
	core := ""
	for _, scope := range []config.Scope{config.GlobalScope, config.SystemScope} {
		if cfg, err := config.LoadConfig(scope); err == nil && core == "" {
			core = cfg.Raw.Section("core").Option("sshCommand")
		}
	}
	o.sshCommand = sshCommandSetting(core)
	return o
}

// authFailure turns a connection that failed for want of a key's
// passphrase into a *PassphraseError naming the key.
func authFailure(auth transport.AuthMethod, err error) error {
	if m, ok := auth.(*sshMethod); ok && err != nil {
		return m.keys.failure(err)
	}
	return err
}

// describeAuth says how a sync would authenticate to rawURL, for accord
// doctor, and whether it cannot.
func describeAuth(rawURL string, o RemoteOptions) (string, bool) {
	ep, err := transport.NewEndpoint(rawURL)
	if err != nil {
		return "the remote URL does not parse", true
	}
	switch ep.Protocol {
	case "ssh":
		return describeSSH(resolveSSH(ep, rawURL, o))
	case "http", "https":
		if os.Getenv("ACCORD_TOKEN") != "" {
			return "HTTPS with the token in ACCORD_TOKEN", false
		}
		if out, err := exec.Command("git", "config", "--get", "credential.helper").Output(); err == nil && strings.TrimSpace(string(out)) != "" {
			return "HTTPS with git's credential helper (" + strings.TrimSpace(string(out)) + ")", false
		}
		return "HTTPS without credentials (fine for a public remote; otherwise set ACCORD_TOKEN or a git credential helper)", false
	}
	return "a local path: no credentials needed", false
}
