package signal

import "sync"

// Large scratch buffers are recycled by exact length: a 1024x1024 NCC
// would otherwise ask the allocator for tens of megabytes of zeroed memory
// per call. Buffers from the pools are not zeroed.
var f64Pools, c128Pools sync.Map // int → *sync.Pool

func poolFor(m *sync.Map, n int) *sync.Pool {
	if p, ok := m.Load(n); ok {
		return p.(*sync.Pool)
	}
	p, _ := m.LoadOrStore(n, new(sync.Pool))
	return p.(*sync.Pool)
}

func getF64(n int) []float64 {
	if b, ok := poolFor(&f64Pools, n).Get().(*[]float64); ok {
		return *b
	}
	return make([]float64, n)
}

func putF64(b []float64) { poolFor(&f64Pools, len(b)).Put(&b) }

func getC128(n int) []complex128 {
	if b, ok := poolFor(&c128Pools, n).Get().(*[]complex128); ok {
		return *b
	}
	return make([]complex128, n)
}

func putC128(b []complex128) { poolFor(&c128Pools, len(b)).Put(&b) }
