package gitstore

// The merge of a diverged remote, made again with the user's choices until
// none is left open: planning it (the record merge, the choices that still
// hold, the rules the result breaks), settling one conflict (Resolve) and
// making the merge commit.

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

var (
	// ErrBadChoice: a choice that cannot be carried out (a value of the
	// wrong type, a record that does not parse); nothing was changed.
	ErrBadChoice = errors.New("bad choice")
	// ErrChoiceBreaksRule: the merge with this choice would still break a
	// rule; the choice was not recorded and the session is as it was.
	ErrChoiceBreaksRule = errors.New("the choice still breaks a rule")
)

// mergePlan is one attempt at merging the remote's commit into the
// branch, with the user's choices so far.
type mergePlan struct {
	base          *object.Commit // nil: unrelated histories
	local, remote plumbing.Hash
	bt, lt, rt    *object.Tree
	mr            mergeResult
	// kept are the choices that hold; open the conflicts without one.
	kept, open []RecordConflict
	// broken are record choices carried out whose result still breaks a
	// rule (the conflict is in open again).
	broken []RecordConflict
}

// planMerge merges remote into local against base with the choices (the
// resolved conflicts of a session), checks the rules over the result, and
// says what is still open. It writes nothing.
func (s *Store) planMerge(base *object.Commit, local, remote plumbing.Hash, today time.Time, choices []RecordConflict) (*mergePlan, error) {
	pl := &mergePlan{base: base, local: local, remote: remote, bt: &object.Tree{}}
	var err error
	if base != nil {
		if pl.bt, err = base.Tree(); err != nil {
			return nil, err
		}
	}
	if pl.lt, err = s.treeOf(local); err != nil {
		return nil, err
	}
	if pl.rt, err = s.treeOf(remote); err != nil {
		return nil, err
	}
	chosen := map[string]RecordConflict{}
	var ruleChoices []RecordConflict
	for _, c := range choices {
		if !c.Resolved() {
			continue
		}
		chosen[resolutionKey(c.ID, c.Field)] = c
		if c.Field == RecordField && len(c.Records) > 0 {
			ruleChoices = append(ruleChoices, c)
		}
	}
	if pl.mr, err = s.mergeTrees(pl.bt, pl.lt, pl.rt, chosen); err != nil {
		return nil, err
	}
	mr := &pl.mr
	for _, c := range mr.whole {
		if err := s.applyWholeChoice(pl, c, []string{c.Path}); err != nil {
			return nil, err
		}
	}
	// A rule conflict's choice holds while the records it involves are as
	// they were when it was made.
	for _, ch := range ruleChoices {
		if _, done := mr.applied[resolutionKey(ch.ID, RecordField)]; done {
			continue
		}
		now := ch
		if err := s.describe(pl, &now); err != nil {
			return nil, err
		}
		if !now.SameValues(ch) {
			continue
		}
		paths, err := s.pathsOf(pl, ch.Records)
		if err != nil {
			return nil, err
		}
		if err := s.applyWholeChoice(pl, ch, paths); err != nil {
			return nil, err
		}
		mr.apply(ch)
	}
	rules, err := s.ruleConflicts(pl, today)
	if err != nil {
		return nil, err
	}
	for _, c := range rules {
		if ch, ok := mr.applied[resolutionKey(c.ID, RecordField)]; ok {
			pl.broken = append(pl.broken, ch)
			delete(mr.applied, resolutionKey(c.ID, RecordField))
		}
	}
	pl.open = append(mr.conflicts, rules...)
	for _, c := range mr.applied {
		pl.kept = append(pl.kept, c)
	}
	return pl, nil
}

// session is the merge session that plan leaves: the choices that hold
// and the conflicts still open, in file order.
func (pl *mergePlan) session() *MergeSession {
	sess := &MergeSession{Ours: pl.local.String(), Theirs: pl.remote.String()}
	if pl.base != nil {
		sess.Base = pl.base.Hash.String()
	}
	sess.Conflicts = append(slices.Clone(pl.kept), pl.open...)
	slices.SortStableFunc(sess.Conflicts, func(a, b RecordConflict) int {
		if a.Path != b.Path {
			return strings.Compare(a.Path, b.Path)
		}
		return strings.Compare(a.Field, b.Field)
	})
	return sess
}

