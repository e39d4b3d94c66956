package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// TestHeaderSaysWhatIsWrongWithWhoYouAre: with no git identity, or an
// e-mail in nobody's record, the header says so at once with the command
// that fixes it, rather than an empty "you:" and a save that fails later;
// the new-person form then starts from git's name and e-mail.
func TestHeaderSaysWhatIsWrongWithWhoYouAre(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, email string
		want        []string
	}{
		{"", "", []string{"you: unknown", "git does not know who you are", "git config user.email"}},
		{"Raj Patel", "raj@home.example", []string{"raj@home.example is in nobody's record", "accord set raj emails+=raj@home.example"}},
		{"Someone New", "new@northwind.example", []string{"new@northwind.example is in nobody's record", "add yourself (4 People, n)",
			"accord set YOUR-HANDLE emails+=new@northwind.example"}},
	} {
		st := northwind(t)
		st.Name, st.Email = c.name, c.email
		for _, size := range [][2]int{{80, 24}, {200, 50}} {
			m := newTestModel(t, st, size[0], size[1])
			out := screen(m)
			if lines := strings.Split(out, "\n"); len(lines) != size[1] {
				t.Errorf("%s at %v: %d lines, want %d", c.email, size, len(lines), size[1])
			}
			for _, w := range c.want {
				if !strings.Contains(oneLine(out), w) {
					t.Errorf("%q at %v: the header lacks %q:\n%s", c.email, size, w, out)
				}
			}
		}
	}

	st := northwind(t)
	st.Name, st.Email = "Noah Berg", "noah@berg.dev"
	m := press(t, keys(t, newTestModel(t, st, 100, 40), "4"), "n", "enter")
	out := oneLine(screen(m))
	if formOf(m) == nil || !strings.Contains(out, "Noah Berg") || !strings.Contains(out, "noah@berg.dev") {
		t.Fatalf("the new-person form should start from git's name and e-mail:\n%s", screen(m))
	}
	m = pressText(t, m, "noah")
	m = press(t, m, "ctrl+s")
	if len(st.Saved) != 1 {
		t.Fatalf("not saved:\n%s", screen(m))
	}
	p := st.Saved[0].Edits[0].New.(*model.Person)
	if p.Name != "Noah Berg" || len(p.Emails) != 1 || p.Emails[0] != "noah@berg.dev" {
		t.Fatalf("saved %+v", p)
	}
	if strings.Contains(screen(m), "nobody's record") {
		t.Fatalf("once the user is a person the warning goes:\n%s", screen(m))
	}
}
