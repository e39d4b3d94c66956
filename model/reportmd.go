package model

import (
	"fmt"
	"strings"
)

// ReportMarkdown renders a report as GitHub-flavoured Markdown: a heading
// per section, tables for goals, lists for decisions and wins. Every string
// from a record is cleaned (CleanText) and escaped, so a title cannot break
// a table, inject HTML or a link.
func ReportMarkdown(r Report) string {
	var w mdWriter
	w.line("# %s", md(reportTitle(r)))
	w.blank()
	w.line("%s", md(reportScope(r)))
	if m := r.Mission; m != nil {
		w.blank()
		w.line("**Mission:** %s · %s · %s", md(m.Title), healthMark(m.Health), progressMD(m.Progress))
	}

	w.section("Summary")
	for _, l := range reportSummaryLines(r) {
		w.line("- **%s:** %s", l[0], md(l[1]))
	}

	w.section("Strategic goals")
	if len(r.Strategic) == 0 {
		w.none("No strategic goals.")
	}
	for _, s := range r.Strategic {
		g := s.Goal
		w.line("### %s", md(g.Title))
		w.blank()
		w.line("%s · %s · %s · `%s`", healthMark(g.Health), progressMD(g.Progress), md(ownerTeam(g)), g.ID)
		w.blank()
		if len(s.Goals) == 0 {
			w.line("_No objectives in this period._")
			w.blank()
			continue
		}
		w.goalTable(s.Goals)
	}
	if len(r.Unaligned) > 0 {
		w.line("### Not under a strategic goal")
		w.blank()
		w.goalTable(r.Unaligned)
	}
	if len(r.KPIs) > 0 {
		w.line("### KPIs")
		w.blank()
		w.goalTable(r.KPIs)
	}

	w.section("By team")
	if len(r.Teams) == 0 {
		w.none("No teams.")
	} else {
		w.line("| Team | Lead | Health | Progress | Objectives and key results |")
		w.line("|---|---|---|---|---|")
		for _, t := range r.Teams {
			w.line("| %s | %s | %s | %s | %s |", mdCell(t.Name), mdCell(orDash(t.LeadName)), healthMark(t.Health),
				progressMD(t.Progress), md(countsWords(t.Counts, "none")))
		}
		w.blank()
	}

	w.section("At risk and off track")
	if len(r.AtRisk) == 0 {
		w.none("Nothing is at risk or off track.")
	}
	for _, a := range r.AtRisk {
		g := a.Goal
		w.line("### %s", md(g.Title))
		w.blank()
		head := []string{healthMark(g.Health), progressMD(g.Progress)}
		if m := metricWords(g); m != "" {
			head = append(head, md(m))
		}
		w.line("%s", strings.Join(head, " · "))
		w.blank()
		about := levelName(g.Level) + " · " + ownerTeam(g)
		if a.StrategicTitle != "" {
			about += " · for " + a.StrategicTitle
		}
		w.line("%s · `%s`", md(about), g.ID)
		w.blank()
		check := "Check-in " + a.Date + " by " + a.AuthorName
		if a.Confidence != nil {
			check += fmt.Sprintf(", confidence %s", formatNumber(*a.Confidence))
		}
		w.line("%s:", md(check))
		w.blank()
		w.line("> %s", md(a.Summary))
		w.blank()
		w.list("Problems", a.Problems)
		if len(a.Asks) > 0 {
			w.line("**Asks**")
			w.blank()
			for _, ask := range a.Asks {
				w.line("- **%s:** %s", md(ask.FromName), md(ask.What))
			}
			w.blank()
		}
		w.list("Plans", a.Plans)
	}

	w.section("Check-ins missing")
	switch {
	case r.Today == "":
		w.none("Not known: the report has no date.")
	case len(r.MissingCheckIns) == 0:
		w.none("Every goal with a cadence is checked in on.")
	default:
		w.line("| Goal | Owner | Cadence | Last check-in | Was due |")
		w.line("|---|---|---|---|---|")
		for _, m := range r.MissingCheckIns {
			last, due := "none yet", "now"
			if m.LastDate != "" {
				last, due = fmt.Sprintf("%s (%s ago)", m.LastDate, Plural(m.DaysSince, "day")), m.Due
			}
			w.line("| %s | %s | %s | %s | %s |", mdCell(m.Goal.Title), mdCell(orDash(m.Goal.OwnerName)), m.Cadence, last, due)
		}
		w.blank()
	}

	w.section("Decisions")
	w.line("### Made")
	w.blank()
	if len(r.Decisions) == 0 {
		w.none("No decisions were made in the period.")
	}
	for _, d := range r.Decisions {
		w.line("- **%s** · %s · `%s`  ", md(d.Title), d.Date, d.ID)
		w.decisionWhy(d.Chosen, d.Rationale, d.ApproverName)
	}
	w.blankIf(len(r.Decisions) > 0)
	w.line("### Superseded")
	w.blank()
	if len(r.Superseded) == 0 {
		w.none("No decisions were superseded in the period.")
	}
	for _, d := range r.Superseded {
		by := "a later decision"
		if d.SupersededBy != "" {
			by = "`" + d.SupersededBy + "`"
			if d.SupersededByTitle != "" {
				by = "**" + md(d.SupersededByTitle) + "** (" + by + ")"
			}
		}
		w.line("- **%s** · `%s` · superseded %s by %s  ", md(d.Title), d.ID, d.Date, by)
		if d.Rationale != "" {
			w.line("  Why: %s", md(d.Rationale))
		}
	}
	w.blankIf(len(r.Superseded) > 0)
	w.line("### Awaiting approval")
	w.blank()
	if len(r.Proposed) == 0 {
		w.none("No decisions are awaiting approval.")
	} else {
		w.line("| Decision | Since | Driver | Approver |")
		w.line("|---|---|---|---|")
		for _, d := range r.Proposed {
			w.line("| %s | %s | %s | %s |", mdCell(d.Title), orDash(d.Date), mdCell(orDash(d.DriverName)), mdCell(orDash(d.ApproverName)))
		}
		w.blank()
	}

	w.section("RACI")
	w.line("### Gaps")
	w.blank()
	if len(r.RACIGaps) == 0 {
		w.none("Every open RACI item has one Accountable and someone Responsible.")
	} else {
		w.line("| Item | Due | Accountable | Responsible | Gap |")
		w.line("|---|---|---|---|---|")
		for _, g := range r.RACIGaps {
			var gaps []string
			for _, x := range g.Gaps {
				gaps = append(gaps, x.Text)
			}
			w.line("| %s | %s | %s | %s | %s |", mdCell(g.Title), orDash(g.Due), mdCell(orDash(strings.Join(g.AccountableNames, ", "))),
				mdCell(orDash(strings.Join(g.ResponsibleNames, ", "))), mdCell(strings.Join(gaps, "; ")))
		}
		w.blank()
	}
	w.line("### Accountable for too much")
	w.blank()
	if len(r.Overloaded) == 0 {
		w.none("Nobody is Accountable for more than the limit.")
	}
	for _, p := range r.Overloaded {
		var items []string
		for _, it := range p.Items {
			s := md(it.Title)
			if it.Due != "" {
				s += " (due " + it.Due + ")"
			}
			items = append(items, s)
		}
		w.line("- **%s** is Accountable for %d open items; the limit is %d: %s", md(p.Name), p.Count, p.Limit, strings.Join(items, ", "))
	}
	w.blankIf(len(r.Overloaded) > 0)

	w.section("Hand-offs overdue")
	switch {
	case r.Today == "":
		w.none("Not known: the report has no date.")
	case len(r.OverdueHandoffs) == 0:
		w.none("No hand-off is overdue.")
	default:
		w.line("| Hand-off | From | To | Due | State |")
		w.line("|---|---|---|---|---|")
		for _, h := range r.OverdueHandoffs {
			w.line("| %s | %s | %s | %s (%s overdue) | %s |", mdCell(h.Title), mdCell(party(h.FromTeamName, h.FromOwnerName)),
				mdCell(party(h.ToTeamName, h.ToOwnerName)), h.Due, Plural(h.DaysOverdue, "day"), md(words(h.State)))
		}
		w.blank()
	}

	w.section("Wins")
	if len(r.Wins) == 0 {
		w.none("No wins were reported in the period.")
	}
	for _, win := range r.Wins {
		w.line("- **%s** — %s, %s, on %s", md(win.Text), md(win.AuthorName), win.Date, md(win.GoalTitle))
	}
	return strings.TrimRight(w.b.String(), "\n") + "\n"
}

