package raci

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/uitest"
	"github.com/charmbracelet/x/ansi"
)

// show is the tab over the store's organisation in a width × height
// terminal.
func show(st *uitest.Store, width, height int) *Tab {
	r := New(uitest.Context())
	uitest.Show(r, st, width, height)
	return r
}

// keys types keys into the tab.
func keys(t *testing.T, r *Tab, ks ...string) *Tab {
	t.Helper()
	uitest.Type(t, r, ks...)
	return r
}

// screen is the tab as drawn, without colours.
func screen(r *Tab) string { return ansi.Strip(r.View()) }

var lineWith = uitest.LineWith

// typeText types text into the tab one key at a time.
func typeText(t *testing.T, r *Tab, text string) *Tab {
	t.Helper()
	for _, c := range text {
		keys(t, r, string(c))
	}
	return r
}

// cellUnder is what a matrix row shows in the column headed name: the
// cells start where the column's name starts.
func cellUnder(t *testing.T, out, name, row string) string {
	t.Helper()
	lines := strings.Split(out, "\n")
	var head, line []rune
	for i, l := range lines {
		if strings.Contains(l, "open item") {
			head = []rune(l)
			for _, r := range lines[i+2:] { // rows start under the loads
				if strings.Contains(r, row) {
					line = []rune(r)
					break
				}
			}
			break
		}
	}
	col := -1
	for i := range head {
		if strings.HasPrefix(string(head[i:]), name+" ") {
			col = i
			break
		}
	}
	if col < 0 || len(line) == 0 {
		t.Fatalf("no column %q or no row %q in:\n%s", name, row, out)
	}
	return strings.TrimSpace(string(line[col:min(col+3, len(line))]))
}

var columnsRe = regexp.MustCompile(`columns (\d+)–(\d+) of (\d+)`)

func columnWindow(t *testing.T, out string) (first, last, total int) {
	t.Helper()
	m := columnsRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no column window in the header:\n%s", out)
	}
	first, _ = strconv.Atoi(m[1])
	last, _ = strconv.Atoi(m[2])
	total, _ = strconv.Atoi(m[3])
	return first, last, total
}

func TestRACIListHighlightsTheDeliberateRuleBreaks(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	m := show(st, 80, 24)
	out := screen(m)
	row := lineWith(out, "Mid-market pricing and packaging")
	if !strings.HasPrefix(row, " ✗") && !strings.HasPrefix(row, "▌✗") {
		t.Errorf("two Accountables but no error marker: %q\n%s", row, out)
	}
	if !strings.Contains(m.View(), m.c.Styles.Error.Render("Mid-market pricing and packaging")) {
		t.Error("the broken row's title is not in the error colour")
	}
	for title, want := range map[string]string{
		"Pricing page refresh": "no A", "Customer data exports": "no R",
	} {
		if l := lineWith(out, title); !strings.Contains(l, "✗") || !strings.Contains(l, want) {
			t.Errorf("%s: want ✗ and %q: %q", title, want, l)
		}
	}
	if l := lineWith(out, "CSV import wizard launch"); strings.Contains(l, "✗") {
		t.Errorf("a sound RACI is marked broken: %q", l)
	}
	if !strings.Contains(out, "4 rule breaks") {
		t.Errorf("header does not count the rule breaks:\n%s", out)
	}

	// Its details explain the rule.
	m = typeText(t, keys(t, m, "/"), "pricing and")
	m = keys(t, m, "enter", "enter")
	out = screen(m)
	for _, want := range []string{"Mid-market pricing and packaging", "two Accountables", "[raci.accountable-multiple]",
		"Accountable", "Mei Lin, Daniel Brooks", "Responsible", "Oliver Grant", "deliverable · Mid-market price list"} {
		if !strings.Contains(out, want) {
			t.Errorf("details lack %q:\n%s", want, out)
		}
	}
	if m.c.Styles.Role["A"].Render("Mei Lin") == "Mei Lin" || !strings.Contains(m.View(), m.c.Styles.Role["A"].Render("Mei Lin")) {
		t.Error("the Accountable is not in the Accountable colour")
	}
}

func TestRACIVCyclesListMatrixHandoffs(t *testing.T) {
	t.Parallel()
	m := show(uitest.Northwind(t), 80, 24)
	for i, want := range []string{"[List]", "[Matrix]", "[Hand-offs]", "[List]"} {
		if i > 0 {
			m = keys(t, m, "v")
		}
		if out := screen(m); !strings.Contains(lineWith(out, "Hand-offs"), want) {
			t.Fatalf("want %s in the header:\n%s", want, out)
		}
	}
	// The cursor's record stays selected from list to matrix.
	m = keys(t, m, "j", "j")
	sel := m.Selected()
	m = keys(t, m, "v")
	if got := m.Selected(); got != sel {
		t.Errorf("matrix selects %s, the list had %s", got, sel)
	}
}

