package gitstore

import (
	"testing"

	"github.com/accordhq/accord/model"
)

// FuzzDecodeRecord: no input crashes the decoder or makes it allocate
// without bound, and whatever it accepts survives a write and a re-read
// unchanged (so Accord never corrupts a record it can read).
func FuzzDecodeRecord(f *testing.F) {
	for _, seed := range []string{
		goodGoal,
		"id: UPD-Q8W2ZD4N\ntarget: GOAL-7K3FQ2M1\nauthor: raj\ndate: 2026-11-14\nhealth: at_risk\nvalue: 9\nconfidence: 0.6\nsummary: Import wizard slipped a sprint.\nproblems:\n  - Blocked on DEC-2HV9PLQ4\nasks:\n  - {from: platform, what: decide the upload limit}\n",
		"id: RACI-J5N0RT8K\ntitle: CSV import wizard launch\nsubject: {kind: deliverable, name: CSV import wizard}\naccountable: [mei, raj]\nresponsible: [raj, platform]\nstate: agreed\n",
		"id: DEC-2HV9PLQ4\ntitle: Cap uploads\nstatus: accepted\ncontext: |\n  Customers upload exports of up to 2 GB.\noptions:\n  - id: cap50\n    title: 50 MB cap\n    good: [Fits]\noutcome: {chosen: cap50, rationale: Unblocks Q4}\n",
		"a: &a [x]\nb: *a\n",
		"id: x\n---\nid: y\n",
		"<<<<<<< HEAD\nid: x\n",
		"title: \"\\e]52;c;aGk=\\a\\u202e\"\n",
		"id: x\n\ttitle: y\n",
	} {
		f.Add(seed)
	}
	kinds := model.Kinds
	f.Fuzz(func(t *testing.T, data string) {
		for _, k := range kinds {
			rec, err := decodeRecord(k, "x.yaml", []byte(data))
			if err != nil {
				continue
			}
			out, err := Encode(rec)
			if err != nil {
				t.Fatalf("%s decoded but does not encode: %v", k, err)
			}
			again, err := decodeRecord(k, "x.yaml", out)
			if err != nil {
				t.Fatalf("%s: Accord's own output does not decode: %v\n%s", k, err, out)
			}
			if d := model.Diff(rec, again); len(d) != 0 {
				t.Fatalf("%s changed on a round trip: %v\n%s", k, d, out)
			}
		}
	})
}
