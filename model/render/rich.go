package render

import (
	"bytes"
	"html"
	"strings"
	"sync"

	"github.com/accordhq/accord/model"
	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Markdown a person wrote in a record, for a page: goldmark renders it
// (GitHub-flavoured: tables, strikethrough, autolinks; raw HTML omitted),
// then bluemonday keeps only text formatting, lists, tables, code and
// links to http, https and mailto — no script, style, image, frame or
// form survives, so a record can neither run code nor make a reader's
// browser fetch anything.

// richMarkdown and richPolicy are made on first use, not when the
// program starts: only the site and the digests render records as HTML,
// and every other command would pay for them.
var (
	richMarkdown = sync.OnceValue(func() goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify))
	})
	richPolicy = sync.OnceValue(newRichPolicy)
)

func newRichPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "em", "strong", "del", "code", "pre", "blockquote",
		"ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(false)
	return p
}

// richHTML is record Markdown as safe HTML; cleaned of control and bidi
// characters first.
func richHTML(src string) string {
	src = model.CleanText(src, true)
	var buf bytes.Buffer
	if err := richMarkdown().Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on a failing writer; say the text as it is.
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return strings.TrimSpace(richPolicy().Sanitize(buf.String()))
}

// richLines are record Markdown's lines for a medium that does not render
// it: cleaned, blank lines dropped, a list item's bullet kept.
func richLines(src string) []string {
	var out []string
	for _, l := range strings.Split(model.CleanText(src, true), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
