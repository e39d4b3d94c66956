package ui

import (
	"strings"

	"github.com/accordhq/accord/ui/common"

	"github.com/charmbracelet/x/ansi"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
)

// frame is the list-and-detail layout every tab uses: the list on the
// left and the selected record's details on the right when the terminal is
// wide enough; on a narrow one the list fills the screen and enter opens
// the details full-screen (esc returns). Screens supply how a row and a
// record's details look; the frame owns keys, sizes and scrolling.
type frame struct {
	c      common.Common
	list   List
	detail Detail
	width  int
	height int
	zoomed bool // narrow terminal, details open

	// header is drawn above the rows (column titles, active filters).
	header func(width int) string
	row    func(id string, selected bool, width int) string
	body   func(id string, width int) string
	// empty says why the list is empty when no text filter is at work
	// ("no goals match these filters"); nil says "nothing here".
	empty func() string
}

// selectedRow draws a row with the cursor mark; the selected row is drawn
// in the selection style as a whole (colours inside the row would end the
// highlight at their first reset), so its symbols carry its meaning.
func selectedRow(s *common.Styles, row string, selected bool, width int) string {
	if !selected {
		return " " + row
	}
	return s.Cursor.Render("▌") + s.Selected.Render(common.Pad(ansi.Strip(row), width))
}

func newFrame(c common.Common, fn FilterFunc) frame {
	return frame{c: c, list: NewList(c.Keys, fn), detail: NewDetail(c.Keys)}
}

func (f *frame) setSize(w, h int) {
	f.width, f.height = w, h
	lw, dw, side := Split(w)
	f.list.SetWidth(lw)
	if side {
		f.detail.SetSize(dw-1, h)
	} else {
		f.detail.SetSize(w-1, h-1)
	}
	f.list.SetHeight(f.rowsHeight())
}

// rowsHeight is what is left for rows under the header and filter lines.
func (f *frame) rowsHeight() int {
	h := f.height
	if f.header != nil {
		h--
	}
	if f.list.FilterLine(f.c.Styles, f.width) != "" {
		h--
	}
	return max(h, 1)
}

// update routes a message: details scrolling, zoom, then the list. It
// reports whether the message was used.
func (f *frame) update(msg tea.Msg) (tea.Cmd, bool) {
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && !f.list.Capturing() {
		if d, ok := f.detail.Update(k); ok {
			f.detail = d
			return nil, true
		}
		_, _, side := Split(f.width)
		switch {
		case !side && !f.zoomed && key.Matches(k, f.c.Keys.Open) && f.list.Selected() != "":
			f.zoomed = true
			return nil, true
		case f.zoomed && key.Matches(k, f.c.Keys.Filter):
			return nil, true // the list is hidden: a filter typed now would be invisible
		case f.zoomed && key.Matches(k, f.c.Keys.Close, f.c.Keys.Open):
			f.zoomed = false
			return nil, true
		case f.zoomed && key.Matches(k, f.c.Keys.Up, f.c.Keys.Down):
			// In full-screen details the arrows scroll.
			if key.Matches(k, f.c.Keys.Up) {
				f.detail.vp.ScrollUp(1)
			} else {
				f.detail.vp.ScrollDown(1)
			}
			return nil, true
		}
	}
	wasFiltering := f.list.FilterLine(f.c.Styles, f.width) != ""
	var cmd tea.Cmd
	var used bool
	f.list, cmd, used = f.list.Update(msg)
	if wasFiltering != (f.list.FilterLine(f.c.Styles, f.width) != "") {
		f.list.SetHeight(f.rowsHeight())
	}
	return cmd, used
}