type mdWriter struct{ b strings.Builder }

func (w *mdWriter) line(format string, args ...any) {
	fmt.Fprintf(&w.b, format, args...)
	w.b.WriteByte('\n')
}

func (w *mdWriter) blank() { w.b.WriteByte('\n') }

func (w *mdWriter) blankIf(ok bool) {
	if ok {
		w.blank()
	}
}

func (w *mdWriter) section(title string) {
	if !strings.HasSuffix(w.b.String(), "\n\n") {
		w.blank()
	}
	w.line("## %s", title)
	w.blank()
}

func (w *mdWriter) none(text string) {
	w.line("_%s_", text)
	w.blank()
}

func (w *mdWriter) list(title string, items []string) {
	if len(items) == 0 {
		return
	}
	w.line("**%s**", title)
	w.blank()
	for _, it := range items {
		w.line("- %s", md(it))
	}
	w.blank()
}

func (w *mdWriter) goalTable(goals []ReportGoal) {
	w.line("| Goal | Team | Owner | Health | Progress |")
	w.line("|---|---|---|---|---|")
	for _, g := range goals {
		title := mdCell(g.Title)
		if g.Level == LevelObjective {
			title = "**" + title + "**"
		}
		if g.Depth > 0 {
			// Em spaces survive table-cell trimming; the arrow says "under".
			title = strings.Repeat("\u2003", g.Depth-1) + "↳ " + title
		}
		w.line("| %s | %s | %s | %s | %s |", title, mdCell(orDash(g.TeamName)), mdCell(orDash(g.OwnerName)),
			healthMark(g.Health), progressMD(g.Progress))
	}
	w.blank()
}

