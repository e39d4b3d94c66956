package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Records of how teams work with each other: answers to asks, pulses (one
// team rating working with another) and retros. Answers and pulses are
// append-only, as check-ins are: a new file is never edited once it lands,
// so two people answering or rating at once never conflict.

// Answer responses.
const (
	AnswerAccept  = "accept"
	AnswerDecline = "decline"
	AnswerDone    = "done"
)

// AnswerResponses lists what an addressee may answer an ask.
var AnswerResponses = []string{AnswerAccept, AnswerDecline, AnswerDone}

// Answer is the addressee's reply to one ask of a check-in. A later answer
// to the same ask replaces an earlier one (accept, then done).
type Answer struct {
	ID string `yaml:"id" json:"id"`
	// Ask is the ask answered: its check-in's ID, #, its number (AskRef).
	Ask      string `yaml:"ask" json:"ask"`
	Author   string `yaml:"author" json:"author"`
	Date     string `yaml:"date" json:"date"`
	Response string `yaml:"response" json:"response"`
	Note     string `yaml:"note,omitempty" json:"note,omitempty"`
}

// RecordTitle of an answer is its response and the ask: "done UPD-…#1".
func (a *Answer) RecordTitle() string { return a.Response + " " + a.Ask }

// AskRef names one ask: the check-in that makes it and its number there,
// from 1, written UPD-Q8W2ZD4N#2. Check-ins never change once they land,
// so the number is stable.
type AskRef struct {
	CheckIn string
	N       int
}

func (r AskRef) String() string { return r.CheckIn + "#" + strconv.Itoa(r.N) }

// ParseAskRef reads UPD-…#N. The check-in part must be a well-formed
// check-in ID (or, with prefix, any prefix of one, for commands that
// resolve it later); N is a number from 1.
func ParseAskRef(s string, prefix bool) (AskRef, error) {
	id, n, ok := strings.Cut(strings.TrimSpace(s), "#")
	if !ok {
		return AskRef{}, fmt.Errorf("ask %s: write the check-in's ID, # and the ask's number (UPD-Q8W2ZD4N#1)", quoteValue(s))
	}
	num, err := strconv.Atoi(n)
	if err != nil || num < 1 || num > 1000 || strconv.Itoa(num) != n {
		return AskRef{}, fmt.Errorf("ask %s: %s is not an ask's number (1, 2, …)", quoteValue(s), quoteValue(n))
	}
	if prefix {
		if id == "" || strings.ContainsAny(id, " #/\\") {
			return AskRef{}, fmt.Errorf("ask %s: %s is not a check-in's ID", quoteValue(s), quoteValue(id))
		}
	} else if err := CheckID(KindUpdate, id); err != nil {
		return AskRef{}, fmt.Errorf("ask %s: %w", quoteValue(s), err)
	}
	return AskRef{CheckIn: id, N: num}, nil
}

// Pulse dimensions, as their keys in a pulse's scores.
const (
	PulseClarity        = "clarity"
	PulseHandoffs       = "handoffs"
	PulseResponsiveness = "responsiveness"
	PulseUnderstanding  = "understanding"
)

// PulseDimensions lists the dimensions in the order Accord shows them.
var PulseDimensions = []string{PulseClarity, PulseHandoffs, PulseResponsiveness, PulseUnderstanding}

// PulseDimensionNames says what each dimension rates.
var PulseDimensionNames = map[string]string{
	PulseClarity:        "clarity of asks",
	PulseHandoffs:       "quality of hand-offs",
	PulseResponsiveness: "responsiveness",
	PulseUnderstanding:  "shared understanding of goals",
}

// Pulse is how one team rates working with another over a period: each
// dimension from 1 (poor) to 5 (excellent), 0 or absent for not rated.
type Pulse struct {
	ID string `yaml:"id" json:"id"`
	// Team rates working with About.
	Team  string `yaml:"team" json:"team"`
	About string `yaml:"about" json:"about"`
	// Period is what the pulse covers: a month (2026-11), quarter, half or year.
	Period  string        `yaml:"period" json:"period"`
	Author  string        `yaml:"author" json:"author"`
	Date    string        `yaml:"date" json:"date"`
	Scores  PulseScores   `yaml:"scores" json:"scores"`
	Comment string        `yaml:"comment,omitempty" json:"comment,omitempty"`
	Actions []PulseAction `yaml:"actions,omitempty" json:"actions,omitempty"`
}

// PulseScores are a pulse's ratings, 1–5 each; 0 is not rated.
type PulseScores struct {
	Clarity        int `yaml:"clarity,omitempty" json:"clarity,omitempty"`
	Handoffs       int `yaml:"handoffs,omitempty" json:"handoffs,omitempty"`
	Responsiveness int `yaml:"responsiveness,omitempty" json:"responsiveness,omitempty"`
	Understanding  int `yaml:"understanding,omitempty" json:"understanding,omitempty"`
}

// Get returns a dimension's score, 0 when not rated or unknown.
func (s PulseScores) Get(dim string) int {
	switch dim {
	case PulseClarity:
		return s.Clarity
	case PulseHandoffs:
		return s.Handoffs
	case PulseResponsiveness:
		return s.Responsiveness
	case PulseUnderstanding:
		return s.Understanding
	}
	return 0
}

// Set sets a dimension's score and reports whether the dimension exists.
func (s *PulseScores) Set(dim string, v int) bool {
	switch dim {
	case PulseClarity:
		s.Clarity = v
	case PulseHandoffs:
		s.Handoffs = v
	case PulseResponsiveness:
		s.Responsiveness = v
	case PulseUnderstanding:
		s.Understanding = v
	default:
		return false
	}
	return true
}

// Average is the mean of the rated dimensions, and false when none is rated
// within 1–5.
func (s PulseScores) Average() (float64, bool) {
	sum, n := 0, 0
	for _, d := range PulseDimensions {
		if v := s.Get(d); v >= 1 && v <= 5 {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// PulseAction is something a pulse says should change, and the RACI item
// that holds someone to it: Accountable and due are the RACI item's.
type PulseAction struct {
	What        string `yaml:"what" json:"what"`
	Accountable string `yaml:"accountable,omitempty" json:"accountable,omitempty"`
	Due         string `yaml:"due,omitempty" json:"due,omitempty"`
	// RACI is the RACI item the action became (subject kind pulse).
	RACI string `yaml:"raci,omitempty" json:"raci,omitempty"`
}

// RecordTitle of a pulse names the pair and the period.
func (p *Pulse) RecordTitle() string {
	return fmt.Sprintf("%s on %s, %s", p.Team, p.About, p.Period)
}

// Retro is a short look back across the teams involved, linked to a
// hand-off received or a goal closed.
type Retro struct {
	ID string `yaml:"id" json:"id"`
	// Subject is the hand-off or goal looked back on.
	Subject   string   `yaml:"subject" json:"subject"`
	Author    string   `yaml:"author" json:"author"`
	Date      string   `yaml:"date" json:"date"`
	Teams     []string `yaml:"teams,omitempty" json:"teams,omitempty"`
	WentWell  []string `yaml:"went_well,omitempty" json:"went_well,omitempty"`
	WentBadly []string `yaml:"went_badly,omitempty" json:"went_badly,omitempty"`
}

// RecordTitle of a retro names what it looks back on.
func (r *Retro) RecordTitle() string { return "Retro on " + r.Subject }

// PulseCadences are how often accord.yaml may ask teams for pulses.
var PulseCadences = []string{"monthly", "quarterly"}

// PulseConfig is accord.yaml's pulse: settings.
type PulseConfig struct {
	// Cadence is how often each pair of teams that work together rates
	// the other: monthly or quarterly. Empty asks for none.
	Cadence string `yaml:"cadence,omitempty" json:"cadence,omitempty"`
}

// MigrateAsks moves each ask's legacy from: (which named the addressee) to
// to:, so the file Accord writes says what it means. It reports whether
// anything moved.
func MigrateAsks(u *Update) bool {
	moved := false
	for i := range u.Asks {
		a := &u.Asks[i]
		if a.From != "" && a.To == "" {
			a.To, a.From = a.From, ""
			moved = true
		}
	}
	return moved
}

// MigrateRecord brings a record to the current schema before Accord writes
// it: today, a check-in's asks (MigrateAsks). It changes r in place.
func MigrateRecord(r Record) {
	if u, ok := r.(*Update); ok {
		MigrateAsks(u)
	}
}

// Migrated returns r brought to the current schema, as a copy when
// anything changes, so r itself (which may be shared) is left alone.
func Migrated(r Record) Record {
	if u, ok := r.(*Update); ok {
		for _, a := range u.Asks {
			if a.From != "" && a.To == "" {
				return migrated(u)
			}
		}
	}
	return r
}

// migrated returns a copy of a check-in with its asks migrated, for
// comparisons that must not count the rename as an edit.
func migrated(u *Update) *Update {
	c := *u
	c.Asks = append([]Ask(nil), u.Asks...)
	MigrateAsks(&c)
	return &c
}
