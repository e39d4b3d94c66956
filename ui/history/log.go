package history

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// historyLoadedMsg is a record's history as the store answered.
type historyLoadedMsg struct {
	id      string
	entries []model.HistoryEntry
	err     error
}

// ShowCommitMsg asks the root to open a record's history at one commit
// (enter in the blame).
type ShowCommitMsg struct {
	Kind     model.Kind
	ID, Hash string
}

func historyCmd(store Store, k model.Kind, id string) tea.Cmd {
	return func() tea.Msg {
		es, err := store.History(k, id, model.HistoryOptions{})
		return historyLoadedMsg{id: id, entries: es, err: err}
	}
}

// Log is a record's history: the commits that changed it,
// newest first, two lines each (when, who and the message; the commit,
// what it did and a summary of the fields), filterable; enter shows one
// commit's message and field changes in full.
type Log struct {
	c             common.Common
	width, height int
	org           *model.Org
	kind          model.Kind
	id            string
	title         string // the record's, cleaned
	// at is a commit to open once the history is read.
	at string

	storeRead
	entries []model.HistoryEntry
	authorW int // the widest author name, for the column

	list widget.List
	// open is the entry whose changes are on show; -1 for the list.
	open   int
	detail widget.Detail
	// body is the open entry drawn for a width (a line diff of long text
	// is not worth redoing on every frame).
	body    string
	bodyFor bodyKey
}

type bodyKey struct {
	entry, width int
	dark         bool
}

// OpenLog opens a record's history and starts reading it; at is a commit
// to open once it is read ("" for the list).
func OpenLog(c common.Common, store Store, org *model.Org, k model.Kind, id, at string) (*Log, tea.Cmd) {
	o := newLog(c, org, k, id, at)
	return o, tea.Batch(historyCmd(store, k, id), o.spinner.Tick)
}

func newLog(c common.Common, org *model.Org, k model.Kind, id, at string) *Log {
	o := &Log{c: c, org: org, kind: k, id: id, at: at, open: -1,
		storeRead: newStoreRead(c), list: widget.NewList(c.Keys, nil), detail: widget.NewDetail(c.Keys)}
	if r, ok := org.Get(id); ok {
		o.title = common.Clean(r.RecordTitle())
	}
	return o
}

func (o *Log) loaded(msg historyLoadedMsg) {
	o.loading, o.err = false, msg.err
	if msg.err != nil {
		return
	}
	o.entries = msg.entries
	items := make([]widget.Item, len(o.entries))
	o.authorW = 0
	for i, e := range o.entries {
		name := common.AuthorName(o.org, e.Commit)
		o.authorW = max(o.authorW, lipgloss.Width(name))
		items[i] = widget.Item{ID: common.Itoa(i), Filter: name + " " + common.Clean(e.Commit.Author) + " " + common.Clean(e.Commit.Message) +
			" " + common.Clean(string(e.Op)) + " " + common.Clean(e.Commit.Hash)}
	}
	o.authorW = min(max(o.authorW, len("restored")), 20)
	o.list.SetItems(items)
	for i, e := range o.entries {
		if o.at != "" && e.Commit.Hash == o.at {
			o.list.Select(common.Itoa(i))
			o.openEntry(i)
			break
		}
	}
}

func (o *Log) openEntry(i int) {
	o.open = i
	o.detail.GotoTop()
}

// selected is the entry under the list's cursor, or -1.
func (o *Log) selected() int {
	id := o.list.Selected()
	if id == "" {
		return -1
	}
	return atoi(id)
}

func (o *Log) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case historyLoadedMsg:
		if msg.id == o.id {
			o.loaded(msg)
		}
		return nil, false
	case spinner.TickMsg:
		return o.tick(msg), false
	case tea.KeyPressMsg:
		return o.key(msg)
	}
	return nil, false
}

func (o *Log) key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := o.c.Keys
	if o.open >= 0 {
		switch {
		case key.Matches(k, keys.Close, keys.Collapse):
			o.open = -1
		case key.Matches(k, keys.Quit, keys.History):
			return nil, true
		default:
			o.detail.Scroll(k)
		}
		return nil, false
	}
	if !o.list.Capturing() {
		switch {
		case key.Matches(k, keys.Open, keys.Expand):
			if i := o.selected(); i >= 0 {
				o.openEntry(i)
			}
			return nil, false
		case key.Matches(k, keys.Close) && o.list.Query() == "", key.Matches(k, keys.Quit, keys.History):
			return nil, true
		}
	}
	var cmd tea.Cmd
	o.list, cmd, _ = o.list.Update(k)
	return cmd, false
}

