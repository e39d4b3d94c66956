package cli

import (
	"fmt"
	"os/exec"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// A checkResult is one line of accord doctor: what was checked, how it
// stands, what was found, and what to run when it is not right.
type checkResult struct {
	Check  string `json:"check"`
	Status string `json:"status"` // ok, note, problem
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"`
}

func (a *app) doctorCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check this clone's health: identity, remote, merge driver, hooks, records",
		Long: `Check what makes a clone work with everyone else's, without touching the
network: who commits (and which person that is), the remote and how a sync
would authenticate, the merge driver that lets plain git merge records as
accord sync does, the pre-commit hook, conflicts waiting, and files that
cannot be read. Each problem comes with what to run.

Exit status: 0 nothing wrong (notes allowed), 1 a problem found, 2 not a
data repository.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			c, err := s.Checkup()
			if err != nil {
				return err
			}
			org, err := s.Load()
			if err != nil {
				return err
			}
			var out []checkResult
			add := func(check, status, detail, fix string) {
				out = append(out, checkResult{check, status, detail, fix})
			}

			if id, err := s.Identity(); err != nil {
				add("identity", "problem", "no git identity: commits cannot be made",
					`git config user.name "Your Name" && git config user.email you@example.com`)
			} else if handle, ok := org.PersonByEmail(id.Email); !ok {
				add("identity", "note", fmt.Sprintf("%s <%s>, not among any person's emails: check-ins and approvals need one", id.Name, id.Email),
					fmt.Sprintf("accord set YOUR-HANDLE emails+=%s", id.Email))
			} else {
				add("identity", "ok", fmt.Sprintf("%s <%s> (%s)", id.Name, id.Email, handle), "")
			}

			switch {
			case c.Remote == "":
				add("remote", "note", "no remote: nothing is shared yet", "accord remote set URL")
			case c.RemoteHasCredential:
				add("remote", "problem", c.Remote+": .git/config holds a token or password in the URL",
					"accord remote set "+c.Remote+"   (and put the token in ACCORD_TOKEN or git's credential helper)")
			case c.AuthProblem:
				add("remote", "problem", c.Remote+": "+c.Auth, "ssh-keygen -t ed25519, and add the public key to the remote")
			default:
				add("remote", "ok", c.Remote+": "+c.Auth, "")
			}

			md := c.MergeDriver
			switch {
			case md.Attributes && md.Config && md.Local:
				add("merge driver", "ok", "plain git merge and git pull merge records field by field in this clone (.git/info/attributes; .gitattributes does not share it)", "")
			case md.Attributes && md.Config:
				add("merge driver", "ok", "plain git merge and git pull merge records field by field", "")
			case !md.Attributes:
				add("merge driver", "problem", ".gitattributes does not route records to accord merge-driver: plain git pull would merge them as text", "accord init")
			default:
				add("merge driver", "problem", "this clone's git config does not define the accord merge driver: plain git pull would fail on records", "accord init")
			}
			if _, err := exec.LookPath("accord"); err != nil && md.Config {
				add("merge driver", "note", "git runs `accord merge-driver`, but accord is not on PATH: a plain git merge of records would fail", "put the accord binary on PATH")
			}

			switch {
			case strings.Contains(c.PreCommit, "accord validate"):
				add("hooks", "ok", "the pre-commit hook runs accord validate", "")
			case c.PreCommit != "":
				add("hooks", "note", "a pre-commit hook that does not run accord validate", "see docs/validate.md")
			default:
				where := ".git/hooks"
				if c.HooksPath != "" {
					where = c.HooksPath
				}
				add("hooks", "note", "no pre-commit hook in "+where+": commits made with plain git are not validated", "see docs/validate.md")
			}

			if c.Conflicts > 0 {
				add("merge", "problem", model.Plural(c.Conflicts, "conflict")+" from a sync wait: nothing is pushed until they are resolved", "accord conflicts")
			}
			if n := len(org.Problems); n > 0 {
				add("records", "problem", model.Plural(n, "file")+" cannot be read", "accord validate")
			} else {
				add("records", "ok", "every record file reads", "")
			}

			problems := 0
			for _, r := range out {
				if r.Status == "problem" {
					problems++
				}
			}
			if asJSON {
				if err := printJSON(a.env.Stdout, out); err != nil {
					return err
				}
			} else {
				for _, r := range out {
					line := fmt.Sprintf("%-8s %-13s %s", r.Status, r.Check, r.Detail)
					if r.Fix != "" && r.Status != "ok" {
						line += "\n" + strings.Repeat(" ", 23) + "→ " + r.Fix
					}
					fmt.Fprintln(a.env.Stdout, model.CleanText(line, true))
				}
			}
			if problems > 0 {
				return &ExitError{Code: ExitFailure, Err: fmt.Errorf("%s found", model.Plural(problems, "problem"))}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the checks as a JSON array")
	return cmd
}
