// Command accord keeps an organisation's goals, decisions and RACI records
// as YAML in git. main only wires the layers together.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/cli"
	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/ui"
	"github.com/charmbracelet/x/term"
)

// The TUI consumes the store through its own small interface.
var _ ui.Store = (*gitstore.Store)(nil)

func main() {
	// A real terminal, not any character device: /dev/null is one too.
	isTerminal := term.IsTerminal(os.Stdout.Fd()) && term.IsTerminal(os.Stdin.Fd())
	env := cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, IsTerminal: isTerminal, RunTUI: runTUI}
	if term.IsTerminal(os.Stdin.Fd()) {
		env.ReadSecret = readSecret
	}
	os.Exit(cli.Execute(env, os.Args[1:]))
}

// runTUI runs the interactive program on a store until the user quits. The
// TUI dates what it shows by the store's clock, the one the CLI gave it.
func runTUI(s *gitstore.Store) error {
	_, err := tea.NewProgram(ui.New(s, ui.WithClock(s.Now))).Run()
	return err
}

// readSecret asks on stderr and reads a line from the terminal without
// echoing it.
func readSecret(prompt string) (string, error) {
	fmt.Fprint(os.Stderr, prompt)
	b, err := term.ReadPassword(os.Stdin.Fd())
	fmt.Fprintln(os.Stderr)
	return string(b), err
}