// decisionWhy writes the lines under a decision's list item, each ending
// in a hard line break but the last.
func (w *mdWriter) decisionWhy(chosen, rationale, approver string) {
	var lines []string
	if chosen != "" {
		lines = append(lines, "Chose: "+md(chosen))
	}
	if rationale != "" {
		lines = append(lines, "Why: "+md(rationale))
	}
	if approver != "" {
		lines = append(lines, "Approved by "+md(approver))
	}
	for i, l := range lines {
		if i < len(lines)-1 {
			l += "  "
		}
		w.line("  %s", l)
	}
}

// reportTitle is the report's title: the organisation, the team and the
// period.
func reportTitle(r Report) string {
	org := r.Org
	if org == "" {
		org = "Accord"
	}
	if r.TeamName != "" {
		org += " · " + r.TeamName
	}
	span := r.Period
	if span == "" {
		span = spanWords(r.Since, r.Until)
	}
	return org + " — status report, " + span
}

// reportScope says which days, which teams and as of when.
func reportScope(r Report) string {
	parts := []string{spanWords(r.Since, r.Until)}
	if r.TeamName != "" {
		parts = append(parts, r.TeamName+" and the teams under it")
	} else {
		parts = append(parts, "all teams")
	}
	if r.Today != "" {
		parts = append(parts, "as of "+dayWords(r.Today))
	}
	return strings.Join(parts, " · ")
}

// reportSummaryLines are the summary's label and text pairs, shared by the
// Markdown and HTML renderings.
func reportSummaryLines(r Report) [][2]string {
	n := 0
	for _, c := range r.Health {
		n += c
	}
	goals := "no objectives or key results in the period"
	if n > 0 {
		goals = fmt.Sprintf("%s (%d objectives and key results)", countsWords(r.Health, "no check-in yet"), n)
	}
	missing := Plural(len(r.MissingCheckIns), "check-in") + " missing"
	if r.Today == "" {
		missing = "check-ins not known"
	}
	return [][2]string{
		{"Goals", goals},
		{"Needs attention", Plural(len(r.AtRisk), "goal") + " at risk or off track, " + missing},
		{"Decisions", fmt.Sprintf("%d made, %d superseded, %d awaiting approval", len(r.Decisions), len(r.Superseded), len(r.Proposed))},
		{"RACI", Plural(len(r.RACIGaps), "item") + " with gaps, " + Plural(len(r.Overloaded), "person") + " Accountable for too much"},
		{"Hand-offs", fmt.Sprintf("%d overdue", len(r.OverdueHandoffs))},
		{"Wins", fmt.Sprintf("%d reported", len(r.Wins))},
	}
}

