package ui

import (
	"context"

	"github.com/accordhq/accord/model"
)

// Store is what the TUI needs from the data repository. It is declared here,
// where it is consumed; gitstore.Store implements it (checked in main).
type Store interface {
	// Load reads every record; unreadable files are findings in Org.Problems.
	Load() (*model.Org, error)
	// Head is the current commit, polled to notice other writers.
	Head() (string, error)
	// Dir is the repository's folder, for the header.
	Dir() string
	// User is the git identity, mapped to a person by e-mail.
	User() (name, email string, err error)

	// SyncStatus is where the clone stands against its remote as of the
	// last fetch (no network): for the status line.
	SyncStatus() model.SyncStatus
	// Synchronize syncs with the remote and says what happened in a line.
	// acceptHostKey is an unknown SSH host's fingerprint the user accepted.
	// An error with a HostKey() (host, fingerprint string, changed bool)
	// method is an SSH host to ask the user about.
	Synchronize(ctx context.Context, acceptHostKey string) (string, error)
	// Conflicts lists the conflicts a sync left; Resolve settles one with
	// "ours", "theirs" or "value", and returns how many are left.
	Conflicts() ([]model.Conflict, error)
	Resolve(id, field, how, value string) (int, error)

	// History lists the commits that changed a record, newest first
	// (opts.Limit 1: the last one). Blame is, for each field of the record
	// at HEAD, the commit that gave it its value. Both may wait for the
	// history index, which IndexHistory builds or brings up to date: the
	// first build in a large clone takes seconds and holds the store.
	History(k model.Kind, id string, opts model.HistoryOptions) ([]model.HistoryEntry, error)
	Blame(k model.Kind, id string) ([]model.FieldBlame, error)
	IndexHistory() error

	// Save commits edits as one commit by the git identity, with message
	// (made from the changes when ""). Each file is read again under the
	// write lock: New is written over it keeping comments and key order,
	// and a field another writer changed since Old is kept, not
	// overwritten (a field both changed is an error naming it). It
	// returns the commit, "" when nothing changed. A held lock, a full
	// disk or a git failure is an error; nothing is half-written.
	Save(message string, edits []model.Edit) (string, error)
	// RecordFile is a record's file as it is now: its repository path and
	// bytes, for editing in $EDITOR.
	RecordFile(k model.Kind, id string) (path string, data []byte, err error)
	// ParseRecordFile decodes edited file contents with the same checks as
	// Load; an error names the line.
	ParseRecordFile(k model.Kind, id string, data []byte) (model.Record, error)
	// SaveRecordFile commits data as the record's file, byte for byte,
	// provided the file still holds was (it fails, writing nothing, when
	// another writer changed it meanwhile).
	SaveRecordFile(k model.Kind, id string, data, was []byte, message string) (string, error)
	// Revert commits the reverse of an earlier commit: every file it
	// changed goes back to what it held before. It refuses, writing
	// nothing, when one of those files changed since.
	Revert(commit string) (string, error)

	// RecordDraft lists the temp file of an edit in $EDITOR until
	// ForgetDraft takes it off (it was saved or discarded); Drafts lists
	// those whose text is still there, so that a new session offers what
	// an earlier one left unsaved. The list is the clone's.
	RecordDraft(d model.Draft) error
	ForgetDraft(file string) error
	Drafts() ([]model.Draft, error)

	// InboxSeen is, for a reader (a person's handle), the status each
	// decision they are informed of had when they last looked; SetInboxSeen
	// records what they see now. The mark is the clone's (.git/accord),
	// shared with accord inbox, never committed.
	InboxSeen(reader string) (map[string]string, error)
	SetInboxSeen(reader string, seen map[string]string) error

	// The private stakeholder map (the Teams tab): see teams.Store.
	StakeholdersEncrypted() (bool, error)
	OpenStakeholders(passphrase string) (*model.StakeholderMap, error)
	WriteStakeholders(m *model.StakeholderMap, passphrase string) error
}
