package render

import (
	"cmp"
	_ "embed"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/accordhq/accord/model"
)

// The published site (accord publish): plain files that work from file://
// and from any static host. Every page is a Doc written by HTML — the
// report's sections, a page per record, team and person, the decision log,
// the RACI matrix, what changed each week — with Doc.Link making every
// Ref, Rec and Who a relative link, and Doc.Page the site's navigation,
// style sheet and (for the decision log) its one small script. Atom feeds
// sit beside them (feeds.go).

//go:embed filter.js
var filterJS string

// SiteOptions is what a site shows beyond the organisation.
type SiteOptions struct {
	// Today is the day health, staleness and due dates are measured on.
	Today time.Time
	// BaseURL is accord.yaml's site_url: feeds link to pages under it
	// (feed readers need absolute addresses); "" links them relative to
	// the feed.
	BaseURL string
	// Steps are who took each step, from history (Store.Verify): decision
	// pages and the report say who accepted.
	Steps model.Attributions
	// Weeks are what changed each week, newest first.
	Weeks []SiteWeek
	// Report chooses the report page's period and team; its Today and
	// Steps are taken from above. Depth is how deep the index's pyramid
	// goes (default objective).
	Report model.ReportOptions
	Depth  string
}

// SiteWeek is what changed in one ISO week.
type SiteWeek struct {
	// Week is its name, 2026-W47; it names its page.
	Week     string
	Diff     *model.OrgDiff
	Problems []model.Finding
}

// SiteFile is one file of a site: its slash-separated path under the
// site's folder, and its bytes.
type SiteFile struct {
	Path string
	Data []byte
}

// SitePath is where a record's page is on a published site, relative to
// its root: goals/GOAL-7K3FQ2M1.html, teams/onboarding.html; a check-in is
// an anchor on its goal's page. kind may be "" (found from the ID, a handle
// being a person's before a team's). "" when the organisation has no such
// record or its ID is malformed.
func SitePath(o *model.Org, kind model.Kind, id string) string {
	if kind == "" {
		kind = model.KindOfID(id)
		if kind == "" {
			if o.People[id] != nil {
				kind = model.KindPerson
			} else {
				kind = model.KindTeam
			}
		}
	}
	if model.CheckID(kind, id) != nil {
		return ""
	}
	var exists bool
	switch kind {
	case model.KindGoal:
		exists = o.Goals[id] != nil
	case model.KindUpdate:
		if u := o.Updates[id]; u != nil {
			if p := SitePath(o, model.KindGoal, u.Target); p != "" {
				return p + "#" + id
			}
		}
		return ""
	case model.KindAnswer:
		// An answer shows beside its ask, on the check-in's goal page.
		if a := o.Answers[id]; a != nil {
			if ref, err := model.ParseAskRef(a.Ask, false); err == nil {
				return SitePath(o, model.KindUpdate, ref.CheckIn)
			}
		}
		return ""
	case model.KindPulse:
		// A pulse is part of its rating team's trends.
		if p := o.Pulses[id]; p != nil {
			if t := SitePath(o, model.KindTeam, p.Team); t != "" {
				return t + "#pulse"
			}
		}
		return ""
	case model.KindRetro:
		if r := o.Retros[id]; r != nil && model.KindOfID(r.Subject) != model.KindRetro {
			if p := SitePath(o, model.KindOfID(r.Subject), r.Subject); p != "" && !strings.Contains(p, "#") {
				return p + "#retros"
			}
		}
		return ""
	case model.KindDecision:
		exists = o.Decisions[id] != nil
	case model.KindRACI:
		exists = o.RACIs[id] != nil
	case model.KindHandoff:
		exists = o.Handoffs[id] != nil
	case model.KindPerson:
		exists = o.People[id] != nil
	case model.KindTeam:
		exists = o.Teams[id] != nil
	}
	if !exists {
		return ""
	}
	return kind.Dir() + "/" + url.PathEscape(id) + ".html"
}

// SiteURL is a record's page under a site's base address (site_url), or
// "" when either is missing.
func SiteURL(o *model.Org, base string, kind model.Kind, id string) string {
	p := SitePath(o, kind, id)
	if base == "" || p == "" {
		return ""
	}
	return safeHref(strings.TrimRight(base, "/") + "/" + p)
}

