//go:build race

package ae

// raceEnabled is set under the race detector, whose sync.Pool drops items
// at random (purego keeps its call blocks in one), so allocation counts
// are not meaningful there.
const raceEnabled = true