// countsWords lists counts in the order of Healths: "3 on track, 1 at risk".
func countsWords(c HealthCounts, noneWord string) string {
	var parts []string
	for _, h := range append(Healths[:len(Healths):len(Healths)], HealthNone) {
		if n := c[h]; n > 0 {
			word := words(h)
			if h == HealthNone {
				word = noneWord
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, word))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// spanWords says which days a report covers: "1 Oct – 31 Dec 2026".
func spanWords(since, until string) string {
	s, sok := parseDay(since)
	u, uok := parseDay(until)
	switch {
	case sok && uok && s.Year() == u.Year() && s.Month() == u.Month():
		return s.Format("2") + "–" + u.Format("2 Jan 2006")
	case sok && uok && s.Year() == u.Year():
		return s.Format("2 Jan") + " – " + u.Format("2 Jan 2006")
	case sok && uok:
		return s.Format("2 Jan 2006") + " – " + u.Format("2 Jan 2006")
	case sok:
		return "since " + s.Format("2 Jan 2006")
	case uok:
		return "until " + u.Format("2 Jan 2006")
	}
	return "all dates"
}

func dayWords(d string) string {
	if t, ok := parseDay(d); ok {
		return t.Format("2 Jan 2006")
	}
	return d
}

// HealthSymbol is the mark a report puts before a health, so that it
// reads without colour: ● on track, ▲ at risk, ▼ off track.
func HealthSymbol(h string) string {
	switch h {
	case HealthOnTrack:
		return "●"
	case HealthAtRisk:
		return "▲"
	case HealthOffTrack:
		return "▼"
	case HealthOnHold:
		return "‖"
	case "achieved":
		return "✓"
	case "partially_achieved":
		return "◐"
	case "missed":
		return "✗"
	case "dropped":
		return "–"
	}
	return "○"
}

// HealthWords is a health for people: "at risk", or "no check-in" when
// unknown.
func HealthWords(h string) string {
	if h == "" || h == HealthNone {
		return "no check-in"
	}
	return words(h)
}

func healthMark(h string) string { return HealthSymbol(h) + " " + HealthWords(h) }

func words(s string) string { return strings.ReplaceAll(s, "_", " ") }

// ProgressBar draws progress as ten cells, "███████░░░", or ten light
// cells when it is unknown.
func ProgressBar(p *float64) string {
	if p == nil {
		return strings.Repeat("·", 10)
	}
	n := int(*p*10 + 0.5)
	return strings.Repeat("█", n) + strings.Repeat("░", 10-n)
}

// ProgressPercent is progress as a whole percentage, "67%", or "—".
func ProgressPercent(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%d%%", int(*p*100+0.5))
}

func progressMD(p *float64) string { return "`" + ProgressBar(p) + "` " + ProgressPercent(p) }

func levelName(l string) string {
	switch l {
	case "":
		return "Goal"
	case LevelKPI:
		return "KPI"
	}
	w := words(l)
	return strings.ToUpper(w[:1]) + w[1:]
}

func ownerTeam(g ReportGoal) string {
	var parts []string
	if g.TeamName != "" {
		parts = append(parts, g.TeamName)
	}
	if g.OwnerName != "" {
		parts = append(parts, g.OwnerName)
	}
	if len(parts) == 0 {
		return "no owner"
	}
	return strings.Join(parts, " · ")
}

// metricWords is "14 → 9 → 5 days (lower is better)".
func metricWords(g ReportGoal) string {
	m := g.Metric
	if m == nil {
		return ""
	}
	cur := "no value yet"
	if g.Current != nil {
		cur = formatNumber(*g.Current)
	}
	better := "higher is better"
	if m.Direction == "decrease" {
		better = "lower is better"
	}
	s := formatNumber(m.Baseline) + " → " + cur + " → " + formatNumber(m.Target)
	if m.Unit != "" {
		s += " " + m.Unit
	}
	return s + " (" + better + ")"
}

func party(team, owner string) string {
	if owner == "" {
		return orDash(team)
	}
	return team + " (" + owner + ")"
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// md makes record text safe inline Markdown: cleaned to one line, with
// every character that could start emphasis, code, a link, HTML or a
// table cell escaped.
func md(s string) string {
	s = CleanText(s, false)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdCell is md for a table cell: never empty.
func mdCell(s string) string {
	if strings.TrimSpace(s) == "" {
		return " "
	}
	return md(s)
}
