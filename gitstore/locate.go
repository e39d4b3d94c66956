package gitstore

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// Finding records without loading the organisation: the primitive of the
// one-record commands (show, set, checkin, new, and the ID of log and
// blame). A record is found by its path (model.PathOf), an ID prefix by
// listing the one shard folder it names, and the records naming a record
// through the neighbour index (neighbours.go). Every record file is read
// fresh with the same hardening as a load (size cap, no symlinks, exactly
// one document, no aliases, unknown fields refused).

// maxCandidates is how many records an ID prefix may match before Locate
// gives up and leaves the prefix to a whole load (which lists them).
const maxCandidates = 64

// Neighbours answers model.Lookup from the files and the neighbour index.
// It is made by Store.Neighbours only while the index matches the clone.
type Neighbours struct {
	s      *Store
	x      *nbIndex
	cfg    model.Config
	strays bool // a file held another ID than its name
}

// Neighbours returns what one-record commands read the organisation
// through, or nil when they must load it whole: the neighbour index is
// missing, was made for another HEAD or another state of git's index, or
// for an organisation with records away from their paths; or accord.yaml
// cannot be read.
func (s *Store) Neighbours() *Neighbours {
	s.settle()
	key, ok := s.neighbourKey()
	if !ok {
		return nil
	}
	x := s.readNeighbours()
	if x == nil || !x.exact || x.key != key.String() {
		return nil
	}
	data, err := readRecordFile(s.root, model.ConfigPath)
	if err != nil {
		return nil
	}
	cfg, err := decodeConfig(data)
	if err != nil {
		return nil
	}
	return &Neighbours{s: s, x: x, cfg: cfg}
}

// Config is accord.yaml, read fresh.
func (n *Neighbours) Config() model.Config { return n.cfg }

// Strays reports whether a file read held another ID than the one its name
// gives: the caller must then load the whole organisation, which sees
// which file holds which record.
func (n *Neighbours) Strays() bool { return n.strays }

// Records implements model.Lookup: every record whose file its ID names,
// read now.
func (n *Neighbours) Records(id string) ([]model.Found, []model.Finding) {
	var found []model.Found
	var problems []model.Finding
	for _, k := range model.Kinds {
		p, err := model.PathOf(k, id)
		if err != nil {
			continue
		}
		data, err := readRecordFile(n.s.root, p)
		if err != nil {
			if _, serr := n.s.root.Lstat(p); errors.Is(serr, fs.ErrNotExist) {
				continue
			}
			problems = append(problems, asFinding(err))
			continue
		}
		rec, err := decodeRecord(k, p, data)
		if err != nil {
			problems = append(problems, asFinding(err))
			continue
		}
		if rec.RecordID() != id {
			n.strays = true
			continue
		}
		found = append(found, model.Found{Rec: rec, Src: &model.Source{Path: p,
			Blob: plumbing.ComputeHash(plumbing.BlobObject, data).String(), Positions: topLevelFields(data)}})
	}
	return found, problems
}

// Referrers implements model.Lookup from the neighbour index.
func (n *Neighbours) Referrers(rel model.Relation, id string) []string {
	return n.x.lookup(string(rel), id)
}

// PersonByEmail implements model.Lookup from the neighbour index.
func (n *Neighbours) PersonByEmail(email string) (string, bool) {
	ids := n.x.lookup(relEmail, strings.ToLower(strings.TrimSpace(email)))
	if len(ids) == 0 {
		return "", false
	}
	return ids[0], true
}

// Locate returns the records whose ID is prefix or starts with it, in any
// case, each read now, and a finding for each such file that could not be
// read: what Org.Resolve chooses among, without the organisation. ok is
// false when more than maxCandidates files match (a prefix of a kind's
// name, "GOAL-"); the caller then loads the whole organisation.
func (n *Neighbours) Locate(prefix string) (found []model.Found, problems []model.Finding, ok bool) {
	p := strings.ToUpper(strings.TrimSpace(prefix))
	if p == "" {
		return nil, nil, true
	}
	// An exact ID wins over the longer IDs it is a prefix of (Org.Resolve):
	// when its file holds it, nothing needs listing. IDs are upper-case,
	// handles lower-case.
	for _, id := range []string{p, strings.ToLower(p)} {
		if f, _ := n.Records(id); len(f) > 0 {
			return f, nil, true
		}
	}
	var ids []string
	for _, k := range model.Kinds {
		for _, dir := range n.folders(k, p) {
			names, err := readDirNames(n.s.root, dir)
			if err != nil {
				continue
			}
			for _, name := range names {
				id, isYAML := strings.CutSuffix(name, ".yaml")
				if !isYAML || name[0] == '.' || !strings.HasPrefix(strings.ToUpper(id), p) {
					continue
				}
				if want, err := model.PathOf(k, id); err != nil || want != path.Join(dir, name) {
					n.strays = true // a file away from its path: a whole load places it
					continue
				}
				ids = append(ids, id)
				if len(ids) > maxCandidates {
					return nil, nil, false
				}
			}
		}
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		f, pr := n.Records(id)
		found, problems = append(found, f...), append(problems, pr...)
	}
	return found, problems, true
}

// folders are the folders of kind k that can hold an ID starting with the
// upper-cased prefix p: the kind's folder for people and teams; for the
// others the shard the prefix names, every shard it may name, or none.
func (n *Neighbours) folders(k model.Kind, p string) []string {
	if !k.Sharded() {
		return []string{k.Dir()}
	}
	pre := k.Prefix() + "-"
	if len(p) <= len(pre) {
		if !strings.HasPrefix(pre, p) {
			return nil
		}
		p = pre
	}
	if !strings.HasPrefix(p, pre) {
		return nil
	}
	rest := p[len(pre):]
	if len(rest) >= 2 {
		return []string{path.Join(k.Dir(), rest[:2])}
	}
	shards, err := readDirNames(n.s.root, k.Dir())
	if err != nil {
		return nil
	}
	var out []string
	for _, sh := range shards {
		if strings.HasPrefix(strings.ToUpper(sh), rest) {
			out = append(out, path.Join(k.Dir(), sh))
		}
	}
	return out
}

// readDirNames lists a folder's names, without a stat of each.
func readDirNames(root *os.Root, dir string) ([]string, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}
