package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/uitest"
)

// y copies the selected record's address on the published site, through
// the terminal's clipboard, when accord.yaml sets site_url; the key is
// offered only then.
func TestCopyURLOfTheSelectedRecord(t *testing.T) {
	t.Parallel()
	st := northwind(t)
	st.Org.Config.SiteURL = "https://accord.example/northwind/"
	m := keys(t, newTestModel(t, st, 140, 40), "2")
	id := m.screens[tabDecisions].Selected()
	if id == "" {
		t.Fatal("nothing selected on the Decisions tab")
	}
	if !offers(m, "y") {
		t.Errorf("the record keys do not offer y")
	}
	next, cmd := m.Update(uitest.Key("y"))
	m = next.(Model)
	want := "https://accord.example/northwind/decisions/" + id + ".html"
	copied := false
	for _, msg := range uitest.Run(t, cmd) {
		if fmt.Sprintf("%T", msg) == "tea.setClipboardMsg" && fmt.Sprint(msg) == want {
			copied = true
		}
		m = update(t, m, msg)
	}
	if !copied {
		t.Errorf("y did not put %s on the clipboard", want)
	}
	if out := screen(m); !strings.Contains(out, "copied "+want) {
		t.Errorf("the status line does not say what was copied:\n%s", out)
	}

	// Without site_url, y says what to set and the hints do not offer it.
	m = keys(t, newTestModel(t, northwind(t), 140, 40), "2")
	if offers(m, "y") {
		t.Errorf("y is offered without site_url")
	}
	m = keys(t, m, "y")
	if out := screen(m); !strings.Contains(out, "no site_url in accord.yaml") {
		t.Errorf("y without site_url:\n%s", out)
	}
}

// offers reports whether the keys for the selected record (hints, help)
// include k.
func offers(m Model, k string) bool {
	for _, b := range m.keysNow().record {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}
