package widget

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
)

// Tree is a collapsible tree shown in a List. The screen that owns it lays
// the nodes out (Build), says which of them are in (Show: those that match
// its own filters and their ancestors) and draws each row after its Prefix
// (guides, branch, fold mark). As the list's filter (Filter) it decides
// the rows: without a query, those the folds leave open; with one, the
// matches and their ancestors, folds or not, in tree order.
type Tree struct {
	list      *List
	nodes     []treeNode
	index     map[string]int
	collapsed map[string]bool

	// What Show put in: the list's items, the node of each (-1 for a row
	// that is not a node, such as an unreadable file), and per node
	// whether it matched (else it is an ancestor of a match) and has
	// children among the items.
	items    []Item
	itemNode []int
	matched  []bool
	hasKids  []bool

	// Set by Filter on every refilter: the text query, which nodes it
	// matches, and the shape of the rows on screen.
	query string
	hit   []bool
	last  []bool // last of its parent's children on screen
	open  []bool // has children on screen
}

// treeNode is one node, in display order.
type treeNode struct {
	id       string
	parent   int // -1 for a root
	depth    int
	children []int
	filter   string // what / matches, lower-cased
}

// NewTree is an empty tree. The list it shows in must filter with its
// Filter; Attach names that list once it exists.
func NewTree() *Tree { return &Tree{collapsed: map[string]bool{}, index: map[string]int{}} }

// Attach names the list the tree shows in.
func (t *Tree) Attach(list *List) { t.list = list }

// Build lays the nodes out depth first from roots, the children of each
// in the order kids lists them; a node met again (a cycle) is left out the
// second time. text is what / matches for a node. Folds survive.
func (t *Tree) Build(roots []string, kids map[string][]string, text func(id string) string) {
	t.nodes = make([]treeNode, 0, len(t.nodes))
	t.index = make(map[string]int, len(t.index))
	var add func(id string, parent, depth int)
	add = func(id string, parent, depth int) {
		if _, seen := t.index[id]; seen {
			return
		}
		n := len(t.nodes)
		t.index[id] = n
		t.nodes = append(t.nodes, treeNode{id: id, parent: parent, depth: depth, filter: strings.ToLower(text(id))})
		if parent >= 0 {
			t.nodes[parent].children = append(t.nodes[parent].children, n)
		}
		for _, c := range kids[id] {
			add(c, n, depth+1)
		}
	}
	for _, id := range roots {
		add(id, -1, 0)
	}
}

// Show puts in the list the rows before (which are not nodes), then the
// nodes match accepts with their ancestors, in tree order. It returns how
// many nodes matched.
func (t *Tree) Show(before []Item, match func(id string) bool) int {
	nn := len(t.nodes)
	t.matched = make([]bool, nn)
	t.hasKids = make([]bool, nn)
	in := make([]bool, nn)
	count := 0
	for n := nn - 1; n >= 0; n-- { // children before their parents
		nd := &t.nodes[n]
		if match(nd.id) {
			t.matched[n], in[n] = true, true
			count++
		}
		if in[n] && nd.parent >= 0 {
			in[nd.parent] = true
			t.hasKids[nd.parent] = true
		}
	}
	t.items = slices.Clone(before)
	t.itemNode = make([]int, len(t.items), len(t.items)+nn)
	for i := range t.itemNode {
		t.itemNode[i] = -1
	}
	for n, nd := range t.nodes {
		if in[n] {
			t.items = append(t.items, Item{ID: nd.id, Filter: nd.filter})
			t.itemNode = append(t.itemNode, n)
		}
	}
	t.refresh()
	return count
}

// refresh hands the items to the list, which refilters them (folds
// included); when the row under the cursor went away, the cursor moves to
// its nearest ancestor on screen.
func (t *Tree) refresh() {
	sel := t.list.Selected()
	t.list.SetItems(t.items)
	if sel == "" || t.list.Selected() == sel {
		return
	}
	if n, ok := t.index[sel]; ok {
		for p := t.nodes[n].parent; p >= 0; p = t.nodes[p].parent {
			if t.list.Select(t.nodes[p].id) {
				return
			}
		}
	}
}

