package gitstore

import (
	"fmt"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// Blame returns, for each field of a record as it is at HEAD (in the
// record's field order), the commit that gave the field its value: it
// follows each value back through the commits that left it unchanged,
// into whichever parent of a merge it came from, to the commit that set it.
func (s *Store) Blame(k model.Kind, id string) ([]model.FieldBlame, error) {
	p, err := model.PathOf(k, id)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	head, err := s.historyStart("")
	if err != nil {
		return nil, err
	}
	if head == nil {
		return nil, fmt.Errorf("blame %s: the repository has no commits: %w", id, ErrNotFound)
	}
	blob, err := blobAt(head, p)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", id, err)
	}
	if blob.IsZero() {
		return nil, fmt.Errorf("blame %s: it does not exist at HEAD (%s): %w", id, model.ShortHash(head.Hash.String()), ErrNotFound)
	}
	idx, err := s.historyIndexForPath(head, p)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", id, err)
	}
	versions := newVersionCache(s, k, p)
	cur, err := versions.get(blob)
	if err != nil {
		return nil, fmt.Errorf("blame %s at HEAD (%s): %w: %v", id, model.ShortHash(head.Hash.String()), ErrUnreadable, err)
	}
	fields := model.Flatten(cur)

	blamed, err := blameFields(idx, versions, p, head.Hash, blob, fields)
	if err != nil {
		return nil, fmt.Errorf("blame %s: %w", id, err)
	}
	infos := map[plumbing.Hash]model.CommitInfo{}
	out := make([]model.FieldBlame, 0, len(fields))
	for _, f := range fields {
		h := blamed[f.Field]
		info, ok := infos[h]
		if !ok {
			c, err := s.repo.CommitObject(h)
			if err != nil {
				return nil, fmt.Errorf("blame %s: commit %s: %w", id, h, err)
			}
			info = commitInfo(c)
			infos[h] = info
		}
		out = append(out, model.FieldBlame{Field: f.Field, Value: f.Value, Commit: info})
	}
	return out, nil
}

// blameFields finds, for each field of the record at path p as it is in
// commit head (blob), the commit that gave it its value. Each task carries
// fields whose value at its commit is the current one; a field moves to a
// parent that has the same value, and stops at the commit where no parent
// has it.
func blameFields(idx *histIndex, versions *versionCache, p string, head, blob plumbing.Hash, fields []model.FieldValue) (map[string]plumbing.Hash, error) {
	type task struct {
		commit plumbing.Hash
		blob   plumbing.Hash
		fields []model.FieldValue
	}
	blamed := map[string]plumbing.Hash{}
	stack := []task{{head, blob, fields}}
	for len(stack) > 0 {
		t := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		hc := idx.commits[t.commit]
		if hc == nil {
			return nil, fmt.Errorf("commit %s missing from the history index", t.commit)
		}
		parentBlobs := make([]plumbing.Hash, len(hc.parents))
		same := -1
		for i := range hc.parents {
			parentBlobs[i] = t.blob
			if d := hc.delta(i, p); d != nil {
				parentBlobs[i] = d.old
			}
			if same < 0 && parentBlobs[i] == t.blob {
				same = i
			}
		}
		if same >= 0 {
			stack = append(stack, task{hc.parents[same], t.blob, t.fields})
			continue
		}
		pending := t.fields
		for i, ph := range hc.parents {
			if len(pending) == 0 {
				break
			}
			prev, err := versions.get(parentBlobs[i])
			if err != nil || prev == nil {
				continue
			}
			values := map[string]string{}
			for _, f := range model.Flatten(prev) {
				values[f.Field] = f.Value
			}
			var pass, keep []model.FieldValue
			for _, f := range pending {
				if values[f.Field] == f.Value {
					pass = append(pass, f)
				} else {
					keep = append(keep, f)
				}
			}
			if len(pass) > 0 {
				stack = append(stack, task{ph, parentBlobs[i], pass})
			}
			pending = keep
		}
		for _, f := range pending {
			blamed[f.Field] = t.commit
		}
	}
	return blamed, nil
}
