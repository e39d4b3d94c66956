package gitstore

// The organisation a semantic diff needs, read record by record: the
// records whose files differ between the two revisions, and of the rest
// only what describing them takes (the people, goals and decisions they
// name, the parents whose health may have moved, and what those
// parents' health rolls up from, from the diff links in difflinks.go).
// A diff of a few records costs the same in an organisation of 1,000
// records as in one of 100,000.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Past this many changed records, a diff decodes them through the load
// cache (reading it costs about as much as decoding a few hundred
// records); past linksRebuildAt files changed since the diff links were
// made, they are made again at the newer revision rather than patched;
// and past linksRewriteAt they are written back patched, so the next
// diff starts closer.
const (
	diffCacheAt    = 256
	linksRebuildAt = 5000
	linksRewriteAt = 100
)

// DiffOrg returns what model.SemanticDiff needs to compare rev1 with
// rev2 (rev1 "" is before the first commit): the records whose files
// differ, as ChangedBetween gives them, and the organisation at rev2
// holding those records and every other record the diff looks up —
// enough that model.SemanticDiff(model.RewindOrg(after, changes), after,
// changes) says what it would say given the whole organisation. The
// people whose e-mail is one of emails (the commits' authors) are in it
// too, so after.PersonByEmail names them. It is not an organisation to
// show or check: besides whole records it holds stand-ins that serve only
// health roll-ups (goals with no title; check-ins saying a subtree's
// health, with IDs no record has).
func (s *Store) DiffOrg(rev1, rev2 string, emails []string) (after *model.Org, changes []model.RecordDelta, problems []model.Finding, err error) {
	return s.diffOrg(rev1, rev2, emails, nil)
}

