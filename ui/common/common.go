// Package common is what every part of the TUI shares: the contracts of
// a tab (Screen) and of what opens over the tabs (Overlay), the read-only
// context passed down to them (Common: styles, keys, clock) and one load
// of the organisation (Data), the messages parts send the root (a status
// line, a jump to a record, a save's outcome), the theme and its styles,
// the key map, and terminal-safe text.
package common

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
)

// Common is what every screen shares, read-only: the styles, the keys and
// the clock. Sizes and data reach screens through SetSize and SetData.
type Common struct {
	Styles *Styles
	Keys   *KeyMap
	Now    func() time.Time
}

// Data is one load of the organisation with everything computed from it
// that more than one screen shows.
type Data struct {
	Org      *model.Org
	Findings []model.Finding
	// ByID groups findings by the record they concern.
	ByID map[string][]model.Finding
	// Me is the current user's person ID ("" when the git e-mail matches
	// nobody), and MeName and MeEmail their name and e-mail from git.
	Me, MeName, MeEmail string
	Today               time.Time
	// Seen is, for each decision the user is informed of, the status it
	// had when they last looked (the inbox's "since I last looked").
	Seen map[string]string
	// Checking: the organisation is being validated in the background
	// (the first load, so that the first frame does not wait for it);
	// Findings and ByID are empty until SetFindings, and the screens say
	// "checking…" rather than "no findings".
	Checking bool
}

// NewData validates an organisation as of today and indexes what the
// screens share; name and email are the git identity ("" when unknown).
// It reads the organisation only, so it may run in a command.
func NewData(org *model.Org, today time.Time, name, email string) *Data {
	d := NewUncheckedData(org, today, name, email)
	d.SetFindings(Check(d))
	return d
}

// NewUncheckedData is NewData without the validation, which Check does
// later: Checking is true until SetFindings.
func NewUncheckedData(org *model.Org, today time.Time, name, email string) *Data {
	d := &Data{Org: org, Today: today, ByID: map[string][]model.Finding{}, MeName: name, MeEmail: email, Checking: true}
	if org.Today.IsZero() {
		org.Today = today // a goal overdue for its check-in shows as stale
	}
	if email != "" {
		d.Me, _ = org.PersonByEmail(email)
	}
	return d
}

// Check validates d's organisation as of d's day. It only reads, so it
// may run in a command while the screens draw d.
func Check(d *Data) []model.Finding {
	return model.Validate(d.Org, model.ValidateOptions{Today: d.Today})
}

// SetFindings takes Check's findings, on the UI goroutine (no command
// reads a Data's findings).
func (d *Data) SetFindings(fs []model.Finding) {
	d.Findings = fs
	d.ByID = map[string][]model.Finding{}
	for _, f := range fs {
		if f.ID != "" {
			d.ByID[f.ID] = append(d.ByID[f.ID], f)
		}
	}
	d.Checking = false
}

// Screen is one tab. Update returns the screen itself (as the interface,
// so the root can keep a slice of them).
type Screen interface {
	// Title is the tab's label.
	Title() string
	Update(msg tea.Msg) (Screen, tea.Cmd)
	View() string
	SetSize(width, height int)
	SetData(d *Data)
	// Selected is the ID of the record under the cursor, or "".
	Selected() string
	// Select moves the cursor to a record, opening what it must (folded
	// tree nodes, another view); false when the screen does not show it.
	Select(id string) bool
	// Capturing reports whether a text input has the keyboard, so that
	// global keys (q, 1-6, ?) are typed into it instead.
	Capturing() bool
	// Keys are the screen's bindings for the help views, enabled ones only.
	Keys() []key.Binding
}

// Overlay is anything opened over the tabs that takes the keyboard while
// it is open: help, pickers and menus, a record's history and blame, the
// forms and the options editor, the conflicts view, the $EDITOR problems
// view, the questions Accord asks. The root keeps them on a stack: keys go
// to the top one; messages that are not input (command results, ticks,
// blinks) go to each, which ignores what is not its own.
type Overlay interface {
	// Update handles a message; done reports that the overlay has closed.
	Update(msg tea.Msg) (cmd tea.Cmd, done bool)
	View() string
	SetSize(width, height int)
	// Keys are the bindings that work now, for the hints and help; the
	// way out comes last.
	Keys() []key.Binding
	// Dirty reports whether it holds input that is not saved, which
	// quitting would lose.
	Dirty() bool
}

// Successor is an overlay that, as it closes, has a message for the root
// to take at once, before the next key: what opens the overlay that
// follows it (a menu's choice opens a form). A command's message would
// come after keys already read, which would go to the tab underneath.
type Successor interface {
	Next() tea.Msg
}

// PushMsg asks the root to open an overlay over everything.
type PushMsg struct{ Overlay Overlay }

// ClickMsg is a click of the mouse's left button in the body, in the
// body's cells (the root takes the header and the tabs).
type ClickMsg struct{ X, Y int }

// WheelMsg is a turn of the mouse wheel over the body: Delta is +1 down,
// -1 up.
type WheelMsg struct{ X, Y, Delta int }

// JumpMsg asks the root to show a record, from whatever screen shows it.
type JumpMsg struct{ ID string }

// JumpTo is the command that sends a JumpMsg.
func JumpTo(id string) tea.Cmd { return func() tea.Msg { return JumpMsg{ID: id} } }

// StatusMsg puts a message in the status line until the next key.
type StatusMsg struct {
	Text string
	Err  bool
}

// FindingsFor are the findings about one record.
func FindingsFor(d *Data, id string) []model.Finding {
	if d == nil {
		return nil
	}
	return d.ByID[id]
}

// WorstSeverity is the most serious severity among findings, or "".
func WorstSeverity(fs []model.Finding) model.Severity {
	var worst model.Severity
	for _, f := range fs {
		switch {
		case f.Severity == model.SeverityError:
			return f.Severity
		case f.Severity == model.SeverityWarning:
			worst = f.Severity
		case worst == "":
			worst = f.Severity
		}
	}
	return worst
}

// Status puts text in the status line, as a command.
func Status(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text} }
}

// StatusErr puts text in the status line as an error, as a command.
func StatusErr(text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: true} }
}

// SavedMsg is the outcome of a save, a raw file save or an undo: the
// commit made ("" when nothing changed), its subject, the record to show
// afterwards, and the error. The form or editor that asked for the save
// keeps its content until it sees a SavedMsg without an error.
type SavedMsg struct {
	Commit  string
	Subject string
	ID      string
	Err     error
	// Reverted is, for an undo, the commit it reverses; Redone, for a
	// redo, the undo it reverses.
	Reverted, Redone string
	// Private is a save to the clone's own notes (the stakeholder map):
	// no commit, nothing to undo or reload.
	Private bool
}

func FirstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
