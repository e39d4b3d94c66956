package ui

import "github.com/accordhq/accord/model"

// Store is what the TUI needs from the data repository. It is declared here,
// where it is consumed; gitstore.Store implements it (checked in main).
type Store interface {
	// Load reads every record; unreadable files are findings in Org.Problems.
	Load() (*model.Org, error)
	// Head is the current commit, polled to notice other writers.
	Head() (string, error)
	// Dir is the repository's folder, for the header.
	Dir() string
	// User is the git identity, mapped to a person by e-mail.
	User() (name, email string, err error)
}
