package widget

import (
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/accordhq/accord/ui/common"
	"github.com/charmbracelet/x/ansi"
)

// sgr is a colour sequence, the only one rendered text may keep.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// darkMarkdown is the style the tests render in.
var darkMarkdown = MarkdownStyle(common.NewStyles(true))

// TestRenderMarkdownConstructs: each construct as a reader sees it, in a
// narrow pane and a wide one.
func TestRenderMarkdownConstructs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src    string
		narrow, wide string // at 24 and 60 columns, without colour
	}{
		{
			name:   "headings are plain lines, a blank line after",
			src:    "# Title of the document\n\nA paragraph.\n\n###### Sixth",
			narrow: "Title of the document\n\nA paragraph.\n\nSixth",
			wide:   "Title of the document\n\nA paragraph.\n\nSixth",
		},
		{
			name:   "emphasis, strong, strikethrough and code keep their words",
			src:    "Plain *italic* **bold** ~~gone~~ `x := 1` and more words to wrap.",
			narrow: "Plain italic bold gone x\n:= 1 and more words to\nwrap.",
			wide:   "Plain italic bold gone x := 1 and more words to wrap.",
		},
		{
			name:   "bullets hang their wrapped lines under the text",
			src:    "- one\n- two is a longer item that wraps\n  - nested item\n- three",
			narrow: "• one\n• two is a longer item\n  that wraps\n  • nested item\n• three",
			wide:   "• one\n• two is a longer item that wraps\n  • nested item\n• three",
		},
		{
			name:   "ordered items keep their numbers",
			src:    "3. third\n4. fourth item that is long enough to wrap",
			narrow: "3. third\n4. fourth item that is\n   long enough to wrap",
			wide:   "3. third\n4. fourth item that is long enough to wrap",
		},
		{
			name:   "a task's box stands for its bullet",
			src:    "- [ ] to do\n- [x] done and a long text that wraps",
			narrow: "[ ] to do\n[x] done and a long text\n    that wraps",
			wide:   "[ ] to do\n[x] done and a long text that wraps",
		},
		{
			name:   "a loose list keeps its blank lines",
			src:    "- loose\n\n- list",
			narrow: "• loose\n\n• list",
			wide:   "• loose\n\n• list",
		},
		{
			name:   "a quote wraps inside its bar",
			src:    "> quoted text that is long enough to wrap inside the bar\n>\n> more",
			narrow: "│ quoted text that is\n│ long enough to wrap\n│ inside the bar\n│\n│ more",
			wide:   "│ quoted text that is long enough to wrap inside the bar\n│\n│ more",
		},
		{
			name:   "code is indented, not wrapped, and cut only at the edge",
			src:    "```\nfunc f() {\n\treturn 1234567890123456789012345\n}\n```",
			narrow: "  func f() {\n      return 12345678901\n  23456789012345\n  }",
			wide:   "  func f() {\n      return 1234567890123456789012345\n  }",
		},
		{
			name:   "indented code",
			src:    "    indented code",
			narrow: "  indented code",
			wide:   "  indented code",
		},
		{
			name:   "a link's address follows its text, unless the text is the address",
			src:    "A [link](https://example.com/a) and <https://auto.example.com> and www.bare.example.com.",
			narrow: "A link\n(https://example.com/a)\nand\nhttps://auto.example.com\nand\nwww.bare.example.com.",
			wide:   "A link (https://example.com/a) and https://auto.example.com\nand www.bare.example.com.",
		},
		{
			name:   "an image is its alt text and address, never fetched",
			src:    "![a chart](https://img.example.com/c.png)",
			narrow: "a chart (image:\nhttps://img.example.com/\nc.png)",
			wide:   "a chart (image: https://img.example.com/c.png)",
		},
		{
			name:   "a table fits its columns to the width, aligned as written",
			src:    "| Name | Count |\n|---|--:|\n| apples | 3 |\n| a very long name of fruit | 12 |",
			narrow: "Name             │ Count\n─────────────────┼──────\napples           │     3\na very long nam… │    12",
			wide:   "Name                      │ Count\n──────────────────────────┼──────\napples                    │     3\na very long name of fruit │    12",
		},
		{
			name:   "a table too wide for columns is written as records",
			src:    "| Goal | Team | Owner |\n|---|---|---|\n| Grow leaders from within | Leadership | Hannah Cole |",
			narrow: "Goal: Grow leaders from\n      within\nTeam: Leadership\nOwner: Hannah Cole",
			wide:   "Goal                     │ Team       │ Owner\n─────────────────────────┼────────────┼────────────\nGrow leaders from within │ Leadership │ Hannah Cole",
		},
		{
			name:   "a report's fold shows its summary, not its tags",
			src:    "<details><summary>Three check-ins</summary>\n\nInside.\n\n</details>",
			narrow: "Three check-ins\n\nInside.",
			wide:   "Three check-ins\n\nInside.",
		},
		{
			name:   "raw HTML shows its text, not its tags, comments or scripts",
			src:    "<div>\n<script>var İ = 1</script><!-- note -->\n<p>kept &amp; shown</p>\n</div>",
			narrow: "kept & shown",
			wide:   "kept & shown",
		},
		{
			name:   "hard breaks break, soft breaks are spaces",
			src:    "one  \ntwo<br>three\nfour",
			narrow: "one\ntwo\nthree four",
			wide:   "one\ntwo\nthree four",
		},
		{
			name:   "a rule spans the pane",
			src:    "a\n\n---\n\nb",
			narrow: "a\n\n" + strings.Repeat("─", 24) + "\n\nb",
			wide:   "a\n\n" + strings.Repeat("─", 60) + "\n\nb",
		},
		{
			name:   "entities and escapes are the characters they stand for",
			src:    "&amp; &lt;b&gt; &#42;not emphasis&#42; \\*nor this\\*",
			narrow: "& <b> *not emphasis*\n*nor this*",
			wide:   "& <b> *not emphasis* *nor this*",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			for width, want := range map[int]string{24: tc.narrow, 60: tc.wide} {
				if got := ansi.Strip(RenderMarkdown(darkMarkdown, tc.src, width)); got != want {
					t.Errorf("at %d columns %q renders as\n%s\nwant\n%s", width, tc.src, got, want)
				}
			}
		})
	}
}

