package gitstore

// Remotes over every transport (file, smart HTTP, git daemon, SSH) and
// every credential path; slightly over 600 lines, one test per way a remote
// answers or fails.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/accordhq/accord/model"
	xssh "golang.org/x/crypto/ssh"
)

// remoteCtx bounds a test's network operations.
func remoteCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), remoteOpTimeout)
	t.Cleanup(cancel)
	return ctx
}

// trySync syncs s with a bounded wait.
func trySync(t *testing.T, s *Store, o RemoteOptions) (SyncResult, error) {
	t.Helper()
	return s.Sync(remoteCtx(t), SyncOptions{Remote: o, Today: syncToday})
}

func mustSync(t *testing.T, s *Store, o RemoteOptions) SyncResult {
	t.Helper()
	res, err := trySync(t, s, o)
	if err != nil {
		t.Fatalf("sync %s: %v (%+v)", s.Dir(), err, res)
	}
	return res
}

// headOf is the commit s's branch points at, and the branch.
func headOf(t *testing.T, s *Store) (string, string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	branch, h, err := s.branchHead()
	if err != nil {
		t.Fatal(err)
	}
	return h.String(), branch.Short()
}

func retitle(t *testing.T, s *Store, id, title string) {
	t.Helper()
	edit(t, s, id, func(r model.Record) { r.(*model.Goal).Title = title })
}

func titleOf(t *testing.T, s *Store, id string) string {
	t.Helper()
	g, _ := get(t, s, id).(*model.Goal)
	if g == nil {
		t.Fatalf("%s: goal %s does not load", s.Dir(), id)
	}
	return g.Title
}

// checkIntact fails unless s is still on main at head, its worktree is
// clean for git, and goal id has the given title.
func checkIntact(t *testing.T, s *Store, head, id, title string) {
	t.Helper()
	if h, b := headOf(t, s); h != head || b != "main" {
		t.Errorf("local branch moved: %s at %s, want main at %s", b, h, head)
	}
	if got := titleOf(t, s, id); got != title {
		t.Errorf("local record changed: title %q, want %q", got, title)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain"); st != "" {
		t.Errorf("worktree not clean:\n%s", st)
	}
}

// noSecretIn fails if the token appears in any file under dir.
func noSecretIn(t *testing.T, dir, secret string) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), secret) {
			t.Errorf("the token is stored in %s", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Against every server: a clone loads the records, an edit is pushed, and
// another clone fetches it.
func TestRemoteCloneEditPushFetch(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, r testRemote, seed *Store) {
		a := r.clone(t, "Raj")
		org, err := a.Load()
		if err != nil {
			t.Fatal(err)
		}
		if len(org.Goals) != 3 || len(org.People) != 3 || len(org.Problems) != 0 || org.Config.Org != "Northwind Labs" {
			t.Fatalf("clone loads %d goals, %d people, problems %v, org %q; want the seed's 3 goals and 3 people",
				len(org.Goals), len(org.People), org.Problems, org.Config.Org)
		}
		if u, _ := a.RemoteURL(); u != r.URL {
			t.Errorf("clone's remote is %q, want %q", u, r.URL)
		}
		b := r.clone(t, "Mei")

		retitle(t, a, "GOAL-0000000K", "Median days to first dashboard, pushed over "+r.Kind)
		res := mustSync(t, a, r.Opts)
		if res.Pushed != 1 {
			t.Errorf("sync result %+v; want 1 commit pushed", res)
		}
		if h, _ := headOf(t, a); r.head(t) != h {
			t.Errorf("remote main is %s after the push, want %s", r.head(t), h)
		}

		res = mustSync(t, b, r.Opts)
		if res.Pulled != 1 || !res.FastForward {
			t.Errorf("sync result %+v; want 1 commit pulled by fast-forward", res)
		}
		if got := titleOf(t, b, "GOAL-0000000K"); got != "Median days to first dashboard, pushed over "+r.Kind {
			t.Errorf("the other clone did not get the edit: %q", got)
		}
		if st := gitCmd(t, b.Dir(), "status", "--porcelain"); st != "" {
			t.Errorf("worktree not clean after pulling:\n%s", st)
		}
		// The seed pushed the first commit; it is a clone like any other.
		mustSync(t, seed, r.Opts)
		sameTrees(t, a, b, seed)
		gitCmd(t, r.Dir, "fsck", "--strict")
	})
}

