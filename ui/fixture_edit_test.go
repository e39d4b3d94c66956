package ui

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"

	"github.com/accordhq/accord/model"
	"go.yaml.in/yaml/v4"
)

// fixtureCommit is one commit the fixture's editing side made: the edits
// as applied, so that Revert can play them backwards.
type fixtureCommit struct {
	hash    string
	message string
	edits   []model.Edit
}

// Save applies edits to a copy of the organisation, as a commit would, or
// fails with saveErr (a held lock, a full disk) leaving everything as it
// was. Loads after it see the new organisation and a new head.
func (f *fixtureStore) Save(message string, edits []model.Edit) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.saveCalls = append(f.saveCalls, fixtureCommit{message: message, edits: edits})
	if f.saveErr != nil {
		return "", f.saveErr
	}
	return f.commitLocked(message, edits)
}

func (f *fixtureStore) commitLocked(message string, edits []model.Edit) (string, error) {
	org := cloneOrg(f.org)
	var applied []model.Edit
	for _, e := range edits {
		id := ""
		if e.New != nil {
			id = e.New.RecordID()
		} else if e.Old != nil {
			id = e.Old.RecordID()
		}
		cur, exists := org.Get(id)
		switch {
		case e.Old == nil && exists:
			return "", fmt.Errorf("%s already exists", id)
		case e.Old != nil && !exists:
			return "", fmt.Errorf("%s: not found", id)
		}
		if e.New == nil {
			org.Remove(id)
		} else {
			if exists && len(model.Diff(cur, e.New)) == 0 {
				continue
			}
			p, _ := model.PathOf(e.New.RecordKind(), id)
			org.Add(e.New, &model.Source{Path: p})
		}
		if !exists {
			cur = nil
		}
		applied = append(applied, model.Edit{Old: cur, New: e.New})
	}
	if len(applied) == 0 {
		return "", nil
	}
	org.Index()
	f.org = org
	hash := fmt.Sprintf("%040x", len(f.saved)+1)
	f.head = hash
	f.saved = append(f.saved, fixtureCommit{hash: hash, message: message, edits: applied})
	return hash, nil
}

// RecordFile is the record in canonical YAML.
func (f *fixtureStore) RecordFile(k model.Kind, id string) (string, []byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	r, ok := f.org.Get(id)
	if !ok {
		return "", nil, errors.New(id + ": not found")
	}
	p, _ := model.PathOf(k, id)
	data, err := yaml.Marshal(r)
	return p, data, err
}

// ParseRecordFile decodes strictly; its errors carry yaml's line numbers.
func (f *fixtureStore) ParseRecordFile(k model.Kind, id string, data []byte) (model.Record, error) {
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

func (f *fixtureStore) SaveRecordFile(k model.Kind, id string, data, was []byte, message string) (string, error) {
	r, err := f.ParseRecordFile(k, id, data)
	if err != nil {
		return "", err
	}
	_, now, err := f.RecordFile(k, id)
	if err != nil {
		return "", err
	}
	if !bytes.Equal(now, was) {
		return "", errors.New(id + " changed since you opened it")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saveErr != nil {
		return "", f.saveErr
	}
	old, _ := f.org.Get(id)
	f.rawSaves = append(f.rawSaves, string(data))
	return f.commitLocked(message, []model.Edit{{Old: old, New: r}})
}

// Revert plays a commit this fixture made backwards.
func (f *fixtureStore) Revert(commit string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saveErr != nil {
		return "", f.saveErr
	}
	for _, c := range f.saved {
		if c.hash != commit {
			continue
		}
		var back []model.Edit
		for _, e := range c.edits {
			back = append(back, model.Edit{Old: e.New, New: e.Old})
		}
		return f.commitLocked("undo "+strconv.Quote(c.message), back)
	}
	return "", errors.New("no commit " + commit)
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
