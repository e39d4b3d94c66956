package uitest

import (
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/common"
)

// CmdTimeout bounds the wait for a command's answer: generous, since the
// fixture answers at once and only a loaded machine makes it slow.
const CmdTimeout = 30 * time.Second

// Run runs a command and the commands of a batch side by side (of a
// sequence, one after the other) and returns their answers, batches and
// sequences taken apart, in their order. Timers (a
// poll, a spinner's tick, a cursor's blink) are never run: they would go on
// for ever; a spinner's first tick and a blink, which some commands answer
// with at once, are dropped for the same reason. Every other command is
// waited for, up to CmdTimeout, and one that does not answer fails the
// test.
func Run(t testing.TB, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil || IsTimer(cmd) {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(CmdTimeout):
		t.Fatalf("a command (%s) did not answer within %v", funcName(cmd), CmdTimeout)
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		out := make([][]tea.Msg, len(msg))
		var wg sync.WaitGroup
		for i, c := range msg {
			wg.Go(func() { out[i] = Run(t, c) })
		}
		wg.Wait()
		return slices.Concat(out...)
	case nil, spinner.TickMsg, cursor.BlinkMsg:
		return nil
	}
	if seq, ok := sequence(msg); ok {
		var out []tea.Msg
		for _, c := range seq {
			out = append(out, Run(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// sequence takes apart tea.Sequence's message (a type of its own that
// Bubble Tea does not export: a list of commands), to be run in order.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() || v.Type() == reflect.TypeFor[tea.BatchMsg]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// IsTimer tells a command that waits for the clock (tea.Tick and
// tea.Every, which the spinner and the poll use, and a cursor's blink)
// from one that does work, by the function it is.
func IsTimer(cmd tea.Cmd) bool {
	name := funcName(cmd)
	return strings.Contains(name, ".Tick.func") || strings.Contains(name, ".Every.func") ||
		strings.Contains(name, "cursor.(*Model).Blink.func")
}

func funcName(cmd tea.Cmd) string {
	return runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
}

// Key is a key press as the terminal sends it: "j", "enter", "ctrl+c",
// "shift+tab", or a character.
func Key(k string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "space": tea.KeySpace, "home": tea.KeyHome, "end": tea.KeyEnd,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "delete": tea.KeyDelete}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	if c, ok := strings.CutPrefix(k, "alt+"); ok {
		key := Key(c)
		key.Mod |= tea.ModAlt
		key.Text = ""
		return key
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// Press types keys into an overlay as the root delivers them: each key,
// then every message its commands bring, until they settle. It reports
// whether the overlay closed.
func Press(t testing.TB, o common.Overlay, keys ...string) bool {
	t.Helper()
	for _, k := range keys {
		if settle(t, o, []tea.Msg{Key(k)}) {
			return true
		}
	}
	return false
}

// Burst types keys into an overlay as they arrive in one read from the
// terminal (a paste, keys batched over SSH, a busy machine): every key is
// handed over before any command the keys return has answered; then the
// answers are delivered until they settle. It reports whether the overlay
// closed.
func Burst(t testing.TB, o common.Overlay, keys ...string) bool {
	t.Helper()
	var later []tea.Cmd
	for _, k := range keys {
		cmd, done := o.Update(Key(k))
		if done {
			return true
		}
		later = append(later, cmd)
	}
	return settle(t, o, Run(t, tea.Batch(later...)))
}

// settle delivers the messages, and every message their commands bring,
// until none is left; it reports whether the overlay closed.
func settle(t testing.TB, o common.Overlay, queue []tea.Msg) bool {
	t.Helper()
	for n := 0; len(queue) > 0; n++ {
		if n > 200 {
			t.Fatal("the commands never settle")
		}
		cmd, done := o.Update(queue[0])
		if done {
			return true
		}
		queue = append(queue[1:], Run(t, cmd)...)
	}
	return false
}

// Chrome is the lines the root draws around a screen: header, tabs, rule,
// status line and key hints.
const Chrome = 5

// Context is what the root gives its parts, as the tests pin it: the dark
// palette, the default keys, the clock at Today.
func Context() common.Common {
	return common.Common{Styles: common.NewStyles(true), Keys: common.DefaultKeyMap(), Now: func() time.Time { return Today }}
}

// Show sizes a screen for a width × height terminal (its body is Chrome
// lines shorter) and gives it the store's organisation, as the root does.
func Show(s common.Screen, st *Store, width, height int) {
	s.SetSize(width, height-Chrome)
	s.SetData(st.Data())
}

// Type types keys into a screen as the root hands them on, and returns the
// messages its commands bring (a jump, a status line), timers left alone.
func Type(t testing.TB, s common.Screen, keys ...string) []tea.Msg {
	t.Helper()
	var out []tea.Msg
	for _, k := range keys {
		_, cmd := s.Update(Key(k))
		out = append(out, Run(t, cmd)...)
	}
	return out
}

// LineWith is the first line of out that contains sub, or "".
func LineWith(out, sub string) string {
	for l := range strings.SplitSeq(out, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// RightPane is the right-hand pane of a side-by-side screen as one line
// of words, so that assertions do not depend on where text wraps.
func RightPane(out string) string {
	var words []string
	for _, l := range strings.Split(out, "\n") {
		if _, right, ok := strings.Cut(l, "│"); ok {
			words = append(words, strings.Fields(right)...)
		}
	}
	return strings.Join(words, " ")
}

// OneLine is text as one line of words.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
