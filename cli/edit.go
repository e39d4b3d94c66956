package cli

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// checkEdit refuses a record that would break a rule it did not break
// before: any new error about the record, validated in the organisation with
// the record in place, is reported and nothing is written. Errors the record
// already had (a broken RACI someone is fixing one field at a time) do not
// block. org is not changed.
func (a *app) checkEdit(org *model.Org, rec model.Record) error {
	var problems []string
	for _, f := range model.EditErrors(org, model.ValidateOptions{Today: a.env.Now()}, rec) {
		problems = append(problems, fmt.Sprintf("  %s [%s]", model.CleanText(f.Message, false), f.Rule))
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s not saved:\n%s", rec.RecordID(), strings.Join(problems, "\n"))
	}
	return nil
}

// parseAssignments reads field=value arguments.
func parseAssignments(args []string) ([]gitstore.Assignment, error) {
	out := make([]gitstore.Assignment, 0, len(args))
	for _, s := range args {
		as, err := gitstore.ParseAssignment(s)
		if err != nil {
			return nil, usageError("%v", err)
		}
		out = append(out, as)
	}
	return out, nil
}

// currentPerson maps the git identity to a person in the organisation.
func currentPerson(s *gitstore.Store, org *model.Org) (string, error) {
	id, err := s.Identity()
	if err != nil {
		return "", err
	}
	if p, ok := org.PersonByEmail(id.Email); ok {
		return p, nil
	}
	return "", fmt.Errorf("your git e-mail %s is not listed in anyone's emails in people/; add it there, or pass --as HANDLE", id.Email)
}

// printResult says what was committed.
func (a *app) printResult(res gitstore.Result) {
	if res.Commit == "" {
		fmt.Fprintln(a.env.Stderr, "nothing changed")
		return
	}
	subject, _, _ := strings.Cut(res.Message, "\n")
	fmt.Fprintf(a.env.Stderr, "[%s] %s\n", res.Commit[:8], model.CleanText(subject, false))
}
