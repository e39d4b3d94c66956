package demo

// Word lists for Synthetic. Read only. Team words and first names must not
// overlap, so a team's handle is never also a person's.

var teamAreas = []string{
	"Billing", "Search", "Growth", "Payments", "Mobile", "Identity", "Checkout", "Reporting", "Ingestion",
	"Storage", "Notifications", "Integrations", "Marketplace", "Compliance", "Pricing", "Analytics",
	"Infrastructure", "Developer Experience", "Onboarding", "Support Tooling", "Fraud", "Localisation",
	"Design Systems", "Data Platform", "Release Engineering", "Customer Success", "Partnerships", "Field Sales",
	"Inside Sales", "Finance Systems", "Procurement", "Legal Operations", "Talent", "Workplace", "Accessibility",
}

var teamPrefixes = []string{
	"Core", "Edge", "Enterprise", "Self-Serve", "EMEA", "Americas", "APAC", "Platform", "Product", "Internal",
	"Public", "Partner", "Realtime", "Batch", "Web", "API", "Trust", "Revenue", "Quality", "Commerce",
}

var firstNames = []string{
	"Aaliyah", "Abdul", "Ada", "Adrian", "Aisha", "Akira", "Alba", "Alejandro", "Amir", "Ana", "Andrei", "Anika",
	"Antoine", "Arash", "Astrid", "Ayesha", "Bastian", "Beatriz", "Bilal", "Bjorn", "Bronwen", "Callum", "Camila",
	"Carlos", "Chen", "Chiara", "Dalia", "Daniela", "Darius", "Deepa", "Dmitri", "Eero", "Efua", "Eleni", "Elif",
	"Emeka", "Esther", "Fatima", "Felipe", "Femi", "Fiona", "Gabriel", "Giulia", "Hamid", "Hana", "Hiroshi",
	"Ibrahim", "Ida", "Ignacio", "Ilse", "Imani", "Ingrid", "Isabel", "Jakub", "Jamal", "Javier", "Jin", "Joao",
	"Johanna", "Jun", "Kai", "Karim", "Katarina", "Kenji", "Kiran", "Lars", "Layla", "Leila", "Liam", "Lin",
	"Lorenzo", "Lucas", "Magnus", "Malik", "Mariana", "Mateo", "Matilda", "Mehmet", "Mia", "Mina", "Mohammed",
	"Nadia", "Naveen", "Nia", "Niamh", "Nils", "Olga", "Omar", "Oskar", "Paula", "Pavel", "Rahul", "Rania",
	"Rashid", "Rosa", "Ruben", "Saanvi", "Sakura", "Salma", "Santiago", "Sara", "Selin", "Sergio", "Shreya",
	"Sienna", "Simone", "Sipho", "Sven", "Tariq", "Thandiwe", "Theo", "Tobias", "Uma", "Valentina", "Vikram",
	"Wanjiru", "Xavier", "Yara", "Yasmin", "Yuki", "Zainab", "Zara", "Zeynep",
}

var lastNames = []string{
	"Abbasi", "Adeyemi", "Almeida", "Andersen", "Bauer", "Bianchi", "Brennan", "Castillo", "Chowdhury", "Costa",
	"Dahl", "Delgado", "Dubois", "Eriksson", "Farouk", "Fischer", "Garcia", "Gupta", "Haddad", "Hansen",
	"Hernandez", "Horvath", "Ibrahim", "Ivanova", "Jansen", "Kaur", "Kim", "Kowalski", "Kruger", "Larsen",
	"Lee", "Lindgren", "Lopez", "Mahlangu", "Martins", "Moreau", "Mwangi", "Nakamura", "Nguyen", "Novak",
	"Nowak", "Okafor", "Olsen", "Osei", "Park", "Pereira", "Petrov", "Popescu", "Quinn", "Rahman", "Reyes",
	"Rossi", "Sato", "Schmidt", "Sharma", "Silva", "Singh", "Sokolova", "Suzuki", "Tan", "Tanaka", "Torres",
	"Van Dijk", "Vargas", "Wagner", "Walsh", "Wang", "Weber", "Yilmaz", "Yusuf", "Zhang", "Zimmermann",
}

