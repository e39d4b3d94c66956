package gitstore

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/accordhq/accord/model"
)

func TestStakeholderMapStaysPrivateAndCanBeEncrypted(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	m := &model.StakeholderMap{Stakeholders: []model.Stakeholder{{Who: "mei", Power: 5, Interest: 4, Notes: "private-marker-7Q"}}}
	if err := s.SaveStakeholders(m, Secret{}); err != nil {
		t.Fatal(err)
	}
	dir, _ := s.PrivateDir()
	if !strings.HasPrefix(dir, filepath.Join(s.Dir(), ".git")+string(filepath.Separator)) {
		t.Errorf("private notes live in %s, not under .git", dir)
	}
	if st := gitCmd(t, s.Dir(), "status", "--porcelain", "--ignored"); st != "" {
		t.Errorf("the map shows in git status:\n%s", st)
	}
	got, err := s.LoadStakeholders(Secret{})
	if err != nil || len(got.Stakeholders) != 1 || got.Stakeholders[0].Notes != "private-marker-7Q" {
		t.Fatalf("read back: %+v, %v", got, err)
	}

	// Encrypted with a passphrase: unreadable without it, and the plain
	// file is gone.
	if err := s.SaveStakeholders(m, Secret{Passphrase: "correct horse"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, stakeholdersPlain)); err == nil {
		t.Error("the plain map is still there after encrypting")
	}
	raw, _ := os.ReadFile(filepath.Join(dir, stakeholdersAge))
	if strings.Contains(string(raw), "private-marker-7Q") || !strings.Contains(string(raw), "BEGIN AGE ENCRYPTED FILE") {
		t.Errorf("the encrypted file:\n%s", raw)
	}
	for _, k := range []Secret{{}, {Passphrase: "wrong"}} {
		if _, err := s.LoadStakeholders(k); !errors.Is(err, ErrPrivateLocked) {
			t.Errorf("opened with %+v: %v; want ErrPrivateLocked", k, err)
		}
	}
	if err := s.SaveStakeholders(m, Secret{Passphrase: "wrong"}); !errors.Is(err, ErrPrivateLocked) {
		t.Errorf("saved over the encrypted map with the wrong passphrase: %v", err)
	}
	if got, err := s.LoadStakeholders(Secret{Passphrase: "correct horse"}); err != nil || got.Stakeholders[0].Notes != "private-marker-7Q" {
		t.Errorf("opened with the passphrase: %+v, %v", got, err)
	}
}

func TestStakeholderMapWithAnAgeIdentity(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "key.txt")
	os.WriteFile(file, []byte("# test key\n"+id.String()+"\n"), 0o600)
	m := &model.StakeholderMap{Stakeholders: []model.Stakeholder{{Who: "raj", Power: 2, Interest: 2}}}
	if err := s.SaveStakeholders(m, Secret{IdentityFile: file}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.LoadStakeholders(Secret{IdentityFile: file}); err != nil || len(got.Stakeholders) != 1 {
		t.Errorf("opened with the identity: %+v, %v", got, err)
	}
	if _, err := s.LoadStakeholders(Secret{Passphrase: "x"}); !errors.Is(err, ErrPrivateLocked) {
		t.Errorf("opened with a passphrase: %v", err)
	}
}

func TestAPrivateFolderInsideTheWorktreeIsRefused(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	gitCmd(t, s.Dir(), "config", "accord.private", filepath.Join(s.Dir(), "notes"))
	err := s.SaveStakeholders(&model.StakeholderMap{}, Secret{})
	if err == nil || !strings.Contains(err.Error(), "would be committed") {
		t.Errorf("a private folder in the worktree: %v", err)
	}
	outside := t.TempDir()
	gitCmd(t, s.Dir(), "config", "accord.private", outside)
	if err := s.SaveStakeholders(&model.StakeholderMap{}, Secret{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, stakeholdersPlain)); err != nil {
		t.Errorf("the map is not in the configured folder: %v", err)
	}
}
