package gitstore

import (
	"errors"
	"testing"

	"github.com/accordhq/accord/model"
)

// The TUI opens an encrypted stakeholder map with a typed passphrase or
// the configured secret, and saves it encrypted again; a wrong or missing
// secret opens nothing and overwrites nothing.
func TestOpenStakeholdersWithAPassphrase(t *testing.T) {
	t.Setenv("ACCORD_PASSPHRASE", "")
	t.Setenv("ACCORD_AGE_IDENTITY", "")
	s := newRepo(t)
	m := &model.StakeholderMap{Stakeholders: []model.Stakeholder{{Who: "mei", Power: 5, Interest: 4, Notes: "private"}}}
	if err := s.SaveStakeholders(m, Secret{Passphrase: "correct horse"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.OpenStakeholders(""); !errors.Is(err, ErrPrivateLocked) {
		t.Fatalf("opened without a secret: %v, want ErrPrivateLocked", err)
	}
	if _, err := s.OpenStakeholders("wrong"); err == nil {
		t.Fatal("a wrong passphrase opened the map")
	}
	got, err := s.OpenStakeholders("correct horse")
	if err != nil || len(got.Stakeholders) != 1 || got.Stakeholders[0].Notes != "private" {
		t.Fatalf("the right passphrase read %+v, %v", got, err)
	}
	got.Stakeholders[0].Notes = "changed"
	if err := s.WriteStakeholders(got, "wrong"); err == nil {
		t.Fatal("a wrong passphrase saved over the map")
	}
	if err := s.WriteStakeholders(got, "correct horse"); err != nil {
		t.Fatal(err)
	}
	if enc, _ := s.StakeholdersEncrypted(); !enc {
		t.Fatal("saving from the TUI left the map unencrypted")
	}
	t.Setenv("ACCORD_PASSPHRASE", "correct horse")
	if got, err := s.OpenStakeholders(""); err != nil || got.Stakeholders[0].Notes != "changed" {
		t.Fatalf("ACCORD_PASSPHRASE read %+v, %v", got, err)
	}
}