func (o *Log) SetSize(w, h int) { o.width, o.height = w, h }

func (o *Log) Dirty() bool { return false }

func (o *Log) Keys() []key.Binding {
	k := o.c.Keys
	if o.open >= 0 {
		var out []key.Binding
		if o.detail.Scrollable() {
			out = append(out, key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "scroll")))
		}
		back := key.NewBinding(key.WithKeys("esc", "left"), key.WithHelp("esc/←", "back to the list"))
		return append(out, back)
	}
	if o.list.Capturing() {
		return []key.Binding{k.ApplyFilter, k.FuzzyToggle, k.ClearFilter}
	}
	var out []key.Binding
	if o.list.Selected() != "" {
		out = append(out, key.NewBinding(key.WithKeys("enter", "right"), key.WithHelp("enter", "changes")))
	}
	if o.list.Total() > 1 {
		out = append(out, key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "commit")), k.Filter)
	}
	closeKey := k.Close
	closeKey.SetHelp("esc", "close")
	return append(out, closeKey)
}

func (o *Log) View() string {
	width, height := o.width, o.height
	s := o.c.Styles
	frameW := s.Overlay.GetHorizontalFrameSize()
	innerW := max(min(width-frameW, recordOverlayWidth), 20)
	innerH := max(height-s.Overlay.GetVerticalFrameSize(), 3)

	count := ""
	switch {
	case o.open >= 0:
		count = common.Itoa(o.open+1) + " of " + common.Plural(len(o.entries), "commit")
	case !o.loading && o.err == nil:
		count = common.Plural(len(o.entries), "commit")
	}
	head := recordHeading(s, "History of", o.id, o.title, count, innerW)

	var body string
	switch {
	case o.loading:
		body = o.spin() + " reading the history…"
	case o.err != nil:
		body = s.Error.Render("Could not read the history") + "\n" + common.Wrap(common.Clean(o.err.Error()), innerW)
	case len(o.entries) == 0:
		body = s.Muted.Render(common.Wrap("No commit has changed it yet: it is new and not committed.", innerW))
	case o.open >= 0:
		if k := (bodyKey{o.open, innerW, s.Dark}); o.bodyFor != k || o.body == "" {
			o.body, o.bodyFor = o.commitBody(o.entries[o.open], innerW), k
		}
		o.detail.SetSize(innerW, innerH-1)
		o.detail.Show(common.Itoa(o.open), o.body)
		body = o.detail.View()
	default:
		body = o.listView(innerW, innerH-1)
	}
	box := s.Overlay.Width(innerW + frameW).Render(head + "\n" + body)
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}

// recordOverlayWidth is the widest the history and blame overlays grow.
const recordOverlayWidth = 160

// recordHeading is an overlay's first line: what it is, the record's ID
// and title, and a count at the right that a long title never pushes out.
func recordHeading(s *common.Styles, what, id, title, count string, width int) string {
	right := ""
	if count != "" {
		right = s.Muted.Render("  " + count)
	}
	left := s.Heading.Render(what) + " " + s.Title.Render(common.Clean(id))
	if title != "" {
		left += s.Muted.Render(" · ") + title
	}
	return common.Fit(left, width-lipgloss.Width(right)) + right
}

// The history list's columns: when (date and age), who (and what the
// commit did), the message (and a summary of the changes).
const historyWhenWidth = len("2026-10-23 12mo ago")

func (o *Log) listView(width, height int) string {
	s := o.c.Styles
	var b strings.Builder
	rows := height
	if fl := o.list.FilterLine(s, width); fl != "" {
		b.WriteString(fl + "\n")
		rows--
	}
	o.list.SetWidth(width)
	o.list.SetHeight(max(rows/2, 1))
	if o.list.Len() == 0 {
		b.WriteString(s.Muted.Render("nothing matches the filter · esc clears it"))
	}
	o.list.Rows(func(id string, selected bool) {
		top, bottom := o.row(o.entries[atoi(id)], width-1)
		b.WriteString(widget.SelectedRow(s, top, selected, width-1) + "\n" + widget.SelectedRow(s, bottom, selected, width-1) + "\n")
	})
	return strings.TrimRight(b.String(), "\n")
}

