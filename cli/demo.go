package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/spf13/cobra"
)

func (a *app) demoCmd() *cobra.Command {
	var records, history int
	var seed int64
	cmd := &cobra.Command{
		Use:   "demo [DIR]",
		Short: "Create the demo organisation (or a synthetic one) and open it",
		Long: `Create Northwind Labs, a realistic sample organisation with three months of
history, as a data repository in DIR (default ./accord-demo), then open it.
If DIR already holds a data repository, it is opened as it is.

With --records, create instead a synthetic organisation of about that many
records and --history commits, the same for the same --seed: for benchmarks
and load tests.`,
		Example: `  accord demo
  accord demo /tmp/big --records 10000 --history 2000 --seed 7`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "accord-demo"
			if len(args) == 1 {
				dir = args[0]
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			if records < 0 || history < 0 {
				return usageError("--records and --history must be positive")
			}
			s, err := gitstore.Open(abs, a.storeOptions()...)
			if err == nil && s.Dir() != abs {
				s.Close() // a repository above DIR is not DIR's
				err = gitstore.ErrNotRepository
			}
			if err != nil {
				if s, err = a.generate(abs, records, history, seed); err != nil {
					return err
				}
			} else {
				fmt.Fprintf(a.env.Stderr, "%s already holds a data repository; opening it\n", abs)
			}
			defer s.Close()
			if !a.env.IsTerminal {
				fmt.Fprintln(a.env.Stdout, abs)
				return nil
			}
			if a.env.RunTUI != nil {
				return a.env.RunTUI(s)
			}
			return a.overview(s)
		},
	}
	cmd.Flags().IntVar(&records, "records", 0, "make a synthetic organisation of about N records")
	cmd.Flags().IntVar(&history, "history", 0, "with --records: about M commits of history (default N/10)")
	cmd.Flags().Int64Var(&seed, "seed", 1, "with --records: the random seed")
	return cmd
}

func (a *app) generate(dir string, records, history int, seed int64) (*gitstore.Store, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
			return nil, fmt.Errorf("%s exists and is not empty; choose another folder", dir)
		}
	}
	today := a.env.Now()
	var cfg model.Config
	var commits []model.Commit
	if records > 0 {
		if history == 0 {
			history = max(records/10, 1)
		}
		cfg, commits = demo.Synthetic(records, history, seed, today)
	} else {
		cfg, commits = demo.Northwind(today)
	}
	fmt.Fprintf(a.env.Stderr, "writing %s: %d commits…\n", dir, len(commits))
	s, err := gitstore.WriteHistory(dir, cfg, commits, a.storeOptions()...)
	if err != nil || records > 0 {
		return s, err
	}
	// The demo is seen through Raj's eyes: the clone commits as him, so
	// his inbox is "you" and the README's commands act as him.
	if err := s.SetIdentity(gitstore.Signature{Name: demo.NorthwindUserName, Email: demo.NorthwindUserEmail}); err != nil {
		s.Close()
		return nil, err
	}
	// Raj's private notes on his stakeholders: in the clone, never committed.
	m := demo.NorthwindStakeholders(today)
	if err := s.SaveStakeholders(&m, gitstore.Secret{}); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
