package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
)

// Delivering a digest: by e-mail over SMTP, or to a chat incoming webhook.
// Credentials come only from the environment; an error names the server
// (never its secret) and the recipient.

// smtpServer is where e-mail goes: smtp://host:port (STARTTLS when the
// server offers it, required unless the host is loopback) or
// smtps://host:port (TLS from the start).
type smtpServer struct {
	host, port string
	implicit   bool
	user, pass string // ACCORD_SMTP_USERNAME, ACCORD_SMTP_PASSWORD
}

// parseSMTP reads --smtp; credentials in the URL are refused.
func parseSMTP(raw string) (smtpServer, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || u.Path != "" && u.Path != "/" || u.RawQuery != "" {
		return smtpServer{}, fmt.Errorf("--smtp %q: want smtp://HOST:PORT or smtps://HOST:PORT", raw)
	}
	if u.User != nil {
		return smtpServer{}, fmt.Errorf("--smtp: the URL holds credentials; put them in ACCORD_SMTP_USERNAME and ACCORD_SMTP_PASSWORD instead")
	}
	s := smtpServer{host: u.Hostname(), port: u.Port(), user: os.Getenv("ACCORD_SMTP_USERNAME"), pass: os.Getenv("ACCORD_SMTP_PASSWORD")}
	switch u.Scheme {
	case "smtp":
		if s.port == "" {
			s.port = "587"
		}
	case "smtps":
		s.implicit = true
		if s.port == "" {
			s.port = "465"
		}
	default:
		return smtpServer{}, fmt.Errorf("--smtp %q: want smtp://HOST:PORT or smtps://HOST:PORT", raw)
	}
	return s, nil
}

func (s smtpServer) String() string {
	scheme := "smtp"
	if s.implicit {
		scheme = "smtps"
	}
	return scheme + "://" + net.JoinHostPort(s.host, s.port)
}

func (s smtpServer) loopback() bool {
	if s.host == "localhost" {
		return true
	}
	ip := net.ParseIP(s.host)
	return ip != nil && ip.IsLoopback()
}

// mailMessage is one e-mail: both parts of the digest.
type mailMessage struct {
	from    string
	to      []string
	subject string
	text    string
	html    string
	date    time.Time
}

