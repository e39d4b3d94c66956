// Package gitstore owns everything about files and git: where records live
// and the hardened YAML codec; reading a data repository and its load
// cache; atomic writes and commits made from objects, under the per-clone
// write lock; edits from the TUI, undo and `accord set`; history, blame and
// the organisation at a revision, from the history index; the record-level
// merge, the merge session, sync, remotes and credentials; and writing a
// generated history (WriteHistory). It is the only package that imports
// go-git; it returns model values and its own sentinel errors
// (errors.go). docs/architecture.md says which file does what.
package gitstore
