package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// A real browser for the published site's checks: Debian's chromium,
// headless, driven over the DevTools protocol (chromedp). .ci/run installs
// it; on a laptop without it the checks are skipped with a message, never
// under CI=true.

// chromium finds the browser, or skips (fails under CI) the test.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("cli: chromium is not installed; .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("cli: chromium is not installed (apt-get install -y chromium): the published site's browser checks are skipped")
	return ""
}

// browser is one headless Chromium with one tab, and what went wrong in
// it since the last page was opened.
type browser struct {
	ctx      context.Context
	mu       sync.Mutex
	problems []string
}

// waitBound is how long one page may take: generous, never a window the
// test relies on.
const waitBound = 60 * time.Second

func startBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromium(t)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1200, 900),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true))
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{ctx: ctx}
	// The first call starts the browser; it must not carry a timeout.
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.Enable, page.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Listen(ctx, b.event); err != nil {
		t.Fatal(err)
	}
	return b
}

// event records what a page must never do: write an error to the
// console, throw, log an error (a file that failed to load), open a
// dialog (a script in record text ran), or ask for anything but a file.
func (b *browser) event(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			p = "console." + string(ev.Type) + ": " + strings.Join(args, " ")
		}
	case *runtime.EventExceptionThrown:
		p = "exception: " + (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error()
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.EntryLevelError {
			p = "log: " + ev.Entry.Text + " " + ev.Entry.URL
		}
	case *page.EventJavascriptDialogOpening:
		p = "a dialog opened: " + ev.Message
	case *network.EventRequestWillBeSent:
		if u := ev.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
			p = "a request left the site: " + u
		}
	}
	if p != "" {
		b.mu.Lock()
		b.problems = append(b.problems, p)
		b.mu.Unlock()
	}
}

// shown is what a page showed once loaded.
type shown struct {
	Title string   `json:"title"`
	Text  string   `json:"text"`
	IDs   []string `json:"ids"`
	Links []string `json:"links"`
}

// open loads a page and returns what it shows and what went wrong.
func (b *browser) open(t *testing.T, fileURL string) (shown, []string) {
	t.Helper()
	b.mu.Lock()
	b.problems = nil
	b.mu.Unlock()
	ctx, cancel := context.WithTimeout(b.ctx, waitBound)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL)); err != nil {
		t.Fatalf("open %s: %v", fileURL, err)
	}
	s, err := chromedp.Run(ctx, chromedp.Evaluate[shown](`({
		title: document.title,
		text: document.body.innerText,
		ids: Array.from(document.querySelectorAll("[id]"), e => e.id),
		links: Array.from(document.querySelectorAll("a[href], link[href], script[src]"), e => e.href || e.src),
	})`))
	if err != nil {
		t.Fatalf("read %s: %v", fileURL, err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return s, append([]string(nil), b.problems...)
}

// eval runs JavaScript on the page open now.
func evalOn[T any](t *testing.T, b *browser, js string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, waitBound)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// fileURL is the file:// address of a file.
func fileURL(p string) string { return (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String() }

// siteLinks reads every page of a site as HTML (no browser): the IDs each
// page has and the links it makes. It is the check that every internal
// link resolves, for sites too big to open page by page.
func siteLinks(t *testing.T, dir string) (ids map[string]map[string]bool, links map[string][]string) {
	t.Helper()
	ids, links = map[string]map[string]bool{}, map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		ids[p] = map[string]bool{}
		z := html.NewTokenizer(f)
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if errors.Is(z.Err(), io.EOF) {
					return nil
				}
				return fmt.Errorf("%s: %w", p, z.Err())
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			for _, a := range tok.Attr {
				switch {
				case a.Key == "id":
					ids[p][a.Val] = true
				case a.Key == "href" || a.Key == "src" && tok.Data == "script":
					u, err := url.Parse(a.Val)
					if err != nil {
						return fmt.Errorf("%s: %q: %v", p, a.Val, err)
					}
					links[p] = append(links[p], (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).ResolveReference(u).String())
				}
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids, links
}

// brokenLinks lists the links that leave the site or point at a file or
// an anchor that is not there.
func brokenLinks(dir string, ids map[string]map[string]bool, links map[string][]string) []string {
	var bad []string
	for from, ls := range links {
		for _, l := range ls {
			u, err := url.Parse(l)
			if err != nil || u.Scheme != "file" || !strings.HasPrefix(filepath.FromSlash(u.Path), dir+string(filepath.Separator)) {
				bad = append(bad, fmt.Sprintf("%s → %s: leaves the site", from, l))
				continue
			}
			target := filepath.FromSlash(u.Path)
			if _, err := os.Stat(target); err != nil {
				bad = append(bad, fmt.Sprintf("%s → %s: no such file", from, l))
				continue
			}
			if u.Fragment != "" && filepath.Ext(target) == ".html" {
				if known, ok := ids[target]; ok && !known[u.Fragment] {
					bad = append(bad, fmt.Sprintf("%s → %s: no such anchor", from, l))
				}
			}
		}
	}
	return bad
}
