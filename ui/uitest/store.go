// Package uitest is what the TUI's tests share: Store, an in-memory store
// that keeps the contract of ui.Store (the root package's contract test
// runs the same scenarios against it and against a real gitstore.Store, so
// that it cannot drift), and Run and Key, which deliver keys and run the
// commands a model returns without waiting for a fixed window.
package uitest

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/ui/common"
)

// Today pins every date the fixture organisation and the UI use.
var Today = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// Store serves an organisation from memory, with the behaviour of
// gitstore.Store where the UI meets it: saves that merge another writer's
// change and refuse a field both changed, files saved byte for byte, undo,
// and a history of every commit, the demo's and the session's. Its sync
// side is scripted: by default there is no remote; tests set a status,
// conflicts and what each Synchronize returns, and read back the calls.
// Tests may read and change the exported fields between commands.
type Store struct {
	// Org is what Load returns; HeadCommit what Head returns (a save
	// moves it; a test moves it to play another process committing).
	Org        *model.Org
	HeadCommit string
	// Name and Email are the git identity (User), which commits carry.
	Name, Email string

	mu sync.Mutex
	// SyncState is where the clone stands against its remote.
	SyncState model.SyncStatus
	// Syncs are the scripted outcomes of Synchronize, one per call; when
	// they run out it says "up to date" (or fails without a remote).
	Syncs []SyncResult
	// Session is the merge session's conflicts; ResolveErr fails every
	// Resolve.
	Session    []model.Conflict
	ResolveErr error

	// What the UI asked for, in order.
	SyncCalls    []string          // the acceptHostKey of each Synchronize
	Passphrases  map[string]string // given with SetPassphrase, by key file
	ResolveCalls []ResolveCall

	// Histories and Blames script a record's answers in place of the ones
	// its commits give; the errors fail every call.
	Histories             map[string][]model.HistoryEntry
	Blames                map[string][]model.FieldBlame
	HistoryErr, BlameErr  error
	IndexErr              error
	HistoryCalls          []HistoryCall
	BlameCalls            []string // record IDs
	IndexCalls            int
	log                   []commit // every commit, oldest first
	files                 map[string][]byte
	demoCommits, sessions int
	draftFiles            []string // every draft's temp file, removed at the test's end

	// The editing side: SaveErr fails every save (a held lock, a full
	// disk); SaveCalls are the saves asked for, Saved the commits they
	// made, RawSaves the files saved byte for byte.
	SaveErr   error
	SaveCalls []Commit
	Saved     []Commit
	RawSaves  []string

	// DraftList is the $EDITOR drafts listed (RecordDraft), as a clone's
	// .git/accord/drafts.json keeps them across sessions.
	DraftList []model.Draft

	// Seen is the inbox's marks per reader (InboxSeen), SeenCalls how
	// many SetInboxSeen made. Map is the private stakeholder map,
	// encrypted when Passphrase is set; MapWrites counts its saves.
	Seen       map[string]map[string]string
	SeenCalls  int
	Map        *model.StakeholderMap
	Passphrase string
	MapWrites  int
}

// Lock and Unlock guard the fields from a command still running.
func (s *Store) Lock()   { s.mu.Lock() }
func (s *Store) Unlock() { s.mu.Unlock() }

// commit is one commit of the store's history: who, when and why, and the
// records it wrote and removed.
type commit struct {
	info   model.CommitInfo
	put    []model.Record
	delete []string
	// files are the bytes of the record files it wrote byte for byte, and
	// before what they held before, for undo.
	files, before map[string][]byte
	edits         []model.Edit
}

// Commit is one save: what the UI asked to commit (the message as given,
// "" when the store makes it) and the edits as they were applied.
type Commit struct {
	Hash    string
	Message string
	Edits   []model.Edit
}

// HistoryCall is one History the UI asked for.
type HistoryCall struct {
	Kind model.Kind
	ID   string
	Opts model.HistoryOptions
}

// SyncResult is one scripted Synchronize: its summary, its error, and the
// status it leaves behind (nil: unchanged).
type SyncResult struct {
	Summary string
	Err     error
	After   *model.SyncStatus
}

// ResolveCall is one Resolve the UI asked for.
type ResolveCall struct{ ID, Field, How, Value string }

// HostKeyError has the shape of the store's SSH host key errors: an
// unknown host, or, with Known, one whose key changed.
type HostKeyError struct {
	Host, Fingerprint, Known string
}

func (e *HostKeyError) Error() string {
	if e.Known != "" {
		return "the SSH host key of " + e.Host + " has CHANGED: it presented " + e.Fingerprint + " but " + e.Known + " is on record; refusing to connect"
	}
	return "unknown SSH host " + e.Host + ", key fingerprint " + e.Fingerprint
}

