package install_test

import (
	"fmt"

	"github.com/gokernel/gokernel/install"
)

func ExampleNewSpec() {
	b, err := install.NewSpec("/usr/local/bin/gokernel").JSON()
	if err != nil {
		panic(err)
	}
	fmt.Print(string(b))
	// Output:
	// {
	//   "argv": [
	//     "/usr/local/bin/gokernel",
	//     "kernel",
	//     "{connection_file}"
	//   ],
	//   "display_name": "Go (gokernel)",
	//   "language": "go",
	//   "interrupt_mode": "message",
	//   "metadata": {
	//     "kernel_protocol_version": "5.3"
	//   }
	// }
}

func ExampleKernelDir() {
	fmt.Println(install.KernelDir(install.PrefixDataDir("/opt/conda")))
	// Output: /opt/conda/share/jupyter/kernels/gokernel
}
