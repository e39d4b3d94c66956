// Package form holds the forms that create and edit records: Form, a huh
// form embedded as an overlay that keeps its draft until a save works,
// checks every field against the model's rules as it is left and the whole
// draft before it saves; the Spec of each kind (goal, check-in, decision,
// accepting or superseding a decision, RACI, hand-off, person, team); the
// editor of a decision's options; and the a menu's next steps.
package form
