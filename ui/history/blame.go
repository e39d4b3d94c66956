package history

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// blameLoadedMsg is a record's field blame as the store answered.
type blameLoadedMsg struct {
	id     string
	fields []model.FieldBlame
	err    error
}

func blameCmd(store Store, k model.Kind, id string) tea.Cmd {
	return func() tea.Msg {
		fs, err := store.Blame(k, id)
		return blameLoadedMsg{id: id, fields: fs, err: err}
	}
}

// Blame is a record's field blame: each field as it is now, with
// who last changed it, when, in which commit and why (the commit's
// subject). Enter opens that commit in the record's history, where its
// whole message and every field it changed show.
type Blame struct {
	c             common.Common
	width, height int
	org           *model.Org
	kind          model.Kind
	id            string
	title         string // the record's, cleaned

	storeRead
	fields []model.FieldBlame
	// The widest field name and author, for the columns.
	fieldW, authorW int

	list widget.List
}

// OpenBlame opens a record's field blame and starts reading it.
func OpenBlame(c common.Common, store Store, org *model.Org, r model.Record) (*Blame, tea.Cmd) {
	o := newBlame(c, org, r)
	return o, tea.Batch(blameCmd(store, r.RecordKind(), r.RecordID()), o.spinner.Tick)
}

func newBlame(c common.Common, org *model.Org, r model.Record) *Blame {
	return &Blame{c: c, org: org, kind: r.RecordKind(), id: r.RecordID(), title: common.Clean(r.RecordTitle()),
		storeRead: newStoreRead(c), list: widget.NewList(c.Keys, nil)}
}

func (o *Blame) loaded(msg blameLoadedMsg) {
	o.loading, o.err = false, msg.err
	if msg.err != nil {
		return
	}
	o.fields = msg.fields
	items := make([]widget.Item, len(o.fields))
	o.fieldW, o.authorW = 0, 0
	for i, f := range o.fields {
		name := common.AuthorName(o.org, f.Commit)
		o.fieldW = max(o.fieldW, lipgloss.Width(common.Clean(f.Field)))
		o.authorW = max(o.authorW, lipgloss.Width(name))
		items[i] = widget.Item{ID: common.Itoa(i), Filter: common.Clean(f.Field) + " " + common.Clean(f.Value) + " " + name + " " +
			common.Clean(f.Commit.Message) + " " + common.Clean(f.Commit.Hash)}
	}
	o.authorW = min(o.authorW, 20)
	o.list.SetItems(items)
}

func (o *Blame) Update(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case blameLoadedMsg:
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

func (o *Blame) key(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := o.c.Keys
	if !o.list.Capturing() {
		switch {
		case key.Matches(k, keys.Open, keys.Expand):
			id := o.list.Selected()
			if id == "" {
				return nil, false
			}
			msg := ShowCommitMsg{Kind: o.kind, ID: o.id, Hash: o.fields[atoi(id)].Commit.Hash}
			return func() tea.Msg { return msg }, true
		case key.Matches(k, keys.Close) && o.list.Query() == "", key.Matches(k, keys.Quit, keys.Blame):
			return nil, true
		}
	}
	var cmd tea.Cmd
	o.list, cmd, _ = o.list.Update(k)
	return cmd, false
}

func (o *Blame) SetSize(w, h int) { o.width, o.height = w, h }

func (o *Blame) Dirty() bool { return false }

func (o *Blame) Keys() []key.Binding {
	k := o.c.Keys
	if o.list.Capturing() {
		return []key.Binding{k.ApplyFilter, k.FuzzyToggle, k.ClearFilter}
	}
	var out []key.Binding
	if o.list.Selected() != "" {
		out = append(out, key.NewBinding(key.WithKeys("enter", "right"), key.WithHelp("enter", "that commit")))
	}
	if o.list.Total() > 1 {
		out = append(out, key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", "field")), k.Filter)
	}
	closeKey := key.NewBinding(key.WithKeys("esc", "b"), key.WithHelp("esc/b", "close"))
	return append(out, closeKey)
}

// blameWideFrom is the content width from which each field takes one line
// (field, value, author, date, commit, subject); below it, two.
const blameWideFrom = 110

func (o *Blame) View() string {
	width, height := o.width, o.height
	s := o.c.Styles
	frameW := s.Overlay.GetHorizontalFrameSize()
	innerW := max(min(width-frameW, recordOverlayWidth), 20)
	innerH := max(height-s.Overlay.GetVerticalFrameSize(), 3)
	count := ""
	if !o.loading && o.err == nil {
		count = common.Plural(len(o.fields), "field")
	}
	var b strings.Builder
	b.WriteString(recordHeading(s, "Blame", o.id, o.title, count, innerW))
	switch {
	case o.loading:
		b.WriteString("\n" + o.spin() + " reading who changed each field…")
	case o.err != nil:
		b.WriteString("\n" + s.Error.Render("Could not read the blame") + "\n" + common.Wrap(common.Clean(o.err.Error()), innerW))
	case len(o.fields) == 0:
		b.WriteString("\n" + s.Muted.Render("The record has no fields."))
	default:
		rows := innerH - 1
		if fl := o.list.FilterLine(s, innerW); fl != "" {
			b.WriteString("\n" + fl)
			rows--
		}
		per := 2
		if innerW >= blameWideFrom {
			per = 1
		}
		o.list.SetWidth(innerW)
		o.list.SetHeight(max(rows/per, 1))
		if o.list.Len() == 0 {
			b.WriteString("\n" + s.Muted.Render("nothing matches the filter · esc clears it"))
		}
		o.list.Rows(func(id string, selected bool) {
			for _, l := range o.row(o.fields[atoi(id)], innerW-1, per == 1) {
				b.WriteString("\n" + widget.SelectedRow(s, l, selected, innerW-1))
			}
		})
	}
	box := s.Overlay.Width(innerW + frameW).Render(b.String())
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Top, box)
}

// row is one field's line (wide) or two: the field and its value, then
// who set it, when, the commit and its subject.
func (o *Blame) row(f model.FieldBlame, width int, wide bool) []string {
	s := o.c.Styles
	c := f.Commit
	const gap = "  "
	fieldW := min(o.fieldW, max(width/4, 12))
	field := s.Title.Render(common.Pad(common.Clean(f.Field), fieldW)) + gap
	who := common.AuthorName(o.org, c)
	date := c.Date.Format("2006-01-02")
	if !wide {
		top := field + blameValue(f.Value, max(width-lipgloss.Width(field), 1))
		meta := s.Muted.Render(strings.Join([]string{who, date, common.Clean(c.Short())}, " · ") + " · ")
		bottom := "  " + meta + common.Clean(c.Subject())
		return []string{common.Fit(top, width), common.Fit(bottom, width)}
	}
	rest := width - lipgloss.Width(field) - o.authorW - len(gap) - len(date) - len(gap) - 8 - len(gap)
	valueW := max(rest*2/5, 8)
	line := field + common.Pad(blameValue(f.Value, valueW), valueW) + gap + common.Pad(who, o.authorW) + gap +
		s.Muted.Render(date+gap+common.Pad(common.Clean(c.Short()), 8)) + gap + common.Clean(c.Subject())
	return []string{common.Fit(line, width)}
}

// blameValue is a field's value on one line: the first line of a long
// text, with an ellipsis for the rest.
func blameValue(v string, width int) string {
	first, more, _ := strings.Cut(strings.TrimSpace(v), "\n")
	first = common.Clean(first)
	if strings.TrimSpace(more) != "" {
		return common.Fit(first+" …", width)
	}
	return common.Fit(first, width)
}
