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
}
