package model

import (
	"strings"

	"go.yaml.in/yaml/v4"
)

// Record is what every kind of record has in common.
type Record interface {
	RecordID() string
	RecordKind() Kind
	// RecordTitle is the human label: a title, or a person's or team's name.
	RecordTitle() string
}

// Goal levels.
const (
	LevelMission   = "mission"
	LevelStrategic = "strategic"
	LevelObjective = "objective"
	LevelKeyResult = "key_result"
	LevelKPI       = "kpi"
)

// GoalLevels lists the levels in pyramid order; KPIs stand apart.
var GoalLevels = []string{LevelMission, LevelStrategic, LevelObjective, LevelKeyResult, LevelKPI}

// Goal states, metric directions and check-in cadences.
var (
	GoalStates       = []string{"draft", "active", "closed"}
	GoalOutcomes     = []string{"achieved", "partially_achieved", "missed", "dropped"}
	MetricDirections = []string{"increase", "decrease"}
	Cadences         = []string{"weekly", "biweekly", "monthly", "quarterly"}
)

// Goal is one node of the pyramid: mission → strategic goal → objective →
// key result, or a free-standing KPI.
type Goal struct {
	ID          string   `yaml:"id" json:"id"`
	Title       string   `yaml:"title" json:"title"`
	Description string   `yaml:"description,omitempty" json:"description,omitempty"`
	Level       string   `yaml:"level" json:"level"`
	Parent      string   `yaml:"parent,omitempty" json:"parent,omitempty"`
	Owner       string   `yaml:"owner,omitempty" json:"owner,omitempty"`
	Team        string   `yaml:"team,omitempty" json:"team,omitempty"`
	Period      string   `yaml:"period,omitempty" json:"period,omitempty"`
	Metric      *Metric  `yaml:"metric,omitempty" json:"metric,omitempty"`
	Weight      *float64 `yaml:"weight,omitempty" json:"weight,omitempty"`
	State       string   `yaml:"state" json:"state"`
	Outcome     string   `yaml:"outcome,omitempty" json:"outcome,omitempty"`
	Cadence     string   `yaml:"cadence,omitempty" json:"cadence,omitempty"`
	// DependsOn names the goals (of any team), hand-offs and decisions
	// this goal cannot succeed without (depends.go).
	DependsOn []string `yaml:"depends_on,omitempty" json:"depends_on,omitempty"`
	Links     []string `yaml:"links,omitempty" json:"links,omitempty"`
}

// Metric says how a key result or KPI is measured. Progress runs from
// Baseline to Target; Direction says which way is better.
type Metric struct {
	Unit      string  `yaml:"unit" json:"unit"`
	Baseline  float64 `yaml:"baseline" json:"baseline"`
	Target    float64 `yaml:"target" json:"target"`
	Direction string  `yaml:"direction" json:"direction"`
}

// Health values of a check-in: the four running states, then the closing
// outcomes a final check-in may carry.
const (
	HealthOnTrack  = "on_track"
	HealthAtRisk   = "at_risk"
	HealthOffTrack = "off_track"
	HealthOnHold   = "on_hold"
)

// Healths lists every health a check-in may report.
var Healths = []string{HealthOnTrack, HealthAtRisk, HealthOffTrack, HealthOnHold,
	"achieved", "partially_achieved", "missed", "dropped"}

// Update is a check-in on a goal. It is append-only: never edited once it
// has been committed.
type Update struct {
	ID         string   `yaml:"id" json:"id"`
	Target     string   `yaml:"target" json:"target"`
	Author     string   `yaml:"author" json:"author"`
	Date       string   `yaml:"date" json:"date"`
	Health     string   `yaml:"health" json:"health"`
	Value      *float64 `yaml:"value,omitempty" json:"value,omitempty"`
	Confidence *float64 `yaml:"confidence,omitempty" json:"confidence,omitempty"`
	Summary    string   `yaml:"summary" json:"summary"`
	Problems   []string `yaml:"problems,omitempty" json:"problems,omitempty"`
	Plans      []string `yaml:"plans,omitempty" json:"plans,omitempty"`
	Asks       []Ask    `yaml:"asks,omitempty" json:"asks,omitempty"`
	Wins       []string `yaml:"wins,omitempty" json:"wins,omitempty"`
	// PostedBy is who typed the check-in when that is not its author: a
	// delegate the author names in their person record.
	PostedBy string `yaml:"posted_by,omitempty" json:"posted_by,omitempty"`
}

