// Package raci is the RACI tab: RACI records as a list and as an items ×
// people (or teams) matrix, and the hand-offs between teams, golden-rule
// breaks standing out in every view.
package raci

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// The RACI tab's views, cycled with v.
const (
	raciList = iota
	raciMatrix
	raciHandoffs
	raciViews
)

var raciViewNames = [raciViews]string{"List", "Matrix", "Hand-offs"}

// raciRoles are the role letters in the order they are shown.
var raciRoles = []string{"A", "R", "C", "I"}

// Tab is the RACI tab: who is Responsible, Accountable, Consulted and
// Informed for each deliverable, as a list, as an items × people matrix,
// and the hand-offs between teams. Golden-rule breaks (no Accountable, two
// Accountables, nobody Responsible, one person in two roles) stand out in
// every view.
type Tab struct {
	widget.Frame
	c    common.Common
	data *common.Data
	mode int               // raciList, raciMatrix or raciHandoffs
	sel  [raciViews]string // the cursor's record in each view, kept across switches

	// Computed once per SetData.
	racis     map[string]*raciInfo
	handoffs  map[string]*handoffInfo
	items     [raciViews][]widget.Item
	loads     map[string]roleLoad // participant → open items as A and as R
	bySubject map[string][]string // subject key → RACI IDs, in list order
	broken    int                 // open RACI items that break a golden rule
	overdueHO int

	matrix matrixState
}

// raciInfo is what the views show of one RACI record, computed once.
type raciInfo struct {
	rec     *model.RACI
	breaks  []string // short names of the golden rules it breaks: "no A", "2 A"
	overdue bool
	open    bool          // not retired
	parts   []participant // everyone named, in A, R, C, I order of first mention
	ranks   []int         // the places in matrix.order of those in an open item
}

// participant is someone named in a RACI record and the roles they hold
// there: "A", "R", or "A/R" (and, when the record is broken, "R/C").
type participant struct {
	who   string
	roles string
}

// roleLoad counts the open RACI items someone is Accountable and
// Responsible for.
type roleLoad struct{ a, r int }

func New(c common.Common) *Tab {
	r := &Tab{}
	r.Frame, r.c = widget.NewFrame(c, r.filter), c
	r.Header, r.Row, r.Body, r.Empty = r.renderHeader, r.renderRow, r.renderBody, r.empty
	r.Shares = shares
	r.matrix = newMatrixState()
	return r
}

// empty says what the view on show holds and how to make the first one.
func (r *Tab) empty() string {
	n := r.c.Keys.New.Help().Key
	switch {
	case r.mode == raciHandoffs:
		return "No hand-offs yet. A hand-off passes deliverables from one team to another, each with its acceptance criteria, and follows them until they are received. " + n + " creates the first one."
	case r.mode == raciMatrix && r.data != nil && len(r.data.Org.RACIs) > 0:
		return "No open RACI items: every one is retired. v shows the list with them."
	}
	return "No RACI records yet. Each says who is Responsible, Accountable, Consulted and Informed for a deliverable, a decision, a goal or a hand-off. " + n + " creates the first one."
}

func (r *Tab) Title() string { return "RACI" }

func (r *Tab) SetSize(w, h int) { r.layout(w, h) }

// layout sizes the list and the details for the current view: the rows
// take a wider share of a wide terminal than other tabs give them, and the
// matrix has two more header lines (names and loads) than the frame knows.
func (r *Tab) layout(w, h int) {
	r.Frame.SetSize(w, h)
	lw, dw, side := r.split()
	r.List.SetWidth(lw)
	if side {
		r.Detail.SetSize(dw-1, h)
	}
	r.RowsTop = 0
	if r.mode == raciMatrix {
		r.RowsTop = matrixHeaderLines
		r.List.SetHeight(r.RowsHeight() - matrixHeaderLines)
	}
}

// shares are Split's with more room for the rows, which carry dates,
// names and the matrix's columns; the details keep at least fifty cells.
func shares(width int) (listW, detailW int, sideBySide bool) {
	lw, _, side := widget.Split(width)
	if !side {
		return lw, lw, false
	}
	lw = max(lw, min(width*3/5, width-50))
	return lw, width - lw - 1, true
}

// split is the frame's layout now (the details may be hidden).
func (r *Tab) split() (listW, detailW int, sideBySide bool) { return r.Frame.Split() }

// ShowsHandoffs reports whether the hand-offs view is on show (n then
// makes a hand-off).
func (r *Tab) ShowsHandoffs() bool { return r.mode == raciHandoffs }

func (r *Tab) Selected() string {
	if id := r.List.Selected(); !strings.HasPrefix(id, widget.ProblemPrefix) {
		return id
	}
	return ""
}

