package editor

import (
	"strings"
	"testing"
)

func TestEditorCommand(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		editor, visual string
		want           string
	}{
		{"code -w", "emacs", "code|-w"},
		{"", "emacs -nw", "emacs|-nw"},
		{"  ", "", "vi"},
	} {
		env := map[string]string{"EDITOR": c.editor, "VISUAL": c.visual}
		if got := strings.Join(editorCommand(func(k string) string { return env[k] }), "|"); got != c.want {
			t.Errorf("EDITOR=%q VISUAL=%q: %s, want %s", c.editor, c.visual, got, c.want)
		}
	}
}
