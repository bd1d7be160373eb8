//go:build unix

package nn_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time used by the process so far, so that
// benchmarks on a shared machine can report work per CPU second beside the
// wall-clock rate.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
