package ui

import (
	"testing"

	"github.com/accordhq/accord/ui/tabs/people"
)

func TestFilterTakesEveryLetter(t *testing.T) {
	t.Parallel()
	m := newTestModel(t, northwind(t), 140, 40)
	m = keys(t, m, "4", "/", "k", "j", "q", "g", "G", "l", "?", "1")
	if got := m.screens[tabPeople].(*people.Tab).List.Query(); got != "kjqgGl?1" {
		t.Errorf("filter holds %q; every key typed while filtering belongs to it", got)
	}
	if m.active != tabPeople || m.top() != nil {
		t.Errorf("a key typed into the filter acted globally: tab %d, overlay %v", m.active, m.top())
	}
}
