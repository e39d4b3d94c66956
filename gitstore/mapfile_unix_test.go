//go:build unix

package gitstore

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A cache file cut short while it is mapped (only something other than
// Accord would) is an error for the caller, who then reads it as missing,
// not a crash of the process.
func TestReadMappedReportsAFileCutShortWhileRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history-index")
	if err := os.WriteFile(p, bytes.Repeat([]byte("x"), 1<<16), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := readMapped(p, func(b []byte) int { return bytes.Count(b, []byte("x")) })
	if err != nil || n != 1<<16 {
		t.Fatalf("readMapped = %d, %v; want %d", n, err, 1<<16)
	}
	_, err = readMapped(p, func(b []byte) byte {
		if err := os.Truncate(p, 0); err != nil {
			t.Fatal(err)
		}
		return b[len(b)-1]
	})
	if err == nil {
		t.Fatal("reading past the end of a file cut short while mapped gave no error")
	}
	// A panic that is not a fault is not swallowed.
	defer func() {
		if r := recover(); r != "a bug" {
			t.Errorf("recovered %v, want the parser's own panic", r)
		}
	}()
	os.WriteFile(p, []byte("x"), 0o600)
	readMapped(p, func([]byte) int { panic("a bug") })
}
