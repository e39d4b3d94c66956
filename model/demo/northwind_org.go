package demo

import "github.com/accordhq/accord/model"

// The hand-written parts of Northwind Labs are declared as specs: plain
// data with placeholders ({cur}, {dec:csv50}, {v}) that the builder turns
// into records once it knows the dates and IDs. Each spec list is returned
// fresh by a function, so nothing is shared between calls.

type teamSpec struct {
	id, name, lead, parent, mission string
}

type personSpec struct {
	handle, name, role, manager string
	teams                       []string
	extraEmail                  string
	delegates                   []string // who may act for them (model.Person.Delegates)
	joins                       int      // the day they join, for people hired during the story; 0 for everyone else
}

func (p personSpec) record() *model.Person {
	emails := []string{p.handle + "@northwind.example"}
	if p.extraEmail != "" {
		emails = append(emails, p.extraEmail)
	}
	return &model.Person{ID: p.handle, Name: p.name, Emails: emails, Teams: p.teams, Role: p.role, Manager: p.manager,
		Delegates: p.delegates}
}

// goalSpec is the mission or a strategic goal.
type goalSpec struct {
	key, title, desc, owner, team string
}

type objectiveSpec struct {
	key, title, desc string
	parent           string // a strategic goal's key
	owner, team      string
	outcome          string // last quarter's objectives only
	krs              []krSpec
}

// krSpec is a key result, or a KPI, with the story its check-ins tell.
type krSpec struct {
	key, title, desc string
	owner, team      string // team defaults to the objective's
	unit             string
	baseline, target float64
	decimals         int
	weight           float64
	cadence          string
	// beats are the check-ins that say something. Last quarter's are spread
	// evenly over the weeks before it ended; this quarter's are placed ago
	// days before today, except the first, which opens the quarter. The last
	// beat of this quarter's story is its latest check-in: a large ago makes
	// the key result stale.
	beats   []beat
	closing beat // last quarter: the final check-in; its health is the outcome
	// firstTarget, when set, is the target the key result started the
	// quarter with before being changed on retargetDay.
	firstTarget float64
	retargetDay int
}

func (k krSpec) direction() string {
	if k.target < k.baseline {
		return "decrease"
	}
	return "increase"
}

// beat is one check-in's content. p places the value between the baseline
// (0) and the target (1); it may fall outside that range.
type beat struct {
	ago      int
	p        float64
	health   string
	conf     float64 // 0: derived from the health
	summary  string
	problems []string
	plans    []string
	asks     []model.Ask
	wins     []string
}

type decisionSpec struct {
	key, title                  string
	driver, approver            string
	makers, consulted, informed []string
	context                     string
	drivers                     []string
	options                     []model.Option
	chosen, rationale           string
	consequences                string
	goals                       []string // goal keys, or "prevKey|curKey"
	tags                        []string
	supersedes                  string // a decision's key
	reviewDays                  int    // review_by this many days after acceptance
	decidedOn                   int    // for decisions recorded after the fact: the day they were made
	note                        string // added to the context when the decision is deprecated
	steps                       []step
}

// step is one change of a record's status or state, and who made it.
type step struct {
	day    int
	status string
	author string
}

type raciSpec struct {
	key, title                       string
	kind, name, ref                  string // subject: a deliverable's name, or the key of a decision, goal or hand-off
	accountable                      model.OneOrMore
	responsible, consulted, informed []string
	due                              int // a day, endOfQuarter, endOfPrevQuarter, or 0 for none
	steps                            []step
}

// Special due days for RACI records.
const (
	endOfQuarter     = 1 << 20
	endOfPrevQuarter = 1<<20 + 1
)

type handoffSpec struct {
	key, title   string
	from, to     model.Party
	deliverables []model.Deliverable
	due          int
	expectations string
	steps        []step
}

