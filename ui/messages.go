package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/accordhq/accord/ui/common"
	"github.com/accordhq/accord/ui/widget"
)

// Messages: what Accord says goes to the status line until the next key;
// one too long for it is drawn whole, wrapped, over the bottom of the
// screen, and the next key dismisses it just the same. m lists the last
// ones in full, newest first.

// logEntry is one message and when it was said.
type logEntry struct {
	at  time.Time
	msg common.StatusMsg
}

// maxLog bounds the message log.
const maxLog = 200

// maxMessageLines bounds a long message drawn over the screen; the log
// has the rest.
const maxMessageLines = 6

// say puts a message in the status line and the log.
func (m *Model) say(msg common.StatusMsg) {
	m.status = msg
	if msg.Text == "" {
		return
	}
	m.log = append(m.log, logEntry{at: m.c.Now(), msg: msg})
	if len(m.log) > maxLog {
		m.log = m.log[len(m.log)-maxLog:]
	}
}

// amend adds to the message just said.
func (m *Model) amend(text string) {
	m.status.Text += text
	if n := len(m.log); n > 0 {
		m.log[n-1].msg.Text += text
	}
}

// statusText is the message as the status line draws it.
func (m Model) statusText() string {
	s := m.c.Styles
	text := common.Clean(m.status.Text)
	if m.status.Err {
		return s.StatusError.Render(text)
	}
	return s.StatusInfo.Render(text)
}

// messageFits reports whether the message fits the status line beside
// where the clone stands against its remote (which always shows), with a
// gap that keeps the two apart.
func (m Model) messageFits() bool {
	room := m.width - 1 - lipgloss.Width(m.statusRight(m.sync.Parts(m.c.Styles))) - statusGap
	return lipgloss.Width(common.Clean(m.status.Text)) <= room
}

// statusGap is the least space between a message and what follows it on
// the status line, so that the two never read as one sentence.
const statusGap = 3

// messageLines are a message too long for the status line, wrapped, under
// a rule, to draw over the bottom of the body; none when it fits.
func (m Model) messageLines() []string {
	if m.status.Text == "" || m.messageFits() {
		return nil
	}
	s := m.c.Styles
	style := s.StatusInfo
	if m.status.Err {
		style = s.StatusError
	}
	w := max(m.width-2, 10)
	lines := strings.Split(common.Wrap(common.Clean(m.status.Text), w), "\n")
	if len(lines) > maxMessageLines {
		lines = append(lines[:maxMessageLines-1], common.Fit(strings.Join(lines[maxMessageLines-1:], " "), w-22)+" (m shows it whole)")
	}
	out := []string{s.Muted.Render(common.Repeat("─", m.width))}
	for _, l := range lines {
		out = append(out, " "+style.Render(l))
	}
	return out
}

// overMessage draws the long message over the bottom lines of body.
func (m Model) overMessage(body string) string {
	msg := m.messageLines()
	if len(msg) == 0 {
		return body
	}
	lines := strings.Split(body, "\n")
	if len(msg) > len(lines) {
		msg = msg[len(msg)-len(lines):]
	}
	copy(lines[len(lines)-len(msg):], msg)
	return strings.Join(lines, "\n")
}

// newMessagesOverlay is the message log, newest first, each message whole.
func newMessagesOverlay(c common.Common, log []logEntry) *widget.Pager {
	entries := append([]logEntry(nil), log...)
	return widget.NewPager(c, "Messages · newest first", func(width int) string {
		s := c.Styles
		if len(entries) == 0 {
			return s.Muted.Render("Nothing said yet.")
		}
		const stampW = 6 // "15:04 "
		var b strings.Builder
		for i := len(entries) - 1; i >= 0; i-- {
			e := entries[i]
			style := s.StatusInfo
			if e.msg.Err {
				style = s.StatusError
			}
			for j, l := range strings.Split(common.Wrap(common.Clean(e.msg.Text), max(width-stampW, 10)), "\n") {
				stamp := strings.Repeat(" ", stampW)
				if j == 0 {
					stamp = s.Muted.Render(e.at.Format("15:04") + " ")
				}
				b.WriteString(stamp + style.Render(l) + "\n")
			}
		}
		return strings.TrimRight(b.String(), "\n")
	})
}