// Select shows a RACI record in the list (or in the matrix when that is
// the view and the record is a row of it) and a hand-off in the hand-offs
// view, clearing a filter that hides it.
func (r *Tab) Select(id string) bool {
	if r.data == nil || id == "" {
		return false
	}
	var v int
	switch x := r.racis[id]; {
	case x != nil && r.mode == raciMatrix && x.open:
		v = raciMatrix
	case x != nil:
		v = raciList
	case r.handoffs[id] != nil:
		v = raciHandoffs
	default:
		return false
	}
	if v != r.mode {
		r.setView(v)
	}
	if !r.List.Select(id) {
		r.List.ClearFilter()
		r.layout(r.Width, r.Height)
		if !r.List.Select(id) {
			return false
		}
	}
	return true
}

func (r *Tab) Capturing() bool { return r.List.Capturing() }

func (r *Tab) Keys() []key.Binding {
	if r.List.Capturing() || r.Zoomed {
		return r.FrameKeys()
	}
	k := r.c.Keys
	sv := k.SwitchView
	sv.SetHelp(sv.Help().Key, "show "+strings.ToLower(raciViewNames[(r.mode+1)%raciViews]))
	var own []key.Binding
	if r.mode == raciMatrix {
		own = append(own, r.matrix.columnsKey(r.matrix.teams))
		if r.matrixOverflows() {
			own = append(own, r.matrix.scroll)
		}
	}
	return append([]key.Binding{sv}, r.FrameKeys(own...)...)
}

// FindingsChanged names the rule breaks again when the findings of the
// load on show come (they follow the first load); nothing else the tab
// prepares depends on them.
func (r *Tab) FindingsChanged() {
	if r.data != nil {
		r.countBreaks()
	}
}

// countBreaks names each RACI record's rule breaks from its findings and
// counts the open records that break one.
func (r *Tab) countBreaks() {
	r.broken = 0
	for id, x := range r.racis {
		x.breaks = ruleBreaks(x.rec, common.FindingsFor(r.data, id))
		if x.open && len(x.breaks) > 0 {
			r.broken++
		}
	}
}

// SetData computes everything the three views show: each record's rule
// breaks and overdue state, people's loads, the rows of each view.
func (r *Tab) SetData(d *common.Data) {
	r.data = d
	o := d.Org
	today := d.Today.Format(time.DateOnly)

	r.racis = make(map[string]*raciInfo, len(o.RACIs))
	r.loads = map[string]roleLoad{}
	for id, rec := range o.RACIs {
		x := &raciInfo{rec: rec, open: rec.State != "retired"}
		x.overdue = x.open && isPast(rec.Due, today)
		lists := [][]string{rec.Accountable, rec.Responsible, rec.Consulted, rec.Informed}
		for i, list := range lists {
			for _, p := range list {
				if p == "" {
					continue
				}
				j := slices.IndexFunc(x.parts, func(q participant) bool { return q.who == p })
				switch {
				case j < 0:
					x.parts = append(x.parts, participant{who: p, roles: raciRoles[i]})
				case !strings.Contains(x.parts[j].roles, raciRoles[i]):
					x.parts[j].roles += "/" + raciRoles[i]
				}
			}
		}
		if x.open {
			for _, p := range x.parts {
				l := r.loads[p.who]
				if strings.Contains(p.roles, "A") {
					l.a++
				}
				if strings.Contains(p.roles, "R") {
					l.r++
				}
				r.loads[p.who] = l
			}
		}
		r.racis[id] = x
	}
	r.countBreaks()
	r.rankParticipants()

	// Open items first, soonest due first, undated after dated; retired last.
	ids := o.IDs(model.KindRACI)
	slices.SortStableFunc(ids, func(a, b string) int {
		x, y := r.racis[a], r.racis[b]
		return cmp.Or(boolOrder(!x.open, !y.open), boolOrder(x.rec.Due == "", y.rec.Due == ""),
			cmp.Compare(x.rec.Due, y.rec.Due), cmp.Compare(x.rec.Title, y.rec.Title))
	})
	list := widget.ProblemItems(d, model.KindRACI)
	var matrix []widget.Item
	r.bySubject = map[string][]string{}
	for _, id := range ids {
		x := r.racis[id]
		it := widget.Item{ID: id, Filter: r.raciFilterText(x)}
		list = append(list, it)
		if x.open {
			matrix = append(matrix, it)
		}
		k := subjectKey(x.rec.Subject)
		r.bySubject[k] = append(r.bySubject[k], id)
	}

	r.handoffs = make(map[string]*handoffInfo, len(o.Handoffs))
	r.overdueHO = 0
	for id, h := range o.Handoffs {
		x := &handoffInfo{rec: h, done: slices.Contains([]string{"delivered", "received", "rejected"}, h.State)}
		x.overdue = !x.done && isPast(h.Due, today)
		if x.overdue {
			r.overdueHO++
		}
		r.handoffs[id] = x
	}
	hids := o.IDs(model.KindHandoff)
	slices.SortStableFunc(hids, func(a, b string) int {
		x, y := r.handoffs[a], r.handoffs[b]
		return cmp.Or(boolOrder(x.closed(), y.closed()), boolOrder(x.rec.Due == "", y.rec.Due == ""),
			cmp.Compare(x.rec.Due, y.rec.Due), cmp.Compare(x.rec.Title, y.rec.Title))
	})
	handoffs := widget.ProblemItems(d, model.KindHandoff)
	for _, id := range hids {
		handoffs = append(handoffs, widget.Item{ID: id, Filter: r.handoffFilterText(r.handoffs[id].rec)})
	}

	r.items = [raciViews][]widget.Item{raciList: list, raciMatrix: matrix, raciHandoffs: handoffs}
	r.List.SetItems(r.items[r.mode])
	r.layout(r.Width, r.Height)
}

