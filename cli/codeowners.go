package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

func (a *app) codeownersCmd() *cobra.Command {
	var format, output string
	var check bool
	cmd := &cobra.Command{
		Use:   "codeowners",
		Short: "Write a CODEOWNERS file so the right people approve each record's pull request",
		Long: `Write a CODEOWNERS file (GitHub or GitLab syntax) that maps each record file to
the people who must approve a change to it: a goal's owner, a decision's
approver, a RACI item's Accountable, both owners of a hand-off, the person a
person record describes, a team's lead. With branch protection that requires
code owners' review, the code host's approval becomes the sign-off.

People are named by the github: or gitlab: handle on their person record; a
record whose people have none is listed in a comment and on stderr.

With -o FILE the file is written (for example .github/CODEOWNERS); without it,
printed. --check compares with FILE instead and exits 1 when it is out of date,
for CI.`,
		Example: `  accord codeowners -o .github/CODEOWNERS
  accord codeowners --format gitlab -o .gitlab/CODEOWNERS
  accord codeowners --check -o .github/CODEOWNERS`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "github" && format != "gitlab" {
				return usageError("--format %q: want github or gitlab", format)
			}
			if check && output == "" {
				return usageError("--check needs -o FILE: the CODEOWNERS file to compare with")
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			data, missing := codeowners(org, format)
			for _, m := range missing {
				fmt.Fprintln(a.env.Stderr, "accord: "+model.CleanText(m, false))
			}
			switch {
			case output == "":
				_, err = a.env.Stdout.Write(data)
				return err
			case check:
				path := a.inRepo(s.Dir(), output)
				have, err := os.ReadFile(path)
				if err != nil || !bytes.Equal(have, data) {
					return &ExitError{Code: ExitFailure, Err: fmt.Errorf("%s is out of date; run accord codeowners -o %s", output, output)}
				}
				return nil
			}
			path := a.inRepo(s.Dir(), output)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stderr, "wrote %s\n", path)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "github", "github or gitlab")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the CODEOWNERS file to write (relative paths are in the data repository)")
	cmd.Flags().BoolVar(&check, "check", false, "compare with the -o file and exit 1 if it is out of date")
	return cmd
}

// inRepo resolves a relative path against the data repository.
func (a *app) inRepo(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// codeowners renders the file, and says which records have reviewers
// without a handle on the code host.
func codeowners(org *model.Org, format string) ([]byte, []string) {
	var b strings.Builder
	var missing []string
	b.WriteString("# Made by accord codeowners from the records: who must approve a change to each.\n")
	b.WriteString("# Do not edit by hand; run accord codeowners again after records change.\n")
	if format == "gitlab" {
		b.WriteString("\n[Accord records]\n")
	}
	handle := func(person string) string {
		p := org.People[person]
		if p == nil {
			return ""
		}
		h := p.GitHub
		if format == "gitlab" {
			h = p.GitLab
		}
		return strings.TrimPrefix(strings.TrimSpace(h), "@")
	}
	for _, k := range model.Kinds {
		for _, id := range org.IDs(k) {
			r, _ := org.Get(id)
			reviewers := model.Reviewers(org, r)
			src := org.Sources[id]
			if len(reviewers) == 0 || src == nil {
				continue
			}
			var owners, without []string
			for _, p := range reviewers {
				if h := handle(p); h != "" && !strings.ContainsAny(h, " \t\n#") {
					owners = append(owners, "@"+h)
				} else {
					without = append(without, p)
				}
			}
			if len(without) > 0 {
				msg := fmt.Sprintf("%s: %s %s no %s: handle on their person record", id, strings.Join(without, ", "),
					map[bool]string{true: "has", false: "have"}[len(without) == 1], format)
				missing = append(missing, msg)
				fmt.Fprintf(&b, "# %s\n", model.CleanText(msg, false))
			}
			if len(owners) > 0 {
				fmt.Fprintf(&b, "/%s %s\n", src.Path, strings.Join(owners, " "))
			}
		}
	}
	return []byte(b.String()), missing
}
