package form

import (
	"reflect"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

func TestParseDeliverables(t *testing.T) {
	t.Parallel()
	old := []model.Deliverable{
		{ID: "parser", Title: "Streaming CSV parser", Acceptance: []string{"1 GB in a minute"}},
		{ID: "docs", Title: "Docs"},
	}
	for _, c := range []struct {
		name, text string
		want       []model.Deliverable
		err        string
	}{
		{name: "layout", text: "Streaming CSV parser\n  - 1 GB in a minute\n\t- quoted newlines\n\nDocs\n",
			want: []model.Deliverable{
				{ID: "parser", Title: "Streaming CSV parser", Acceptance: []string{"1 GB in a minute", "quoted newlines"}},
				{ID: "docs", Title: "Docs"}}},
		{name: "an indented line is a criterion", text: "docs\n  streaming  CSV parser",
			want: []model.Deliverable{{ID: "docs", Title: "docs", Acceptance: []string{"streaming  CSV parser"}}}},
		{name: "titles matched again after a case change", text: "DOCS\nstreaming csv parser",
			want: []model.Deliverable{{ID: "docs", Title: "DOCS"}, {ID: "parser", Title: "streaming csv parser"}}},
		{name: "new titles get slugs, unique", text: "Docs\nDocs\nRunbook: on-call & escalation, v2 (final)",
			want: []model.Deliverable{{ID: "docs", Title: "Docs"}, {ID: "docs-2", Title: "Docs"},
				{ID: "runbook-on-call", Title: "Runbook: on-call & escalation, v2 (final)"}}},
		{name: "a dash line is a criterion even unindented", text: "Docs\n- reviewed by support",
			want: []model.Deliverable{{ID: "docs", Title: "Docs", Acceptance: []string{"reviewed by support"}}}},
		{name: "nothing", text: "\n  \n", want: nil},
		{name: "criterion first", text: "  - reviewed\nDocs", err: `line 1 ("reviewed") is an acceptance criterion, but no deliverable comes before it`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := parseDeliverables(c.text, old)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %+v, %v\nwant %+v", got, err, c.want)
			}
		})
	}
	if got, _ := parseDeliverables(formatDeliverables(old), old); !reflect.DeepEqual(got, old) {
		t.Fatalf("format then parse = %+v, want %+v", got, old)
	}
}