// fileAt is p's content in t, nil when absent.
func (s *Store) fileAt(t *object.Tree, p string) ([]byte, error) {
	e, err := t.FindEntry(p)
	if err != nil {
		return nil, nil
	}
	data, err := readBlob(s, e.Hash)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return data, nil
}

// mergedFile is p's content as the plan leaves it (nil when removed).
func (s *Store) mergedFile(pl *mergePlan, p string) ([]byte, error) {
	for _, f := range pl.mr.put {
		if f.Path == p {
			return f.Data, nil
		}
	}
	if slices.Contains(pl.mr.delete, p) {
		return nil, nil
	}
	return s.fileAt(pl.lt, p)
}

// setFile makes the plan leave p as data (nil: removed), on top of ours.
func (s *Store) setFile(pl *mergePlan, p string, data []byte) error {
	mr := &pl.mr
	mr.put = slices.DeleteFunc(mr.put, func(f File) bool { return f.Path == p })
	mr.delete = slices.DeleteFunc(mr.delete, func(q string) bool { return q == p })
	ours, err := s.fileAt(pl.lt, p)
	if err != nil {
		return err
	}
	switch {
	case data == nil && ours != nil:
		mr.delete = append(mr.delete, p)
	case data != nil && string(data) != string(ours):
		mr.put = append(mr.put, File{Path: p, Data: data})
	}
	return nil
}

