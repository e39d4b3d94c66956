package cli

import (
	"strings"
	"testing"
)

// --smtp takes smtp:// or smtps:// with a host, never credentials in the
// URL, and never crashes on what it is given.
func FuzzParseSMTP(f *testing.F) {
	for _, s := range []string{"smtp://127.0.0.1:1025", "smtps://mail.example.com", "smtp://user:pw@mail.example.com:587", "http://x", "smtp://", "smtp://[::1]:25", "smtp://h/path?x=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := parseSMTP(raw)
		if err != nil {
			return
		}
		if s.host == "" || s.port == "" {
			t.Fatalf("%q gave host %q port %q", raw, s.host, s.port)
		}
		if strings.Contains(s.String(), "@") {
			t.Fatalf("%q kept credentials: %s", raw, s)
		}
	})
}
