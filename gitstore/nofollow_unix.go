//go:build unix

package gitstore

import "syscall"

// noFollow makes opening a symlink fail even if one replaces a record
// between the Lstat and the Open.
const noFollow = syscall.O_NOFOLLOW
