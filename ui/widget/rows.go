package widget

import (
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// ProblemPrefix starts the ID of a list row that stands for an unreadable
// file.
const ProblemPrefix = "!file:"

// ProblemItems are list rows for the files of a kind that could not be
// read, so that a broken record shows where it belongs, never silently.
func ProblemItems(d *common.Data, k model.Kind) []Item {
	var out []Item
	for _, p := range d.Org.Problems {
		if strings.HasPrefix(p.File, k.Dir()+"/") || p.File == k.Dir() {
			out = append(out, Item{ID: ProblemPrefix + p.File, Filter: p.File + " " + p.Message})
		}
	}
	return out
}

// ProblemFor finds the finding behind a problem row.
func ProblemFor(d *common.Data, id string) (model.Finding, bool) {
	file := strings.TrimPrefix(id, ProblemPrefix)
	for _, p := range d.Org.Problems {
		if p.File == file {
			return p, true
		}
	}
	return model.Finding{}, false
}

// ProblemRow and ProblemBody draw an unreadable file.
func ProblemRow(s *common.Styles, f model.Finding, width int) string {
	loc := f.File
	if f.Line > 0 {
		loc += ":" + common.Itoa(f.Line)
	}
	return common.Fit(s.Error.Render("✗ cannot read ")+common.Clean(loc)+s.Muted.Render(" "+common.Clean(f.Message)), width)
}

func ProblemBody(s *common.Styles, f model.Finding, width int) string {
	loc := f.File
	if f.Line > 0 {
		loc += ":" + common.Itoa(f.Line) + ":" + common.Itoa(f.Column)
	}
	return s.Error.Render("This file could not be read") + "\n\n" +
		s.Title.Render(common.Clean(loc)) + "\n" + common.Wrap(common.Clean(f.Message), width) + "\n\n" +
		s.Muted.Render(common.Wrap("["+f.Rule+"] Accord never rewrites a file it cannot read. Fix it in an editor; every other record keeps working.", width))
}

// FindingLines renders a record's findings for its details.
func FindingLines(s *common.Styles, fs []model.Finding, width int) string {
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

// Marker is the finding mark shown at the start of a row.
func Marker(s *common.Styles, d *common.Data, id string) string {
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

// KeyValue writes one "Label  value" line of a detail pane.
func KeyValue(b *strings.Builder, s *common.Styles, k, v string) {
	if v == "" {
		v = s.Muted.Render("—")
	}
	b.WriteString(s.Muted.Render(common.Pad(k, 12)) + " " + v + "\n")
}

// KeyValueWrapped is kv for a value that may need several lines: continuation lines
// are indented under the value. k may be styled.
func KeyValueWrapped(b *strings.Builder, s *common.Styles, k, v string, width int) {
	const labelW = 14
	if v == "" {
		v = s.Muted.Render("—")
	}
	lines := strings.Split(common.Wrap(v, max(width-labelW-1, 8)), "\n")
	b.WriteString(common.Fit(common.Pad(k, labelW)+" "+lines[0], width) + "\n")
	for _, l := range lines[1:] {
		b.WriteString(common.Fit(strings.Repeat(" ", labelW+1)+l, width) + "\n")
	}
}
