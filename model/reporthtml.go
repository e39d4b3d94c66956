package model

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// ReportHTML writes a report as one self-contained HTML page: inline CSS,
// no scripts, no images, fonts or links to fetch, so it opens offline, can
// be mailed as an attachment and prints well (a print stylesheet keeps
// colours and avoids breaking a goal across pages). html/template escapes
// every string from a record; CleanText drops control and bidi characters
// first.
func ReportHTML(w io.Writer, r Report) error {
	return reportTemplate.Execute(w, r)
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"clean": func(s string) string { return CleanText(s, false) },
	"title": func(r Report) string { return CleanText(reportTitle(r), false) },
	"scope": func(r Report) string { return CleanText(reportScope(r), false) },
	"summary": func(r Report) [][2]string {
		lines := reportSummaryLines(r)
		for i := range lines {
			lines[i][1] = CleanText(lines[i][1], false)
		}
		return lines
	},
	"healthClass": healthClass,
	"symbol":      HealthSymbol,
	"health":      HealthWords,
	"percent":     ProgressPercent,
	"width": func(p *float64) int {
		if p == nil {
			return 0
		}
		return int(*p*100 + 0.5)
	},
	"level":   levelName,
	"metric":  func(g ReportGoal) string { return CleanText(metricWords(g), false) },
	"words":   words,
	"days":    func(n int) string { return Plural(n, "day") },
	"dayword": dayWords,
	"indent":  func(depth int) string { return fmt.Sprintf("%.1f", 1.6+1.2*float64(depth)) },
	"number":  formatNumber,
	"join": func(items []string) string {
		if len(items) == 0 {
			return "—"
		}
		return CleanText(strings.Join(items, ", "), false)
	},
	"gaps": func(gs []Gap) string {
		var out []string
		for _, g := range gs {
			out = append(out, g.Text)
		}
		return strings.Join(out, "; ")
	},
	"dash": orDash,
	"counts": func(c HealthCounts) []healthCount {
		var out []healthCount
		for _, h := range append(Healths[:len(Healths):len(Healths)], HealthNone) {
			if c[h] > 0 {
				out = append(out, healthCount{Health: h, N: c[h]})
			}
		}
		return out
	},
}).Parse(reportHTMLTemplate))

type healthCount struct {
	Health string
	N      int
}

// healthClass maps a health to a CSS class from a fixed set, so no record
// value ever lands in a class attribute.
func healthClass(h string) string {
	switch h {
	case HealthOnTrack, "achieved":
		return "ok"
	case HealthAtRisk, "partially_achieved":
		return "risk"
	case HealthOffTrack, "missed":
		return "off"
	case HealthOnHold, "dropped":
		return "hold"
	}
	return "none"
}