var roles = []string{
	"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Product Manager", "Product Designer",
	"Data Analyst", "Data Engineer", "Site Reliability Engineer", "Engineering Manager", "Account Executive",
	"Customer Success Manager", "Support Engineer", "Security Engineer", "QA Engineer", "Technical Writer",
	"Finance Analyst", "Recruiter", "Programme Manager", "Solutions Engineer", "UX Researcher",
}

var strategicVerbs = []string{"Grow", "Win", "Earn", "Build", "Become", "Deliver", "Own"}

var strategicObjects = []string{
	"self-serve revenue", "the mid-market", "enterprise trust", "a platform others build on",
	"support customers recommend", "a place people want to work", "the best data quality in our market",
	"international revenue", "a partner ecosystem", "efficient growth",
}

var objectiveVerbs = []string{
	"Improve", "Reduce friction in", "Grow", "Launch", "Simplify", "Automate", "Scale", "Modernise", "Harden",
	"Streamline", "Rebuild", "Measure", "Speed up", "Open up",
}

var objectiveObjects = []string{
	"the billing pipeline", "customer onboarding", "partner integrations", "the mobile app", "search relevance",
	"data quality", "the release process", "support response", "the reporting suite", "infrastructure costs",
	"account provisioning", "the checkout flow", "internal tooling", "incident response", "the public API",
	"pricing and packaging", "trial conversion", "the help centre", "access management", "usage analytics",
}

var qualifiers = []string{
	"for mid-market accounts", "across Europe", "in the self-serve funnel", "for new customers",
	"for our largest accounts", "without adding headcount", "before the peak season", "for partners",
	"in every region", "for regulated industries",
}

type metricWord struct {
	name          string
	unit          string
	lo, hi        float64
	lowerIsBetter bool
}

var metrics = []metricWord{
	{"Weekly active accounts", "accounts", 200, 5000, false},
	{"Trial-to-paid conversion", "%", 3, 15, false},
	{"Median first response time", "hours", 2, 24, true},
	{"p95 page load time", "ms", 400, 3000, true},
	{"Customer satisfaction", "%", 75, 95, false},
	{"Monthly churn", "%", 1, 6, true},
	{"Net revenue retention", "%", 95, 125, false},
	{"Deploys per week", "deploys", 5, 60, false},
	{"Open critical bugs", "bugs", 5, 60, true},
	{"Failed jobs per day", "jobs", 10, 300, true},
	{"Activation rate", "%", 20, 60, false},
	{"Qualified pipeline", "kUSD", 200, 3000, false},
	{"Deals closed", "deals", 2, 40, false},
	{"Cloud cost per account", "USD", 4, 30, true},
	{"Time to resolve incidents", "minutes", 20, 240, true},
	{"Test coverage of critical paths", "%", 40, 90, false},
	{"Accounts on single sign-on", "accounts", 10, 400, false},
	{"Tickets per 100 accounts", "tickets", 5, 40, true},
}

var segments = []string{
	"(self-serve)", "(mid-market)", "(enterprise)", "(EMEA)", "(Americas)", "(APAC)", "(new accounts)",
	"(partners)", "(mobile)", "(web)", "(API)", "(all accounts)",
}

var updateClauses = []string{
	"moving as planned", "slower than hoped this cycle", "the new release helped", "waiting on a dependency",
	"one big customer skews the number", "seasonal dip as expected", "the experiment is still running",
	"best week so far", "flat while the team was on incident duty", "recovering after last week's outage",
}

