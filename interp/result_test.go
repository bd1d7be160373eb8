package interp

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestLastExpressionRules(t *testing.T) {
	s := sess(t)
	mustRun(t, s, "func voidFn() {}\nfunc pair() (int, string) { return 1, \"a\" }\nresN := 3")
	tests := []struct {
		code string
		want string // "" means no execute_result
	}{
		{"1 + 1", "2"},
		{"resN", "3"},
		{"resN = 4", ""},
		{"resN2 := 5", ""},
		{"voidFn()", ""},
		{"fmt.Println(\"printed\")", ""},
		{"fmt.Printf(\"%d\\n\", 1)", ""},
		{"if resN > 0 { resN++ }", ""},
		{"for i := 0; i < 2; i++ {}", ""},
		{"var declOnly = 1", ""},
		{"func declFn() {}", ""},
		{"pair()", "1\na"},
		{"\"text\"", "text"},
		{"fmt.Errorf(\"bad %d\", 7)", "bad 7"},
		{"[]int{1, 2}", "[1 2]"},
		{"x := 1\n// a comment at the end\n", ""},
		{"resN // the value, with a comment", "5"},
		{"mat.NewDense(2, 2, []float64{1, 2, 3, 4})", "⎡1  2⎤\n⎣3  4⎦"},
	}
	for _, tt := range tests {
		rec, res := runCell(t, s, tt.code)
		if res.Error != nil {
			t.Errorf("%q failed: %s", tt.code, res.Error)
			continue
		}
		r := rec.result()
		switch {
		case tt.want == "" && r != nil:
			t.Errorf("%q: unexpected result %v", tt.code, r)
		case tt.want != "" && plain(rec) != tt.want:
			t.Errorf("%q: result %q, want %q", tt.code, plain(rec), tt.want)
		}
	}
	rec := mustRun(t, s, "fmt.Println(\"printed\")")
	if rec.text("stdout") != "printed\n" {
		t.Errorf("stdout %q", rec.text("stdout"))
	}
}

func TestLargeMatrixExcerpt(t *testing.T) {
	s := sess(t)
	got := plain(mustRun(t, s, "mat.NewDense(50, 40, nil)"))
	if !strings.HasPrefix(got, "*mat.Dense 50×40\n") || !strings.Contains(got, "...") {
		t.Errorf("large matrix shown as %q", got)
	}
}

func TestPlotResultPNG(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, `import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)
p := plot.New()
p.Title.Text = "line"
l, _ := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
p.Add(l)
p`)
	r := rec.result()
	if r == nil {
		t.Fatal("no result")
	}
	b64, _ := r["image/png"].(string)
	png, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
		t.Fatalf("image/png is not a PNG (%d bytes, err %v)", len(png), err)
	}
	if r["text/plain"] != "<plot: line>" {
		t.Errorf("text/plain %q", r["text/plain"])
	}
}

// TestInterpretedMethods checks that methods declared in cells, which
// compiled code cannot see, still give the rich representations.
func TestInterpretedMethods(t *testing.T) {
	s := sess(t)
	mustRun(t, s, `type temp float64
func (c temp) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
type card struct{ Title string }
func (c card) HTML() string { return "<b>" + c.Title + "</b>" }
func (c *card) Markdown() string { return "**" + c.Title + "**" }`)
	rec := mustRun(t, s, "temp(21.5)")
	if got := plain(rec); got != "21.5°C" {
		t.Errorf("String(): %q", got)
	}
	rec = mustRun(t, s, "card{\"hi\"}")
	if r := rec.result(); r == nil || r["text/html"] != "<b>hi</b>" || r["text/plain"] != "{hi}" {
		t.Errorf("HTML(): %v", r)
	}
	rec = mustRun(t, s, "&card{\"p\"}")
	if r := rec.result(); r == nil || r["text/markdown"] != "**p**" || r["text/html"] != "<b>p</b>" {
		t.Errorf("pointer: %v", r)
	}
	// Values of other types are not affected by the probes.
	if got := plain(mustRun(t, s, "2.5")); got != "2.5" {
		t.Errorf("2.5 shown as %q", got)
	}
}

func TestDisplayPublisher(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, "fmt.Println(\"before\")\ndisplay.HTML(\"<i>x</i>\")\nfmt.Println(\"after\")\nd := display.New()\nd.Text(\"one\")\nd.Text(\"two\")\ndisplay.Clear()")
	k := rec.kinds()
	want := []string{"stdout", "display", "stdout", "display", "update", "clear"}
	if strings.Join(k, ",") != strings.Join(want, ",") {
		t.Fatalf("events %v, want %v", k, want)
	}
	if rec.events[1].data["text/html"] != "<i>x</i>" {
		t.Errorf("display data %v", rec.events[1].data)
	}
	if rec.events[3].id == "" || rec.events[3].id != rec.events[4].id {
		t.Errorf("display ids %q %q", rec.events[3].id, rec.events[4].id)
	}
}

func TestUserExpressions(t *testing.T) {
	s := sess(t)
	rec := &recorder{}
	res := s.Execute(t.Context(), kernelRequest("ueX := 6\nueX * 2", map[string]string{"a": "ueX + 1", "bad": "nope +"}), rec)
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	if plain(rec) != "12" {
		t.Errorf("cell result %q", plain(rec))
	}
	a, _ := res.UserExpressions["a"].(map[string]any)
	if a["status"] != "ok" || a["data"].(map[string]any)["text/plain"] != "7" {
		t.Errorf("a = %v", a)
	}
	b, _ := res.UserExpressions["bad"].(map[string]any)
	if b["status"] != "error" {
		t.Errorf("bad = %v", b)
	}
}

// TestInterpretedPlotter checks the composed wrappers of package symbols:
// a plotter declared in a cell gives plot.Add its data range.
func TestInterpretedPlotter(t *testing.T) {
	s := sess(t)
	rec := mustRun(t, s, `import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)
type ranged struct{ n float64 }
func (r ranged) Plot(c draw.Canvas, p *plot.Plot) {}
func (r ranged) DataRange() (xmin, xmax, ymin, ymax float64) { return 0, r.n, -1, 1 }
rp := plot.New()
rp.Add([]plot.Plotter{ranged{10}}...)
rp.X.Max`)
	if got := plain(rec); got != "10" {
		t.Errorf("X.Max = %q, want 10 (DataRange not seen through the wrapper)", got)
	}
}
