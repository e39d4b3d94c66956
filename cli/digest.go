package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/spf13/cobra"
)

// digestFlags are accord digest's options.
type digestFlags struct {
	person, team, since     string
	all, sinceLast          bool
	asMD, asHTML, asJSON    bool
	smtp, from, webhook, to string
}

func (a *app) digestCmd() *cobra.Command {
	var f digestFlags
	cmd := &cobra.Command{
		Use:   "digest (--for HANDLE | --team T | --all) [--since DATE | --since-last] [--smtp URL --from ADDR] [--webhook URL]",
		Short: "Send each person or team what concerns them, once: by e-mail or chat webhook",
		Long: `Build the digest of a person or a team: decisions they are consulted on that
await their input, decisions they are informed of that were made or
superseded (with the choice and rationale in a line, and a link to the site),
asks addressed to them or their team, hand-offs waiting for them, check-ins
they owe, approvals and reviews due, their goals whose health changed, and
wins to celebrate across teams.

Without --smtp or --webhook the digest is printed (text, --md, --html or
--json) and nothing is recorded. With them it is delivered — by e-mail
(multipart: text and HTML) to the person's first e-mail or the team's
channels, or to a chat incoming webhook (Slack-compatible) — and what was
sent is recorded in a git ref per recipient (refs/accord/digests/…) that
sync pushes: the next digest sends only what is new, on whatever machine it
runs. An empty digest is not sent. A failure names the server and the
recipient and records nothing.

A team's record names where its digest goes:

  channels:
    - email: support@northwind.example
    - webhook: $SUPPORT_WEBHOOK    # the environment variable holding the URL

--smtp smtp://HOST:PORT uses STARTTLS (required unless the server is on this
machine); smtps://HOST:PORT uses TLS from the start. Credentials come only
from ACCORD_SMTP_USERNAME and ACCORD_SMTP_PASSWORD; the sender from --from or
ACCORD_SMTP_FROM. Links point under site_url in accord.yaml.`,
		Example: `  accord digest --for raj
  accord digest --team support --html > support.html
  accord digest --all --smtp smtps://smtp.example.com --from accord@northwind.example
  accord digest --team onboarding --webhook "$ONBOARDING_WEBHOOK"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return a.runDigest(cmd.Context(), f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.person, "for", "", "the digest of this person (handle)")
	fl.StringVar(&f.team, "team", "", "the digest of this team (handle)")
	fl.BoolVar(&f.all, "all", false, "every team and every active person")
	fl.StringVar(&f.since, "since", "", "cover what changed since DATE (YYYY-MM-DD) instead of since the last digest")
	fl.BoolVar(&f.sinceLast, "since-last", false, "cover what changed since the last digest sent (the default)")
	fl.BoolVar(&f.asMD, "md", false, "print Markdown")
	fl.BoolVar(&f.asHTML, "html", false, "print the HTML e-mail")
	fl.BoolVar(&f.asJSON, "json", false, "print the digest as JSON")
	fl.StringVar(&f.smtp, "smtp", "", "send by e-mail through this server: smtp://HOST:PORT or smtps://HOST:PORT")
	fl.StringVar(&f.from, "from", "", "the sender's address (default: ACCORD_SMTP_FROM)")
	fl.StringVar(&f.to, "to", "", "send the e-mail to this address instead of the recipient's own")
	fl.StringVar(&f.webhook, "webhook", "", "post to this chat incoming webhook instead of the team's channels")
	return cmd
}

func (a *app) runDigest(ctx context.Context, f digestFlags) error {
	if ctx == nil {
		ctx = context.Background()
	}
	n := 0
	for _, set := range []bool{f.person != "", f.team != "", f.all} {
		if set {
			n++
		}
	}
	if n != 1 {
		return usageError("say whose digest: --for HANDLE, --team T or --all")
	}
	if f.since != "" && f.sinceLast {
		return usageError("choose --since or --since-last, not both")
	}
	var since time.Time
	if f.since != "" {
		t, err := time.Parse(time.DateOnly, f.since)
		if err != nil {
			return usageError("--since %q: want YYYY-MM-DD", f.since)
		}
		since = t
	}
	deliver := f.smtp != "" || f.webhook != ""
	var server smtpServer
	if f.smtp != "" {
		var err error
		if server, err = parseSMTP(f.smtp); err != nil {
			return usageError("%v", err)
		}
		if f.from == "" {
			f.from = os.Getenv("ACCORD_SMTP_FROM")
		}
		if f.from == "" {
			return usageError("--smtp needs a sender: --from ADDR or ACCORD_SMTP_FROM")
		}
	}
	if deliver && (f.asMD || f.asHTML || f.asJSON) {
		return usageError("--md, --html and --json print a digest; they do not go with --smtp or --webhook")
	}
	s, org, err := a.load()
	if err != nil {
		return err
	}
	defer s.Close()
	var recipients []model.Recipient
	switch {
	case f.person != "":
		if org.People[f.person] == nil {
			return usageError("--for %q: no person has that handle%s", f.person, model.DidYouMean(f.person, org.IDs(model.KindPerson)))
		}
		recipients = []model.Recipient{{Person: f.person}}
	case f.team != "":
		if org.Teams[f.team] == nil {
			return usageError("--team %q: no team has that handle%s", f.team, model.DidYouMean(f.team, org.IDs(model.KindTeam)))
		}
		recipients = []model.Recipient{{Team: f.team}}
	default:
		for _, id := range org.IDs(model.KindTeam) {
			recipients = append(recipients, model.Recipient{Team: id})
		}
		for _, id := range org.IDs(model.KindPerson) {
			if org.People[id].IsActive() {
				recipients = append(recipients, model.Recipient{Person: id})
			}
		}
	}
	_, remoteErr := s.RemoteURL()
	hasRemote := remoteErr == nil
	if deliver && hasRemote {
		// Continue where the last run stopped, wherever it ran.
		if err := s.SyncDigestMarks(ctx, gitstore.RemoteOptions{}); err != nil {
			return fmt.Errorf("digest: reading what was sent from the remote: %w", err)
		}
	}
	head, err := s.LookupCommit("HEAD")
	if err != nil {
		return err
	}
	today := a.env.Now()
	client := &http.Client{Timeout: 30 * time.Second}
	sent := 0
	diffs := map[string]*model.OrgDiff{}
	for _, r := range recipients {
		mark, markCommit, err := s.DigestMark(r)
		if err != nil {
			return err
		}
		// Recipients whose last digest covered the same range share its diff.
		rangeKey := mark.Commit
		if !since.IsZero() || mark.Commit == "" {
			rangeKey = "since"
		}
		diff, ok := diffs[rangeKey]
		if !ok {
			if diff, err = digestRange(s, mark, since, today); err != nil {
				return err
			}
			diffs[rangeKey] = diff
		}
		d, next := model.BuildDigest(org, r, today, mark, diff)
		next.Commit = head.Hash
		doc := render.DigestDoc(org, d, org.Config.SiteURL)
		subject := render.DigestSubject(d)
		if !deliver {
			if len(recipients) > 1 && !d.Empty() {
				fmt.Fprintf(a.env.Stdout, "== %s\n", r)
			}
			if err := a.printDigest(d, doc, subject, f); err != nil {
				return err
			}
			continue
		}
		dests, err := destinations(org, r, f)
		if err != nil {
			return err
		}
		if len(dests.emails)+len(dests.hooks) == 0 {
			if f.person != "" || f.team != "" {
				return usageError("%s has nowhere to send a digest: give --to or --webhook, or name channels in the team's record", r)
			}
			continue // --all: recipients without a place are skipped
		}
		if d.Empty() {
			fmt.Fprintf(a.env.Stdout, "%s: nothing new, nothing sent\n", r)
			continue
		}
		if len(dests.emails) > 0 && f.smtp == "" {
			return usageError("%s's digest goes by e-mail (%s): give --smtp", r, strings.Join(dests.emails, ", "))
		}
		if len(dests.emails) > 0 {
			msg := mailMessage{from: f.from, to: dests.emails, subject: subject, text: render.Plain(doc), html: render.HTML(doc), date: today}
			if err := server.send(ctx, msg); err != nil {
				return err
			}
		}
		for _, h := range dests.hooks {
			if err := h.post(ctx, client, r.String(), doc, subject); err != nil {
				return err
			}
		}
		if err := s.SetDigestMark(r, next, markCommit); err != nil {
			return fmt.Errorf("digest for %s sent, but recording it failed: %w", r, err)
		}
		sent++
		fmt.Fprintf(a.env.Stdout, "%s: sent %s\n", r, subject)
	}
	if deliver && hasRemote && sent > 0 {
		if err := s.SyncDigestMarks(ctx, gitstore.RemoteOptions{}); err != nil {
			return fmt.Errorf("digest: sent, but pushing what was sent failed (accord sync pushes it later): %w", err)
		}
	}
	return nil
}

// digestRange is the semantic diff a digest covers: since --since, else
// since the last digest's commit, else the last week.
func digestRange(s *gitstore.Store, mark model.DigestMark, since, today time.Time) (*model.OrgDiff, error) {
	if since.IsZero() && mark.Commit != "" {
		if _, err := s.LookupCommit(mark.Commit); err != nil {
			return nil, fmt.Errorf("digest: the last digest covered up to commit %s, which this clone does not have (a shallow clone? fetch the whole history): %w",
				model.ShortHash(mark.Commit), err)
		}
		d, _, err := semanticDiff(s, mark.Commit, "HEAD", "")
		return d, err
	}
	if since.IsZero() {
		since = today.AddDate(0, 0, -7)
	}
	d, _, err := semanticDiff(s, "", "HEAD", since.Format(time.DateOnly))
	return d, err
}

// digestPlaces is where one recipient's digest goes.
type digestPlaces struct {
	emails []string
	hooks  []webhook
}

// destinations are --to and --webhook when given, else a person's first
// e-mail (with --smtp) or a team's channels.
func destinations(org *model.Org, r model.Recipient, f digestFlags) (digestPlaces, error) {
	var p digestPlaces
	if f.to != "" {
		p.emails = []string{f.to}
	}
	if f.webhook != "" {
		p.hooks = []webhook{{url: f.webhook}}
	}
	if f.to != "" || f.webhook != "" {
		return p, nil
	}
	if r.Person != "" {
		if pp := org.People[r.Person]; pp != nil && len(pp.Emails) > 0 && f.smtp != "" {
			p.emails = []string{pp.Emails[0]}
		}
		return p, nil
	}
	for _, c := range org.Teams[r.Team].Channels {
		if c.Email != "" {
			p.emails = append(p.emails, c.Email)
		}
		if c.Webhook != "" {
			u := c.Webhook
			if name, ok := strings.CutPrefix(u, "$"); ok {
				if u = os.Getenv(name); u == "" {
					return p, fmt.Errorf("team %s's channel webhook %s: the environment variable is not set", r.Team, c.Webhook)
				}
			}
			p.hooks = append(p.hooks, webhook{url: u})
		}
	}
	return p, nil
}

func (a *app) printDigest(d model.Digest, doc *render.Doc, subject string, f digestFlags) error {
	var out string
	switch {
	case f.asJSON:
		return printJSON(a.env.Stdout, d)
	case d.Empty():
		out = "nothing new for " + model.CleanText(d.Name, false) + "\n"
	case f.asMD:
		out = render.Markdown(doc)
	case f.asHTML:
		out = render.HTML(doc)
	default:
		out = model.CleanText(subject, false) + "\n" + render.Plain(doc)
	}
	_, err := io.WriteString(a.env.Stdout, out)
	return err
}
