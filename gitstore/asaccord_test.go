package gitstore_test

import (
	"os"

	"github.com/accordhq/accord/cli"
)

// With ACCORD_TEST_AS_ACCORD=1 this test binary is accord itself: it runs
// the command line in os.Args and exits before any test, as the root
// package's test binary runs main (main_kill_test.go). TestSyncConverges
// with ACCORD_SYNC_VIA=binary drives every clone through such processes.
// (An external test package may import cli, which imports gitstore; the
// store in the process is the package's ordinary code.)
func init() {
	if os.Getenv("ACCORD_TEST_AS_ACCORD") == "1" {
		os.Exit(cli.Execute(cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:]))
	}
}