// Ask is help a check-in asks of a person or team. To names the
// addressee; From is the name older files gave the same thing, read as To
// (Addressee) and moved to To whenever Accord writes the check-in
// (MigrateAsks).
type Ask struct {
	To   string `yaml:"to,omitempty" json:"to,omitempty"`
	From string `yaml:"from,omitempty" json:"from,omitempty"`
	What string `yaml:"what" json:"what"`
	// Due is when the asker needs an answer, YYYY-MM-DD.
	Due string `yaml:"due,omitempty" json:"due,omitempty"`
	// Goal is the goal the ask serves when it is not the check-in's own.
	Goal string `yaml:"goal,omitempty" json:"goal,omitempty"`
}

// Decision statuses.
const (
	DecisionDraft      = "draft"
	DecisionProposed   = "proposed"
	DecisionAccepted   = "accepted"
	DecisionRejected   = "rejected"
	DecisionDeprecated = "deprecated"
	DecisionSuperseded = "superseded"
)

// DecisionStatuses lists the lifecycle in order.
var DecisionStatuses = []string{DecisionDraft, DecisionProposed, DecisionAccepted,
	DecisionRejected, DecisionDeprecated, DecisionSuperseded}

// Decision is an architecture/organisation decision record, a superset of
// MADR 4: the context, the options considered with their pros and cons, the
// choice and why, and who was involved.
type Decision struct {
	ID             string   `yaml:"id" json:"id"`
	Title          string   `yaml:"title" json:"title"`
	Status         string   `yaml:"status" json:"status"`
	Date           string   `yaml:"date,omitempty" json:"date,omitempty"`
	Driver         string   `yaml:"driver,omitempty" json:"driver,omitempty"`
	Approver       string   `yaml:"approver,omitempty" json:"approver,omitempty"`
	DecisionMakers []string `yaml:"decision_makers,omitempty" json:"decision_makers,omitempty"`
	Consulted      []string `yaml:"consulted,omitempty" json:"consulted,omitempty"`
	Informed       []string `yaml:"informed,omitempty" json:"informed,omitempty"`
	Context        string   `yaml:"context,omitempty" json:"context,omitempty"`
	Drivers        []string `yaml:"drivers,omitempty" json:"drivers,omitempty"`
	Options        []Option `yaml:"options,omitempty" json:"options,omitempty"`
	Outcome        *Outcome `yaml:"outcome,omitempty" json:"outcome,omitempty"`
	Consequences   string   `yaml:"consequences,omitempty" json:"consequences,omitempty"`
	Goals          []string `yaml:"goals,omitempty" json:"goals,omitempty"`
	Supersedes     string   `yaml:"supersedes,omitempty" json:"supersedes,omitempty"`
	SupersededBy   string   `yaml:"superseded_by,omitempty" json:"superseded_by,omitempty"`
	ReviewBy       string   `yaml:"review_by,omitempty" json:"review_by,omitempty"`
	Tags           []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// Option is one option a decision considered, keyed by ID within the
// decision.
type Option struct {
	ID    string   `yaml:"id" json:"id"`
	Title string   `yaml:"title" json:"title"`
	Good  []string `yaml:"good,omitempty" json:"good,omitempty"`
	Bad   []string `yaml:"bad,omitempty" json:"bad,omitempty"`
}

// Outcome is the option chosen and why.
type Outcome struct {
	Chosen    string `yaml:"chosen,omitempty" json:"chosen,omitempty"`
	Rationale string `yaml:"rationale,omitempty" json:"rationale,omitempty"`
}

// RACI states and subject kinds.
var (
	RACIStates   = []string{"draft", "agreed", "retired"}
	SubjectKinds = []string{"deliverable", "decision", "goal", "handoff", "pulse"}
)

// RACI says who is Responsible, Accountable, Consulted and Informed for one
// deliverable (or a decision, goal or hand-off). Participants are people or
// teams. Accountable is exactly one person; the file may hold a list so that a
// broken record (two Accountables) can still be read and reported.
type RACI struct {
	ID          string    `yaml:"id" json:"id"`
	Title       string    `yaml:"title" json:"title"`
	Subject     Subject   `yaml:"subject" json:"subject"`
	Accountable OneOrMore `yaml:"accountable,omitempty" json:"accountable,omitempty"`
	Responsible []string  `yaml:"responsible,omitempty" json:"responsible,omitempty"`
	Consulted   []string  `yaml:"consulted,omitempty" json:"consulted,omitempty"`
	Informed    []string  `yaml:"informed,omitempty" json:"informed,omitempty"`
	Due         string    `yaml:"due,omitempty" json:"due,omitempty"`
	State       string    `yaml:"state" json:"state"`
}

// Subject is what a RACI record is about: a named deliverable, or the ID of
// a decision, goal or hand-off.
type Subject struct {
	Kind string `yaml:"kind" json:"kind"`
	Name string `yaml:"name,omitempty" json:"name,omitempty"`
	ID   string `yaml:"id,omitempty" json:"id,omitempty"`
}

// OneOrMore is a list written as a plain scalar when it holds one item.
type OneOrMore []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (o *OneOrMore) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" || n.Value == "" {
			*o = nil
			return nil
		}
		*o = OneOrMore{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*o = list
	return nil
}