// siteNav is the navigation every page carries.
var siteNav = []NavLink{
	{"Overview", "index.html"}, {"Report", "report.html"}, {"Decisions", "decisions.html"}, {"RACI", "raci.html"},
	{"Hand-offs", "handoffs.html"}, {"Teams", "teams.html"}, {"People", "people.html"}, {"What changed", "changes.html"},
}

// site is one publishing run: the organisation, its options and what the
// pages share (indexes built once, not per page).
type site struct {
	o    *model.Org
	opts SiteOptions
	idx  *siteIndex
}

// page dresses a Doc as a page of the site at path (its depth decides how
// its links climb to the root), with a feed when it has one.
func (s *site) page(d *Doc, path, feed string) SiteFile {
	root := strings.Repeat("../", strings.Count(path, "/"))
	d.Link = func(k model.Kind, id string) string {
		if w, ok := weekOfLink(id); ok {
			return root + weekPath(w)
		}
		if p := SitePath(s.o, k, id); p != "" {
			return root + p
		}
		return ""
	}
	d.Page = &Page{Root: root, Nav: siteNav, Current: path, Feed: feed, Filter: hasFilters(d)}
	return SiteFile{Path: path, Data: []byte(HTML(d))}
}

// hasFilters reports whether a Doc holds a Filters block, so its page
// loads the script.
func hasFilters(d *Doc) bool {
	var walk func([]Section) bool
	walk = func(ss []Section) bool {
		for _, s := range ss {
			for _, b := range s.Blocks {
				if _, ok := b.(Filters); ok {
					return true
				}
			}
			if walk(s.Sections) {
				return true
			}
		}
		return false
	}
	return walk(d.Sections)
}

// Site makes every file of the site and hands each to emit, one call at a
// time, in a stable order of paths. Pages are made on all cores.
func Site(o *model.Org, opts SiteOptions, emit func(SiteFile) error) error {
	if opts.Today.IsZero() {
		opts.Today = o.Today
	}
	s := &site{o: o, opts: opts, idx: newSiteIndex(o)}
	var jobs []func() SiteFile
	add := func(f func() SiteFile) { jobs = append(jobs, f) }
	add(func() SiteFile { return SiteFile{Path: "style.css", Data: []byte(pageCSS)} })
	add(func() SiteFile { return SiteFile{Path: "filter.js", Data: []byte(filterJS)} })
	add(s.indexPage)
	add(s.reportPage)
	add(s.decisionLog)
	add(s.raciMatrix)
	add(s.handoffIndex)
	add(s.teamIndex)
	add(s.peopleIndex)
	add(s.changesIndex)
	for _, w := range opts.Weeks {
		add(func() SiteFile { return s.weekPage(w) })
	}
	for _, id := range o.IDs(model.KindGoal) {
		add(func() SiteFile { return s.goalPage(o.Goals[id]) })
	}
	for _, id := range o.IDs(model.KindDecision) {
		add(func() SiteFile { return s.decisionPage(o.Decisions[id]) })
	}
	for _, id := range o.IDs(model.KindRACI) {
		add(func() SiteFile { return s.raciPage(o.RACIs[id]) })
	}
	for _, id := range o.IDs(model.KindHandoff) {
		add(func() SiteFile { return s.handoffPage(o.Handoffs[id]) })
	}
	for _, id := range o.IDs(model.KindTeam) {
		add(func() SiteFile { return s.teamPage(o.Teams[id]) })
		add(func() SiteFile { return s.teamFeed(o.Teams[id]) })
	}
	for _, id := range o.IDs(model.KindPerson) {
		add(func() SiteFile { return s.personPage(o.People[id]) })
		add(func() SiteFile { return s.personFeed(o.People[id]) })
	}
	add(s.decisionFeed)
	add(s.checkInFeed)
	return runJobs(jobs, emit)
}

