package form

import (
	"reflect"
	"runtime"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// huh moves the focus by messages: a field answers tab or enter with the
// command huh.NextField (or PrevField), and the group answers that with
// one that turns the page. The program runs a command after the input it
// has already read, so when keys arrive in one read (a paste, keys batched
// over SSH, a busy machine) the characters after enter went into the field
// being left: "Upload limit undecidedD", "ecide by Friday". Every update
// of a huh form goes through updateHuh, which takes those moves out of the
// commands huh returns and makes them at once, so that the next key finds
// the focus where the person put it. The rest of the commands (a cursor's
// blink, huh's own refreshes) run as before.

// focusMoves are huh's commands that move the focus, by their functions'
// names: NextField and PrevField are exported; the page turns are not.
var focusMoves = map[string]bool{
	funcName(huh.NextField):       true,
	funcName(huh.PrevField):       true,
	"charm.land/huh/v2.nextGroup": true,
	"charm.land/huh/v2.prevGroup": true,
}

// batchFunc is the function behind every tea.Batch (and tea.Sequence) of
// two or more commands: calling one only returns its commands.
var batchFunc = reflect.ValueOf(tea.Batch(func() tea.Msg { return nil }, func() tea.Msg { return nil })).Pointer()

func funcName(f any) string {
	return runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
}

// maxMoves bounds the moves one update may make (a form of many empty,
// skipped fields makes a few per key).
const maxMoves = 64

// updateHuh hands msg to a huh form, then makes the focus moves its
// commands ask for, and those they ask for in turn, before returning the
// commands left.
func updateHuh(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	m, cmd := f.Update(msg)
	f = m.(*huh.Form)
	var rest, moves []tea.Cmd
	splitMoves(cmd, &rest, &moves, 0)
	for n := 0; len(moves) > 0 && n < maxMoves && f.State == huh.StateNormal; n++ {
		mv := moves[0]
		moves = moves[1:]
		m, cmd := f.Update(mv())
		f = m.(*huh.Form)
		splitMoves(cmd, &rest, &moves, 0)
	}
	// Moves left once the form is done (or past the bound) go nowhere.
	return f, tea.Batch(rest...)
}

// splitMoves sorts cmd, batches taken apart, into focus moves and the
// rest. Only batches are called to see inside them: a sequence (whose
// order matters) and every other command stay whole.
func splitMoves(cmd tea.Cmd, rest, moves *[]tea.Cmd, depth int) {
	switch {
	case cmd == nil:
		return
	case focusMoves[funcName(cmd)]:
		*moves = append(*moves, cmd)
		return
	case depth < 8 && reflect.ValueOf(cmd).Pointer() == batchFunc:
		if b, ok := cmd().(tea.BatchMsg); ok {
			for _, c := range b {
				splitMoves(c, rest, moves, depth+1)
			}
			return
		}
	}
	*rest = append(*rest, cmd)
}
