// Package people is the People tab: teams with their leads and members;
// for a person, everything they own, are Accountable or Responsible for,
// and their recent check-ins; for a team, its goals and commitments.
package people

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Tab is the People tab: teams with their leads and members; for a
// person, everything they own, are Accountable or Responsible for, and
// their recent check-ins; for a team, its goals and commitments.
type Tab struct {
	widget.Frame
	c    common.Common
	data *common.Data

	// Computed once per SetData, so that a row or a person's details
	// never walk the whole organisation: each team's members, active
	// goals and person's open goals, in ID order; the open RACI items
	// each person is Accountable and Responsible for; each person's
	// check-ins; goals' health and progress as they are first shown.
	members          map[string][]string
	teamGoals, owned map[string][]string
	roleOf           map[string]*raciRoles
	checkIns         map[string][]*model.Update
	rollUps          map[string]rollUp
}

// raciRoles are the open RACI items, in ID order, someone is Accountable
// (A) and Responsible (R) for.
type raciRoles struct{ A, R []string }

// rollUp is a goal's health and progress.
type rollUp struct {
	health   string
	progress float64
	known    bool
}

func New(c common.Common) *Tab {
	p := &Tab{Frame: widget.NewFrame(c, nil), c: c}
	p.Row = func(id string, selected bool, width int) string { return p.renderRow(person(id), selected, width) }
	p.Body = func(id string, width int) string { return p.renderBody(person(id), width) }
	p.Empty = func() string {
		return "No people or teams yet. People own goals and take part in decisions and RACI; Accord knows you by the e-mails in your person record. " +
			c.Keys.New.Help().Key + " creates the first person or team."
	}
	return p
}

// A person in several teams has a row under each. The first row's list ID
// is the person's; the others add the team after alsoIn, so that each is
// a row of its own, and person turns any of them back into the person.
const alsoIn = "\x00in:"

func person(rowID string) string {
	id, _, _ := strings.Cut(rowID, alsoIn)
	return id
}

func (p *Tab) Title() string { return "People" }

func (p *Tab) SetSize(w, h int) { p.Frame.SetSize(w, h) }

func (p *Tab) Selected() string {
	if id := p.List.Selected(); !strings.HasPrefix(id, widget.ProblemPrefix) {
		return person(id)
	}
	return ""
}

func (p *Tab) Select(id string) bool {
	if !p.List.Has(id) {
		return false
	}
	if p.Selected() == id {
		return true // already on one of their rows
	}
	if !p.List.Select(id) {
		p.List.ClearFilter()
		p.List.Select(id)
	}
	return true
}

func (p *Tab) Capturing() bool { return p.List.Capturing() }

func (p *Tab) Keys() []key.Binding { return p.FrameKeys() }

// SetData lists each team followed by its members (a person in several
// teams under each of them), then people in no team.
func (p *Tab) SetData(d *common.Data) {
	p.data = d
	o := d.Org
	p.index(o)
	items := widget.ProblemItems(d, model.KindPerson)
	items = append(items, widget.ProblemItems(d, model.KindTeam)...)
	placed := map[string]bool{}
	for _, tid := range teamOrder(o) {
		t := o.Teams[tid]
		items = append(items, widget.Item{ID: tid, Filter: t.ID + " " + t.Name + " " + t.Mission})
		for _, pid := range p.members[tid] {
			per := o.People[pid]
			row := pid
			if placed[pid] {
				row = pid + alsoIn + tid
			}
			placed[pid] = true
			items = append(items, widget.Item{ID: row, Filter: per.ID + " " + per.Name + " " + per.Role + " " + t.Name})
		}
	}
	for _, pid := range o.IDs(model.KindPerson) {
		if !placed[pid] {
			per := o.People[pid]
			items = append(items, widget.Item{ID: pid, Filter: per.ID + " " + per.Name + " " + per.Role})
		}
	}
	p.List.SetItems(items)
}

// index works out, in one pass over each kind, what rows and details
// show: members, goals by team and owner, RACI roles, check-ins.
func (p *Tab) index(o *model.Org) {
	p.members = map[string][]string{}
	for _, pid := range o.IDs(model.KindPerson) {
		for i, tid := range o.People[pid].Teams {
			if !slices.Contains(o.People[pid].Teams[:i], tid) {
				p.members[tid] = append(p.members[tid], pid)
			}
		}
	}
	p.teamGoals, p.owned = map[string][]string{}, map[string][]string{}
	for _, gid := range o.IDs(model.KindGoal) {
		g := o.Goals[gid]
		if g.State == "active" && g.Team != "" {
			p.teamGoals[g.Team] = append(p.teamGoals[g.Team], gid)
		}
		if g.State != "closed" && g.Owner != "" {
			p.owned[g.Owner] = append(p.owned[g.Owner], gid)
		}
	}
	p.roleOf = map[string]*raciRoles{}
	of := func(id string) *raciRoles {
		if p.roleOf[id] == nil {
			p.roleOf[id] = &raciRoles{}
		}
		return p.roleOf[id]
	}
	for _, rid := range o.IDs(model.KindRACI) {
		x := o.RACIs[rid]
		if x.State == "retired" {
			continue
		}
		for i, id := range x.Accountable {
			if !slices.Contains(x.Accountable[:i], id) {
				of(id).A = append(of(id).A, rid)
			}
		}
		for i, id := range x.Responsible {
			if !slices.Contains(x.Responsible[:i], id) {
				of(id).R = append(of(id).R, rid)
			}
		}
	}
	p.checkIns = map[string][]*model.Update{}
	for _, u := range o.Updates {
		p.checkIns[u.Author] = append(p.checkIns[u.Author], u)
	}
	p.rollUps = map[string]rollUp{}
}