// Filter is the list's filter (a FilterFunc): without a query, the rows
// the folds leave open; with one, the matches and their ancestors, folds
// or not, in tree order. It also works out which rows close a branch, for
// the guides.
func (t *Tree) Filter(items []Item, query string, hits []int) []int {
	if len(items) != len(t.itemNode) {
		return hits
	}
	shown := make([]bool, len(t.nodes))
	t.query = query
	var problemHit map[int]bool
	if query == "" {
		t.hit = nil
		for _, n := range t.itemNode {
			if n < 0 {
				continue
			}
			p := t.nodes[n].parent
			shown[n] = p < 0 || shown[p] && !t.collapsed[t.nodes[p].id]
		}
	} else {
		t.hit = make([]bool, len(t.nodes))
		problemHit = map[int]bool{}
		mark := func(i int) {
			n := t.itemNode[i]
			if n < 0 {
				problemHit[i] = true
				return
			}
			t.hit[n] = true
			shown[n] = true
			for p := t.nodes[n].parent; p >= 0 && !shown[p]; p = t.nodes[p].parent {
				shown[p] = true
			}
		}
		for _, i := range hits {
			mark(i)
		}
	}
	var out []int
	for i, n := range t.itemNode {
		if n < 0 && (query == "" || problemHit[i]) || n >= 0 && shown[n] {
			out = append(out, i)
		}
	}
	t.shape(out)
	return out
}

// shape works out, for the rows out shows, which close their parent's
// branch and which have children on screen. Walking back up the rows, the
// first child of a parent met is its last.
func (t *Tree) shape(out []int) {
	t.last = make([]bool, len(t.nodes))
	t.open = make([]bool, len(t.nodes))
	rootSeen := false
	for i := len(out) - 1; i >= 0; i-- {
		n := t.itemNode[out[i]]
		if n < 0 {
			continue
		}
		if p := t.nodes[n].parent; p >= 0 {
			t.last[n] = !t.open[p]
			t.open[p] = true
		} else {
			t.last[n] = !rootSeen
			rootSeen = true
		}
	}
}

// Key handles the fold keys: all open (+), all folded (-), and on the
// node under the cursor, space, → and ←. It reports whether it used k;
// folds do nothing while a query filters the rows.
func (t *Tree) Key(k tea.KeyPressMsg, keys *common.KeyMap) bool {
	if t.query != "" {
		return false
	}
	n, onNode := t.index[t.list.Selected()]
	switch {
	case key.Matches(k, keys.ExpandAll):
		clear(t.collapsed)
	case key.Matches(k, keys.CollapseAll):
		for n, nd := range t.nodes {
			if t.hasKids[n] {
				t.collapsed[nd.id] = true
			}
		}
	case onNode && key.Matches(k, keys.Toggle):
		if !t.hasKids[n] {
			return true
		}
		t.collapsed[t.nodes[n].id] = !t.collapsed[t.nodes[n].id]
	case onNode && key.Matches(k, keys.Expand):
		if !t.hasKids[n] || !t.collapsed[t.nodes[n].id] {
			t.toChild(n)
			return true
		}
		delete(t.collapsed, t.nodes[n].id)
	case onNode && key.Matches(k, keys.Collapse):
		if !t.hasKids[n] || t.collapsed[t.nodes[n].id] {
			if p := t.nodes[n].parent; p >= 0 {
				t.list.Select(t.nodes[p].id)
			}
			return true
		}
		t.collapsed[t.nodes[n].id] = true
	default:
		return false
	}
	t.refresh()
	return true
}

// toChild moves the cursor to the first child of node n on screen.
func (t *Tree) toChild(n int) {
	if !t.open[n] {
		return
	}
	for _, c := range t.nodes[n].children {
		if t.list.Select(t.nodes[c].id) {
			return
		}
	}
}

// Fold folds a node (the screen's default view).
func (t *Tree) Fold(id string) { t.collapsed[id] = true }

