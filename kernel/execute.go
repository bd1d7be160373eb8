package kernel

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
)

// execute handles execute_request in ipykernel's order: counter,
// execute_input, the cell's outputs, flushed streams, error, reply.
func (k *Kernel) execute(r *request) {
	if k.aborting {
		k.log.Printf("kernel: aborting execute_request %s after an error", r.msg.Header.MsgID)
		r.reply(map[string]any{"status": "aborted", "execution_count": k.counter})
		return
	}
	f := r.fields()
	code := f.str("code", "")
	silent := f.boolean("silent", false)
	store := f.boolean("store_history", true) && !silent
	allowStdin := f.boolean("allow_stdin", false)
	stopOnError := f.boolean("stop_on_error", true)

	if store {
		k.counter++
	}
	count := k.counter
	if !silent {
		k.publish(r, "execute_input", map[string]any{"code": code, "execution_count": count})
	}

	ctx, cancel := context.WithCancel(context.Background())
	k.setRunning(cancel)
	defer func() {
		k.setRunning(nil)
		cancel()
	}()
	em := newEmitter(ctx, r, count, silent, allowStdin)
	res := k.runCell(ctx, ExecuteRequest{
		Code:            code,
		Count:           count,
		Silent:          silent,
		StoreHistory:    store,
		AllowStdin:      allowStdin,
		UserExpressions: f.stringMap("user_expressions"),
	}, em)
	em.flush()
	if store {
		k.history.add(count, code, em.result())
	}
	exprs := res.UserExpressions
	if exprs == nil {
		exprs = map[string]any{}
	}
	if e := res.Error; e != nil {
		tb := e.Traceback
		if len(tb) == 0 {
			tb = []string{e.Name + ": " + e.Value}
		}
		if !silent {
			k.publish(r, "error", map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": tb})
		}
		if stopOnError {
			k.takeQueued()
		}
		r.reply(map[string]any{
			"status": "error", "execution_count": count,
			"ename": e.Name, "evalue": e.Value, "traceback": tb,
			"user_expressions": exprs, "payload": []any{},
		})
		return
	}
	r.reply(map[string]any{
		"status": "ok", "execution_count": count,
		"user_expressions": exprs, "payload": []any{},
	})
}

// runCell calls the interpreter, turning a panic into a failed cell.
func (k *Kernel) runCell(ctx context.Context, req ExecuteRequest, em *emitter) (res ExecuteResult) {
	defer func() {
		if p := recover(); p != nil {
			stack := string(debug.Stack())
			k.log.Printf("kernel: interpreter panic: %v\n%s", p, stack)
			res = ExecuteResult{Error: &Error{
				Name:      "InterpreterPanic",
				Value:     fmt.Sprint(p),
				Traceback: append([]string{fmt.Sprintf("panic: %v", p)}, strings.Split(stack, "\n")...),
			}}
		}
	}()
	return k.in.Execute(ctx, req, em)
}
