package gitstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/accordhq/accord/model"
)

// ErrConflicts: a sync found changes it cannot merge on its own; they wait
// in the merge session for the user to resolve.
var ErrConflicts = errors.New("conflicts await resolution")

// RecordField is the field name a conflict over a whole record uses: one
// side edited it and the other deleted it, or the merged record breaks a
// rule neither side broke.
const RecordField = model.RecordField

// MergeSession is a merge waiting for its conflicts to be resolved, kept in
// .git/accord/merge.json so that it survives restarts (like git's
// MERGE_HEAD). Until every conflict is resolved the branch stays where it
// was, local editing goes on and nothing is pushed; then the merge is made
// again against the branch as it is by then, with the resolutions applied.
type MergeSession struct {
	Base      string           `json:"base"`
	Ours      string           `json:"ours"`
	Theirs    string           `json:"theirs"`
	Conflicts []RecordConflict `json:"conflicts"`
}

// RecordConflict is a conflict in the session.
type RecordConflict = model.Conflict

// Unresolved counts the conflicts still open.
func (m *MergeSession) Unresolved() int {
	n := 0
	for _, c := range m.Conflicts {
		if !c.Resolved() {
			n++
		}
	}
	return n
}

func (s *Store) sessionPath() string { return filepath.Join(s.gitDir, "accord", "merge.json") }

// Session returns the pending merge session, or nil.
func (s *Store) Session() (*MergeSession, error) {
	data, err := os.ReadFile(s.sessionPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m MergeSession
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("merge session %s is damaged (%v); remove it to start over", s.sessionPath(), err)
	}
	return &m, nil
}

func (s *Store) saveSession(m *MergeSession) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return replaceGitFile(s.sessionPath(), data)
}

func (s *Store) dropSession() error {
	err := os.Remove(s.sessionPath())
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
