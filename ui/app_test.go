package ui

import (
	"strings"
	"testing"
)

func TestFixtureLoadsAndShowsTheOrganisation(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, northwind(t), 80, 24)
	out := screen(m)
	if !strings.Contains(out, "Accord · Northwind Labs") || !strings.Contains(out, "you: Raj Patel") {
		t.Errorf("header missing:\n%s", out)
	}
	if lines := strings.Split(out, "\n"); len(lines) != 24 {
		t.Errorf("%d lines, want 24", len(lines))
	}
	m = keys(t, m, "4")
	if out := screen(m); !strings.Contains(out, "Leadership") {
		t.Errorf("people tab:\n%s", out)
	}
}
