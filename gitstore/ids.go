package gitstore

import (
	"fmt"
	"path"
	"strings"

	"github.com/accordhq/accord/model"
)

// addLoaded adds a record read from src to org, unless another file
// already holds its ID; then it returns the finding for the file left out.
// The file whose name is the ID always wins, whichever is read first: a
// copy that kept another record's id: (a common way to start a record by
// hand) never takes that record over, and is the one reported. suffix ends
// the finding's message (" (at abc1234)" for a past revision).
func addLoaded(org *model.Org, rec model.Record, src *model.Source, suffix string) *model.Finding {
	id := rec.RecordID()
	prev, dup := org.Sources[id]
	if !dup {
		org.Add(rec, src)
		return nil
	}
	left, kept := src, prev
	if namedBy(src.Path, id) && !namedBy(prev.Path, id) {
		org.Remove(id)
		org.Add(rec, src)
		left, kept = prev, src
	}
	pos := left.FieldPos("id")
	if pos.Line == 0 {
		pos = model.Pos{Line: 1, Column: 1}
	}
	return &model.Finding{Rule: "id.duplicate", Severity: model.SeverityError,
		File: left.Path, Line: pos.Line, Column: pos.Column, ID: id,
		Message: fmt.Sprintf("id %s is already used by %s; this file was not loaded%s", id, kept.Path, suffix)}
}

// namedBy reports whether the file at p is named after id.
func namedBy(p, id string) bool { return strings.TrimSuffix(path.Base(p), ".yaml") == id }
