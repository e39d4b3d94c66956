package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A real SMTP server for the digest tests: Mailpit, built by the test from
// the Go module proxy (go install, cached between runs), run on 127.0.0.1
// with its own database, and read through its HTTP API. Skipped with a
// message when it cannot be built on a laptop; never under CI=true.

const mailpitVersion = "v1.33.1"

var (
	mailpitOnce sync.Once
	mailpitBin  string
	mailpitErr  error
)

// mailpitBinary builds Mailpit once per machine into the user's cache.
func mailpitBinary(t *testing.T) string {
	t.Helper()
	mailpitOnce.Do(func() {
		cache, err := os.UserCacheDir()
		if err != nil {
			cache = os.TempDir()
		}
		dir := filepath.Join(cache, "accord-test", "mailpit-"+mailpitVersion)
		bin := filepath.Join(dir, "mailpit")
		if _, err := os.Stat(bin); err == nil {
			mailpitBin = bin
			return
		}
		tmp, err := os.MkdirTemp(filepath.Dir(dir), "build-")
		if err != nil && os.MkdirAll(filepath.Dir(dir), 0o755) == nil {
			tmp, err = os.MkdirTemp(filepath.Dir(dir), "build-")
		}
		if err != nil {
			mailpitErr = err
			return
		}
		defer os.RemoveAll(tmp)
		cmd := exec.Command("go", "install", "github.com/axllent/mailpit@"+mailpitVersion)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "GOBIN="+tmp, "GOFLAGS=-buildvcs=false")
		if out, err := cmd.CombinedOutput(); err != nil {
			mailpitErr = fmt.Errorf("go install github.com/axllent/mailpit@%s: %v\n%s", mailpitVersion, err, out)
			return
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			mailpitErr = err
			return
		}
		if err := os.Rename(filepath.Join(tmp, "mailpit"), bin); err != nil {
			mailpitErr = err
			return
		}
		mailpitBin = bin
	})
	if mailpitErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cli: building Mailpit for the digest tests: %v", mailpitErr)
		}
		t.Skipf("cli: Mailpit could not be built (%v): the e-mail digest tests are skipped", mailpitErr)
	}
	return mailpitBin
}

// mailpit is one running Mailpit.
type mailpit struct {
	smtpPort int
	api      string
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// startMailpit runs Mailpit until the test ends.
func startMailpit(t *testing.T) *mailpit {
	t.Helper()
	bin := mailpitBinary(t)
	var last error
	for attempt := 0; attempt < 3; attempt++ {
		smtpPort, httpPort := freeTCPPort(t), freeTCPPort(t)
		cmd := exec.Command(bin, "--smtp", "127.0.0.1:"+strconv.Itoa(smtpPort), "--listen", "127.0.0.1:"+strconv.Itoa(httpPort),
			"--database", filepath.Join(t.TempDir(), "mail.db"), "--disable-version-check", "--quiet")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		var logs syncBuffer
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan struct{})
		go func() { cmd.Wait(); close(exited) }()
		stop := func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		m := &mailpit{smtpPort: smtpPort, api: "http://127.0.0.1:" + strconv.Itoa(httpPort) + "/api/v1/"}
		if err := m.waitReady(exited); err != nil {
			stop()
			last = fmt.Errorf("%v\n%s", err, logs.String())
			continue
		}
		t.Cleanup(stop)
		return m
	}
	t.Fatalf("Mailpit did not start on 127.0.0.1: %v", last)
	return nil
}

// waitReady waits, with a generous bound, until both ports answer, trying
// again each time a short ticker fires.
func (m *mailpit) waitReady(exited <-chan struct{}) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	var err error
	for {
		var resp *http.Response
		if resp, err = http.Get(m.api + "messages"); err == nil {
			resp.Body.Close()
			var c net.Conn
			if c, err = net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(m.smtpPort), time.Second); err == nil {
				c.Close()
				return nil
			}
		}
		select {
		case <-exited:
			return fmt.Errorf("mailpit exited")
		case <-ctx.Done():
			return fmt.Errorf("not ready after 30s: %v", err)
		case <-tick.C:
		}
	}
}

// mailAddr is an address as Mailpit's API gives it.
type mailAddr struct{ Name, Address string }

// mailSummary and mailFull are what Mailpit's API says of a message.
type mailSummary struct {
	ID      string
	Subject string
	To      []mailAddr
}

type mailFull struct {
	Subject string
	From    mailAddr
	To      []mailAddr
	Text    string
	HTML    string
}

func (m *mailpit) get(t *testing.T, path string, v any) {
	t.Helper()
	resp, err := http.Get(m.api + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mailpit %s: %s %s", path, resp.Status, data)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("mailpit %s: %v", path, err)
	}
}

// messages lists what Mailpit received, newest first.
func (m *mailpit) messages(t *testing.T) []mailSummary {
	t.Helper()
	var list struct{ Messages []mailSummary }
	m.get(t, "messages", &list)
	return list.Messages
}

// message reads one message whole: both parts.
func (m *mailpit) message(t *testing.T, id string) mailFull {
	t.Helper()
	var msg mailFull
	m.get(t, "message/"+id, &msg)
	return msg
}

// syncBuffer is a log that a process's two pipes write at once.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
