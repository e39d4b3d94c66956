package ui

import (
	"strings"
	"testing"

	"github.com/accordhq/accord/ui/uitest"
)

// synthetic is a generated organisation of about n records in a fake store.
func synthetic(b *testing.B, n int) *uitest.Store { return uitest.Synthetic(b, n) }

// Target: the first frame within 500 ms of start on 10,000 records. This is
// the UI's share — validate, index, build every tab and render — on an
// organisation already in memory; reading it from disk is measured by
// gitstore's BenchmarkLoad10k (about 130 ms warm).
func BenchmarkFirstFrame10k(b *testing.B) {
	st := synthetic(b, 10_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m := newTestModel(b, st, 140, 40)
		if len(m.render()) == 0 {
			b.Fatal("empty frame")
		}
	}
}

// Target: each filter keystroke, filter plus render, within 16 ms on
// 10,000 records.
func BenchmarkFilterKeystroke10k(b *testing.B) {
	for _, tab := range []struct{ name, keys string }{
		{"goals", "1"}, {"decisions", "2"}, {"raci", "3"}, {"raci-matrix", "3v"}, {"people", "4"},
	} {
		b.Run(tab.name, func(b *testing.B) {
			st := synthetic(b, 10_000)
			m := newTestModel(b, st, 140, 40)
			benchTyping(b, keys(b, m, append(strings.Split(tab.keys, ""), "/", "a")...))
		})
	}
}

// BenchmarkFormKeystroke10k is one key typed into the title of a goal
// form, and the frame drawn, in a 10k-record organisation (the parent and
// owner pickers hold every goal and person).
func BenchmarkFormKeystroke10k(b *testing.B) {
	st := synthetic(b, 10_000)
	m := newTestModel(b, st, 140, 40)
	benchTyping(b, keys(b, m, "n"))
}

// benchTyping types "e" and backspace in turn, each key with the frame it
// draws.
func benchTyping(b *testing.B, m Model) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k := "e"
		if i%2 == 1 {
			k = "backspace"
		}
		i++
		next, _ := m.Update(uitest.Key(k))
		m = next.(Model)
		_ = m.render()
	}
}
