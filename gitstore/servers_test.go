package gitstore

// Real git servers on 127.0.0.1 for the transport, auth and sync tests:
// smart HTTP (git http-backend behind net/http/cgi, with basic auth and a
// hook to break requests), git daemon, and OpenSSH sshd with git-shell.
// Every server listens on loopback only, is ready within a bounded wait and
// is stopped by t.Cleanup. A missing binary skips the test, naming the
// package to install, except under CI=true: .ci/run installs them all, and
// CI must run these, never skip them. The file is long (about 650 lines)
// because each of the three servers needs its own setup, readiness wait
// and teardown.
//
// The API for tests:
//
//	r := httpRemote(t, seed, hook) // or daemonRemote(t, seed), sshRemote(t, seed)
//	a := r.clone(t, "Raj")        // a Store cloned from r.URL with r.Opts
//	a.Sync(ctx, SyncOptions{Remote: r.Opts})
//	r.head(t)                      // what the bare repository's main holds
//	r.Stop()                       // the server goes away: ErrOffline from now on
//	r.SSHD.rekey(t)                // ssh only: same port, new host key
//
// seed is a Store (seededStore(t) makes one with seedRecords) whose branch
// is pushed to the remote through the server; seed is then itself a clone
// of the remote. A nil seed gives an empty remote. forEachServer runs a
// test against all three servers, servers lists them, closedURL is a URL
// nobody answers on. The hook of httpRemote can break or race a push: see
// httpHook, isPush, dropConnection and gitHTTPBackend.

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/subtle"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	xssh "golang.org/x/crypto/ssh"
	xknownhosts "golang.org/x/crypto/ssh/knownhosts"
)

const (
	// httpUser and httpToken are the only credentials the HTTP server
	// accepts. The token is distinctive so that a leak is easy to find.
	httpUser  = "accord"
	httpToken = "tok-Zq8Kx3Vw9pLm2Rt7"

	serverStartTimeout = 10 * time.Second // a server must accept within this
	remoteOpTimeout    = 60 * time.Second // any one test's network operations
	sshdPath           = "/usr/sbin/sshd"
)

// testRemote is a bare repository served by one of the real servers below.
type testRemote struct {
	Kind string        // "http", "daemon" or "ssh"
	URL  string        // what Clone and SetRemote take; it never holds credentials
	Opts RemoteOptions // credentials that work: the HTTP token, or the SSH key and a known_hosts that trusts the server
	Dir  string        // the bare repository on disk, for checking what landed

	// Stop stops the server now (it is stopped by t.Cleanup anyway), so
	// that the remote becomes unreachable.
	Stop func()
	// SSHD is the server of an "ssh" remote (to re-key it); nil otherwise.
	SSHD *sshServer
	// ProjectRoot is the folder an "http" remote's git http-backend serves.
	ProjectRoot string
}

