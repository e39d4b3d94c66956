package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/model/render"
)

const demoSite = "https://accord.example/northwind"

// northwindSite is the demo organisation with site_url set.
func northwindSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg, commits := demo.Northwind(today)
	cfg.SiteURL = demoSite
	s, err := gitstore.WriteHistory(dir, cfg, commits, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return dir
}

// decisionTitled finds a decision by the start of its title.
func decisionTitled(t *testing.T, o *model.Org, prefix string) *model.Decision {
	t.Helper()
	for _, id := range o.IDs(model.KindDecision) {
		if strings.HasPrefix(o.Decisions[id].Title, prefix) {
			return o.Decisions[id]
		}
	}
	t.Fatalf("no decision titled %q…", prefix)
	return nil
}

// Raj's digest reaches his mailbox once: both asks made of Onboarding and
// the decision Onboarding is consulted on, in a text and an HTML part that
// link to the site. Sent again, nothing new: nothing goes.
func TestDigestByMailSendsOnce(t *testing.T) {
	t.Parallel()
	mp := startMailpit(t)
	repo := northwindSite(t)
	org := loadOrg(t, repo)
	smtpURL := "smtp://127.0.0.1:" + strconv.Itoa(mp.smtpPort)
	out := must(t, repo, "digest", "--for", "raj", "--smtp", smtpURL, "--from", "accord@northwind.example")
	if !strings.Contains(out, "person/raj: sent") {
		t.Fatalf("digest: %s", out)
	}
	msgs := mp.messages(t)
	if len(msgs) != 1 {
		t.Fatalf("mailpit has %d messages, want 1", len(msgs))
	}
	msg := mp.message(t, msgs[0].ID)
	if len(msg.To) != 1 || msg.To[0].Address != org.People["raj"].Emails[0] || msg.From.Address != "accord@northwind.example" {
		t.Errorf("from %v to %v", msg.From, msg.To)
	}
	if !strings.HasPrefix(msg.Subject, "Accord digest for Raj Patel: ") || !strings.Contains(msg.Subject, "1 ask,") || !strings.Contains(msg.Subject, "1 goal blocked") {
		t.Errorf("subject %q", msg.Subject)
	}
	consulted := decisionTitled(t, org, "Sell a paid onboarding package")
	for part, body := range map[string]string{"text": msg.Text, "html": msg.HTML} {
		for _, w := range []string{"capacity for two mid-market kick-offs a week", "Blocked by a dependency", "p95 dashboard query latency",
			"Sell a paid onboarding package", "Your input wanted", "Asked of you"} {
			if !strings.Contains(body, w) {
				t.Errorf("the %s part lacks %q", part, w)
			}
		}
		if link := demoSite + "/decisions/" + consulted.ID + ".html"; !strings.Contains(body, link) {
			t.Errorf("the %s part does not link %s", part, link)
		}
	}
	if !strings.Contains(msg.HTML, `<a href="`+demoSite+"/goals/") {
		t.Errorf("the HTML part links no goal page")
	}
	out = must(t, repo, "digest", "--for", "raj", "--smtp", smtpURL, "--from", "accord@northwind.example")
	if !strings.Contains(out, "nothing new, nothing sent") {
		t.Errorf("second digest: %s", out)
	}
	if n := len(mp.messages(t)); n != 1 {
		t.Errorf("the second digest sent mail: mailpit has %d messages", n)
	}
}

// Support's digest holds the decisions it is informed of.
func TestDigestOfATeamHoldsWhatItIsInformedOf(t *testing.T) {
	t.Parallel()
	repo := northwindSite(t)
	org := loadOrg(t, repo)
	out := must(t, repo, "digest", "--team", "support", "--md")
	n := 0
	for _, id := range org.IDs(model.KindDecision) {
		d := org.Decisions[id]
		if d.Status != model.DecisionDraft && strings.Contains(strings.Join(d.Informed, ","), "support") {
			if model.InformedStatuses(org, model.InboxQuery{Team: "support"})[id] == "" {
				continue
			}
			if strings.Contains(out, d.Title) {
				n++
			}
		}
	}
	if n == 0 || !strings.Contains(out, "## Changed since you last looked") {
		t.Errorf("Support's digest names none of the decisions it is informed of:\n%s", out)
	}
	if !strings.Contains(out, "]("+demoSite+"/decisions/") {
		t.Errorf("the Markdown digest does not link decisions to the site:\n%s", out)
	}
}

