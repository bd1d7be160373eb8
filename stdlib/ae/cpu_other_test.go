//go:build !unix

package ae_test

import "time"

// processCPU is not available on this platform; no CPU rate is reported.
func processCPU() time.Duration { return 0 }
