package model

import (
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
)

// The rules of people and teams: references, delegates, signing keys, handles.

// ---- people and teams ----

func (v *validator) person(p *Person) {
	v.checkID(p)
	v.required(p, "name", p.Name)
	v.refs(p, "teams", p.Teams, KindTeam)
	v.unique(p, "emails", p.Emails)
	v.ref(p, "manager", "manager", p.Manager, KindPerson)
	v.refs(p, "delegates", p.Delegates, KindPerson)
	v.unique(p, "delegates", p.Delegates)
	for field, h := range map[string]string{"github": p.GitHub, "gitlab": p.GitLab} {
		if h != "" && !codeHostHandle.MatchString(h) {
			v.add(p, "schema.handle", SeverityError, field, "%s handle %s is not a user name (letters, digits, - _ . and / for a GitLab group)", field, quoteValue(h))
		}
	}
	for i, k := range p.SigningKeys {
		if !looksLikeSigningKey(k) {
			v.add(p, "schema.signing-key", SeverityError, "signing_keys",
				"signing key %d is neither an SSH public key (ssh-ed25519 AAAA…, as in authorized_keys) nor an armoured OpenPGP public key", i+1)
		}
	}
}

// codeHostHandle is the shape of a GitHub or GitLab user or group name, as
// CODEOWNERS takes it.
var codeHostHandle = regexp.MustCompile(`^@?[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$`)

// looksLikeSigningKey checks the shape of a signing key: an SSH public key
// line (type, base64 key, optional comment) or an armoured OpenPGP public
// key block. gitstore parses them for real when it checks a signature.
func looksLikeSigningKey(k string) bool {
	k = strings.TrimSpace(k)
	if strings.HasPrefix(k, "-----BEGIN PGP PUBLIC KEY BLOCK-----") {
		return strings.Contains(k, "-----END PGP PUBLIC KEY BLOCK-----")
	}
	f := strings.Fields(k)
	if len(f) < 2 || !(strings.HasPrefix(f[0], "ssh-") || strings.HasPrefix(f[0], "ecdsa-") || strings.HasPrefix(f[0], "sk-")) {
		return false
	}
	_, err := base64.StdEncoding.DecodeString(f[1])
	return err == nil && strings.HasPrefix(f[1], "AAAA")
}

func (v *validator) team(t *Team) {
	v.checkID(t)
	v.required(t, "name", t.Name)
	v.ref(t, "lead", "lead", t.Lead, KindPerson)
	v.ref(t, "parent", "parent", t.Parent, KindTeam)
	if v.o.People[t.ID] != nil {
		// Sources is keyed by ID, so it cannot say which file is which: name
		// the team's file and no line.
		p, _ := PathOf(KindTeam, t.ID)
		v.out = append(v.out, Finding{Rule: "id.handle-clash", Severity: SeverityError, File: p, ID: t.ID,
			Message: fmt.Sprintf("handle %s belongs to both a person and a team, so references to it are ambiguous; rename one of them", t.ID)})
	}
}