// TestRenderMarkdownStyles: headings stand out in the palette's primary
// colour (H1, H2) or bold (H3 on), and inline styles are the terminal's
// attributes.
func TestRenderMarkdownStyles(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		s := common.NewStyles(dark)
		st := MarkdownStyle(s)
		primary := strings.TrimSuffix(strings.TrimPrefix(ansi.Style{}.Bold().ForegroundColor(s.Theme.Primary).String(), "\x1b["), "m")
		for _, tc := range []struct{ src, text, attrs string }{
			{"# Top", "Top", primary},
			{"## Section", "Section", primary},
			{"### Sub", "Sub", "1"},
			{"*slanted*", "slanted", "3"},
			{"**heavy**", "heavy", "1"},
			{"~~struck~~", "struck", "9"},
			{"[text](https://x.example)", "text", "4"},
			{"| Head |\n|---|\n| cell |", "Head", "1"},
		} {
			out := RenderMarkdown(st, tc.src, 40)
			if want := "\x1b[" + tc.attrs + "m" + tc.text + "\x1b[m"; !strings.Contains(out, want) {
				t.Errorf("dark=%v: %q renders as %q, want %q in it", dark, tc.src, out, want)
			}
		}
		out := RenderMarkdown(st, "See [it](https://x.example).", 40)
		muted := ansi.Style{}.ForegroundColor(s.Theme.Muted).Styled("(https://x.example)")
		if !strings.Contains(out, muted) {
			t.Errorf("dark=%v: the address is not muted in %q", dark, out)
		}
	}
	dark := RenderMarkdown(MarkdownStyle(common.NewStyles(true)), "# Top", 40)
	light := RenderMarkdown(MarkdownStyle(common.NewStyles(false)), "# Top", 40)
	if dark == light {
		t.Errorf("a heading looks the same on dark and light backgrounds: %q", dark)
	}
}