// MarshalYAML writes a single item as a scalar.
func (o OneOrMore) MarshalYAML() (any, error) {
	if len(o) == 1 {
		return o[0], nil
	}
	return []string(o), nil
}

// First is the first item, or "".
func (o OneOrMore) First() string {
	if len(o) == 0 {
		return ""
	}
	return o[0]
}

// Hand-off states.
var HandoffStates = []string{"proposed", "accepted", "in_progress", "delivered", "received", "rejected"}

// Handoff is a standardised hand-over of deliverables from one team to
// another, with acceptance criteria and expectations.
type Handoff struct {
	ID           string        `yaml:"id" json:"id"`
	Title        string        `yaml:"title" json:"title"`
	From         Party         `yaml:"from" json:"from"`
	To           Party         `yaml:"to" json:"to"`
	Deliverables []Deliverable `yaml:"deliverables,omitempty" json:"deliverables,omitempty"`
	Due          string        `yaml:"due,omitempty" json:"due,omitempty"`
	Expectations string        `yaml:"expectations,omitempty" json:"expectations,omitempty"`
	State        string        `yaml:"state" json:"state"`
}

// Party is one side of a hand-off.
type Party struct {
	Team  string `yaml:"team" json:"team"`
	Owner string `yaml:"owner,omitempty" json:"owner,omitempty"`
}

// Deliverable is one item of a hand-off, keyed by ID within it.
type Deliverable struct {
	ID         string   `yaml:"id" json:"id"`
	Title      string   `yaml:"title" json:"title"`
	Acceptance []string `yaml:"acceptance,omitempty" json:"acceptance,omitempty"`
}

// Person is someone in the organisation. Emails map git authors to people.
type Person struct {
	ID      string   `yaml:"id" json:"id"`
	Name    string   `yaml:"name" json:"name"`
	Emails  []string `yaml:"emails,omitempty" json:"emails,omitempty"`
	Teams   []string `yaml:"teams,omitempty" json:"teams,omitempty"`
	Role    string   `yaml:"role,omitempty" json:"role,omitempty"`
	Manager string   `yaml:"manager,omitempty" json:"manager,omitempty"`
	Active  *bool    `yaml:"active,omitempty" json:"active,omitempty"`
	// Delegates are people who may act for this person: accept or reject a
	// decision they approve, take their steps on a hand-off or RACI item,
	// post a check-in in their name.
	Delegates []string `yaml:"delegates,omitempty" json:"delegates,omitempty"`
	// SigningKeys are the public keys this person signs commits with: SSH
	// keys as in authorized_keys, or armoured OpenPGP public keys.
	SigningKeys []string `yaml:"signing_keys,omitempty" json:"signing_keys,omitempty"`
	// GitHub and GitLab are the person's user names on those code hosts,
	// for CODEOWNERS.
	GitHub string `yaml:"github,omitempty" json:"github,omitempty"`
	GitLab string `yaml:"gitlab,omitempty" json:"gitlab,omitempty"`
}

