package gitstore

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeChanges maps each path that differs between two trees to its blob in
// the second (zero when removed).
func (s *Store) treeChanges(from, to *object.Tree) (map[string]plumbing.Hash, error) {
	changes, err := object.DiffTree(from, to)
	if err != nil {
		return nil, err
	}
	out := make(map[string]plumbing.Hash, len(changes))
	for _, c := range changes {
		name := c.To.Name
		if name == "" {
			name = c.From.Name
		}
		out[name] = c.To.TreeEntry.Hash
	}
	return out, nil
}

// mergeResult is what merging theirs into ours adds on top of ours.
type mergeResult struct {
	put       []File
	delete    []string
	merged    []string // IDs merged field by field
	conflicts []RecordConflict
	touched   []string // IDs of records either side changed
}

// resolutionKey finds a resolution by record and field.
func resolutionKey(id, field string) string { return id + "\x00" + field }

// mergeTrees merges theirs into ours against base, record by record: a
// path changed on one side only is taken from that side; a record changed
// on both is merged field by field (model.Merge); a file that is not a
// record, or that cannot be read on one side, and that both changed
// differently is a conflict. resolved holds the user's choices for
// conflicts of an earlier attempt; they apply when the same conflict
// arises again.
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
		if _, ok := resolved[resolutionKey(id, RecordField)]; ok {
			return nil // applied by applyRecordResolutions
		}
		res.conflicts = append(res.conflicts, RecordConflict{Kind: k, ID: id, Path: p, Rule: why,
			FieldConflict: model.FieldConflict{Field: RecordField, Base: presence(b), Ours: presence(o), Theirs: presence(t)}})
		return nil
	}
	switch {
	case p == model.ConfigPath:
		return s.mergeConfig(res, b, o, t)
	case !isRecord:
		return whole("file changed on both sides")
	case o.data == nil || t.data == nil:
		return whole("edited on one side, deleted on the other")
	case !o.ok || !t.ok || (b.data != nil && !b.ok):
		return whole("a version could not be read")
	}
	merged, conflicts := model.Merge(b.rec, o.rec, t.rec)
	var open []model.FieldConflict
	for _, c := range conflicts {
		r, ok := resolved[resolutionKey(id, c.Field)]
		if !ok || r.Ours != c.Ours || r.Theirs != c.Theirs {
			open = append(open, c)
			continue
		}
		if err := applyResolution(merged, t.rec, r); err != nil {
			return fmt.Errorf("%s %s: %w", id, c.Field, err)
		}
	}
	for _, c := range open {
		res.conflicts = append(res.conflicts, RecordConflict{Kind: k, ID: id, Path: p, FieldConflict: c})
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

func (s *Store) mergeConfig(res *mergeResult, b, o, t side) error {
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
		res.conflicts = append(res.conflicts, RecordConflict{Path: model.ConfigPath, ID: model.ConfigPath,
			FieldConflict: model.FieldConflict{Field: RecordField, Base: presence(b), Ours: presence(o), Theirs: presence(t)},
			Rule:          "accord.yaml could not be merged"})
		return nil
	}
	merged, conflicts := model.MergeConfig(bc, oc, tc)
	for _, c := range conflicts {
		res.conflicts = append(res.conflicts, RecordConflict{Path: model.ConfigPath, ID: model.ConfigPath, FieldConflict: c})
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

func presence(v side) string {
	switch {
	case v.data == nil:
		return "deleted"
	case v.rec != nil:
		if t := v.rec.RecordTitle(); t != "" {
			return "exists: " + t
		}
		return "exists"
	}
	return "exists"
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

// applyRecordResolutions carries out whole-record choices: "theirs" puts
// the remote's version of the file (or its deletion) in place of whatever
// the merge made of it; "ours" leaves this clone's version.
func (s *Store) applyRecordResolutions(res *mergeResult, theirs *object.Tree, resolved map[string]RecordConflict) error {
	for _, r := range resolved {
		if r.Field != RecordField || r.Resolution != "theirs" || r.Path == "" {
			continue
		}
		res.put = slices.DeleteFunc(res.put, func(f File) bool { return f.Path == r.Path })
		res.delete = slices.DeleteFunc(res.delete, func(p string) bool { return p == r.Path })
		e, err := theirs.FindEntry(r.Path)
		if err != nil {
			res.delete = append(res.delete, r.Path)
			continue
		}
		data, err := readBlob(s, e.Hash)
		if err != nil {
			return err
		}
		res.put = append(res.put, File{Path: r.Path, Data: data})
	}
	return nil
}
