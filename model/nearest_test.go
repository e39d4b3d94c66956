package model

import "testing"

func TestNearest(t *testing.T) {
	t.Parallel()
	fields := []string{"title", "description", "level", "parent", "owner", "team", "period", "metric.target", "state"}
	for _, tc := range []struct{ word, want string }{
		{"titel", "title"},
		{"Title", "title"},
		{"ownr", "owner"},
		{"metric.targte", "metric.target"},
		{"stat", "state"},
		{"confidence", ""},
		{"x", ""},
	} {
		if got := Nearest(tc.word, fields); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.word, got, tc.want)
		}
	}
	if got := DidYouMean("lst", []string{"list", "log", "show"}); got != " (did you mean list?)" {
		t.Errorf("DidYouMean(lst) = %q", got)
	}
}
