package render_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/demo"
	"github.com/accordhq/accord/model/render"
	"golang.org/x/net/html"
)

var reportToday = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

// hostileOrg is an organisation whose text tries to break out of every
// medium a report is rendered in.
func hostileOrg() *model.Org {
	o := model.NewOrg()
	o.Config.Org = "Evil <b>Corp</b>"
	o.Add(&model.Person{ID: "eve", Name: "Eve \x1b]8;;http://evil.example\x07click\x1b]8;;\x07"}, nil)
	o.Add(&model.Team{ID: "ops", Name: "Ops | </td><script>alert(1)</script>"}, nil)
	o.Add(&model.Goal{ID: "GOAL-AAAAAAAA", Title: "Strategy", Level: model.LevelStrategic, State: "active", Owner: "eve", Team: "ops"}, nil)
	o.Add(&model.Goal{ID: "GOAL-BBBBBBBB", Title: "Win | big *now* [x](http://evil.example) <img src=x onerror=alert(1)>", Level: model.LevelObjective,
		Parent: "GOAL-AAAAAAAA", State: "active", Owner: "eve", Team: "ops", Period: "2026-Q4"}, nil)
	o.Add(&model.Update{ID: "UPD-CCCCCCCC", Target: "GOAL-BBBBBBBB", Author: "eve", Date: "2026-11-20", Health: model.HealthAtRisk,
		Summary: "line one\nline two \u202eevil", Problems: []string{"<script>alert('x')</script>"},
		Asks: []model.Ask{{From: "ops", What: "`rm -rf /`"}}, Wins: []string{"\"><style>body{display:none}</style>"}}, nil)
	o.Index()
	return o
}

func TestReportMarkdownEscapesRecordText(t *testing.T) {
	t.Parallel()
	md := render.Markdown(render.Report(model.BuildReport(hostileOrg(), model.ReportOptions{Period: "2026-Q4", Today: reportToday})))
	unescaped := func(s, sub string) bool {
		for i := strings.Index(s, sub); i >= 0; i = strings.Index(s, sub) {
			if i == 0 || s[i-1] != '\\' {
				return true
			}
			s = s[i+1:]
		}
		return false
	}
	for _, bad := range []string{"\x1b", "\u202e", "<script>", "<img", "](http", "| big", "<b>"} {
		if unescaped(md, bad) {
			t.Errorf("the Markdown holds %q unescaped:\n%s", bad, md)
		}
	}
	for _, want := range []string{`Win \| big \*now\* \[x\](http://evil.example) \<img`, `\<script\>`, "line one line two evil"} {
		if !strings.Contains(md, want) {
			t.Errorf("the Markdown lacks %q:\n%s", want, md)
		}
	}
	// Each table row keeps its five cells.
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| ") && strings.Contains(l, "Win") {
			if n := strings.Count(l, "|") - strings.Count(l, `\|`); n != 6 {
				t.Errorf("row has %d unescaped pipes, want 6: %s", n, l)
			}
		}
	}
}

func TestReportHTMLIsSelfContainedAndEscaped(t *testing.T) {
	t.Parallel()
	demoOrg, err := demo.Replay(demo.Northwind(reportToday))
	if err != nil {
		t.Fatal(err)
	}
	for name, o := range map[string]*model.Org{"northwind": demoOrg, "hostile": hostileOrg()} {
		page := render.HTML(render.Report(model.BuildReport(o, model.ReportOptions{Today: reportToday})))
		if err := checkSelfContainedHTML(page); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if strings.Contains(page, "\x1b") || strings.Contains(page, "\u202e") {
			t.Errorf("%s: control characters reach the page", name)
		}
	}
}

// checkSelfContainedHTML parses a page and checks that every element is
// closed in order, and that nothing runs or loads: no script, no iframe or
// object, no event handlers, no URL in an attribute or in CSS.
func checkSelfContainedHTML(page string) error {
	void := map[string]bool{"meta": true, "br": true, "col": true, "img": true, "hr": true, "input": true, "link": true}
	var open []string
	z := html.NewTokenizer(strings.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return z.Err()
			}
			if len(open) > 0 {
				return fmt.Errorf("unclosed elements at the end: %v", open)
			}
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "link", "img", "base", "form", "video", "audio", "source":
				return fmt.Errorf("the page has a <%s> element", tok.Data)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "href" || strings.Contains(a.Val, "//") || strings.Contains(a.Val, "url(") {
					return fmt.Errorf("<%s %s=%q> loads or runs something", tok.Data, a.Key, a.Val)
				}
			}
			if tt == html.StartTagToken && !void[tok.Data] {
				open = append(open, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(open) == 0 || open[len(open)-1] != tok.Data {
				return fmt.Errorf("</%s> closes %v", tok.Data, open)
			}
			open = open[:len(open)-1]
		case html.TextToken:
			if len(open) > 0 && open[len(open)-1] == "style" {
				css := string(z.Text())
				for _, bad := range []string{"url(", "@import", "//", "@font-face"} {
					if strings.Contains(css, bad) {
						return fmt.Errorf("the style sheet has %q", bad)
					}
				}
			}
		}
	}
}

// Every writer writes every part of the report: each section, each team
// and each goal at risk, whatever the medium (a digest in plain text will
// reuse the report's sections).
func TestEveryWriterWritesTheWholeReport(t *testing.T) {
	t.Parallel()
	o, err := demo.Replay(demo.Northwind(reportToday))
	if err != nil {
		t.Fatal(err)
	}
	r := model.BuildReport(o, model.ReportOptions{Today: reportToday})
	doc := render.Report(r)
	want := []string{"Executive summary", "Strategic goals", "By team", "At risk and off track", "Check-ins missing", "Decisions",
		"Awaiting approval", "RACI", "Accountable for too much", "Hand-offs overdue", "Wins"}
	for _, tm := range r.Teams {
		want = append(want, tm.Name)
	}
	for _, a := range r.AtRisk {
		want = append(want, a.Goal.Title, a.Summary)
	}
	for name, out := range map[string]string{"Markdown": render.Markdown(doc), "Plain": render.Plain(doc), "HTML": render.HTML(doc)} {
		for _, w := range want {
			if name == "HTML" {
				w = html.EscapeString(w)
			}
			if !strings.Contains(out, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
}