func (e *HostKeyError) HostKey() (string, string, bool) { return e.Host, e.Fingerprint, e.Known != "" }

// PassphraseError is an SSH key whose passphrase a sync needs (or got
// wrong), shaped like gitstore.PassphraseError.
type PassphraseError struct {
	Key   string
	Wrong bool
}

func (e *PassphraseError) Error() string {
	if e.Wrong {
		return "the passphrase for the SSH key " + e.Key + " is wrong"
	}
	return "the SSH key " + e.Key + " needs its passphrase"
}

func (e *PassphraseError) Passphrase() (string, bool) { return e.Key, e.Wrong }

// Northwind is the demo organisation as it stands at the end of its
// history on Today, with that history, the same bytes every run; Raj
// Patel is the user.
func Northwind(t testing.TB) *Store {
	t.Helper()
	cfg, commits := demo.Northwind(Today)
	org, err := demo.Replay(cfg, commits)
	if err != nil {
		t.Fatal(err)
	}
	st := newStore(t, org, "raj@northwind.example", commits)
	m := demo.NorthwindStakeholders(Today)
	st.Map = &m
	return st
}

// Empty is an organisation with nothing in it yet, as accord init leaves
// it; the user's e-mail is Raj's, which it does not know.
func Empty(t testing.TB) *Store {
	t.Helper()
	org := model.NewOrg()
	org.Config.Org = "Newco"
	org.Index()
	return newStore(t, org, "raj@northwind.example", nil)
}

// Synthetic is a generated organisation of about n records, without
// history; the user is its first person with an e-mail.
func Synthetic(t testing.TB, n int) *Store {
	t.Helper()
	org, err := demo.Replay(demo.Synthetic(n, 10, 1, Today))
	if err != nil {
		t.Fatal(err)
	}
	var email string
	for _, p := range org.People {
		if len(p.Emails) > 0 {
			email = p.Emails[0]
			break
		}
	}
	return newStore(t, org, email, nil)
}

// newStore is a store over org. The temp files of the drafts the test
// made through it are removed when the test ends: the TUI keeps them in
// $TMPDIR on purpose, and a test must leave nothing behind there.
func newStore(t testing.TB, org *model.Org, email string, commits []model.Commit) *Store {
	s := &Store{Org: org, HeadCommit: "0123456789abcdef", Name: "Raj Patel", Email: email,
		files: map[string][]byte{}, demoCommits: len(commits)}
	t.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, f := range s.draftFiles {
			os.Remove(f)
		}
	})
	// The demo's authors as gitstore.WriteHistory writes them: the
	// person's name and first e-mail.
	people := map[string]*model.Person{}
	for i, c := range commits {
		for _, r := range c.Put {
			if p, ok := r.(*model.Person); ok {
				people[p.ID] = p
			}
		}
		info := model.CommitInfo{Hash: Hash(i), Author: c.Author, Email: c.Author + "@localhost",
			Date: c.Date, Message: c.Message + "\n"}
		if i > 0 {
			info.Parents = []string{Hash(i - 1)}
		}
		if p := people[c.Author]; p != nil {
			info.Author = p.Name
			if len(p.Emails) > 0 {
				info.Email = p.Emails[0]
			}
		}
		s.log = append(s.log, commit{info: info, put: c.Put, delete: c.Delete})
	}
	return s
}

// Hash is the made-up hash of the demo's i-th commit.
func Hash(i int) string {
	sum := sha1.Sum([]byte("northwind commit " + strconv.Itoa(i)))
	return hex.EncodeToString(sum[:])
}

func (s *Store) Load() (*model.Org, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Org, nil
}

func (s *Store) Head() (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.HeadCommit, nil
}

func (s *Store) Dir() string { return "/data/northwind" }

func (s *Store) User() (string, string, error) { return s.Name, s.Email, nil }

func (s *Store) SyncStatus() model.SyncStatus {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.SyncState
}

func (s *Store) Synchronize(_ context.Context, acceptHostKey string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.SyncCalls = append(s.SyncCalls, acceptHostKey)
	if len(s.Syncs) == 0 {
		if s.SyncState.Remote == "" {
			return "nothing synced", errors.New("no remote: set one with accord remote set URL")
		}
		return "up to date with " + s.SyncState.Remote, nil
	}
	r := s.Syncs[0]
	s.Syncs = s.Syncs[1:]
	if r.After != nil {
		s.SyncState = *r.After
	}
	return r.Summary, r.Err
}

