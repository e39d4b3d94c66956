package gitstore

// The diff links: what a semantic diff needs to know about every goal,
// check-in and person at one revision without reading them. A goal's
// health rolls up from its children and its latest check-in, and a
// commit's author is named through the person whose e-mail it is; both
// ask "which records point at this one?", which only a pass over every
// record answers. So that pass is made once and kept in
// .git/accord/diff-links (never committed), with the trees of goals/,
// updates/ and people/ it was made from. A diff at another revision
// compares those trees with the revision's (by hash, descending only
// into folders that differ) and reads just the files that differ.
//
// The file holds three sections of rows, each sorted by its first
// field and searched in place (no row is decoded that a lookup does not
// reach):
//
//	goals:   parent, path ID, ID (when not the path ID), state, level,
//	         and the health the goal reported when the file was written
//	updates: target, path ID, ID (when not the path ID), date, health
//	emails:  e-mail (lower case, trimmed), path ID, handle (when not the path ID)
//
// Layout: a version line; the three trees (20 bytes each, zero when the
// folder is absent); per section the row count, the data length, one
// 4-byte little-endian offset per row, the rows (each field a uvarint
// length and its bytes); and a CRC-32C of everything before it. Every
// length and offset is bounds-checked on reading, and a file that is not
// exactly that is ignored and rebuilt.

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"hash/crc32"
	"slices"
	"sort"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

const (
	diffLinksName    = "accord/diff-links"
	diffLinksVersion = "accord-diff-links/2\n"
)

// The sections of the diff links, and the kinds whose folders they
// come from.
const (
	linkGoals = iota
	linkUpdates
	linkEmails
	linkSections
)

var (
	linkKinds  = [linkSections]model.Kind{model.KindGoal, model.KindUpdate, model.KindPerson}
	linkFields = [linkSections]int{6, 5, 3}
	crcTable   = crc32.MakeTable(crc32.Castagnoli)
)

// linkRow is one row: its fields, the first being the key it is sorted
// and found by, the second the path ID of the record it comes from.
type linkRow []string

// linkFile is a parsed diff-links file: the trees it describes and its
// sections, still encoded.
type linkFile struct {
	trees    [linkSections]plumbing.Hash
	sections [linkSections]linkSection
}

type linkSection struct {
	fields int
	n      int
	offs   []byte // n little-endian uint32 offsets into data
	data   []byte
}

// parseDiffLinks checks a diff-links file and returns it, or nil when it
// is not exactly what encodeDiffLinks writes.
func parseDiffLinks(b []byte) *linkFile {
	if len(b) < len(diffLinksVersion)+4 || string(b[:len(diffLinksVersion)]) != diffLinksVersion {
		return nil
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, crcTable) != sum {
		return nil
	}
	return parseDiffLinksBody(body[len(diffLinksVersion):])
}

// parseDiffLinksBody reads what follows the version line. Rows are
// checked as lookups reach them: a malformed row is skipped.
func parseDiffLinksBody(b []byte) *linkFile {
	r := &cacheReader[[]byte]{b: b}
	f := &linkFile{}
	for i := range f.trees {
		copy(f.trees[i][:], r.bytes(uint64(len(plumbing.ZeroHash))))
	}
	for i := range f.sections {
		n, size := r.uvarint(), r.uvarint()
		if n > uint64(len(r.b))/4 {
			return nil
		}
		s := linkSection{fields: linkFields[i], n: int(n), offs: r.bytes(4 * n), data: r.bytes(size)}
		if r.err != nil {
			return nil
		}
		f.sections[i] = s
	}
	if r.err != nil || len(r.b) != 0 {
		return nil
	}
	return f
}

// row decodes row i, or returns nil when it is malformed.
func (s *linkSection) row(i int) linkRow {
	off := binary.LittleEndian.Uint32(s.offs[4*i:])
	if uint64(off) > uint64(len(s.data)) {
		return nil
	}
	r := &cacheReader[[]byte]{b: s.data[off:]}
	row := make(linkRow, s.fields)
	for f := range row {
		row[f] = string(r.bytes(r.uvarint()))
	}
	if r.err != nil {
		return nil
	}
	return row
}

// key returns row i's first field without decoding the rest.
func (s *linkSection) key(i int) []byte {
	off := binary.LittleEndian.Uint32(s.offs[4*i:])
	if uint64(off) > uint64(len(s.data)) {
		return nil
	}
	r := &cacheReader[[]byte]{b: s.data[off:]}
	return r.bytes(r.uvarint())
}

// find lists the rows whose key is key.
func (s *linkSection) find(key string) []linkRow {
	k := []byte(key)
	i := sort.Search(s.n, func(i int) bool { return bytes.Compare(s.key(i), k) >= 0 })
	var out []linkRow
	for ; i < s.n && bytes.Equal(s.key(i), k); i++ {
		if row := s.row(i); row != nil {
			out = append(out, row)
		}
	}
	return out
}

// all decodes every row.
func (s *linkSection) all() []linkRow {
	out := make([]linkRow, 0, s.n)
	for i := range s.n {
		if row := s.row(i); row != nil {
			out = append(out, row)
		}
	}
	return out
}

