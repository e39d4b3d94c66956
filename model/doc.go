// Package model owns Accord's domain: the record types and their IDs, where
// each kind lives in the data repository, validation, roll-ups of health and
// progress, queries and field-level diffs. It is pure Go: no files, no git,
// no terminal. gitstore reads and writes records; cli and ui present them.
package model
