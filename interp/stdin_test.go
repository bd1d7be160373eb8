package interp

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestStdinAllowed(t *testing.T) {
	s := sess(t)
	rec := &recorder{allow: true, inputs: []string{"42 7", "hello world", "3.5"}}
	res := execCtx(context.Background(), s, `import "bufio"
var a, b int
fmt.Scanln(&a, &b)
line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
var f float64
fmt.Scanln(&f)
fmt.Sprint(a+b, "|", strings.TrimSpace(line), "|", f)`, rec)
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	if got := plain(rec); got != "49|hello world|3.5" {
		t.Errorf("got %q", got)
	}
}

func TestStdinDenied(t *testing.T) {
	s := sess(t)
	rec := &recorder{allow: false}
	res := execCtx(context.Background(), s, "var sd int\n_, err := fmt.Scan(&sd)\nerr", rec)
	if res.Error != nil {
		t.Fatal(res.Error)
	}
	if got := plain(rec); !strings.Contains(got, "allow_stdin is false") {
		t.Errorf("error shown %q, want the no-stdin error", got)
	}
	if !errors.Is(ErrNoStdin, ErrNoStdin) || len(rec.kinds()) != 1 {
		t.Errorf("events %v", rec.kinds())
	}
}
