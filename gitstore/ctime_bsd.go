//go:build darwin || ios || freebsd || netbsd

package gitstore

import "syscall"

// changeTime is a stat's change time in nanoseconds; these systems call
// the field Ctimespec.
func changeTime(st *syscall.Stat_t) int64 { return st.Ctimespec.Nano() }
