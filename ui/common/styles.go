package common

import (
	"fmt"
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
)

// Theme names every colour by its role; NewStyles turns it into styles once.
// Each role has a light and a dark variant, picked from the terminal's
// background (tea.BackgroundColorMsg), so Accord reads well on both.
type Theme struct {
	Primary, Muted, Subtle, Border, SelectedBg, Error, Warning, Info color.Color
	OnTrack, AtRisk, OffTrack, OnHold, Done, Unknown                 color.Color
	Responsible, Accountable, Consulted, Informed                    color.Color
}

// NewTheme returns Accord's palette for a dark or light background.
func NewTheme(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	c := lipgloss.Color
	return Theme{
		Primary:     ld(c("#5B3FC4"), c("#A78BFA")),
		Muted:       ld(c("#6E7781"), c("#8B949E")),
		Subtle:      ld(c("#8C959F"), c("#6E7681")),
		Border:      ld(c("#D0D7DE"), c("#30363D")),
		SelectedBg:  ld(c("#EAE4FF"), c("#2D2B45")),
		Error:       ld(c("#CF222E"), c("#FF7B72")),
		Warning:     ld(c("#9A6700"), c("#E3B341")),
		Info:        ld(c("#0969DA"), c("#79C0FF")),
		OnTrack:     ld(c("#1A7F37"), c("#3FB950")),
		AtRisk:      ld(c("#9A6700"), c("#D29922")),
		OffTrack:    ld(c("#CF222E"), c("#F85149")),
		OnHold:      ld(c("#6E7781"), c("#8B949E")),
		Done:        ld(c("#0969DA"), c("#58A6FF")),
		Unknown:     ld(c("#8C959F"), c("#6E7681")),
		Responsible: ld(c("#0969DA"), c("#58A6FF")),
		Accountable: ld(c("#8250DF"), c("#D2A8FF")),
		Consulted:   ld(c("#1B7C83"), c("#56D4DD")),
		Informed:    ld(c("#6E7781"), c("#8B949E")),
	}
}