func TestRACIMatrixCellsAndOverload(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	m := keys(t, show(st, 140, 40), "v")
	out := screen(m)

	// tomas is Accountable for seven open items, one over the limit of
	// six: first column, load A7, highlighted.
	var names, loads string
	for i, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "open item") {
			names = l
			loads = strings.Split(out, "\n")[i+1]
			break
		}
	}
	if f := strings.Fields(names); len(f) < 4 || f[3] != "tomas" {
		t.Errorf("tomas should head the first column:\n%s", names)
	}
	col := strings.Index(names, "tomas")
	if !strings.HasPrefix(loads[col:], "A7! R1") {
		t.Errorf("tomas's load: %q", loads[col:])
	}
	if !strings.Contains(m.View(), m.c.Styles.Error.Render("A7!")) {
		t.Error("tomas's overload is not in the error colour")
	}
	if !strings.Contains(out, "✗ 2 A · Mid-market") || !strings.Contains(out, "✗ no A · Pricing page") {
		t.Errorf("broken rows do not show their break:\n%s", out)
	}

	// One known row: Public API v1 launch.
	id := st.IDByTitle(t, model.KindRACI, "Public API v1 launch")
	m = keys(t, typeText(t, keys(t, m, "/"), id), "enter")
	out = screen(m)
	if m.Selected() != id {
		t.Fatalf("selected %s, want %s", m.Selected(), id)
	}
	for who, want := range map[string]string{"tomas": "A", "grace": "R", "marcus": "R", "hugo": "C"} {
		if got := cellUnder(t, out, who, "Public API v1 launch"); got != want {
			t.Errorf("%s: cell %q, want %q\n%s", who, got, want, out)
		}
	}
	if _, _, n := columnWindow(t, out); n != 4 {
		t.Errorf("%d columns for a row with four people", n)
	}
	m = keys(t, m, "c")
	out = screen(m)
	if !strings.Contains(out, "· teams ·") {
		t.Errorf("c does not switch to team columns:\n%s", out)
	}
	for who, want := range map[string]string{"security": "C", "sales": "I", "support": "I"} {
		if got := cellUnder(t, out, who, "Public API v1 launch"); got != want {
			t.Errorf("%s: cell %q, want %q\n%s", who, got, want, out)
		}
	}

	// A person both Responsible and Consulted is a broken cell.
	m = keys(t, m, "esc", "c")
	id = st.IDByTitle(t, model.KindRACI, "Public API documentation site")
	m = keys(t, typeText(t, keys(t, m, "/"), id), "enter")
	if got := cellUnder(t, screen(m), "grace", "2 roles · Public API doc"); got != "R/C" {
		t.Errorf("grace's cell: %q", got)
	}
}

func TestRACIMatrixScrollsColumns(t *testing.T) {
	t.Parallel()
	m := keys(t, show(uitest.Northwind(t), 80, 24), "v")
	first, last, total := columnWindow(t, screen(m))
	if first != 1 || last >= total {
		t.Fatalf("columns %d–%d of %d: the demo should not fit 80 columns", first, last, total)
	}
	m = keys(t, m, "right", "right")
	if f, l, n := columnWindow(t, screen(m)); f != 3 || l != last+2 || n != total {
		t.Errorf("after → →: columns %d–%d of %d", f, l, n)
	}
	if f := strings.Fields(lineWith(screen(m), "open item")); len(f) < 4 || f[3] == "tomas" {
		t.Errorf("the first column did not move: %v", f)
	}
	m = keys(t, m, "left", "left", "left")
	if f, _, _ := columnWindow(t, screen(m)); f != 1 {
		t.Errorf("← stops at the first column, got %d", f)
	}
	for range total {
		m = keys(t, m, "right")
	}
	if _, l, _ := columnWindow(t, screen(m)); l != total {
		t.Errorf("→ stops at the last column, got %d of %d", l, total)
	}
	// Rows still move with j/k and details open with enter.
	m = keys(t, m, "j", "enter")
	if out := screen(m); !strings.Contains(out, "esc back to the list") || !strings.Contains(out, "Accountable") {
		t.Errorf("enter in the matrix should open details:\n%s", out)
	}
}

func TestRACIMatrixFilterNarrowsColumns(t *testing.T) {
	t.Parallel()
	m := keys(t, show(uitest.Northwind(t), 140, 40), "v")
	_, _, all := columnWindow(t, screen(m))
	m = keys(t, typeText(t, keys(t, m, "/"), "kwame"), "enter")
	out := screen(m)
	_, _, n := columnWindow(t, out)
	if n >= all || n == 0 {
		t.Errorf("filtering rows should narrow the columns: %d of %d", n, all)
	}
	if !strings.Contains(out, "SAML single sign-on") || strings.Contains(out, "Public API v1 launch") {
		t.Errorf("filter kwame:\n%s", out)
	}
}

