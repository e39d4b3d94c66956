package gitstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/accordhq/accord/model"
)

// The $EDITOR drafts of this clone: the TUI keeps a record's text in a
// temp file until it is saved or discarded, and lists the file here
// (.git/accord/drafts.json), so that a later session can offer text an
// earlier one left unsaved. Like git's own state it is this clone's,
// never committed or pushed.

const draftsName = "accord/drafts.json"

// maxDrafts bounds the list: the oldest go first.
const maxDrafts = 32

// maxDraftsFile bounds the list's file as read.
const maxDraftsFile = maxDrafts * (2*MaxFileSize + 4096)

func (s *Store) draftsPath() string { return filepath.Join(s.gitDir, draftsName) }

// RecordDraft lists a draft, in place of one with the same file.
func (s *Store) RecordDraft(d model.Draft) error {
	if err := model.CheckDraftName(d.Kind, d.ID, d.File); err != nil {
		return err
	}
	if len(d.Was) > MaxFileSize {
		return fmt.Errorf("draft of %s: the record's file is larger than %d bytes", d.ID, MaxFileSize)
	}
	return s.locked(func() error {
		ds, err := s.readDrafts()
		if err != nil {
			return err
		}
		ds = slices.DeleteFunc(ds, func(x model.Draft) bool { return x.File == d.File })
		ds = append(ds, d)
		if len(ds) > maxDrafts {
			ds = ds[len(ds)-maxDrafts:]
		}
		return s.writeDrafts(ds)
	})
}

// ForgetDraft takes a draft's file off the list (it was saved or
// discarded).
func (s *Store) ForgetDraft(file string) error {
	return s.locked(func() error {
		ds, err := s.readDrafts()
		if err != nil {
			return err
		}
		n := len(ds)
		ds = slices.DeleteFunc(ds, func(x model.Draft) bool { return x.File == file })
		if len(ds) == n {
			return nil
		}
		return s.writeDrafts(ds)
	})
}

// Drafts lists the drafts whose text is still there, oldest first. An
// entry whose file is gone (removed, or a temp folder emptied at boot) is
// dropped from the list; one whose file is not what Accord wrote (not a
// regular file of the user's own, readable only by them, named after the
// record, at most MaxFileSize) is dropped and never read.
func (s *Store) Drafts() ([]model.Draft, error) {
	var out []model.Draft
	err := s.locked(func() error {
		ds, err := s.readDrafts()
		if err != nil {
			return err
		}
		out = slices.DeleteFunc(ds, func(d model.Draft) bool { return checkDraftFile(d) != nil })
		if len(out) == len(ds) {
			return nil
		}
		return s.writeDrafts(out)
	})
	return out, err
}

// checkDraftFile reports why a draft's file cannot be offered, or nil.
func checkDraftFile(d model.Draft) error {
	if err := model.CheckDraftName(d.Kind, d.ID, d.File); err != nil {
		return err
	}
	info, err := os.Lstat(d.File)
	switch {
	case err != nil:
		return err
	case !info.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file", d.File)
	case info.Size() > MaxFileSize:
		return fmt.Errorf("%s is larger than %d bytes", d.File, MaxFileSize)
	}
	return checkPrivate(d.File, info)
}

func (s *Store) readDrafts() ([]model.Draft, error) {
	f, err := os.Open(s.draftsPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var ds []model.Draft
	dec := json.NewDecoder(&limitedReader{f, maxDraftsFile})
	if err := dec.Decode(&ds); err != nil {
		// A damaged list only loses the offer of old drafts (their files
		// stay where they are): start afresh.
		return nil, nil
	}
	return ds, nil
}

func (s *Store) writeDrafts(ds []model.Draft) error {
	if len(ds) == 0 {
		err := os.Remove(s.draftsPath())
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	data, err := json.Marshal(ds)
	if err != nil {
		return err
	}
	return replaceGitFile(s.draftsPath(), data)
}

// limitedReader reads at most n bytes, then fails (io.LimitReader would
// end quietly, and a cut list would decode as damaged anyway).
type limitedReader struct {
	r *os.File
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("drafts list too large")
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}
