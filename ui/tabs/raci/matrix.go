package raci

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// matrixHeaderLines are the matrix's header lines under the frame's one:
// column names, then each column's load.
const matrixHeaderLines = 2

// matrixState is the matrix view's own state: which columns (people or
// teams) and which of them are on screen.
type matrixState struct {
	teams bool // columns are teams rather than people
	// items and visible are the list's items and the indices of those the
	// filter lets through, as the list last filtered them.
	items   []widget.Item
	visible []int
	cols    []string // participants of the visible rows, most loaded first
	colW    int      // cells per column, without the gap before it
	offset  int      // index of the first column on screen

	// Computed once per SetData (rankParticipants), so that a key typed
	// in the filter only marks who the visible rows name: everyone named
	// in an open item, most loaded first; whether each is a team; the
	// cells each one's column needs. seen is scratch for computeColumns.
	order []string
	team  []bool
	width []int
	seen  []bool
	// ranksOf is, for each of items (ranksFrom), its open item's ranks;
	// nil until computeColumns needs it, and again after a load.
	ranksOf   [][]int
	ranksFrom []widget.Item

	columns, scroll key.Binding
}

func newMatrixState() matrixState {
	return matrixState{
		colW:    5,
		columns: key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "by team")),
		scroll:  key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "scroll columns")),
	}
}

// columnsKey is the column toggle, its help naming what it switches to:
// columns by team or by person.
func (m *matrixState) columnsKey(teams bool) key.Binding {
	b := m.columns
	if teams {
		b.SetHelp("c", "by person")
	} else {
		b.SetHelp("c", "by team")
	}
	return b
}

// isTeam reports whether a participant is a team (a handle shared by a
// person and a team counts as the person, as validation does).
func (r *Tab) isTeam(id string) bool {
	o := r.data.Org
	return o.Teams[id] != nil && o.People[id] == nil
}

// rankParticipants orders everyone named in an open RACI item, most
// loaded first, and notes in each item the places of its participants in
// that order.
func (r *Tab) rankParticipants() {
	m := &r.matrix
	m.order = m.order[:0]
	for who := range r.loads {
		m.order = append(m.order, who)
	}
	slices.SortFunc(m.order, func(a, b string) int {
		la, lb := r.loads[a], r.loads[b]
		return cmp.Or(cmp.Compare(lb.a+lb.r, la.a+la.r), cmp.Compare(lb.a, la.a), cmp.Compare(a, b))
	})
	rank := make(map[string]int, len(m.order))
	limit := r.data.Org.Config.MaxAccountable()
	m.team, m.width = make([]bool, len(m.order)), make([]int, len(m.order))
	for i, who := range m.order {
		rank[who] = i
		m.team[i] = r.isTeam(who)
		l := r.loads[who]
		m.width[i] = max(len(fmt.Sprintf("A%d R%d", l.a, l.r)), lipgloss.Width(common.Clean(who)))
		if l.a > limit {
			m.width[i]++
		}
	}
	m.seen = make([]bool, len(m.order))
	m.ranksOf = nil
	for _, x := range r.racis {
		x.ranks = make([]int, 0, len(x.parts))
		for _, p := range x.parts {
			if k, ok := rank[p.who]; ok {
				x.ranks = append(x.ranks, k)
			}
		}
	}
}

// computeColumns makes a column for everyone (or every team) named in the
// visible rows, most loaded first, and sizes the columns to their loads.
func (r *Tab) computeColumns() {
	m := &r.matrix
	if r.data == nil {
		m.cols = nil
		return
	}
	if m.ranksOf == nil || len(m.ranksOf) != len(m.items) || len(m.items) > 0 && &m.ranksFrom[0] != &m.items[0] {
		// Looked up once per set of rows, not for each visible row on
		// every key (a fuzzy query shows most of them).
		m.ranksOf, m.ranksFrom = make([][]int, len(m.items)), m.items
		for i, it := range m.items {
			if x := r.racis[it.ID]; x != nil {
				m.ranksOf[i] = x.ranks
			}
		}
	}
	clear(m.seen)
	for _, i := range m.visible {
		for _, k := range m.ranksOf[i] {
			if m.team[k] == m.teams {
				m.seen[k] = true
			}
		}
	}
	m.cols = m.cols[:0]
	m.colW = 5
	for k, in := range m.seen {
		if in {
			m.cols = append(m.cols, m.order[k])
			m.colW = max(m.colW, min(m.width[k], 8))
		}
	}
	r.scrollColumns(0)
}

