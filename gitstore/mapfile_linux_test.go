package gitstore

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// A file mapped for a value stays readable as it was while the value is
// reachable, even when a new file is renamed over it (how Accord replaces
// its caches), and its mapping goes once the value does: a TUI that reads
// the pack indexes again after every repack must not keep the old ones.
func TestHeldMappingLivesAsLongAsItsValue(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "held-mapping-test")
	old := bytes.Repeat([]byte("old "), 4096)
	if err := os.WriteFile(p, old, 0o600); err != nil {
		t.Fatal(err)
	}
	type held struct{ b []byte }
	v := mapHeld(p, func(b []byte) *held { return &held{b: b} })
	if v == nil {
		t.Fatal("mapHeld refused a readable file")
	}
	if !mapped(t, p) {
		t.Fatal("the file is not mapped")
	}
	if err := os.WriteFile(p+".new", []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(p+".new", p); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	if !bytes.Equal(v.b, old) {
		t.Fatal("the mapped bytes changed when a file was renamed over them")
	}
	runtime.KeepAlive(v)
	v = nil
	// Cleanups run on their own goroutine after a collection: bounded
	// retries, no clock.
	for range 1000 {
		runtime.GC()
		runtime.Gosched()
		if !mapped(t, p) {
			break
		}
	}
	if mapped(t, p) {
		t.Fatal("the mapping outlived the value that held it")
	}
	if mapHeld(p, func([]byte) *held { return nil }) != nil {
		t.Fatal("a refused file gave a value")
	}
	if mapped(t, p) {
		t.Fatal("a file parse refused stayed mapped")
	}
}

// mapped reports whether the process maps the file at path (or the file
// that was at path before another was renamed over it).
func mapped(t *testing.T, path string) bool {
	t.Helper()
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(maps), path)
}
