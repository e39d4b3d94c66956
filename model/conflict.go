package model

// Conflict is one field of one record that both sides of a sync changed
// differently (or, with Field RecordField, a whole record: edited on one
// side and deleted on the other, or breaking a rule after the merge). It
// waits in the merge session until the user picks ours, theirs or a value.
type Conflict struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
	Path string `json:"path"`
	FieldConflict
	// Rule is why a whole-record conflict arose.
	Rule string `json:"rule,omitempty"`
	// Resolution is "", "ours", "theirs" or "value" (then Value holds it).
	Resolution string `json:"resolution,omitempty"`
	Value      string `json:"value,omitempty"`
}

// RecordField is the Field of a conflict over a whole record.
const RecordField = "(record)"

// Resolved reports whether the user has chosen a value.
func (c Conflict) Resolved() bool { return c.Resolution != "" }

// SyncStatus is where a clone stands against its remote, as of the last
// fetch: what the status line shows.
type SyncStatus struct {
	Remote    string `json:"remote"`    // "" when there is none
	Ahead     int    `json:"ahead"`     // local commits the remote lacks
	Behind    int    `json:"behind"`    // remote commits not merged here
	Conflicts int    `json:"conflicts"` // unresolved conflicts of a pending merge
}