// matrixLayout splits a row of width cells into the label and as many
// columns as fit.
func (r *Tab) matrixLayout(width int) (labelW, fitCols int) {
	colW := r.matrix.colW
	labelW = min(max(width/3, 16), 30)
	labelW = max(min(labelW, width-colW-1), 4)
	return labelW, max((width-labelW)/(colW+1), 1)
}

// matrixOverflows reports whether there are more columns than fit, so the
// column keys do something.
func (r *Tab) matrixOverflows() bool {
	lw, _, _ := r.split()
	_, n := r.matrixLayout(lw - 1)
	return len(r.matrix.cols) > n
}

// scrollColumns moves the window of columns by d, keeping it full.
func (r *Tab) scrollColumns(d int) {
	lw, _, _ := r.split()
	_, n := r.matrixLayout(lw - 1)
	r.matrix.offset = min(max(r.matrix.offset+d, 0), max(len(r.matrix.cols)-n, 0))
}

// matrixLeft is the matrix itself: the header, the column names and loads,
// then a row per visible RACI item with a cell per column.
func (r *Tab) matrixLeft(lw int) string {
	s, m := r.c.Styles, &r.matrix
	rowW := lw - 1
	labelW, n := r.matrixLayout(rowW)
	first := min(m.offset, len(m.cols))
	win := m.cols[first:min(first+n, len(m.cols))]
	limit := r.data.Org.Config.MaxAccountable()

	kind := "people"
	if m.teams {
		kind = "teams"
	}
	head := r.viewTabs() + s.Muted.Render(" · "+kind)
	if len(m.cols) == 0 {
		head += s.Muted.Render(" · no columns")
	} else {
		head += s.Muted.Render(fmt.Sprintf(" · columns %d–%d of %d", first+1, first+len(win), len(m.cols)))
	}
	var b strings.Builder
	b.WriteString(common.Pad(head, lw) + "\n")
	if fl := r.List.FilterLine(s, lw); fl != "" {
		b.WriteString(fl + "\n")
	}

	names := " " + common.Pad(s.Muted.Render(common.Plural(r.List.Len(), "open item")), labelW)
	loads := " " + common.Pad(s.Muted.Render("load as A and R"), labelW)
	for _, c := range win {
		l := r.loads[c]
		name := common.Pad(common.Clean(c), m.colW)
		if l.a > limit {
			name = s.Error.Render(name)
		} else {
			name = s.Title.Render(name)
		}
		names += " " + name
		loads += " " + common.Pad(loadText(s, l, limit), m.colW)
	}
	b.WriteString(common.Fit(names, lw) + "\n" + common.Fit(loads, lw) + "\n")

	if r.List.Len() == 0 {
		b.WriteString(widget.EmptyList(s, &r.List, r.Empty, lw))
	}
	r.List.Rows(func(id string, selected bool) {
		x := r.racis[id]
		if x == nil {
			return
		}
		row := common.Pad(r.matrixLabel(id, x, labelW), labelW)
		for _, c := range win {
			row += " " + common.Pad(r.matrixCell(x, c), m.colW)
		}
		b.WriteString(widget.SelectedRow(s, common.Fit(row, rowW), selected, rowW) + "\n")
	})
	return strings.TrimRight(b.String(), "\n")
}

// matrixLabel is a row's first cell: the finding marker and the title,
// led by the rules it breaks ("2 A · …") in the error colour.
func (r *Tab) matrixLabel(id string, x *raciInfo, width int) string {
	s := r.c.Styles
	title := common.Clean(x.rec.Title)
	if len(x.breaks) > 0 {
		title = s.Error.Render(strings.Join(x.breaks, ", ") + " · " + title)
	}
	return common.Fit(widget.Marker(s, r.data, id)+" "+title, width)
}

// matrixCell is someone's roles in a row, coloured by role: "A", "R",
// "A/R"; two roles that break the rules ("R/C") in the error colour; a
// muted dot when they have none.
func (r *Tab) matrixCell(x *raciInfo, who string) string {
	s := r.c.Styles
	i := slices.IndexFunc(x.parts, func(p participant) bool { return p.who == who })
	if i < 0 {
		return s.Muted.Render("·")
	}
	roles := x.parts[i].roles
	if roleConflict(roles) {
		return s.Error.Render(roles)
	}
	letters := strings.Split(roles, "/")
	for j, l := range letters {
		letters[j] = s.Role[l].Render(l)
	}
	return strings.Join(letters, s.Muted.Render("/"))
}

// roleConflict reports roles one participant may not hold together: more
// than one of R, C and I, or A with C or I.
func roleConflict(roles string) bool {
	n := strings.Count(roles, "R") + strings.Count(roles, "C") + strings.Count(roles, "I")
	return n > 1 || strings.Contains(roles, "A") && (strings.Contains(roles, "C") || strings.Contains(roles, "I"))
}