// bytes writes the message as MIME: multipart/alternative, plain text then
// HTML, both UTF-8 and quoted-printable; the subject encoded as RFC 2047.
func (m mailMessage) bytes() ([]byte, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	var head bytes.Buffer
	fmt.Fprintf(&head, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s@accord>\r\nMIME-Version: 1.0\r\n",
		m.from, strings.Join(m.to, ", "), mime.QEncoding.Encode("utf-8", m.subject), m.date.Format(time.RFC1123Z), randomID())
	fmt.Fprintf(&head, "Content-Type: multipart/alternative; boundary=%q\r\n\r\n", mw.Boundary())
	for _, part := range []struct{ typ, body string }{{"text/plain", m.text}, {"text/html", m.html}} {
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {part.typ + "; charset=utf-8"}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qp := quotedprintable.NewWriter(w)
		if _, err := io.WriteString(qp, strings.ReplaceAll(part.body, "\n", "\r\n")); err != nil {
			return nil, err
		}
		if err := qp.Close(); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return append(head.Bytes(), b.Bytes()...), nil
}

func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// send delivers one message. Nothing is sent unless the server accepts the
// whole message: a connection that drops before the final reply is an
// error, and the caller moves no marker.
func (s smtpServer) send(ctx context.Context, m mailMessage) error {
	fail := func(err error) error {
		return fmt.Errorf("send digest to %s via %s: %w", strings.Join(m.to, ", "), s, err)
	}
	for _, a := range append([]string{m.from}, m.to...) {
		if _, err := mail.ParseAddress(a); err != nil || strings.ContainsAny(a, "\r\n") {
			return fail(fmt.Errorf("address %q: %v", a, err))
		}
	}
	data, err := m.bytes()
	if err != nil {
		return fail(err)
	}
	d := net.Dialer{Timeout: 30 * time.Second}
	addr := net.JoinHostPort(s.host, s.port)
	var conn net.Conn
	if s.implicit {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return fail(err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	} else {
		_ = conn.SetDeadline(time.Now().Add(2 * time.Minute))
	}
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fail(err)
	}
	defer c.Close()
	if !s.implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(&tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}); err != nil {
				return fail(err)
			}
		} else if !s.loopback() {
			return fail(fmt.Errorf("the server does not offer STARTTLS; Accord sends mail in the clear only to a server on this machine"))
		}
	}
	if s.user != "" {
		if err := c.Auth(smtp.PlainAuth("", s.user, s.pass, s.host)); err != nil {
			return fail(err)
		}
	}
	if err := c.Mail(m.from); err != nil {
		return fail(err)
	}
	for _, to := range m.to {
		if err := c.Rcpt(to); err != nil {
			return fail(err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fail(err)
	}
	if _, err := w.Write(data); err != nil {
		return fail(err)
	}
	if err := w.Close(); err != nil { // the server's reply to the whole message
		return fail(err)
	}
	_ = c.Quit()
	return nil
}

// webhook is a chat incoming webhook. Its URL is a credential: errors name
// only its host.
type webhook struct{ url string }

func (w webhook) String() string {
	if u, err := url.Parse(w.url); err == nil && u.Host != "" {
		return "webhook at " + u.Scheme + "://" + u.Host
	}
	return "webhook"
}

// post sends a Slack-compatible payload (Mattermost and Teams' incoming
// webhooks accept the same): a fallback text in Markdown, and blocks — a
// header, then a section per part of the digest, written by the plain
// text writer with its links made Slack links and everything else
// escaped, so record text cannot make links or mentions.
func (w webhook) post(ctx context.Context, client *http.Client, to string, doc *render.Doc, subject string) error {
	fail := func(err error) error { return fmt.Errorf("send digest for %s to the %s: %w", to, w, err) }
	u, err := url.Parse(w.url)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fail(fmt.Errorf("not an http or https URL"))
	}
	payload := slackPayload(doc, subject)
	body, err := json.Marshal(payload)
	if err != nil {
		return fail(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return fail(fmt.Errorf("bad URL"))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL holds the secret
		}
		return fail(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 != 2 {
		return fail(fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(cell(string(msg), 200))))
	}
	return nil
}

// slackPayload builds the webhook's JSON from the Doc through the plain
// text writer: each section alone, Slack's three special characters
// escaped, then the writer's own link marks turned into Slack links.
func slackPayload(doc *render.Doc, subject string) map[string]any {
	links := map[string]string{}
	link := doc.Link
	marked := *doc
	marked.Link = nil
	if link != nil {
		marked.Link = func(k model.Kind, id string) string {
			u := link(k, id)
			if u == "" {
				return ""
			}
			mark := fmt.Sprintf("accord-link-%d", len(links))
			links[mark] = u
			return mark
		}
	}
	slack := func(text string) string {
		text = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(text)
		for mark, u := range links {
			text = strings.ReplaceAll(text, "&lt;"+mark+"&gt;", "<"+u+"|open>")
		}
		return text
	}
	blocks := []any{map[string]any{"type": "header", "text": map[string]any{"type": "plain_text", "text": cell(doc.Title, 150)}}}
	for _, sec := range doc.Sections {
		one := marked
		one.Sections = []render.Section{sec}
		one.Subtitle = nil
		text := strings.TrimSpace(render.Plain(&one))
		if len(text) > 2900 { // Slack's limit for a section is 3,000
			text = text[:2900] + "…"
		}
		blocks = append(blocks, map[string]any{"type": "section", "text": map[string]any{"type": "mrkdwn", "text": slack(text)}})
	}
	return map[string]any{"text": subject + "\n\n" + render.Markdown(doc), "blocks": blocks}
}
