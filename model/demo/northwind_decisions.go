package demo

import "github.com/accordhq/accord/model"

func opt(id, title string, good, bad []string) model.Option {
	return model.Option{ID: id, Title: title, Good: good, Bad: bad}
}

func list(s ...string) []string { return s }

// northwindDecisions are in the order they are first written; a decision
// that supersedes another comes after it. Days are offsets from today; the
// organisation is set up on day -95.
func northwindDecisions() []decisionSpec {
	const (
		proposed   = model.DecisionProposed
		accepted   = model.DecisionAccepted
		rejected   = model.DecisionRejected
		deprecated = model.DecisionDeprecated
		draft      = model.DecisionDraft
	)
	return []decisionSpec{
		// The upload-size chain: 10 MB in the browser → 50 MB streamed →
		// direct upload to object storage.
		{key: "csv10", title: "Limit CSV uploads to 10 MB and parse them in the browser",
			driver: "raj", approver: "mei", makers: list("mei", "raj"), consulted: list("platform"), informed: list("support"),
			context: "The first version of CSV import parses the whole file in the browser and sends rows to the API in batches. " +
				"Above about 10 MB the tab runs out of memory on customers' laptops and the import fails without a useful error.\n\n" +
				"We need a limit we can explain to customers today, before there is a proper upload path on the server.\n",
			drivers: list("Imports that fail without an error are our top onboarding ticket",
				"No backend engineer is free to build server-side parsing this quarter"),
			options: []model.Option{
				opt("cap10", "Cap uploads at 10 MB and say so in the upload dialog",
					list("Ships in a day", "Customers know the limit before they try"),
					list("Larger exports must be split by hand")),
				opt("chunked", "Parse in a web worker in chunks, with no cap",
					list("No limit for customers"),
					list("Two to three weeks of front-end work", "Still bounded by the memory of the customer's laptop")),
			},
			chosen: "cap10", rationale: "A clear limit beats a silent failure. We revisit this when Platform can build a server-side path.",
			consequences: "- The upload dialog states the 10 MB limit.\n- Support has a macro explaining how to split large exports.\n" +
				"- Server-side parsing goes on Platform's roadmap.\n",
			goals: list("s-selfserve"), tags: list("onboarding", "imports"), decidedOn: -165,
			steps: []step{{-91, accepted, "mei"}}},
		{key: "csv50", title: "Cap CSV uploads at 50 MB and parse them as a stream",
			driver: "raj", approver: "mei", makers: list("mei", "raj"), consulted: list("platform", "security"), informed: list("support", "onboarding"),
			context: "Customers upload exports of up to 2 GB; in the browser, imports fail above 10 MB ({dec:csv10}). Platform has a " +
				"streaming parser that runs on the import service and keeps memory flat whatever the file size.\n\n" +
				"The import wizard cannot ship until we know the largest file it must accept.\n",
			drivers: list("Failed imports are the biggest cause of slow starts", "The import wizard is blocked on this",
				"Keep infrastructure changes small this quarter"),
			options: []model.Option{
				opt("cap50", "50 MB cap and a streaming parser on the import service",
					list("Fits the current infrastructure", "Ready in a sprint"),
					list("Large customers must split files")),
				opt("direct", "Direct upload to object storage, asynchronous import",
					list("No size cap"),
					list("Three more weeks", "A new security review")),
				opt("keep", "Keep the 10 MB browser limit",
					list("No work"),
					list("A quarter of first imports keep failing")),
			},
			chosen: "cap50", rationale: "Unblocks the import wizard now. We revisit direct upload once mid-market trials show how big their files really are.",
			consequences: "- The wizard accepts files up to 50 MB and streams them to the import service.\n" +
				"- Files over 50 MB get a clear error that links to the help article on splitting exports.\n" +
				"- Platform owns the streaming parser; Onboarding owns the wizard.\n",
			goals: list("p-connect|c-imports", "p-days|c-days"), tags: list("onboarding", "imports", "platform"),
			supersedes: "csv10", reviewDays: 90,
			steps: []step{{-41, proposed, "raj"}, {-30, accepted, "mei"}}},
		{key: "nightly", title: "Run product analytics as a nightly batch job",
			driver: "ines", approver: "jonas", makers: list("jonas", "ines"), consulted: list("platform"), informed: list("product", "leadership"),
			context: "Product analytics is a set of SQL scripts that a cron job runs against a replica of the production database. " +
				"They fail quietly, and nobody knows which numbers are current.\n\n" +
				"We want one scheduled job whose results everyone can find, without building a streaming system we would have to staff.\n",
			drivers: list("Numbers in the board pack must match what product teams see", "The data team is two people",
				"Load on the replica must stay predictable"),
			options: []model.Option{
				opt("nightly", "One nightly batch into the warehouse, orchestrated and monitored",
					list("Simple to run and to reason about", "Fits the warehouse's off-peak pricing"),
					list("Numbers are up to a day old")),
				opt("stream", "Stream events into the warehouse in near real time",
					list("Fresh numbers"),
					list("Needs an on-call rota for the pipeline", "Months of work for two people")),
			},
			chosen: "nightly", rationale: "A day-old number everyone trusts is worth more than a live number nobody does. We revisit when product teams need numbers within the day.",
			consequences: "- Every product metric is computed once a night and ready by 07:00 CET.\n- The cron scripts are retired.\n" +
				"- Dashboards show an 'as of' time.\n",
			goals: list("s-platform"), tags: list("data", "analytics"), decidedOn: -150,
			steps: []step{{-89, accepted, "jonas"}}},
		{key: "remote", title: "Hire engineers remote-first, within three hours of Central European Time",
			driver: "hannah", approver: "amara", makers: list("amara", "jonas", "hannah"), consulted: list("felix", "tomas", "raj"),
			informed: list("leadership", "platform", "onboarding", "data"),
			context: "We have six open engineering roles and a Berlin office with desks for four. The last two senior candidates we " +
				"lost both wanted to stay where they live, and most of the team already works from home two or three days a week.\n",
			drivers: list("Hire senior engineers faster", "Keep enough overlap for pairing and incident response",
				"Employment law and payroll we can handle"),
			options: []model.Option{
				opt("remote", "Remote-first within three hours of CET, through an employer of record where we have no entity",
					list("A much larger pool of candidates", "Overlap for most of the working day"),
					list("Employer-of-record fees", "Relationships take more effort")),
				opt("office", "Office-first in Berlin, with relocation support",
					list("Easiest collaboration"),
					list("The pool is too small for senior roles")),
				opt("anywhere", "Fully remote, any time zone",
					list("The largest pool"),
					list("No overlap for incidents or pairing")),
			},
			chosen: "remote", rationale: "The pool of senior engineers within three hours of CET is large enough, and the overlap keeps pairing and on-call workable. We meet in person for a week every quarter.",
			consequences: "- Job ads say remote within CET ±3 hours.\n- A budget for a team week in person each quarter.\n" +
				"- The Berlin office stays, as a place to meet rather than a requirement.\n",
			goals: list("s-people", "p-hiring"), tags: list("hiring", "people"), reviewDays: 365,
			steps: []step{{-87, proposed, "hannah"}, {-80, accepted, "amara"}}},
		{key: "ie11", title: "Support Internet Explorer 11 in the dashboard viewer",
			driver: "raj", approver: "mei", makers: list("mei", "raj"), consulted: list("support"), informed: list("sales"),
			context: "Two public-sector logistics customers can only use Internet Explorer 11 on their warehouse terminals. " +
				"They view dashboards; they never edit them.\n",
			drivers: list("Keep two customers who pay for 400 seats between them", "Do not slow down front-end work for everyone else"),
			options: []model.Option{
				opt("viewer", "Support IE11 for viewing dashboards only, with a separate compatibility build",
					list("Both customers keep working", "The editor stays modern"),
					list("A second build to test on every release")),
				opt("none", "Drop IE11 support",
					list("One build, modern JavaScript everywhere"),
					list("Two customers cannot use the product")),
			},
			chosen: "viewer", rationale: "The compatibility build costs an hour a release; losing 400 seats costs far more.",
			goals: list("s-selfserve"), tags: list("frontend", "customers"), decidedOn: -480,
			note: "**Deprecated on {date}.** Both customers moved their terminals to Edge in the summer, and IE11 now accounts " +
				"for under 0.1% of dashboard views. The compatibility build has been removed.",
			steps: []step{{-86, accepted, "mei"}, {-44, deprecated, "raj"}}},
		{key: "onprem", title: "Offer on-premise installs for enterprise pilots",
			driver: "daniel", approver: "amara", makers: list("amara", "daniel"), consulted: list("platform", "security"), informed: list("support"),
			context: "Large prospects in regulated industries ask whether Northwind can run inside their own network. " +
				"We have no SOC 2 report and no single sign-on, so an on-premise pilot is the only way past their security teams.\n",
			drivers: list("Get past security teams without a SOC 2 report", "Win reference customers in regulated industries"),
			options: []model.Option{
				opt("pilot", "On-premise installs for paid pilots only, installed by Platform",
					list("Opens doors we cannot open otherwise"),
					list("Each install takes about two engineer-weeks", "Upgrades are manual")),
				opt("saas", "SaaS only",
					list("One product to run"),
					list("Regulated prospects walk away")),
			},
			chosen: "pilot", rationale: "Worth trying for a year while the SOC 2 work is under way; we will look again when we have a report.",
			goals: list("s-midmarket"), tags: list("sales", "platform"), decidedOn: -420,
			note: "**Deprecated on {date}.** No on-premise pilot converted in eighteen months, and each install cost two engineer-weeks. " +
				"With a SOC 2 report in hand, mid-market buyers accept SaaS.",
			steps: []step{{-84, accepted, "amara"}, {-60, deprecated, "amara"}}},
		{key: "postgres", title: "Move the primary database to a managed Postgres service",
			driver: "samir", approver: "jonas", makers: list("jonas", "tomas"), consulted: list("security", "felix", "data"), informed: list("support"),
			context: "We run Postgres ourselves on three virtual machines. Upgrades, backups and failover take about a day a week of " +
				"Samir's time, and the last failover test took 40 minutes instead of the 5 we promise customers.\n\n" +
				"SOC 2 will also ask us to prove that backups restore.\n",
			drivers: list("Failover in under five minutes", "A day a week of Platform's time back", "Cost neutral within 10%"),
			options: []model.Option{
				opt("managed", "Managed Postgres from our cloud provider, with a standby in a second zone",
					list("Automated backups, point-in-time restore and failover", "A restore test is one API call"),
					list("About 20% more expensive at list price", "Less control over extensions")),
				opt("operator", "Keep self-hosting and automate failover with a Kubernetes operator",
					list("Full control", "Cheapest"),
					list("Still our pager", "Weeks of work to reach the same guarantees")),
			},
			chosen: "managed", rationale: "With reserved pricing the difference is under 8%, and a day a week comes back to the team. Both extensions we use are supported.",
			consequences: "- Migration in two steps: read replicas first, then the primary in a 30-minute window.\n" +
				"- A monthly automated restore test, which is also SOC 2 evidence.\n- Cost per active account is tracked as a KPI.\n",
			goals: list("p-cost", "p-ingest"), tags: list("platform", "cost", "soc2"), reviewDays: 180,
			steps: []step{{-83, proposed, "samir"}, {-76, accepted, "jonas"}}},
		{key: "reviews", title: "Require a second reviewer for every change to production infrastructure",
			driver: "samir", approver: "tomas", makers: list("tomas", "kwame"), consulted: list("farah"), informed: list("data", "onboarding"),
			context: "Collecting SOC 2 evidence showed that about 15% of infrastructure changes in our sample reached production without review. " +
				"Most were small, but one of them caused last month's two-hour import outage.\n\n" +
				"The auditor will test this control again during the Type II period.\n",
			drivers: list("The SOC 2 change-management control", "Fewer self-inflicted outages", "Must not slow down incident fixes"),
			options: []model.Option{
				opt("required", "Branch protection: one approving review required, with a logged break-glass for incidents",
					list("Enforced by the tool", "Audit evidence for free"),
					list("Slows down small changes when the team is thin")),
				opt("policy", "A written policy, checked monthly by Security",
					list("No tooling change"),
					list("Depends on people remembering", "Weak evidence")),
			},
			chosen: "required", rationale: "Only enforcement produces audit evidence by itself. Break-glass covers incidents, and every use is reviewed the next working day.",
			consequences: "- Applies to the infrastructure and deployment repositories.\n- A break-glass merge pages the security on-call.\n" +
				"- Platform arranges its rota so a reviewer is online throughout working hours.\n",
			goals: list("p-soc2"), tags: list("security", "soc2", "platform"), reviewDays: 365,
			steps: []step{{-73, proposed, "samir"}, {-68, accepted, "tomas"}}},
		{key: "freetier", title: "Replace the 14-day trial with a free tier",
			driver: "yusuf", approver: "mei", makers: list("mei", "oliver"), consulted: list("felix", "support", "platform"), informed: list("sales"),
			context: "Competitors offer free plans, and some prospects tell us 14 days is not enough to get their data in. " +
				"A free tier could widen the top of the funnel.\n",
			drivers: list("More sign-ups", "Hosting cost per free account", "Support load"),
			options: []model.Option{
				opt("free", "A free tier: one user, three dashboards, forever",
					list("More sign-ups", "Word of mouth from individual analysts"),
					list("Hosting cost for accounts that never pay", "Support load from free users")),
				opt("trial", "Keep the 14-day trial of the full product, with one 14-day extension on request",
					list("Trial users see the full product", "Known conversion economics"),
					list("Some prospects still need longer")),
			},
			chosen: "trial", rationale: "Rejected: at our price point a free tier would roughly double hosting costs for sign-ups that rarely convert. Trial extensions on request solve the real problem, which is getting data in.",
			goals: list("p-trial"), tags: list("pricing", "self-serve"),
			steps: []step{{-75, proposed, "yusuf"}, {-67, rejected, "mei"}}},
		{key: "sso", title: "Buy SAML single sign-on from a hosted identity broker",
			driver: "zoe", approver: "kwame", makers: list("kwame", "jonas"), consulted: list("platform", "sales", "felix"), informed: list("support", "onboarding"),
			context: "Mid-market prospects make SAML single sign-on a condition of signing, and every security questionnaire asks about it. " +
				"Today we offer only email and password, with optional two-factor authentication.\n\n" +
				"SSO is not one protocol but a long tail of identity providers, each with its quirks, and whatever we build becomes part of our attack surface.\n",
			drivers: list("Mid-market deals are blocked on it", "We have one security engineer",
				"Enforced SSO and SCIM provisioning will be the next requests"),
			options: []model.Option{
				opt("broker", "A hosted identity broker for SAML and SCIM",
					list("Weeks, not months", "The broker keeps up with identity-provider quirks", "SCIM comes almost free"),
					list("A fee per connection", "Another vendor in our own security review")),
				opt("build", "Build SAML in-house on an open-source library",
					list("No per-connection fees", "Full control"),
					list("Three months of Zoë's time", "We own every XML-signature vulnerability")),
				opt("wait", "Wait until a large customer pays for it",
					list("No cost now"),
					list("Deals slip while we wait")),
			},
			chosen: "broker", rationale: "Time matters more than the fee: at our prices the broker costs less than one lost deal a year. We revisit building it ourselves above 200 connections.",
			consequences: "- SSO ships as a beta to two customers, then to every mid-market plan.\n" +
				"- The broker joins our list of subprocessors and the SOC 2 vendor review.\n" +
				"- SSO is included in mid-market plans, not sold separately.\n",
			goals: list("p-deals|c-sso", "s-midmarket"), tags: list("security", "sso", "mid-market"), reviewDays: 180,
			steps: []step{{-60, proposed, "zoe"}, {-52, accepted, "kwame"}}},
		{key: "checklist", title: "Replace onboarding emails with an in-product checklist",
			driver: "chloe", approver: "raj", makers: list("raj", "mei"), consulted: list("sofia", "support"), informed: list("sales"),
			context: "New accounts get seven onboarding emails in their first two weeks. Open rates fall from 61% on the first to 9% " +
				"by the fourth, and Support hears \"I didn't see the email\" every week.\n\n" +
				"The steps that matter (connect a source, build a dashboard, invite a colleague) happen in the product, so the guidance should too.\n",
			drivers: list("Activation within seven days", "Fewer 'how do I' tickets", "Respect people's inboxes"),
			options: []model.Option{
				opt("checklist", "A dismissable checklist in the product, keeping two emails (welcome and a day-five nudge)",
					list("Guidance where people are working", "Each step can be measured"),
					list("Takes space in the interface", "Two weeks of front-end work")),
				opt("emails", "Rewrite the emails and test subject lines",
					list("No product work"),
					list("Still competing with everything else in an inbox")),
				opt("tour", "A guided product tour on first login",
					list("Rich and visual"),
					list("People skip tours", "The sample-data tour already covers the first login")),
			},
			chosen: "checklist", rationale: "Put the guidance in the product, keep the two emails that work, and measure every step. Sofia's designs keep the checklist out of the way once dismissed.",
			consequences: "- Five onboarding emails are switched off.\n" +
				"- Each checklist step is an event in the metrics layer.\n",
			goals: list("p-connect|c-activation"), tags: list("onboarding", "activation"), reviewDays: 90,
			steps: []step{{-60, proposed, "chloe"}, {-54, accepted, "raj"}}},
		{key: "apiversion", title: "Version the public API in the URL path",
			driver: "grace", approver: "tomas", makers: list("tomas", "grace"), consulted: list("hugo", "security"), informed: list("support", "sales"),
			context: "The public API goes to partners this quarter. Once a partner builds on it we cannot change it freely, " +
				"so we need a versioning rule before the first partner gets keys.\n",
			drivers: list("Partners must be able to pin a version", "Easy for partners' developers to see and debug",
				"Our gateway must route versions without custom code"),
			options: []model.Option{
				opt("path", "Major version in the path (/v1/…), additive changes without a new version",
					list("Visible in every log line and curl example", "Trivial to route"),
					list("A new major version duplicates routes")),
				opt("header", "A date-based version in a request header",
					list("Fine-grained evolution"),
					list("Invisible in URLs and easy to forget", "Needs version-transform code we do not have")),
			},
			chosen: "path", rationale: "Partners' developers debug with curl and logs, so the version belongs where they look. We support a major version for twelve months after its successor ships.",
			consequences: "- /v1 is frozen for breaking changes.\n- Deprecations are announced in the changelog 90 days ahead.\n" +
				"- The API reference is generated per version from the OpenAPI file.\n",
			goals: list("s-platform"), tags: list("api", "platform"),
			steps: []step{{-62, proposed, "grace"}, {-57, accepted, "tomas"}}},
		{key: "rust", title: "Rewrite the query engine in Rust",
			driver: "marcus", approver: "jonas", makers: list("jonas", "tomas"), consulted: list("platform", "data"), informed: list("onboarding"),
			context: "p95 query latency is stuck around 1.3 seconds for large accounts, and the query engine's memory use limits how many " +
				"queries a node can run. Marcus prototyped the aggregation path in Rust: three times faster on our benchmark suite.\n",
			drivers: list("Dashboard latency for large accounts", "Memory per query", "Engineering time this year"),
			options: []model.Option{
				opt("rewrite", "Rewrite the query engine in Rust",
					list("Large speed-up on aggregations", "Predictable memory use"),
					list("Two engineers for most of a year", "A second language to hire for")),
				opt("planner", "Rollups for large accounts plus the query planner fix",
					list("Expected to reach 800 ms p95 this quarter", "Incremental"),
					list("Rollups add storage cost")),
			},
			chosen: "planner", rationale: "Rejected: the rewrite would take two engineers most of a year, and rollups plus the planner fix should get p95 below 800 ms this quarter. The prototype stays as a benchmark reference.",
			goals: list("p-latency|c-latency"), tags: list("platform", "performance"),
			steps: []step{{-70, proposed, "marcus"}, {-62, rejected, "jonas"}}},
		{key: "annual", title: "Make annual billing the default on the pricing page",
			driver: "oliver", approver: "mei", makers: list("mei", "oliver"), consulted: list("felix", "sales", "support"), informed: list("onboarding", "leadership"),
			context: "Moving the annual toggle up the page took annual plans from 18% to 26% of new self-serve revenue. Annual customers " +
				"churn at a third of the monthly rate, and prepayments fund the hiring plan.\n\n" +
				"The open question is whether to pre-select annual, which some customers find pushy.\n",
			drivers: list("Cash up front funds hiring", "Annual customers churn less", "Do not hurt trial-to-paid conversion"),
			options: []model.Option{
				opt("default", "Pre-select annual, with monthly one click away",
					list("The biggest expected lift"),
					list("Can feel pushy", "A risk to conversion for price-sensitive segments")),
				opt("badge", "Keep monthly selected and add a 'two months free' badge to annual",
					list("No risk to conversion"),
					list("A small lift; most of it came last quarter")),
				opt("annualonly", "Annual-only plans for new customers",
					list("The simplest billing"),
					list("Shuts out agencies and small teams who test for a month")),
			},
			chosen: "default", rationale: "Run it as a 50/50 test for four weeks with a stop rule: end it if trial-to-paid drops by more than half a point, otherwise roll it out.",
			consequences: "- Oliver owns the test; Yusuf owns the analysis.\n" +
				"- Support has a macro to switch anyone to monthly after purchase, no questions asked.\n" +
				"- Agencies may need to be excluded if they convert worse.\n",
			goals: list("p-annual|c-annualrev", "p-trial|c-trial"), tags: list("pricing", "self-serve"), reviewDays: 90,
			steps: []step{{-42, proposed, "oliver"}, {-35, accepted, "mei"}}},
		{key: "outsource", title: "Outsource first-line support to an agency",
			driver: "priya", approver: "amara", makers: list("amara", "priya"), consulted: list("lucia", "nadia", "felix"), informed: list("support"),
			context: "Covering the late shift and weekends with our own team costs two more hires. An agency quoted a monthly fee for " +
				"first-line coverage around the clock, escalating to our team for anything technical.\n",
			drivers: list("Coverage outside CET working hours", "Cost", "CSAT and what customers say about us"),
			options: []model.Option{
				opt("agency", "An agency for first-line support around the clock",
					list("Coverage at once", "Cheaper than two hires"),
					list("Agents do not know the product", "Customers notice the difference")),
				opt("inhouse", "Hire for the late shift and add a weekend rota in-house",
					list("Keeps quality and product knowledge", "Support learns what hurts customers first-hand"),
					list("Two hires and rota pay")),
			},
			chosen: "inhouse", rationale: "Rejected: our support is part of the product, and 'Support that customers brag about' is a strategic goal. We hire for the late shift and run a weekend rota.",
			goals: list("s-support"), tags: list("support", "cost"),
			steps: []step{{-48, proposed, "priya"}, {-41, rejected, "amara"}}},
		{key: "hourly", title: "Build product metrics as hourly incremental models",
			driver: "ines", approver: "jonas", makers: list("jonas", "ines"), consulted: list("platform", "product", "lena"), informed: list("leadership", "onboarding"),
			context: "The nightly batch ({dec:nightly}) has served us well, but it now takes four hours and blocks the warehouse every morning. " +
				"Product teams running experiments wait a day for results, and Onboarding checks activation by hand in the afternoon.\n\n" +
				"This quarter's metrics-layer work is the chance to rebuild the models incrementally.\n",
			drivers: list("Experiments need results the same day", "The nightly window grows with data volume",
				"Warehouse cost must not grow more than 15%"),
			options: []model.Option{
				opt("hourly", "Hourly incremental models for events; nightly only for slowly changing dimensions",
					list("Data at most an hour old", "Each run touches only new rows, so it is cheaper per run"),
					list("More runs to monitor", "Late-arriving events need a backfill policy")),
				opt("bigger", "Keep nightly and buy a larger warehouse",
					list("No engineering work"),
					list("Doubles warehouse cost", "Numbers are still a day old")),
				opt("stream", "Streaming ingestion into a real-time store",
					list("Data seconds old"),
					list("A new system to run, and nobody to run it")),
			},
			chosen: "hourly", rationale: "Fresh enough for experiments, cheaper than a bigger warehouse, and work the data team can own. Late events are backfilled nightly for 72 hours.",
			consequences: "- The nightly batch shrinks to dimensions only, and is switched off for events once the hourly models are stable.\n" +
				"- Schema changes to event tables are announced a day ahead.\n- Freshness becomes a key result for the data team.\n",
			goals: list("s-platform", "p-ingest|c-fresh"), tags: list("data", "analytics"), supersedes: "nightly", reviewDays: 120,
			steps: []step{{-45, proposed, "ines"}, {-38, accepted, "jonas"}}},
		{key: "ratelimit", title: "Rate-limit the public API per token, not per account",
			driver: "marcus", approver: "tomas", makers: list("tomas", "grace"), consulted: list("zoe", "data"), informed: list("support", "sales"),
			context: "Both sandbox partners hit our rate limit within an hour. The limit (120 requests a minute per account) was set for our " +
				"own web app; a partner syncing in bulk shares it with the customer's own users, so one sync can lock a customer out of their dashboards.\n",
			drivers: list("Partners must not degrade the customer's own use", "Protect the database from runaway jobs",
				"Limits must be explainable in one sentence"),
			options: []model.Option{
				opt("pertoken", "600 requests a minute per API token, separate from the web app's budget",
					list("Partners cannot starve the web app", "Easy to explain"),
					list("A customer with many tokens can exceed what the database is sized for")),
				opt("raise", "Raise the per-account limit to 600 a minute",
					list("A one-line change"),
					list("A partner can still lock users out")),
				opt("quota", "Daily quotas per token, with bursts",
					list("Fits bulk syncs best"),
					list("Harder to explain and to build")),
			},
			chosen: "pertoken", rationale: "Separating partner traffic from people is what matters; 600 a minute covers both partners' syncs with room to spare. A ceiling of 2,000 a minute per account protects the database.",
			consequences: "- Limits are returned in response headers.\n" +
				"- Support can raise a token's limit on request, up to the account ceiling.\n",
			goals: list("s-platform", "p-ingest|c-partners"), tags: list("api", "platform"), reviewDays: 90,
			steps: []step{{-29, proposed, "marcus"}, {-22, accepted, "tomas"}}},
		{key: "eu", title: "Keep EU customers' data in an EU region by default",
			driver: "kwame", approver: "jonas", makers: list("jonas", "kwame", "amara"), consulted: list("platform", "farah", "sales"), informed: list("support"),
			context: "Security questionnaires from European mid-market buyers increasingly ask where data is stored. Today everything runs in " +
				"one US region. A second region doubles part of the infrastructure and complicates every migration.\n",
			drivers: list("Answer residency questions without a custom deal", "Cost of a second region", "Operational complexity"),
			options: []model.Option{
				opt("default", "An EU region, and every account with an EU billing address lives there",
					list("A simple answer for every European buyer"),
					list("Moving existing accounts", "Roughly 30% more infrastructure cost")),
				opt("onrequest", "An EU region for accounts that ask for it",
					list("Cost only where it is needed"),
					list("Two kinds of account to support")),
				opt("none", "Stay in one region and rely on contractual safeguards",
					list("No work"),
					list("Loses deals where residency is a hard requirement")),
			},
			tags: list("security", "platform", "mid-market"), goals: list("s-midmarket"),
			steps: []step{{-30, draft, "kwame"}, {-24, proposed, "kwame"}}},
		{key: "fourday", title: "Trial a four-day working week next summer",
			driver: "hannah", makers: list("amara", "hannah"), consulted: list("leadership"),
			context: "Several people asked for it in the engagement survey. Notes so far:\n\n" +
				"- Support and the on-call rotas would need cover on the fifth day.\n- Other companies our size report mixed results.\n" +
				"- We would need a clear way to measure whether it works.\n",
			options: []model.Option{
				opt("trial", "A three-month trial from June, four days at full pay, rotas adjusted",
					list("Strong signal that we listen"), list("Coverage is hard for Support")),
				opt("fridays", "No-meeting Fridays instead",
					list("Easy to try"), list("Not what people asked for")),
			},
			goals: list("s-people"), tags: list("people"),
			steps: []step{{-20, draft, "hannah"}}},
		{key: "chat", title: "Move support from email to in-app chat",
			driver: "lucia", approver: "priya", makers: list("priya", "lucia"), consulted: list("product", "security"), informed: list("sales"),
			context: "Half of our tickets are one-line questions that take a day of back-and-forth by email. A chat widget in the product " +
				"would answer them in minutes, and show us which page the customer was on.\n",
			drivers: list("Faster answers to simple questions", "Context about where the customer is stuck", "Do not create an always-on expectation we cannot staff"),
			options: []model.Option{
				opt("chat", "In-app chat during working hours, email otherwise",
					list("Minutes instead of a day for simple questions", "Page context with every conversation"),
					list("Agents juggle several chats at once", "A new tool and subprocessor")),
				opt("email", "Stay on email and improve macros",
					list("No change for the team"),
					list("Simple questions still take a day")),
			},
			goals: list("s-support"), tags: list("support"),
			steps: []step{{-19, proposed, "lucia"}}},
		{key: "onbpkg", title: "Sell a paid onboarding package with mid-market plans",
			driver: "daniel", approver: "amara", makers: list("amara", "daniel", "mei"), consulted: list("onboarding", "support", "felix"), informed: list("product"),
			context: "Mid-market buyers ask who will help them get set up. Today Sam and Raj's team do it for free, deal by deal, " +
				"and it does not scale past two kick-offs a week.\n",
			drivers: list("Predictable onboarding for large accounts", "Onboarding's capacity", "Do not slow the self-serve path"),
			options: []model.Option{
				opt("paid", "A fixed-price onboarding package: kick-off, data-source setup, two training sessions",
					list("Pays for the capacity it uses", "Buyers value what they pay for"),
					list("Adds a line to every negotiation")),
				opt("free", "Free onboarding for every mid-market plan, with a capacity cap",
					list("Simple to sell"),
					list("A waiting list when the cap is reached")),
			},
			goals: list("s-midmarket", "p-deals|c-closed"), tags: list("sales", "onboarding", "mid-market"),
			steps: []step{{-14, proposed, "daniel"}}},
		{key: "apipricing", title: "Charge for API usage above the plan allowance",
			driver: "oliver", makers: list("mei", "oliver"), consulted: list("platform", "sales"),
			context: "Partners will generate API traffic that our plans never priced. Before the fifth partner goes live we need a view on " +
				"whether heavy API use is part of the plan or an add-on.\n\nOpen questions: what counts as a request, and who pays, the partner or the customer?\n",
			options: []model.Option{
				opt("metered", "Metered pricing above an allowance per plan",
					list("Fair to light users"), list("Unpredictable bills")),
				opt("addon", "A flat API add-on per account",
					list("Predictable"), list("Light users subsidise heavy ones")),
				opt("free", "API included in every plan",
					list("No friction for partners"), list("Costs we do not recover")),
			},
			goals: list("s-platform"), tags: list("pricing", "api"),
			steps: []step{{-12, draft, "oliver"}}},
		{key: "planning", title: "Hold a planning week before each quarter",
			driver: "priya", approver: "amara", makers: list("amara", "priya"), consulted: list("leadership"), informed: list("product", "platform", "sales", "support"),
			context: "This quarter's objectives were written by each team on its own and reconciled afterwards, which is how Sales came to " +
				"depend on SSO before Security had planned it.\n\nProposal: the last week of each quarter, every team drafts objectives in Accord, " +
				"and leads review dependencies together on the Thursday.\n",
			drivers: list("Catch cross-team dependencies before the quarter starts", "Keep planning to one week"),
			options: []model.Option{
				opt("week", "A planning week with a shared dependency review",
					list("Dependencies surface early"), list("A week with less delivery")),
				opt("async", "Asynchronous planning in Accord with a deadline",
					list("No lost week"), list("Dependencies still found late")),
			},
			goals: list("s-people"), tags: list("planning"),
			steps: []step{{-10, proposed, "priya"}}},
		{key: "retirev0", title: "Retire the v0 import endpoints",
			driver: "elena", makers: list("tomas", "elena"), consulted: list("onboarding", "support"),
			context: "The v0 import endpoints predate the streaming parser and are used by 14 accounts' scripts. Draft: announce " +
				"retirement with 90 days' notice and migrate those accounts with Support.\n",
			options: []model.Option{
				opt("retire", "Retire with 90 days' notice", list("One import path to maintain"), list("14 accounts must change scripts")),
				opt("keep", "Keep them, frozen", list("Nobody is disturbed"), list("Security fixes in two code paths")),
			},
			goals: list("s-platform"), tags: list("api", "imports", "platform"),
			steps: []step{{-8, draft, "elena"}}},
		{key: "direct", title: "Upload large files straight to object storage and import them in the background",
			driver: "grace", approver: "jonas", makers: list("jonas", "mei", "tomas"), consulted: list("security", "onboarding"), informed: list("support", "sales"),
			context: "Since the 50 MB cap ({dec:csv50}) went live, failures below 50 MB have all but gone. What is left are mid-market trials " +
				"whose exports are 80 to 400 MB; three deals in the pipeline have hit the cap.\n\n" +
				"Security reviewed the bucket design in their last sprint. The remaining work is the background import job and progress reporting in the wizard.\n",
			drivers: list("Mid-market deals are blocked on file size", "The browser must never hold a large file",
				"Customer files must not linger in storage"),
			options: []model.Option{
				opt("direct", "Signed direct uploads to object storage, background import with progress",
					list("No practical size limit", "The browser never holds the file"),
					list("A second code path for imports", "Storage for files kept seven days")),
				opt("raise", "Raise the cap to 500 MB on the existing streaming parser",
					list("A small change"),
					list("Memory and timeouts at that size are untested", "Ties up an import worker for minutes")),
				opt("manual", "Keep 50 MB; Support imports larger files by hand",
					list("No engineering work"),
					list("Does not scale past a handful of customers", "Support handles customer data files")),
			},
			chosen: "direct", rationale: "Mid-market deals need it now, and Security has already signed off the design. Files are deleted seven days after import.",
			consequences: "- The wizard uploads anything over 50 MB straight to storage and shows import progress.\n" +
				"- Uploaded files are deleted seven days after import.\n- The streaming parser stays for small files.\n",
			goals: list("p-connect|c-imports", "p-days|c-days", "s-midmarket"), tags: list("onboarding", "imports", "platform"),
			supersedes: "csv50", reviewDays: 120,
			steps: []step{{-16, proposed, "grace"}, {-5, accepted, "jonas"}}},
		{key: "importprogress", title: "Poll for background import progress and email when an import finishes",
			driver: "ben", approver: "raj", makers: list("raj", "ben"), consulted: list("chloe", "platform", "support"), informed: list("sales"),
			context: "Direct upload ({dec:direct}) moves files over 50 MB into a background import that takes several minutes. The import " +
				"screen's progress bar was built for the streaming parser, which finishes while the page is open; a background import outlives the page.\n\n" +
				"In staging, testers closed the tab after a minute and uploaded the same file again. The wizard needs to show progress, and to tell " +
				"people when their data is in, before the three mid-market trials get direct upload.\n",
			drivers: list("People must see that a large import is running, and hear when it is done", "No new infrastructure before direct upload ships",
				"No return of the 'where is my data?' tickets"),
			options: []model.Option{
				opt("poll", "The wizard polls the import's status every five seconds; an email goes out when an import finishes with the tab closed",
					list("Works with the import service as it is", "People can leave and come back"),
					list("Progress lags by a few seconds", "More requests to the API while imports run")),
				opt("push", "Push progress to the browser over server-sent events",
					list("Live progress"),
					list("A long-lived connection our gateway does not support yet", "Platform work before direct upload can ship")),
				opt("email", "No progress in the wizard: only an email when the import finishes",
					list("The least work"),
					list("People watch a spinner for minutes", "Support hears 'where is my data?' again")),
			},
			goals: list("p-connect|c-imports", "p-days|c-days"), tags: list("onboarding", "imports"),
			steps: []step{{-3, proposed, "ben"}}},
	}
}