// diffOrg is DiffOrg; read, when set, is told the path of every record
// file decoded from git objects (tests count them).
func (s *Store) diffOrg(rev1, rev2 string, emails []string, read func(p string)) (*model.Org, []model.RecordDelta, []model.Finding, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c1, err := s.resolveBase(rev1)
	if err != nil {
		return nil, nil, nil, err
	}
	c2, err := s.resolveCommit(rev2)
	if err != nil {
		return nil, nil, nil, err
	}
	var t1 plumbing.Hash
	if c1 != nil {
		t1 = c1.TreeHash
	}
	tr := newTreeReader(s.repo.Storer)
	deltas, err := diffRecordTrees(tr, t1, c2.TreeHash)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("compare %s with %s: %w", rev1, rev2, err)
	}
	r := &diffReader{s: s, tr: tr, read: read, at: c2}
	if r.root, err = tr.get(c2.TreeHash); err != nil {
		return nil, nil, nil, err
	}
	if len(deltas) > diffCacheAt {
		r.loaded = s.readCache()
	}
	changes, problems := r.decodeDeltas(deltas, rev1, rev2, c1)

	after := model.NewOrg()
	if h := r.find(model.ConfigPath); !h.IsZero() {
		if data, err := readBlob(s, h); err == nil {
			after.Config, _ = decodeConfig(data) // as OrgAt, which reports what is wrong
		}
	}
	changedGoals := map[string]bool{}  // path IDs of goals whose files differ
	changedChecks := map[string]bool{} // and of check-ins
	var oldGoals []*model.Goal
	newBlob := map[string]pathDelta{}
	for _, d := range deltas {
		_, id, _ := model.KindOfPath(d.path)
		newBlob[id] = d
	}
	for _, c := range changes {
		if c.New != nil {
			d := newBlob[c.ID]
			after.Add(c.New, &model.Source{Path: d.path, Blob: d.new.String()})
		}
		switch c.Kind {
		case model.KindGoal:
			changedGoals[c.ID] = true
			if g, ok := c.Old.(*model.Goal); ok {
				oldGoals = append(oldGoals, g)
			}
		case model.KindUpdate:
			changedChecks[c.ID] = true
		}
	}
	// Unreadable versions are left out of changes; their paths still
	// differ, so they are not read again as context.
	for _, d := range deltas {
		k, id, _ := model.KindOfPath(d.path)
		switch k {
		case model.KindGoal:
			changedGoals[id] = true
		case model.KindUpdate:
			changedChecks[id] = true
		}
	}

	// The records the diff names, twice: an answer's addressee is found
	// in the check-in that holds the ask.
	for range 2 {
		for _, id := range model.ContextIDs(changes, after) {
			if err := r.add(after, id); err != nil {
				return nil, nil, nil, err
			}
		}
		after.Index()
	}
	if model.DiffNeedsPulses(changes) {
		if err := r.addAll(after, model.KindPulse); err != nil {
			return nil, nil, nil, err
		}
	}

	// Health: every goal whose health may differ is a changed goal, the
	// target of a changed check-in, or a parent of one of those on either
	// side; each is read whole.
	var todo []string
	for _, c := range changes {
		switch v := c.New.(type) {
		case *model.Goal:
			todo = append(todo, v.ID)
		case *model.Update:
			todo = append(todo, v.Target)
		}
		switch v := c.Old.(type) {
		case *model.Goal:
			todo = append(todo, v.ID, v.Parent)
		case *model.Update:
			todo = append(todo, v.Target)
		}
	}
	seen := map[string]bool{}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		if err := r.add(after, id); err != nil {
			return nil, nil, nil, err
		}
		if g := after.Goals[id]; g != nil {
			todo = append(todo, g.Parent)
		}
	}
	// Then, for every goal in either organisation, what its health is
	// computed from: its latest check-in among those that did not change
	// (the changed ones are there already), and, where it has no
	// check-in on one side, its children, recursively. The records not
	// read whole are stand-ins holding only what the roll-up reads.
	links, moved, err := r.links()
	if err != nil {
		return nil, nil, nil, err
	}
	// The health the links hold for a goal is good while nothing under it
	// changed since they were written: the goals and check-ins patched in,
	// the goals they hang under, and those goals' parents are not.
	stale := map[string]bool{}
	for len(moved) > 0 {
		id := moved[len(moved)-1]
		moved = moved[:len(moved)-1]
		if id == "" || stale[id] {
			continue
		}
		stale[id] = true
		if g := r.goal(id); g != nil {
			moved = append(moved, g.Parent)
		}
	}
	hasNew, hasOld := map[string]bool{}, map[string]bool{}
	for _, c := range changes {
		if u, ok := c.New.(*model.Update); ok {
			hasNew[u.Target] = true
		}
		if u, ok := c.Old.(*model.Update); ok {
			hasOld[u.Target] = true
		}
	}
	var goals []string
	for id := range after.Goals {
		goals = append(goals, id)
	}
	for _, g := range oldGoals {
		goals = append(goals, g.ID)
	}
	done := map[string]bool{}
	for len(goals) > 0 {
		id := goals[len(goals)-1]
		goals = goals[:len(goals)-1]
		if done[id] {
			continue
		}
		done[id] = true
		u := links.latestUpdate(id, changedChecks)
		if u != nil && after.Updates[u.ID] == nil {
			after.Add(u, nil)
		}
		if (u != nil || hasNew[id]) && (u != nil || hasOld[id]) {
			continue // a check-in on both sides: the children do not count
		}
		for _, row := range links.find(linkGoals, id) {
			if changedGoals[row[1]] {
				continue // there already, on the side(s) it exists
			}
			c := goalStandIn(row)
			if after.Goals[c.ID] != nil {
				goals = append(goals, c.ID)
				continue
			}
			after.Add(c, nil)
			if stale[c.ID] || seen[c.ID] || links.replaced[linkGoals][row[1]] {
				goals = append(goals, c.ID)
				continue
			}
			// Nothing under c changed, between the links' trees and rev2
			// or in the diff's range (c is not above a changed record, or
			// it would be in seen, read whole unless its file is named
			// otherwise): the health the links hold is c's on both sides,
			// and a stand-in check-in says it for c's subtree.
			if row[5] != "" {
				after.Add(&model.Update{ID: "health of " + c.ID, Target: c.ID, Health: row[5]}, nil)
			}
		}
	}

	// The authors.
	for _, e := range emails {
		for _, h := range links.handles(e) {
			if err := r.addKind(after, model.KindPerson, h); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	after.Index()
	return after, changes, problems, nil
}

// PeopleAt adds to org the people with the given handles as they were at
// rev, when org does not hold them yet (a diff's attributions name who
// took each step). A handle that names nobody is skipped.
func (s *Store) PeopleAt(org *model.Org, rev string, handles []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, err := s.resolveCommit(rev)
	if err != nil {
		return err
	}
	r := &diffReader{s: s, tr: newTreeReader(s.repo.Storer), at: c}
	if r.root, err = r.tr.get(c.TreeHash); err != nil {
		return err
	}
	for _, h := range handles {
		if h == "" || org.People[h] != nil {
			continue
		}
		if err := r.addKind(org, model.KindPerson, h); err != nil {
			return err
		}
	}
	org.Index()
	return nil
}

// diffReader reads records of one revision by path from git objects.
type diffReader struct {
	s      *Store
	tr     *treeReader
	at     *object.Commit
	root   []byte
	loaded map[string]string // the load cache, when worth reading
	read   func(p string)
}

// decodeDeltas decodes both versions of each changed file, as
// ChangedBetween does.
func (r *diffReader) decodeDeltas(deltas []pathDelta, rev1, rev2 string, c1 *object.Commit) ([]model.RecordDelta, []model.Finding) {
	var out []model.RecordDelta
	var problems []model.Finding
	for _, d := range deltas {
		k, id, _ := model.KindOfPath(d.path)
		vc := newVersionCache(r.s, k, d.path)
		vc.loaded = r.loaded
		if r.read != nil {
			for _, h := range []plumbing.Hash{d.old, d.new} {
				if !h.IsZero() {
					r.read(d.path)
				}
			}
		}
		old, oerr := vc.get(d.old)
		nu, nerr := vc.get(d.new)
		if oerr != nil || nerr != nil {
			bad, rev, h := oerr, rev1, c1
			if nerr != nil {
				bad, rev, h = nerr, rev2, r.at
			}
			problems = append(problems, model.Finding{Rule: "file.unreadable", Severity: model.SeverityError,
				File: d.path, ID: id, Message: fmt.Sprintf("could not be read at %s (%s), so its changes are not shown: %v", rev, model.ShortHash(h.Hash.String()), bad)})
			continue
		}
		out = append(out, model.RecordDelta{Kind: k, ID: id, Old: old, New: nu})
	}
	return out, problems
}

// find returns the blob hash of path p at the revision, zero when absent.
func (r *diffReader) find(p string) plumbing.Hash {
	t := r.root
	for {
		dir, rest, more := cut(p, '/')
		e, ok := treeEntry(t, dir)
		if !ok {
			return plumbing.ZeroHash
		}
		if !more {
			if e.isFile() {
				return e.hash
			}
			return plumbing.ZeroHash
		}
		if !e.isDir() {
			return plumbing.ZeroHash
		}
		var err error
		if t, err = r.tr.get(e.hash); err != nil {
			return plumbing.ZeroHash
		}
		p = rest
	}
}

func cut(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// treeEntry finds the entry called name in a raw tree.
func treeEntry(t []byte, name string) (rawEntry, bool) {
	for {
		e, rest, ok := nextEntry(t)
		if !ok {
			return rawEntry{}, false
		}
		if string(e.name) == name {
			return e, true
		}
		t = rest
	}
}

// add adds the record called id at the revision to org, when org does
// not hold it: a record of the kind its prefix names, else the person
// and the team with that handle (a diff's names look up both). A record
// absent or unreadable there is skipped, as OrgAt leaves it out.
func (r *diffReader) add(org *model.Org, id string) error {
	if _, ok := org.Get(id); ok {
		return nil
	}
	if k := model.KindOfID(id); k != "" {
		return r.addKind(org, k, id)
	}
	for _, k := range []model.Kind{model.KindPerson, model.KindTeam} {
		if err := r.addKind(org, k, id); err != nil {
			return err
		}
	}
	return nil
}

func (r *diffReader) addKind(org *model.Org, k model.Kind, id string) error {
	if _, ok := org.Get(id); ok {
		return nil
	}
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil // not an ID of that kind: nothing to read
	}
	h := r.find(p)
	if h.IsZero() {
		return nil
	}
	rec := r.decode(k, p, h)
	if rec != nil && rec.RecordID() != "" {
		if _, dup := org.Get(rec.RecordID()); !dup {
			org.Add(rec, &model.Source{Path: p, Blob: h.String()})
		}
	}
	return nil
}

// addAll adds every record of a kind at the revision.
func (r *diffReader) addAll(org *model.Org, k model.Kind) error {
	return r.walk(k, func(p, id string, h plumbing.Hash) error {
		if _, ok := org.Get(id); ok {
			return nil
		}
		if rec := r.decode(k, p, h); rec != nil && rec.RecordID() != "" {
			if _, dup := org.Get(rec.RecordID()); !dup {
				org.Add(rec, &model.Source{Path: p, Blob: h.String()})
			}
		}
		return nil
	})
}

// decode reads one record file, through the load cache when it is
// read; nil when it cannot be read.
func (r *diffReader) decode(k model.Kind, p string, h plumbing.Hash) model.Record {
	if enc, ok := r.loaded[cacheKey(k, h.String())]; ok {
		if rec := cachedRecord(k, enc); rec != nil {
			return rec
		}
	}
	if r.read != nil {
		r.read(p)
	}
	data, err := readBlob(r.s, h)
	if err != nil {
		return nil
	}
	rec, err := decodeRecord(k, p, data)
	if err != nil {
		return nil
	}
	return rec
}

// walk calls fn for every record file of kind k at the revision.
func (r *diffReader) walk(k model.Kind, fn func(p, id string, h plumbing.Hash) error) error {
	dir, ok := treeEntry(r.root, k.Dir())
	if !ok || !dir.isDir() {
		return nil
	}
	return r.walkDir(dir.hash, k.Dir(), k.Sharded(), fn)
}

func (r *diffReader) walkDir(h plumbing.Hash, dir string, sharded bool, fn func(p, id string, h plumbing.Hash) error) error {
	t, err := r.tr.get(h)
	if err != nil {
		return err
	}
	for {
		e, rest, ok := nextEntry(t)
		if !ok {
			return nil
		}
		t = rest
		p := dir + "/" + string(e.name)
		switch {
		case e.isDir() && sharded:
			if err := r.walkDir(e.hash, p, false, fn); err != nil {
				return err
			}
		case e.isFile():
			if _, id, ok := model.KindOfPath(p); ok {
				if err := fn(p, id, e.hash); err != nil {
					return err
				}
			}
		}
	}
}

// links returns the diff links at the revision: from the file when it
// describes the revision's trees or one near them (patched with the
// files that differ), else made again by reading every goal, check-in
// and person. Made or patched much, they are written back.
func (r *diffReader) links() (l *diffLinks, moved []string, err error) {
	var trees [linkSections]plumbing.Hash
	for i, k := range linkKinds {
		if e, ok := treeEntry(r.root, k.Dir()); ok && e.isDir() {
			trees[i] = e.hash
		}
	}
	file := filepath.Join(r.s.gitDir, diffLinksName)
	data, _ := os.ReadFile(file)
	l = &diffLinks{file: parseDiffLinks(data)}
	if l.file != nil {
		var deltas [linkSections][]pathDelta
		n := 0
		for i, k := range linkKinds {
			if l.file.trees[i] == trees[i] {
				continue
			}
			depth := 0
			if k.Sharded() {
				depth = 1
			}
			if err := diffDirs(r.tr, l.file.trees[i], trees[i], k.Dir(), depth, &deltas[i]); err != nil {
				return nil, nil, err
			}
			n += len(deltas[i])
		}
		if n <= linksRebuildAt {
			for i, k := range linkKinds {
				for _, d := range deltas[i] {
					_, id, _ := model.KindOfPath(d.path)
					var rows []linkRow
					if !d.new.IsZero() {
						if rec := r.decode(k, d.path, d.new); rec != nil {
							rows = linkRows(id, rec)
							moved = append(moved, movedBy(rec)...)
						}
					}
					if !d.old.IsZero() && k != model.KindPerson {
						if rec := r.decode(k, d.path, d.old); rec != nil {
							moved = append(moved, movedBy(rec)...)
						}
					}
					l.replace(i, id, rows)
				}
			}
			if n > linksRewriteAt {
				return r.writeLinks(file, trees, l), nil, nil
			}
			return l, moved, nil
		}
	}
	// Made from nothing: through the load cache, which holds most
	// versions at the branch's tip.
	if r.loaded == nil {
		r.loaded = r.s.readCache()
	}
	l = &diffLinks{}
	for i, k := range linkKinds {
		err := r.walk(k, func(p, id string, h plumbing.Hash) error {
			if rec := r.decode(k, p, h); rec != nil {
				l.replace(i, id, linkRows(id, rec))
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return r.writeLinks(file, trees, l), nil, nil
}

// movedBy lists the goals whose health a goal or check-in can move: the
// goal itself and its parent, or the check-in's goal.
func movedBy(rec model.Record) []string {
	switch r := rec.(type) {
	case *model.Goal:
		return []string{r.ID, r.Parent}
	case *model.Update:
		return []string{r.Target}
	}
	return nil
}

// goal reads goal id at the revision, or nil.
func (r *diffReader) goal(id string) *model.Goal {
	p, err := model.PathOf(model.KindGoal, id)
	if err != nil {
		return nil
	}
	h := r.find(p)
	if h.IsZero() {
		return nil
	}
	g, _ := r.decode(model.KindGoal, p, h).(*model.Goal)
	return g
}

// writeLinks replaces the diff-links file with l's rows, and returns
// them as the file holds them (searched in place). Failure to write is
// harmless: the next diff makes them again.
func (r *diffReader) writeLinks(file string, trees [linkSections]plumbing.Hash, l *diffLinks) *diffLinks {
	var rows [linkSections][]linkRow
	for i := range rows {
		rows[i] = l.rows(i)
	}
	withHealth(&rows)
	b := encodeDiffLinks(trees, rows)
	replaceCacheFile(file, b)
	return &diffLinks{file: parseDiffLinks(b)}
}