// teamOrder walks the team tree depth first, roots by name.
func teamOrder(o *model.Org) []string {
	var out []string
	seen := map[string]bool{}
	ids := o.IDs(model.KindTeam)
	kids := map[string][]string{}
	for _, tid := range ids {
		kids[o.Teams[tid].Parent] = append(kids[o.Teams[tid].Parent], tid)
	}
	var walk func(parent string)
	walk = func(parent string) {
		for _, tid := range kids[parent] {
			if !seen[tid] {
				seen[tid] = true
				out = append(out, tid)
				walk(tid)
			}
		}
	}
	walk("")
	for _, tid := range ids { // parents that do not resolve, or cycles
		if !seen[tid] {
			seen[tid] = true
			out = append(out, tid)
			walk(tid)
		}
	}
	return out
}

func (p *Tab) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	cmd, _ := p.Frame.Update(msg)
	return p, cmd
}

func (p *Tab) View() string { return p.Frame.View() }

func (p *Tab) renderRow(id string, _ bool, width int) string {
	s, o := p.c.Styles, p.data.Org
	if f, ok := widget.ProblemFor(p.data, id); ok {
		return widget.ProblemRow(s, f, width)
	}
	if t := o.Teams[id]; t != nil {
		lead := ""
		if l := o.People[t.Lead]; l != nil {
			lead = s.Muted.Render(" · lead " + common.Clean(l.Name))
		}
		return common.Fit(widget.Marker(s, p.data, id)+s.Title.Render(common.Clean(t.Name))+lead, width)
	}
	per := o.People[id]
	var a, r int
	if x := p.roleOf[id]; x != nil {
		a, r = len(x.A), len(x.R)
	}
	loadText := s.Role["A"].Render(fmt.Sprintf("A%d", a)) + " " + s.Role["R"].Render(fmt.Sprintf("R%d", r))
	name := common.Clean(per.Name)
	if !per.IsActive() {
		name = s.Muted.Render(name + " (left)")
	}
	left := widget.Marker(s, p.data, id) + "  " + name + s.Muted.Render(" "+common.Clean(per.Role))
	return common.Pad(left, max(width-8, 1)) + " " + loadText
}

// renderBody is a team's details (teamBody) or a person's: who they are,
// what they own, what they are Accountable and Responsible for, and their
// recent check-ins.
func (p *Tab) renderBody(id string, width int) string {
	s, o := p.c.Styles, p.data.Org
	if f, ok := widget.ProblemFor(p.data, id); ok {
		return widget.ProblemBody(s, f, width)
	}
	if t := o.Teams[id]; t != nil {
		return p.teamBody(t, width)
	}
	per := o.People[id]
	if per == nil {
		return s.Muted.Render("Not found.")
	}
	var b strings.Builder
	p.about(&b, per, width)
	p.owns(&b, id, width)
	for _, role := range []string{"A", "R"} {
		p.roles(&b, id, role, width)
	}
	p.recent(&b, id, width)
	return b.String()
}

// teamBody is a team: its mission, lead, parent and members, and its
// active goals.
func (p *Tab) teamBody(t *model.Team, width int) string {
	s, o := p.c.Styles, p.data.Org
	var b strings.Builder
	b.WriteString(s.Title.Render(common.Clean(t.Name)) + s.Muted.Render("  team "+common.Clean(t.ID)) + "\n")
	if t.Mission != "" {
		b.WriteString(common.Wrap(common.CleanBlock(t.Mission), width) + "\n")
	}
	b.WriteString("\n" + widget.FindingLines(s, common.FindingsFor(p.data, t.ID), width))
	widget.KeyValue(&b, s, "Lead", common.PersonName(o, t.Lead))
	if t.Parent != "" {
		widget.KeyValue(&b, s, "Part of", common.TeamName(o, t.Parent))
	}
	var members []string
	for _, pid := range p.members[t.ID] {
		members = append(members, common.Clean(o.People[pid].Name))
	}
	widget.KeyValue(&b, s, "Members", common.Wrap(strings.Join(members, ", "), max(width-14, 10)))
	b.WriteString("\n" + s.Heading.Render("Goals") + "\n")
	for _, gid := range p.teamGoals[t.ID] {
		b.WriteString(p.goalLine(o.Goals[gid], width) + "\n")
	}
	if len(p.teamGoals[t.ID]) == 0 {
		b.WriteString(s.Muted.Render("No active goals.") + "\n")
	}
	return b.String()
}

