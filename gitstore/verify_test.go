package gitstore

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"golang.org/x/crypto/ssh"
)

// people of the verification tests: Amara approves, Mei names Raj as her
// delegate.
var (
	amaraSig = Signature{Name: "Amara Okafor", Email: "amara@northwind.example"}
	meiSig   = Signature{Name: "Mei Lin", Email: "mei@northwind.example"}
	strange  = Signature{Name: "Someone", Email: "someone@elsewhere.example"}
)

// accountableRepo is a data repository with Amara, Mei (delegates: Raj)
// and Raj, and a decision Raj drives, proposed, for approver to accept.
func accountableRepo(t *testing.T, approver string) (*Store, string) {
	t.Helper()
	s := newRepo(t)
	const id = "DEC-2HV9PMQ4"
	// People first: a commit's steps are judged by the people before it.
	_, err := s.Transact("people", func(tx *Tx) error {
		for _, r := range []model.Record{
			&model.Person{ID: "amara", Name: "Amara Okafor", Emails: []string{amaraSig.Email}},
			&model.Person{ID: "mei", Name: "Mei Lin", Emails: []string{meiSig.Email}, Delegates: []string{"raj"}},
			&model.Person{ID: "raj", Name: "Raj Patel", Emails: []string{rajSig.Email}},
		} {
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		_, err = s.Create(&model.Decision{ID: id, Title: "Cap CSV uploads", Status: model.DecisionProposed, Driver: "raj",
			Approver: approver, Options: []model.Option{{ID: "cap50", Title: "50 MB"}}})
	}
	if err != nil {
		t.Fatal(err)
	}
	return s, id
}

// accept accepts the decision, committing as sig.
func accept(t *testing.T, s *Store, id string, sig Signature) string {
	t.Helper()
	was := s.author
	s.author = &sig
	defer func() { s.author = was }()
	res, err := s.Update(model.KindDecision, id, func(r model.Record) error {
		d := r.(*model.Decision)
		d.Status, d.Outcome = model.DecisionAccepted, &model.Outcome{Chosen: "cap50"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return res.Commit
}

func verifyAll(t *testing.T, s *Store) ([]model.Attribution, []model.Finding) {
	t.Helper()
	atts, fs, err := s.Verify("", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	return atts, fs
}

func TestVerifyAttributesEachStepToItsCommit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, approver string
		by             Signature
		rule, says     string // the finding; "" for none
		byLine         string
	}{
		{"the approver", "amara", amaraSig, "", "", "accepted by Amara Okafor"},
		{"a delegate of the approver", "mei", rajSig, "", "", "accepted by Raj Patel on behalf of Mei Lin"},
		{"someone else in people/", "amara", meiSig, "approval.not-approver",
			"accepted by Mei Lin <mei@northwind.example> in %s: only the approver (amara) can accept DEC-2HV9PMQ4", "accepted by Mei Lin on behalf of Amara Okafor"},
		{"an identity in nobody's emails", "amara", strange, "approval.not-approver",
			"accepted by an unknown identity (Someone <someone@elsewhere.example>) in %s", "accepted by an unknown identity (someone@elsewhere.example)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, id := accountableRepo(t, tc.approver)
			commit := accept(t, s, id, tc.by)
			atts, fs := verifyAll(t, s)
			var step *model.Attribution
			for i, a := range atts {
				if a.Step.ID == id && a.Step.To == model.DecisionAccepted {
					step = &atts[i]
				}
			}
			if step == nil || step.Commit.Hash != commit {
				t.Fatalf("the acceptance is not attributed to its commit %s: %+v", commit[:8], atts)
			}
			org, _ := s.Load()
			if got := step.ByLine(org); got != tc.byLine {
				t.Errorf("ByLine = %q, want %q", got, tc.byLine)
			}
			if tc.rule == "" {
				if len(fs) != 0 {
					t.Errorf("findings for a step taken by who may take it: %v", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Rule != tc.rule || fs[0].Commit != commit || fs[0].File != "decisions/2H/DEC-2HV9PMQ4.yaml" ||
				!strings.Contains(fs[0].Message, strings.Replace(tc.says, "%s", commit[:8], 1)) {
				t.Errorf("findings %v; want one [%s] on the commit saying %q", fs, tc.rule, tc.says)
			}
		})
	}
}

// A hand edit committed with plain git is judged like any other commit,
// and the right to act comes from before the commit: adding your own
// e-mail to the approver's record in the same commit does not make you
// the approver.
func TestVerifyJudgesPlainGitCommitsByTheOrganisationBeforeThem(t *testing.T) {
	t.Parallel()
	s, id := accountableRepo(t, "amara")
	p := filepath.Join(s.Dir(), "decisions/2H/"+id+".yaml")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(data), "status: proposed", "status: accepted", 1)+"outcome:\n  chosen: cap50\n"), 0o644)
	amara := filepath.Join(s.Dir(), "people/amara.yaml")
	data, _ = os.ReadFile(amara)
	os.WriteFile(amara, []byte(strings.Replace(string(data), "  - "+amaraSig.Email, "  - "+amaraSig.Email+"\n  - someone@elsewhere.example", 1)), 0o644)
	gitCmd(t, s.Dir(), "-c", "user.name=Someone", "-c", "user.email=someone@elsewhere.example", "commit", "-qam", "accept it")
	_, fs := verifyAll(t, s)
	if len(fs) != 2 || fs[0].Rule != "approval.not-approver" || !strings.Contains(fs[0].Message, "unknown identity") ||
		fs[1].Rule != "person.not-self" || fs[1].File != "people/amara.yaml" {
		t.Errorf("findings %v; want the acceptance by an unknown identity, and the e-mail it added to Amara's record", fs)
	}
}

// A merge brings steps taken on either side; it did not take them itself,
// so the person who synced is never blamed for them.
func TestVerifyDoesNotBlameAMergeForTheStepsItBrings(t *testing.T) {
	t.Parallel()
	url := fileRemote(t)
	cs := clones(t, url, RemoteOptions{}, "Ana", "Mei")
	ana, mei := cs[0], cs[1]
	// Mei is the RACI item's Accountable, as far as the seed goes: make
	// the item hers, then agree it from her clone; Ana edits a goal.
	edit(t, mei, "RACI-00000001", func(r model.Record) {
		r.(*model.RACI).State, r.(*model.RACI).Accountable = "draft", model.OneOrMore{"mei"}
	})
	edit(t, mei, "mei", func(r model.Record) { r.(*model.Person).Emails = []string{"mei@example.com"} })
	doSync(t, mei, RemoteOptions{})
	doSync(t, ana, RemoteOptions{})
	start, _ := headOf(t, ana) // the seed agreed the item as nobody in people/: not this test's business
	edit(t, mei, "RACI-00000001", func(r model.Record) { r.(*model.RACI).State = "agreed" })
	edit(t, ana, "GOAL-00000001", func(r model.Record) { r.(*model.Goal).Title = "Ana's title" })
	doSync(t, mei, RemoteOptions{})
	doSync(t, ana, RemoteOptions{})
	if h, _ := headOf(t, ana); len(gitCmd(t, ana.Dir(), "rev-list", "--min-parents=2", h)) == 0 {
		t.Fatal("Ana's sync made no merge commit")
	}
	atts, fs, err := ana.Verify(start, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 0 {
		t.Errorf("findings after a merge: %v", fs)
	}
	var agreed []model.Attribution
	for _, a := range atts {
		if a.Step.ID == "RACI-00000001" && a.Step.To == "agreed" {
			agreed = append(agreed, a)
		}
	}
	if len(agreed) != 1 || agreed[0].By != "mei" || agreed[0].Commit.IsMerge() {
		t.Errorf("the agreement is attributed to %+v; want once, to Mei's own commit", agreed)
	}
}

func TestVerifyTakesARange(t *testing.T) {
	t.Parallel()
	s, id := accountableRepo(t, "amara")
	before := head(t, s)
	accept(t, s, id, meiSig)
	if _, fs, err := s.Verify(before, "HEAD"); err != nil || len(fs) != 1 {
		t.Errorf("Verify(before, HEAD) = %v, %v; want the one wrong acceptance", fs, err)
	}
	if _, fs, err := s.Verify("HEAD", "HEAD"); err != nil || len(fs) != 0 {
		t.Errorf("Verify(HEAD, HEAD) = %v, %v; want nothing", fs, err)
	}
}

// signingKey makes an ed25519 key pair in dir: the private key file git's
// user.signingkey names, and the public key as people list it.
func signingKey(t *testing.T, dir, name string) (file, public string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, name)
	if err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(dir, name)
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return file, strings.TrimSpace(string(ssh.MarshalAuthorizedKey(sshPub))) + " " + name
}

// signWith configures the clone as git would be to sign commits with an
// SSH key file.
func signWith(t *testing.T, s *Store, keyFile string) {
	t.Helper()
	gitCmd(t, s.Dir(), "config", "gpg.format", "ssh")
	gitCmd(t, s.Dir(), "config", "user.signingkey", keyFile)
	gitCmd(t, s.Dir(), "config", "commit.gpgsign", "true")
}

func TestSignedApprovals(t *testing.T) {
	t.Parallel()
	keys := t.TempDir()
	amaraKey, amaraPub := signingKey(t, keys, "amara")
	meiKey, meiPub := signingKey(t, keys, "mei")
	otherKey, _ := signingKey(t, keys, "other")

	setup := func(t *testing.T) (*Store, string) {
		s, id := accountableRepo(t, "amara")
		// Each lists their own key: nobody else may.
		for who, key := range map[string]string{"amara": amaraPub, "mei": meiPub} {
			s.author = map[string]*Signature{"amara": &amaraSig, "mei": &meiSig}[who]
			if _, err := s.Update(model.KindPerson, who, func(r model.Record) error {
				r.(*model.Person).SigningKeys = []string{key}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		s.author = &rajSig
		cfg, err := os.ReadFile(filepath.Join(s.Dir(), model.ConfigPath))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Commit(Change{Put: []File{{Path: model.ConfigPath, Data: append(cfg, "require_signed:\n  - approvals\n"...)}},
			Message: "org: approvals must be signed"}); err != nil {
			t.Fatal(err)
		}
		return s, id
	}
	for _, tc := range []struct {
		name   string
		key    string // the key the acceptance is signed with; "" unsigned
		rule   string
		signer string
	}{
		{"signed by the approver", amaraKey, "", "amara"},
		{"unsigned", "", "signature.missing", ""},
		{"signed with another person's key", meiKey, "signature.wrong-person", "mei"},
		{"signed with a key nobody lists", otherKey, "signature.invalid", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s, id := setup(t)
			if tc.key != "" {
				signWith(t, s, tc.key)
			}
			commit := accept(t, s, id, amaraSig)
			atts, fs := verifyAll(t, s)
			var got *model.Attribution
			for i := range atts {
				if atts[i].Commit.Hash == commit {
					got = &atts[i]
				}
			}
			if got == nil || got.Signer != tc.signer {
				t.Errorf("attribution %+v; want signer %q", got, tc.signer)
			}
			switch {
			case tc.rule == "" && len(fs) != 0:
				t.Errorf("findings for a signed approval: %v", fs)
			case tc.rule != "" && (len(fs) != 1 || fs[0].Rule != tc.rule || fs[0].Commit != commit):
				t.Errorf("findings %v; want one [%s] on %s", fs, tc.rule, commit[:8])
			}
			if tc.key == amaraKey {
				// git itself accepts Accord's signature.
				signers := filepath.Join(t.TempDir(), "allowed_signers")
				os.WriteFile(signers, []byte(amaraSig.Email+" "+amaraPub+"\n"), 0o644)
				gitCmd(t, s.Dir(), "-c", "gpg.ssh.allowedSignersFile="+signers, "verify-commit", commit)
			}
		})
	}
}

func TestASigningKeyThatCannotBeUsedStopsTheCommitBeforeItStarts(t *testing.T) {
	t.Parallel()
	s, id := accountableRepo(t, "amara")
	signWith(t, s, filepath.Join(t.TempDir(), "missing-key"))
	before := head(t, s)
	s.author = &amaraSig
	_, err := s.Update(model.KindDecision, id, func(r model.Record) error {
		r.(*model.Decision).Title = "Retitled"
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "user.signingkey") {
		t.Fatalf("commit with a missing signing key: %v", err)
	}
	if head(t, s) != before || gitCmd(t, s.Dir(), "status", "--porcelain") != "" {
		t.Error("a commit that could not be signed left a commit or a changed file")
	}
}