// clone clones the remote into a fresh folder named name with r.Opts; the
// clone commits as name <name@example.com> and is closed by t.Cleanup.
func (r testRemote) clone(t *testing.T, name string) *Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), remoteOpTimeout)
	defer cancel()
	s, err := Clone(ctx, r.URL, filepath.Join(t.TempDir(), name), r.Opts, as(name))
	if err != nil {
		t.Fatalf("clone %s: %v", r.URL, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// head is the commit the bare repository's main points at, or "" when it
// has none.
func (r testRemote) head(t *testing.T) string {
	t.Helper()
	repo, err := git.PlainOpen(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := repo.Reference(plumbing.NewBranchReferenceName("main"), true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return ref.Hash().String()
}

// serverKind names a server and starts a remote on it.
type serverKind struct {
	Name  string
	Start func(t *testing.T, seed *Store) testRemote
}

// servers are the three real git servers.
var servers = []serverKind{
	{"http", func(t *testing.T, seed *Store) testRemote { return httpRemote(t, seed, nil) }},
	{"daemon", daemonRemote},
	{"ssh", sshRemote},
}

// forEachServer runs fn as a subtest against each real server, with a
// remote seeded from seededStore.
func forEachServer(t *testing.T, fn func(t *testing.T, r testRemote, seed *Store)) {
	for _, k := range servers {
		t.Run(k.Name, func(t *testing.T) {
			seed := seededStore(t)
			fn(t, k.Start(t, seed), seed)
		})
	}
}

// seededStore is a data repository holding seedRecords in one commit, made
// by "Seed".
func seededStore(t *testing.T) *Store {
	t.Helper()
	s, err := Init(t.TempDir(), "Northwind Labs", as("Seed"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	_, err = s.Transact("seed", func(tx *Tx) error {
		for _, r := range seedRecords() {
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newBare makes an empty bare repository dir whose HEAD is main.
func newBare(t testing.TB, dir string) {
	t.Helper()
	_, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{Bare: true,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")}})
	if err != nil {
		t.Fatal(err)
	}
}

// seedRemote points seed at r and pushes its branch there (through the
// real server), so that the remote holds seed's history and seed is a
// clone of it. A nil seed leaves the remote empty.
func seedRemote(t testing.TB, r testRemote, seed *Store) {
	t.Helper()
	if seed == nil {
		return
	}
	if err := seed.SetRemote(r.URL); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), remoteOpTimeout)
	defer cancel()
	err := seed.locked(func() error {
		branch, _, err := seed.branchHead()
		if err != nil {
			return err
		}
		return seed.push(ctx, branch, r.Opts)
	})
	if err != nil {
		t.Fatalf("seeding the %s remote %s: %v", r.Kind, r.URL, err)
	}
}

// requireTool returns the path of a program the servers need. When it is
// missing the test is skipped with the package to install, except under
// CI=true, where .ci/run installs it and a missing program fails the test.
func requireTool(t testing.TB, path, pkg string) string {
	t.Helper()
	found := path
	var err error
	if filepath.IsAbs(path) {
		_, err = os.Stat(path)
	} else {
		found, err = exec.LookPath(path)
	}
	if err == nil {
		return found
	}
	msg := fmt.Sprintf("%s not found: this test runs a real git server and needs it (apt-get install -y %s; .ci/run installs it)", path, pkg)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// gitExecPath is `git --exec-path`, where git-http-backend and git-daemon live.
func gitExecPath(t testing.TB) string {
	t.Helper()
	git := requireTool(t, "git", "git")
	out, err := exec.Command(git, "--exec-path").Output()
	if err != nil {
		t.Fatalf("git --exec-path: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// serverEnv keeps the machine's git config away from the servers' git.
func serverEnv(home string) []string {
	return []string{"GIT_CONFIG_NOSYSTEM=1", "HOME=" + home, "XDG_CONFIG_HOME=" + home}
}

// freePort is a loopback port nobody listens on at the moment.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// closedURL is a URL of the given scheme on a loopback port that refuses
// connections: an unreachable remote.
func closedURL(t *testing.T, scheme string) string {
	t.Helper()
	port := freePort(t)
	switch scheme {
	case "ssh":
		return fmt.Sprintf("ssh://git@127.0.0.1:%d/nowhere.git", port)
	default:
		return fmt.Sprintf("%s://127.0.0.1:%d/nowhere.git", scheme, port)
	}
}

// logBuffer collects a server's stderr for the failure report.
type logBuffer struct {
	mu gosync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// ---- smart HTTP: git http-backend behind net/http/cgi ----

// httpHook runs before git http-backend on every request that passed basic
// auth. It returns true when it has dealt with the request itself (answered
// it or dropped the connection) and false to let git http-backend answer.
type httpHook func(w http.ResponseWriter, r *http.Request) (handled bool)

// httpRemote serves a bare repository seeded from seed (nil: empty) over
// smart HTTP on 127.0.0.1: git http-backend behind net/http/cgi with
// GIT_HTTP_EXPORT_ALL and REMOTE_USER set, behind basic auth that accepts
// only httpUser with httpToken (anything else gets 401). hook, if not nil,
// runs before each authenticated request: see isPush, dropConnection and
// gitHTTPBackend to break a push or race it. Opts carry the token.
func httpRemote(t testing.TB, seed *Store, hook httpHook) testRemote {
	t.Helper()
	root := t.TempDir()
	newBare(t, filepath.Join(root, "org.git"))
	backend := gitHTTPBackend(t, root)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, p, ok := r.BasicAuth()
		if !ok || u != httpUser || subtle.ConstantTimeCompare([]byte(p), []byte(httpToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Basic realm="accord test"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		if hook != nil && hook(w, r) {
			return
		}
		backend.ServeHTTP(w, r)
	}))
	l, err := net.Listen("tcp", "127.0.0.1:0") // loopback only
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener = l
	srv.Start()
	var once gosync.Once
	stop := func() { once.Do(srv.Close) }
	t.Cleanup(stop)
	r := testRemote{Kind: "http", URL: srv.URL + "/org.git", Opts: RemoteOptions{Token: httpToken},
		Dir: filepath.Join(root, "org.git"), ProjectRoot: root, Stop: stop}
	seedRemote(t, r, seed)
	return r
}

// gitHTTPBackend is git http-backend serving every repository under
// projectRoot, pushes included. A hook can run it itself, e.g. into an
// httptest.ResponseRecorder, to let a push land and then lose the answer.
func gitHTTPBackend(t testing.TB, projectRoot string) http.Handler {
	t.Helper()
	path := requireTool(t, filepath.Join(gitExecPath(t), "git-http-backend"), "git")
	stderr := &logBuffer{}
	t.Cleanup(func() {
		if t.Failed() && stderr.String() != "" {
			t.Logf("git http-backend stderr:\n%s", stderr)
		}
	})
	return &cgi.Handler{
		Path: path,
		Dir:  projectRoot,
		Env: append(serverEnv(projectRoot),
			"GIT_PROJECT_ROOT="+projectRoot,
			"GIT_HTTP_EXPORT_ALL=1",
			"REMOTE_USER="+httpUser, // without it http-backend refuses pushes (403)
		),
		Stderr: stderr,
	}
}

// isPush says whether r is the request that carries a push's pack.
func isPush(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/git-receive-pack")
}

// dropConnection reads the first bytes of the request body, as a server
// does before it fails, then closes the TCP connection without an answer.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	_, _ = io.CopyN(io.Discard, r.Body, 64)
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("dropConnection: the test server cannot hijack connections")
	}
	conn, _, err := hj.Hijack()
	if err == nil {
		conn.Close()
	}
}

// ---- git daemon ----

// daemonRemote serves a bare repository seeded from seed (nil: empty) with
// `git daemon` on 127.0.0.1, pushes enabled, no authentication: the URL is
// git://127.0.0.1:N/org.git and Opts are empty.
func daemonRemote(t *testing.T, seed *Store) testRemote {
	t.Helper()
	base := t.TempDir()
	newBare(t, filepath.Join(base, "org.git"))
	requireTool(t, filepath.Join(gitExecPath(t), "git-daemon"), "git")
	git := requireTool(t, "git", "git")
	port, stop := startProcessStop(t, "git daemon", func(port int) *exec.Cmd {
		cmd := exec.Command(git, "daemon", "--listen=127.0.0.1", "--port="+strconv.Itoa(port),
			"--base-path="+base, "--export-all", "--enable=receive-pack", "--reuseaddr",
			"--informative-errors", "--verbose")
		cmd.Env = append(os.Environ(), serverEnv(base)...)
		return cmd
	}, 0, nil)
	r := testRemote{Kind: "daemon", URL: fmt.Sprintf("git://127.0.0.1:%d/org.git", port), Dir: filepath.Join(base, "org.git"), Stop: stop}
	seedRemote(t, r, seed)
	return r
}

// startProcessStop starts the server that mk(port) makes, in its own
// process group (git daemon and sshd fork a child per connection), on port
// (0: a free one, retried if another process takes it first), and waits
// until the port accepts and ready (if not nil) approves the connection.
// The whole group is killed by t.Cleanup, or earlier by the returned stop.
// Its output goes to the test log if the test fails.
func startProcessStop(t *testing.T, name string, mk func(port int) *exec.Cmd, port int, ready func(net.Conn) error) (int, func()) {
	t.Helper()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		p := port
		if p == 0 {
			p = freePort(t)
		}
		cmd := mk(p)
		logs := &logBuffer{}
		cmd.Stdout, cmd.Stderr = logs, logs
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		cmd.WaitDelay = 2 * time.Second // children holding the log pipe must not block Wait
		if err := cmd.Start(); err != nil {
			t.Fatalf("start %s: %v", name, err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		var once gosync.Once
		stop := func() {
			once.Do(func() {
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
				select {
				case <-exited:
				case <-time.After(3 * time.Second):
				}
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // the group's stragglers too
				<-exited
			})
		}
		err := waitListening(p, exited, ready)
		if err == nil {
			t.Cleanup(func() {
				stop()
				if t.Failed() && logs.String() != "" {
					t.Logf("%s log:\n%s", name, logs)
				}
			})
			return p, stop
		}
		stop()
		lastErr = fmt.Errorf("%w\n%s", err, logs)
		if port != 0 {
			break // a fixed port: no point retrying
		}
	}
	t.Fatalf("%s did not start on 127.0.0.1: %v", name, lastErr)
	return 0, nil
}

// waitListening waits until 127.0.0.1:port accepts a connection (and ready
// approves it), the process exits, or serverStartTimeout passes.
func waitListening(port int, exited <-chan struct{}, ready func(net.Conn) error) error {
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	deadline := time.Now().Add(serverStartTimeout)
	for {
		select {
		case <-exited:
			return errors.New("it exited")
		default:
		}
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			if ready != nil {
				conn.SetDeadline(time.Now().Add(2 * time.Second))
				err = ready(conn)
			}
			conn.Close()
			if err == nil {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not listening after %v: %v", serverStartTimeout, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// ---- OpenSSH sshd with git-shell ----

// sshServer is an OpenSSH sshd run as the current user with its own
// configuration in a temp dir, listening on 127.0.0.1:Port. The one
// authorised client key (ClientKey, a private key file) may only run
// git-shell, so it serves the git repositories the user can read, named by
// absolute path.
type sshServer struct {
	Port      int
	User      string // the current user: sshd cannot log in anyone else
	ClientKey string // the private key file of the authorised client
	HostKey   xssh.PublicKey
	// HostKeyType is the type of host key the next (re)start makes:
	// "ed25519" (the default) or "ecdsa".
	HostKeyType string

	dir  string
	stop func()
}

// Fingerprint is the SHA256 fingerprint of the host key, as ssh shows it.
func (s *sshServer) Fingerprint() string { return xssh.FingerprintSHA256(s.HostKey) }

// KnownHostsLine is the known_hosts line that trusts the current host key.
func (s *sshServer) KnownHostsLine() string {
	return xknownhosts.Line([]string{net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port))}, s.HostKey)
}

// URL addresses the repository at the absolute path dir on this server.
func (s *sshServer) URL(dir string) string {
	return fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", s.User, s.Port, filepath.ToSlash(dir))
}

// writeKnownHosts writes a known_hosts file trusting the current host key
// and returns its path.
func (s *sshServer) writeKnownHosts(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "known_hosts")
	if err := os.WriteFile(p, []byte(s.KnownHostsLine()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// startSSHD starts sshd on a free loopback port with a new ed25519 host key
// and a new client key; t.Cleanup stops it.
func startSSHD(t *testing.T) *sshServer {
	t.Helper()
	requireTool(t, sshdPath, "openssh-server")
	gitShell := requireTool(t, "git-shell", "git")
	u, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// sshd run by root insists on its privilege separation folder.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatalf("sshd as root needs /run/sshd: %v", err)
		}
	}
	dir := t.TempDir()
	s := &sshServer{User: u.Username, dir: dir, ClientKey: filepath.Join(dir, "client_ed25519")}
	clientPub := writeSSHKey(t, s.ClientKey)
	line := fmt.Sprintf(`command="%s -c \"$SSH_ORIGINAL_COMMAND\"",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc %s`,
		gitShell, strings.TrimSpace(string(xssh.MarshalAuthorizedKey(clientPub))))
	if err := os.WriteFile(filepath.Join(dir, "authorized_keys"), []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s.start(t, 0)
	return s
}

// rekey restarts the server on the same port with a new host key, as when
// a host is reinstalled (or impersonated).
func (s *sshServer) rekey(t *testing.T) {
	t.Helper()
	s.stop()
	s.start(t, s.Port)
}

func (s *sshServer) start(t *testing.T, port int) {
	t.Helper()
	hostKey := filepath.Join(s.dir, fmt.Sprintf("host_key_%d", time.Now().UnixNano()))
	if s.HostKeyType == "ecdsa" {
		s.HostKey = writeSSHKeyOf(t, hostKey, "ecdsa")
	} else {
		s.HostKey = writeSSHKey(t, hostKey)
	}
	s.Port, s.stop = startProcessStop(t, "sshd", func(port int) *exec.Cmd {
		cfg := filepath.Join(s.dir, "sshd_config")
		conf := strings.Join([]string{
			"ListenAddress 127.0.0.1",
			"Port " + strconv.Itoa(port),
			"HostKey " + hostKey,
			"PidFile " + filepath.Join(s.dir, "sshd.pid"),
			"AuthorizedKeysFile " + filepath.Join(s.dir, "authorized_keys"),
			"AllowUsers " + s.User,
			"PermitRootLogin prohibit-password",
			"PubkeyAuthentication yes",
			"PasswordAuthentication no",
			"KbdInteractiveAuthentication no",
			"UsePAM no",
			"StrictModes no",
			"PermitUserEnvironment no",
			"PrintMotd no",
			"UseDNS no",
			"LogLevel VERBOSE",
			// sshd runs the forced command with the user's shell; bash run by
			// sshd sources ~/.bashrc (slow with pyenv and the like, fatal to
			// the git protocol if it prints) unless SHLVL says it is nested.
			"SetEnv SHLVL=1",
			"",
		}, "\n")
		if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		// -D: stay in the foreground; -e: log to stderr.
		cmd := exec.Command(sshdPath, "-D", "-e", "-f", cfg)
		cmd.Env = append(os.Environ(), serverEnv(s.dir)...)
		return cmd
	}, port, func(c net.Conn) error {
		banner := make([]byte, 8)
		if _, err := io.ReadFull(c, banner); err != nil || string(banner) != "SSH-2.0-" {
			return fmt.Errorf("no SSH banner (%q, %v)", banner, err)
		}
		return nil
	})
}

// writeSSHKey writes a new ed25519 private key in OpenSSH format to path
// (what ssh-keygen -t ed25519 makes) and returns its public key.
func writeSSHKey(t *testing.T, path string) xssh.PublicKey {
	t.Helper()
	return writeSSHKeyOf(t, path, "ed25519")
}

// writeSSHKeyOf is writeSSHKey for a key type: "ed25519" or "ecdsa" (P-256).
func writeSSHKeyOf(t *testing.T, path, typ string) xssh.PublicKey {
	t.Helper()
	var priv, pub any
	switch typ {
	case "ed25519":
		p, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub, priv = p, k
	case "ecdsa":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		pub, priv = &k.PublicKey, k
	default:
		t.Fatalf("key type %q", typ)
	}
	block, err := xssh.MarshalPrivateKey(priv, "accord test")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, err := xssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return sshPub
}

// sshRemote serves a bare repository seeded from seed (nil: empty) over SSH
// from a new sshd (r.SSHD). The URL names the current user and the
// repository's absolute path; Opts hold the client key and a known_hosts
// file that trusts the server's host key.
func sshRemote(t *testing.T, seed *Store) testRemote {
	t.Helper()
	srv := startSSHD(t)
	dir := filepath.Join(t.TempDir(), "org.git")
	newBare(t, dir)
	r := testRemote{Kind: "ssh", URL: srv.URL(dir), Dir: dir, SSHD: srv, Stop: func() { srv.stop() },
		Opts: RemoteOptions{SSHKey: srv.ClientKey, KnownHosts: srv.writeKnownHosts(t)}}
	seedRemote(t, r, seed)
	return r
}