// Reveal unfolds the ancestors of id; it reports whether any was folded.
func (t *Tree) Reveal(id string) bool {
	n, ok := t.index[id]
	if !ok {
		return false
	}
	changed := false
	for p := t.nodes[n].parent; p >= 0; p = t.nodes[p].parent {
		if t.collapsed[t.nodes[p].id] {
			delete(t.collapsed, t.nodes[p].id)
			changed = true
		}
	}
	return changed
}

// FoldKeys are the fold keys that do something now: none while a query
// filters the rows; space and → on a node with children, ← on one with
// children open or a parent to go to, + while a node is folded and -
// while one is open.
func (t *Tree) FoldKeys(keys *common.KeyMap) []key.Binding {
	if t.query != "" {
		return nil
	}
	var out []key.Binding
	if n, ok := t.index[t.list.Selected()]; ok && n < len(t.hasKids) {
		id := t.nodes[n].id
		if t.hasKids[n] {
			out = append(out, keys.Toggle, keys.Expand)
		}
		if t.hasKids[n] && !t.collapsed[id] || t.nodes[n].parent >= 0 {
			out = append(out, keys.Collapse)
		}
	}
	folded, open := false, false
	for n, kids := range t.hasKids {
		if kids {
			c := t.collapsed[t.nodes[n].id]
			folded, open = folded || c, open || !c
		}
	}
	if folded {
		out = append(out, keys.ExpandAll)
	}
	if open {
		out = append(out, keys.CollapseAll)
	}
	return out
}

// Has reports whether id is a node.
func (t *Tree) Has(id string) bool {
	_, ok := t.index[id]
	return ok
}

// Matched reports whether the node id matched the screen's filters (not
// only an ancestor of one that did).
func (t *Tree) Matched(id string) bool {
	n, ok := t.index[id]
	return ok && n < len(t.matched) && t.matched[n]
}

// Dimmed reports whether the row of id is shown only as the ancestor of a
// match, of the screen's filters or of the query.
func (t *Tree) Dimmed(id string) bool {
	n, ok := t.index[id]
	if !ok || n >= len(t.matched) {
		return false
	}
	return !t.matched[n] || t.query != "" && (t.hit == nil || !t.hit[n])
}

// Depth is how deep id sits: 0 for a root.
func (t *Tree) Depth(id string) int {
	if n, ok := t.index[id]; ok {
		return t.nodes[n].depth
	}
	return 0
}

// Children are the IDs of the children of id, in order.
func (t *Tree) Children(id string) []string {
	n, ok := t.index[id]
	if !ok {
		return nil
	}
	out := make([]string, len(t.nodes[n].children))
	for i, c := range t.nodes[n].children {
		out[i] = t.nodes[c].id
	}
	return out
}

// Nodes are the IDs of every node, in display order.
func (t *Tree) Nodes() []string {
	out := make([]string, len(t.nodes))
	for i, nd := range t.nodes {
		out[i] = nd.id
	}
	return out
}

// Prefix is what goes in front of the row of id: the guides of its
// ancestors, its branch and its fold mark (▾ open, ▸ folded).
func (t *Tree) Prefix(id string) string {
	n, ok := t.index[id]
	if !ok {
		return ""
	}
	nd := &t.nodes[n]
	var fold string
	switch {
	case t.open[n]:
		fold = "▾"
	case t.hasKids[n]:
		fold = "▸"
	case nd.depth > 0:
		fold = "─"
	default:
		fold = " "
	}
	if nd.depth == 0 {
		return fold + " "
	}
	guides := make([]string, 0, nd.depth+1)
	branch := "├─"
	if t.last[n] {
		branch = "└─"
	}
	guides = append(guides, fold+" ", branch)
	for p := nd.parent; p >= 0 && t.nodes[p].depth > 0; p = t.nodes[p].parent {
		if t.last[p] {
			guides = append(guides, "  ")
		} else {
			guides = append(guides, "│ ")
		}
	}
	slices.Reverse(guides)
	return strings.Join(guides, "")
}
