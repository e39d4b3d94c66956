package demo

import "github.com/accordhq/accord/model"

// quarterDay marks a day counted from the first day of the current quarter
// rather than from today: quarterDay+6 is the quarter's seventh day.
const quarterDay = 1 << 21

func deliverable(id, title string, acceptance ...string) model.Deliverable {
	return model.Deliverable{ID: id, Title: title, Acceptance: acceptance}
}

func northwindHandoffs() []handoffSpec {
	const (
		proposed   = "proposed"
		accepted   = "accepted"
		inProgress = "in_progress"
		delivered  = "delivered"
		received   = "received"
		rejected   = "rejected"
	)
	return []handoffSpec{
		{key: "legacyexport", title: "Legacy export endpoint: ownership to Onboarding",
			from: model.Party{Team: "platform", Owner: "tomas"}, to: model.Party{Team: "onboarding", Owner: "raj"},
			deliverables: []model.Deliverable{
				deliverable("code", "Export endpoint code and its tests", "Builds and passes in Onboarding's pipeline"),
				deliverable("findings", "The two open pen-test findings", "Each finding has an agreed fix or a retirement date"),
			},
			due: -60,
			expectations: "Onboarding owns the endpoint from hand-over, including the two pen-test findings.\n\n" +
				"Rejected by Onboarding: nobody should own an endpoint we plan to retire. Platform retires it instead.",
			steps: []step{{-70, proposed, "tomas"}, {-67, rejected, "raj"}}},
		{key: "accounts", title: "Onboarded accounts move to Support",
			from: model.Party{Team: "onboarding", Owner: "sam"}, to: model.Party{Team: "support", Owner: "lucia"},
			deliverables: []model.Deliverable{
				deliverable("notes", "Account notes in the CRM", "Data sources, champion and open questions recorded", "Health score set"),
				deliverable("issues", "Open issues list", "Every open issue has a ticket and an owner"),
				deliverable("intro", "Introduction call", "The customer has met their support contact"),
			},
			due: 25,
			expectations: "Every account moves to Support thirty days after kick-off or when its first dashboard has been used by " +
				"three people, whichever comes first. Sam stays on the account's channel for two more weeks.",
			steps: []step{{-50, proposed, "sam"}, {-47, accepted, "lucia"}}},
		{key: "parser", title: "Streaming CSV parser: Platform to Onboarding",
			from: model.Party{Team: "platform", Owner: "elena"}, to: model.Party{Team: "onboarding", Owner: "ben"},
			deliverables: []model.Deliverable{
				deliverable("service", "Streaming parse endpoint on the import service", "Documented in the internal API reference",
					"Rejects files over 50 MB with a clear error"),
				deliverable("load", "Load-test results", "A 50 MB file parses in under 60 seconds", "Memory stays under 256 MB per worker"),
				deliverable("runbook", "Runbook", "How to find and retry a failed import", "Alerts and dashboards linked"),
			},
			due: -24,
			expectations: "Platform runs the service; Onboarding owns the wizard that calls it. Platform answers questions about " +
				"the parser within a working day for the first month.",
			steps: []step{{-30, proposed, "elena"}, {-29, accepted, "ben"}, {-28, inProgress, "elena"}, {-23, delivered, "elena"}}},
		{key: "partnerkit", title: "Partner launch kit: Platform to Sales",
			from: model.Party{Team: "platform", Owner: "grace"}, to: model.Party{Team: "sales", Owner: "hugo"},
			deliverables: []model.Deliverable{
				deliverable("onepager", "API one-pager for partners", "Reviewed by Sales", "Limits and versioning explained ({dec:ratelimit}, {dec:apiversion})"),
				deliverable("sandbox", "Demo sandbox with sample data", "Resets nightly", "A partner can make a first call in under ten minutes"),
				deliverable("faq", "Pricing and support FAQ", "Agreed with Product and Support"),
			},
			due:          -5,
			expectations: "Sales can run a partner demo without an engineer in the room.",
			steps:        []step{{-33, proposed, "grace"}, {-31, accepted, "hugo"}, {-20, inProgress, "grace"}}},
		{key: "boardpack", title: "Monthly board metrics pack: Data to Leadership",
			from: model.Party{Team: "data", Owner: "kofi"}, to: model.Party{Team: "leadership", Owner: "felix"},
			deliverables: []model.Deliverable{
				deliverable("pack", "Board metrics pack", "All 25 metrics present", "Every number links to its definition in the metrics layer"),
				deliverable("reconciliation", "Reconciliation note", "Differences from Finance's ledger explained to the cent"),
			},
			due:          -16,
			expectations: "Delivered on the fifth working day of the month. Finance signs off before it goes to the board.",
			steps:        []step{{-35, proposed, "kofi"}, {-34, accepted, "felix"}, {-18, delivered, "kofi"}, {-15, received, "felix"}}},
		{key: "kestrel", title: "Kestrel Logistics: from signed deal to onboarding",
			from: model.Party{Team: "sales", Owner: "emma"}, to: model.Party{Team: "onboarding", Owner: "raj"},
			deliverables: []model.Deliverable{
				deliverable("order", "Signed order form and seat count", "Seat count and plan match the order form", "Billing contact named"),
				deliverable("discovery", "Technical discovery notes", "Data sources listed with an owner on the customer's side",
					"Single sign-on needed: yes or no", "Largest file they will import"),
				deliverable("success", "Success plan", "Three outcomes the customer expects in 90 days", "Executive sponsor named"),
			},
			due: 5,
			expectations: "Onboarding kicks off within two working days of receiving the hand-over. Sales stays on the account's " +
				"channel until the first dashboard is live.",
			steps: []step{{-12, proposed, "emma"}, {-11, accepted, "raj"}, {-9, inProgress, "emma"}, {-1, delivered, "emma"}}},
		{key: "ssorunbook", title: "SSO runbook: Security to Support",
			from: model.Party{Team: "security", Owner: "zoe"}, to: model.Party{Team: "support", Owner: "lucia"},
			deliverables: []model.Deliverable{
				deliverable("runbook", "Runbook for SSO set-up calls", "Covers the three identity providers in the beta"),
				deliverable("issues", "Known issues", "Each with a workaround or an ETA"),
				deliverable("escalation", "Escalation path", "Who to page for a customer locked out by SSO"),
			},
			due:          14,
			expectations: "Support can run an SSO set-up call alone before SSO leaves beta.",
			steps:        []step{{-6, proposed, "zoe"}}},
	}
}

