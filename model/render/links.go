package render

import (
	"net/url"
	"strings"
)

// safeHref is an address a page may link to: a relative path (no scheme,
// not protocol-relative), or an absolute http, https or mailto URL; ""
// for anything else (javascript:, data:, //host), so a hostile site_url or
// record can never make a link that runs or leaves for a surprise.
func safeHref(u string) string {
	if u == "" || strings.ContainsAny(u, "\x00\r\n\t\\") || strings.HasPrefix(u, "//") {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "":
		if p.Host != "" || strings.Contains(strings.SplitN(u, "/", 2)[0], ":") {
			return ""
		}
		return u
	case "http", "https", "mailto":
		return u
	}
	return ""
}

// mdURL is an address made safe inside Markdown's (…): the characters
// that would end or break the link are percent-encoded.
func mdURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "[", "%5B", "]", "%5D", "`", "%60").Replace(u)
}
