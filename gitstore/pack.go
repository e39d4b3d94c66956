package gitstore

// Keeping the repository packed, as git's automatic gc does. go-git writes
// every object it makes as a loose file and never packs them: a repository
// written only by Accord grew to 93 MB of loose objects at 10,000 records
// (4 MB packed), and git itself became ten times slower on it. So after a
// sync, after writing a generated history and when a store that committed
// is closed, Accord counts the loose objects the way `git gc --auto` does
// (the entries of one of the 256 fan-out folders, times 256) and packs
// them when they pass the same threshold (gc.auto, 6,700 by default; 0
// turns packing off). Never in the middle of an edit: the edit's commit is
// made and its branch moved first.
//
// With a git binary on the PATH it runs `git repack -d -q` (an incremental
// pack of the loose objects, then their removal), or `git repack -a -d -q`
// once there are more packs than gc.autoPackLimit (50): repack runs no
// hooks and never touches the worktree, and it deletes nothing that is not
// in a pack, unlike `git gc`, which also prunes unreachable objects and
// runs the pre-auto-gc hook. Without git, go-git's RepackObjects writes
// every reachable object into one pack and deletes the loose copies.
//
// Packing may run while another process reads the repository (a TUI left
// open). git does not lose an object that is moved into a pack under a
// reader: it looks for packs again when one is missing. go-git lists the
// packs once, so the store's storage (packedStorage) does the same as git.

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

const (
	// defaultAutoPack is git's gc.auto: loose objects that start a pack.
	defaultAutoPack = 6700
	// defaultAutoPackLimit is git's gc.autoPackLimit: packs that start a
	// repack of everything into one.
	defaultAutoPackLimit = 50
)

// gitBinary is the git program packing runs, "" for go-git's repack; tests
// set it to take the other path.
var gitBinary = func() string {
	p, err := exec.LookPath("git")
	if err != nil {
		return ""
	}
	return p
}

// AutoPack packs the loose objects of the repository when there are more
// than git's gc.auto threshold, as git's automatic gc does, and reports
// whether it packed. Counting costs one directory listing.
func (s *Store) AutoPack(ctx context.Context) (bool, error) {
	threshold, packLimit := s.packLimits()
	if threshold <= 0 {
		return false, nil
	}
	loose := estimateLooseObjects(s.gitDir)
	packs := countPacks(s.gitDir)
	if loose <= threshold && (packLimit <= 0 || packs <= packLimit) {
		return false, nil
	}
	return true, s.pack(ctx, packLimit > 0 && packs > packLimit)
}

// Pack packs every loose object now; all makes one pack of everything.
func (s *Store) Pack(ctx context.Context, all bool) error { return s.pack(ctx, all) }

func (s *Store) pack(ctx context.Context, all bool) error {
	if git := gitBinary(); git != "" {
		args := []string{"--git-dir", s.gitDir, "-c", "pack.writeReverseIndex=true", "repack", "-d", "-q"}
		if all {
			args = append(args, "-a")
		}
		cmd := exec.CommandContext(ctx, git, args...)
		cmd.Dir = s.gitDir
		// Only what git needs: no GIT_DIR, GIT_INDEX_FILE or the like
		// from a hook that might have started us pointing elsewhere.
		cmd.Env = packEnv()
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pack %s: git repack: %w: %s", s.gitDir, err, strings.TrimSpace(string(out)))
		}
		s.mu.Lock()
		s.reindex()
		s.mu.Unlock()
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.repo.RepackObjects(&git.RepackConfig{OnlyDeletePacksOlderThan: time.Now()}); err != nil {
		return fmt.Errorf("pack %s: %w", s.gitDir, err)
	}
	s.reindex()
	return nil
}

func packEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "GIT_CONFIG_NOSYSTEM=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// reindex makes the store's storage list the packs again. The caller
// holds s.mu.
func (s *Store) reindex() {
	if ps, ok := s.repo.Storer.(*packedStorage); ok {
		ps.reindex()
	}
}

// packLimits reads gc.auto and gc.autoPackLimit from the repository's
// config (git's defaults when unset or unreadable).
func (s *Store) packLimits() (threshold, packLimit int) {
	threshold, packLimit = defaultAutoPack, defaultAutoPackLimit
	s.mu.Lock()
	cfg, err := s.repo.Config()
	s.mu.Unlock()
	if err != nil || cfg.Raw == nil || !cfg.Raw.HasSection("gc") {
		return threshold, packLimit
	}
	gc := cfg.Raw.Section("gc")
	if n, err := strconv.Atoi(gc.Option("auto")); err == nil {
		threshold = n
	}
	if n, err := strconv.Atoi(gc.Option("autoPackLimit")); err == nil {
		packLimit = n
	}
	return threshold, packLimit
}