// about is who a person is: name, handle, role, whether they left, their
// findings, teams, manager and e-mails.
func (p *Tab) about(b *strings.Builder, per *model.Person, width int) {
	s, o := p.c.Styles, p.data.Org
	b.WriteString(s.Title.Render(common.Clean(per.Name)) + s.Muted.Render("  @"+common.Clean(per.ID)) + "\n")
	if per.Role != "" {
		b.WriteString(common.Clean(per.Role) + "\n")
	}
	if !per.IsActive() {
		b.WriteString(s.Warning.Render("No longer active") + "\n")
	}
	b.WriteString("\n" + widget.FindingLines(s, common.FindingsFor(p.data, per.ID), width))
	var teams []string
	for _, t := range per.Teams {
		teams = append(teams, common.TeamName(o, t))
	}
	widget.KeyValue(b, s, "Teams", strings.Join(teams, ", "))
	if per.Manager != "" {
		widget.KeyValue(b, s, "Manager", common.PersonName(o, per.Manager))
	}
	if len(per.Emails) > 0 {
		widget.KeyValue(b, s, "E-mail", common.Clean(strings.Join(per.Emails, ", ")))
	}
}

// owns lists the goals a person owns that are not closed.
func (p *Tab) owns(b *strings.Builder, id string, width int) {
	s, o := p.c.Styles, p.data.Org
	b.WriteString("\n" + s.Heading.Render("Owns") + "\n")
	for _, gid := range p.owned[id] {
		b.WriteString(p.goalLine(o.Goals[gid], width) + "\n")
	}
	if len(p.owned[id]) == 0 {
		b.WriteString(s.Muted.Render("No open goals.") + "\n")
	}
}

// roles lists the open RACI records a person is Accountable (role "A") or
// Responsible ("R") for.
func (p *Tab) roles(b *strings.Builder, id, role string, width int) {
	s, o := p.c.Styles, p.data.Org
	title := map[string]string{"A": "Accountable for", "R": "Responsible for"}[role]
	b.WriteString("\n" + s.Heading.Render(title) + "\n")
	var ids []string
	if x := p.roleOf[id]; x != nil {
		ids = x.A
		if role == "R" {
			ids = x.R
		}
	}
	for _, rid := range ids {
		x := o.RACIs[rid]
		due := ""
		if x.Due != "" {
			due = s.Muted.Render(" due " + common.Clean(x.Due))
		}
		b.WriteString(common.Fit(s.Role[role].Render(role)+" "+common.Clean(x.Title)+due, width) + "\n")
	}
	if len(ids) == 0 {
		b.WriteString(s.Muted.Render("Nothing open.") + "\n")
	}
}

// recent are a person's last five check-ins, newest first.
func (p *Tab) recent(b *strings.Builder, id string, width int) {
	s, o := p.c.Styles, p.data.Org
	b.WriteString("\n" + s.Heading.Render("Recent check-ins") + "\n")
	ups := slices.Clone(p.checkIns[id])
	slices.SortFunc(ups, func(a, b *model.Update) int { return strings.Compare(b.Date+b.ID, a.Date+a.ID) })
	if len(ups) == 0 {
		b.WriteString(s.Muted.Render("None yet.") + "\n")
	}
	for _, u := range ups[:min(len(ups), 5)] {
		goal := ""
		if g := o.Goals[u.Target]; g != nil {
			goal = common.Clean(g.Title)
		}
		b.WriteString(s.Muted.Render(common.Clean(u.Date)+" ") + s.HealthStyle(u.Health).Render(common.HealthSymbol(u.Health)) + " " + common.Fit(goal, width-14) + "\n")
		b.WriteString(s.Muted.Render(common.Wrap("  "+common.Clean(u.RecordTitle()), width)) + "\n")
	}
}

// goalLine is a one-line summary of a goal: health, progress, title.
// A goal's roll-up is worked out the first time it is shown (a mission's
// walks every goal under it) and kept until the next load.
func (p *Tab) goalLine(g *model.Goal, width int) string {
	s, o := p.c.Styles, p.data.Org
	ru, ok := p.rollUps[g.ID]
	if !ok {
		ru.health = o.Health(g.ID)
		ru.progress, ru.known = o.Progress(g.ID)
		p.rollUps[g.ID] = ru
	}
	h := ru.health
	pct := "   —"
	if ru.known {
		pct = common.Percent(ru.progress)
	}
	return common.Fit(s.HealthStyle(h).Render(common.HealthSymbol(h))+" "+s.Muted.Render(pct)+" "+common.Clean(g.Title), width)
}
