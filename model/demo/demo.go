// Package demo builds sample organisations as a history of commits:
// Northwind Labs, the hand-written organisation that `accord demo` shows a new
// user, and Synthetic, a generated organisation of any size for benchmarks and
// load tests. It only returns records and commit metadata; gitstore writes
// them into a repository.
package demo

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/accordhq/accord/model"
)

// idSource hands out IDs that look random but come from a seeded generator,
// so the same seed always yields the same IDs. It never repeats an ID.
type idSource struct {
	r    *rand.Rand
	used map[string]bool
}

func newIDSource(r *rand.Rand) *idSource {
	return &idSource{r: r, used: map[string]bool{}}
}

func (s *idSource) next(k model.Kind) string {
	var b [8]byte
	for {
		binary.LittleEndian.PutUint64(b[:], s.r.Uint64())
		id := model.IDFromBytes(k, b[:])
		if !s.used[id] {
			s.used[id] = true
			return id
		}
	}
}

// calendar turns day offsets from today (0 is today, -1 yesterday) into
// dates and times in today's time zone.
type calendar struct {
	y   int
	m   time.Month
	d   int
	loc *time.Location
}

func newCalendar(today time.Time) calendar {
	y, m, d := today.Date()
	return calendar{y: y, m: m, d: d, loc: today.Location()}
}

// at is the time minutes after midnight on day off.
func (c calendar) at(off, minutes int) time.Time {
	return time.Date(c.y, c.m, c.d+off, 0, minutes, 0, 0, c.loc)
}

// date is day off as YYYY-MM-DD.
func (c calendar) date(off int) string {
	return c.at(off, 0).Format(time.DateOnly)
}

func (c calendar) weekday(off int) time.Weekday {
	return c.at(off, 0).Weekday()
}

// workday moves a day that falls on a weekend to the nearest working day no
// later than latest: Saturday back to Friday, Sunday on to Monday. The
// mapping never reorders days, so events keep their order.
func (c calendar) workday(off, latest int) int {
	switch c.weekday(off) {
	case time.Saturday:
		off--
	case time.Sunday:
		if off+1 <= latest {
			off++
		} else {
			off -= 2
		}
	}
	return off
}

// offsetOf is the day offset of t's calendar date from today's.
func (c calendar) offsetOf(t time.Time) int {
	y, m, d := t.Date()
	a := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
	b := time.Date(c.y, c.m, c.d, 12, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Round(24*time.Hour) / (24 * time.Hour))
}

// quarter is a calendar quarter: its label (2026-Q4) and the day offsets of
// its first and last days.
type quarter struct {
	label      string
	start, end int
}

// quarters returns the quarter holding today, the one before and the one
// after.
func (c calendar) quarters() (prev, cur, next quarter) {
	q := func(y int, m time.Month) quarter {
		first := time.Date(y, m, 1, 12, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 3, -1)
		return quarter{
			label: fmt.Sprintf("%d-Q%d", first.Year(), (int(first.Month())-1)/3+1),
			start: c.offsetOf(first),
			end:   c.offsetOf(last),
		}
	}
	qm := time.Month((int(c.m)-1)/3*3 + 1)
	cur = q(c.y, qm)
	p := time.Date(c.y, qm, 1, 12, 0, 0, 0, time.UTC).AddDate(0, -3, 0)
	prev = q(p.Year(), p.Month())
	n := time.Date(c.y, qm, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 3, 0)
	next = q(n.Year(), n.Month())
	return prev, cur, next
}

func ptr[T any](v T) *T { return &v }

// Replay is the organisation the commits leave behind, in memory and
// indexed, each record's source the path its file would have: what tests
// and benchmarks use in place of a repository.
func Replay(cfg model.Config, commits []model.Commit) (*model.Org, error) {
	o := model.NewOrg()
	o.Config = cfg
	for _, c := range commits {
		for _, r := range c.Put {
			p, err := model.PathOf(r.RecordKind(), r.RecordID())
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.Message, err)
			}
			o.Add(r, &model.Source{Path: p})
		}
		for _, id := range c.Delete {
			o.Remove(id)
		}
	}
	o.Index()
	return o, nil
}