// IsActive reports whether the person is active; absent means active.
func (p *Person) IsActive() bool { return p.Active == nil || *p.Active }

// Team is a department or squad. Parent makes teams a tree.
type Team struct {
	ID      string `yaml:"id" json:"id"`
	Name    string `yaml:"name" json:"name"`
	Lead    string `yaml:"lead,omitempty" json:"lead,omitempty"`
	Parent  string `yaml:"parent,omitempty" json:"parent,omitempty"`
	Mission string `yaml:"mission,omitempty" json:"mission,omitempty"`
	// Channels are where the team's digest goes (accord digest).
	Channels []Channel `yaml:"channels,omitempty" json:"channels,omitempty"`
}

// Channel is one place a team's digest is delivered: an e-mail address,
// or a chat incoming webhook (Slack, Mattermost, Teams). A webhook's URL
// is a credential, so it is best named by the environment variable that
// holds it ($SUPPORT_WEBHOOK) rather than written in the record.
type Channel struct {
	Email   string `yaml:"email,omitempty" json:"email,omitempty"`
	Webhook string `yaml:"webhook,omitempty" json:"webhook,omitempty"`
}

func (g *Goal) RecordID() string     { return g.ID }
func (u *Update) RecordID() string   { return u.ID }
func (d *Decision) RecordID() string { return d.ID }
func (r *RACI) RecordID() string     { return r.ID }
func (h *Handoff) RecordID() string  { return h.ID }
func (a *Answer) RecordID() string   { return a.ID }
func (p *Pulse) RecordID() string    { return p.ID }
func (r *Retro) RecordID() string    { return r.ID }
func (p *Person) RecordID() string   { return p.ID }
func (t *Team) RecordID() string     { return t.ID }

func (g *Goal) RecordKind() Kind     { return KindGoal }
func (u *Update) RecordKind() Kind   { return KindUpdate }
func (d *Decision) RecordKind() Kind { return KindDecision }
func (r *RACI) RecordKind() Kind     { return KindRACI }
func (h *Handoff) RecordKind() Kind  { return KindHandoff }
func (a *Answer) RecordKind() Kind   { return KindAnswer }
func (p *Pulse) RecordKind() Kind    { return KindPulse }
func (r *Retro) RecordKind() Kind    { return KindRetro }
func (p *Person) RecordKind() Kind   { return KindPerson }
func (t *Team) RecordKind() Kind     { return KindTeam }

func (g *Goal) RecordTitle() string     { return g.Title }
func (d *Decision) RecordTitle() string { return d.Title }
func (r *RACI) RecordTitle() string     { return r.Title }
func (h *Handoff) RecordTitle() string  { return h.Title }
func (p *Person) RecordTitle() string   { return p.Name }
func (t *Team) RecordTitle() string     { return t.Name }

// RecordTitle of a check-in is the first line of its summary.
func (u *Update) RecordTitle() string {
	s, _, _ := strings.Cut(u.Summary, "\n")
	return s
}

// NewRecord returns an empty record of a kind, ready to decode into.
func NewRecord(k Kind) Record {
	switch k {
	case KindGoal:
		return &Goal{}
	case KindUpdate:
		return &Update{}
	case KindDecision:
		return &Decision{}
	case KindRACI:
		return &RACI{}
	case KindHandoff:
		return &Handoff{}
	case KindAnswer:
		return &Answer{}
	case KindPulse:
		return &Pulse{}
	case KindRetro:
		return &Retro{}
	case KindPerson:
		return &Person{}
	case KindTeam:
		return &Team{}
	}
	return nil
}