func TestRACIHandoffsMarkOverdue(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	m := keys(t, show(st, 80, 24), "v", "v")
	out := screen(m)
	late := st.Org.Handoffs[st.IDByTitle(t, model.KindHandoff, "Partner launch kit")]
	due := dueShort(late.Due, uitest.Today) + "!"
	if l := lineWith(out, "Partner launch kit"); !strings.Contains(l, due) || !strings.Contains(l, "Platform → Sales") {
		t.Errorf("overdue hand-off row: %q, want %q", l, due)
	}
	if !strings.Contains(m.View(), m.c.Styles.Warning.Render(common.Pad(due, 7))) {
		t.Error("the overdue date is not in the warning colour")
	}
	// Rejected long ago and delivered late are not overdue.
	for _, title := range []string{"Legacy export endpoint", "Streaming CSV parser: Platform"} {
		if l := lineWith(out, title); l == "" || strings.Contains(l, "!") {
			t.Errorf("%s is not overdue: %q", title, l)
		}
	}
	if !strings.Contains(out, "1 overdue") {
		t.Errorf("header:\n%s", out)
	}

	// Details: parties, expectations, deliverables as a checklist, RACI.
	id := st.IDByTitle(t, model.KindHandoff, "Kestrel Logistics")
	m.Select(id)
	m = keys(t, m, "enter")
	out = screen(m)
	for _, want := range []string{"Sales · Emma", "Onboarding · Raj Patel", "Expectations", "Deliverables",
		"▪ Signed order form", "☐ Billing contact named"} {
		if !strings.Contains(out, want) {
			t.Errorf("hand-off details lack %q:\n%s", want, out)
		}
	}
	m = keys(t, m, "J", "J", "J")
	if out := screen(m); !strings.Contains(out, "Kestrel Logistics hand-over") {
		t.Errorf("the RACI about the hand-off is not in its details:\n%s", out)
	}
}

func TestRACISelect(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	ho := st.IDByTitle(t, model.KindHandoff, "SSO runbook")
	m := show(st, 140, 40)

	// A hand-off ID from another tab opens the hand-offs view, through a
	// filter that hides it.
	m = keys(t, m, "/", "z", "z", "z", "enter")
	r := m
	if !r.Select(ho) || r.mode != raciHandoffs || r.Selected() != ho {
		t.Fatalf("select %s: view %d, selected %q", ho, r.mode, r.Selected())
	}
	if out := screen(m); !strings.Contains(out, "[Hand-offs]") || !strings.Contains(out, "SSO runbook") {
		t.Errorf("hand-offs view:\n%s", out)
	}

	// A RACI ID goes to the list, or stays in the matrix when it is a row.
	open := st.IDByTitle(t, model.KindRACI, "SAML single sign-on")
	retired := st.IDByTitle(t, model.KindRACI, "SOC 2 Type I audit")
	if !r.Select(open) || r.mode != raciList || r.Selected() != open {
		t.Errorf("Select(%s): view %d, selected %q", open, r.mode, r.Selected())
	}
	keys(t, m, "v")
	if !r.Select(open) || r.mode != raciMatrix {
		t.Errorf("an open RACI should stay in the matrix, view %d", r.mode)
	}
	if !r.Select(retired) || r.mode != raciList || r.Selected() != retired {
		t.Errorf("a retired RACI is not a matrix row: view %d, selected %q", r.mode, r.Selected())
	}
	if r.Select(st.IDByTitle(t, model.KindGoal, "")) || r.Select("mei") || r.Select("") {
		t.Error("the RACI tab claims a goal, a person or nothing")
	}
}

func TestRACIUnreadableFilesAreRows(t *testing.T) {
	t.Parallel()
	st := uitest.Northwind(t)
	st.Org.Problems = append(st.Org.Problems,
		model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError, File: "raci/ZZ/RACI-ZZZZZZZZ.yaml", Line: 4, Message: "mapping values are not allowed here"},
		model.Finding{Rule: "yaml.syntax", Severity: model.SeverityError, File: "handoffs/ZZ/HO-ZZZZZZZZ.yaml", Line: 2, Message: "unknown field owners"})
	m := show(st, 80, 24)
	if l := lineWith(screen(m), "raci/ZZ/RACI-ZZZZZZZZ.yaml"); !strings.Contains(l, "cannot read") {
		t.Errorf("list view lacks the unreadable RACI file:\n%s", screen(m))
	}
	if m.Selected() != "" {
		t.Error("an unreadable file is not a record to select")
	}
	m = keys(t, m, "v")
	if strings.Contains(screen(m), "cannot read") {
		t.Error("the matrix has no row for an unreadable file")
	}
	m = keys(t, m, "v")
	if l := lineWith(screen(m), "handoffs/ZZ/HO-ZZZZZZZZ.yaml"); !strings.Contains(l, "cannot read") {
		t.Errorf("hand-offs view lacks the unreadable file:\n%s", screen(m))
	}
	m = keys(t, m, "enter")
	if out := screen(m); !strings.Contains(out, "This file could not be read") || !strings.Contains(out, "unknown field owners") {
		t.Errorf("details of an unreadable file:\n%s", out)
	}
}