// row is one commit's two lines in the list.
func (o *Log) row(e model.HistoryEntry, width int) (string, string) {
	s := o.c.Styles
	c := e.Commit
	const gap = "  "
	when := c.Date.Format("2006-01-02") + " " + common.Ago(o.c.Now(), c.Date)
	top := s.Muted.Render(common.Pad(when, historyWhenWidth)) + gap + common.Pad(common.AuthorName(o.org, c), o.authorW) + gap +
		s.Title.Render(common.Clean(c.Subject()))
	op := common.Clean(string(e.Op))
	if c.IsMerge() && e.Op == model.HistoryEdited {
		op = "merge"
	}
	left := s.Muted.Render(common.Pad(common.Clean(c.Short()), historyWhenWidth)) + gap + o.opStyle(e.Op).Render(common.Pad(op, o.authorW)) + gap
	avail := max(width-lipgloss.Width(left), 1)
	var summary string
	if e.Problem != "" {
		summary = s.Warning.Render(common.Fit("! "+common.Clean(e.Problem), avail))
	} else {
		summary = s.Muted.Render(changeSummary(e, avail))
	}
	return common.Fit(top, width), common.Fit(left+summary, width)
}

func (o *Log) opStyle(op model.HistoryOp) lipgloss.Style {
	s := o.c.Styles
	switch op {
	case model.HistoryCreated:
		return s.Info
	case model.HistoryDeleted:
		return s.Error
	case model.HistoryRestored:
		return s.Warning
	}
	return lipgloss.NewStyle()
}

// changeSummary is one line of what a commit changed, at most width
// cells: render.SummarizeDetails with as many changes as fit and the rest
// counted; for a record created or restored, the fields it was given.
func changeSummary(e model.HistoryEntry, width int) string {
	switch e.Op {
	case model.HistoryDeleted:
		return common.Fit("the record was deleted", width)
	case model.HistoryCreated, model.HistoryRestored:
		var fields []string
		for _, d := range model.DetailChanges(withoutID(e.Changes)) {
			fields = append(fields, common.Clean(d.Field))
		}
		out := "with " + common.Plural(len(fields), "field")
		for n := len(fields); n > 0; n-- {
			list := strings.Join(fields[:n], ", ")
			if n < len(fields) {
				list += ", …"
			}
			if t := out + ": " + list; lipgloss.Width(t) <= width {
				return t
			}
		}
		return common.Fit(out, width)
	}
	if len(e.Changes) == 0 {
		return common.Fit("the file changed; no field did", width)
	}
	n := len(model.DetailChanges(e.Changes))
	for most := n; most > 1; most-- {
		if t := common.Clean(render.SummarizeDetails(e.Changes, most)); lipgloss.Width(t) <= width {
			return t
		}
	}
	return common.Fit(common.Clean(render.SummarizeDetails(e.Changes, 1)), width)
}

// withoutID drops the ID from a new record's changes: it is in the heading.
func withoutID(cs []model.Change) []model.Change {
	out := make([]model.Change, 0, len(cs))
	for _, c := range cs {
		if c.Field != "id" {
			out = append(out, c)
		}
	}
	return out
}

// commitBody is one commit in full: its subject, when and who, the rest
// of its message, a problem reading it, and every field it changed.
func (o *Log) commitBody(e model.HistoryEntry, width int) string {
	s := o.c.Styles
	c := e.Commit
	var b strings.Builder
	b.WriteString(s.Title.Render(common.Wrap(common.Clean(c.Subject()), width)) + "\n")
	meta := []string{common.Clean(c.Short()), c.Date.Format("2006-01-02 15:04"), common.Ago(o.c.Now(), c.Date),
		common.AuthorLabel(o.org, c), common.Clean(string(e.Op))}
	if c.IsMerge() {
		meta = append(meta, "merge of "+common.Itoa(len(c.Parents)))
	}
	b.WriteString(s.Muted.Render(common.Wrap(strings.Join(meta, " · "), width)))
	if _, rest, ok := strings.Cut(strings.TrimSpace(c.Message), "\n"); ok {
		if rest = strings.Trim(common.CleanBlock(rest), "\n "); rest != "" {
			b.WriteString("\n\n" + common.Wrap(rest, width))
		}
	}
	if e.Problem != "" {
		b.WriteString("\n\n" + s.Warning.Render(hang("! "+common.Clean(e.Problem), width, 2)))
	}
	b.WriteString("\n\n" + s.Heading.Render("Changes") + "\n")
	changes := e.Changes
	switch e.Op {
	case model.HistoryDeleted:
		b.WriteString(s.Muted.Render("The record was deleted."))
		return b.String()
	case model.HistoryCreated, model.HistoryRestored:
		changes = withoutID(changes)
	}
	if len(changes) == 0 {
		b.WriteString(s.Muted.Render(common.Wrap("No field changed (the file did: its layout or comments).", width)))
		return b.String()
	}
	fresh := e.Op == model.HistoryCreated || e.Op == model.HistoryRestored
	b.WriteString(changeLines(s, changes, fresh, width))
	return b.String()
}