// view draws the frame.
func (f *frame) view() string {
	s := f.c.Styles
	lw, dw, side := Split(f.width)
	sel := f.list.Selected()
	if f.zoomed && !side {
		f.detail.Show(sel, f.body(sel, f.detail.Width()))
		return s.Muted.Render(common.Fit("esc back to the list · J/K scroll", f.width)) + "\n" + f.detail.View()
	}
	var b strings.Builder
	if f.header != nil {
		b.WriteString(common.Pad(f.header(lw), lw) + "\n")
	}
	if fl := f.list.FilterLine(s, lw); fl != "" {
		b.WriteString(fl + "\n")
	}
	if f.list.Len() == 0 {
		switch {
		case f.list.Query() != "":
			b.WriteString(s.Muted.Render(" nothing matches the filter · esc clears it"))
		case f.empty != nil:
			b.WriteString(s.Muted.Render(" " + f.empty()))
		default:
			b.WriteString(s.Muted.Render(" nothing here"))
		}
	}
	f.list.Rows(func(id string, selected bool) {
		b.WriteString(selectedRow(s, f.row(id, selected, lw-1), selected, lw-1) + "\n")
	})
	left := strings.TrimRight(b.String(), "\n")
	if !side {
		return left
	}
	body := s.Muted.Render("Nothing selected.")
	if sel != "" {
		body = f.body(sel, dw-1)
	}
	f.detail.Show(sel, body)
	return JoinPanes(s, left, lw, " "+strings.ReplaceAll(f.detail.View(), "\n", "\n "), dw, f.height)
}

// problemID marks a list item that stands for an unreadable file.
const problemPrefix = "!file:"

// problemItems are list rows for the files of a kind that could not be
// read, so that a broken record shows where it belongs, never silently.
func problemItems(d *common.Data, k model.Kind) []Item {
	var out []Item
	for _, p := range d.Org.Problems {
		if strings.HasPrefix(p.File, k.Dir()+"/") || p.File == k.Dir() {
			out = append(out, Item{ID: problemPrefix + p.File, Filter: p.File + " " + p.Message})
		}
	}
	return out
}

// problemFor finds the finding behind a problem row.
func problemFor(d *common.Data, id string) (model.Finding, bool) {
	file := strings.TrimPrefix(id, problemPrefix)
	for _, p := range d.Org.Problems {
		if p.File == file {
			return p, true
		}
	}
	return model.Finding{}, false
}

// problemRow and problemBody draw an unreadable file.
func problemRow(s *common.Styles, f model.Finding, width int) string {
	loc := f.File
	if f.Line > 0 {
		loc += ":" + common.Itoa(f.Line)
	}
	return common.Fit(s.Error.Render("✗ cannot read ")+common.Clean(loc)+s.Muted.Render(" "+common.Clean(f.Message)), width)
}

func problemBody(s *common.Styles, f model.Finding, width int) string {
	loc := f.File
	if f.Line > 0 {
		loc += ":" + common.Itoa(f.Line) + ":" + common.Itoa(f.Column)
	}
	return s.Error.Render("This file could not be read") + "\n\n" +
		s.Title.Render(common.Clean(loc)) + "\n" + common.Wrap(common.Clean(f.Message), width) + "\n\n" +
		s.Muted.Render(common.Wrap("["+f.Rule+"] Accord never rewrites a file it cannot read. Fix it in an editor; every other record keeps working.", width))
}

// findingLines renders a record's findings for its details.
func findingLines(s *common.Styles, fs []model.Finding, width int) string {
	if len(fs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(s.Heading.Render("Findings") + "\n")
	for _, f := range fs {
		// Wrap the message and its rule together so neither runs past the pane.
		text := common.Wrap(common.Clean(f.Message)+" ["+f.Rule+"]", max(width-2, 10))
		text = strings.ReplaceAll(text, "\n", "\n  ")
		b.WriteString(s.Severity(f.Severity) + " " + text + "\n")
	}
	return b.String() + "\n"
}

// marker is the finding mark shown at the start of a row.
func marker(s *common.Styles, d *common.Data, id string) string {
	switch common.WorstSeverity(common.FindingsFor(d, id)) {
	case model.SeverityError:
		return s.Error.Render("✗")
	case model.SeverityWarning:
		return s.Warning.Render("!")
	case model.SeverityInfo:
		return s.Info.Render("i")
	}
	return " "
}
