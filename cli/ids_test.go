package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// A copied file that keeps another record's id: show, list, set and
// validate all take the file named by the ID, and report the copy.
func TestCopiedFileKeepsTheRealRecord(t *testing.T) {
	t.Parallel()
	dir, objective, _ := smallOrg(t)
	real := filepath.Join(dir, "goals", objective[5:7], objective+".yaml")
	data := readFile(t, filepath.Dir(real), filepath.Base(real))
	copyName := "GOAL-00C0PY00.yaml" // sorts before the real file
	writeFile(t, filepath.Join(dir, "goals", "00"), copyName, strings.Replace(data, "Cut time-to-first-value", "A copy to start from", 1))

	must(t, dir, "set", objective, "title=Renamed for real")
	var g map[string]any
	if err := json.Unmarshal([]byte(must(t, dir, "show", objective, "--json")), &g); err != nil {
		t.Fatal(err)
	}
	if g["title"] != "Renamed for real" || g["file"] != "goals/"+objective[5:7]+"/"+objective+".yaml" {
		t.Errorf("show after set: title %v from %v; want the real file's", g["title"], g["file"])
	}
	if list := must(t, dir, "list", "goals"); strings.Contains(list, "A copy to start from") || !strings.Contains(list, "Renamed for real") {
		t.Errorf("list shows the copy:\n%s", list)
	}
	out, _, code := run(t, dir, "validate")
	if code != ExitFailure || !strings.Contains(out, "goals/00/"+copyName) || !strings.Contains(out, "id.duplicate") {
		t.Errorf("validate: exit %d\n%s; want the copy reported as the duplicate", code, out)
	}
}