var problems = []string{
	"Blocked on a decision from another team", "Two people out sick this sprint", "Vendor API is rate-limiting us",
	"Scope grew after customer interviews", "The data for this metric arrives late", "An incident took half the sprint",
	"Waiting on a security review", "Hiring for the role is behind plan",
}

var asks = []string{
	"a decision by the end of the week", "one engineer for two sprints", "review of the proposal",
	"access to the production dashboards", "an introduction to the customer's IT team", "help with the load test",
}

var plans = []string{
	"Ship the next slice behind a flag", "Run the experiment for two more weeks", "Pair with the platform team on the fix",
	"Interview five customers", "Write up the options for a decision", "Automate the manual step",
	"Move the rollout to all accounts", "Clean up the backlog of small fixes",
}

var wins = []string{
	"Best week of the quarter", "A customer wrote in to say thanks", "Cut the manual work in half",
	"Zero incidents this cycle", "First partner live", "Closed a long-running support issue",
}

var decisionVerbs = []string{"Adopt", "Replace", "Retire", "Standardise on", "Move", "Split", "Introduce", "Outsource", "Build", "Buy"}

var decisionObjects = []string{
	"the message queue", "feature flags", "the on-call rota", "the design system", "our CI runners",
	"customer data exports", "the staging environments", "the metrics layer", "regional hosting",
	"the mobile release train", "contract templates", "the pricing page", "the support tooling", "API authentication",
}

var decisionTails = []string{
	"for all teams", "this quarter", "before the audit", "for new services only", "in two phases",
	"with a one-month trial", "across regions", "to cut costs",
}

var contexts = []string{
	"The current approach grew piece by piece and nobody owns it end to end.",
	"Costs have doubled in a year while usage grew by a third.",
	"Customers have asked for this in most of our recent renewals.",
	"Two incidents this quarter were traced back to this area.",
	"The team spends about a day a week on manual work here.",
	"A regulation coming into force next year requires a change.",
	"The vendor announced the end of support for the version we use.",
	"New hires take weeks to become productive in this part of the system.",
}

var driverList = []string{
	"Reliability", "Cost", "Time to market", "Security and compliance", "Team capacity", "Customer experience",
	"Operational simplicity", "Vendor risk",
}

var tags = []string{"platform", "security", "cost", "hiring", "pricing", "data", "api", "support", "compliance", "process"}

var optionTitles = []string{
	"Keep the current approach", "Buy a managed service", "Build it in-house", "Adopt the open-source option",
	"Run a time-boxed trial first", "Phase it in team by team", "Outsource to a partner", "Wait a quarter",
}

var goods = []string{
	"Quick to start", "Lower running cost", "Proven elsewhere", "No new vendor", "Full control",
	"Less on-call burden", "Easy to reverse",
}

var bads = []string{
	"Higher up-front cost", "Another vendor to review", "Needs a migration", "Team has no experience with it",
	"Slower to deliver", "Harder to reverse", "Ongoing maintenance",
}

var rationales = []string{
	"Best balance of cost and risk for the next year.",
	"The only option the team can deliver this quarter.",
	"Reversible, so we can learn cheaply and revisit.",
	"Removes the on-call burden that caused the last two incidents.",
	"Customers asked for it, and the cost is modest.",
}

var deliverables = []string{
	"Migration plan", "Runbook", "Launch checklist", "Data export", "Customer communication", "Training session",
	"API documentation", "Security review", "Pricing update", "Dashboard", "Test plan", "Release notes",
}

var deliverablePrefixes = []string{"Q1", "Q2", "Q3", "Q4", "Beta", "v2", "EMEA", "Enterprise", "Partner", "Internal"}

var expectations = []string{
	"The receiving team can run this without help from the sending team.",
	"Questions answered within a working day for the first month.",
	"Hand-over call scheduled within two working days of delivery.",
}

var acceptance = []string{
	"Reviewed by the receiving team", "Linked from the team's wiki", "Tested end to end", "Owner named",
	"Alerts and dashboards in place", "Signed off by the accountable person",
}
