//go:build !unix

package nn_test

import "time"

// cpuTime is unavailable here; benchmarks then report no CPU rate.
func cpuTime() time.Duration { return 0 }
