package ui

// Temporary stand-in while the real screen is written; deleted by its author.
func newDecisions(c Common) *people { return newPeople(c) }