// Styles are the theme made into lipgloss styles.
type Styles struct {
	Theme Theme
	// Dark is whether the palette is for a dark background (for the
	// Markdown renderer's styles).
	Dark bool

	Header, HeaderDim               lipgloss.Style
	Tab, ActiveTab                  lipgloss.Style
	Status, StatusError, StatusInfo lipgloss.Style
	Pane, PaneFocused               lipgloss.Style
	Title, Subtitle, Heading, Muted lipgloss.Style
	Selected, Cursor                lipgloss.Style
	Error, Warning, Info            lipgloss.Style
	Key, KeyDesc                    lipgloss.Style
	Overlay                         lipgloss.Style
	BarFull, BarEmpty               lipgloss.Style
	Role                            map[string]lipgloss.Style // R, A, C, I
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(dark bool) *Styles {
	t := NewTheme(dark)
	s := lipgloss.NewStyle
	return &Styles{
		Theme:       t,
		Dark:        dark,
		Header:      s().Bold(true).Foreground(t.Primary),
		HeaderDim:   s().Foreground(t.Muted),
		Tab:         s().Foreground(t.Muted).Padding(0, 1),
		ActiveTab:   s().Bold(true).Foreground(t.Primary).Padding(0, 1).Underline(true),
		Status:      s().Foreground(t.Muted),
		StatusError: s().Foreground(t.Error).Bold(true),
		StatusInfo:  s().Foreground(t.Info),
		Pane:        s().Border(lipgloss.NormalBorder()).BorderForeground(t.Border),
		PaneFocused: s().Border(lipgloss.NormalBorder()).BorderForeground(t.Primary),
		Title:       s().Bold(true),
		Subtitle:    s().Foreground(t.Muted),
		Heading:     s().Bold(true).Foreground(t.Primary),
		Muted:       s().Foreground(t.Muted),
		Selected:    s().Background(t.SelectedBg).Bold(true),
		Cursor:      s().Foreground(t.Primary).Bold(true),
		Error:       s().Foreground(t.Error).Bold(true),
		Warning:     s().Foreground(t.Warning),
		Info:        s().Foreground(t.Info),
		Key:         s().Foreground(t.Primary).Bold(true),
		KeyDesc:     s().Foreground(t.Muted),
		Overlay:     s().Border(lipgloss.RoundedBorder()).BorderForeground(t.Primary).Padding(0, 1),
		BarFull:     s().Foreground(t.Primary),
		BarEmpty:    s().Foreground(t.Border),
		Role: map[string]lipgloss.Style{
			"R": s().Foreground(t.Responsible).Bold(true),
			"A": s().Foreground(t.Accountable).Bold(true),
			"C": s().Foreground(t.Consulted),
			"I": s().Foreground(t.Informed),
		},
	}
}

// HealthSymbol is a health's mark (render.HealthSymbol): the shape carries
// the meaning without colour.
func HealthSymbol(h string) string { return render.HealthSymbol(h) }

// HealthStyle colours a health.
func (s *Styles) HealthStyle(h string) lipgloss.Style {
	c := s.Theme.Unknown
	switch h {
	case model.HealthOnTrack:
		c = s.Theme.OnTrack
	case model.HealthAtRisk, "partially_achieved":
		c = s.Theme.AtRisk
	case model.HealthOffTrack, "missed":
		c = s.Theme.OffTrack
	case model.HealthOnHold, "dropped":
		c = s.Theme.OnHold
	case "achieved":
		c = s.Theme.Done
	case model.HealthStale:
		c = s.Theme.AtRisk // old news needs a look, as a risk does
	}
	return lipgloss.NewStyle().Foreground(c)
}

// Health renders a health as its coloured symbol and words: "▲ at risk".
func (s *Styles) Health(h string) string {
	if h == "" {
		return s.HealthStyle(h).Render(HealthSymbol(h) + " no check-in")
	}
	return s.HealthStyle(h).Render(HealthSymbol(h) + " " + Label(h))
}

// Bar renders a progress bar of width cells and the percentage, or dashes
// when the progress is unknown.
func (s *Styles) Bar(p float64, known bool, width int) string {
	if width < 1 {
		width = 1
	}
	if !known {
		return s.BarEmpty.Render(Repeat("░", width)) + "   —"
	}
	full := model.Cells(p, width)
	return s.BarFull.Render(Repeat("█", full)) + s.BarEmpty.Render(Repeat("░", width-full)) + " " + Percent(p)
}

// Percent is a progress as a percentage three cells wide and its sign
// (" 86%"), rounded as every other output rounds it (model.Percent).
func Percent(p float64) string { return fmt.Sprintf("%3d%%", model.Percent(p)) }

// DecisionStatus colours a decision's status: what awaits a decision
// stands out, an accepted one reads as settled, the rest are history; a
// status Accord does not know is a warning. Like every style it is made
// from the theme when it is drawn, so a terminal that reports a light
// background gets the light palette everywhere.
func (s *Styles) DecisionStatus(status string) lipgloss.Style {
	switch status {
	case model.DecisionProposed:
		return lipgloss.NewStyle().Foreground(s.Theme.Primary).Bold(true)
	case model.DecisionAccepted:
		return lipgloss.NewStyle().Foreground(s.Theme.OnTrack)
	case model.DecisionDraft, model.DecisionRejected, model.DecisionDeprecated, model.DecisionSuperseded:
		return s.Muted
	}
	return s.Warning
}

// Severity renders a finding's severity mark.
func (s *Styles) Severity(sev model.Severity) string {
	switch sev {
	case model.SeverityError:
		return s.Error.Render("✗")
	case model.SeverityWarning:
		return s.Warning.Render("!")
	}
	return s.Info.Render("i")
}

// Repeat is s n times, nothing for n <= 0.
func Repeat(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(s, n)
}
