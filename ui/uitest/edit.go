package uitest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"go.yaml.in/yaml/v4"
)

// The editing side of Store, with gitstore's rules: a save refuses, writing
// nothing, to create a record that exists, to delete or change one a field
// of which another writer changed too; it merges their other changes in. A
// file saved byte for byte is returned byte for byte; undo puts back what a
// commit replaced, and refuses when that changed since.

// Save applies edits as one commit, or fails with SaveErr (a held lock, a
// full disk) or a refusal, leaving everything as it was. Loads after it
// see the new organisation and a new head.
func (s *Store) Save(message string, edits []model.Edit) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.SaveCalls = append(s.SaveCalls, Commit{Message: message, Edits: edits})
	if s.SaveErr != nil {
		return "", s.SaveErr
	}
	org := cloneOrg(s.Org)
	var applied []model.Edit
	for _, e := range edits {
		a, err := apply(org, e)
		if err != nil {
			return "", err
		}
		if a.Old != nil || a.New != nil {
			applied = append(applied, a)
		}
	}
	if len(applied) == 0 {
		return "", nil
	}
	made := message
	if made == "" {
		made = changesMessage(applied)
	}
	hash := s.commitLocked(org, made, applied, nil)
	s.Saved = append(s.Saved, Commit{Hash: hash, Message: message, Edits: applied})
	return hash, nil
}

// apply carries out one edit on org: the edit as applied (zero when it
// changes nothing), or why it is refused.
func apply(org *model.Org, e model.Edit) (model.Edit, error) {
	var id string
	switch {
	case e.New != nil:
		id = e.New.RecordID()
	case e.Old != nil:
		id = e.Old.RecordID()
	default:
		return model.Edit{}, errors.New("save: an edit with neither an old nor a new record")
	}
	cur, exists := org.Get(id)
	switch {
	case e.Old == nil && exists:
		return model.Edit{}, fmt.Errorf("%s already exists: someone else created it; reload and try again", id)
	case e.Old == nil:
		put(org, e.New)
		return model.Edit{New: e.New}, nil
	case !exists:
		return model.Edit{}, fmt.Errorf("%s was deleted by someone else since you opened it; reload and try again", id)
	}
	changed := len(model.Diff(cur, e.Old)) > 0
	if e.New == nil {
		if changed {
			return model.Edit{}, fmt.Errorf("%s was changed by someone else since you opened it; reload before deleting it", id)
		}
		org.Remove(id)
		return model.Edit{Old: cur}, nil
	}
	next := e.New
	if changed {
		merged, conflicts := model.Merge(e.Old, e.New, cur)
		if len(conflicts) > 0 {
			var fields []string
			for _, c := range conflicts {
				fields = append(fields, c.Field)
			}
			return model.Edit{}, fmt.Errorf("%s: %s was changed by someone else since you opened it; reload and try again",
				id, strings.Join(fields, ", "))
		}
		next = merged
	}
	if len(model.Diff(cur, next)) == 0 {
		return model.Edit{}, nil
	}
	put(org, next)
	return model.Edit{Old: cur, New: next}, nil
}

func put(org *model.Org, r model.Record) {
	p, _ := model.PathOf(r.RecordKind(), r.RecordID())
	org.Add(r, &model.Source{Path: p})
}

// changesMessage is the message gitstore makes from the changes.
func changesMessage(edits []model.Edit) string {
	if len(edits) == 1 {
		return model.CommitMessage(edits[0].Old, edits[0].New)
	}
	msg := fmt.Sprintf("%d records changed\n", len(edits))
	for _, e := range edits {
		msg += "\n" + model.CommitMessage(e.Old, e.New)
	}
	return msg
}

// commitLocked makes org the store's organisation with a commit by the
// user, today, that applied edits; files are the record files it writes
// byte for byte (the others are written in the canonical form).
func (s *Store) commitLocked(org *model.Org, message string, edits []model.Edit, files map[string][]byte) string {
	org.Index()
	s.sessions++
	hash := fmt.Sprintf("%040x", s.sessions)
	c := commit{info: model.CommitInfo{Hash: hash, Author: s.Name, Email: s.Email, Date: Today, Message: message + "\n"},
		files: files, before: map[string][]byte{}, edits: edits}
	if n := len(s.log); n > 0 {
		c.info.Parents = []string{s.log[n-1].info.Hash}
	}
	for _, e := range edits {
		id := recordID(e)
		c.before[id] = s.files[id]
		if e.New == nil {
			c.delete = append(c.delete, id)
			delete(s.files, id)
			continue
		}
		c.put = append(c.put, e.New)
		if data, ok := files[id]; ok {
			s.files[id] = data
		} else {
			delete(s.files, id)
		}
	}
	s.log = append(s.log, c)
	s.Org, s.HeadCommit = org, hash
	return hash
}

func recordID(e model.Edit) string {
	if e.New != nil {
		return e.New.RecordID()
	}
	return e.Old.RecordID()
}

// RecordFile is the record's file: the bytes last saved with
// SaveRecordFile, else the record in canonical YAML.
func (s *Store) RecordFile(k model.Kind, id string) (string, []byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, _ := model.PathOf(k, id)
	data, err := s.fileLocked(id)
	return p, data, err
}