// runJobs makes files on all cores and emits them in the order of jobs;
// a malformed ID (no path) is skipped.
func runJobs(jobs []func() SiteFile, emit func(SiteFile) error) error {
	out := make([]SiteFile, len(jobs))
	done := make([]chan struct{}, len(jobs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	next := make(chan int)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = jobs[i]()
				close(done[i])
			}
		}()
	}
	go func() {
		defer close(next)
		for i := range jobs {
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	var err error
	for i := range jobs {
		<-done[i]
		if out[i].Path != "" {
			err = emit(out[i])
		}
		out[i] = SiteFile{} // let it go once written
		if err != nil {
			break
		}
	}
	close(stop) // the feeder stops and closes next; the workers finish what they hold
	wg.Wait()
	return err
}

// siteIndex is what pages look up about each other, built once.
type siteIndex struct {
	decisionsOf map[string][]string // goal ID → decisions serving it
	raciOf      map[string][]string // subject ID → RACI items about it
	asks        []model.OpenAsk     // standing and not done or declined
	answers     map[model.AskRef][]*model.Answer
	teamDeps    []model.TeamDependency
	trends      []model.PulseTrend
	// involved maps a person or team to the decisions, RACI items and
	// hand-offs they are in.
	decisionsFor map[string][]string
	raciFor      map[string][]string
	handoffsFor  map[string][]string
	teamGoals    map[string][]string // team → the goals it owns
	ownedGoals   map[string][]string // person → the goals they own
	members      map[string][]string // team → people
	checkInsBy   map[string][]string // author → check-ins, newest first
}

func newSiteIndex(o *model.Org) *siteIndex {
	x := &siteIndex{decisionsOf: map[string][]string{}, raciOf: map[string][]string{}, decisionsFor: map[string][]string{},
		raciFor: map[string][]string{}, handoffsFor: map[string][]string{}, teamGoals: map[string][]string{}, ownedGoals: map[string][]string{},
		members: map[string][]string{}, checkInsBy: map[string][]string{}, asks: pendingAsks(o), answers: o.AnswersByAsk(),
		teamDeps: o.TeamDependencies(o.Today), trends: o.PulseTrends()}
	addOnce := func(m map[string][]string, key, id string) {
		if key != "" && !slices.Contains(m[key], id) {
			m[key] = append(m[key], id)
		}
	}
	for _, id := range o.IDs(model.KindDecision) {
		d := o.Decisions[id]
		for _, g := range d.Goals {
			addOnce(x.decisionsOf, g, id)
		}
		for _, h := range slices.Concat([]string{d.Driver, d.Approver}, d.DecisionMakers, d.Consulted, d.Informed) {
			addOnce(x.decisionsFor, h, id)
		}
	}
	for _, id := range o.IDs(model.KindRACI) {
		r := o.RACIs[id]
		addOnce(x.raciOf, r.Subject.ID, id)
		for _, h := range slices.Concat([]string(r.Accountable), r.Responsible, r.Consulted, r.Informed) {
			addOnce(x.raciFor, h, id)
		}
	}
	for _, id := range o.IDs(model.KindHandoff) {
		h := o.Handoffs[id]
		for _, k := range []string{h.From.Team, h.To.Team, h.From.Owner, h.To.Owner} {
			addOnce(x.handoffsFor, k, id)
		}
	}
	for _, id := range o.IDs(model.KindGoal) {
		g := o.Goals[id]
		addOnce(x.teamGoals, g.Team, id)
		addOnce(x.ownedGoals, g.Owner, id)
	}
	for _, id := range o.IDs(model.KindPerson) {
		for _, t := range o.People[id].Teams {
			addOnce(x.members, t, id)
		}
	}
	for _, id := range o.IDs(model.KindUpdate) {
		u := o.Updates[id]
		x.checkInsBy[u.Author] = append(x.checkInsBy[u.Author], id)
	}
	for _, ids := range x.checkInsBy {
		slices.SortFunc(ids, func(a, b string) int {
			return cmp.Or(cmp.Compare(o.Updates[b].Date, o.Updates[a].Date), cmp.Compare(a, b))
		})
	}
	return x
}

// pendingAsks are the asks that stand and are not done or declined:
// unanswered, or accepted.
func pendingAsks(o *model.Org) []model.OpenAsk {
	var out []model.OpenAsk
	for _, st := range o.AskStatuses(o.Today) {
		if st.Pending() {
			out = append(out, model.OpenAsk{Ask: st.Ask, CheckIn: st.CheckIn, Goal: st.Goal, N: st.Ref.N})
		}
	}
	return out
}
