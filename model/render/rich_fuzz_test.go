package render

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Whatever Markdown a record holds, its HTML runs nothing and loads
// nothing: no script, style, frame, image or form element, no event
// handler, and links only to http, https or mailto.
func FuzzRichHTML(f *testing.F) {
	for _, s := range []string{
		"plain *text* with `code`", "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://evil.example/x.png)",
		"<img src=x onerror=alert(1)>", "<a href=\"http://x\" onclick=\"y\">z</a>", "| a | b |\n|---|---|\n| <b>c</b> | d |",
		"<style>body{display:none}</style>", "[x](data:text/html,<script>)", "<iframe src=//evil>", "\x1b]8;;http://evil\x07hi",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		out := richHTML(src)
		z := html.NewTokenizer(strings.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "style", "iframe", "img", "object", "embed", "form", "input", "link", "meta", "base", "svg", "video", "audio":
				t.Fatalf("%q made a <%s>: %s", src, tok.Data, out)
			}
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "src" {
					t.Fatalf("%q made %s=%q: %s", src, a.Key, a.Val, out)
				}
				if a.Key == "href" {
					v := strings.ToLower(a.Val)
					if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "mailto:") {
						t.Fatalf("%q made a link to %q: %s", src, a.Val, out)
					}
				}
			}
		}
	})
}

// safeHref lets through only relative paths and http, https and mailto
// URLs.
func FuzzSafeHref(f *testing.F) {
	for _, s := range []string{"goals/GOAL-X.html", "../teams/a.html#b", "https://a.example/x", "javascript:alert(1)", "//evil.example",
		"JaVaScRiPt:x", "data:text/html,x", "a:b/c", " javascript:x", "mailto:a@b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := safeHref(s)
		if out == "" {
			return
		}
		l := strings.ToLower(out)
		if strings.HasPrefix(l, "//") {
			t.Fatalf("%q passed as protocol-relative", s)
		}
		if i := strings.IndexAny(l, ":/?#"); i >= 0 && l[i] == ':' {
			if !strings.HasPrefix(l, "http:") && !strings.HasPrefix(l, "https:") && !strings.HasPrefix(l, "mailto:") {
				t.Fatalf("%q passed with scheme %q", s, l[:i])
			}
		}
	})
}
