package gitstore

import (
	"encoding/json"
	"errors"

	"io/fs"
	"os"
	"path/filepath"
)

// What each reader of this clone last saw of the decisions they are
// informed of, so their inbox can say what changed since. It is this
// clone's, like git's own state: kept in .git/accord, never committed or
// pushed.
const seenName = "accord/inbox-seen.json"

// InboxSeen returns, for reader (a person's handle, or "team:" and a
// team's), the status each decision had when they last looked; empty when
// they never have.
func (s *Store) InboxSeen(reader string) (map[string]string, error) {
	all, err := s.readSeen()
	if err != nil {
		return nil, err
	}
	return all[reader], nil
}

// SetInboxSeen records what reader has now seen.
func (s *Store) SetInboxSeen(reader string, seen map[string]string) error {
	all, err := s.readSeen()
	if err != nil {
		return err
	}
	all[reader] = seen
	data, err := json.MarshalIndent(all, "", "  ")
	if err != nil {
		return err
	}
	return replaceGitFile(filepath.Join(s.gitDir, seenName), data)
}

func (s *Store) readSeen() (map[string]map[string]string, error) {
	all := map[string]map[string]string{}
	data, err := os.ReadFile(filepath.Join(s.gitDir, seenName))
	if errors.Is(err, fs.ErrNotExist) {
		return all, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &all); err != nil {
		// A damaged file only loses "since you last looked": start afresh.
		return map[string]map[string]string{}, nil
	}
	return all, nil
}