// estimateLooseObjects counts loose objects as git's gc --auto does: the
// objects in the folder objects/17, times 256.
func estimateLooseObjects(gitDir string) int {
	entries, err := os.ReadDir(filepath.Join(gitDir, "objects", "17"))
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if len(e.Name()) == 38 && e.Type().IsRegular() {
			n++
		}
	}
	return n * 256
}

func countPacks(gitDir string) int {
	entries, err := os.ReadDir(filepath.Join(gitDir, "objects", "pack"))
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "pack-") && strings.HasSuffix(e.Name(), ".idx") {
			n++
		}
	}
	return n
}

// packedStorage is go-git's filesystem storage with packed objects read
// through fastPacks (packindex.go), which looks for packs again when an
// object is missing and the pack folder changed since it last looked, as
// git does: another process may have packed loose objects meanwhile.
type packedStorage struct {
	*filesystem.Storage
	packDir string
	fast    *fastPacks

	wrote atomic.Bool // this process wrote objects (Close packs then)

	mu      sync.Mutex
	listed  time.Time // the pack folder's modification time when listed
	checked bool
}

// newPackedStorage wraps st; packed objects are cached up to cacheSize
// bytes.
func newPackedStorage(st *filesystem.Storage, gitDir string, cacheSize cache.FileSize) *packedStorage {
	p := &packedStorage{Storage: st, packDir: filepath.Join(gitDir, "objects", "pack")}
	p.listed, p.checked = p.packDirTime()
	p.fast = newFastPacks(gitDir, cacheSize)
	return p
}

func (p *packedStorage) packDirTime() (time.Time, bool) {
	info, err := os.Stat(p.packDir)
	if err != nil {
		return time.Time{}, false
	}
	return info.ModTime(), true
}

// packsChanged reports whether the pack folder changed since the packs
// were listed, and if so lists them again.
func (p *packedStorage) packsChanged() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	t, ok := p.packDirTime()
	if !ok || (p.checked && t.Equal(p.listed)) {
		return false
	}
	p.listed, p.checked = t, true
	p.fast.list()
	p.Storage.Reindex()
	return true
}

func (p *packedStorage) reindex() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.listed, p.checked = p.packDirTime()
	p.fast.list()
	p.Storage.Reindex()
}

// EncodedObject looks in the packs (listed again when the pack folder
// changed), then among the loose objects through go-git's storage.
func (p *packedStorage) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := p.fast.get(t, h)
	if p.retry(err) {
		obj, err = p.fast.get(t, h)
	}
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		obj, err = p.Storage.EncodedObject(t, h)
		if p.retry(err) {
			obj, err = p.Storage.EncodedObject(t, h)
		}
	}
	return obj, err
}

// retry reports whether a failed read may succeed once the packs are
// listed again, and lists them: another process of the clone (a sync from
// the CLI while the TUI is open, git gc, git fetch) may have added,
// replaced or removed a pack since, which go-git alone reports as a bare
// "object not found" or "packfile not found".
func (p *packedStorage) retry(err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, plumbing.ErrObjectNotFound):
		return p.packsChanged()
	case errors.Is(err, dotgit.ErrPackfileNotFound), errors.Is(err, fs.ErrNotExist):
		p.reindex()
		return true
	}
	return false
}

func (p *packedStorage) SetEncodedObject(o plumbing.EncodedObject) (plumbing.Hash, error) {
	p.wrote.Store(true)
	return p.Storage.SetEncodedObject(o)
}

func (p *packedStorage) HasEncodedObject(h plumbing.Hash) error {
	if p.fast.has(h) || (p.packsChanged() && p.fast.has(h)) {
		return nil
	}
	return p.Storage.HasEncodedObject(h)
}

func (p *packedStorage) EncodedObjectSize(h plumbing.Hash) (int64, error) {
	n, err := p.Storage.EncodedObjectSize(h)
	if p.retry(err) {
		n, err = p.Storage.EncodedObjectSize(h)
	}
	return n, err
}

// Close closes the packs this storage and go-git's hold open.
func (p *packedStorage) Close() error {
	p.fast.close()
	return p.Storage.Close()
}
