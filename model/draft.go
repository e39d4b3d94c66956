package model

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

// Draft is a record's text being edited in $EDITOR: a copy of its file in
// a temp file of its own, kept until it is saved or discarded. A clone
// keeps a list of them, so that text an earlier session left unsaved (it
// did not check out, the save failed, Accord was quit) is offered again.
type Draft struct {
	Kind Kind   `json:"kind"`
	ID   string `json:"id"`
	// File is the temp file that holds the text (an absolute path).
	File string `json:"file"`
	// Was is the record's file when the edit began: saving refuses to
	// overwrite another writer's change to it.
	Was     []byte    `json:"was"`
	Started time.Time `json:"started"`
}

// DraftFilePattern is the name of a draft's temp file, for os.CreateTemp:
// the record's ID in it, so that the editor's title says what is edited.
func DraftFilePattern(k Kind, id string) (string, error) {
	if err := CheckID(k, id); err != nil {
		return "", err
	}
	return "accord-" + id + "-*.yaml", nil
}

// CheckDraftName reports whether file is named as DraftFilePattern names
// the temp file of a draft of id: a list of drafts read back never points
// Accord at another file.
func CheckDraftName(k Kind, id, file string) error {
	pattern, err := DraftFilePattern(k, id)
	if err != nil {
		return err
	}
	prefix, suffix, _ := strings.Cut(pattern, "*")
	base := filepath.Base(file)
	if !filepath.IsAbs(file) || !strings.HasPrefix(base, prefix) || !strings.HasSuffix(base, suffix) ||
		len(base) <= len(prefix)+len(suffix) || strings.ContainsAny(base[len(prefix):len(base)-len(suffix)], "/\\") {
		return fmt.Errorf("%s is not the temp file of an edit of %s", file, id)
	}
	return nil
}
