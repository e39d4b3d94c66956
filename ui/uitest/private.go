package uitest

import (
	"errors"
	"maps"

	"github.com/accordhq/accord/model"
)

// What the store keeps in the clone only, outside the shared records: the
// inbox's "since I last looked" marks and the private stakeholder map.

// ErrLocked is the fake's answer to an encrypted map opened without its
// passphrase, as gitstore's ErrPrivateLocked.
var ErrLocked = errors.New("the stakeholder map is encrypted: give its passphrase or age identity")

func (s *Store) InboxSeen(reader string) (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.Seen[reader]), nil
}

func (s *Store) SetInboxSeen(reader string, seen map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Seen == nil {
		s.Seen = map[string]map[string]string{}
	}
	s.Seen[reader] = maps.Clone(seen)
	s.SeenCalls++
	return nil
}

func (s *Store) StakeholdersEncrypted() (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.Passphrase != "", nil
}

// OpenStakeholders returns a copy of Map: an empty map when there is none,
// ErrLocked when Passphrase is set and not given, or wrong.
func (s *Store) OpenStakeholders(passphrase string) (*model.StakeholderMap, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Passphrase != "" && passphrase != s.Passphrase {
		if passphrase == "" {
			return nil, ErrLocked
		}
		return nil, errors.New("no identity matched any of the recipients")
	}
	return cloneMap(s.Map), nil
}

// WriteStakeholders replaces Map, refusing a wrong passphrase for an
// encrypted one as gitstore does.
func (s *Store) WriteStakeholders(m *model.StakeholderMap, passphrase string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Passphrase != "" && passphrase != s.Passphrase {
		return ErrLocked
	}
	s.Map = cloneMap(m)
	s.MapWrites++
	return nil
}

func cloneMap(m *model.StakeholderMap) *model.StakeholderMap {
	out := &model.StakeholderMap{}
	if m == nil {
		return out
	}
	for _, st := range m.Stakeholders {
		st.Decisions = maps.Clone(st.Decisions)
		st.Teams = append([]string(nil), st.Teams...)
		out.Stakeholders = append(out.Stakeholders, st)
	}
	return out
}
