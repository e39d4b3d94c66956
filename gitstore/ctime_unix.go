//go:build unix && !(darwin || ios || freebsd || netbsd)

package gitstore

import "syscall"

// changeTime is a stat's change time in nanoseconds.
func changeTime(st *syscall.Stat_t) int64 { return st.Ctim.Nano() }
