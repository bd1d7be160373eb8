package kernel

import (
	"context"
	"io"
	"log"
	"os/exec"
	"testing"
	"time"
)

func TestWatchParentStopsWhenParentDies(t *testing.T) {
	cmd := exec.Command("sleep", "30")
	if err := cmd.Start(); err != nil {
		t.Skipf("cannot start sleep: %v", err)
	}
	stopped := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opts := Options{Log: log.New(io.Discard, "", 0), ParentPollInterval: 5 * time.Millisecond}
	go watchParent(ctx, cmd.Process.Pid, opts, func() { close(stopped) })
	select {
	case <-stopped:
		t.Fatal("stopped while the parent lives")
	case <-time.After(50 * time.Millisecond):
	}
	cmd.Process.Kill()
	cmd.Wait()
	select {
	case <-stopped:
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop after the parent died")
	}
}
