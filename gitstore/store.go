package gitstore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Store is one clone of a data repository. A Store is safe for use by
// several goroutines: one mutex owns the go-git repository (go-git is not
// safe for concurrent use), and every write-and-commit also holds the
// clone's lock file so that other processes take turns.
type Store struct {
	dir    string // the worktree, absolute
	gitDir string
	root   *os.Root

	mu   sync.Mutex // guards repo
	repo *git.Repository
	// bulk is set while generating a fresh repository: files are not
	// fsynced one by one and the index is written once at the end.
	bulk bool

	// LockTimeout is how long a write waits for another writer.
	LockTimeout time.Duration
	// Now gives the time commits are dated with (WithClock).
	Now func() time.Time
	// author, when set (WithAuthor), is who commits are made by instead
	// of git's environment and config.
	author *Signature

	// notices say what opening cleaned up after a stopped command
	// (Notices); repaired, when set, says how a damaged branch ref was
	// repaired, and refuses the next write so the person can look first.
	notices  []string
	repaired string
	// stopHook, set only by tests, stops a commit at a stage as a kill
	// would: returning at once, cleaning up nothing ("journal": the
	// journal is written, no file yet; "files": the files are written;
	// "branch": the branch moved, the index not yet).
	stopHook func(stage string) bool
	// keys are the SSH key passphrases given this process (ssh.go).
	keys *passphrases
	// lastLoad counts what the last Load did, for tests of the snapshot.
	// Not guarded by mu: Load runs with and without mu held.
	lastLoad atomic.Pointer[loadCounts]
	// behind is held while the caches a load made (the load cache, the
	// neighbour index) are written after it returned (writeBehind):
	// Close, and whatever reads them in this process, wait for it.
	behind sync.Mutex
	// behindHook, set only by tests, runs before a load's caches are
	// written behind it.
	behindHook func()
}

// loadCounts: files read (not trusted from the snapshot) and files whose
// YAML was decoded.
type loadCounts struct{ read, decoded int }

// An Option gives a Store what it would otherwise take from the
// environment: the clock and the committer.
type Option func(*Store)

// WithClock dates commits by now instead of model.Now: the CLI and the TUI
// pass the one clock they date records with, and tests pin it.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.Now = now } }

// WithAuthor makes commits as sig, whatever git's environment variables and
// config say.
func WithAuthor(sig Signature) Option { return func(s *Store) { s.author = &sig } }

// Open opens the data repository that contains dir: the nearest folder at
// or above dir that holds both accord.yaml and .git.
func Open(dir string, opts ...Option) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if isDataRepo(d) {
			return openAt(d, opts)
		}
		if filepath.Dir(d) == d {
			return nil, fmt.Errorf("%s: %w (no accord.yaml and .git here or above; run accord init, or pass --repo)", abs, ErrNotRepository)
		}
	}
}

func isDataRepo(d string) bool {
	if _, err := os.Lstat(filepath.Join(d, model.ConfigPath)); err != nil {
		return false
	}
	info, err := os.Stat(filepath.Join(d, ".git"))
	return err == nil && info.IsDir()
}

func openAt(dir string, opts []Option) (*Store, error) {
	gitDir := filepath.Join(dir, ".git")
	repo, err := openRepo(dir, gitDir)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &Store{dir: dir, gitDir: gitDir, root: root, repo: repo,
		LockTimeout: DefaultLockTimeout, Now: model.Now, keys: &passphrases{}}
	for _, o := range opts {
		o(s)
	}
	s.excludeTemps()
	s.recoverOnOpen()
	return s, nil
}

func openRepo(dir, gitDir string) (*git.Repository, error) {
	// go-git's own object cache serves loose objects only: packed ones
	// are read and cached by packedStorage (pack.go, packindex.go).
	storage := filesystem.NewStorageWithOptions(osfs.New(gitDir), cache.NewObjectLRU(16*cache.MiByte),
		filesystem.Options{KeepDescriptors: true, MaxOpenDescriptors: 64})
	return git.Open(newPackedStorage(storage, gitDir, cache.DefaultMaxSize), osfs.New(dir))
}

