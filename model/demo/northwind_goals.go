package demo

import "github.com/accordhq/accord/model"

const (
	onTrack  = model.HealthOnTrack
	atRisk   = model.HealthAtRisk
	offTrack = model.HealthOffTrack
	onHold   = model.HealthOnHold
	achieved = "achieved"
	partial  = "partially_achieved"
	missed   = "missed"
)

func ask(from, what string) model.Ask { return model.Ask{From: from, What: what} }

func northwindKPIs() []krSpec {
	return []krSpec{
		{key: "k-mrr", title: "Monthly recurring revenue", owner: "felix", team: "leadership",
			desc: "Target is the year-end plan agreed with the board.", unit: "kUSD",
			baseline: 610, target: 900, cadence: "monthly", beats: []beat{
				{p: 0.22, health: onTrack, summary: "{v} at month end. Self-serve grew faster than sales-assisted for the third month running."},
				{p: 0.31, health: onTrack, summary: "{v}. Two mid-market contracts started billing; annual prepayments show up in cash, not in MRR."},
				{p: 0.42, health: onTrack, summary: "{v}. Our best month for net new MRR this year, mostly from seat expansion in existing accounts."},
				{p: 0.5, health: atRisk, summary: "{v}. Growth slowed: fewer mid-market deals closed than planned, and the year-end target needs a strong final quarter.",
					asks: []model.Ask{ask("sales", "a weekly forecast of mid-market deals until year end")}},
			}},
		{key: "k-nrr", title: "Net revenue retention", owner: "felix", team: "leadership",
			desc: "Trailing twelve months, all paying accounts.", unit: "%",
			baseline: 104, target: 115, decimals: 0, cadence: "monthly", beats: []beat{
				{p: 0.1, health: atRisk, summary: "{v} net revenue retention over the trailing twelve months. Expansion is healthy; churn among small self-serve accounts is what holds it down."},
				{p: 0.18, health: atRisk, summary: "{v}. Two logos churned after their champions left; we had no second contact at either."},
				{p: 0.3, health: onTrack, summary: "{v}. Annual plans are starting to lift retention as the first cohort renews."},
				{p: 0.36, health: onTrack, summary: "{v}. Customer Success now names a second contact for every account over 50 seats."},
			}},
		{key: "k-cost", title: "Cloud cost per active account", owner: "samir", team: "platform",
			desc: "Monthly infrastructure bill divided by accounts active that month. Carried over from last quarter's missed key result.",
			unit: "USD", baseline: 10.9, target: 9.5, decimals: 2, cadence: "monthly", beats: []beat{
				{p: 0, health: atRisk, summary: "{v} per active account per month. Query cache memory and rollups for large accounts are the growth."},
				{p: 0.15, health: atRisk, summary: "{v}. Reserved pricing for the managed database kicked in this month."},
				{p: 0.35, health: onTrack, summary: "{v}. Per-account cost attribution is live, so we can see that five accounts drive a third of storage."},
				{p: 0.45, health: onTrack, summary: "{v}. Old import files are now deleted after seven days instead of kept forever."},
			}},
		{key: "k-waa", title: "Weekly active accounts", owner: "yusuf", team: "product",
			desc: "Accounts where at least one person opened a dashboard in the week.", unit: "accounts",
			baseline: 1850, target: 2600, cadence: "monthly", beats: []beat{
				{p: 0.2, health: onTrack, summary: "{v} weekly active accounts, averaged over the month."},
				{p: 0.27, health: onTrack, summary: "{v}. Summer dip was smaller than last year's."},
				{p: 0.36, health: onTrack, summary: "{v}. Scheduled email reports bring people back: a third of active accounts opened one."},
				{p: 0.44, health: onTrack, summary: "{v}. New accounts from the import wizard are active in their second week more often than any cohort before."},
			}},
	}
}

