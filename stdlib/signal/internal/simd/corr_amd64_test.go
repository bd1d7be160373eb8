//go:build amd64 && !purego

package simd

import "testing"

// TestGoPathOnAmd64 runs the definition tests with the assembly switched
// off, so the plain-Go path is checked on every machine.
func TestGoPathOnAmd64(t *testing.T) {
	saved := useAsm
	defer func() { useAsm = saved }()
	useAsm = false
	TestCorrRowMatchesDefinition(t)
	TestCorr2DRow(t)
	TestCorr3x3Rows(t)
	TestCorr3x3RowsIntegersExactAndPanics(t)
	if HasAsm() {
		t.Error("HasAsm must follow the switch")
	}
}
