package gitstore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// Commit signatures. Accord signs its own commits the way git does when
// git is configured to sign with SSH (commit.gpgsign = true, gpg.format =
// ssh, user.signingkey naming a private key file, or a public key — a
// file or "key::…" — whose private half the SSH agent holds), and checks
// signatures itself: SSH signatures in git's format (namespace "git"), and
// OpenPGP signatures through go-git, against the keys people list under
// signing_keys.

// sigNamespace is the namespace git signs commits in.
const sigNamespace = "git"

// ErrSigningKey is a signing configuration Accord cannot sign with.
var ErrSigningKey = errors.New("cannot sign the commit")

// commitSigner returns the signer git's configuration asks commits to be
// signed with, or nil when commits are not to be signed with SSH. It is
// called before anything is written, so a key that cannot be used stops
// the commit before it starts. The caller holds s.mu.
func (s *Store) commitSigner() (ssh.Signer, error) {
	cfg, err := s.repo.ConfigScoped(config.SystemScope)
	if err != nil || cfg.Raw == nil {
		return nil, nil
	}
	if !strings.EqualFold(cfg.Raw.Section("commit").Option("gpgsign"), "true") ||
		!strings.EqualFold(cfg.Raw.Section("gpg").Option("format"), "ssh") {
		return nil, nil
	}
	key := strings.TrimSpace(cfg.Raw.Section("user").Option("signingkey"))
	if key == "" {
		return nil, fmt.Errorf("%w: commit.gpgsign is set with gpg.format ssh, but user.signingkey names no key", ErrSigningKey)
	}
	return loadSigner(key)
}

// loadSigner reads user.signingkey as git does for SSH.
func loadSigner(key string) (ssh.Signer, error) {
	if literal, ok := strings.CutPrefix(key, "key::"); ok {
		pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(literal))
		if err != nil {
			return nil, fmt.Errorf("%w: user.signingkey %q is not an SSH public key: %v", ErrSigningKey, literal, err)
		}
		return agentSigner(pub, "user.signingkey")
	}
	file := key
	if rest, ok := strings.CutPrefix(file, "~/"); ok {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrSigningKey, err)
		}
		file = filepath.Join(home, rest)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%w: user.signingkey: %v", ErrSigningKey, err)
	}
	if pub, _, _, _, err := ssh.ParseAuthorizedKey(data); err == nil {
		return agentSigner(pub, file)
	}
	signer, err := ssh.ParsePrivateKey(data)
	var missing *ssh.PassphraseMissingError
	switch {
	case errors.As(err, &missing):
		return agentSigner(missing.PublicKey, file)
	case err != nil:
		return nil, fmt.Errorf("%w: user.signingkey %s is neither an SSH private nor public key: %v", ErrSigningKey, file, err)
	}
	return signer, nil
}

// agentSigner finds the private half of pub in the SSH agent.
func agentSigner(pub ssh.PublicKey, from string) (ssh.Signer, error) {
	sock := os.Getenv("SSH_AUTH_SOCK")
	if sock == "" {
		return nil, fmt.Errorf("%w: the key in %s needs the SSH agent (it is a public key, or its private key has a passphrase), and SSH_AUTH_SOCK is not set; run ssh-add", ErrSigningKey, from)
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil, fmt.Errorf("%w: SSH agent: %v", ErrSigningKey, err)
	}
	signers, err := agent.NewClient(conn).Signers()
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: SSH agent: %v", ErrSigningKey, err)
	}
	for _, sg := range signers {
		if bytes.Equal(sg.PublicKey().Marshal(), pub.Marshal()) {
			return sg, nil // the connection stays open for the signature
		}
	}
	conn.Close()
	return nil, fmt.Errorf("%w: the SSH agent does not hold the key in %s; run ssh-add", ErrSigningKey, from)
}

// signCommit signs a commit object with signer, as git does: an SSH
// signature over the commit without its signature, armoured into gpgsig.
func signCommit(c *object.Commit, signer ssh.Signer) error {
	payload, err := unsignedPayload(c)
	if err != nil {
		return err
	}
	sig, err := sshsig.Sign(bytes.NewReader(payload), signer, sshsig.HashSHA512, sigNamespace)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSigningKey, err)
	}
	c.PGPSignature = string(sshsig.Armor(sig))
	return nil
}

// unsignedPayload is what a commit's signature is made over.
func unsignedPayload(c *object.Commit) ([]byte, error) {
	obj := &plumbing.MemoryObject{}
	if err := c.EncodeWithoutSignature(obj); err != nil {
		return nil, err
	}
	r, err := obj.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// keyring holds the signing keys people list, by person.
type keyring struct {
	ssh map[string]string // marshalled public key → handle
	pgp []pgpKey
}

type pgpKey struct{ handle, armored string }

func newKeyring(o *model.Org) *keyring {
	kr := &keyring{ssh: map[string]string{}}
	for _, id := range slices.Sorted(maps.Keys(o.People)) {
		for _, k := range o.People[id].SigningKeys {
			k = strings.TrimSpace(k)
			if strings.HasPrefix(k, "-----BEGIN PGP PUBLIC KEY BLOCK-----") {
				kr.pgp = append(kr.pgp, pgpKey{id, k})
				continue
			}
			if pub, _, _, _, err := ssh.ParseAuthorizedKey([]byte(k)); err == nil {
				if _, taken := kr.ssh[string(pub.Marshal())]; !taken {
					kr.ssh[string(pub.Marshal())] = id
				}
			}
		}
	}
	return kr
}

// verify says who of the keyring's people signed c, and how the signature
// stands.
func (kr *keyring) verify(c *object.Commit) (string, model.SignatureState) {
	armored := strings.TrimSpace(c.PGPSignature)
	switch {
	case armored == "":
		return "", model.SignatureNone
	case strings.HasPrefix(armored, "-----BEGIN SSH SIGNATURE-----"):
		sig, err := sshsig.Unarmor([]byte(armored))
		if err != nil {
			return "", model.SignatureBad
		}
		payload, err := unsignedPayload(c)
		if err != nil {
			return "", model.SignatureBad
		}
		if err := sshsig.Verify(bytes.NewReader(payload), sig, sig.PublicKey, sig.HashAlgorithm, sigNamespace); err != nil {
			return "", model.SignatureBad
		}
		if who, ok := kr.ssh[string(sig.PublicKey.Marshal())]; ok {
			return who, model.SignatureGood
		}
		return "", model.SignatureUnknown
	default:
		for _, k := range kr.pgp {
			if _, err := c.Verify(k.armored); err == nil {
				return k.handle, model.SignatureGood
			}
		}
		return "", model.SignatureUnknown
	}
}

// VerifyCommitSignature says whose listed key signed the commit at rev,
// in the organisation as it is now.
func (s *Store) VerifyCommitSignature(rev string, o *model.Org) (string, model.SignatureState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return "", "", err
	}
	who, st := newKeyring(o).verify(c)
	return who, st, nil
}
