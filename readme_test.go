package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/cli"
)

// TestREADMECommandsWork runs every accord command in the README's shell
// blocks, as pasted, against a fresh demo: the README's IDs are real IDs
// of the (deterministic) demo, and each command exits 0. A line that is
// neither an accord command nor one of the few known others fails the
// test, so a new example cannot go untested.
func TestREADMECommandsWork(t *testing.T) {
	// Not parallel: the commands use the demo clone's own git identity, as
	// a newcomer's would, so the environment's must not override it.
	for _, k := range []string{"GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"} {
		t.Setenv(k, "")
	}
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", t.TempDir())
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "accord-demo")
	run := func(args ...string) (string, int) {
		var out, errOut bytes.Buffer
		code := cli.Execute(cli.Env{Stdout: &out, Stderr: &errOut, Now: clock}, args)
		return out.String() + errOut.String(), code
	}
	if out, code := run("demo", dir); code != 0 {
		t.Fatalf("accord demo: exit %d\n%s", code, out)
	}
	ran := 0
	for _, line := range shellLines(string(readme)) {
		words, err := shellWords(line)
		if err != nil {
			t.Errorf("README line %q: %v", line, err)
			continue
		}
		switch {
		case len(words) == 0:
		case words[0] == "../accord" || words[0] == "accord":
			out, code := run(append([]string{"--repo", dir}, words[1:]...)...)
			// validate finds the rules the demo breaks on purpose, as the
			// README says; everything else succeeds.
			if code != 0 && !(code == 1 && len(words) > 1 && words[1] == "validate") {
				t.Errorf("README: %s\nexit %d\n%s", line, code, out)
			}
			ran++
		case words[0] == "go" || words[0] == "cd" || words[0] == "git":
			// Building, changing folder, git itself: not Accord's to test.
		default:
			t.Errorf("README line %q is not an accord command this test knows how to run", line)
		}
	}
	if ran < 8 {
		t.Errorf("ran %d accord commands from the README; the examples went missing", ran)
	}
}

// shellLines are the commands of the README's ```sh blocks, continuation
// lines joined, comments and "&&" chains split off.
func shellLines(md string) []string {
	var out []string
	in := false
	pending := ""
	for _, l := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(l, "```sh"):
			in = true
			continue
		case strings.HasPrefix(l, "```"):
			in = false
			continue
		case !in:
			continue
		}
		l = pending + stripComment(l)
		if strings.HasSuffix(strings.TrimSpace(l), "\\") {
			pending = strings.TrimSuffix(strings.TrimSpace(l), "\\") + " "
			continue
		}
		pending = ""
		for _, part := range strings.Split(l, "&&") {
			if p := strings.TrimSpace(part); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// stripComment drops a # comment outside quotes.
func stripComment(l string) string {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' '):
			return l[:i]
		}
	}
	return l
}

// shellWords splits a line as a POSIX shell would for these examples:
// words separated by spaces, single and double quotes, backslash escapes.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	escaped := false
	for _, r := range line {
		switch {
		case escaped:
			cur.WriteRune(r)
			escaped = false
		case r == '\\' && quote != '\'':
			escaped, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errUnclosedQuote
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

var errUnclosedQuote = errors.New("unclosed quote")