// Cloning an empty remote makes a new data repository and pushes it, so
// the next clone gets it.
func TestCloneEmptyRemoteBootstraps(t *testing.T) {
	for _, k := range servers {
		t.Run(k.Name, func(t *testing.T) {
			isolate(t)
			r := k.Start(t, nil)
			dir := filepath.Join(t.TempDir(), "Northwind")
			// Without a git identity nothing can be committed: a clear
			// error, and nothing left behind to stop the next try.
			if _, err := Clone(remoteCtx(t), r.URL, dir, r.Opts); !errors.Is(err, ErrNoIdentity) {
				t.Fatalf("bootstrap clone without an identity: %v; want ErrNoIdentity", err)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a failed clone left %d entries in %s", len(entries), dir)
			}
			if r.head(t) != "" {
				t.Fatal("a failed clone pushed something")
			}
			first, err := Clone(remoteCtx(t), r.URL, dir, r.Opts, WithAuthor(Signature{Name: "Raj Patel", Email: "raj@example.com"}))
			if err != nil {
				t.Fatalf("clone of an empty remote: %v", err)
			}
			t.Cleanup(func() { first.Close() })
			h, _ := headOf(t, first)
			if r.head(t) != h {
				t.Fatalf("remote main is %q, want the new repository's %s", r.head(t), h)
			}
			second := r.clone(t, "Mei")
			org, err := second.Load()
			if err != nil || org.Config.Org != "Northwind" {
				t.Errorf("second clone: org %q, %v", org.Config.Org, err)
			}
		})
	}
}

// Wrong or missing HTTP credentials are ErrAuth, and the token is never in
// the message; a failed clone leaves nothing behind.
func TestHTTPWrongCredentials(t *testing.T) {
	isolate(t) // no credential helper or token of the machine's
	seed := seededStore(t)
	r := httpRemote(t, seed, nil)
	t.Setenv("ACCORD_TOKEN", "")
	for name, o := range map[string]RemoteOptions{
		"wrong token":    {Token: "wrong-Hh4Jr8Tq2"},
		"no credentials": {},
	} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "clone")
			_, err := Clone(remoteCtx(t), r.URL, dir, o)
			if !errors.Is(err, ErrAuth) {
				t.Fatalf("clone: %v; want ErrAuth", err)
			}
			if o.Token != "" && strings.Contains(err.Error(), o.Token) {
				t.Errorf("the token is in the message: %v", err)
			}
			if _, serr := os.Stat(dir); !errors.Is(serr, fs.ErrNotExist) {
				t.Errorf("a failed clone left %s behind", dir)
			}
		})
	}

	a := r.clone(t, "Raj")
	retitle(t, a, "GOAL-0000000K", "Committed before the sync")
	head, _ := headOf(t, a)
	wrong := RemoteOptions{Token: "wrong-Hh4Jr8Tq2"}
	_, err := trySync(t, a, wrong)
	if !errors.Is(err, ErrAuth) || strings.Contains(err.Error(), wrong.Token) {
		t.Fatalf("sync with a wrong token: %v; want ErrAuth without the token", err)
	}
	checkIntact(t, a, head, "GOAL-0000000K", "Committed before the sync")
	if r.head(t) == head {
		t.Error("a push with a wrong token landed")
	}
	// The push itself (not only the fetch) checks credentials.
	err = a.locked(func() error { return a.push(remoteCtx(t), "refs/heads/main", wrong) })
	if !errors.Is(err, ErrAuth) || strings.Contains(err.Error(), wrong.Token) {
		t.Errorf("push with a wrong token: %v; want ErrAuth without the token", err)
	}
}

