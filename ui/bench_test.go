package ui

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/ui/uitest"
)

// benchRecords is the size of the organisation the sized benchmarks use:
// ACCORD_BENCH_RECORDS, or 10,000 (what CI runs). For example
//
//	ACCORD_BENCH_RECORDS=100000 go test -run '^$' -bench FilterKeystroke ./ui/
func benchRecords(b *testing.B) int {
	v := os.Getenv("ACCORD_BENCH_RECORDS")
	if v == "" {
		return 10_000
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("ACCORD_BENCH_RECORDS=%q: want a number of records", v)
	}
	return n
}

// synthetics holds the generated organisations by size, so that the
// sub-benchmarks of one run share one (100,000 records take seconds to
// make). Filtering and drawing never change the store.
var synthetics sync.Map // int → *uitest.Store

// synthetic is a generated organisation of about n records in a fake store.
func synthetic(b *testing.B, n int) *uitest.Store {
	if st, ok := synthetics.Load(n); ok {
		return st.(*uitest.Store)
	}
	st := uitest.Synthetic(b, n)
	synthetics.Store(n, st)
	return st
}

// Target: the first frame within 500 ms of start on 10,000 records, and
// within 1 s on 100,000 (ACCORD_BENCH_RECORDS). This is the UI's share —
// validate, index, build every tab and render — on an organisation already
// in memory; reading it from disk is measured by gitstore's load
// benchmarks.
func BenchmarkFirstFrame(b *testing.B) {
	st := synthetic(b, benchRecords(b))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		m := newTestModel(b, st, 140, 40)
		if len(m.render()) == 0 {
			b.Fatal("empty frame")
		}
	}
}

// BenchmarkFirstFrameOnScreen is the UI's share of what the program does
// before its first frame: the first load taken by the tab on show and the
// inbox, and the frame drawn. What follows it — the other tabs catching
// up, the validation and the history index — is left out, as the
// program runs it after the frame (BenchmarkFirstFrame has it all).
func BenchmarkFirstFrameOnScreen(b *testing.B) {
	st := synthetic(b, benchRecords(b))
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		m := New(st, WithClock(func() time.Time { return uitest.Today }), WithDarkBackground(true))
		next, _ := m.Update(tea.WindowSizeMsg{Width: 140, Height: 40})
		next, _ = next.(Model).Update(firstLoadCmd(st, m.c.Now)())
		if out := next.(Model).render(); !strings.Contains(out, "├") {
			b.Fatal("no goal tree on the first frame")
		}
	}
}

// Target: each filter keystroke, filter plus render, within 16 ms on every
// tab and view with a filter, at 10,000 and at 100,000 records
// (ACCORD_BENCH_RECORDS); substring (the default) and fuzzy (ctrl+t).
func BenchmarkFilterKeystroke(b *testing.B) {
	n := benchRecords(b)
	for _, tab := range []struct{ name, keys string }{
		{"goals", "1"}, {"decisions", "2"}, {"raci", "3"}, {"raci-matrix", "3v"},
		{"handoffs", "3vv"}, {"people", "4"}, {"inbox", "5"},
	} {
		for _, fuzzy := range []bool{false, true} {
			name, ks := tab.name, append(strings.Split(tab.keys, ""), "/")
			if fuzzy { // ctrl+t: letters in order rather than a substring
				name, ks = name+"-fuzzy", append(ks, "ctrl+t")
			}
			b.Run(name, func(b *testing.B) {
				st := synthetic(b, n)
				m := newTestModel(b, st, 140, 40)
				benchTyping(b, keys(b, m, append(ks, "a")...))
			})
		}
	}
}

// BenchmarkFilterLetter is BenchmarkFilterKeystroke's letter alone: the
// backspace after it, answered from the kept answer, is typed but not
// counted, so cpu-ms/op is what the letter costs (filter plus frame).
func BenchmarkFilterLetter(b *testing.B) {
	n := benchRecords(b)
	for _, tab := range []struct{ name, keys string }{
		{"goals", "1"}, {"decisions", "2"}, {"raci", "3"}, {"raci-matrix", "3v"},
		{"handoffs", "3vv"}, {"people", "4"}, {"inbox", "5"},
	} {
		for _, fuzzy := range []bool{false, true} {
			name, ks := tab.name, append(strings.Split(tab.keys, ""), "/")
			if fuzzy {
				name, ks = name+"-fuzzy", append(ks, "ctrl+t")
			}
			b.Run(name, func(b *testing.B) {
				st := synthetic(b, n)
				m := keys(b, newTestModel(b, st, 140, 40), append(ks, "a")...)
				var letters time.Duration
				for b.Loop() {
					cpu0, _ := cpuTime()
					next, _ := m.Update(uitest.Key("e"))
					m = next.(Model)
					_ = m.render()
					cpu1, _ := cpuTime()
					letters += cpu1 - cpu0
					next, _ = m.Update(uitest.Key("backspace"))
					m = next.(Model)
					_ = m.render()
				}
				b.ReportMetric(float64(letters)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
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
// draws. Besides the time on the clock it reports the CPU time per key
// (cpu-ms/op), the process's on every core (the garbage collector's
// included): on a machine other work keeps busy, that is the figure to
// compare with 16 ms.
func benchTyping(b *testing.B, m Model) {
	b.ReportAllocs()
	defer reportCPU(b)()
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

// reportCPU starts counting the process's CPU time; the function it
// returns, called after the benchmark's loop, reports it per op.
func reportCPU(b *testing.B) func() {
	cpu0, measured := cpuTime()
	return func() {
		if cpu1, ok := cpuTime(); measured && ok {
			b.ReportMetric(float64(cpu1-cpu0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
