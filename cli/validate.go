package cli

import (
	"fmt"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) validateCmd() *cobra.Command {
	var asJSON bool
	var base string
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check every record against Accord's rules",
		Long: `Check every record against Accord's rules: schema and enums, references,
cycles, RACI golden rules, decision lifecycle, stale check-ins and more.

Changes are judged against --base (default HEAD): a decision's status may only
move along its lifecycle, and a check-in may not be edited once it landed.
Every step the commits since --base took, and the worktree would take, must
be taken by someone who may take it, as accord verify checks. In CI on a pull
request, pass the target branch: --base origin/main.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 could not run.`,
		Example: `  accord validate
  accord validate --json
  accord validate --base origin/main`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			findings, err := a.validate(s, base)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if asJSON {
				if findings == nil {
					findings = []model.Finding{}
				}
				if err := printJSON(a.env.Stdout, findings); err != nil {
					return err
				}
			} else {
				for _, f := range findings {
					fmt.Fprintln(a.env.Stdout, model.CleanText(f.String(), false))
				}
				errs, warns, infos := model.CountBySeverity(findings)
				fmt.Fprintf(a.env.Stderr, "%s, %s, %s\n", plural(errs, "error"), plural(warns, "warning"), plural(infos, "note"))
			}
			if errs, _, _ := model.CountBySeverity(findings); errs > 0 {
				return &ExitError{Code: ExitFailure}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print findings as a JSON array")
	cmd.Flags().StringVar(&base, "base", "HEAD", "judge changes against this revision")
	return cmd
}

// validate loads the worktree and checks it against base.
func (a *app) validate(s *gitstore.Store, base string) ([]model.Finding, error) {
	org, err := s.Load()
	if err != nil {
		return nil, err
	}
	// A file that cannot be read says who committed it, and in which commit.
	if err := s.AttributeProblems(org.Problems); err != nil {
		return nil, err
	}
	baseline, err := s.Baseline(base, org)
	if err != nil {
		return nil, err
	}
	findings := model.Validate(org, model.ValidateOptions{Today: a.env.Now(), Base: baseline})
	_, history, err := s.Verify(base, "HEAD")
	if err != nil {
		return nil, err
	}
	uncommitted, err := verifyWorktree(s, org)
	if err != nil {
		return nil, err
	}
	findings = append(findings, append(history, uncommitted...)...)
	model.SortFindings(findings)
	return findings, nil
}

// plural is model.Plural, by the short name every command uses.
func plural(n int, word string) string { return model.Plural(n, word) }