// The token, however it is given, is used but never stored in the clone.
func TestHTTPTokenSourcesAndNeverStored(t *testing.T) {
	isolate(t) // no credential helper or token of the machine's
	seed := seededStore(t)
	r := httpRemote(t, seed, nil)
	t.Setenv("ACCORD_TOKEN", "")

	// check clones with o, pushes with o, and looks for the token.
	check := func(t *testing.T, o RemoteOptions) {
		a, err := Clone(remoteCtx(t), r.URL, filepath.Join(t.TempDir(), "clone"), o, as("Raj"))
		if err != nil {
			t.Fatalf("clone: %v", err)
		}
		t.Cleanup(func() { a.Close() })
		retitle(t, a, "GOAL-0000000K", "Pushed with "+t.Name())
		if res := mustSync(t, a, o); res.Pushed != 1 {
			t.Errorf("sync: %+v; want 1 pushed", res)
		}
		if h, _ := headOf(t, a); r.head(t) != h {
			t.Errorf("the push did not land")
		}
		noSecretIn(t, filepath.Join(a.Dir(), ".git"), httpToken)
		noSecretIn(t, r.Dir, httpToken)
		if u, _ := a.RemoteURL(); u != r.URL {
			t.Errorf("remote URL %q, want %q", u, r.URL)
		}
	}
	t.Run("RemoteOptions.Token", func(t *testing.T) { check(t, r.Opts) })
	t.Run("ACCORD_TOKEN", func(t *testing.T) {
		t.Setenv("ACCORD_TOKEN", httpToken)
		check(t, RemoteOptions{})
	})
	t.Run("git credential", func(t *testing.T) {
		// A credential helper in the (isolated) global git config.
		helper := "!f() { test \"$1\" = get && echo username=" + httpUser + " && echo password=" + httpToken + "; }; f"
		cfg := "[credential]\n\thelper = \"" + strings.ReplaceAll(helper, `"`, `\"`) + "\"\n"
		if err := os.WriteFile(filepath.Join(os.Getenv("HOME"), ".gitconfig"), []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Remove(filepath.Join(os.Getenv("HOME"), ".gitconfig")) })
		out, err := exec.Command("git", "config", "--global", "credential.helper").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "password=") {
			t.Fatalf("the test's credential helper is not configured: %v %s", err, out)
		}
		check(t, RemoteOptions{})
	})
}

