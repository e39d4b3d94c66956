package cli

import (
	"fmt"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
)

// checkEdit refuses records that would break a rule they did not break
// before: any new error about them, validated in the organisation with the
// records in place, is reported and nothing is written. Errors a record
// already had (a broken RACI someone is fixing one field at a time) do not
// block. org is not changed.
func (a *app) checkEdit(org *model.Org, recs ...model.Record) error {
	var problems []string
	for _, f := range model.EditErrors(org, model.ValidateOptions{Today: a.env.Now()}, recs...) {
		problems = append(problems, fmt.Sprintf("  %s [%s]", model.CleanText(f.Message, false), f.Rule))
	}
	if len(problems) > 0 {
		return &ExitError{Code: ExitUsage, Err: fmt.Errorf("%s not saved:\n%s", recs[0].RecordID(), strings.Join(problems, "\n"))}
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
	who, email, err := actor(s, org)
	if err == nil && who == "" {
		err = usageError("your git e-mail %s is not listed in anyone's emails in people/; add it there (accord set PERSON emails+=%s)", email, email)
	}
	return who, err
}

// actor is who the git identity is in the organisation: a person's handle,
// or "" when their e-mail is in nobody's emails, and the e-mail.
func actor(s *gitstore.Store, org *model.Org) (who, email string, err error) {
	id, err := s.Identity()
	if err != nil {
		return "", "", err
	}
	who, _ = org.PersonByEmail(id.Email)
	return who, id.Email, nil
}

// checkSteps refuses, with the exit code of a usage error, the steps the
// edits take that who (the git identity, email) may not take, naming who
// may: an approval by someone other than the approver, a hand-off moved by
// the wrong side, a check-in posted for someone who does not name who as
// a delegate.
func checkSteps(org *model.Org, who, email string, edits ...model.Edit) error {
	var problems []string
	for _, e := range edits {
		for _, err := range model.CheckEditSteps(org, e.Old, e.New, who, email) {
			rule := ""
			if se, ok := err.(*model.StepError); ok {
				rule = " [" + se.Step.Rule + "]"
			}
			problems = append(problems, "  "+model.CleanText(err.Error(), false)+rule)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &ExitError{Code: ExitUsage, Err: fmt.Errorf("not saved:\n%s", strings.Join(problems, "\n"))}
}

// printResult says what was committed: the commit and its subject on
// stderr, and id (a new record's, "" for none) on stdout; with --json, all
// of it as one JSON object on stdout.
func (a *app) printResult(res gitstore.Result, id string) error {
	if a.asJSON {
		return printJSON(a.env.Stdout, resultJSON(res, id))
	}
	if res.Commit == "" {
		fmt.Fprintln(a.env.Stderr, "nothing changed")
	} else {
		subject, _, _ := strings.Cut(res.Message, "\n")
		fmt.Fprintf(a.env.Stderr, "[%s] %s\n", model.ShortHash(res.Commit), model.CleanText(subject, false))
	}
	if id != "" {
		fmt.Fprintln(a.env.Stdout, id)
	}
	return nil
}

// changeJSON is one record a command changed, as --json prints it.
type changeJSON struct {
	Kind   string         `json:"kind"`
	ID     string         `json:"id"`
	Op     string         `json:"op"` // created, edited or deleted
	Fields []model.Change `json:"fields"`
}

func resultJSON(res gitstore.Result, id string) any {
	out := struct {
		ID      string       `json:"id,omitempty"`
		Commit  *string      `json:"commit"`
		Message string       `json:"message"`
		Changes []changeJSON `json:"changes"`
	}{ID: id, Message: res.Message, Changes: []changeJSON{}}
	if res.Commit != "" {
		out.Commit = &res.Commit
	}
	for _, c := range res.Changes {
		op := "edited"
		switch {
		case c.Old == nil:
			op = "created"
		case c.New == nil:
			op = "deleted"
		}
		fields := model.Diff(c.Old, c.New)
		if fields == nil {
			fields = []model.Change{}
		}
		out.Changes = append(out.Changes, changeJSON{Kind: string(c.Kind), ID: c.ID, Op: op, Fields: fields})
	}
	return out
}