// applyWholeChoice carries out a choice over whole files: ours puts back
// this clone's version of each path, theirs the remote's, a value (an
// edited record) replaces the conflict's own file.
func (s *Store) applyWholeChoice(pl *mergePlan, c RecordConflict, paths []string) error {
	switch c.Resolution {
	case "value":
		data, err := checkRecordText(c, c.Value)
		if err != nil {
			return err
		}
		return s.setFile(pl, c.Path, data)
	case "ours", "theirs":
		t := pl.lt
		if c.Resolution == "theirs" {
			t = pl.rt
		}
		for _, p := range paths {
			data, err := s.fileAt(t, p)
			if err != nil {
				return err
			}
			if err := s.setFile(pl, p, data); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkRecordText reads an edited record for the conflict c: it must be
// one record of c's kind with c's ID, with the hardening of every read.
func checkRecordText(c RecordConflict, text string) ([]byte, error) {
	if c.Kind == "" {
		return nil, fmt.Errorf("%w: %s is not a record; resolve it with --ours or --theirs", ErrBadChoice, c.Path)
	}
	data := []byte(text)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	rec, err := decodeRecord(c.Kind, c.Path, data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadChoice, err)
	}
	if rec.RecordID() != c.ID {
		return nil, fmt.Errorf("%w: the record's id is %q, not %s", ErrBadChoice, rec.RecordID(), c.ID)
	}
	return data, nil
}

// pathsOf finds the files of records by ID: in the merge, or where the
// ID's kind keeps it.
func (s *Store) pathsOf(pl *mergePlan, ids []string) ([]string, error) {
	var out []string
	for _, id := range ids {
		k := model.KindOfID(id)
		if k == "" {
			for _, k2 := range []model.Kind{model.KindPerson, model.KindTeam} {
				p, _ := model.PathOf(k2, id)
				for _, t := range []*object.Tree{pl.lt, pl.rt, pl.bt} {
					if _, err := t.FindEntry(p); err == nil {
						k = k2
					}
				}
			}
		}
		if k == "" {
			continue
		}
		p, err := model.PathOf(k, id)
		if err != nil {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// describe fills a whole-record conflict's values from the plan: the
// record's file on each side and in the merge, and the fields that differ
// for it and every record its rule involves.
func (s *Store) describe(pl *mergePlan, c *RecordConflict) error {
	ids := c.Records
	if len(ids) == 0 {
		ids = []string{c.ID}
	}
	paths, err := s.pathsOf(pl, ids)
	if err != nil {
		return err
	}
	c.Fields = nil
	for _, p := range paths {
		k, id, _ := model.KindOfPath(p)
		var v [4][]byte
		for i, t := range []*object.Tree{pl.bt, pl.lt, pl.rt} {
			if v[i], err = s.fileAt(t, p); err != nil {
				return err
			}
		}
		if v[3], err = s.mergedFile(pl, p); err != nil {
			return err
		}
		if id == c.ID {
			c.Path, c.Kind = p, k
			c.Base, c.Ours, c.Theirs, c.Merged = string(v[0]), string(v[1]), string(v[2]), string(v[3])
		}
		var r [4]model.Record
		for i, data := range v {
			if data != nil {
				r[i], _ = decodeRecord(k, p, data)
			}
		}
		c.Fields = append(c.Fields, model.ConflictFields(id, r[0], r[1], r[2], r[3])...)
	}
	return nil
}

// ruleConflicts validates what the plan produced: each record that now
// breaks an error rule it did not break on this clone is a conflict over
// the whole record, involving every record the finding names (every goal
// on a loop, the goal a dangling parent pointed at), touched by the merge
// or not. Ours puts back this clone's version of all of them, theirs the
// remote's: each side was valid on its own, so either is a way out.
func (s *Store) ruleConflicts(pl *mergePlan, today time.Time) ([]RecordConflict, error) {
	mr := &pl.mr
	if len(mr.put) == 0 && len(mr.delete) == 0 {
		return nil, nil
	}
	org, err := s.Load()
	if err != nil {
		return nil, err
	}
	before := map[string]bool{}
	opts := model.ValidateOptions{Today: today}
	for _, f := range model.Validate(org, opts) {
		if f.Severity == model.SeverityError {
			before[f.ID+"\x00"+f.Rule] = true
		}
	}
	for _, f := range mr.put {
		k, _, ok := model.KindOfPath(f.Path)
		if !ok {
			continue
		}
		if rec, err := decodeRecord(k, f.Path, f.Data); err == nil {
			org.Add(rec, &model.Source{Path: f.Path})
		}
	}
	for _, p := range mr.delete {
		if _, id, ok := model.KindOfPath(p); ok {
			org.Remove(id)
		}
	}
	org.Index()
	var out []RecordConflict
	for _, f := range model.Validate(org, opts) {
		if f.Severity != model.SeverityError || f.ID == "" || before[f.ID+"\x00"+f.Rule] {
			continue
		}
		records := append([]string{f.ID}, model.IDsIn(f.Message)...)
		if i := slices.IndexFunc(out, func(c RecordConflict) bool { return c.ID == f.ID }); i >= 0 {
			for _, id := range records {
				if !slices.Contains(out[i].Records, id) {
					out[i].Records = append(out[i].Records, id)
				}
			}
			continue
		}
		c := RecordConflict{ID: f.ID, Rule: f.Rule + ": " + f.Message, Records: slices.Compact(records),
			FieldConflict: model.FieldConflict{Field: RecordField}}
		if src := org.Sources[f.ID]; src != nil {
			c.Path = src.Path
			c.Kind, _, _ = model.KindOfPath(src.Path)
		}
		out = append(out, c)
	}
	for i := range out {
		if err := s.describe(pl, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// commitMerge makes the plan's merge commit, with both parents, refusing
// to overwrite files edited and not committed.
func (s *Store) commitMerge(pl *mergePlan, author Signature, res *SyncResult) (string, error) {
	changed := map[string]plumbing.Hash{}
	for _, f := range pl.mr.put {
		changed[f.Path] = plumbing.ZeroHash
	}
	for _, p := range pl.mr.delete {
		changed[p] = plumbing.ZeroHash
	}
	if err := s.checkUntouched(pl.lt, changed); err != nil {
		return "", err
	}
	res.Pulled, res.PulledFrom = s.countSince(pl.remote, []plumbing.Hash{pl.local})
	res.Merged = pl.mr.merged
	msg := fmt.Sprintf("sync: merge %d changes from %s", res.Pulled, remoteName)
	if len(pl.mr.merged) > 0 {
		msg += fmt.Sprintf("\n\nMerged field by field: %s", strings.Join(pl.mr.merged, ", "))
	}
	if len(pl.kept) > 0 {
		var lines []string
		for _, c := range pl.session().Conflicts {
			lines = append(lines, fmt.Sprintf("  %s %s: %s", c.ID, c.Field, c.Resolution))
		}
		msg += "\n\nConflicts resolved:\n" + strings.Join(lines, "\n")
	}
	return s.commitLocked(Change{Put: pl.mr.put, Delete: pl.mr.delete, Message: msg, MergeParent: pl.remote}, author)
}

// mergeRemote merges the remote's commit into the branch with the
// choices made so far. Clean: the merge commit, and then the session (if
// any) is removed. Conflicts left: the session lists exactly them and the
// choices that hold, and ErrConflicts.
func (s *Store) mergeRemote(base *object.Commit, local, remote plumbing.Hash, author Signature, today time.Time, choices []RecordConflict, res *SyncResult) error {
	pl, err := s.planMerge(base, local, remote, today, choices)
	if err != nil {
		return err
	}
	if len(pl.open) > 0 {
		if err := s.saveSession(pl.session()); err != nil {
			return err
		}
		res.Conflicts = len(pl.open)
		return fmt.Errorf("%w: %d (accord conflicts lists them)", ErrConflicts, res.Conflicts)
	}
	if _, err := s.commitMerge(pl, author, res); err != nil {
		return err
	}
	return s.dropSession()
}

// sessionMerge is the session's merge made again against the branch as it
// is now, with its choices.
func (s *Store) sessionMerge(sess *MergeSession, today time.Time) (*mergePlan, error) {
	_, local, err := s.branchHead()
	if err != nil {
		return nil, err
	}
	var base *object.Commit
	if sess.Base != "" {
		if base, err = s.repo.CommitObject(plumbing.NewHash(sess.Base)); err != nil {
			return nil, fmt.Errorf("merge session: base %s: %w", sess.Base, err)
		}
	}
	return s.planMerge(base, local, plumbing.NewHash(sess.Theirs), today, sess.Conflicts)
}

// ResolveResult says what one choice did.
type ResolveResult struct {
	// Left counts the conflicts still open; 0 only once the merge commit
	// exists.
	Left int
	// Commit is the merge commit the choice made, "" while some are open.
	Commit string
	// Conflicts is the session as it stands (nil once committed).
	Conflicts []RecordConflict
}

// Resolve is ResolveConflict for callers that want only the count left.
func (s *Store) Resolve(id, field, how, value string) (int, error) {
	r, err := s.ResolveConflict(id, field, how, value)
	return r.Left, err
}

// ResolveConflict records the user's choice for one conflict of the merge
// session: "ours" (this clone's value; for a whole record, this clone's
// version of it and of every record its rule involves), "theirs" (the
// remote's), or "value" with a field's value (read as accord set reads
// it) or a whole record's YAML (an edited record). id may be a prefix of
// the record's ID; field is a field path or RecordField.
//
// The merge is made again at once, against the branch as it is now, with
// every choice so far: a choice that cannot be carried out, or after
// which the merge still breaks an error rule, is refused and the session
// is left as it was. A conflict whose values changed since (a field edited
// on this clone) is opened again with the new values, and the choice is
// refused. Otherwise the choice is kept (across later merges too); when no
// conflict is left, the merge commit is made and only then is the session
// removed. The next sync pushes it.
func (s *Store) ResolveConflict(id, field, how, value string) (ResolveResult, error) {
	var out ResolveResult
	today := s.Now()
	if how != "ours" && how != "theirs" && how != "value" {
		return out, fmt.Errorf("%w: resolve with ours, theirs or a value, not %q", ErrBadChoice, how)
	}
	author, err := s.Identity()
	if err != nil {
		return out, err
	}
	author.When = s.Now()
	err = s.locked(func() error {
		sess, err := s.Session()
		if err != nil {
			return err
		}
		if sess == nil {
			return errors.New("nothing to resolve: no merge is waiting")
		}
		c, err := sess.Find(id, field)
		if err != nil {
			return err
		}
		if how == "value" {
			if err := s.checkValue(sess, c, value); err != nil {
				return err
			}
		}
		choice := c
		choice.Resolution, choice.Value = how, ""
		if how == "value" {
			choice.Value = value
		}
		key := resolutionKey(c.ID, c.Field)
		choices := []RecordConflict{choice}
		for _, o := range sess.Conflicts {
			if o.Resolved() && resolutionKey(o.ID, o.Field) != key {
				choices = append(choices, o)
			}
		}
		pl, err := s.sessionMerge(sess, today)
		if err != nil {
			return err
		}
		if pl, err = s.planMerge(pl.base, pl.local, pl.remote, today, choices); err != nil {
			return err
		}
		if err := refusal(sess, pl, c); err != nil {
			if errors.Is(err, errReopened) {
				fresh := pl.session()
				out.Left, out.Conflicts = fresh.Unresolved(), fresh.Conflicts
				if serr := s.saveSession(fresh); serr != nil {
					return serr
				}
			}
			return err
		}
		if len(pl.open) > 0 {
			fresh := pl.session()
			out.Left, out.Conflicts = fresh.Unresolved(), fresh.Conflicts
			return s.saveSession(fresh)
		}
		var res SyncResult
		if out.Commit, err = s.commitMerge(pl, author, &res); err != nil {
			return err
		}
		return s.dropSession()
	})
	return out, err
}

// errReopened: the conflict's values changed since it was listed.
var errReopened = errors.New("changed since the conflict was listed")

// refusal says why the plan made with the choice for c cannot stand: the
// choice still breaks a rule, a rule it brings involves c's record, or
// c's values changed since (a field edited on this clone).
func refusal(sess *MergeSession, pl *mergePlan, c RecordConflict) error {
	key := resolutionKey(c.ID, c.Field)
	name := c.ID + " " + c.Field
	for _, b := range pl.broken {
		if resolutionKey(b.ID, b.Field) == key {
			for _, o := range pl.open {
				if o.ID == c.ID && o.Field == RecordField {
					return fmt.Errorf("%w: with %s for %s, %s [%s]; choose another way (ours puts back this clone's records), the session is unchanged",
						ErrChoiceBreaksRule, b.Resolution, name, ruleMessage(o), o.RuleID())
				}
			}
		}
	}
	if _, ok := pl.mr.applied[key]; !ok {
		for _, o := range pl.open {
			if resolutionKey(o.ID, o.Field) == key && o.Rule == "" {
				return fmt.Errorf("%s %w (ours is now %q, theirs %q); choose again", name, errReopened,
					model.CleanText(o.Ours, false), model.CleanText(o.Theirs, false))
			}
		}
	}
	for _, o := range pl.open {
		if o.Rule == "" || o.RuleID() == "" || !o.Involves(c.ID) {
			continue
		}
		had := slices.ContainsFunc(sess.Conflicts, func(p RecordConflict) bool {
			return !p.Resolved() && p.ID == o.ID && p.Field == RecordField && p.RuleID() == o.RuleID()
		})
		if !had {
			return fmt.Errorf("%w: with %s for %s, %s [%s]; choose another way, the session is unchanged",
				ErrChoiceBreaksRule, how(c, pl), name, ruleMessage(o), o.RuleID())
		}
	}
	return nil
}

// how names the choice the plan holds for c.
func how(c RecordConflict, pl *mergePlan) string {
	if ch, ok := pl.mr.applied[resolutionKey(c.ID, c.Field)]; ok {
		if ch.Resolution == "value" && c.Field != RecordField {
			return fmt.Sprintf("the value %q", model.CleanText(ch.Value, false))
		}
		return ch.Resolution
	}
	return "this choice"
}

// ruleMessage is the finding's message of a rule conflict.
func ruleMessage(c RecordConflict) string {
	_, msg, _ := strings.Cut(c.Rule, ": ")
	return c.ID + ": " + msg
}

// Find is the conflict on field of the record whose ID starts with id
// (any case); field RecordField, or "(record)", names a whole-record one.
func (m *MergeSession) Find(id, field string) (RecordConflict, error) {
	var hits []RecordConflict
	for _, c := range m.Conflicts {
		if id != "" && len(c.ID) >= len(id) && strings.EqualFold(c.ID[:len(id)], id) {
			hits = append(hits, c)
		}
	}
	if exact := slices.DeleteFunc(slices.Clone(hits), func(c RecordConflict) bool { return !strings.EqualFold(c.ID, id) }); len(exact) > 0 {
		hits = exact // an exact ID wins over longer ones it begins
	}
	var ids []string
	for _, c := range hits {
		if !slices.Contains(ids, c.ID) {
			ids = append(ids, c.ID)
		}
	}
	switch {
	case len(ids) == 0:
		return RecordConflict{}, fmt.Errorf("%w: no conflict on %s (accord conflicts lists them)", ErrBadChoice, id)
	case len(ids) > 1:
		return RecordConflict{}, fmt.Errorf("%w: %s matches the conflicts of %s; give more of the ID", ErrBadChoice, id, strings.Join(ids, ", "))
	}
	var fields []string
	for _, c := range hits {
		if c.Field == field {
			return c, nil
		}
		f := c.Field
		if f == RecordField {
			f = "--record"
		}
		fields = append(fields, f)
	}
	want := field
	if field == RecordField {
		want = "the whole record"
	}
	return RecordConflict{}, fmt.Errorf("%w: %s has no conflict on %s; it has: %s", ErrBadChoice, ids[0], want, strings.Join(fields, ", "))
}

// checkValue refuses a value that cannot be set: a field's value of the
// wrong type (read as accord set reads it, on this clone's record), or an
// edited record that does not parse or names another record.
func (s *Store) checkValue(sess *MergeSession, c RecordConflict, value string) error {
	if c.Field == RecordField {
		_, err := checkRecordText(c, value)
		return err
	}
	if c.Kind == "" {
		return fmt.Errorf("%w: %s %s is resolved with --ours or --theirs", ErrBadChoice, c.Path, c.Field)
	}
	_, local, err := s.branchHead()
	if err != nil {
		return err
	}
	lt, err := s.treeOf(local)
	if err != nil {
		return err
	}
	data, err := s.fileAt(lt, c.Path)
	if err != nil || data == nil {
		return err
	}
	rec, err := decodeRecord(c.Kind, c.Path, data)
	if err != nil {
		return nil // the merge reports an unreadable version itself
	}
	if err := Assign(rec, []Assignment{{Field: c.Field, Op: "=", Value: value}}); err != nil {
		return fmt.Errorf("%w: %s %s: %v; the session is unchanged", ErrBadChoice, c.ID, c.Field, err)
	}
	return nil
}

// continueSession makes a waiting merge again with its choices, against
// the branch as it is now (edits made meanwhile count): when nothing is
// left open it commits the merge and removes the session, so the sync
// goes on and pushes it; otherwise the session is brought up to date (it
// lists exactly what is left) and ErrConflicts says how many.
func (s *Store) continueSession(author Signature, today time.Time, res *SyncResult) error {
	sess, err := s.Session()
	if err != nil || sess == nil {
		return err
	}
	pl, err := s.sessionMerge(sess, today)
	if err != nil {
		return err
	}
	if len(pl.open) > 0 {
		if err := s.saveSession(pl.session()); err != nil {
			return err
		}
		res.Conflicts = len(pl.open)
		return fmt.Errorf("%w: %d left (accord conflicts lists them)", ErrConflicts, res.Conflicts)
	}
	var merged SyncResult
	if _, err := s.commitMerge(pl, author, &merged); err != nil {
		return err
	}
	res.Merged = merged.Merged
	return s.dropSession()
}