// encodeDiffLinks writes the file for trees and each section's rows
// (sorted here).
func encodeDiffLinks(trees [linkSections]plumbing.Hash, rows [linkSections][]linkRow) []byte {
	b := append([]byte(nil), diffLinksVersion...)
	for _, t := range trees {
		b = append(b, t[:]...)
	}
	for i := range rows {
		rs := rows[i]
		slices.SortFunc(rs, compareRows)
		var data, offs []byte
		for _, r := range rs {
			offs = binary.LittleEndian.AppendUint32(offs, uint32(len(data)))
			for f := range linkFields[i] {
				v := ""
				if f < len(r) {
					v = r[f]
				}
				data = binary.AppendUvarint(data, uint64(len(v)))
				data = append(data, v...)
			}
		}
		b = binary.AppendUvarint(b, uint64(len(rs)))
		b = binary.AppendUvarint(b, uint64(len(data)))
		b = append(b, offs...)
		b = append(b, data...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crcTable))
}

func compareRows(a, b linkRow) int {
	return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
}

// linkRows are the rows a record adds to its section: none for a record
// that could not be read.
func linkRows(pathID string, rec model.Record) []linkRow {
	own := func(id string) string {
		if id == pathID {
			return ""
		}
		return id
	}
	switch r := rec.(type) {
	case *model.Goal:
		return []linkRow{{r.Parent, pathID, own(r.ID), r.State, r.Level, ""}}
	case *model.Update:
		return []linkRow{{r.Target, pathID, own(r.ID), r.Date, r.Health}}
	case *model.Person:
		var out []linkRow
		for _, e := range r.Emails {
			out = append(out, linkRow{strings.ToLower(strings.TrimSpace(e)), pathID, own(r.ID)})
		}
		return out
	}
	return nil
}

// rowID is the ID of the record a row comes from.
func rowID(r linkRow) string { return cmp.Or(r[2], r[1]) }

// diffLinks is the diff links at one revision: the file's rows, with the
// records whose files differ at that revision replaced (replaced, by
// section and path ID; added holds their rows there, by key).
type diffLinks struct {
	file     *linkFile
	replaced [linkSections]map[string]bool
	added    [linkSections]map[string][]linkRow
}

// replace puts the rows of the record at path ID id (none when it is
// removed or unreadable) in place of the file's.
func (l *diffLinks) replace(sec int, id string, rows []linkRow) {
	if l.replaced[sec] == nil {
		l.replaced[sec], l.added[sec] = map[string]bool{}, map[string][]linkRow{}
	}
	l.replaced[sec][id] = true
	for _, r := range rows {
		l.added[sec][r[0]] = append(l.added[sec][r[0]], r)
	}
}

// find lists the rows of section sec whose key is key.
func (l *diffLinks) find(sec int, key string) []linkRow {
	var out []linkRow
	if l.file != nil {
		for _, r := range l.file.sections[sec].find(key) {
			if !l.replaced[sec][r[1]] {
				out = append(out, r)
			}
		}
	}
	out = append(out, l.added[sec][key]...)
	slices.SortFunc(out, compareRows)
	return out
}

// rows lists every row of a section, for writing the links back.
func (l *diffLinks) rows(sec int) []linkRow {
	var out []linkRow
	if l.file != nil {
		for _, r := range l.file.sections[sec].all() {
			if !l.replaced[sec][r[1]] {
				out = append(out, r)
			}
		}
	}
	for _, rs := range l.added[sec] {
		out = append(out, rs...)
	}
	return out
}

// withHealth fills in each goal row's health as the rows say it is: the
// roll-up of model.Org.Reported over stand-ins for every goal and
// check-in (all a roll-up reads).
func withHealth(rows *[linkSections][]linkRow) {
	o := model.NewOrg()
	for _, r := range rows[linkGoals] {
		o.Add(goalStandIn(r), nil)
	}
	for _, r := range rows[linkUpdates] {
		o.Add(updateStandIn(r), nil)
	}
	o.Index()
	for _, r := range rows[linkGoals] {
		r[5] = o.Reported(rowID(r))
	}
}

func updateStandIn(r linkRow) *model.Update {
	return &model.Update{ID: rowID(r), Target: r[0], Date: r[3], Health: r[4]}
}

// goalStandIn is a goal made from its row: only what a health roll-up
// reads (ID, parent, state, level).
func goalStandIn(r linkRow) *model.Goal {
	return &model.Goal{ID: rowID(r), Parent: r[0], State: r[3], Level: r[4]}
}

// latestUpdate returns a stand-in (ID, target, date, health) for the
// latest check-in on goal id among those whose path IDs are not in
// except, or nil.
func (l *diffLinks) latestUpdate(id string, except map[string]bool) *model.Update {
	var best *model.Update
	for _, r := range l.find(linkUpdates, id) {
		if except[r[1]] {
			continue
		}
		u := updateStandIn(r)
		if best == nil || cmp.Or(cmp.Compare(u.Date, best.Date), cmp.Compare(u.ID, best.ID)) > 0 {
			best = u
		}
	}
	return best
}

// handles lists the path IDs of the people with an e-mail.
func (l *diffLinks) handles(email string) []string {
	var out []string
	for _, r := range l.find(linkEmails, strings.ToLower(strings.TrimSpace(email))) {
		out = append(out, r[1])
	}
	return out
}
