package form

import (
	"errors"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// PrivateWriter writes the clone's private stakeholder map: never a
// commit.
type PrivateWriter interface {
	WriteStakeholders(m *model.StakeholderMap, passphrase string) error
}

// privateSaver is a spec whose save writes outside the shared records
// (the stakeholder map), with no commit to undo: its command answers with
// a common.SavedMsg marked Private.
type privateSaver interface {
	savePrivate() tea.Cmd
}

// stakeholderDraft is a stakeholder's notes as the form edits them.
type stakeholderDraft struct {
	Power, Interest, Stance, Owner, LastTouch, NextTouch, Notes string
}

// stakeholderForm edits one entry of the user's private stakeholder map.
type stakeholderForm struct {
	formOrg
	store      PrivateWriter
	m          *model.StakeholderMap
	passphrase string
	was        model.Stakeholder
	formDraft[stakeholderDraft]
}

// EditStakeholder edits who's entry of m, saved with passphrase (the one
// that opened an encrypted map, or "" for the configured secret).
func EditStakeholder(d *common.Data, store PrivateWriter, m *model.StakeholderMap, passphrase, who string) (*stakeholderForm, error) {
	st := m.Find(who)
	if st == nil {
		return nil, errors.New(who + " is not on your stakeholder map")
	}
	dr := stakeholderDraft{Power: strconv.Itoa(st.Power), Interest: strconv.Itoa(st.Interest), Stance: st.Stance, Owner: st.Owner,
		LastTouch: st.LastTouch, NextTouch: st.NextTouch, Notes: st.Notes}
	return &stakeholderForm{formOrg: formOrg{d.Org}, store: store, m: m, passphrase: passphrase, was: *st, formDraft: newDraft(dr)}, nil
}

func (f *stakeholderForm) title() string {
	name := common.PersonName(f.org, f.was.Who)
	if f.org.Teams[f.was.Who] != nil {
		name = common.TeamName(f.org, f.was.Who)
	}
	return "Stakeholder " + name + " · private to this clone"
}

func (f *stakeholderForm) groups(ctx formCtx) []*huh.Group {
	d := &f.draft
	scale := func(title, desc string, v *string) huh.Field {
		var opts []huh.Option[string]
		for i := 1; i <= 5; i++ {
			opts = append(opts, huh.NewOption(strconv.Itoa(i), strconv.Itoa(i)))
		}
		return huh.NewSelect[string]().Title(title).Description(desc).Options(opts...).Inline(true).Value(v)
	}
	date := func(s string) error {
		if s = strings.TrimSpace(s); s != "" && !validDay(s) {
			return errors.New("write a date as YYYY-MM-DD")
		}
		return nil
	}
	return []*huh.Group{huh.NewGroup(
		scale("Power", "How much they can shape the outcome: 1 little, 5 decisive.", &d.Power),
		scale("Interest", "How much they care: 1 little, 5 a great deal.", &d.Interest),
		huh.NewSelect[string]().Title("Stance").Options(enumOptions(model.Stances, "not known")...).Inline(true).Value(&d.Stance),
		huh.NewSelect[string]().Title("Relationship owner").Options(personOptions(f.org, "nobody")...).Inline(true).Value(&d.Owner),
		huh.NewInput().Title("Last touchpoint").Placeholder("YYYY-MM-DD").Value(&d.LastTouch).Validate(date),
		huh.NewInput().Title("Next touchpoint").Placeholder("YYYY-MM-DD").Value(&d.NextTouch).Validate(date),
		huh.NewText().Title("Notes").Lines(3).Value(&d.Notes),
	)}
}

func validDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// entry is the stakeholder as the draft has it.
func (f *stakeholderForm) entry() model.Stakeholder {
	d := f.draft
	st := f.was
	st.Power, _ = strconv.Atoi(d.Power)
	st.Interest, _ = strconv.Atoi(d.Interest)
	st.Stance, st.Owner = d.Stance, d.Owner
	st.LastTouch, st.NextTouch = strings.TrimSpace(d.LastTouch), strings.TrimSpace(d.NextTouch)
	st.Notes = strings.TrimSpace(common.CleanBlock(d.Notes))
	return st
}

// records: the map is not a record; its own check runs on save.
func (f *stakeholderForm) records() ([]model.Record, error) { return nil, nil }

func (f *stakeholderForm) edits() ([]model.Edit, string, string, error) {
	m := &model.StakeholderMap{Stakeholders: append([]model.Stakeholder(nil), f.m.Stakeholders...)}
	m.Put(f.entry())
	if problems := m.Check(f.org); len(problems) > 0 {
		for _, p := range problems {
			if strings.HasPrefix(p, f.was.Who+":") {
				return nil, "", "", errors.New(p)
			}
		}
	}
	return nil, "", "", nil
}

// savePrivate writes the map with the entry replaced: no commit, nothing
// to sync.
func (f *stakeholderForm) savePrivate() tea.Cmd {
	m := &model.StakeholderMap{Stakeholders: append([]model.Stakeholder(nil), f.m.Stakeholders...)}
	m.Put(f.entry())
	store, pass, who := f.store, f.passphrase, f.was.Who
	return func() tea.Msg {
		err := store.WriteStakeholders(m, pass)
		return common.SavedMsg{Subject: "stakeholder " + who + " (private, not committed)", ID: who, Err: err, Private: true}
	}
}
