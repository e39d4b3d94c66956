// Package cli holds Accord's non-interactive commands, one file each. They
// are thin: parse flags, call gitstore to read or write and model to
// validate, query and roll up, and print text or JSON.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// Exit codes are stable: scripts and CI depend on them.
const (
	ExitOK       = 0 // success; validate found no errors
	ExitFailure  = 1 // the command failed; validate found errors
	ExitUsage    = 2 // bad arguments, or the command could not run at all
	ExitConflict = 3 // sync: conflicts await resolution
	ExitOffline  = 4 // sync: the remote could not be reached
)

// ExitError carries an exit code with an error to print; a nil Err prints
// nothing (the command already said what it had to).
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

func usageError(format string, args ...any) error {
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf(format, args...)}
}

// Env is what a command needs from the outside world; tests replace it.
type Env struct {
	Stdout, Stderr io.Writer
	// Now is the current time: dates of commits and check-ins, staleness.
	// One clock for everything: the store is given the same one.
	Now func() time.Time
	// Author, when set, is who commits are made by; otherwise git's
	// environment variables and config decide, as for git commit.
	Author *gitstore.Signature
	// IsTerminal says whether stdout is a terminal.
	IsTerminal bool
	// RunTUI opens the interactive program on a store; nil until there is one.
	RunTUI func(s *gitstore.Store) error
	// ReadSecret asks for a passphrase without echoing it; nil when there
	// is no terminal to ask on.
	ReadSecret func(prompt string) (string, error)
}

// app is shared by the commands of one invocation.
type app struct {
	env    Env
	repo   string // --repo
	asJSON bool   // --json on the commands that write
}

// Execute runs Accord's command line with args and returns the exit code.
func Execute(env Env, args []string) int {
	if env.Now == nil {
		env.Now = model.Now
	}
	root := newRoot(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	code := ExitFailure
	var ee *ExitError
	if errors.As(err, &ee) {
		code = ee.Code
		err = ee.Err
	}
	if err == nil {
		return code
	}
	msg := model.CleanText(err.Error(), true)
	if f := cmd.Flags().Lookup("json"); f != nil && f.Changed {
		// A script asked for JSON: it gets the error as JSON too.
		_ = printJSON(env.Stdout, struct {
			Error string `json:"error"`
			Code  int    `json:"code"`
		}{msg, code})
		return code
	}
	fmt.Fprintln(env.Stderr, "accord:", msg)
	return code
}

func newRoot(env Env) *cobra.Command {
	a := &app{env: env}
	root := &cobra.Command{
		Use:   "accord",
		Short: "One source of truth for goals, decisions and who is responsible",
		Long: `Accord keeps an organisation's goals, check-ins, decisions, RACI records and
hand-offs as YAML files in a git repository, so every department shares one
reviewable history. Run it inside a data repository, or pass --repo DIR.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			var names []string
			for _, c := range cmd.Commands() {
				names = append(names, c.Name())
			}
			return usageError("unknown command %q%s\nrun 'accord --help' for the commands", args[0], model.DidYouMean(args[0], names))
		},
		RunE: a.runOverview,
	}
	root.Version = buildVersion().String()
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.PersistentFlags().StringVarP(&a.repo, "repo", "C", "", "the data repository (default: the one containing the current directory)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s\nrun '%s --help' for usage", flagMessage(err), c.CommandPath())}
	})
	root.AddCommand(a.initCmd(), a.demoCmd(), a.listCmd(), a.showCmd(), a.newCmd(),
		a.setCmd(), a.checkinCmd(), a.askCmd(), a.pulseCmd(), a.retroCmd(), a.supersedeCmd(), a.validateCmd(), a.verifyCmd(), a.codeownersCmd(), a.inboxCmd(), a.stakeholdersCmd(),
		a.syncCmd(), a.remoteCmd(), a.cloneCmd(), a.conflictsCmd(), a.resolveCmd(), a.mergeDriverCmd(),
		a.reportCmd(), a.publishCmd(), a.digestCmd(), a.exportCmd(), a.importCmd(),
		a.logCmd(), a.blameCmd(), a.diffCmd(), a.versionCmd())
	usageArgs(root)
	a.registerCompletions(root)
	return root
}

// usageArgs makes a wrong number of arguments a usage error (exit 2) that
// shows the command's usage line, for every command under c.
func usageArgs(c *cobra.Command) {
	for _, sub := range c.Commands() {
		usageArgs(sub)
	}
	check := c.Args
	if check == nil || c.Parent() == nil {
		return // the root says which command it did not know
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		var ee *ExitError
		if err == nil || errors.As(err, &ee) {
			return err
		}
		return usageError("wrong number of arguments (%d given)\nusage: %s\nrun '%s --help' for more",
			len(args), cmd.UseLine(), cmd.CommandPath())
	}
}

// badNumber is how pflag reports a flag value that is not a number.
var badNumber = regexp.MustCompile(`^invalid argument "(.*)" for "(.*?)" flag: strconv\.Parse(Float|Int|Uint)`)

// flagMessage says what a flag wants, without Go's internals: `--value
// "ninety": want a number`, not strconv's words.
func flagMessage(err error) string {
	if m := badNumber.FindStringSubmatch(err.Error()); m != nil {
		what := "a number"
		if m[3] != "Float" {
			what = "a whole number"
		}
		return fmt.Sprintf("%s %q: want %s", m[2], m[1], what)
	}
	return err.Error()
}

// open opens the data repository named by --repo or containing the
// current directory.
func (a *app) open() (*gitstore.Store, error) {
	dir := a.repo
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		dir = wd
	}
	s, err := gitstore.Open(dir, a.storeOptions()...)
	if err != nil {
		return nil, &ExitError{Code: ExitUsage, Err: err}
	}
	// What opening cleaned up after a command that was stopped mid-write.
	for _, n := range s.Notices() {
		fmt.Fprintf(a.env.Stderr, "accord: %s\n", n)
	}
	return s, nil
}

// storeOptions give every store this invocation opens its clock and, when
// the environment names one, its author.
func (a *app) storeOptions() []gitstore.Option {
	opts := []gitstore.Option{gitstore.WithClock(a.env.Now)}
	if a.env.Author != nil {
		opts = append(opts, gitstore.WithAuthor(*a.env.Author))
	}
	return opts
}

// load opens the repository and reads the organisation. The caller closes
// the store.
func (a *app) load() (*gitstore.Store, *model.Org, error) {
	s, err := a.open()
	if err != nil {
		return nil, nil, err
	}
	org, err := s.Load()
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return s, org, nil
}

// loadRecord is load and then resolve an ID prefix.
func (a *app) loadRecord(prefix string) (*gitstore.Store, *model.Org, model.Record, error) {
	s, org, err := a.load()
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := resolve(org, prefix)
	if err != nil {
		s.Close()
		return nil, nil, nil, err
	}
	return s, org, r, nil
}

func (a *app) today() string { return a.env.Now().Format(time.DateOnly) }
