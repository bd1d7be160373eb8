package kernel

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/kernel/wire"
	"github.com/gokernel/gokernel/kernel/zmqtransport"
)

// Serve runs a kernel for the connection file until a shutdown request
// (returns nil) or ctx ends.
//
// SIGINT interrupts the running cell and never stops the kernel; SIGTERM
// and SIGHUP stop it cleanly (Serve returns nil). When JPY_PARENT_PID is
// set, the kernel also stops once that process is gone. When ctx ends,
// Serve returns ctx.Err().
func Serve(ctx context.Context, connectionFile string, in Interpreter, opts Options) error {
	opts = opts.withDefaults()
	ci, err := wire.ReadConnectionFile(connectionFile)
	if err != nil {
		return err
	}
	signer, err := wire.NewSigner(ci.SignatureScheme, ci.Key)
	if err != nil {
		return err
	}
	t, err := zmqtransport.Open(ctx, ci, zmqtransport.Options{Log: opts.Log})
	if err != nil {
		return err
	}
	defer t.Close()
	k := NewKernel(t, signer, in, opts)

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	stopped := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sigs:
				if s == os.Interrupt {
					opts.Log.Printf("kernel: SIGINT: interrupting the running cell")
					k.Interrupt()
					continue
				}
				opts.Log.Printf("kernel: %v: shutting down", s)
				close(stopped)
				stop()
				return
			case <-runCtx.Done():
				return
			}
		}
	}()
	if pid, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID")); err == nil && pid > 1 && opts.ParentPollInterval > 0 {
		go watchParent(runCtx, pid, opts, stop)
	}

	err = k.Run(runCtx)
	select {
	case <-stopped:
		return nil
	default:
	}
	if err != nil && ctx.Err() == nil {
		// The parent died.
		return fmt.Errorf("kernel: parent process %s exited", os.Getenv("JPY_PARENT_PID"))
	}
	return err
}

// watchParent calls stop once process pid is gone: it no longer answers
// signal 0, or it was the kernel's parent and the kernel has been
// re-parented.
func watchParent(ctx context.Context, pid int, opts Options, stop func()) {
	child := os.Getppid() == pid
	tick := time.NewTicker(opts.ParentPollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if (child && os.Getppid() != pid) || !alive(pid) {
			opts.Log.Printf("kernel: parent process %d is gone; shutting down", pid)
			stop()
			return
		}
	}
}

func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