// northwindRACI includes four records that break the golden rules on
// purpose (no Accountable, two Accountables, nobody Responsible, a person
// both Responsible and Consulted) and gives tomas seven open items to be
// Accountable for, one more than the configured limit.
func northwindRACI() []raciSpec {
	const (
		draft   = "draft"
		agreed  = "agreed"
		retired = "retired"
	)
	a := func(p ...string) model.OneOrMore { return model.OneOrMore(p) }
	return []raciSpec{
		{key: "wizard", title: "CSV import wizard launch", kind: "deliverable", name: "CSV import wizard",
			accountable: a("mei"), responsible: list("raj", "platform"), consulted: list("security"), informed: list("support", "sales"),
			due: 6, steps: []step{{-44, draft, "raj"}, {-41, agreed, "mei"}}},
		{key: "parser", title: "Streaming CSV parser", kind: "decision", ref: "csv50",
			accountable: a("tomas"), responsible: list("elena"), consulted: list("raj"), informed: list("onboarding"),
			due: -24, steps: []step{{-30, agreed, "tomas"}}},
		{key: "apilaunch", title: "Public API v1 launch", kind: "deliverable", name: "Public API v1",
			accountable: a("tomas"), responsible: list("grace", "marcus"), consulted: list("security", "hugo"), informed: list("sales", "support"),
			due: 25, steps: []step{{-56, draft, "grace"}, {-52, agreed, "tomas"}}},
		// Broken on purpose: grace is both Responsible and Consulted.
		{key: "apidocs", title: "Public API documentation site", kind: "deliverable", name: "API documentation site",
			accountable: a("tomas"), responsible: list("grace", "aiko"), consulted: list("grace", "product"), informed: list("support"),
			due: 18, steps: []step{{-36, agreed, "grace"}}},
		{key: "ratelimits", title: "Per-token API rate limits", kind: "decision", ref: "ratelimit",
			accountable: a("tomas"), responsible: list("marcus"), consulted: list("zoe"), informed: list("support", "sales"),
			due: 4, steps: []step{{-21, agreed, "tomas"}}},
		{key: "postgres", title: "Managed Postgres migration", kind: "decision", ref: "postgres",
			accountable: a("tomas"), responsible: list("samir", "elena"), consulted: list("security", "data"), informed: list("support"),
			due: 30, steps: []step{{-74, draft, "samir"}, {-70, agreed, "tomas"}}},
		{key: "latency", title: "p95 query latency below 800 ms", kind: "goal", ref: "c-latency",
			accountable: a("tomas"), responsible: list("dana"), consulted: list("data"), informed: list("onboarding"),
			due: endOfQuarter, steps: []step{{-48, agreed, "tomas"}}},
		{key: "statuspage", title: "Status page and incident communication", kind: "deliverable", name: "Public status page",
			accountable: a("tomas"), responsible: list("samir"), consulted: list("lucia"), informed: list("support", "sales"),
			steps: []step{{-55, agreed, "tomas"}}},
		{key: "sso", title: "SAML single sign-on", kind: "decision", ref: "sso",
			accountable: a("kwame"), responsible: list("zoe", "onboarding"), consulted: list("platform"), informed: list("sales", "support"),
			due: 20, steps: []step{{-50, agreed, "kwame"}}},
		{key: "soc2type1", title: "SOC 2 Type I audit", kind: "goal", ref: "p-soc2",
			accountable: a("kwame"), responsible: list("farah"), consulted: list("platform"), informed: list("leadership"),
			due: endOfPrevQuarter, steps: []step{{-92, agreed, "kwame"}, {quarterDay + 6, retired, "kwame"}}},
		{key: "soc2type2", title: "SOC 2 Type II observation period", kind: "deliverable", name: "SOC 2 Type II report",
			accountable: a("kwame"), responsible: list("farah", "zoe"), consulted: list("platform", "hannah"), informed: list("leadership", "sales"),
			due: 160, steps: []step{{quarterDay + 5, agreed, "kwame"}}},
		{key: "answers", title: "Security questionnaire answer library", kind: "deliverable", name: "Questionnaire answer library",
			accountable: a("farah"), responsible: list("hugo", "zoe"), consulted: list("kwame"), informed: list("sales"),
			due: 10, steps: []step{{-45, agreed, "farah"}}},
		// Broken on purpose: nobody is Responsible since Dana left.
		{key: "gdpr", title: "Customer data exports for GDPR requests", kind: "deliverable", name: "GDPR data export process",
			accountable: a("kwame"), consulted: list("lena", "support"), informed: list("leadership"),
			due: 30, steps: []step{{-24, agreed, "kwame"}}},
		{key: "annual", title: "Annual billing as the pricing-page default", kind: "decision", ref: "annual",
			accountable: a("oliver"), responsible: list("sofia", "ben"), consulted: list("felix", "sales"), informed: list("support"),
			due: -30, steps: []step{{-34, agreed, "oliver"}, {-14, retired, "oliver"}}},
		// Broken on purpose: two Accountables.
		{key: "mmpricing", title: "Mid-market pricing and packaging", kind: "deliverable", name: "Mid-market price list",
			accountable: a("mei", "daniel"), responsible: list("oliver", "julia"), consulted: list("felix"), informed: list("sales", "support"),
			due: 21, steps: []step{{-18, agreed, "daniel"}}},
		// Broken on purpose: no Accountable.
		{key: "pricingpage", title: "Pricing page refresh for mid-market", kind: "deliverable", name: "Pricing page refresh",
			responsible: list("sofia", "oliver"), consulted: list("sales"), informed: list("support"),
			due: 35, steps: []step{{-9, agreed, "sofia"}}},
		{key: "references", title: "Mid-market reference customer programme", kind: "deliverable", name: "Reference customer programme",
			accountable: a("maya"), responsible: list("emma", "nadia"), consulted: list("daniel"), informed: list("product"),
			due: 40, steps: []step{{-62, draft, "maya"}, {-60, agreed, "maya"}}},
		{key: "onbpkg", title: "Paid onboarding package for mid-market", kind: "decision", ref: "onbpkg",
			accountable: a("daniel"), responsible: list("hugo", "sam"), consulted: list("onboarding", "support"), informed: list("product"),
			due: 30, steps: []step{{-13, draft, "daniel"}}},
		{key: "checklist", title: "In-product onboarding checklist", kind: "decision", ref: "checklist",
			accountable: a("raj"), responsible: list("chloe", "aiko"), consulted: list("sofia", "support"), informed: list("sales"),
			due: -20, steps: []step{{-53, agreed, "raj"}, {-12, retired, "raj"}}},
		{key: "activation", title: "Activation rate key result", kind: "goal", ref: "c-activation",
			accountable: a("raj"), responsible: list("chloe"), consulted: list("yusuf"), informed: list("product"),
			due: endOfQuarter, steps: []step{{-50, agreed, "raj"}}},
		{key: "directtrials", title: "Direct upload for the mid-market trials", kind: "decision", ref: "direct",
			accountable: a("raj"), responsible: list("ben", "grace"), consulted: list("security", "hugo"), informed: list("sales", "support"),
			due: 6, steps: []step{{-4, agreed, "raj"}}},
		{key: "board", title: "Board metrics from the metrics layer", kind: "goal", ref: "c-board",
			accountable: a("ines"), responsible: list("kofi", "lena"), consulted: list("felix"), informed: list("leadership"),
			due: endOfQuarter, steps: []step{{-49, agreed, "ines"}}},
		{key: "hourly", title: "Hourly incremental models", kind: "decision", ref: "hourly",
			accountable: a("ines"), responsible: list("lena"), consulted: list("platform"), informed: list("product"),
			due: -10, steps: []step{{-37, agreed, "ines"}}},
		{key: "helpcentre", title: "Help centre rewrite", kind: "deliverable", name: "Help centre rewrite",
			accountable: a("lucia"), responsible: list("pedro", "sofia"), consulted: list("onboarding"), informed: list("product"),
			due: 15, steps: []step{{-85, agreed, "lucia"}}},
		{key: "chat", title: "In-app chat pilot", kind: "decision", ref: "chat",
			accountable: a("lucia"), responsible: list("tom"), consulted: list("product", "security"), informed: list("sales"),
			due: 45, steps: []step{{-17, draft, "lucia"}}},
		{key: "accounts", title: "Onboarded accounts move to Support", kind: "handoff", ref: "accounts",
			accountable: a("lucia"), responsible: list("sam", "nadia"), consulted: list("raj"), informed: list("sales"),
			steps: []step{{-46, agreed, "lucia"}}},
		{key: "hiringplan", title: "Engineering hiring plan", kind: "deliverable", name: "Engineering hiring plan",
			accountable: a("hannah"), responsible: list("jonas", "raj", "tomas"), consulted: list("felix"), informed: list("leadership"),
			due: endOfQuarter, steps: []step{{-90, agreed, "hannah"}}},
		{key: "coaching", title: "Manager coaching programme", kind: "goal", ref: "c-coaching",
			accountable: a("hannah"), responsible: list("priya"), consulted: list("jonas"), informed: list("leadership"),
			due: endOfQuarter, steps: []step{{-47, agreed, "hannah"}}},
		{key: "planning", title: "Quarterly planning week", kind: "decision", ref: "planning",
			accountable: a("priya"), responsible: list("mei", "felix"), consulted: list("leadership"), informed: list("product", "platform", "sales", "support"),
			steps: []step{{-9, draft, "priya"}}},
		{key: "kestrel", title: "Kestrel Logistics hand-over", kind: "handoff", ref: "kestrel",
			accountable: a("daniel"), responsible: list("emma", "hugo"), consulted: list("felix"), informed: list("onboarding"),
			due: 5, steps: []step{{-10, agreed, "daniel"}}},
		{key: "boardpack", title: "{prev} board metrics pack", kind: "deliverable", name: "{prev} board metrics pack",
			accountable: a("felix"), responsible: list("julia", "lena"), consulted: list("ines"), informed: list("leadership"),
			due: quarterDay + 10, steps: []step{{-81, agreed, "felix"}, {quarterDay + 12, retired, "felix"}}},
		{key: "ie11", title: "Retire Internet Explorer 11 support", kind: "decision", ref: "ie11",
			accountable: a("raj"), responsible: list("aiko"), consulted: list("support"), informed: list("sales"),
			due: -30, steps: []step{{-43, agreed, "raj"}, {-30, retired, "raj"}}},
	}
}