// A connection dropped in the middle of the message sends nothing and
// records nothing: the next run sends the whole digest, once.
func TestDigestDroppedConnectionSendsNothing(t *testing.T) {
	t.Parallel()
	mp := startMailpit(t)
	repo := northwindSite(t)
	proxy := dropAfterData(t, mp.smtpPort)
	_, errOut, code := run(t, repo, "digest", "--for", "raj", "--smtp", "smtp://"+proxy, "--from", "accord@northwind.example")
	if code == ExitOK || !strings.Contains(errOut, "smtp://"+proxy) || !strings.Contains(errOut, "raj@") {
		t.Fatalf("a dropped connection: exit %d, %q; want an error naming the server and the recipient", code, errOut)
	}
	if n := len(mp.messages(t)); n != 0 {
		t.Fatalf("mailpit kept %d messages from a dropped connection", n)
	}
	s, err := gitstore.Open(repo, storeOpts(t)...)
	if err != nil {
		t.Fatal(err)
	}
	_, mark, err := s.DigestMark(model.Recipient{Person: "raj"})
	s.Close()
	if err != nil || mark != "" {
		t.Fatalf("a failed send recorded a mark (%q, %v)", mark, err)
	}
	must(t, repo, "digest", "--for", "raj", "--smtp", "smtp://127.0.0.1:"+strconv.Itoa(mp.smtpPort), "--from", "accord@northwind.example")
	if n := len(mp.messages(t)); n != 1 {
		t.Errorf("after the failure, the digest was sent %d times, want once", n)
	}
}

// dropAfterData is a loopback TCP proxy to port that forwards an SMTP
// session until the client starts the message, then drops both sides.
func dropAfterData(t *testing.T, port int) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { l.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
			if err != nil {
				c.Close()
				continue
			}
			wg.Add(2)
			go func() { defer wg.Done(); io.Copy(c, up); c.Close() }()
			go func() {
				defer wg.Done()
				defer up.Close()
				defer c.Close()
				buf := make([]byte, 4096)
				var seen []byte
				for {
					n, err := c.Read(buf)
					if n > 0 {
						if bytes.Contains(seen, []byte("DATA\r\n")) {
							return // the message body: drop the connection instead
						}
						seen = append(seen, buf[:n]...)
						up.Write(buf[:n])
					}
					if err != nil {
						return
					}
				}
			}()
		}
	}()
	return l.Addr().String()
}

// webhookServer records what chat webhooks receive; status is what it
// answers.
type webhookServer struct {
	url    string
	mu     sync.Mutex
	posts  [][]byte
	status int
}

func startWebhook(t *testing.T) *webhookServer {
	t.Helper()
	w := &webhookServer{status: http.StatusOK}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.mu.Lock()
		defer w.mu.Unlock()
		if w.status == http.StatusOK && r.Method == http.MethodPost && r.Header.Get("Content-Type") == "application/json" {
			w.posts = append(w.posts, body)
		}
		rw.WriteHeader(w.status)
		io.WriteString(rw, "ok")
	}))
	t.Cleanup(srv.Close)
	w.url = srv.URL + "/hooks/T000/B000/secret-token"
	return w
}

func (w *webhookServer) received() [][]byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([][]byte(nil), w.posts...)
}

