package gitstore

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeChanges maps each path that differs between two trees to its blob in
// the second (zero when removed).
func (s *Store) treeChanges(from, to *object.Tree) (map[string]plumbing.Hash, error) {
	changes, err := s.entryChanges(from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]plumbing.Hash, len(changes))
	for p, e := range changes {
		out[p] = e.Hash
	}
	return out, nil
}

// entryChanges maps each path that differs between two trees to its entry
// in the second (a zero Hash and mode when removed), mode included, so
// that a symlink stays a symlink. It lists what go-git's DiffTree lists —
// a file whose hash or mode differs, every file under a folder on one
// side only — but reads only the folders whose hashes differ: a sync or a
// merge at 100,000 records compares the few folders its commits touched,
// where DiffTree decoded every tree of both sides.
func (s *Store) entryChanges(from, to *object.Tree) (map[string]object.TreeEntry, error) {
	out := map[string]object.TreeEntry{}
	if err := diffTreeEntries(newTreeReader(s.repo.Storer), from.Hash, to.Hash, "", out); err != nil {
		return nil, err
	}
	return out, nil
}

// fileMode is a tree entry's mode as go-git's DiffTree compares and
// reports it: the deprecated group-writable mode is a regular file.
func fileMode(mode []byte) string {
	if string(mode) == "100664" {
		return "100644"
	}
	return string(mode)
}

// diffTreeEntries adds to out the files that differ between folders a
// and b (zero for none) at dir.
func diffTreeEntries(tr *treeReader, a, b plumbing.Hash, dir string, out map[string]object.TreeEntry) error {
	ta, err := tr.get(a)
	if err != nil {
		return err
	}
	tb, err := tr.get(b)
	if err != nil {
		return err
	}
	x, restA, okA := nextEntry(ta)
	y, restB, okB := nextEntry(tb)
	for okA || okB {
		ea, eb := pairEntries(&x, okA, &y, okB)
		if ea == nil || eb == nil || ea.hash != eb.hash || fileMode(ea.mode) != fileMode(eb.mode) {
			p := path.Join(dir, string(cmp.Or(ea, eb).name))
			dirA, dirB := ea != nil && ea.isDir(), eb != nil && eb.isDir()
			if dirA || dirB {
				ha, hb := plumbing.ZeroHash, plumbing.ZeroHash
				if dirA {
					ha = ea.hash
				}
				if dirB {
					hb = eb.hash
				}
				if err := diffTreeEntries(tr, ha, hb, p, out); err != nil {
					return err
				}
			}
			if ea != nil && !dirA || eb != nil && !dirB {
				e := object.TreeEntry{Name: p}
				if eb != nil && !dirB {
					mode, err := filemode.New(fileMode(eb.mode))
					if err != nil {
						return fmt.Errorf("tree %s at %q: %w", b, p, err)
					}
					e.Hash, e.Mode = eb.hash, mode
				}
				out[p] = e
			}
		}
		if ea != nil {
			ta = restA
			x, restA, okA = nextEntry(restA)
		}
		if eb != nil {
			tb = restB
			y, restB, okB = nextEntry(restB)
		}
	}
	if len(ta) > 0 || len(tb) > 0 {
		return fmt.Errorf("tree %s or %s at %q: malformed", a, b, dir)
	}
	return nil
}

// mergeResult is what merging theirs into ours adds on top of ours.
type mergeResult struct {
	put       []File
	delete    []string
	merged    []string // IDs merged field by field
	conflicts []RecordConflict
	touched   []string // IDs of records either side changed
	// applied are the user's choices that still hold (the values they
	// were made for are the values now), by resolutionKey.
	applied map[string]RecordConflict
	// whole are the applied choices over whole files, carried out after
	// the record merge (applyWholeChoices).
	whole []RecordConflict
}

// apply notes a choice that holds.
func (r *mergeResult) apply(c RecordConflict) {
	if r.applied == nil {
		r.applied = map[string]RecordConflict{}
	}
	r.applied[resolutionKey(c.ID, c.Field)] = c
}

// resolutionKey finds a resolution by record and field.
func resolutionKey(id, field string) string { return id + "\x00" + field }

