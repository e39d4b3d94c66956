package gitstore

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// DefaultLockTimeout is how long a writer waits for another to finish.
const DefaultLockTimeout = 5 * time.Second

// writeLock is held for the duration of one write-and-commit or one sync,
// never for a process's lifetime, so a TUI left open never blocks a CLI
// command in another terminal. It is an flock(2) lock on .git/accord.lock;
// the holder's PID and command go in .git/accord.lock.owner so that a
// waiter can say who is in its way.
type writeLock struct {
	fl    *flock.Flock
	owner string
}

func acquireLock(gitDir string, timeout time.Duration) (*writeLock, error) {
	path := filepath.Join(gitDir, "accord.lock")
	fl := flock.New(path)
	var ok bool
	var err error
	if timeout <= 0 {
		if ok, err = fl.TryLock(); err != nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		ok, err = fl.TryLockContext(ctx, 20*time.Millisecond)
		if err != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
	}
	owner := path + ".owner"
	if !ok {
		holder, _ := os.ReadFile(owner)
		return nil, &LockedError{Holder: strings.TrimSpace(string(holder)), Path: path}
	}
	cmd := filepath.Base(os.Args[0])
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		cmd += " " + os.Args[1]
	}
	info := fmt.Sprintf("pid %d (%s) since %s", os.Getpid(), cmd, time.Now().Format("15:04:05"))
	_ = os.WriteFile(owner, []byte(info+"\n"), 0o644)
	return &writeLock{fl: fl, owner: owner}, nil
}

func (l *writeLock) release() {
	_ = os.Remove(l.owner)
	_ = l.fl.Unlock()
}
