package interp

import (
	"strings"
	"testing"
)

func TestCompleteInspect(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "// Net is a tiny model.\ntype Net struct {\n\tW *mat.Dense\n\trate float64\n}\n// Forward runs the net.\nfunc (n *Net) Forward() {}\nscopeNet := &Net{W: mat.NewDense(1, 1, nil)}\nscopeCount := 3")

	c := s.Complete("mat.NewD", 8)
	if !contains(c.Matches, "NewDense") || c.CursorStart != 4 || c.CursorEnd != 8 {
		t.Errorf("mat.NewD: %+v", c)
	}
	c = s.Complete("scopeC", 6)
	if !contains(c.Matches, "scopeCount") {
		t.Errorf("scopeC: %v", c.Matches)
	}
	if _, ok := c.Metadata["_jupyter_types_experimental"]; !ok {
		t.Errorf("no types metadata: %v", c.Metadata)
	}
	c = s.Complete("scopeNet.", 9)
	if !contains(c.Matches, "Forward") || !contains(c.Matches, "W") {
		t.Errorf("scopeNet.: %v", c.Matches)
	}
	for _, internal := range []string{"_gkrt", "_gkR"} {
		c = s.Complete(internal[:3], 3)
		if contains(c.Matches, internal) {
			t.Errorf("completion shows the internal %s", internal)
		}
	}

	in := s.Inspect("scopeCount", 3, 0)
	if !in.Found || !strings.Contains(in.Data["text/plain"].(string), "3") {
		t.Errorf("inspect scopeCount: %+v", in)
	}
	in = s.Inspect("Net", 1, 0)
	if !in.Found || !strings.Contains(in.Data["text/plain"].(string), "tiny model") {
		t.Errorf("inspect Net: %+v", in)
	}
	if v, ok := s.Lookup("scopeNet.rate"); !ok || v.Float() != 0 {
		t.Errorf("Lookup(scopeNet.rate) = %v, %v", v, ok)
	}
	if _, ok := s.Lookup("mat.NewDense"); !ok {
		t.Error("Lookup(mat.NewDense) failed")
	}
	if f := s.Fields("Net"); len(f) != 2 || f[0].Name != "W" {
		t.Errorf("Fields(Net) = %v", f)
	}
	if st := s.IsComplete("for i := 0; i < 3; i++ {"); st.Status != "incomplete" {
		t.Errorf("IsComplete: %+v", st)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMembersOfSourcePackages(t *testing.T) {
	s := sess(t)
	for _, p := range []string{"slices", "maps", "cmp", "main", "nope/nope"} {
		_ = s.Members(p) // must not panic
	}
	if _, ok := s.Lookup("nope.x"); ok {
		t.Error("Lookup(nope.x) found something")
	}
}

// TestCompleteAfterFailedCompile: yaegi knows the globals of a run that
// failed to compile before its frame has room for them; completion and
// the next cells must not fail on that.
func TestCompleteAfterFailedCompile(t *testing.T) {
	s := sess(t)
	_, res := runCell(t, s, "failA := 1\nfailB := []int{1}\nfailC := undefinedQQ")
	if res.Error == nil {
		t.Fatal("no error")
	}
	_ = s.Complete("fail", 4)
	_ = s.Inspect("failA", 2, 0)
	_ = s.Globals()
	if got := plain(mustRun(t, s, "failD := 2\nfailD")); got != "2" {
		t.Errorf("next cell: %q", got)
	}
}