// TestMarkdownRenderBlankAndPalette: blank source takes no room, and the
// renderer follows a change of palette.
func TestMarkdownRenderBlankAndPalette(t *testing.T) {
	t.Parallel()
	var m Markdown
	dark, light := common.NewStyles(true), common.NewStyles(false)
	if got := m.Render(dark, " \n\t\n", 40); got != "" {
		t.Errorf("blank source renders as %q", got)
	}
	d := m.Render(dark, "# Top", 40)
	l := m.Render(light, "# Top", 40)
	if d == l || ansi.Strip(d) != "Top" || ansi.Strip(l) != "Top" {
		t.Errorf("dark %q, light %q: want one heading in each palette's colour", d, l)
	}
}

// TestRenderMarkdownFitsTheWidth: nothing is wider than the pane, no line
// ends in spaces, and a word or a line of code longer than the pane is
// broken, not cut.
func TestRenderMarkdownFitsTheWidth(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("abcdefghij", 9)
	for _, src := range []string{
		long,
		"See https://example.com/" + long + " now",
		"- " + long + "\n  - [x] " + long,
		"> " + long,
		"```\n" + long + "\n```",
		"| " + long + " | b | c |\n|---|:-:|--:|\n| 1 | " + long + " | 3 |",
		"# " + long,
		"漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
		"1. a\n   1. b\n      1. c\n         1. d\n            1. " + long,
	} {
		for _, width := range []int{1, 2, 3, 5, 8, 13, 40, 80} {
			out := RenderMarkdown(darkMarkdown, src, width)
			for _, l := range strings.Split(out, "\n") {
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("%q at %d columns: a line %d wide: %q", src, width, w, ansi.Strip(l))
				}
				if strings.HasSuffix(ansi.Strip(l), " ") {
					t.Errorf("%q at %d columns: a line ends in spaces: %q", src, width, ansi.Strip(l))
				}
			}
			if width >= 2 && (src == long || strings.HasPrefix(src, "```")) {
				if got := strings.Join(strings.Fields(ansi.Strip(out)), ""); got != long {
					t.Errorf("%q at %d columns loses text: %q", src, width, got)
				}
			}
		}
	}
}

// TestRenderMarkdownHostile: what an author slips in as entities, raw
// bytes or HTML reaches the screen as neither an escape sequence nor a
// control or bidi character, and a script's text is not shown.
func TestRenderMarkdownHostile(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		"clear &#27;[2J&#27;[?1049h now",
		"raw \x1b[2J\x1b]0;title\x07 bytes",
		"C1 &#155;31m CSI &#x9d;0;t&#x9c; and \u009b31m raw",
		"bidi &#x202e;evil&#x202c; \u202egnp.exe\u202c &#x2066;x&#x2069;",
		"link &#27;]8;;https://evil.example&#7;click&#27;]8;;&#7;",
		"<a href=\"https://evil.example\">\x1b]8;;https://evil.example\x07click\x1b]8;;\x07</a>",
		"clip &#27;]52;c;aGk=&#7; board \x1b]52;c;aGk=\x07",
		"<div>\n\x1b]52;c;aGk=\x07 &#27;[31m block\n</div>",
		"<script>alert(1)</script>\n\n<style>body{}</style>\n\nafter",
		"inline <script>x</script> &#0; &#xD800; &#1114112; NUL\x00",
		"`code \x1b[31m` and\n\n```\n\x1b[2Jfenced &#27;\u202e\n```",
		"| a\x1b[31m | &#27;[2J |\n|---|---|\n| \u202e | x |",
		"[text](javascript:\x1b]8;;x\x07) ![alt\x1b[5m](&#27;[2J)",
	} {
		for _, width := range []int{10, 80} {
			out := RenderMarkdown(darkMarkdown, src, width)
			assertTerminalSafe(t, src, out)
			if strings.Contains(out, "alert(1)") || strings.Contains(out, "body{}") {
				t.Errorf("%q shows a script or style: %q", src, out)
			}
		}
	}
}