func northwindTeams() []teamSpec {
	return []teamSpec{
		{"leadership", "Leadership", "amara", "",
			"Set direction, hire well, and keep every team pointed at the same few goals."},
		{"product", "Product", "mei", "leadership",
			"Decide what we build next and why, in the open, with the evidence attached."},
		{"onboarding", "Onboarding", "raj", "product",
			"Get every new account from sign-up to its first useful dashboard within a week."},
		{"platform", "Platform", "tomas", "leadership",
			"Keep ingestion, storage and the API fast, boring and cheap to run."},
		{"data", "Data", "ines", "platform",
			"Turn product usage into numbers every team trusts and nobody has to reconcile."},
		{"security", "Security", "kwame", "leadership",
			"Make the security review the easy part of every deal, without cutting corners."},
		{"support", "Customer Support", "lucia", "leadership",
			"Answer fast, fix the cause, and tell Product what hurts."},
		{"sales", "Sales", "daniel", "leadership",
			"Bring in mid-market customers who will still be with us in three years."},
	}
}

func northwindPeople() []personSpec {
	return []personSpec{
		{handle: "amara", name: "Amara Okafor", role: "Chief Executive Officer", teams: []string{"leadership"}},
		{handle: "jonas", name: "Jonas Weber", role: "Chief Technology Officer", manager: "amara", teams: []string{"leadership"}},
		{handle: "priya", name: "Priya Raman", role: "Chief Operating Officer", manager: "amara", teams: []string{"leadership"}},
		{handle: "hannah", name: "Hannah Cole", role: "Head of People", manager: "amara", teams: []string{"leadership"}},
		{handle: "felix", name: "Felix Andersson", role: "Head of Finance", manager: "priya", teams: []string{"leadership"}},

		{handle: "mei", name: "Mei Lin", role: "VP Product", manager: "amara", teams: []string{"product", "leadership"}},
		{handle: "oliver", name: "Oliver Grant", role: "Senior Product Manager", manager: "mei", teams: []string{"product"}},
		{handle: "yusuf", name: "Yusuf Demir", role: "Product Manager, Growth", manager: "mei", teams: []string{"product"}},
		{handle: "sofia", name: "Sofia Rossi", role: "Product Designer", manager: "mei", teams: []string{"product"}},
		{handle: "wei", name: "Wei Zhang", role: "UX Researcher", manager: "mei", teams: []string{"product"}},

		{handle: "raj", name: "Raj Patel", role: "Engineering Lead, Onboarding", manager: "jonas", teams: []string{"onboarding"},
			extraEmail: "raj.patel@users.noreply.github.com"},
		{handle: "chloe", name: "Chloé Martin", role: "Senior Frontend Engineer", manager: "raj", teams: []string{"onboarding"}},
		{handle: "ben", name: "Ben Harper", role: "Full-Stack Engineer", manager: "raj", teams: []string{"onboarding"}},
		{handle: "aiko", name: "Aiko Tanaka", role: "Frontend Engineer", manager: "raj", teams: []string{"onboarding"}},
		{handle: "nikolai", name: "Nikolai Petrov", role: "Backend Engineer", manager: "raj", teams: []string{"onboarding"}},

		// Tomás lets his staff engineer agree Platform's RACI items for him.
		{handle: "tomas", name: "Tomás Novák", role: "Engineering Lead, Platform", manager: "jonas", teams: []string{"platform"},
			delegates: []string{"grace"}},
		{handle: "grace", name: "Grace Liu", role: "Staff Engineer", manager: "tomas", teams: []string{"platform"},
			extraEmail: "grace@liu.dev"},
		{handle: "samir", name: "Samir Haddad", role: "Site Reliability Engineer", manager: "tomas", teams: []string{"platform"}},
		{handle: "elena", name: "Elena Popescu", role: "Backend Engineer", manager: "tomas", teams: []string{"platform"}},
		{handle: "marcus", name: "Marcus Reid", role: "Backend Engineer", manager: "tomas", teams: []string{"platform"}},
		{handle: "dana", name: "Dana Whitfield", role: "Senior Backend Engineer", manager: "tomas", teams: []string{"platform"}},

		{handle: "ines", name: "Inês Carvalho", role: "Data Lead", manager: "jonas", teams: []string{"data"}},
		{handle: "kofi", name: "Kofi Asante", role: "Analytics Engineer", manager: "ines", teams: []string{"data"}},
		{handle: "lena", name: "Lena Fischer", role: "Data Engineer", manager: "ines", teams: []string{"data"}},
		{handle: "arjun", name: "Arjun Mehta", role: "Data Scientist", manager: "ines", teams: []string{"data"}},
		{handle: "julia", name: "Julia Kowalska", role: "Revenue Analyst", manager: "ines", teams: []string{"data", "sales"}},

		{handle: "kwame", name: "Kwame Mensah", role: "Head of Security", manager: "jonas", teams: []string{"security"}},
		{handle: "zoe", name: "Zoë Clarke", role: "Security Engineer", manager: "kwame", teams: []string{"security"}},
		{handle: "farah", name: "Farah Aziz", role: "Governance, Risk and Compliance Manager", manager: "kwame", teams: []string{"security"}},

		{handle: "lucia", name: "Lucía Fernández", role: "Head of Customer Support", manager: "priya", teams: []string{"support"}},
		{handle: "tom", name: "Tom Baker", role: "Support Engineer", manager: "lucia", teams: []string{"support"}},
		{handle: "nadia", name: "Nadia Benali", role: "Customer Success Manager", manager: "lucia", teams: []string{"support"}},
		{handle: "pedro", name: "Pedro Alves", role: "Support Specialist", manager: "lucia", teams: []string{"support"}},
		{handle: "ruth", name: "Ruth Okonkwo", role: "Support Operations Lead", manager: "lucia", teams: []string{"support"}},
		{handle: "sam", name: "Sam O'Neill", role: "Onboarding Specialist", manager: "lucia", teams: []string{"support", "onboarding"}},

		{handle: "daniel", name: "Daniel Brooks", role: "Head of Sales", manager: "priya", teams: []string{"sales"}},
		{handle: "emma", name: "Emma Lindqvist", role: "Account Executive, Mid-Market", manager: "daniel", teams: []string{"sales"}},
		{handle: "maya", name: "Maya Goldberg", role: "Account Executive, Mid-Market", manager: "daniel", teams: []string{"sales"}},
		{handle: "hugo", name: "Hugo Laurent", role: "Sales Engineer", manager: "daniel", teams: []string{"sales"}},
		{handle: "leo", name: "Leo Schmidt", role: "Sales Development Representative", manager: "daniel", teams: []string{"sales"}},

		// Hired during the story (the hiring key result counts them).
		{handle: "ivan", name: "Ivan Horvat", role: "Senior Backend Engineer", manager: "tomas", teams: []string{"platform"}, joins: -31},
		{handle: "noor", name: "Noor Khalil", role: "Full-Stack Engineer", manager: "raj", teams: []string{"onboarding"}, joins: -17},
	}
}

