package render

import (
	"cmp"
	"html"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/gorilla/feeds"
)

// Atom feeds of the site (gorilla/feeds writes the XML): decisions,
// check-ins, and one per team and per person, so anyone can follow them
// in a feed reader or a chat app's feed integration. A feed's entries and
// its updated time come from the records' own dates, never from the clock,
// so publishing again writes the same bytes when nothing changed.

// feedMost is how many entries a feed holds, newest first.
const feedMost = 50

// feedEntry is one entry before it becomes Atom.
type feedEntry struct {
	id, title, summary, date string
	author                   string
}

// feed writes entries as an Atom file at path.
func (s *site) feed(path, title, page string, entries []feedEntry) SiteFile {
	slices.SortFunc(entries, func(a, b feedEntry) int { return cmp.Or(cmp.Compare(b.date, a.date), cmp.Compare(a.id, b.id)) })
	entries = entries[:min(len(entries), feedMost)]
	up := strings.Repeat("../", strings.Count(path, "/"))
	href := func(p string) string {
		if s.opts.BaseURL != "" {
			return safeHref(strings.TrimRight(s.opts.BaseURL, "/") + "/" + p)
		}
		return up + p
	}
	f := &feeds.Feed{Title: clean(s.orgName() + " · " + title), Link: &feeds.Link{Href: href(page)}, Id: "urn:accord:feed:" + path}
	for _, e := range entries {
		when, _ := parseDay(e.date)
		if when.After(f.Updated) {
			f.Updated = when
		}
		it := &feeds.Item{Title: clean(e.title), Id: "urn:accord:" + e.id, Updated: when, Created: when,
			Description: html.EscapeString(clean(e.summary))}
		if p := SitePath(s.o, "", e.id); p != "" {
			it.Link = &feeds.Link{Href: href(p)}
		}
		if e.author != "" {
			it.Author = &feeds.Author{Name: clean(e.author)}
		}
		f.Add(it)
	}
	if f.Updated.IsZero() {
		f.Updated = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC) // a feed with no entries: a fixed date, not the clock
	}
	atom, err := f.ToAtom()
	if err != nil {
		// Only a failing writer makes encoding/xml fail; say so in the feed's place.
		atom = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- " + html.EscapeString(err.Error()) + " -->\n"
	}
	return SiteFile{Path: path, Data: []byte(atom + "\n")}
}

func (s *site) decisionEntry(d *model.Decision) feedEntry {
	summary := d.Context
	if d.Outcome != nil && d.Outcome.Rationale != "" {
		summary = d.Outcome.Rationale
	}
	return feedEntry{id: d.ID, title: capitalise(Label(d.Status)) + ": " + d.Title, summary: firstLine(summary), date: d.Date,
		author: personName(s.o, d.Driver)}
}

func (s *site) checkInFeedEntry(u *model.Update) feedEntry {
	goal := u.Target
	if g := s.o.Goals[u.Target]; g != nil {
		goal = g.Title
	}
	return feedEntry{id: u.ID, title: goal + ": " + HealthWords(u.Health), summary: u.Summary, date: u.Date, author: personName(s.o, u.Author)}
}

func (s *site) decisionFeed() SiteFile {
	var es []feedEntry
	for _, d := range s.o.Decisions {
		if d.Status != model.DecisionDraft {
			es = append(es, s.decisionEntry(d))
		}
	}
	return s.feed("feeds/decisions.atom", "decisions", "decisions.html", es)
}

func (s *site) checkInFeed() SiteFile {
	var es []feedEntry
	for _, u := range s.o.Updates {
		es = append(es, s.checkInFeedEntry(u))
	}
	return s.feed("feeds/checkins.atom", "check-ins", "index.html", es)
}

// teamFeed follows a team: decisions naming it or its people, check-ins
// on its goals.
func (s *site) teamFeed(t *model.Team) SiteFile {
	page := SitePath(s.o, model.KindTeam, t.ID)
	if page == "" {
		return SiteFile{}
	}
	var es []feedEntry
	for _, d := range s.o.Decisions {
		if d.Status != model.DecisionDraft && slices.Contains(s.decisionTeams(d), t.ID) {
			es = append(es, s.decisionEntry(d))
		}
	}
	for _, gid := range s.idx.teamGoals[t.ID] {
		for _, u := range s.o.UpdatesOf(gid) {
			es = append(es, s.checkInFeedEntry(u))
		}
	}
	return s.feed("feeds/teams/"+t.ID+".atom", orDash(t.Name), page, es)
}

// personFeed follows a person: decisions naming them, check-ins on the
// goals they own and the ones they wrote.
func (s *site) personFeed(p *model.Person) SiteFile {
	page := SitePath(s.o, model.KindPerson, p.ID)
	if page == "" {
		return SiteFile{}
	}
	var es []feedEntry
	for _, id := range s.idx.decisionsFor[p.ID] {
		if d := s.o.Decisions[id]; d.Status != model.DecisionDraft {
			es = append(es, s.decisionEntry(d))
		}
	}
	seen := map[string]bool{}
	for _, gid := range s.idx.ownedGoals[p.ID] {
		for _, u := range s.o.UpdatesOf(gid) {
			seen[u.ID] = true
			es = append(es, s.checkInFeedEntry(u))
		}
	}
	for _, id := range s.idx.checkInsBy[p.ID] {
		if !seen[id] {
			es = append(es, s.checkInFeedEntry(s.o.Updates[id]))
		}
	}
	return s.feed("feeds/people/"+p.ID+".atom", orDash(p.Name), page, es)
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

func personName(o *model.Org, handle string) string {
	if p := o.People[handle]; p != nil && p.Name != "" {
		return p.Name
	}
	return handle
}
