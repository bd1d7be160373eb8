package assist

// keywords are Go's keywords with a one-line description for inspection.
var keywords = map[string]string{
	"break":       "break ends the innermost (or labelled) for, switch or select.",
	"case":        "case starts a clause of a switch or select.",
	"chan":        "chan T is the type of channels carrying values of type T.",
	"const":       "const declares named constants.",
	"continue":    "continue starts the next iteration of the innermost (or labelled) for loop.",
	"default":     "default is the clause of a switch or select taken when no case matches.",
	"defer":       "defer schedules a call to run when the surrounding function returns.",
	"else":        "else is the branch of an if statement taken when the condition is false.",
	"fallthrough": "fallthrough transfers control to the next clause of an expression switch.",
	"for":         "for repeats a block: for init; cond; post {}, for cond {}, for {} or for k, v := range x {}.",
	"func":        "func declares a function or method, or writes a function literal.",
	"go":          "go starts a function call in a new goroutine.",
	"goto":        "goto transfers control to a label in the same function.",
	"if":          "if runs a block when a condition holds: if init; cond {} else {}.",
	"import":      "import makes the exported names of a package available: import \"fmt\".",
	"interface":   "interface{ ... } is a type listing a method set.",
	"map":         "map[K]V is the type of hash maps from K to V.",
	"package":     "package names the package of a Go file (implicit in a notebook cell).",
	"range":       "range iterates over a slice, array, string, map or channel in a for loop.",
	"return":      "return ends a function, giving its results.",
	"select":      "select waits on several channel operations.",
	"struct":      "struct{ ... } is a type with named fields.",
	"switch":      "switch chooses a clause by value or by type.",
	"type":        "type declares a named type or an alias.",
	"var":         "var declares variables, with a type, an initial value or both.",
}

// builtins are the predeclared functions, types and constants; their docs
// come from the embedded "builtin" package documentation.
var builtins = []string{
	"append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
	"max", "min", "new", "panic", "print", "println", "real", "recover",
	"any", "bool", "byte", "comparable", "complex128", "complex64", "error", "float32",
	"float64", "int", "int16", "int32", "int64", "int8", "rune", "string", "uint",
	"uint16", "uint32", "uint64", "uint8", "uintptr",
	"false", "iota", "nil", "true",
}
