package gitstore

import (
	"fmt"
	"slices"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Verify walks the commits reachable from rev2 but not from rev1 (rev1 ""
// for the whole history) and returns every accountable step they took
// (model.StepsBetween), oldest first, each attributed to the person whose
// e-mail the commit's author has, and a finding for every step taken by
// someone who may not take it, or not signed as accord.yaml requires.
//
// Who may take a step is judged in the organisation as it was before the
// commit (its first parent's people, teams and accord.yaml), so a commit
// cannot grant itself the right it uses. A merge commit takes only the
// steps its result holds that neither parent had: the steps it brings
// from either side were taken, and are judged, in the commits that made
// them.
func (s *Store) Verify(rev1, rev2 string) ([]model.Attribution, []model.Finding, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	base, err := s.resolveBase(rev1)
	if err != nil {
		return nil, nil, err
	}
	head, err := s.resolveCommit(rev2)
	if err != nil {
		return nil, nil, err
	}
	idx, err := s.historyIndexLocked(head)
	if err != nil {
		return nil, nil, err
	}
	order := idx.dateOrder(head.Hash)
	if base != nil {
		bidx, err := s.historyIndexLocked(base)
		if err != nil {
			return nil, nil, err
		}
		excluded := map[plumbing.Hash]bool{}
		for _, h := range bidx.dateOrder(base.Hash) {
			excluded[h] = true
		}
		order = slices.DeleteFunc(order, func(h plumbing.Hash) bool { return excluded[h] })
	}
	v := &verifier{s: s, contexts: map[[3]plumbing.Hash]*model.Org{}, versions: map[plumbing.Hash]model.Record{},
		keyrings: map[*model.Org]*keyring{}}
	var atts []model.Attribution
	var findings []model.Finding
	for i := len(order) - 1; i >= 0; i-- {
		a, f, err := v.commit(idx, order[i])
		if err != nil {
			return nil, nil, err
		}
		atts, findings = append(atts, a...), append(findings, f...)
	}
	return atts, findings, nil
}

// verifier holds what a walk decodes once: the organisations commits are
// judged in, by the trees of people/, teams/ and accord.yaml they come
// from, and record versions by blob.
type verifier struct {
	s        *Store
	contexts map[[3]plumbing.Hash]*model.Org
	versions map[plumbing.Hash]model.Record
	keyrings map[*model.Org]*keyring
}

// taken is one step a commit took, on the file it changed, with the
// record as the commit left it.
type taken struct {
	step model.Step
	path string
	rec  model.Record
}

// judged is one commit under judgement: who made it, in the organisation
// before it, and how it is signed.
type judged struct {
	c        *object.Commit
	info     model.CommitInfo
	org      *model.Org
	by       string // the person the author's e-mail names, "" for none
	who      string // "by Name <e-mail>", for messages
	signer   string
	sig      model.SignatureState
	accepted map[string]bool // decisions this commit accepted, as it was allowed to
}

// commit returns the steps one commit took and the findings they raise.
func (v *verifier) commit(idx *histIndex, h plumbing.Hash) ([]model.Attribution, []model.Finding, error) {
	changed := ownChanges(idx.commits[h])
	if len(changed) == 0 {
		return nil, nil, nil
	}
	c, err := v.s.repo.CommitObject(h)
	if err != nil {
		return nil, nil, fmt.Errorf("verify: commit %s: %w", h, err)
	}
	ctxCommit := c
	if len(c.ParentHashes) > 0 {
		if ctxCommit, err = v.s.repo.CommitObject(c.ParentHashes[0]); err != nil {
			return nil, nil, fmt.Errorf("verify: commit %s: %w", c.ParentHashes[0], err)
		}
	}
	org, err := v.context(ctxCommit)
	if err != nil {
		return nil, nil, err
	}
	steps := v.steps(org, changed)
	if len(steps) == 0 {
		return nil, nil, nil
	}
	j := v.judge(c, org, steps)
	var atts []model.Attribution
	var findings []model.Finding
	for _, t := range steps {
		atts = append(atts, model.Attribution{Step: t.step, Commit: j.info, By: j.by, For: org.OnBehalfOf(t.step, j.by),
			Signer: j.signer, Signature: j.sig})
		findings = append(findings, j.findings(t)...)
	}
	return atts, findings, nil
}

// steps lists the steps the changed files took.
func (v *verifier) steps(org *model.Org, changed []pathDelta) []taken {
	var out []taken
	for _, d := range changed {
		k, _, ok := model.KindOfPath(d.path)
		if !ok {
			continue
		}
		old, errOld := v.version(k, d.path, d.old)
		nu, errNew := v.version(k, d.path, d.new)
		if errOld != nil || errNew != nil {
			continue // an unreadable version is a finding of its own (validate, log)
		}
		for _, st := range model.StepsBetween(org, old, nu) {
			out = append(out, taken{st, d.path, nu})
		}
	}
	return out
}

// judge reads who made the commit and how it is signed.
func (v *verifier) judge(c *object.Commit, org *model.Org, steps []taken) *judged {
	j := &judged{c: c, info: commitInfo(c), org: org, accepted: map[string]bool{}}
	j.by, _ = org.PersonByEmail(c.Author.Email)
	kr := v.keyrings[org]
	if kr == nil {
		kr = newKeyring(org)
		v.keyrings[org] = kr
	}
	j.signer, j.sig = kr.verify(c)
	for _, t := range steps {
		if t.step.Kind == model.KindDecision && t.step.To == model.DecisionAccepted && org.CheckStep(t.step, j.by) == nil {
			j.accepted[t.step.ID] = true
		}
	}
	j.who = fmt.Sprintf("by %s <%s>", c.Author.Name, c.Author.Email)
	if j.by == "" {
		j.who = fmt.Sprintf("by an unknown identity (%s <%s>)", c.Author.Name, c.Author.Email)
	}
	j.who = model.CleanText(j.who, false)
	return j
}

// findings are what is wrong with one step: taken by someone who may not
// take it, a check-in posted for someone without saying by whom, or not
// signed as accord.yaml requires.
func (j *judged) findings(t taken) []model.Finding {
	var out []model.Finding
	finding := func(rule, msg string) {
		out = append(out, model.Finding{Rule: rule, Severity: model.SeverityError, File: t.path,
			ID: t.step.ID, Commit: j.info.Hash, Author: fmt.Sprintf("%s <%s>", j.c.Author.Name, j.c.Author.Email),
			Message: fmt.Sprintf("%s %s in %s: %s", t.step.Verb, j.who, model.ShortHash(j.info.Hash), msg)})
	}
	org, by := j.org, j.by
	err := org.CheckStep(t.step, by)
	if d, ok := t.rec.(*model.Decision); ok && t.step.To == model.DecisionSuperseded && j.accepted[d.SupersededBy] {
		err = nil // superseded by the acceptance of its successor, in the same commit
	}
	switch {
	case err != nil && t.step.Forbidden:
		finding(t.step.Rule, t.step.Reason)
		return out
	case err != nil:
		finding(t.step.Rule, "only "+t.step.Allowed(org)+" can "+t.step.Describe())
		return out
	}
	if u, ok := t.rec.(*model.Update); ok && by != u.Author && u.PostedBy != by {
		finding("checkin.posted-by", fmt.Sprintf("a check-in posted for %s by %s must name %s in posted_by", u.Author, by, by))
	}
	if !slices.Contains(org.Config.RequireSigned, t.step.Class) {
		return out
	}
	switch {
	case j.sig == model.SignatureNone:
		finding("signature.missing", "accord.yaml requires "+t.step.Class+" to be signed, and the commit is not")
	case j.sig != model.SignatureGood:
		finding("signature.invalid", "the commit's signature is not made by any key listed in people/ ("+string(j.sig)+")")
	case org.CheckStep(t.step, j.signer) != nil:
		finding("signature.wrong-person", fmt.Sprintf("the commit is signed with a key of %s, who may not %s", j.signer, t.step.Describe()))
	}
	return out
}

// ownChanges lists the record files a commit changed itself: for a commit
// with one parent (or none) every change; for a merge, the files whose
// version differs from every parent's.
func ownChanges(hc *histCommit) []pathDelta {
	if len(hc.diffs) == 0 {
		return nil
	}
	var out []pathDelta
	for _, d := range hc.diffs[0] {
		own := true
		for i := 1; i < len(hc.parents); i++ {
			if hc.delta(i, d.path) == nil {
				own = false
				break
			}
		}
		if own {
			out = append(out, d)
		}
	}
	return out
}

// version decodes one version of a record file; the zero hash is absence.
func (v *verifier) version(k model.Kind, p string, h plumbing.Hash) (model.Record, error) {
	if h.IsZero() {
		return nil, nil
	}
	if r, ok := v.versions[h]; ok {
		return r, nil
	}
	data, err := readBlob(v.s, h)
	if err != nil {
		return nil, err
	}
	rec, err := decodeRecord(k, p, data)
	if err != nil {
		return nil, err
	}
	v.versions[h] = rec
	return rec, nil
}

// context is the organisation a commit's steps are judged in: the people,
// teams and accord.yaml of commit c (the commit's first parent), decoded
// once per distinct set of their trees. Files that cannot be read are
// left out.
func (v *verifier) context(c *object.Commit) (*model.Org, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("verify: tree of %s: %w", c.Hash, err)
	}
	var key [3]plumbing.Hash
	for i, name := range []string{model.KindPerson.Dir(), model.KindTeam.Dir(), model.ConfigPath} {
		if e, err := tree.FindEntry(name); err == nil {
			key[i] = e.Hash
		}
	}
	if org, ok := v.contexts[key]; ok {
		return org, nil
	}
	org := model.NewOrg()
	if !key[2].IsZero() {
		if data, err := readBlob(v.s, key[2]); err == nil {
			if cfg, err := decodeConfig(data); err == nil {
				org.Config = cfg
			}
		}
	}
	for i, k := range []model.Kind{model.KindPerson, model.KindTeam} {
		if key[i].IsZero() {
			continue
		}
		sub, err := v.s.repo.TreeObject(key[i])
		if err != nil {
			return nil, fmt.Errorf("verify: %s at %s: %w", k.Dir(), model.ShortHash(c.Hash.String()), err)
		}
		err = sub.Files().ForEach(func(f *object.File) error {
			p := k.Dir() + "/" + f.Name
			kind, _, ok := model.KindOfPath(p)
			if !ok || kind != k || !f.Mode.IsFile() {
				return nil
			}
			if rec, err := v.version(k, p, f.Hash); err == nil && rec.RecordID() != "" {
				org.Add(rec, &model.Source{Path: p, Blob: f.Hash.String()})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("verify: %s at %s: %w", k.Dir(), model.ShortHash(c.Hash.String()), err)
		}
	}
	org.Index()
	v.contexts[key] = org
	return org, nil
}