// Close releases the files the store holds open.
func (s *Store) Close() error {
	s.settle()
	if st, ok := s.repo.Storer.(*packedStorage); ok && st.wrote.Load() {
		_, _ = s.AutoPack(context.Background()) // pack.go: after this store's commits, as git's gc --auto
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.repo.Storer.(*packedStorage); ok {
		_ = st.Close()
	}
	return s.root.Close()
}

// Dir is the worktree folder of the data repository.
func (s *Store) Dir() string { return s.dir }

// Init creates a data repository in dir (made if missing) on branch main
// with an accord.yaml for org and the record folders, and commits it; or
// adopts the git repository already there by adding accord.yaml to it.
// An existing accord.yaml is left alone.
func Init(dir, org string, opts ...Option) (*Store, error) {
	s, err := initRepo(dir, opts)
	if err != nil {
		return nil, err
	}
	if _, err := s.root.Lstat(model.ConfigPath); err == nil {
		return s, nil
	}
	cfg := model.Config{Org: org, Schema: model.SchemaVersion}
	data, err := Encode(&cfg)
	var files []File
	if err == nil {
		// Plain git merges records as sync does: the merge driver is
		// defined in the clone and named in the first commit.
		err = s.configureMergeDriver()
	}
	if err == nil {
		files, err = s.initialFiles()
	}
	if err == nil {
		_, err = s.Commit(Change{Put: append([]File{{Path: model.ConfigPath, Data: data}}, files...),
			Message: fmt.Sprintf("org: set up %s", org)})
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// initRepo makes dir a git repository on branch main, unless it is one
// already, and creates the record folders.
func initRepo(dir string, opts []Option) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(abs, ".git")); errors.Is(err, fs.ErrNotExist) {
		_, err := git.PlainInitWithOptions(abs, &git.PlainInitOptions{
			InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
		})
		if err != nil {
			return nil, fmt.Errorf("init %s: %w", abs, err)
		}
	}
	s, err := openAt(abs, opts)
	if err != nil {
		return nil, err
	}
	for _, k := range model.Kinds {
		if err := s.root.MkdirAll(k.Dir(), 0o755); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// Load reads every record in the worktree. Files that cannot be read
// become findings in Org.Problems and every other record still loads; err
// is only for a repository that cannot be read at all.
func (s *Store) Load() (*model.Org, error) {
	s.settle() // the last load's caches, before they are read
	defer lessGC()()
	key, keyed := s.neighbourKey() // before reading: a commit meanwhile leaves the index stale, never wrong
	if keyed {
		adviseHeap(key.index.size * loadHeapPerIndexByte)
	}
	// The neighbour index is made again when it was made for another
	// state of the clone (indexNeighbours): its lines are then made on
	// the load's workers, record by record.
	var onDisk string
	if keyed {
		onDisk = s.neighboursHeadOnDisk()
	}
	nbLines := keyed && !strings.HasPrefix(onDisk, key.String()+"\n")
	horizon := trustHorizon()
	snapc := make(chan *snapshot, 1) // read while the folders are listed
	go func() { snapc <- s.readSnapshot() }()
	org := model.NewOrg()
	if data, err := readRecordFile(s.root, model.ConfigPath); err != nil {
		org.Problems = append(org.Problems, asFinding(err))
	} else if cfg, err := decodeConfig(data); err != nil {
		org.Problems = append(org.Problems, asFinding(err))
	} else {
		org.Config = cfg
	}
	dirs, problems, done := recordFolders(s.root)
	defer done()
	org.Problems = append(org.Problems, problems...)

	// Workers take a folder at a time: one os.Root per folder keeps each
	// open to a single openat, and bounds the descriptors held at once.
	snap := <-snapc
	perDir := make([][]loaded, len(dirs))
	// kinds[i] is what folder i holds (every file of a folder is of one
	// kind), so the organisation's maps are sized per folder, not by a
	// walk over every record.
	kinds := make([]struct {
		kind model.Kind
		n    int
	}, len(dirs))
	forEachFolder(len(dirs), func(i int) {
		perDir[i] = loadDir(s.root, dirs[i], snap)
		for j := range perDir[i] {
			l := &perDir[i][j]
			if l.err != nil {
				continue
			}
			kinds[i].kind = l.kind
			kinds[i].n++
			if nbLines {
				l.nbLines = neighbourLines(l.rec)
			}
		}
	})
	// Folders and each folder's files come sorted by path, so the whole
	// is, unless a folder's name sorts between another and its files
	// (people-x beside people/x): only then is it sorted again.
	results := perDir
	if !sortedAcross(perDir) {
		all := slices.Concat(perDir...)
		slices.SortFunc(all, func(a, b loaded) int { return strings.Compare(a.path, b.path) })
		results = [][]loaded{all}
	}
	// The load cache's records are gathered on a second core while the
	// organisation is built; both only read results.
	snapWrite := make(chan func(), 1)
	go func() { snapWrite <- s.refreshSnapshot(snap, horizon, results) }()
	sizes := map[model.Kind]int{}
	for _, k := range kinds {
		sizes[k.kind] += k.n
	}
	org = sizedOrg(org, sizes)
	// Whether every record is at the path its ID gives, for the neighbour
	// index: a file refused as a second claim on an ID is also a finding,
	// which indexNeighbours checks the same way.
	atPaths := true
	for r := range eachLoaded(results) {
		if r.err != nil {
			org.Problems = append(org.Problems, asFinding(r.err))
			continue
		}
		id := r.rec.RecordID()
		if id == "" {
			org.Problems = append(org.Problems, model.Finding{Rule: "schema.required", Severity: model.SeverityError,
				File: r.src.Path, Line: 1, Column: 1, Message: "missing id: every record starts with its id"})
			continue
		}
		atPaths = atPaths && atPath(r.kind, id, r.path)
		if f := addLoaded(org, r.rec, r.src, ""); f != nil {
			org.Problems = append(org.Problems, *f)
		}
	}
	org.Index()
	org.Today = s.Now() // a goal overdue for its check-in shows as stale
	var writeIndex func()
	if keyed {
		writeIndex = s.indexNeighbours(key, onDisk, org.Problems, atPaths, results)
	}
	s.writeBehind(<-snapWrite, writeIndex)
	return org, nil
}

// writeBehind writes a load's caches after the load returns: at 100,000
// records they take a few hundred milliseconds the caller (the TUI's first
// frame) need not wait for. Each write is made from what the load copied,
// never from the organisation it returned.
func (s *Store) writeBehind(writes ...func()) {
	s.behind.Lock()
	go func() {
		defer s.behind.Unlock()
		if s.behindHook != nil {
			s.behindHook()
		}
		for _, w := range writes {
			if w != nil {
				w()
			}
		}
	}()
}

// settle waits for the caches a load is writing behind it.
func (s *Store) settle() {
	s.behind.Lock()
	//lint:ignore SA2001 taking the lock only waits for the writer to let go
	s.behind.Unlock()
}

// refreshSnapshot returns the write of a new load cache when this load
// read enough files that re-reading them next time would cost more than
// rewriting it (rewriteSnapshot), or nil. Entries keep the stat data seen
// by this load, and files modified after horizon will not be trusted by
// the next.
func (s *Store) refreshSnapshot(snap *snapshot, horizon int64, results [][]loaded) (write func()) {
	read, decoded, present, total := 0, 0, 0, 0
	for r := range eachLoaded(results) {
		total++
		if r.read {
			read++
		}
		if r.miss {
			decoded++
		}
		if r.err == nil && r.cached {
			present++
		}
	}
	s.lastLoad.Store(&loadCounts{read: read, decoded: decoded})
	if !rewriteSnapshot(len(snap.entries), total, read, len(snap.entries)-present) {
		return nil
	}
	recs := make([]snapRecord, 0, total)
	for r := range eachLoaded(results) {
		if r.err != nil {
			continue
		}
		recs = append(recs, snapRecord{path: r.path, stat: r.stat, blob: r.src.Blob, fields: r.fields, enc: r.enc})
	}
	return func() { s.writeSnapshot(horizon, recs) }
}

// eachLoaded yields every outcome of a load, folder by folder.
func eachLoaded(perDir [][]loaded) iter.Seq[*loaded] {
	return func(yield func(*loaded) bool) {
		for _, d := range perDir {
			for i := range d {
				if !yield(&d[i]) {
					return
				}
			}
		}
	}
}

// sortedAcross says the outcomes of the folders are sorted by path as a
// whole.
func sortedAcross(perDir [][]loaded) bool {
	last := ""
	for r := range eachLoaded(perDir) {
		if r.path < last {
			return false
		}
		last = r.path
	}
	return true
}

// sizedOrg is org (its settings and findings so far) with maps large
// enough for n[k] records of each kind k, so filling them never rehashes.
func sizedOrg(org *model.Org, n map[model.Kind]int) *model.Org {
	sized := model.NewOrgSized(n)
	sized.Config, sized.Problems = org.Config, org.Problems
	return sized
}

func asFinding(err error) model.Finding {
	var de *DecodeError
	if errors.As(err, &de) {
		return de.Finding()
	}
	return model.Finding{Rule: "file.unreadable", Severity: model.SeverityError, Message: err.Error()}
}

// Head returns the hash of the commit the current branch points at, or ""
// in a repository without commits. The TUI polls it to notice commits made
// by other processes.
func (s *Store) Head() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ref, err := s.repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return ref.Hash().String(), nil
}

// ReadFile returns the bytes of a file in the worktree, read with the same
// hardening as records.
func (s *Store) ReadFile(p string) ([]byte, error) {
	return readRecordFile(s.root, p)
}

// SetIdentity writes who commits in this clone into its own git config
// (user.name and user.email), as `git config user.name` would; the demo
// makes its clone Raj's this way. GIT_AUTHOR_* and WithAuthor still win.
func (s *Store) SetIdentity(sig Signature) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg, err := s.repo.Config()
	if err != nil {
		return err
	}
	cfg.User.Name, cfg.User.Email = sig.Name, sig.Email
	return s.repo.SetConfig(cfg)
}