const reportHTMLTemplate = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Accord">
<title>{{title .}}</title>
<style>
:root {
  --ink: #1d232b; --muted: #5b6673; --line: #d9dee4; --paper: #ffffff; --soft: #f4f6f8;
  --ok: #1f7a4d; --ok-bg: #e3f3ea; --risk: #8a5a00; --risk-bg: #fdf1d8;
  --off: #b3261e; --off-bg: #fbe4e2; --hold: #5b6673; --hold-bg: #eceff2;
  --bar: #2f5d8a; --bar-bg: #e4e9ef;
}
* { box-sizing: border-box; }
html { background: var(--soft); }
body {
  margin: 0 auto; max-width: 68rem; padding: 2rem 2.5rem 3rem; background: var(--paper); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header { border-bottom: 3px solid var(--ink); padding-bottom: .8rem; margin-bottom: 1.2rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p { margin: .3rem 0; }
.scope, .muted { color: var(--muted); }
.mission { margin-top: .6rem; font-size: 1.02rem; }
.id { font: .78rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); white-space: nowrap; }
.chip { display: inline-block; padding: 0 .45rem; border-radius: .6rem; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.chip.ok { color: var(--ok); background: var(--ok-bg); }
.chip.risk { color: var(--risk); background: var(--risk-bg); }
.chip.off { color: var(--off); background: var(--off-bg); }
.chip.hold, .chip.none { color: var(--hold); background: var(--hold-bg); }
.progress { display: inline-flex; align-items: center; gap: .4rem; white-space: nowrap; font-variant-numeric: tabular-nums; }
.bar { display: inline-block; width: 6rem; height: .55rem; border-radius: .3rem; background: var(--bar-bg); overflow: hidden; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--bar); }
.pct { display: inline-block; min-width: 2.6rem; text-align: right; font-size: .85rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .7rem; margin: .4rem 0 0; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: .5rem; padding: .55rem .8rem; background: var(--soft); }
.cards b { display: block; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.strategic { border: 1px solid var(--line); border-radius: .6rem; padding: .2rem 1rem .8rem; margin: 1rem 0; }
.strategic > h3 { display: flex; flex-wrap: wrap; align-items: baseline; gap: .3rem .8rem; }
.strategic > h3 .title { flex: 1 1 20rem; }
table { width: 100%; border-collapse: collapse; margin: .4rem 0 .6rem; font-size: .9rem; }
table.goals { table-layout: fixed; }
table.goals col.goal { width: 40%; } table.goals col.team { width: 14%; } table.goals col.owner { width: 16%; }
table.goals col.health { width: 12%; } table.goals col.progress { width: 18%; }
th { text-align: left; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; overflow-wrap: anywhere; }
tr.objective td.goal { font-weight: 600; }
td.goal { text-indent: -1.1rem; }
td.goal .arrow { display: inline-block; width: 1.1rem; text-indent: 0; color: var(--muted); }
td.nowrap, th.nowrap { white-space: nowrap; }
.item { border-left: 4px solid var(--line); padding: .1rem 0 .3rem 1rem; margin: 1.2rem 0; }
.item.ok { border-color: var(--ok); } .item.risk { border-color: var(--risk); } .item.off { border-color: var(--off); } .item.hold { border-color: var(--hold); }
.item h3 { margin-top: 0; }
.item blockquote { margin: .5rem 0; padding: .1rem .8rem; border-left: 2px solid var(--line); color: var(--ink); font-style: italic; }
.item .lists { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 0 1.5rem; }
.item h4 { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .5rem 0 .2rem; }
.item ul { margin: 0; padding-left: 1.1rem; }
ul.plain { padding-left: 1.1rem; }
ul.plain li { margin: .35rem 0; }
.none { color: var(--muted); font-style: italic; }
.kv { display: grid; grid-template-columns: 3.4rem 1fr; align-items: baseline; }
.label { display: inline-block; min-width: 3.2rem; font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul.columns { columns: 2 18rem; column-gap: 2rem; margin: .3rem 0; padding-left: 1.1rem; }
ul.columns li { margin: .1rem 0; break-inside: avoid; }
.cards .chip { margin: .15rem .2rem 0 0; }
.cards li.wide { grid-column: span 2; }
footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid var(--line); font-size: .8rem; color: var(--muted); }
@media (max-width: 40rem) {
  body { padding: 1rem; }
  table.goals { table-layout: auto; }
  .bar { width: 3.5rem; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.4rem; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  .item, tr, .cards li, ul.plain li { break-inside: avoid; page-break-inside: avoid; }
  .strategic { -webkit-box-decoration-break: clone; box-decoration-break: clone; }
  .strategic > h3, .strategic > p, .item > h3 { break-after: avoid; page-break-after: avoid; }
  table.goals col.goal { width: 33%; } table.goals col.team { width: 15%; } table.goals col.owner { width: 15%; }
  table.goals col.health { width: 16%; } table.goals col.progress { width: 21%; }
  .chip { font-size: 7.5pt; padding: 0 .35rem; }
  .bar { width: 2.8rem; }
  .pct { min-width: 2.1rem; }
  thead { display: table-header-group; }
  .cards { grid-template-columns: repeat(3, 1fr); }
}
</style>
</head>
<body>
<header>
<h1>{{title .}}</h1>
<p class="scope">{{scope .}}</p>
{{- with .Mission}}
<p class="mission"><b>Mission:</b> {{clean .Title}} {{template "health" .Health}} {{template "progress" .Progress}}</p>
{{- end}}
</header>

<section>
<h2>Summary</h2>
<ul class="cards">
<li class="wide"><b>Goals</b>{{range counts .Health}}<span class="chip {{healthClass .Health}}">{{symbol .Health}} {{.N}} {{health .Health}}</span> {{else}}none in the period{{end}}</li>
{{- range slice (summary .) 1}}
<li><b>{{index . 0}}</b>{{index . 1}}</li>
{{- end}}
</ul>
</section>

<section>
<h2>Strategic goals</h2>
{{- range .Strategic}}
<div class="strategic">
<h3><span class="title">{{clean .Goal.Title}}</span> {{template "health" .Goal.Health}} {{template "progress" .Goal.Progress}}</h3>
<p class="muted">{{template "ownerteam" .Goal}} · <span class="id">{{.Goal.ID}}</span></p>
{{- if .Goals}}
{{template "goals" .Goals}}
{{- else}}
<p class="none">No objectives in this period.</p>
{{- end}}
</div>
{{- else}}
<p class="none">No strategic goals.</p>
{{- end}}
{{- if .Unaligned}}
<div class="strategic">
<h3><span class="title">Not under a strategic goal</span></h3>
{{template "goals" .Unaligned}}
</div>
{{- end}}
{{- if .KPIs}}
<div class="strategic">
<h3><span class="title">KPIs</span></h3>
{{template "goals" .KPIs}}
</div>
{{- end}}
</section>

<section>
<h2>By team</h2>
{{- if .Teams}}
<table>
<thead><tr><th>Team</th><th>Lead</th><th>Health</th><th>Progress</th><th>Objectives and key results</th></tr></thead>
<tbody>
{{- range .Teams}}
<tr><td>{{clean .Name}}</td><td>{{dash (clean .LeadName)}}</td><td class="nowrap">{{template "health" .Health}}</td><td class="nowrap">{{template "progress" .Progress}}</td><td>{{range $i, $c := counts .Counts}}{{if $i}}, {{end}}{{$c.N}} {{health $c.Health}}{{else}}none{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="none">No teams.</p>
{{- end}}
</section>

<section>
<h2>At risk and off track</h2>
{{- range .AtRisk}}
<article class="item {{healthClass .Goal.Health}}">
<h3>{{clean .Goal.Title}}</h3>
<p>{{template "health" .Goal.Health}} {{template "progress" .Goal.Progress}}{{with metric .Goal}} · {{.}}{{end}}</p>
<p class="muted">{{level .Goal.Level}} · {{template "ownerteam" .Goal}}{{with .StrategicTitle}} · for {{clean .}}{{end}} · <span class="id">{{.Goal.ID}}</span></p>
<p class="muted">Check-in {{.Date}} by {{clean .AuthorName}}{{with .Confidence}}, confidence {{number .}}{{end}}:</p>
<blockquote>{{clean .Summary}}</blockquote>
<div class="lists">
{{- if .Problems}}
<div><h4>Problems</h4><ul>{{range .Problems}}<li>{{clean .}}</li>{{end}}</ul></div>
{{- end}}
{{- if .Asks}}
<div><h4>Asks</h4><ul>{{range .Asks}}<li><b>{{clean .FromName}}:</b> {{clean .What}}</li>{{end}}</ul></div>
{{- end}}
{{- if .Plans}}
<div><h4>Plans</h4><ul>{{range .Plans}}<li>{{clean .}}</li>{{end}}</ul></div>
{{- end}}
</div>
</article>
{{- else}}
<p class="none">Nothing is at risk or off track.</p>
{{- end}}
</section>

<section>
<h2>Check-ins missing</h2>
{{- if not .Today}}
<p class="none">Not known: the report has no date.</p>
{{- else if .MissingCheckIns}}
<table>
<thead><tr><th>Goal</th><th>Owner</th><th>Cadence</th><th>Last check-in</th><th class="nowrap">Was due</th></tr></thead>
<tbody>
{{- range .MissingCheckIns}}
<tr><td>{{clean .Goal.Title}}</td><td>{{dash (clean .Goal.OwnerName)}}</td><td>{{.Cadence}}</td><td>{{if .LastDate}}{{.LastDate}} ({{days .DaysSince}} ago){{else}}none yet{{end}}</td><td class="nowrap">{{if .Due}}{{.Due}}{{else}}now{{end}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="none">Every goal with a cadence is checked in on.</p>
{{- end}}
</section>

<section>
<h2>Decisions</h2>
<h3>Made</h3>
{{- if .Decisions}}
<ul class="plain">
{{- range .Decisions}}
<li><b>{{clean .Title}}</b> · {{.Date}} · <span class="id">{{.ID}}</span>
{{- with .Chosen}}<span class="kv"><span class="label">Chose</span><span>{{clean .}}</span></span>{{end}}
{{- with .Rationale}}<span class="kv"><span class="label">Why</span><span>{{clean .}}</span></span>{{end}}
{{- with .ApproverName}}<span class="kv"><span class="label"></span><span class="muted">Approved by {{clean .}}</span></span>{{end}}</li>
{{- end}}
</ul>
{{- else}}
<p class="none">No decisions were made in the period.</p>
{{- end}}
<h3>Superseded</h3>
{{- if .Superseded}}
<ul class="plain">
{{- range .Superseded}}
<li><b>{{clean .Title}}</b> · <span class="id">{{.ID}}</span> · superseded {{.Date}} by {{if .SupersededByTitle}}<b>{{clean .SupersededByTitle}}</b> {{end}}<span class="id">{{dash .SupersededBy}}</span>
{{- with .Rationale}}<span class="kv"><span class="label">Why</span><span>{{clean .}}</span></span>{{end}}</li>
{{- end}}
</ul>
{{- else}}
<p class="none">No decisions were superseded in the period.</p>
{{- end}}
<h3>Awaiting approval</h3>
{{- if .Proposed}}
<table>
<thead><tr><th>Decision</th><th>Since</th><th>Driver</th><th>Approver</th></tr></thead>
<tbody>
{{- range .Proposed}}
<tr><td>{{clean .Title}} <span class="id">{{.ID}}</span></td><td class="nowrap">{{dash .Date}}</td><td>{{dash (clean .DriverName)}}</td><td>{{dash (clean .ApproverName)}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="none">No decisions are awaiting approval.</p>
{{- end}}
</section>

<section>
<h2>RACI</h2>
<h3>Gaps</h3>
{{- if .RACIGaps}}
<table>
<thead><tr><th>Item</th><th>Due</th><th>Accountable</th><th>Responsible</th><th>Gap</th></tr></thead>
<tbody>
{{- range .RACIGaps}}
<tr><td>{{clean .Title}} <span class="id">{{.ID}}</span></td><td class="nowrap">{{dash .Due}}</td><td>{{join .AccountableNames}}</td><td>{{join .ResponsibleNames}}</td><td><span class="chip off">{{gaps .Gaps}}</span></td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="none">Every open RACI item has one Accountable and someone Responsible.</p>
{{- end}}
<h3>Accountable for too much</h3>
{{- if .Overloaded}}
<ul class="plain">
{{- range .Overloaded}}
<li><b>{{clean .Name}}</b> is Accountable for {{.Count}} open items; the limit is {{.Limit}}.
<ul class="columns">{{range .Items}}<li>{{clean .Title}}{{with .Due}} <span class="muted">due {{.}}</span>{{end}}</li>{{end}}</ul></li>
{{- end}}
</ul>
{{- else}}
<p class="none">Nobody is Accountable for more than the limit.</p>
{{- end}}
</section>

<section>
<h2>Hand-offs overdue</h2>
{{- if not .Today}}
<p class="none">Not known: the report has no date.</p>
{{- else if .OverdueHandoffs}}
<table>
<thead><tr><th>Hand-off</th><th>From</th><th>To</th><th>Due</th><th>State</th></tr></thead>
<tbody>
{{- range .OverdueHandoffs}}
<tr><td>{{clean .Title}} <span class="id">{{.ID}}</span></td><td>{{clean .FromTeamName}}{{with .FromOwnerName}} ({{clean .}}){{end}}</td><td>{{clean .ToTeamName}}{{with .ToOwnerName}} ({{clean .}}){{end}}</td><td class="nowrap">{{.Due}}<br><span class="chip off">{{days .DaysOverdue}} overdue</span></td><td>{{words .State}}</td></tr>
{{- end}}
</tbody>
</table>
{{- else}}
<p class="none">No hand-off is overdue.</p>
{{- end}}
</section>

<section>
<h2>Wins</h2>
{{- if .Wins}}
<ul class="plain">
{{- range .Wins}}
<li><b>{{clean .Text}}</b> <span class="muted">— {{clean .AuthorName}}, {{.Date}}, on {{clean .GoalTitle}}</span></li>
{{- end}}
</ul>
{{- else}}
<p class="none">No wins were reported in the period.</p>
{{- end}}
</section>

<footer>Made by Accord from the organisation's data repository.{{with .Today}} Health and progress as of {{dayword .}}.{{end}}</footer>
</body>
</html>
{{define "health"}}<span class="chip {{healthClass .}}">{{symbol .}} {{health .}}</span>{{end}}
{{- define "progress"}}<span class="progress"><span class="bar"><span style="width: {{width .}}%"></span></span><span class="pct">{{percent .}}</span></span>{{end}}
{{- define "ownerteam"}}{{if .TeamName}}{{clean .TeamName}}{{end}}{{if and .TeamName .OwnerName}} · {{end}}{{if .OwnerName}}{{clean .OwnerName}}{{end}}{{if not (or .TeamName .OwnerName)}}no owner{{end}}{{end}}
{{- define "goals"}}
<table class="goals">
<colgroup><col class="goal"><col class="team"><col class="owner"><col class="health"><col class="progress"></colgroup>
<thead><tr><th>Goal</th><th>Team</th><th>Owner</th><th>Health</th><th>Progress</th></tr></thead>
<tbody>
{{- range .}}
<tr class="{{if eq .Level "objective"}}objective{{else}}child{{end}}"><td class="goal" style="padding-left: {{indent .Depth}}rem"><span class="arrow">{{if .Depth}}↳{{end}}</span>{{clean .Title}}</td><td>{{dash (clean .TeamName)}}</td><td>{{dash (clean .OwnerName)}}</td><td class="nowrap">{{template "health" .Health}}</td><td class="nowrap">{{template "progress" .Progress}}</td></tr>
{{- end}}
</tbody>
</table>
{{- end}}
`