func northwindPrevObjectives() []objectiveSpec {
	return []objectiveSpec{
		{key: "p-onboard", title: "Shorten the path from sign-up to first dashboard", parent: "s-selfserve",
			owner: "raj", team: "onboarding", outcome: partial,
			desc: "New accounts take three weeks to see their own data in a dashboard. Most of that time is waiting: " +
				"on us, on their IT team, or on a CSV file that will not import.",
			krs: []krSpec{
				{key: "p-days", title: "Median days to first dashboard", owner: "raj", unit: "days",
					baseline: 21, target: 14, weight: 0.5, cadence: "weekly", beats: []beat{
						{p: 0, health: onTrack, summary: "First check-in in Accord. The median is {v} for sign-ups in the last 30 days; the sample-data tour ships next week and should take two or three days off.",
							plans: []string{"Ship the sample-data tour behind a flag to 20% of sign-ups", "Instrument every step of the connect-a-source flow"}},
						{p: 0.3, health: onTrack, summary: "The sample-data tour is live for all new accounts. Median is {v}; accounts that take the tour reach a real dashboard noticeably faster.",
							wins: []string{"Tour completion is 64%, well above the 40% we hoped for"}},
						{p: 0.55, health: atRisk, summary: "Down to {v}, but most of the remaining delay is accounts whose first CSV import fails, and the tour cannot fix that.",
							problems: []string{"About one in four first imports fails, mostly files over the 10 MB limit ({dec:csv10})"},
							asks:     []model.Ask{ask("platform", "look at why large CSV files time out in the browser upload")}},
						{p: 0.8, health: onTrack, summary: "{v}. The retry button on failed imports and clearer error messages did more than we expected.",
							wins: []string{"Import-related tickets down by a third since the error-message change"}},
					},
					closing: beat{p: 1, health: achieved, summary: "Closing the quarter at {v}, on target. The sample-data tour and the import error messages did most of the work; large files are still the biggest single cause of slow starts and carry over to next quarter."}},
				{key: "p-connect", title: "Sign-ups who connect a data source on day one", owner: "chloe", unit: "%",
					baseline: 22, target: 35, weight: 0.3, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "Starting at {v}. The redesigned connect screen is in review; we expect it in the first half of the quarter.",
							plans: []string{"Usability sessions with five trial accounts, with Wei"}},
						{p: 0.2, health: atRisk, summary: "{v}. Usability sessions showed people do not know which connector to pick, so we are adding a 'What do you use today?' question before the list.",
							problems: []string{"The connector list is alphabetical and starts with three connectors we barely support"}},
						{p: 0.45, health: atRisk, summary: "{v}. The new question helps, but database connectors need someone from the customer's IT team, and that rarely happens on day one.",
							asks: []model.Ask{ask("sales", "tell prospects during the trial that a read-only database user speeds things up")}},
					},
					closing: beat{p: 0.55, health: partial, summary: "Ended at {v} against a target of {t}. Day-one connections are capped by how fast customers' IT teams answer; next quarter we measure activation within seven days instead."}},
				{key: "p-tickets", title: "Onboarding tickets per 100 new accounts", owner: "sam", unit: "tickets",
					baseline: 18, target: 10, weight: 0.2, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} per 100 new accounts. We are tagging every onboarding ticket with the step it came from, so we know where to aim."},
						{p: 0.35, health: onTrack, summary: "{v} per 100 new accounts. A third of them were 'where is my data?' after an import; Chloé is adding progress to the import screen.",
							wins: []string{"Every onboarding ticket since the start of the quarter now has a step tag"}},
						{p: 0.6, health: atRisk, summary: "{v} per 100 new accounts. Import progress helped, but single sign-on questions from larger trials are a new source of tickets we did not plan for.",
							asks: []model.Ask{ask("security", "a one-page SSO FAQ we can link from the help centre")}},
					},
					closing: beat{p: 0.75, health: partial, summary: "{v} per 100 new accounts: most of the way to {t}. The import work paid off; SSO questions from bigger trials ate part of the gain."}},
			}},
		{key: "p-pricing", title: "Price and package for self-serve", parent: "s-selfserve",
			owner: "oliver", team: "product", outcome: achieved,
			desc: "Our two-tier pricing was set before we had agencies, teams of fifty or an API. Make the " +
				"pricing page do the selling a salesperson would.",
			krs: []krSpec{
				{key: "p-trial", title: "Trial-to-paid conversion", owner: "oliver", unit: "%",
					baseline: 6.5, target: 8, decimals: 1, weight: 0.6, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} over the last 30 days. The new three-tier pricing page goes to half of traffic on Monday."},
						{p: 0.4, health: onTrack, summary: "{v}. The three-tier page converts better than the old one in every segment except agencies.",
							problems: []string{"Agencies pick the cheapest tier and churn when they hit its seat limit"}},
						{p: 0.9, health: onTrack, summary: "{v}. The new page is at 100% of traffic and the seat limit moved to the middle tier.",
							wins: []string{"First week with more paid conversions than expired trials"}},
					},
					closing: beat{p: 1.2, health: achieved, summary: "Closing at {v}, above the {t} target. The new pricing page is the default now; next quarter's question is how many of these customers choose annual billing."}},
				{key: "p-annual", title: "New self-serve revenue on annual plans", owner: "yusuf", unit: "%",
					baseline: 18, target: 25, weight: 0.4, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} of new self-serve revenue is annual. The annual toggle sits below the fold; moving it up is this sprint's experiment."},
						{p: 0.5, health: onTrack, summary: "{v}. Moving the toggle up worked, and 'two months free' beat '17% off' in the copy test."},
						{p: 0.85, health: onTrack, summary: "{v}. Finance signed off the revenue recognition for annual prepayments.",
							wins: []string{"Annual prepayments now show up in the cash forecast"}},
					},
					closing: beat{p: 1.15, health: achieved, summary: "{v}, over the {t} target. Whether to pre-select annual on the pricing page is the next decision."}},
			}},
		{key: "p-soc2", title: "Pass our first SOC 2 Type I audit", parent: "s-midmarket",
			owner: "kwame", team: "security", outcome: achieved,
			desc: "Every mid-market security questionnaire starts with \"Do you have a SOC 2 report?\". " +
				"By the end of the quarter the answer is yes.",
			krs: []krSpec{
				{key: "p-controls", title: "SOC 2 controls with evidence collected", owner: "farah", unit: "controls",
					baseline: 41, target: 112, weight: 0.6, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} of 112 have evidence. The auditor's fieldwork is booked for the last two weeks of the quarter."},
						{p: 0.35, health: onTrack, summary: "{v} of 112. Access reviews for all production systems are done; joiner and leaver evidence is next.",
							asks: []model.Ask{ask("hannah", "an export of joiners and leavers for the last six months")}},
						{p: 0.6, health: atRisk, summary: "{v} of 112. Change-management evidence is harder than we thought: not every production change has a linked review.",
							problems: []string{"About 15% of infrastructure changes in the sample went out without a second reviewer"},
							asks:     []model.Ask{ask("platform", "turn on required reviews for the infrastructure repository")}},
						{p: 0.85, health: onTrack, summary: "{v} of 112. Platform now requires a second reviewer ({dec:reviews}) and the change-evidence backlog is cleared."},
					},
					closing: beat{p: 1, health: achieved, summary: "All 112 controls evidenced and the Type I report is clean, with no exceptions. Thank you to everyone who dug up screenshots. The Type II observation period starts next quarter."}},
				{key: "p-pentest", title: "Critical and high pen-test findings open", owner: "zoe", unit: "findings",
					baseline: 9, target: 0, weight: 0.4, cadence: "biweekly", beats: []beat{
						{p: 0, health: atRisk, summary: "{v} rated critical or high are open from the external pen test. Two are in the legacy export endpoint, which nobody owns.",
							asks: []model.Ask{ask("platform", "an owner for the legacy export endpoint")}},
						{p: 0.45, health: onTrack, summary: "{v} left: the session-fixation and SSRF findings are fixed and re-tested."},
						{p: 0.8, health: onTrack, summary: "{v} left, both in the legacy export endpoint, which we are retiring rather than fixing."},
					},
					closing: beat{p: 1, health: achieved, summary: "No critical or high findings open: the testers re-tested and closed all nine. The legacy export endpoint is gone."}},
			}},
		{key: "p-sales", title: "Build a repeatable mid-market sales motion", parent: "s-midmarket",
			owner: "daniel", team: "sales", outcome: partial,
			desc: "Our first mid-market deals were won by founders' heroics. Make it something the sales team " +
				"can repeat: a qualified pipeline, a predictable cycle, and deals that close.",
			krs: []krSpec{
				{key: "p-pipeline", title: "Qualified mid-market pipeline", owner: "maya", team: "sales", unit: "kUSD",
					baseline: 420, target: 900, weight: 0.4, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} of qualified mid-market pipeline. Outbound to operations leaders in logistics is starting to book meetings."},
						{p: 0.3, health: onTrack, summary: "{v}. The webinar with our first logistics customer brought in eleven qualified accounts."},
						{p: 0.5, health: atRisk, summary: "{v}. Deals stall at the security review: three prospects want a SOC 2 report before they start a pilot.",
							asks: []model.Ask{ask("security", "share the Type I report under NDA as soon as it lands")}},
					},
					closing: beat{p: 0.7, health: partial, summary: "Ended at {v} against {t}. The SOC 2 report arrived late in the quarter; the pipeline that waited for it is moving now."}},
				{key: "p-deals", title: "Mid-market deals closed", owner: "emma", unit: "deals",
					baseline: 0, target: 5, weight: 0.4, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "No closed deals yet; four are in legal review and two of them should sign this month."},
						{p: 0.2, health: atRisk, summary: "One closed, a 120-seat logistics company. The other three are waiting for our security documentation.",
							asks: []model.Ask{ask("security", "a standard answer set for security questionnaires")}},
						{p: 0.4, health: atRisk, summary: "Two closed. Pricing above 100 seats is improvised deal by deal, which slows every negotiation.",
							problems: []string{"No list price above 100 seats"},
							asks:     []model.Ask{ask("product", "a mid-market price list")}},
					},
					closing: beat{p: 0.6, health: partial, summary: "Three mid-market deals closed against a target of five. Two slipped into next quarter waiting for the SOC 2 report; both are in contract now."}},
				{key: "p-cycle", title: "Median mid-market sales cycle", owner: "daniel", unit: "days",
					baseline: 74, target: 55, weight: 0.2, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} from first meeting to signature. Every deal over 50 seats now gets a mutual action plan."},
						{p: 0.3, health: onTrack, summary: "{v}. The first deals with a mutual action plan signed on the date in the plan."},
						{p: 0.45, health: atRisk, summary: "{v}. Security reviews are now the longest step, at three weeks on average."},
					},
					closing: beat{p: 0.6, health: partial, summary: "{v}, down from {b} but short of {t}. Security review time is the lever for next quarter."}},
			}},
		{key: "p-ingest", title: "Make ingestion fast and boring", parent: "s-platform",
			owner: "tomas", team: "platform", outcome: partial,
			desc: "Dashboards that take seconds to load and imports that fail overnight are the two complaints " +
				"we hear most. Fix them without letting the cloud bill run away.",
			krs: []krSpec{
				{key: "p-latency", title: "p95 dashboard query latency", owner: "dana", unit: "ms",
					baseline: 2400, target: 1200, weight: 0.4, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "p95 is {v} across all dashboards. The result cache goes to the ten most-viewed dashboards first."},
						{p: 0.4, health: onTrack, summary: "{v}. The result cache is on for every dashboard, with a 58% hit rate."},
						{p: 0.65, health: atRisk, summary: "{v}. The remaining slow queries are on accounts with more than 50 million rows, where the cache rarely helps.",
							plans: []string{"Try pre-aggregated rollups for the five biggest accounts"}},
						{p: 0.8, health: atRisk, summary: "{v}. Rollups help the big accounts but cost more than planned; talking to Samir about the bill."},
					},
					closing: beat{p: 0.875, health: partial, summary: "Closing at {v}: most of the way from {b} to {t}. The last stretch needs rollups we have not yet decided to pay for; it carries into next quarter with a tighter target."}},
				{key: "p-failed", title: "Failed scheduled imports per week", owner: "elena", unit: "imports",
					baseline: 140, target: 40, weight: 0.35, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} failed last week. By cause: expired credentials 46%, timeouts 31%, schema changes 23%."},
						{p: 0.45, health: onTrack, summary: "{v} failed last week. Customers now get an email when their credentials expire, with a one-click reconnect."},
						{p: 0.8, health: onTrack, summary: "{v} failed last week. Retries with backoff fixed most timeouts.",
							wins: []string{"Import failures are no longer Support's top ticket category"}},
					},
					closing: beat{p: 1.02, health: achieved, summary: "{v} failed last week, below the target of {t}. Schema changes are most of what is left."}},
				{key: "p-cost", title: "Cloud cost per active account", owner: "samir", unit: "USD",
					baseline: 11.8, target: 9.5, decimals: 2, weight: 0.25, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} per active account per month. Reserved instances for the database fleet are the first step."},
						{p: 0.3, health: atRisk, summary: "{v}. Reserved instances saved what we expected, but the query cache added memory we had not budgeted for."},
						{p: 0.2, health: offTrack, summary: "{v}, going the wrong way: rollups for the largest accounts doubled their storage.",
							problems: []string{"Rollup storage is not attributed to accounts, so we cannot see who drives it"},
							asks:     []model.Ask{ask("data", "per-account cost attribution in the cost dashboard")}},
					},
					closing: beat{p: 0.39, health: missed, summary: "Missed: {v} against {t}. We bought speed with money this quarter (cache and rollups); cost per account continues as a KPI rather than a key result."}},
			}},
		{key: "p-support", title: "Answer every customer within a working day", parent: "s-support",
			owner: "lucia", team: "support", outcome: achieved,
			desc: "Customers in the Americas write to us after our working day ends and wait until the next morning. " +
				"Nobody should wait more than a working day for a first answer.",
			krs: []krSpec{
				{key: "p-frt", title: "Median first response time", owner: "tom", unit: "hours",
					baseline: 9.5, target: 4, decimals: 1, weight: 0.5, cadence: "biweekly", beats: []beat{
						{p: 0, health: atRisk, summary: "{v} median first response. Tickets that arrive after 17:00 CET wait until the next morning, which is most of the problem.",
							plans: []string{"Trial a late shift, with Pedro covering 14:00 to 22:00"}},
						{p: 0.4, health: onTrack, summary: "{v}. The late shift cut overnight waits in half."},
						{p: 0.75, health: onTrack, summary: "{v}. Macros for the ten most common questions are live."},
					},
					closing: beat{p: 1.1, health: achieved, summary: "{v} median first response, better than the {t} target. The late shift stays; we are hiring for it permanently."}},
				{key: "p-csat", title: "Customer satisfaction (CSAT)", owner: "nadia", unit: "%",
					baseline: 86, target: 92, weight: 0.3, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} CSAT over the last 30 days. Low scores cluster on import problems, not on how we answered."},
						{p: 0.35, health: onTrack, summary: "{v}. We now follow up every score of 1 or 2 personally within a day."},
						{p: 0.5, health: atRisk, summary: "{v}. Two outages in one week pulled the score down; the comments are about hearing nothing from us, not about the fix.",
							asks: []model.Ask{ask("platform", "a public status page we can point customers to")}},
					},
					closing: beat{p: 0.67, health: partial, summary: "{v}, short of {t}. Tickets we answered ourselves score 94%; incidents without a status page drag the average down."}},
				{key: "p-deflect", title: "Questions solved by the help centre", owner: "pedro", unit: "%",
					baseline: 12, target: 25, weight: 0.2, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "{v} of help-centre visitors leave without opening a ticket. Rewriting the 20 most-viewed articles first."},
						{p: 0.3, health: onTrack, summary: "{v}. Twelve articles rewritten, with screenshots of the new onboarding flow."},
						{p: 0.45, health: atRisk, summary: "{v}. Help-centre search is poor: half of all searches return nothing useful.",
							problems: []string{"Search matches article titles only"}},
					},
					closing: beat{p: 0.54, health: partial, summary: "{v}, short of {t}. Better articles helped; better search is the next step."}},
			}},
		{key: "p-hiring", title: "Hire the engineers we planned for, and keep them", parent: "s-people",
			owner: "hannah", team: "leadership", outcome: missed,
			desc: "The roadmap assumes six more engineers by the end of the quarter, and we cannot afford to lose the ones we have.",
			krs: []krSpec{
				{key: "p-hires", title: "Engineering hires started", owner: "hannah", unit: "hires",
					baseline: 0, target: 6, weight: 0.5, cadence: "biweekly", beats: []beat{
						{p: 0, health: onTrack, summary: "No starts yet; two offers accepted, both starting mid-quarter."},
						{p: 0.33, health: atRisk, summary: "Two engineers started, one in Platform and one in Onboarding. The pipeline for senior backend roles is thin.",
							asks: []model.Ask{ask("jonas", "two more engineers on interview panels each week")}},
					},
					closing: beat{p: 0.5, health: missed, summary: "Three of six hires started. We lost two finalists to counter-offers; salary bands for senior engineers are under review."}},
				{key: "p-attrition", title: "Regretted attrition, trailing twelve months", owner: "hannah", unit: "%",
					baseline: 9, target: 6, weight: 0.5, cadence: "biweekly", beats: []beat{
						{p: 0, health: atRisk, summary: "{v} regretted attrition over the trailing twelve months. Exit interviews point to unclear career paths for senior engineers."},
						{p: 0.33, health: onTrack, summary: "{v}. The draft engineering career ladder is out for comment."},
					},
					closing: beat{p: 0.33, health: missed, summary: "{v}, against {t}. Two senior departures this quarter, both citing growth. The career ladder ships next quarter."}},
			}},
	}
}