// A team's digest goes to its chat webhook as Slack blocks with links to
// the site; a failing webhook names itself (not its secret path) and the
// recipient and records nothing; what was sent travels through the remote,
// so another clone sends nothing twice.
func TestDigestWebhookOnceAcrossClones(t *testing.T) {
	t.Parallel()
	hook := startWebhook(t)
	repo := northwindSite(t)
	remote := bareRemote(t)
	must(t, repo, "remote", "set", remote)
	must(t, repo, "sync")

	hook.status = http.StatusInternalServerError
	_, errOut, code := run(t, repo, "digest", "--team", "support", "--webhook", hook.url)
	if code == ExitOK || !strings.Contains(errOut, "team/support") || !strings.Contains(errOut, "webhook at http://127.0.0.1") || strings.Contains(errOut, "secret-token") {
		t.Fatalf("a failing webhook: exit %d, %q", code, errOut)
	}
	hook.status = http.StatusOK
	must(t, repo, "digest", "--team", "support", "--webhook", hook.url)
	posts := hook.received()
	if len(posts) != 1 {
		t.Fatalf("the webhook got %d posts, want 1", len(posts))
	}
	var payload struct {
		Text   string
		Blocks []struct {
			Type string
			Text struct{ Type, Text string }
		}
	}
	if err := json.Unmarshal(posts[0], &payload); err != nil {
		t.Fatal(err)
	}
	if len(payload.Blocks) < 2 || payload.Blocks[0].Type != "header" || !strings.Contains(payload.Blocks[0].Text.Text, "Customer Support") {
		t.Fatalf("blocks: %+v", payload.Blocks)
	}
	all := ""
	for _, b := range payload.Blocks[1:] {
		all += b.Text.Text + "\n"
	}
	if !strings.Contains(all, "<"+demoSite+"/decisions/") || !strings.Contains(all, "Changed since you last looked") {
		t.Errorf("the blocks do not link decisions to the site:\n%s", all)
	}
	if !strings.Contains(payload.Text, "Accord digest for Customer Support") {
		t.Errorf("fallback text: %q", payload.Text)
	}
	if out, err := exec.Command("git", "ls-remote", strings.TrimPrefix(remote, "file://")).CombinedOutput(); err != nil ||
		!strings.Contains(string(out), "refs/accord/digests/team/support") {
		t.Fatalf("the mark did not reach the remote: %v\n%s", err, out)
	}

	other := filepath.Join(t.TempDir(), "other")
	must(t, "", "clone", remote, other)
	out := must(t, other, "digest", "--team", "support", "--webhook", hook.url)
	if !strings.Contains(out, "nothing new, nothing sent") || len(hook.received()) != 1 {
		t.Errorf("another clone sent Support's digest again: %s (%d posts)", out, len(hook.received()))
	}
}

// Hostile record text cannot make a Slack link or mention.
func TestDigestWebhookPayloadEscapesRecordText(t *testing.T) {
	t.Parallel()
	o := model.NewOrg()
	o.Config.SiteURL = demoSite
	o.Add(&model.Team{ID: "ops", Name: "Ops"}, nil)
	o.Add(&model.Person{ID: "eve", Name: "Eve"}, nil)
	o.Add(&model.Decision{ID: "DEC-DDDDDDDD", Title: "<https://evil.example|click me> <!channel> & more", Status: model.DecisionProposed,
		Date: "2026-11-20", Driver: "eve", Consulted: []string{"ops"}}, nil)
	o.Index()
	d, _ := model.BuildDigest(o, model.Recipient{Team: "ops"}, today, model.DigestMark{}, nil)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(slackPayload(render.DigestDoc(o, d, o.Config.SiteURL), "s")["blocks"]); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, bad := range []string{"<https://evil.example", "<!channel>"} {
		if strings.Contains(s, bad) {
			t.Errorf("the payload holds %q unescaped: %s", bad, s)
		}
	}
	if !strings.Contains(s, "<"+demoSite+"/decisions/DEC-DDDDDDDD.html|open>") {
		t.Errorf("the payload lacks the decision's link: %s", s)
	}
}
