//go:build unix

package gitstore

import "syscall"

// noFollow makes opening a symlink fail even if one replaces a record
// between the Lstat and the Open.
const noFollow = syscall.O_NOFOLLOW

// syscallELOOP is what opening a symlink with O_NOFOLLOW fails with.
const syscallELOOP = syscall.ELOOP