// changeLines writes a record's field changes as the CLI's log does, with
// colour: field: from → to; a list item added or removed; long text as a
// line diff with a line of context around each change. The fields of a
// fresh record (created or restored) are its values; a field set in an
// edit shows it was empty. Every line fits width: long ones wrap under
// their text.
func changeLines(s *common.Styles, changes []model.Change, fresh bool, width int) string {
	added := lipgloss.NewStyle().Foreground(s.Theme.OnTrack)
	removed := lipgloss.NewStyle().Foreground(s.Theme.OffTrack)
	var out []string
	for _, d := range model.DetailChanges(changes) {
		field := s.Title.Render(common.Clean(d.Field))
		switch d.Op {
		case "added", "removed":
			st := added
			if d.Op == "removed" {
				st = removed
			}
			line := field + ": " + st.Render(d.Op)
			if t := d.To + d.From; t != "" {
				line += " " + common.Clean(`"`+t+`"`)
			}
			out = append(out, hang(line, width, 4))
		case "text":
			out = append(out, field+":")
			out = append(out, lineDiff(s, d.Lines, width)...)
		case "set":
			from := ""
			if !fresh {
				from = s.Muted.Render("(none)") + " → "
			}
			v := strings.TrimRight(d.To, "\n")
			if !strings.Contains(v, "\n") {
				out = append(out, hang(field+": "+from+added.Render(common.Clean(v)), width, 4))
				continue
			}
			out = append(out, strings.TrimRight(field+": "+from, " "))
			for l := range strings.SplitSeq(v, "\n") {
				if l = common.Clean(l); l == "" {
					out = append(out, "")
					continue
				}
				out = append(out, "    "+added.Render(hang(l, width, 4)))
			}
		case "cleared":
			out = append(out, hang(field+": "+removed.Render(common.Clean(d.From))+" → "+s.Muted.Render("(none)"), width, 4))
		default:
			out = append(out, hang(field+": "+removed.Render(common.Clean(d.From))+" → "+added.Render(common.Clean(d.To)), width, 4))
		}
	}
	return strings.Join(out, "\n")
}

// lineDiff is a line diff with one line of context around each change;
// "…" marks the lines left out.
func lineDiff(s *common.Styles, lines []model.TextEdit, width int) []string {
	added := lipgloss.NewStyle().Foreground(s.Theme.OnTrack)
	removed := lipgloss.NewStyle().Foreground(s.Theme.OffTrack)
	show := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op != " " {
			for j := max(0, i-1); j <= min(len(lines)-1, i+1); j++ {
				show[j] = true
			}
		}
	}
	const indent = "  "
	var out []string
	gap := false
	for i, l := range lines {
		if !show[i] {
			gap = true
			continue
		}
		if gap {
			out = append(out, indent+s.Muted.Render("  …"))
			gap = false
		}
		text := hang(l.Op+" "+common.Clean(l.Line), width-len(indent), 2)
		switch l.Op {
		case "+":
			text = added.Render(text)
		case "-":
			text = removed.Render(text)
		default:
			text = s.Muted.Render(text)
		}
		out = append(out, indent+strings.ReplaceAll(text, "\n", "\n"+indent))
	}
	if gap {
		out = append(out, indent+s.Muted.Render("  …"))
	}
	return out
}

// hang wraps text to width, indenting the lines after the first.
func hang(text string, width, indent int) string {
	lines := strings.Split(common.Wrap(text, max(width-indent, 1)), "\n")
	return strings.Join(lines, "\n"+strings.Repeat(" ", indent))
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}
