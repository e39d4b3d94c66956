package people

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// TestAPersonShowsUnderEveryTeam: Mei is in Product and Leadership; she
// has a row under each, and either row is her (details, actions).
func TestAPersonShowsUnderEveryTeam(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	p := New(uitest.Context())
	uitest.Show(p, st, 140, 60)
	var under []string // the teams Mei is listed under
	team := ""
	for _, id := range p.List.IDs() {
		if st.Org.Teams[id] != nil {
			team = id
		}
		if person(id) == "mei" {
			under = append(under, team)
		}
	}
	if strings.Join(under, ",") != "leadership,product" && strings.Join(under, ",") != "product,leadership" {
		t.Fatalf("Mei is listed under %v, want leadership and product", under)
	}
	for _, id := range p.List.IDs() {
		if person(id) == "mei" && id != "mei" {
			p.List.Select(id)
		}
	}
	if got := p.Selected(); got != "mei" {
		t.Fatalf("on Mei's second row Selected() = %q, want mei", got)
	}
	out := ansi.Strip(p.View())
	if n := strings.Count(out, "Mei Lin"); n < 3 { // two rows and the details
		t.Fatalf("Mei Lin shows %d times, want her two rows and her details:\n%s", n, out)
	}
	if !p.Select("mei") || p.Selected() != "mei" {
		t.Fatal("Select(mei) should keep the cursor on her")
	}
}
