package gitstore

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/accordhq/accord/model"
)

// Tx is one read-modify-write of records, committed as one commit. Reads
// inside a transaction see the files as they are under the write lock, so
// an edit never overwrites another writer's change to a field it did not
// touch.
type Tx struct {
	s       *Store
	files   []File
	deletes []string
	changes []RecordChange
	current map[string][]byte // path → bytes as read, nil when absent
}

// RecordChange is one record a transaction wrote or removed: Old is nil for
// a created record, New is nil for a removed one.
type RecordChange struct {
	Kind model.Kind
	ID   string
	Old  model.Record
	New  model.Record
}

// Result is what a transaction committed.
type Result struct {
	Commit  string // "" when nothing changed
	Message string
	Changes []RecordChange
}

// Transact runs fn under the write lock and commits what it put and
// deleted as one commit with the given message, or, when message is "", a
// message made from the changes (model.CommitMessage). A transaction that
// changes nothing commits nothing.
func (s *Store) Transact(message string, fn func(tx *Tx) error) (Result, error) {
	author, err := s.Identity()
	if err != nil {
		return Result{}, err
	}
	var res Result
	// A branch moved by plain git between reading and committing (a person
	// committing in the same clone) refuses the commit and puts the files
	// back; the transaction then runs again on the new head, a few times.
	for try := 0; ; try++ {
		res, err = s.transactOnce(message, author, fn)
		if !errors.Is(err, ErrConflict) || try >= 3 {
			return res, err
		}
	}
}

func (s *Store) transactOnce(message string, author Signature, fn func(tx *Tx) error) (Result, error) {
	var res Result
	err := s.locked(func() error {
		tx := &Tx{s: s, current: map[string][]byte{}}
		if err := fn(tx); err != nil {
			return err
		}
		res.Changes = tx.changes
		if len(tx.files) == 0 && len(tx.deletes) == 0 {
			return nil
		}
		res.Message = message
		if res.Message == "" {
			res.Message = changesMessage(tx.changes)
		}
		before, keyed := s.neighbourKey()
		var err error
		res.Commit, err = s.commitLocked(Change{Put: tx.files, Delete: tx.deletes, Message: res.Message}, author)
		if err == nil && keyed {
			// Still under the lock: no other Accord writer has moved HEAD.
			if after, ok := s.neighbourKey(); ok && after.head == res.Commit {
				s.updateNeighbours(before, after, tx.changes)
			}
		}
		return err
	})
	return res, err
}

func changesMessage(cs []RecordChange) string {
	if len(cs) == 1 {
		return model.CommitMessage(cs[0].Old, cs[0].New)
	}
	msg := fmt.Sprintf("%d records changed", len(cs))
	body := ""
	for _, c := range cs {
		body += "\n" + model.CommitMessage(c.Old, c.New)
	}
	return msg + "\n" + body
}

// read returns a record file's bytes as they are now, nil if absent.
func (tx *Tx) read(p string) ([]byte, error) {
	if data, ok := tx.current[p]; ok {
		return data, nil
	}
	data, err := readRecordFile(tx.s.root, p)
	if err != nil {
		var de *DecodeError
		if errors.As(err, &de) && de.Rule == "file.unreadable" {
			if _, statErr := tx.s.root.Lstat(p); errors.Is(statErr, fs.ErrNotExist) {
				tx.current[p] = nil
				return nil, nil
			}
		}
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	tx.current[p] = data
	return data, nil
}

// Get reads and decodes a record as it is on disk now. It returns
// ErrNotFound for a record with no file, and ErrUnreadable for a file that
// cannot be decoded.
func (tx *Tx) Get(k model.Kind, id string) (model.Record, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	data, err := tx.read(p)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("%s %s: %w", k, id, ErrNotFound)
	}
	rec, err := decodeRecord(k, p, data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return rec, nil
}

// Put writes a record: a new file in canonical form, or the existing file
// with only the changed fields rewritten, keeping comments and key order.
// A record whose file could not be read is never overwritten.
func (tx *Tx) Put(rec model.Record) error {
	k, id := rec.RecordKind(), rec.RecordID()
	p, err := model.PathOf(k, id)
	if err != nil {
		return err
	}
	old, err := tx.read(p)
	if err != nil {
		return err
	}
	var data []byte
	var prev model.Record
	if old == nil {
		rec = model.Migrated(rec)
		data, err = Encode(rec)
	} else {
		if prev, err = decodeRecord(k, p, old); err != nil {
			return fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		if len(model.Diff(prev, rec)) == 0 {
			return nil
		}
		// An edit is when a file moves to the current schema (asks'
		// from: becomes to:).
		rec = model.Migrated(rec)
		data, err = EncodeOver(old, rec)
	}
	if err != nil {
		return fmt.Errorf("encode %s: %w", id, err)
	}
	tx.current[p] = data
	tx.files = append(tx.files, File{Path: p, Data: data})
	tx.changes = append(tx.changes, RecordChange{Kind: k, ID: id, Old: prev, New: rec})
	return nil
}

// Create writes a new record and fails if a record with its ID exists.
func (tx *Tx) Create(rec model.Record) error {
	p, err := model.PathOf(rec.RecordKind(), rec.RecordID())
	if err != nil {
		return err
	}
	if old, err := tx.read(p); err != nil {
		return err
	} else if old != nil {
		return fmt.Errorf("%s already exists", rec.RecordID())
	}
	return tx.Put(rec)
}

// Delete removes a record's file.
func (tx *Tx) Delete(k model.Kind, id string) error {
	prev, err := tx.Get(k, id)
	if err != nil {
		return err
	}
	p, _ := model.PathOf(k, id)
	tx.current[p] = nil
	tx.deletes = append(tx.deletes, p)
	tx.changes = append(tx.changes, RecordChange{Kind: k, ID: id, Old: prev})
	return nil
}

// Update reads one record, lets edit change it, and commits the result
// with a message made from the fields that changed.
func (s *Store) Update(k model.Kind, id string, edit func(model.Record) error) (Result, error) {
	return s.Transact("", func(tx *Tx) error {
		rec, err := tx.Get(k, id)
		if err != nil {
			return err
		}
		if err := edit(rec); err != nil {
			return err
		}
		return tx.Put(rec)
	})
}

// Create commits one new record.
func (s *Store) Create(rec model.Record) (Result, error) {
	return s.Transact("", func(tx *Tx) error { return tx.Create(rec) })
}