// A URL with a password is refused before anything is stored or sent.
func TestRemoteURLWithPasswordIsRefused(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	r := httpRemote(t, seed, nil)
	leaky := strings.Replace(r.URL, "http://", "http://"+httpUser+":"+httpToken+"@", 1)

	other := newRepo(t)
	if err := other.SetRemote(leaky); err == nil || strings.Contains(err.Error(), httpToken) {
		t.Errorf("SetRemote with a password: %v; want a refusal without the token", err)
	}
	if _, err := other.RemoteURL(); !errors.Is(err, ErrNoRemote) {
		t.Errorf("after a refused SetRemote: %v; want ErrNoRemote", err)
	}
	// An existing remote is kept, not replaced.
	if err := seed.SetRemote(leaky); err == nil {
		t.Error("SetRemote with a password replaced the remote")
	}
	if u, _ := seed.RemoteURL(); u != r.URL {
		t.Errorf("remote is %q after a refused SetRemote, want %q", u, r.URL)
	}
	noSecretIn(t, filepath.Join(other.Dir(), ".git"), httpToken)
	noSecretIn(t, filepath.Join(seed.Dir(), ".git"), httpToken)

	dir := filepath.Join(t.TempDir(), "clone")
	_, err := Clone(remoteCtx(t), leaky, dir, RemoteOptions{})
	if err == nil || strings.Contains(err.Error(), httpToken) {
		t.Errorf("Clone with a password: %v; want a refusal without the token", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused clone made %s", dir)
	}
}

// SSH host keys: an unknown host is refused with its fingerprint until the
// user accepts exactly that fingerprint, which writes known_hosts; a
// changed key is then refused with both fingerprints, accepted or not.
func TestSSHHostKeys(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	r := sshRemote(t, seed)
	srv := r.SSHD
	o := r.Opts
	o.KnownHosts = filepath.Join(t.TempDir(), "ssh", "known_hosts") // nothing known yet

	dir := filepath.Join(t.TempDir(), "clone")
	_, err := Clone(remoteCtx(t), r.URL, dir, o)
	var hk *HostKeyError
	if !errors.As(err, &hk) || !errors.Is(err, ErrHostKey) {
		t.Fatalf("clone from an unknown host: %v; want a *HostKeyError", err)
	}
	if hk.Fingerprint != srv.Fingerprint() || hk.Known != "" || !strings.HasPrefix(hk.Fingerprint, "SHA256:") {
		t.Errorf("HostKeyError %+v; want the unknown host's fingerprint %s", hk, srv.Fingerprint())
	}
	if !strings.Contains(err.Error(), srv.Fingerprint()) || !strings.Contains(err.Error(), "--accept-host-key") {
		t.Errorf("message does not show the fingerprint and how to accept it: %v", err)
	}
	if data, _ := os.ReadFile(o.KnownHosts); len(data) != 0 {
		t.Errorf("known_hosts written for a host nobody accepted:\n%s", data)
	}

	// Accepting some other fingerprint changes nothing.
	o.AcceptHostKey = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"
	if _, err := Clone(remoteCtx(t), r.URL, dir, o); !errors.As(err, &hk) || hk.Fingerprint != srv.Fingerprint() {
		t.Errorf("clone accepting another fingerprint: %v; want the host refused", err)
	}

	o.AcceptHostKey = srv.Fingerprint()
	a, err := Clone(remoteCtx(t), r.URL, dir, o, as("Raj"))
	if err != nil {
		t.Fatalf("clone accepting the host's fingerprint: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	known, _ := os.ReadFile(o.KnownHosts)
	if !strings.Contains(string(known), "[127.0.0.1]:") ||
		!strings.Contains(string(known), strings.TrimSpace(string(xssh.MarshalAuthorizedKey(srv.HostKey)))) {
		t.Errorf("known_hosts after accepting:\n%s\nwant a line for [127.0.0.1]:%d with the host key", known, srv.Port)
	}

	// Known now: no acceptance needed.
	o.AcceptHostKey = ""
	retitle(t, a, "GOAL-0000000K", "Pushed to a known host")
	mustSync(t, a, o)

	// The host is re-keyed on the same address.
	old := srv.Fingerprint()
	srv.rekey(t)
	retitle(t, a, "GOAL-0000000K", "Not for an impostor")
	head, _ := headOf(t, a)
	remoteHead := r.head(t)
	for _, accept := range []string{"", srv.Fingerprint()} {
		o.AcceptHostKey = accept
		_, err = trySync(t, a, o)
		if !errors.As(err, &hk) || !errors.Is(err, ErrHostKey) {
			t.Fatalf("sync with a changed host key (accept %q): %v; want a *HostKeyError", accept, err)
		}
		if hk.Known != old || hk.Fingerprint != srv.Fingerprint() {
			t.Errorf("HostKeyError %+v; want presented %s, known %s", hk, srv.Fingerprint(), old)
		}
		if msg := err.Error(); !strings.Contains(msg, old) || !strings.Contains(msg, srv.Fingerprint()) || !strings.Contains(msg, "CHANGED") {
			t.Errorf("message does not name both fingerprints: %v", msg)
		}
	}
	if after, _ := os.ReadFile(o.KnownHosts); string(after) != string(known) {
		t.Errorf("known_hosts changed after a refused host key:\n%s", after)
	}
	checkIntact(t, a, head, "GOAL-0000000K", "Not for an impostor")
	if r.head(t) != remoteHead {
		t.Error("a push reached the re-keyed host")
	}
}

// A host re-keyed with another type of key (ed25519 on record, only ECDSA
// offered now) is refused as a changed host key too.
func TestSSHHostKeyOfAnotherType(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	r := sshRemote(t, seed)
	r.SSHD.HostKeyType = "ecdsa"
	r.SSHD.rekey(t)
	retitle(t, seed, "GOAL-0000000K", "Not for an impostor")
	head, _ := headOf(t, seed)
	for _, accept := range []string{"", r.SSHD.Fingerprint()} {
		o := r.Opts
		o.AcceptHostKey = accept
		_, err := trySync(t, seed, o)
		if !errors.Is(err, ErrHostKey) || !strings.Contains(err.Error(), "CHANGED") {
			t.Errorf("sync with a host key of another type (accept %q): %v; want ErrHostKey saying the key changed", accept, err)
		}
	}
	checkIntact(t, seed, head, "GOAL-0000000K", "Not for an impostor")
}

// An SSH key the server does not authorise is ErrAuth.
func TestSSHUnauthorisedKey(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	r := sshRemote(t, seed)
	o := r.Opts
	o.SSHKey = filepath.Join(t.TempDir(), "stranger_ed25519")
	writeSSHKey(t, o.SSHKey)
	_, err := Clone(remoteCtx(t), r.URL, filepath.Join(t.TempDir(), "clone"), o)
	if !errors.Is(err, ErrAuth) {
		t.Fatalf("clone with an unauthorised key: %v; want ErrAuth", err)
	}
}

// A remote nobody answers on is ErrOffline, for every protocol, and the
// local commits stay as they are.
func TestRemoteOfflineKeepsLocalCommits(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	key := filepath.Join(t.TempDir(), "id_ed25519")
	writeSSHKey(t, key)
	o := RemoteOptions{Token: httpToken, SSHKey: key, KnownHosts: filepath.Join(t.TempDir(), "known_hosts")}
	for _, scheme := range []string{"http", "git", "ssh"} {
		t.Run(scheme, func(t *testing.T) {
			url := closedURL(t, scheme)
			_, err := Clone(remoteCtx(t), url, filepath.Join(t.TempDir(), "clone"), o)
			if !errors.Is(err, ErrOffline) {
				t.Errorf("clone from %s: %v; want ErrOffline", url, err)
			}
			if err := seed.SetRemote(url); err != nil {
				t.Fatal(err)
			}
			retitle(t, seed, "GOAL-0000000K", "Edited offline over "+scheme)
			head, _ := headOf(t, seed)
			_, err = trySync(t, seed, o)
			if !errors.Is(err, ErrOffline) {
				t.Fatalf("sync with %s: %v; want ErrOffline", url, err)
			}
			checkIntact(t, seed, head, "GOAL-0000000K", "Edited offline over "+scheme)
		})
	}
}

// A server that goes away after the clone: ErrOffline with the commits
// counted, and the sync after it comes back pushes them.
func TestRemoteGoesOffline(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, r testRemote, seed *Store) {
		a := r.clone(t, "Raj")
		r.Stop()
		retitle(t, a, "GOAL-0000000K", "Edited while the server is down")
		head, _ := headOf(t, a)
		res, err := trySync(t, a, r.Opts)
		if !errors.Is(err, ErrOffline) || res.Ahead != 1 {
			t.Fatalf("sync with the server down: %v, %+v; want ErrOffline with 1 commit waiting", err, res)
		}
		checkIntact(t, a, head, "GOAL-0000000K", "Edited while the server is down")
	})
}

// A connection dropped while the pack is sent: an error, the local branch,
// files and worktree untouched, nothing landed, and the next sync pushes.
func TestHTTPConnectionDroppedMidPush(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	var armed atomic.Bool
	r := httpRemote(t, seed, func(w http.ResponseWriter, req *http.Request) bool {
		if isPush(req) && armed.CompareAndSwap(true, false) {
			dropConnection(w, req)
			return true
		}
		return false
	})
	a := r.clone(t, "Raj")
	retitle(t, a, "GOAL-0000000K", "Survives a dropped connection")
	head, _ := headOf(t, a)
	before := r.head(t)

	armed.Store(true)
	res, err := trySync(t, a, r.Opts)
	if err == nil {
		t.Fatalf("sync over a dropped connection succeeded: %+v", res)
	}
	if !errors.Is(err, ErrOffline) || res.Ahead != 1 {
		t.Errorf("sync over a dropped connection: %v, %+v; want ErrOffline with 1 commit waiting", err, res)
	}
	if armed.Load() {
		t.Fatal("the push never reached the server")
	}
	checkIntact(t, a, head, "GOAL-0000000K", "Survives a dropped connection")
	if r.head(t) != before {
		t.Error("the dropped push landed anyway")
	}

	if res := mustSync(t, a, r.Opts); res.Pushed != 1 {
		t.Errorf("next sync: %+v; want the commit pushed", res)
	}
	if r.head(t) != head {
		t.Errorf("remote main is %s, want %s", r.head(t), head)
	}
	b := r.clone(t, "Mei")
	if got := titleOf(t, b, "GOAL-0000000K"); got != "Survives a dropped connection" {
		t.Errorf("another clone sees %q", got)
	}
}

// The push lands but its answer is lost: the client sees an error, and the
// next sync finds the remote already has the commit.
func TestHTTPPushAnswerLost(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	var armed atomic.Bool
	var backend http.Handler
	r := httpRemote(t, seed, func(w http.ResponseWriter, req *http.Request) bool {
		if isPush(req) && armed.CompareAndSwap(true, false) {
			backend.ServeHTTP(httptest.NewRecorder(), req) // the push lands
			dropConnection(w, req)                         // the answer does not
			return true
		}
		return false
	})
	backend = gitHTTPBackend(t, r.ProjectRoot)
	a := r.clone(t, "Raj")
	retitle(t, a, "GOAL-0000000K", "Landed, unacknowledged")
	head, _ := headOf(t, a)

	armed.Store(true)
	if _, err := trySync(t, a, r.Opts); err == nil {
		t.Fatal("sync whose answer was lost reported success")
	}
	if r.head(t) != head {
		t.Fatalf("the push did not land (remote at %s)", r.head(t))
	}
	checkIntact(t, a, head, "GOAL-0000000K", "Landed, unacknowledged")
	res := mustSync(t, a, r.Opts)
	if res.Pulled != 0 || res.Pushed != 0 {
		t.Errorf("next sync: %+v; want nothing left to pull or push", res)
	}
	if h, _ := headOf(t, a); h != head || r.head(t) != head {
		t.Errorf("after the next sync local %s, remote %s; want both %s", h, r.head(t), head)
	}
}

// Another push lands between our fetch and our push (injected in the HTTP
// handler): the push is rejected, never forced; sync fetches, merges and
// retries, and nothing is lost.
func TestHTTPPushRace(t *testing.T) {
	t.Parallel()
	seed := seededStore(t)
	var armed atomic.Bool
	var r testRemote
	var competitor string // a clone whose commit lands first
	var raceErr atomic.Value
	r = httpRemote(t, seed, func(w http.ResponseWriter, req *http.Request) bool {
		if isPush(req) && armed.CompareAndSwap(true, false) {
			cmd := exec.Command("git", "push", "--quiet", r.Dir, "main:main")
			cmd.Dir = competitor
			if out, err := cmd.CombinedOutput(); err != nil {
				raceErr.Store(fmt.Sprintf("%v: %s", err, out))
			}
		}
		return false
	})
	a, b := r.clone(t, "Raj"), r.clone(t, "Mei")
	competitor = b.Dir()
	retitle(t, a, "GOAL-0000000K", "Raj's title")
	edit(t, b, "GOAL-0000000K", func(rec model.Record) { rec.(*model.Goal).Metric.Target = 4 })
	head, _ := headOf(t, a)
	bHead, _ := headOf(t, b)

	armed.Store(true)
	err := a.locked(func() error { return a.push(remoteCtx(t), "refs/heads/main", r.Opts) })
	if e := raceErr.Load(); e != nil {
		t.Fatalf("the competing push failed: %v", e)
	}
	if !errors.Is(err, errRejected) {
		t.Fatalf("push after a competing push: %v; want errRejected", err)
	}
	if r.head(t) != bHead {
		t.Errorf("remote main is %s, want the competing commit %s (a push was forced?)", r.head(t), bHead)
	}
	checkIntact(t, a, head, "GOAL-0000000K", "Raj's title")

	// Sync: its first push loses another race, then it merges again and wins.
	retitle(t, b, "GOAL-00000001", "Mei's second commit")
	armed.Store(true)
	res := mustSync(t, a, r.Opts)
	if e := raceErr.Load(); e != nil || armed.Load() {
		t.Fatalf("the second race did not happen: %v", e)
	}
	if res.Pushed == 0 {
		t.Errorf("sync: %+v; want its commits pushed", res)
	}
	mustSync(t, b, r.Opts)
	sameTrees(t, a, b)
	for _, s := range []*Store{a, b} {
		g := get(t, s, "GOAL-0000000K").(*model.Goal)
		if g.Title != "Raj's title" || g.Metric.Target != 4 || titleOf(t, s, "GOAL-00000001") != "Mei's second commit" {
			t.Errorf("%s lost an edit: %q, target %v, %q", s.Dir(), g.Title, g.Metric.Target, titleOf(t, s, "GOAL-00000001"))
		}
	}
}
