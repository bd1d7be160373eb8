package shapes

// TestOnly must not be collected: test files are not part of the package.
func TestOnly() {}
