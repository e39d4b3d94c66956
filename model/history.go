package model

import (
	"strings"
	"time"
)

// Record history, as gitstore reports it and the CLI and TUI show it: the
// commits that changed a record, and who last changed each field.

// CommitInfo is one commit as a record's history shows it.
type CommitInfo struct {
	Hash    string
	Parents []string
	Author  string // the git author's name
	Email   string // the git author's e-mail: Org.PersonByEmail maps it to a person
	Date    time.Time
	Message string
}

// IsMerge reports whether the commit has more than one parent.
func (c CommitInfo) IsMerge() bool { return len(c.Parents) > 1 }

// Subject is the first line of the message.
func (c CommitInfo) Subject() string {
	s, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return s
}

// Short is the hash abbreviated to eight characters.
func (c CommitInfo) Short() string { return ShortHash(c.Hash) }

// HistoryOp says what a commit did to a record.
type HistoryOp string

// What a commit can do to a record.
const (
	HistoryCreated  HistoryOp = "created"
	HistoryEdited   HistoryOp = "edited"
	HistoryDeleted  HistoryOp = "deleted"
	HistoryRestored HistoryOp = "restored" // created again after it had been deleted
)

// HistoryEntry is one commit that changed a record. Old is the record as
// it was in the commit's first parent (nil when it did not exist there),
// New as the commit left it (nil when the commit deleted it); Changes are
// the fields that differ (model.Diff). A merge commit appears only when
// its result differs from every parent (the merge itself changed the
// record); its Changes are against the first parent. When a version could
// not be read, Problem says so and the entry is still listed.
type HistoryEntry struct {
	Commit  CommitInfo
	Op      HistoryOp
	Old     Record
	New     Record
	Changes []Change
	Problem string
}

// HistoryOptions narrows a record's history.
type HistoryOptions struct {
	// Rev is where the history starts: a commit, branch, tag or date
	// YYYY-MM-DD (default HEAD).
	Rev string
	// Limit is the most entries returned, newest first; 0 means all.
	Limit int
}

// FieldBlame is who last changed one field of a record: the commit that
// gave the field its current value.
type FieldBlame struct {
	Field  string // dotted, as Flatten names it: outcome.chosen, options[cap50].title
	Value  string
	Commit CommitInfo
}

// Commit is a commit of whole records for a writer to make: who made it,
// when, what it says, and the records it writes (created or replaced
// whole) and removes. A generated history (model/demo's sample
// organisation and synthetic ones) is a list of them, and
// gitstore.WriteHistory writes one into a new repository.
//
// Records in Put are never shared between commits: a record that changes
// later is written again as a new copy, so a caller may encode each commit's
// records whenever it likes.
type Commit struct {
	Author  string    // a person's ID (handle) present in the org
	Date    time.Time // author date
	Message string    // "<kind>(<ID>): <what>", or "org: …" for the first commit
	Put     []Record
	Delete  []string // IDs removed (rarely used)
}
