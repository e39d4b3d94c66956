package model

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity of a finding.
type Severity string

// Severities, from most to least serious.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// Finding is one problem found in the data: which rule, how serious, where
// (file, line and column, 1-based; 0 when unknown) and in which record.
type Finding struct {
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	ID       string   `json:"id"`
	// Field is the field of the record the finding is about, so a form can
	// show it next to that field: a YAML key ("title"), or a dotted path into
	// a nested mapping ("metric.direction", "subject.id", "from.owner"). A
	// problem with an item of a list names the whole list ("options",
	// "deliverables", "asks", "accountable") and says which item in Message.
	// It is empty for a file that could not be read and a handle clash.
	// FieldErrors matches on its top-level name. Not in the JSON output.
	Field   string `json:"-"`
	Message string `json:"message"`
	// Commit and Author are set for a finding about a commit in history
	// (a step taken by someone who may not take it): its hash, and its
	// author as "Name <e-mail>".
	Commit string `json:"commit,omitempty"`
	Author string `json:"author,omitempty"`
}

// String formats the finding the way compilers do: file:line:col: severity: message [rule].
func (f Finding) String() string {
	loc := f.File
	if f.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, f.Line)
		if f.Column > 0 {
			loc = fmt.Sprintf("%s:%d", loc, f.Column)
		}
	}
	if loc == "" {
		loc = f.ID
	}
	return fmt.Sprintf("%s: %s: %s [%s]", loc, f.Severity, f.Message, f.Rule)
}

// SortFindings orders findings by file, line, column and rule.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column), cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// CountBySeverity counts errors, warnings and infos.
func CountBySeverity(fs []Finding) (errors, warnings, infos int) {
	for _, f := range fs {
		switch f.Severity {
		case SeverityError:
			errors++
		case SeverityWarning:
			warnings++
		default:
			infos++
		}
	}
	return
}