// assertTerminalSafe fails when out holds an escape sequence other than
// colour, a control character other than the line break, or a bidi
// control.
func assertTerminalSafe(t *testing.T, src, out string) {
	t.Helper()
	for _, r := range sgr.ReplaceAllString(out, "") {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			t.Fatalf("control character %U in %q (from %q)", r, out, src)
		case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
			t.Fatalf("bidi control %U in %q (from %q)", r, out, src)
		}
	}
}

// FuzzRenderMarkdown: whatever an author writes, the renderer does not
// panic, and what reaches the screen holds only colour sequences, no
// control character but the line break, no bidi control, and no line
// wider than the pane; the words of a plain paragraph all survive.
func FuzzRenderMarkdown(f *testing.F) {
	for _, seed := range []string{
		"plain text\n\twith a tab",
		"\x1b[1;38;5;99mbold colour\x1b[0m",
		"\x1b]8;;https://evil.example\x07link\x1b]8;;\x07",
		"\x1b]52;c;aGk=\x07clipboard",
		"unterminated \x1b]52;c;aGk=",
		"\x1b[2J\x1b[?1049h\x1bPq#0;2;0;0;0\x1b\\",
		"\u009b31m C1 CSI \u202eevil\u202c",
		"\x1b",
		"\x1b[",
		"a\x1b\x1b[31mb",
		"&#27;[2J &#x202e;evil&#x202c; &#155;",
		"# Heading\n\nSome *emphasis*, **strong**, ~~strike~~ and `code`.",
		"| a | b |\n|---|:-:|\n| 1 | 2 |\n| long cell text | x |",
		"- one\n  - two\n    1. three\n       - [x] four\n- five",
		"> quote\n> > nested\n>\n> - item",
		"```go\nfunc main() {\n\tprintln(\"hi\")\n}\n```\n\n    indented",
		"<details><summary>Fold</summary>\n\ninside\n\n</details>",
		"<script>alert(1)</script>\n<!-- comment -->\n<b>bold</b> text<br>next",
		"<div>\n<STYLE>İİİ</style x>after</div>\n<script>unclosed",
		"[link](https://example.com) <https://auto.example.com> www.example.com ![img](i.png)",
		"a  \nb\\\nc\n\n***\n\nd",
		"漢字 emoji 👍🏽 combining e\u0301",
	} {
		f.Add(seed, 40)
		f.Add(seed, 7)
	}
	f.Fuzz(func(t *testing.T, src string, width int) {
		width = 1 + (width%100+100)%100
		lines := renderMarkdown(darkMarkdown, src, width)
		out := strings.Join(lines, "\n")
		assertTerminalSafe(t, src, out)
		if strings.Contains(sgr.ReplaceAllString(out, ""), "\x1b") {
			t.Fatalf("an escape sequence other than colour in %q (from %q)", out, src)
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("a line %d wide at %d columns: %q (from %q)", w, width, l, src)
			}
		}
		plain := strings.IndexFunc(src, func(r rune) bool {
			return r != ' ' && (r > unicode.MaxASCII || !unicode.IsLetter(r) && !unicode.IsDigit(r))
		}) < 0
		if plain && width >= 2 {
			if got, want := strings.Join(strings.Fields(ansi.Strip(out)), ""), strings.Join(strings.Fields(src), ""); got != want {
				t.Fatalf("the words of %q became %q at %d columns", src, ansi.Strip(out), width)
			}
		}
	})
}