func (s *Store) fileLocked(id string) ([]byte, error) {
	r, ok := s.Org.Get(id)
	if !ok {
		return nil, errors.New(id + " has no file: not found")
	}
	if data, ok := s.files[id]; ok {
		return data, nil
	}
	return yaml.Marshal(r)
}

// ParseRecordFile decodes strictly; its errors carry yaml's line numbers.
func (s *Store) ParseRecordFile(k model.Kind, id string, data []byte) (model.Record, error) {
	r := model.NewRecord(k)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(r); err != nil {
		return nil, err
	}
	if r.RecordID() != id {
		return nil, fmt.Errorf("line 1: id is %q, want %s: an ID never changes", r.RecordID(), id)
	}
	return r, nil
}

// SaveRecordFile commits data as the record's file, byte for byte, if the
// file still holds was; "" when it holds data already.
func (s *Store) SaveRecordFile(k model.Kind, id string, data, was []byte, message string) (string, error) {
	r, err := s.ParseRecordFile(k, id, data)
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now, err := s.fileLocked(id)
	switch {
	case err != nil && len(was) > 0:
		return "", fmt.Errorf("%s was deleted by someone else since you opened it; your text was not saved", id)
	case err == nil && !bytes.Equal(now, was):
		return "", fmt.Errorf("%s changed on disk since you opened it; your text was not saved: reload and edit it again", id)
	case err == nil && bytes.Equal(now, data):
		return "", nil
	}
	if s.SaveErr != nil {
		return "", s.SaveErr
	}
	old, _ := s.Org.Get(id)
	made := message
	switch {
	case made != "":
	case old != nil && len(model.Diff(old, r)) == 0:
		made = fmt.Sprintf("%s(%s): edit comments and layout", k, id)
	default:
		made = model.CommitMessage(old, r)
	}
	org := cloneOrg(s.Org)
	put(org, r)
	edits := []model.Edit{{Old: old, New: r}}
	hash := s.commitLocked(org, made, edits, map[string][]byte{id: data})
	s.RawSaves = append(s.RawSaves, string(data))
	s.Saved = append(s.Saved, Commit{Hash: hash, Message: message, Edits: edits})
	return hash, nil
}

// Revert undoes a commit of this session with a new one that puts back
// what it replaced, refusing, writing nothing, when a record it changed
// has changed since.
func (s *Store) Revert(hash string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.SaveErr != nil {
		return "", s.SaveErr
	}
	i := len(s.log) - 1
	for ; i >= s.demoCommits && s.log[i].info.Hash != hash; i-- {
	}
	if i < s.demoCommits {
		return "", errors.New("no commit " + hash + " made in this session")
	}
	c := s.log[i]
	org := cloneOrg(s.Org)
	back := make([]model.Edit, 0, len(c.edits))
	files := map[string][]byte{}
	for _, e := range c.edits {
		id := recordID(e)
		cur, exists := org.Get(id)
		_, raw := c.files[id]
		switch {
		case e.New == nil && exists,
			e.New != nil && (!exists || len(model.Diff(cur, e.New)) > 0 || raw && !bytes.Equal(s.files[id], c.files[id])):
			return "", fmt.Errorf("cannot undo %s: %s changed since; nothing was changed", hash[:7], id)
		}
		if e.Old == nil {
			org.Remove(id)
		} else {
			put(org, e.Old)
		}
		if data := c.before[id]; data != nil {
			files[id] = data
		}
		back = append(back, model.Edit{Old: e.New, New: e.Old})
	}
	subject, _, _ := strings.Cut(strings.TrimSpace(c.info.Message), "\n")
	msg := model.RevertMessage(subject, hash)
	made := s.commitLocked(org, msg, back, files)
	s.Saved = append(s.Saved, Commit{Hash: made, Message: msg, Edits: back})
	return made, nil
}

// cloneOrg copies the organisation's maps so that a save never changes
// what a screen already holds.
func cloneOrg(o *model.Org) *model.Org {
	c := model.NewOrg()
	c.Config, c.Problems = o.Config, o.Problems
	for _, k := range model.Kinds {
		for _, id := range o.IDs(k) {
			r, _ := o.Get(id)
			c.Add(r, o.Sources[id])
		}
	}
	return c
}

// RecordDraft lists a draft, in place of one with the same file.
func (s *Store) RecordDraft(d model.Draft) error {
	if err := model.CheckDraftName(d.Kind, d.ID, d.File); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.DraftList = slices.DeleteFunc(s.DraftList, func(x model.Draft) bool { return x.File == d.File })
	s.DraftList = append(s.DraftList, d)
	s.draftFiles = append(s.draftFiles, d.File)
	return nil
}

// ForgetDraft takes a draft's file off the list.
func (s *Store) ForgetDraft(file string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.DraftList = slices.DeleteFunc(s.DraftList, func(x model.Draft) bool { return x.File == file })
	return nil
}

// Drafts lists the drafts whose file is still a regular file, dropping
// the others from the list, as gitstore does.
func (s *Store) Drafts() ([]model.Draft, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.DraftList = slices.DeleteFunc(s.DraftList, func(d model.Draft) bool {
		info, err := os.Lstat(d.File)
		return err != nil || !info.Mode().IsRegular()
	})
	return slices.Clone(s.DraftList), nil
}
