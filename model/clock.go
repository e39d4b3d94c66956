package model

import (
	"os"
	"sync"
	"time"
)

// ClockOffsetEnv names the environment variable that moves Now: a Go
// duration such as 8760h. CI runs the whole test suite once a year ahead
// with it, so that a test that depends on the real date fails there rather
// than on some later day.
const ClockOffsetEnv = "ACCORD_CLOCK_OFFSET"

var clockOffset = sync.OnceValue(func() time.Duration {
	d, err := time.ParseDuration(os.Getenv(ClockOffsetEnv))
	if err != nil {
		return 0
	}
	return d
})

// Now is the clock Accord dates commits, check-ins and staleness by when
// none is injected: the wall clock, moved by ACCORD_CLOCK_OFFSET when set.
// Everything that dates something takes its clock from one place (the
// CLI's Env, the TUI's WithClock, the store's WithClock), and Now is only
// the default of that one place.
func Now() time.Time { return time.Now().Add(clockOffset()) }
