package gitstore

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/accordhq/accord/model"
)

// Answers, pulses and retros are files like any record: they load from
// their folders, and a check-in's legacy from: becomes to: when Accord
// writes it.
func TestAcrossRecordsLoadAndLegacyAsksMigrateOnEdit(t *testing.T) {
	t.Parallel()
	s := newRepo(t)
	upd := filepath.Join(s.Dir(), "updates/Q8/UPD-Q8W2ZD4N.yaml")
	os.MkdirAll(filepath.Dir(upd), 0o755)
	legacy := "id: UPD-Q8W2ZD4N\ntarget: GOAL-7K3FQ2M1\nauthor: raj\ndate: 2026-11-14\nhealth: at_risk\nsummary: Slipped.\n" +
		"asks:\n  - {from: platform, what: decide the upload limit}\n"
	os.WriteFile(upd, []byte(legacy), 0o644)
	recs := []model.Record{
		goal("GOAL-7K3FQ2M1", "Median days to first dashboard"),
		&model.Answer{ID: "ANS-2HV9PMQ4", Ask: "UPD-Q8W2ZD4N#1", Author: "ana", Date: "2026-11-15", Response: model.AnswerAccept, Note: "by Friday"},
		&model.Pulse{ID: "PULSE-2HV9PMQ4", Team: "onboarding", About: "platform", Period: "2026-Q4", Author: "raj", Date: "2026-11-20",
			Scores: model.PulseScores{Clarity: 4, Handoffs: 2}, Comment: "Hand-offs arrive late."},
		&model.Retro{ID: "RETRO-2HV9PMQ4", Subject: "GOAL-7K3FQ2M1", Author: "raj", Date: "2026-11-21", WentWell: []string{"Weekly syncs"}},
	}
	for _, r := range recs {
		if _, err := s.Create(r); err != nil {
			t.Fatal(err)
		}
	}
	org, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(org.Problems) != 0 {
		t.Fatalf("problems: %v", org.Problems)
	}
	if org.Answers["ANS-2HV9PMQ4"] == nil || org.Pulses["PULSE-2HV9PMQ4"] == nil || org.Retros["RETRO-2HV9PMQ4"] == nil {
		t.Fatalf("the new records did not load: %d answers, %d pulses, %d retros", len(org.Answers), len(org.Pulses), len(org.Retros))
	}
	if a := org.Updates["UPD-Q8W2ZD4N"].Asks[0]; a.Addressee() != "platform" {
		t.Fatalf("legacy ask = %+v", a)
	}
	for _, p := range []string{"answers/2H/ANS-2HV9PMQ4.yaml", "pulses/2H/PULSE-2HV9PMQ4.yaml", "retros/2H/RETRO-2HV9PMQ4.yaml"} {
		if _, err := os.Stat(filepath.Join(s.Dir(), p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if _, err := s.Update(model.KindUpdate, "UPD-Q8W2ZD4N", func(r model.Record) error {
		r.(*model.Update).Summary = "Slipped a sprint."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(upd)
	if !strings.Contains(string(got), "to: platform") || strings.Contains(string(got), "from:") {
		t.Fatalf("the edited check-in still says from:\n%s", got)
	}
}
