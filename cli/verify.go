package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) verifyCmd() *cobra.Command {
	var asJSON, steps bool
	cmd := &cobra.Command{
		Use:   "verify [REV1..REV2]",
		Short: "Check that every step in history was taken by someone who may take it",
		Long: `Walk the commits of a range and check every step a record took against the
commit that took it: a decision proposed (by its driver or a decision maker),
accepted or rejected (by its approver), a hand-off moved (by the side whose
move it is, and only along its lifecycle), a RACI item agreed (by its
Accountable), a check-in posted (by its author), a person's e-mails,
delegates or signing keys changed (by that person). A delegate a person names
in their record may act for them. Who made a commit is the person whose
emails hold its author's e-mail, judged by the people as they were before
the commit; commits made with plain git or an older Accord are judged the
same way. A merge is judged only for what it decided itself.

When accord.yaml lists require_signed, those steps must be in commits signed
by a key listed on the person's record (SSH or OpenPGP).

RANGE is REV1..REV2 (the commits REV2 has and REV1 has not), REV1.. or REV1
(up to HEAD), or nothing for the whole history. --steps lists every step
and who took it.

Exit status: 0 every step was taken by someone who may take it, 1 some were
not, 2 could not run.`,
		Example: `  accord verify
  accord verify origin/main..HEAD
  accord verify --steps HEAD~20..`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			from, to := "", "HEAD"
			if len(args) == 1 {
				var err error
				if from, to, err = diffRange(args, ""); err != nil {
					return err
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			atts, findings, err := s.Verify(from, to)
			if err != nil {
				return &ExitError{Code: ExitUsage, Err: fmt.Errorf("verify: %w", err)}
			}
			org, err := s.Load()
			if err != nil {
				return err
			}
			if asJSON {
				err = printJSON(a.env.Stdout, verifyJSON(org, atts, findings))
			} else {
				err = a.printVerify(org, atts, findings, steps)
			}
			if err != nil {
				return err
			}
			if len(findings) > 0 {
				return &ExitError{Code: ExitFailure}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the steps and findings as JSON")
	cmd.Flags().BoolVar(&steps, "steps", false, "list every step and who took it")
	return cmd
}

func (a *app) printVerify(org *model.Org, atts []model.Attribution, findings []model.Finding, steps bool) error {
	if steps {
		tw := tabwriter.NewWriter(a.env.Stdout, 0, 0, 2, ' ', 0)
		for _, at := range atts {
			sig := ""
			if at.Signature == model.SignatureGood {
				sig = "signed by " + at.Signer
			} else if at.Signature != model.SignatureNone {
				sig = "signature " + string(at.Signature)
			}
			fmt.Fprintln(tw, row(at.Commit.Date.Format(time.DateOnly), model.ShortHash(at.Commit.Hash), at.Step.ID, at.ByLine(org), sig))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	printFindings(a.env.Stdout, findings)
	commits := map[string]bool{}
	for _, at := range atts {
		commits[at.Commit.Hash] = true
	}
	fmt.Fprintf(a.env.Stderr, "%s in %s checked; %s\n", plural(len(atts), "step"), plural(len(commits), "commit"),
		map[bool]string{true: "every one taken by someone who may take it", false: plural(len(findings), "problem")}[len(findings) == 0])
	return nil
}

// printFindings prints findings one a line, as validate does, with the
// commit's author for a finding about history.
func printFindings(w io.Writer, findings []model.Finding) {
	for _, f := range findings {
		fmt.Fprintln(w, model.CleanText(f.String(), false))
	}
}

// stepJSON is one step as accord verify --json prints it.
type stepJSON struct {
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	Kind      string `json:"kind"`
	ID        string `json:"id"`
	From      string `json:"from,omitempty"`
	To        string `json:"to"`
	Step      string `json:"step"`
	By        string `json:"by,omitempty"`
	Email     string `json:"email"`
	For       string `json:"on_behalf_of,omitempty"`
	Says      string `json:"says"`
	Signature string `json:"signature"`
	Signer    string `json:"signer,omitempty"`
}

func verifyJSON(org *model.Org, atts []model.Attribution, findings []model.Finding) any {
	out := struct {
		Steps    []stepJSON      `json:"steps"`
		Findings []model.Finding `json:"findings"`
	}{Steps: []stepJSON{}, Findings: findings}
	if out.Findings == nil {
		out.Findings = []model.Finding{}
	}
	for _, at := range atts {
		out.Steps = append(out.Steps, stepJSON{Commit: at.Commit.Hash, Date: at.Commit.Date.Format(time.RFC3339),
			Kind: string(at.Step.Kind), ID: at.Step.ID, From: at.Step.From, To: at.Step.To, Step: at.Step.Verb,
			By: at.By, Email: at.Commit.Email, For: at.For, Says: at.ByLine(org),
			Signature: string(at.Signature), Signer: at.Signer})
	}
	return out
}

// verifyWorktree judges what the worktree changed since HEAD, not yet
// committed, as the steps the current identity would take by committing
// it; with no identity there is nobody to judge, and nothing is reported.
func verifyWorktree(s *gitstore.Store, org *model.Org) ([]model.Finding, error) {
	changed, err := s.Baseline("HEAD", org)
	if err != nil || len(changed) == 0 {
		return nil, err
	}
	id, err := s.Identity()
	if err != nil {
		return nil, nil
	}
	var before *model.Org // the organisation as committed: an edit cannot grant itself the right it uses
	var out []model.Finding
	for recID, old := range changed {
		nu, _ := org.Get(recID)
		if len(model.StepsBetween(org, old, nu)) == 0 {
			continue
		}
		if before == nil {
			if before, err = s.OrgAt("HEAD"); err != nil {
				return nil, err
			}
		}
		who, _ := before.PersonByEmail(id.Email)
		for _, err := range model.CheckEditSteps(before, old, nu, who, id.Email) {
			f := model.Finding{Severity: model.SeverityError, ID: recID, Message: "not committed yet: " + err.Error()}
			if se, ok := err.(*model.StepError); ok {
				f.Rule = se.Step.Rule
			} else {
				f.Rule = "checkin.posted-by"
			}
			if src := org.Sources[recID]; src != nil {
				f.File = src.Path
			}
			out = append(out, f)
		}
	}
	model.SortFindings(out)
	return out, nil
}
