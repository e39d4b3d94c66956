// Package gitstore owns everything about files and git: where records live,
// the hardened YAML codec, atomic writes, commits made from objects, the
// per-clone write lock and, later, history and sync. It is the only package
// that imports go-git; it returns model values and its own sentinel errors.
package gitstore