// SetPassphrase records the passphrase given for an SSH key.
func (s *Store) SetPassphrase(keyFile, passphrase string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Passphrases == nil {
		s.Passphrases = map[string]string{}
	}
	s.Passphrases[keyFile] = passphrase
}

func (s *Store) Conflicts() ([]model.Conflict, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.Session), nil
}

// Resolve settles a conflict as the store does: the last one commits the
// merge, which leaves a commit to push and no session.
func (s *Store) Resolve(id, field, how, value string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ResolveCalls = append(s.ResolveCalls, ResolveCall{id, field, how, value})
	if s.ResolveErr != nil {
		return 0, s.ResolveErr
	}
	found := false
	left := 0
	for i := range s.Session {
		c := &s.Session[i]
		if c.ID == id && c.Field == field {
			c.Resolution, c.Value, found = how, value, true
		}
		if !c.Resolved() {
			left++
		}
	}
	if !found {
		return 0, errors.New("no conflict on " + id + " " + field)
	}
	s.SyncState.Conflicts = left
	if left == 0 {
		s.Session = nil
		s.SyncState.Ahead++
	}
	return left, nil
}

// History answers as gitstore does, newest first: a scripted history, or
// the one the store's commits give the record.
func (s *Store) History(k model.Kind, id string, opts model.HistoryOptions) ([]model.HistoryEntry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.HistoryCalls = append(s.HistoryCalls, HistoryCall{k, id, opts})
	if s.HistoryErr != nil {
		return nil, s.HistoryErr
	}
	es, ok := s.Histories[id]
	if !ok {
		es = s.historyOf(id)
	}
	if opts.Limit > 0 && len(es) > opts.Limit {
		es = es[:opts.Limit]
	}
	return slices.Clone(es), nil
}

// Blame answers with a scripted blame, or, for each field of the record as
// it is now, the last commit that changed it.
func (s *Store) Blame(k model.Kind, id string) ([]model.FieldBlame, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.BlameCalls = append(s.BlameCalls, id)
	if s.BlameErr != nil {
		return nil, s.BlameErr
	}
	if fs, ok := s.Blames[id]; ok {
		return slices.Clone(fs), nil
	}
	r, ok := s.Org.Get(id)
	hist := s.historyOf(id)
	if !ok || len(hist) == 0 {
		return nil, errors.New("blame " + id + ": it does not exist at HEAD")
	}
	var out []model.FieldBlame
	for _, fv := range model.Flatten(r) {
		c := hist[len(hist)-1].Commit
		for _, e := range hist {
			if slices.ContainsFunc(e.Changes, func(ch model.Change) bool { return ch.Field == fv.Field }) {
				c = e.Commit
				break
			}
		}
		out = append(out, model.FieldBlame{Field: fv.Field, Value: fv.Value, Commit: c})
	}
	return out, nil
}

func (s *Store) IndexHistory() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.IndexCalls++
	return s.IndexErr
}

// historyOf replays the commits for one record, newest first. Commits
// that left the record as it was are skipped, as git's history does.
func (s *Store) historyOf(id string) []model.HistoryEntry {
	var out []model.HistoryEntry
	var prev model.Record
	existed := false
	for _, c := range s.log {
		for _, r := range c.put {
			if r.RecordID() != id {
				continue
			}
			e := model.HistoryEntry{Commit: c.info, Op: model.HistoryEdited, Old: prev, New: r, Changes: model.Diff(prev, r)}
			switch {
			case prev == nil && existed:
				e.Op = model.HistoryRestored
			case prev == nil:
				e.Op = model.HistoryCreated
			case len(e.Changes) == 0 && c.files[id] == nil:
				continue
			}
			out = append(out, e)
			prev, existed = r, true
		}
		if slices.Contains(c.delete, id) && prev != nil {
			out = append(out, model.HistoryEntry{Commit: c.info, Op: model.HistoryDeleted, Old: prev, Changes: model.Diff(prev, nil)})
			prev = nil
		}
	}
	slices.Reverse(out)
	return out
}

// Data is the store's organisation loaded as the root loads it: validated
// as of Today, with the user found by e-mail.
func (s *Store) Data() *common.Data {
	s.mu.Lock()
	defer s.mu.Unlock()
	return common.NewData(s.Org, Today, s.Name, s.Email)
}

// IDByTitle is the ID of the first record of a kind whose title starts
// with title; the test fails when there is none.
func (s *Store) IDByTitle(t testing.TB, k model.Kind, title string) string {
	t.Helper()
	for _, id := range s.Org.IDs(k) {
		if r, _ := s.Org.Get(id); strings.HasPrefix(r.RecordTitle(), title) {
			return id
		}
	}
	t.Fatalf("no %s titled %q", k, title)
	return ""
}
