package gitstore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"
	"filippo.io/age/armor"
	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/config"
	"go.yaml.in/yaml/v4"
)

// Private notes: a user's stakeholder map lives in this clone only, under
// .git/accord/private/ (or the folder `git config accord.private` names,
// which must be outside the worktree), so no commit, push, export, report,
// site or digest can carry it. It may be encrypted at rest with age: with a
// passphrase, or to the recipient of an age identity file.

const (
	stakeholdersPlain = "stakeholders.yaml"
	stakeholdersAge   = "stakeholders.yaml.age"
)

// Secret unlocks, or locks, private notes: a passphrase, or an age
// identity file (its public key encrypts, the file decrypts).
type Secret struct {
	Passphrase   string
	IdentityFile string
}

func (k Secret) empty() bool { return k.Passphrase == "" && k.IdentityFile == "" }

// ErrPrivateLocked is private notes that are encrypted, asked for without the
// secret that opens them.
var ErrPrivateLocked = errors.New("the stakeholder map is encrypted: give its passphrase or age identity")

// PrivateDir is where this clone keeps private notes.
func (s *Store) PrivateDir() (string, error) {
	dir := filepath.Join(s.gitDir, "accord", "private")
	if p := s.ConfigValue("accord", "private"); p != "" {
		if rest, ok := strings.CutPrefix(p, "~/"); ok {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, rest)
			}
		}
		dir = p
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	// Anywhere in the worktree but .git, a file would be committed by the
	// next sync: refuse such a folder.
	if rel, err := filepath.Rel(s.dir, abs); err == nil && !strings.HasPrefix(rel, "..") &&
		rel != ".git" && !strings.HasPrefix(rel, ".git"+string(filepath.Separator)) {
		return "", fmt.Errorf("accord.private is %s, inside the data repository, where it would be committed and pushed; choose a folder outside it", abs)
	}
	return abs, nil
}

// StakeholdersEncrypted reports whether the stakeholder map is encrypted.
func (s *Store) StakeholdersEncrypted() (bool, error) {
	dir, err := s.PrivateDir()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(filepath.Join(dir, stakeholdersAge))
	return err == nil, nil
}

// LoadStakeholders reads the stakeholder map: empty when there is none,
// ErrPrivateLocked when it is encrypted and k opens nothing.
func (s *Store) LoadStakeholders(k Secret) (*model.StakeholderMap, error) {
	dir, err := s.PrivateDir()
	if err != nil {
		return nil, err
	}
	m := &model.StakeholderMap{}
	data, err := os.ReadFile(filepath.Join(dir, stakeholdersAge))
	switch {
	case err == nil:
		if data, err = decryptPrivate(data, k); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		data, err = os.ReadFile(filepath.Join(dir, stakeholdersPlain))
		if errors.Is(err, fs.ErrNotExist) {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return m, nil
	}
	doc, err := parseDocument(stakeholdersPlain, data)
	if err == nil {
		if lerr := doc.Content[0].Load(m, yaml.WithKnownFields()); lerr != nil {
			err = yamlError(filepath.Join(dir, stakeholdersPlain), data, lerr)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("stakeholder map: %w", err)
	}
	return m, nil
}

// SaveStakeholders writes the map. It stays encrypted if it was (k must
// open it), and becomes encrypted when k is given for a map that was not;
// the plain file is then removed.
func (s *Store) SaveStakeholders(m *model.StakeholderMap, k Secret) error {
	dir, err := s.PrivateDir()
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return err
	}
	enc.Close()
	data := buf.Bytes()
	encrypted, err := s.StakeholdersEncrypted()
	if err != nil {
		return err
	}
	if encrypted && k.empty() {
		return ErrPrivateLocked
	}
	if encrypted || !k.empty() {
		if encrypted {
			// The secret must open what is there, or a typo would lock the
			// notes away under a passphrase nobody knows.
			if _, err := s.LoadStakeholders(k); err != nil {
				return err
			}
		}
		if data, err = encryptPrivate(data, k); err != nil {
			return err
		}
		if err := replaceGitFile(filepath.Join(dir, stakeholdersAge), data); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(dir, stakeholdersPlain)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	return replaceGitFile(filepath.Join(dir, stakeholdersPlain), data)
}

func encryptPrivate(data []byte, k Secret) ([]byte, error) {
	var r age.Recipient
	if k.IdentityFile != "" {
		ids, err := readIdentities(k.IdentityFile)
		if err != nil {
			return nil, err
		}
		x, ok := ids[0].(*age.X25519Identity)
		if !ok {
			return nil, fmt.Errorf("%s: only X25519 age identities (AGE-SECRET-KEY-1…) can encrypt", k.IdentityFile)
		}
		r = x.Recipient()
	} else {
		sr, err := age.NewScryptRecipient(k.Passphrase)
		if err != nil {
			return nil, err
		}
		r = sr
	}
	var out bytes.Buffer
	aw := armor.NewWriter(&out)
	w, err := age.Encrypt(aw, r)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func decryptPrivate(data []byte, k Secret) ([]byte, error) {
	if k.empty() {
		return nil, ErrPrivateLocked
	}
	var ids []age.Identity
	if k.IdentityFile != "" {
		var err error
		if ids, err = readIdentities(k.IdentityFile); err != nil {
			return nil, err
		}
	} else {
		id, err := age.NewScryptIdentity(k.Passphrase)
		if err != nil {
			return nil, err
		}
		ids = []age.Identity{id}
	}
	r, err := age.Decrypt(armor.NewReader(bytes.NewReader(data)), ids...)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrPrivateLocked, err)
	}
	return io.ReadAll(r)
}

func readIdentities(file string) ([]age.Identity, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids, err := age.ParseIdentities(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return ids, nil
}

// ConfigValue is a value of git's configuration for this clone (the
// repository's, the user's and the system's, as git reads them), "" when
// unset.
func (s *Store) ConfigValue(section, key string) string {
	s.mu.Lock()
	cfg, err := s.repo.ConfigScoped(config.SystemScope)
	s.mu.Unlock()
	if err != nil || cfg.Raw == nil {
		return ""
	}
	return strings.TrimSpace(cfg.Raw.Section(section).Option(key))
}
