package cli

import (
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// near is how a one-record command (show, set, checkin, new) reads the
// organisation: only the records around the ones it works on, found by
// their paths and the clone's neighbour index (gitstore/locate.go), and
// checked with the rules an edit to them can break (model.Around). When
// the index is missing or stale (a commit made with git, a fresh clone), a
// prefix matches too many records, or a file holds another record than its
// name says, it loads the whole organisation instead, as every command
// did before. Either way the answers are the same: model's
// TestAroundMatchesFullCheck and gitstore's TestNeighboursReadWhatALoadReads
// check it. The whole organisation is still checked by validate, sync and
// the TUI.
type near struct {
	a     *app
	s     *gitstore.Store
	n     *gitstore.Neighbours // nil once the whole organisation is loaded
	whole *model.Org
	email string // the git identity's e-mail
}

// openNear opens the repository for a one-record command. The caller
// closes the store.
func (a *app) openNear() (*near, error) {
	s, err := a.open()
	if err != nil {
		return nil, err
	}
	nr := &near{a: a, s: s, n: s.Neighbours()}
	if id, err := s.Identity(); err == nil {
		nr.email = id.Email
	}
	if nr.n == nil {
		if _, err := nr.wholeOrg(); err != nil {
			s.Close()
			return nil, err
		}
	}
	return nr, nil
}

// wholeOrg loads the whole organisation, once; from then on every answer
// comes from it.
func (nr *near) wholeOrg() (*model.Org, error) {
	if nr.whole == nil {
		org, err := nr.s.Load()
		if err != nil {
			return nil, err
		}
		nr.whole, nr.n = org, nil
	}
	return nr.whole, nil
}

// locate finds a record by unique ID prefix, with the errors resolve gives.
func (nr *near) locate(prefix string) (model.Record, error) {
	if nr.n != nil {
		found, problems, ok := nr.n.Locate(prefix)
		if ok && !nr.n.Strays() {
			mini := model.NewOrg()
			for _, f := range found {
				mini.Add(f.Rec, f.Src)
			}
			mini.Problems = problems
			mini.Index()
			return resolve(mini, prefix)
		}
	}
	org, err := nr.wholeOrg()
	if err != nil {
		return nil, err
	}
	return resolve(org, prefix)
}

// expand is model.ExpandIDs: references written as prefixes become IDs.
func (nr *near) expand(rec model.Record) error {
	if nr.n != nil {
		switched := false
		model.ExpandIDsWith(func(prefix string) (string, bool) {
			if switched {
				return "", false
			}
			found, problems, ok := nr.n.Locate(prefix)
			if !ok || nr.n.Strays() {
				switched = true
				return "", false
			}
			mini := model.NewOrg()
			for _, f := range found {
				mini.Add(f.Rec, f.Src)
			}
			mini.Problems = problems
			mini.Index()
			r, err := mini.Resolve(prefix)
			if err != nil {
				return "", false
			}
			return r.RecordID(), true
		}, rec)
		if !switched {
			return nil
		}
	}
	org, err := nr.wholeOrg()
	if err != nil {
		return err
	}
	model.ExpandIDs(org, rec)
	return nil
}

// around returns the organisation the command works on: the records with
// these IDs as they are now, what edits would make of them, and their
// neighbourhood; subtree adds what showing a goal rolls up, emails the
// people of those git identities (besides the one running the command).
// Once the whole organisation is loaded, it is that.
func (nr *near) around(ids []string, edits []model.Record, subtree bool, emails ...string) (*model.Org, error) {
	for _, e := range edits {
		if k := e.RecordKind(); k == model.KindPulse || k == model.KindAnswer {
			// Who may rate a team, or answer an ask, reads every person's
			// teams: more than a neighbourhood.
			return nr.wholeOrg()
		}
	}
	if nr.n != nil {
		org := model.Around(nr.n, model.Neighbourhood{IDs: ids, Edits: edits, Emails: append([]string{nr.email}, emails...),
			Subtree: subtree, Config: nr.n.Config(), Today: nr.a.env.Now()})
		if !nr.n.Strays() {
			return org, nil
		}
	}
	return nr.wholeOrg()
}