// mergeTrees merges theirs into ours against base, record by record: a
// path changed on one side only is taken from that side; a record changed
// on both is merged field by field (model.Merge); a file that is not a
// record, or that cannot be read on one side, and that both changed
// differently is a conflict. resolved holds the user's choices for
// conflicts of an earlier attempt; they apply when the same conflict
// arises again with the same values (a side edited since re-opens it).
func (s *Store) mergeTrees(base, ours, theirs *object.Tree, resolved map[string]RecordConflict) (mergeResult, error) {
	var res mergeResult
	oursCh, err := s.treeChanges(base, ours)
	if err != nil {
		return res, err
	}
	theirsCh, err := s.treeChanges(base, theirs)
	if err != nil {
		return res, err
	}
	for _, ch := range []map[string]plumbing.Hash{oursCh, theirsCh} {
		for p := range ch {
			if _, id, ok := model.KindOfPath(p); ok && !slices.Contains(res.touched, id) {
				res.touched = append(res.touched, id)
			}
		}
	}
	paths := make([]string, 0, len(theirsCh))
	for p := range theirsCh {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		th := theirsCh[p]
		oh, bothChanged := oursCh[p]
		switch {
		case !bothChanged:
			if th.IsZero() {
				res.delete = append(res.delete, p)
			} else {
				// Taken as the remote has it, whatever it holds: an
				// oversized file whole, a symlink as a symlink.
				var mode filemode.FileMode
				if e, err := theirs.FindEntry(p); err == nil && e.Mode == filemode.Symlink {
					mode = filemode.Symlink
				}
				data, err := readWhole(s, th)
				if err != nil {
					return res, fmt.Errorf("read %s from the remote: %w", p, err)
				}
				res.put = append(res.put, File{Path: p, Data: data, Mode: mode})
			}
		case oh == th:
			// Both sides made the same change.
		default:
			if err := s.mergePath(&res, p, base, oh, th, resolved); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// side is one version of a file in a merge.
type side struct {
	data []byte // nil when the file is absent
	rec  model.Record
	ok   bool // decoded as a record
}

func (s *Store) version(t *object.Tree, p string, h plumbing.Hash, k model.Kind) (side, error) {
	if t != nil && h.IsZero() {
		if e, err := t.FindEntry(p); err == nil {
			h = e.Hash
		}
	}
	if h.IsZero() {
		return side{}, nil
	}
	data, err := readBlob(s, h)
	if err != nil {
		return side{}, fmt.Errorf("read %s: %w", p, err)
	}
	v := side{data: data}
	if k != "" {
		if rec, err := decodeRecord(k, p, data); err == nil {
			v.rec, v.ok = rec, true
		}
	}
	return v, nil
}

// mergePath merges one path both sides changed differently.
func (s *Store) mergePath(res *mergeResult, p string, baseTree *object.Tree, oh, th plumbing.Hash, resolved map[string]RecordConflict) error {
	k, id, isRecord := model.KindOfPath(p)
	if !isRecord {
		k = ""
	}
	b, err := s.version(baseTree, p, plumbing.ZeroHash, k)
	if err != nil {
		return err
	}
	o, err := s.version(nil, p, oh, k)
	if err != nil {
		return err
	}
	t, err := s.version(nil, p, th, k)
	if err != nil {
		return err
	}
	whole := func(why string) error {
		if id == "" {
			id = p
		}
		c := RecordConflict{Kind: k, ID: id, Path: p, Rule: why,
			FieldConflict: model.FieldConflict{Field: RecordField, Base: string(b.data), Ours: string(o.data), Theirs: string(t.data)}}
		c.Merged = c.Ours
		m := o.rec
		if o.data == nil {
			c.Merged, m = c.Theirs, t.rec
		}
		if isRecord {
			c.Fields = model.ConflictFields(id, b.rec, o.rec, t.rec, m)
		}
		res.wholeConflict(c, resolved)
		return nil
	}
	switch {
	case p == model.ConfigPath:
		return s.mergeConfig(res, b, o, t, resolved)
	case !isRecord:
		return whole("file changed on both sides")
	case o.data == nil || t.data == nil:
		return whole("edited on one side, deleted on the other")
	case !o.ok || !t.ok || (b.data != nil && !b.ok):
		return whole("a version could not be read")
	}
	merged, conflicts := model.Merge(b.rec, o.rec, t.rec)
	for _, c := range conflicts {
		rc := RecordConflict{Kind: k, ID: id, Path: p, FieldConflict: c}
		r, ok := resolved[resolutionKey(id, c.Field)]
		if !ok || r.Ours != c.Ours || r.Theirs != c.Theirs {
			res.conflicts = append(res.conflicts, rc)
			continue
		}
		if err := applyResolution(merged, t.rec, r); err != nil {
			return fmt.Errorf("%s %s: %w", id, c.Field, err)
		}
		rc.Resolution, rc.Value = r.Resolution, r.Value
		res.apply(rc)
	}
	data, err := EncodeOver(o.data, merged)
	if err != nil {
		return fmt.Errorf("encode merged %s: %w", id, err)
	}
	if !bytes.Equal(data, o.data) {
		res.put = append(res.put, File{Path: p, Data: data})
	}
	res.merged = append(res.merged, id)
	return nil
}

// wholeConflict adds a conflict over a whole file, or, when the user chose
// for it already and its values are the same, the choice, carried out by
// applyWholeChoices.
func (r *mergeResult) wholeConflict(c RecordConflict, resolved map[string]RecordConflict) {
	if ch, ok := resolved[resolutionKey(c.ID, RecordField)]; ok && ch.SameValues(c) {
		c.Resolution, c.Value = ch.Resolution, ch.Value
		r.apply(c)
		r.whole = append(r.whole, c)
		return
	}
	r.conflicts = append(r.conflicts, c)
}

// applyResolution sets a conflicting field of the merged record to the
// value the user chose (the merged record already holds ours).
func applyResolution(merged, theirs model.Record, r RecordConflict) error {
	switch r.Resolution {
	case "theirs":
		return model.TakeField(merged, theirs, r.Field)
	case "value":
		return Assign(merged, []Assignment{{Field: r.Field, Op: "=", Value: r.Value}})
	}
	return nil
}

func (s *Store) mergeConfig(res *mergeResult, b, o, t side, resolved map[string]RecordConflict) error {
	dec := func(v side) (model.Config, bool) {
		if v.data == nil {
			return model.Config{}, true
		}
		c, err := decodeConfig(v.data)
		return c, err == nil
	}
	bc, ok1 := dec(b)
	oc, ok2 := dec(o)
	tc, ok3 := dec(t)
	if !ok1 || !ok2 || !ok3 || o.data == nil || t.data == nil {
		c := RecordConflict{Path: model.ConfigPath, ID: model.ConfigPath,
			FieldConflict: model.FieldConflict{Field: RecordField, Base: string(b.data), Ours: string(o.data), Theirs: string(t.data)},
			Rule:          "accord.yaml could not be merged"}
		c.Merged = c.Ours
		res.wholeConflict(c, resolved)
		return nil
	}
	merged, conflicts := model.MergeConfig(bc, oc, tc)
	for _, fc := range conflicts {
		c := RecordConflict{Path: model.ConfigPath, ID: model.ConfigPath, FieldConflict: fc}
		r, ok := resolved[resolutionKey(c.ID, fc.Field)]
		if !ok || r.Ours != fc.Ours || r.Theirs != fc.Theirs {
			res.conflicts = append(res.conflicts, c)
			continue
		}
		switch r.Resolution {
		case "theirs":
			if err := model.TakeConfigField(&merged, tc, fc.Field); err != nil {
				return fmt.Errorf("%s %s: %w", model.ConfigPath, fc.Field, err)
			}
		case "value":
			return fmt.Errorf("%w: %s %s is resolved with --ours or --theirs", ErrBadChoice, model.ConfigPath, fc.Field)
		}
		c.Resolution = r.Resolution
		res.apply(c)
	}
	data, err := EncodeOver(o.data, &merged)
	if err != nil {
		return err
	}
	if !bytes.Equal(data, o.data) {
		res.put = append(res.put, File{Path: model.ConfigPath, Data: data})
	}
	return nil
}

// MergeFiles merges three versions of one file at path p (base may be nil:
// added on both sides) the way sync does: records field by field,
// accord.yaml likewise. It returns the merged bytes (ours' text with the
// other side's changes, ours' value where they conflict) and the conflicts.
// It is what accord merge-driver runs for plain git merge.
func MergeFiles(p string, base, ours, theirs []byte) ([]byte, []model.FieldConflict, error) {
	if p == model.ConfigPath {
		var bc model.Config
		var err error
		if len(base) > 0 {
			if bc, err = decodeConfig(base); err != nil {
				return nil, nil, err
			}
		}
		oc, err := decodeConfig(ours)
		if err != nil {
			return nil, nil, err
		}
		tc, err := decodeConfig(theirs)
		if err != nil {
			return nil, nil, err
		}
		merged, conflicts := model.MergeConfig(bc, oc, tc)
		data, err := EncodeOver(ours, &merged)
		return data, conflicts, err
	}
	k, _, ok := model.KindOfPath(p)
	if !ok {
		return nil, nil, fmt.Errorf("%s is not an Accord record", p)
	}
	var b model.Record
	if len(base) > 0 {
		rec, err := decodeRecord(k, p, base)
		if err != nil {
			return nil, nil, err
		}
		b = rec
	}
	o, err := decodeRecord(k, p, ours)
	if err != nil {
		return nil, nil, err
	}
	t, err := decodeRecord(k, p, theirs)
	if err != nil {
		return nil, nil, err
	}
	merged, conflicts := model.Merge(b, o, t)
	data, err := EncodeOver(ours, merged)
	return data, conflicts, err
}