// setView switches views, keeping the cursor on the same record when the
// new view shows it, else where it last was in that view.
func (r *Tab) setView(v int) {
	prev := r.List.Selected()
	r.sel[r.mode] = prev
	r.mode = v
	r.List.SetItems(nil) // start at the top unless a record is found below
	r.List.SetItems(r.items[v])
	if prev == "" || !r.List.Select(prev) {
		r.List.Select(r.sel[v])
	}
	r.layout(r.Width, r.Height)
}

// filter is the list's filter; in the matrix view it also works out the
// columns, which follow the rows that are visible.
func (r *Tab) filter(items []widget.Item, _ string, hits []int) []int {
	if r.mode == raciMatrix {
		r.matrix.items, r.matrix.visible = items, hits
		r.computeColumns()
	}
	return hits
}

func (r *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && !r.List.Capturing() && !r.Zoomed && r.data != nil {
		switch {
		case key.Matches(k, r.c.Keys.SwitchView):
			r.setView((r.mode + 1) % raciViews)
			return r, nil
		case r.mode == raciMatrix && key.Matches(k, r.matrix.columns):
			r.matrix.teams = !r.matrix.teams
			r.matrix.offset = 0
			r.computeColumns()
			return r, nil
		case r.mode == raciMatrix && key.Matches(k, r.c.Keys.Collapse):
			r.scrollColumns(-1)
			return r, nil
		case r.mode == raciMatrix && key.Matches(k, r.c.Keys.Expand):
			r.scrollColumns(1)
			return r, nil
		}
	}
	cmd, _ := r.Frame.Update(msg)
	r.layout(r.Width, r.Height)
	return r, cmd
}

func (r *Tab) View() string {
	if r.data == nil {
		return ""
	}
	s := r.c.Styles
	lw, dw, side := r.split()
	if r.Zoomed && !side {
		return cutLines(r.Frame.View(), r.Height)
	}
	var left string
	if r.mode == raciMatrix {
		left = r.matrixLeft(lw)
	} else {
		left = r.listLeft(lw)
	}
	if !side {
		return cutLines(left, r.Height)
	}
	sel := r.List.Selected()
	body := s.Muted.Render("Nothing selected.")
	if sel != "" {
		body = r.renderBody(sel, dw-1)
	}
	r.Detail.Show(sel, body)
	return widget.JoinPanes(s, left, lw, " "+strings.ReplaceAll(r.Detail.View(), "\n", "\n "), dw, r.Height)
}

// listLeft is the list and hand-offs views' rows under their header, as
// the frame draws them but in this tab's wider share of the screen.
func (r *Tab) listLeft(lw int) string {
	s := r.c.Styles
	var b strings.Builder
	b.WriteString(common.Pad(r.renderHeader(lw), lw) + "\n")
	if fl := r.List.FilterLine(s, lw); fl != "" {
		b.WriteString(fl + "\n")
	}
	if r.List.Len() == 0 {
		b.WriteString(widget.EmptyList(s, &r.List, r.Empty, lw))
	}
	r.List.Rows(func(id string, selected bool) {
		b.WriteString(widget.SelectedRow(s, r.renderRow(id, selected, lw-1), selected, lw-1) + "\n")
	})
	return strings.TrimRight(b.String(), "\n")
}

// renderHeader names the views, the current one in brackets, and counts
// what matters in it.
func (r *Tab) renderHeader(width int) string {
	s := r.c.Styles
	var b strings.Builder
	b.WriteString(r.viewTabs())
	switch r.mode {
	case raciList:
		b.WriteString(s.Muted.Render(" · " + common.Plural(len(r.items[raciList]), "item")))
		if r.broken > 0 {
			b.WriteString(s.Muted.Render(" · ") + s.Error.Render(common.Plural(r.broken, "rule break")))
		}
	case raciHandoffs:
		b.WriteString(s.Muted.Render(" · " + common.Plural(len(r.items[raciHandoffs]), "hand-off")))
		if r.overdueHO > 0 {
			b.WriteString(s.Muted.Render(" · ") + s.Warning.Render(common.Itoa(r.overdueHO)+" overdue"))
		}
	}
	return common.Fit(b.String(), width)
}

// viewTabs is "[List] Matrix Hand-offs" with the current view marked.
func (r *Tab) viewTabs() string {
	s := r.c.Styles
	parts := make([]string, raciViews)
	for i, n := range raciViewNames {
		if i == r.mode {
			parts[i] = s.Heading.Render("[" + n + "]")
		} else {
			parts[i] = s.Muted.Render(n)
		}
	}
	return " " + strings.Join(parts, " ")
}
