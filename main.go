// Command accord keeps an organisation's goals, decisions and RACI records
// as YAML in git. main only wires the layers together.
package main

import (
	"os"

	"github.com/accordhq/accord/cli"
)

func main() {
	isTerminal := false
	if info, err := os.Stdout.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
		isTerminal = true
	}
	os.Exit(cli.Execute(cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTerminal}, os.Args[1:]))
}