func northwindCurObjectives() []objectiveSpec {
	return []objectiveSpec{
		{key: "c-ttv", title: "Cut time to first value", parent: "s-selfserve", owner: "raj", team: "onboarding",
			desc: "Last quarter took the median from three weeks to two. Two weeks is still half a trial lost. " +
				"This quarter: five days, and large files no longer the thing that stops people.",
			krs: []krSpec{
				{key: "c-days", title: "Median days to first dashboard", owner: "raj", unit: "days",
					baseline: 14, target: 5, weight: 0.5, cadence: "weekly", beats: []beat{
						{health: onTrack, summary: "Starting the quarter at {v}. The import wizard is split into three slices; column mapping ships first.",
							plans: []string{"Ship column mapping", "Pair with Platform on a streaming CSV parser"}},
						{ago: 45, p: 0.12, health: onTrack, summary: "{v}. Column mapping is live: people fix header mismatches themselves instead of writing to Support.",
							wins: []string{"Mapping questions to Support fell from 14 to 3 a week"}},
						{ago: 38, p: 0.3, health: atRisk, summary: "{v}. Preview-before-import is in review, but the wizard cannot ship until we know how big a file it must take.",
							problems: []string{"Waiting on {dec:csv50}: the upload size limit"},
							asks:     []model.Ask{ask("platform", "decide the upload limit this week")}},
						{ago: 24, p: 0.45, health: onTrack, summary: "{v}. The 50 MB cap is agreed ({dec:csv50}), the streaming parser is merged, and the wizard's last slice is in QA."},
						{ago: 14, p: 0.55, health: atRisk, conf: 0.6, summary: "Import wizard slipped a sprint; the median has barely moved in two weeks and sits at {v}.",
							problems: []string{"Three mid-market trials have exports over 50 MB", "Blocked on {dec:direct} (direct upload for large files)"},
							plans:    []string{"Ship the CSV import wizard with the 50 MB cap now", "Add direct upload as soon as the decision lands"},
							asks:     []model.Ask{ask("platform", "a decision on direct upload by the end of next week")},
							wins:     []string{"Support cut onboarding tickets by 30%"}},
						{ago: 2, p: 0.62, health: atRisk, conf: 0.65, summary: "{v}. The wizard is out to every new account and direct upload is accepted. Health stays at risk until the median moves, but the last blocker is gone.",
							plans: []string{"Direct upload behind a flag for the three mid-market trials"},
							wins:  []string{"First 200 MB import finished in four minutes in staging"}},
					}},
				{key: "c-activation", title: "Activation rate (first dashboard within 7 days)", owner: "chloe", unit: "%",
					baseline: 34, target: 45, weight: 0.3, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} of new accounts reach a dashboard within seven days. The in-product checklist replaces the onboarding emails this sprint."},
						{ago: 38, p: 0.25, health: onTrack, summary: "{v}. The checklist is live ({dec:checklist}); 71% of new accounts complete its first three steps."},
						{ago: 24, p: 0.45, health: onTrack, summary: "{v}. Sofia's empty states for the dashboard editor shipped, so nobody lands on a blank canvas any more."},
						{ago: 10, p: 0.6, health: onTrack, summary: "{v}, trending toward {t}. The next jump depends on the import wizard reaching everyone.",
							asks: []model.Ask{ask("raj", "a date for the wizard going to 100% of sign-ups")}},
						{ago: 3, p: 0.7, health: onTrack, summary: "{v}. The wizard is at 100%, and the first cohort through it activates at 49%.",
							wins: []string{"Best weekly activation since we started measuring"}},
					}},
				{key: "c-imports", title: "CSV imports that succeed on the first try", owner: "ben", unit: "%",
					baseline: 71, target: 95, weight: 0.2, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} of CSV imports succeed first time. The causes of failure, in order: file size, encodings, date formats."},
						{ago: 33, p: 0.2, health: atRisk, summary: "{v}. Encoding detection fixed the second cause; file size is now more than half of all failures.",
							problems: []string{"Files over 10 MB time out in the browser ({dec:csv10})"}},
						{ago: 19, p: 0.45, health: onTrack, summary: "{v}. The streaming parser with the 50 MB cap is live ({dec:csv50}).",
							wins: []string{"No timeouts below 50 MB since the release"}},
						{ago: 5, p: 0.6, health: atRisk, summary: "{v}. Failures are now mostly files over 50 MB from mid-market trials, which the background import ({dec:direct}) will take.",
							asks: []model.Ask{ask("security", "sign off the bucket policy for direct uploads")}},
					}},
			}},
		{key: "c-annual", title: "Make annual plans the default choice", parent: "s-selfserve", owner: "oliver", team: "product",
			desc: "Annual customers churn at a third of the monthly rate and their prepayments fund the hiring plan. " +
				"Make annual the obvious choice without hurting conversion.",
			krs: []krSpec{
				{key: "c-trial", title: "Trial-to-paid conversion", owner: "oliver", unit: "%",
					baseline: 8.3, target: 10, decimals: 1, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} trial-to-paid, where last quarter ended. The annual-by-default test starts once the decision is agreed."},
						{ago: 30, p: 0.2, health: onTrack, summary: "{v}. Annual-by-default is live for half of traffic ({dec:annual}), and conversion has not dropped, which was the main fear."},
						{ago: 16, p: 0.35, health: atRisk, summary: "{v}. Agencies convert worse in the annual-default arm; they want to pay monthly while they test with a client.",
							problems: []string{"Agencies convert 20% worse when annual is pre-selected"},
							plans:    []string{"Exclude sign-ups who choose 'agency' from the annual default"}},
						{ago: 4, p: 0.5, health: onTrack, summary: "{v}. With agencies excluded, both arms convert the same, and the annual arm brings in twice the cash up front."},
					}},
				{key: "c-annualrev", title: "New self-serve revenue on annual plans", owner: "yusuf", unit: "%",
					baseline: 26, target: 40, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} of new self-serve revenue is annual, where last quarter ended."},
						{ago: 28, p: 0.35, health: onTrack, summary: "{v}. Annual-by-default is doing what we hoped in the first two weeks of the test."},
						{ago: 14, p: 0.6, health: onTrack, summary: "{v}. Sales asked whether the same default should apply to sales-assisted deals; that is a separate decision."},
						{ago: 3, p: 0.75, health: onTrack, summary: "{v}, on course for {t}.",
							wins: []string{"Cash collected up front this quarter already exceeds all of last quarter"}},
					}},
			}},
		{key: "c-deals", title: "Close our first ten mid-market customers", parent: "s-midmarket", owner: "daniel", team: "sales",
			desc: "Last quarter proved the motion works when security is not in the way. Now do it ten times.",
			krs: []krSpec{
				{key: "c-closed", title: "Mid-market deals closed", owner: "emma", unit: "deals",
					baseline: 0, target: 10, weight: 0.6, cadence: "weekly", beats: []beat{
						{health: onTrack, summary: "No mid-market deals closed yet this quarter; the two that slipped from last quarter are in contract review."},
						{ago: 40, p: 0.2, health: onTrack, summary: "Two closed, both slipped from last quarter and both waiting on the SOC 2 report until it arrived.",
							wins: []string{"Largest deal to date: 340 seats"}},
						{ago: 26, p: 0.3, health: atRisk, summary: "Three closed. Four prospects want SAML single sign-on before they sign.",
							asks: []model.Ask{ask("security", "a date for SAML SSO that we can put in writing")}},
						{ago: 12, p: 0.4, health: atRisk, summary: "Four closed. SSO is in beta ({dec:sso}), which unblocked one deal; three are waiting for general availability."},
						{ago: 1, p: 0.5, health: atRisk, conf: 0.45, summary: "Five closed, halfway to ten. Two more are verbal; the rest depend on SSO and on the onboarding package ({dec:onbpkg}).",
							asks: []model.Ask{ask("amara", "a decision on the paid onboarding package"), ask("onboarding", "capacity for two mid-market kick-offs a week")}},
					}},
				{key: "c-pipeline", title: "Qualified mid-market pipeline", owner: "maya", unit: "kUSD",
					baseline: 760, target: 1500, weight: 0.4, cadence: "weekly", beats: []beat{
						{health: onTrack, summary: "{v} of qualified pipeline carried over from last quarter."},
						{ago: 40, p: 0.15, health: onTrack, summary: "{v}. The logistics webinar series is booked for the whole quarter."},
						{ago: 33, p: 0.22, health: onTrack, summary: "{v}. I am handing my accounts to Emma and Daniel this week; this is my last check-in before I leave Northwind.",
							wins: []string{"Three new qualified accounts from the second webinar"}},
					}},
			}},
		{key: "c-security", title: "Make security reviews a formality for mid-market buyers", parent: "s-midmarket", owner: "kwame", team: "security",
			desc: "With a SOC 2 report in hand, the questions that slow deals are single sign-on, data residency and " +
				"how fast we answer questionnaires.",
			krs: []krSpec{
				{key: "c-questionnaires", title: "Security questionnaires answered within 5 working days", owner: "farah", unit: "%",
					baseline: 40, target: 90, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} answered within five working days. We are building an answer library from the last twenty questionnaires."},
						{ago: 35, p: 0.4, health: onTrack, summary: "{v}. The answer library covers about 80% of questions; Hugo can now answer most of them without us.",
							wins: []string{"Fastest questionnaire yet: 212 questions in two days"}},
						{ago: 21, p: 0.55, health: atRisk, summary: "{v}. Three questionnaires this fortnight asked about data residency, which the library cannot answer yet.",
							asks: []model.Ask{ask("leadership", "a decision on EU data residency ({dec:eu})")}},
						{ago: 6, p: 0.7, health: onTrack, summary: "{v}. We answer residency questions with 'EU region on request' while the decision is open."},
					}},
				{key: "c-sso", title: "Accounts using SAML single sign-on", owner: "zoe", unit: "accounts",
					baseline: 0, target: 25, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "No accounts on SSO yet. We are building on the hosted identity broker ({dec:sso})."},
						{ago: 26, p: 0.12, health: onTrack, summary: "{v} in the private beta. The two most common identity providers work; a third needs a workaround for its certificate rotation."},
						{ago: 12, p: 0.32, health: onTrack, summary: "{v} on SSO, including two new mid-market customers."},
						{ago: 2, p: 0.44, health: atRisk, summary: "{v}. Enforced SSO (no password fallback) is what every prospect asks about next, and it is not built yet.",
							asks: []model.Ask{ask("onboarding", "a sprint on the enforced-SSO settings screen")}},
					}},
			}},
		{key: "c-api", title: "Open the public API to partners", parent: "s-platform", owner: "tomas", team: "platform",
			desc: "Partners have asked for an API for a year. Launch v1 with a handful of them, and keep dashboards " +
				"fast and the API up while we do.",
			krs: []krSpec{
				{key: "c-partners", title: "Partners live on the public API", owner: "grace", unit: "partners",
					baseline: 0, target: 4, firstTarget: 5, retargetDay: -17, weight: 0.4, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "No partners live yet. The API reference is generated from the OpenAPI file and two partners have sandbox keys."},
						{ago: 30, health: atRisk, summary: "Still none live. Both sandbox partners hit the rate limit in their first hour; the limits were set for our own web app, not for batch jobs.",
							problems: []string{"Per-account rate limits punish partners who sync in bulk"},
							plans:    []string{"Agree per-token limits ({dec:ratelimit})"}},
						{ago: 16, p: 0.25, health: onTrack, summary: "One partner live, the warehouse connector. We are lowering the target from five to four: the fifth partner has moved its launch into next year."},
						{ago: 4, p: 0.5, health: onTrack, summary: "Two partners live. The partner launch kit for Sales is late ({ho:partnerkit}), and that is on us.",
							asks: []model.Ask{ask("sales", "review the draft one-pager by Friday")}},
					}},
				{key: "c-latency", title: "p95 dashboard query latency", owner: "dana", unit: "ms",
					baseline: 1350, target: 800, weight: 0.3, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "Starting at {v}. Rollups for the largest accounts are approved; rolling them out account by account."},
						{ago: 40, p: 0.2, health: onTrack, summary: "{v}. Rollups are live for the five largest accounts."},
						{ago: 33, p: 0.3, health: atRisk, summary: "{v}. The next gain needs the query planner change ({dec:rust} has the background), and that is a month's work for two people."},
						{ago: 28, p: 0.33, health: atRisk, summary: "{v}. My last check-in: I leave Northwind at the end of the week. Notes for whoever picks this up are in the platform wiki; the planner change is half done on a branch.",
							asks: []model.Ask{ask("tomas", "a new owner for this key result")}},
					}},
				{key: "c-uptime", title: "API uptime, 30-day", owner: "samir", unit: "%",
					baseline: 99.5, target: 99.9, decimals: 2, weight: 0.3, cadence: "weekly", beats: []beat{
						{health: onTrack, summary: "{v} over the last 30 days. The status page is live."},
						{ago: 35, p: 0.5, health: onTrack, summary: "{v}. The API now sits behind its own load balancer, so dashboard traffic spikes no longer affect it."},
						{ago: 21, p: -0.5, health: offTrack, summary: "{v}. A certificate expired on a Saturday and took the API down for four hours.",
							problems: []string{"Certificate renewal was a calendar reminder, not automation"},
							plans:    []string{"Automated renewal, with alerts 14 days before expiry", "Blameless review on Tuesday, open to everyone"}},
						{ago: 9, p: 0.3, health: atRisk, summary: "{v} on the 30-day window; the outage is still inside it. Renewal is automated now."},
						{ago: 2, p: 0.75, health: onTrack, summary: "{v}. The outage has rolled out of the 30-day window."},
					}},
			}},
		{key: "c-metrics", title: "One set of numbers everyone trusts", parent: "s-platform", owner: "ines", team: "data",
			desc: "The board pack, the product dashboards and Finance's spreadsheets disagree about churn and revenue. " +
				"Compute every number once, in the metrics layer, and make it fresh enough to use.",
			krs: []krSpec{
				{key: "c-board", title: "Board metrics computed from the metrics layer", owner: "kofi", unit: "%",
					baseline: 20, target: 100, weight: 0.6, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} of the 25 board metrics come from the metrics layer; the rest are still spreadsheet formulas."},
						{ago: 34, p: 0.3, health: onTrack, summary: "{v}. The revenue metrics moved, and Finance reconciled them to the cent against last month's pack."},
						{ago: 20, p: 0.5, health: atRisk, summary: "{v}. Finance and Support define churn differently, and we cannot move churn until they agree.",
							asks: []model.Ask{ask("felix", "one definition of churn, owned by Finance")}},
						{ago: 6, p: 0.6, health: atRisk, summary: "{v}. Churn has one definition now; the remaining metrics depend on the hourly models ({dec:hourly})."},
					}},
				{key: "c-fresh", title: "Hourly pipeline runs that land on time", owner: "lena", unit: "%",
					baseline: 88, target: 99, decimals: 1, weight: 0.4, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} of hourly runs landed on time last week."},
						{ago: 36, p: 0.2, health: atRisk, summary: "{v}. The nightly batch still blocks the warehouse for two hours every morning.",
							problems: []string{"The nightly batch and the hourly models compete for the same warehouse slots"}},
						{ago: 22, p: 0.5, health: onTrack, summary: "{v}. Incremental models for events are live ({dec:hourly}) and the nightly batch is half its old size."},
						{ago: 8, p: 0.75, health: onTrack, summary: "{v}. Two late runs last week, both from an upstream schema change nobody told us about.",
							asks: []model.Ask{ask("platform", "announce schema changes to event tables in #data-changes a day ahead")}},
						{ago: 1, p: 0.85, health: onTrack, summary: "{v}. The nightly batch is switched off for events."},
					}},
			}},
		{key: "c-causes", title: "Fix causes, not tickets", parent: "s-support", owner: "lucia", team: "support",
			desc: "Response times are good now. The next step is fewer tickets: find out why people write to us and " +
				"get the cause fixed, in the product or in the help centre.",
			krs: []krSpec{
				{key: "c-tickets", title: "Tickets per 100 active accounts", owner: "tom", unit: "tickets",
					baseline: 14, target: 9, weight: 0.4, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} per 100 active accounts. Every ticket now gets a cause tag, and Product gets the top five every Monday."},
						{ago: 30, p: 0.3, health: onTrack, summary: "{v}. Imports and single sign-on are the top two causes; both have fixes in flight."},
						{ago: 15, p: 0.4, health: atRisk, summary: "{v}. The API outage produced 60 tickets in a day and undid a fortnight of progress."},
						{ago: 3, p: 0.6, health: onTrack, summary: "{v}. The import wizard shows in the numbers: import tickets halved in two weeks.",
							wins: []string{"No ticket about column mapping since the wizard shipped"}},
					}},
				{key: "c-csat", title: "Customer satisfaction (CSAT)", owner: "nadia", unit: "%",
					baseline: 90, target: 93, weight: 0.3, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v} CSAT. Every incident reply now links to the status page."},
						{ago: 35, p: 0.33, health: onTrack, summary: "{v}. Fewer 'is it down?' complaints since the status page went live."},
						{ago: 21, p: -0.33, health: atRisk, summary: "{v}. The API outage cost us eleven 1-star ratings in two days, all about hearing nothing from us over the weekend.",
							plans: []string{"A weekend on-call rota for Support, agreed with Lucía"}},
						{ago: 7, p: 0.33, health: onTrack, summary: "{v} and recovering."},
						{ago: 2, p: 0.5, health: onTrack, summary: "{v}. The weekend rota starts this Saturday."},
					}},
				{key: "c-deflect", title: "Questions solved by the help centre", owner: "pedro", unit: "%",
					baseline: 19, target: 30, weight: 0.3, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "{v}. Help-centre search moves to full-text this month."},
						{ago: 32, p: 0.2, health: onTrack, summary: "{v}. Full-text search is live; searches with no useful result went from 50% to 22%."},
						{ago: 21, p: 0.2, health: onHold, summary: "Putting this on hold: I am covering the late shift until the new hire starts, and nobody else is writing articles. Back on it in two or three weeks.",
							asks: []model.Ask{ask("lucia", "confirm the start date of the late-shift hire")}},
					}},
			}},
		{key: "c-leaders", title: "Grow leaders from within", parent: "s-people", owner: "hannah", team: "leadership",
			desc: "Exit interviews last quarter said the same thing: no visible path to grow. Give every manager " +
				"coaching, and hire the engineers the roadmap needs.",
			krs: []krSpec{
				{key: "c-coaching", title: "Managers who finished the coaching programme", owner: "hannah", unit: "%",
					baseline: 0, target: 80, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "The coaching programme starts with eleven managers in two cohorts; the first cohort meets next week."},
						{ago: 38, p: 0.2, health: onTrack, summary: "{v}. The first pair finished all four sessions; cohort one is halfway through."},
						{ago: 24, p: 0.35, health: atRisk, summary: "{v}. Cohort two is delayed: three managers cannot take the time during year-end planning.",
							asks: []model.Ask{ask("leadership", "protect two hours a week for cohort two")}},
					}},
				{key: "c-hires", title: "Engineering hires started", owner: "hannah", unit: "hires",
					baseline: 0, target: 4, weight: 0.5, cadence: "biweekly", beats: []beat{
						{health: onTrack, summary: "Four engineering hires planned this quarter; the new salary bands for senior engineers are approved."},
						{ago: 30, p: 0.25, health: onTrack, summary: "One started: Ivan joined Platform as a senior backend engineer."},
						{ago: 16, p: 0.5, health: onTrack, summary: "Two started: Noor joined Onboarding. An offer is out to a staff engineer to replace Dana."},
						{ago: 4, p: 0.5, health: atRisk, summary: "Still two. The staff engineer declined, and the pipeline for backend roles is thin again.",
							asks: []model.Ask{ask("jonas", "referrals for senior backend engineers")}},
					}},
			}},
	}
}
