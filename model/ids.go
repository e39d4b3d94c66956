package model

import (
	"crypto/rand"
	"errors"
	"fmt"
	"path"
	"strings"
)

// Kind names a kind of record.
type Kind string

// The kinds of record.
const (
	KindGoal     Kind = "goal"
	KindUpdate   Kind = "update"
	KindDecision Kind = "decision"
	KindRACI     Kind = "raci"
	KindHandoff  Kind = "handoff"
	KindAnswer   Kind = "answer"
	KindPulse    Kind = "pulse"
	KindRetro    Kind = "retro"
	KindPerson   Kind = "person"
	KindTeam     Kind = "team"
)

// Kinds lists every kind in the order Accord shows them.
var Kinds = []Kind{KindGoal, KindUpdate, KindDecision, KindRACI, KindHandoff, KindAnswer, KindPulse, KindRetro, KindPerson, KindTeam}

// kindInfo is where a kind lives and how its IDs look.
type kindInfo struct {
	dir    string // top-level folder
	prefix string // ID prefix for random IDs; "" for handle-named kinds
	plural string // the word the CLI accepts for a list
}

var kindInfos = map[Kind]kindInfo{
	KindGoal:     {"goals", "GOAL", "goals"},
	KindUpdate:   {"updates", "UPD", "updates"},
	KindDecision: {"decisions", "DEC", "decisions"},
	KindRACI:     {"raci", "RACI", "raci"},
	KindHandoff:  {"handoffs", "HO", "handoffs"},
	KindAnswer:   {"answers", "ANS", "answers"},
	KindPulse:    {"pulses", "PULSE", "pulses"},
	KindRetro:    {"retros", "RETRO", "retros"},
	KindPerson:   {"people", "", "people"},
	KindTeam:     {"teams", "", "teams"},
}

// Dir is the top-level folder of a kind.
func (k Kind) Dir() string { return kindInfos[k].dir }

// Plural is the word used for a list of the kind (goals, people, raci).
func (k Kind) Plural() string { return kindInfos[k].plural }

// Prefix is the ID prefix of a kind with random IDs, or "".
func (k Kind) Prefix() string { return kindInfos[k].prefix }

// Sharded reports whether the kind's files sit in two-character shard folders.
func (k Kind) Sharded() bool { return kindInfos[k].prefix != "" }

// ParseKind accepts a kind's singular or plural name, or its folder, in any case.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range Kinds {
		info := kindInfos[k]
		if s == string(k) || s == info.plural || s == info.dir || (info.prefix != "" && s == strings.ToLower(info.prefix)) {
			return k, nil
		}
	}
	switch s {
	case "check-in", "checkin", "check-ins", "checkins":
		return KindUpdate, nil
	case "handoff", "hand-off", "hand-offs":
		return KindHandoff, nil
	}
	return "", fmt.Errorf("unknown kind %q (want one of goals, updates, decisions, raci, handoffs, answers, pulses, retros, people, teams)", s)
}

// crockford is Crockford's base32 alphabet: no I, L, O or U.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// isCrockford says which bytes are in crockford.
var isCrockford = func() (t [256]bool) {
	for i := range len(crockford) {
		t[crockford[i]] = true
	}
	return t
}()

// IDLength is the number of base32 characters after the prefix: 8 × 5 = 40 bits.
const IDLength = 8

// NewID returns a fresh random ID for a kind with random IDs, such as
// DEC-2HV9PLQ4.
func NewID(k Kind) string {
	p := k.Prefix()
	if p == "" {
		panic("model.NewID: kind " + string(k) + " is named by handle")
	}
	var b [IDLength]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return p + "-" + encodeCrockford(b[:])
}

// IDFromBytes makes an ID from the given random bytes (at least IDLength of
// them); generators that must be deterministic use it with a seeded source.
func IDFromBytes(k Kind, b []byte) string {
	return k.Prefix() + "-" + encodeCrockford(b[:IDLength])
}

func encodeCrockford(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		out[i] = crockford[c&31]
	}
	return string(out)
}

// ErrBadID is returned for an ID that does not have the form of its kind.
var ErrBadID = errors.New("malformed ID")

// KindOfID returns the kind an ID belongs to from its prefix. Handles (people
// and teams) have no prefix; KindOfID returns "" for them.
func KindOfID(id string) Kind {
	prefix, _, ok := strings.Cut(id, "-")
	if !ok {
		return ""
	}
	for _, k := range Kinds {
		if p := k.Prefix(); p != "" && p == prefix {
			return k
		}
	}
	return ""
}

// CheckID reports whether id is well formed for kind k: a random ID is the
// kind's prefix, a dash and IDLength Crockford characters; a handle is 1–40
// lower-case letters, digits and inner dashes.
func CheckID(k Kind, id string) error {
	if p := k.Prefix(); p != "" {
		rest, ok := strings.CutPrefix(id, p)
		if !ok || len(rest) != IDLength+1 || rest[0] != '-' {
			return fmt.Errorf("%w %q: want %s- and %d characters of Crockford base32", ErrBadID, id, p, IDLength)
		}
		rest = rest[1:]
		for i := 0; i < len(rest); i++ {
			if !isCrockford[rest[i]] {
				return fmt.Errorf("%w %q: %q is not Crockford base32", ErrBadID, id, rest[i])
			}
		}
		return nil
	}
	if !IsHandle(id) {
		return fmt.Errorf("%w %q: a handle is 1–40 lower-case letters, digits and dashes", ErrBadID, id)
	}
	return nil
}

// IsHandle reports whether s has the form of a person's or team's handle.
func IsHandle(s string) bool {
	if len(s) == 0 || len(s) > 40 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// PathOf returns the slash-separated path of a record inside the data
// repository, such as decisions/2H/DEC-2HV9PLQ4.yaml. It refuses any ID
// that is not well formed, so the path never leaves its kind's folder.
func PathOf(k Kind, id string) (string, error) {
	if _, ok := kindInfos[k]; !ok {
		return "", fmt.Errorf("unknown kind %q", k)
	}
	if err := CheckID(k, id); err != nil {
		return "", err
	}
	if k.Sharded() {
		rest := id[len(k.Prefix())+1:]
		return path.Join(k.Dir(), rest[:2], id+".yaml"), nil
	}
	return path.Join(k.Dir(), id+".yaml"), nil
}

// ConfigPath is the organisation's settings file at the top of the repository.
const ConfigPath = "accord.yaml"

// KindOfPath tells which kind a repository path holds and the ID its file
// name gives, or ok=false for a path that is not a record's.
func KindOfPath(p string) (k Kind, id string, ok bool) {
	dir, file := path.Split(p)
	id, isYAML := strings.CutSuffix(file, ".yaml")
	if !isYAML || id == "" {
		return "", "", false
	}
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	for _, k := range Kinds {
		if parts[0] != k.Dir() {
			continue
		}
		if k.Sharded() && len(parts) == 2 || !k.Sharded() && len(parts) == 1 {
			return k, id, true
		}
	}
	return "", "", false
}
