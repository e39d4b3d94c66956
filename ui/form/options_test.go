package form

import (
	"testing"

	"github.com/accordhq/accord/model"
)

func TestOptionSlugsAreShortAndUnique(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		title string
		taken []string
		want  string
	}{
		{"Cap uploads at 10 MB and say so", nil, "cap-uploads-at-10-mb"},
		{"Postgres", []string{"postgres"}, "postgres-2"},
		{"Postgres", []string{"postgres", "postgres-2"}, "postgres-3"},
		{"!!!", nil, "option"},
		{"Supercalifragilisticexpialidocious", nil, "supercalifragilistic"},
		{"Über-Cache", nil, "über-cache"},
	} {
		if got := optionSlug(c.title, c.taken); got != c.want {
			t.Errorf("optionSlug(%q, %q) = %q, want %q", c.title, c.taken, got, c.want)
		}
	}
}

func TestOptionsCommitMessageSaysWhatChanged(t *testing.T) {
	t.Parallel()
	a := model.Option{ID: "a", Title: "Alpha"}
	b := model.Option{ID: "b", Title: "Beta"}
	c := model.Option{ID: "c", Title: "Gamma"}
	old := &model.Decision{ID: "DEC-1", Options: []model.Option{a, b, c}, Outcome: &model.Outcome{Chosen: "a"}}
	b2 := b
	b2.Good = []string{"fast"}
	for _, tc := range []struct {
		opts   []model.Option
		chosen string
		want   string
	}{
		{[]model.Option{b, a, c}, "a", "decision(DEC-1): reorder options"},
		{[]model.Option{a, b2, c}, "b", `decision(DEC-1): edit option "Beta"; choose "Beta"`},
		{[]model.Option{b, c}, "", `decision(DEC-1): remove option "Alpha"; nothing chosen`},
		{[]model.Option{a, b, c, {ID: "d", Title: "Delta"}}, "a", `decision(DEC-1): add option "Delta"`},
	} {
		r := &model.Decision{ID: "DEC-1", Options: tc.opts}
		if tc.chosen != "" {
			r.Outcome = &model.Outcome{Chosen: tc.chosen}
		}
		if got := optionsMessage(old, r); got != tc.want {
			t.Errorf("optionsMessage = %q, want %q", got, tc.want)
		}
	}
}