func northwindMission() goalSpec {
	return goalSpec{
		key:   "mission",
		title: "Make every customer successful in a week",
		desc: "Northwind turns a company's operational data into dashboards people actually use. " +
			"We win when a new customer sees their own numbers in the first week and is still " +
			"opening Northwind every Monday a year later.",
		owner: "amara", team: "leadership",
	}
}

func northwindStrategic() []goalSpec {
	return []goalSpec{
		{key: "s-selfserve", title: "Grow self-serve revenue", owner: "mei", team: "product",
			desc: "Most customers find us, try us and buy without talking to anyone. A faster, more " +
				"valuable path through that funnel is the cheapest growth we have."},
		{key: "s-midmarket", title: "Win the mid-market", owner: "daniel", team: "sales",
			desc: "Companies of 200 to 2,000 people need a security review, single sign-on and a human " +
				"to talk to. We want them to choose Northwind without a custom deal every time."},
		{key: "s-platform", title: "Build a platform others use", owner: "jonas", team: "platform",
			desc: "A fast, reliable core and a public API, so partners and our own teams build on it " +
				"instead of around it."},
		{key: "s-support", title: "Support that customers brag about", owner: "lucia", team: "support",
			desc: "Fast, human answers, and a support team that removes the reason for the ticket, " +
				"not just the ticket."},
		{key: "s-people", title: "A place people want to work", owner: "hannah", team: "leadership",
			desc: "Hire the people we plan for, help them grow, and keep them: a team that stays is a " +
				"product that improves."},
	}
}
