package gitstore

import (
	"os"

	"github.com/accordhq/accord/model"
)

// The stakeholder map for a caller that holds no Secret of its own (the
// TUI): the secret is a passphrase typed by the user, or else the one this
// machine is set up with, the same as accord stakeholders reads.

// ConfiguredSecret is the secret the environment or git config names:
// ACCORD_PASSPHRASE, the age identity file ACCORD_AGE_IDENTITY, or git
// config accord.ageIdentity, in that order; empty when none is.
func (s *Store) ConfiguredSecret() Secret {
	if p := os.Getenv("ACCORD_PASSPHRASE"); p != "" {
		return Secret{Passphrase: p}
	}
	if f := os.Getenv("ACCORD_AGE_IDENTITY"); f != "" {
		return Secret{IdentityFile: f}
	}
	if f := s.ConfigValue("accord", "ageIdentity"); f != "" {
		return Secret{IdentityFile: f}
	}
	return Secret{}
}

// secretFor is passphrase when one is given, else the configured secret.
func (s *Store) secretFor(passphrase string) Secret {
	if passphrase != "" {
		return Secret{Passphrase: passphrase}
	}
	return s.ConfiguredSecret()
}

// OpenStakeholders reads the stakeholder map with passphrase, or, when it
// is "", with the configured secret (ConfiguredSecret). An encrypted map
// that neither opens is ErrPrivateLocked or age's error.
func (s *Store) OpenStakeholders(passphrase string) (*model.StakeholderMap, error) {
	return s.LoadStakeholders(s.secretFor(passphrase))
}

// WriteStakeholders saves the map, encrypted when it was, with passphrase
// or the configured secret; a plain map stays plain.
func (s *Store) WriteStakeholders(m *model.StakeholderMap, passphrase string) error {
	encrypted, err := s.StakeholdersEncrypted()
	if err != nil {
		return err
	}
	var k Secret
	if encrypted {
		k = s.secretFor(passphrase)
	}
	return s.SaveStakeholders(m, k)
}
