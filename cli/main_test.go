package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain lets the test binary stand in for the accord binary, for tests
// where git itself runs accord (the merge driver): run with
// ACCORD_TEST_AS_ACCORD=1, it is accord. It also removes the benchmarks'
// repositories.
func TestMain(m *testing.M) {
	if os.Getenv("ACCORD_TEST_AS_ACCORD") == "1" {
		os.Exit(Execute(Env{Stdout: os.Stdout, Stderr: os.Stderr}, os.Args[1:]))
	}
	code := m.Run()
	for _, dir := range benchRepos {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// accordOnPath makes a folder holding an accord command that runs this
// test binary as accord, and returns a PATH with it first.
func accordOnPath(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nACCORD_TEST_AS_ACCORD=1 exec '" + self + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "accord"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir + string(os.PathListSeparator) + os.Getenv("PATH")
}
