package gitstore

import (
	"errors"
	"fmt"
)

// Sentinel errors callers can test with errors.Is.
var (
	// ErrNotRepository: the folder is not inside an Accord data repository.
	ErrNotRepository = errors.New("not an Accord data repository")
	// ErrNoIdentity: git has no user.name or user.email for this repository.
	ErrNoIdentity = errors.New("no git identity")
	// ErrLocked: another process holds the write lock for too long.
	ErrLocked = errors.New("repository is locked by another writer")
	// ErrNotFound: no record or revision by that name.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the branch moved while a commit was being made.
	ErrConflict = errors.New("branch moved during commit")
	// ErrUnreadable: the record's file exists but could not be read; Accord
	// never rewrites or deletes such a file.
	ErrUnreadable = errors.New("record file could not be read")
	// ErrStale: a save or an undo was refused, writing nothing, because
	// what it would replace changed since the person started from it.
	ErrStale = errors.New("changed by someone else meanwhile")
)

// LockedError says who holds the lock.
type LockedError struct {
	Holder string // "pid 4242 (accord set) since 10:42:07", or "" if unknown
	Path   string
}

func (e *LockedError) Error() string {
	who := e.Holder
	if who == "" {
		who = "another process"
	}
	return fmt.Sprintf("%s holds the write lock %s; try again when it finishes", who, e.Path)
}

func (e *LockedError) Unwrap() error { return ErrLocked }
