package gitstore

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// The neighbour index (.git/accord/neighbours) is what a one-record
// command needs from the rest of the organisation and cannot find by a
// file's name: the records naming a record (check-ins of a goal, children
// of a goal, the RACI items a person is Accountable in: model.Relations)
// and whose e-mail is whose. Everything else a one-record command reads —
// the record, the records it names, the chains a loop may run along — is
// found by its path (model.PathOf) and read fresh, with the full hardening
// (locate.go).
//
// The index is keyed by the commit HEAD named and the stat data of git's
// index file when it was made: a commit, a checkout, a merge, a pull or a
// `git add` changes one of them, and a one-record command then loads the
// whole organisation, which writes the index again. A transaction
// (Store.Transact) brings it up to date with its own commit, under the
// write lock. The index is only made from an organisation in which every
// record sits at the path its ID gives and every problem names its record
// (exact), so that finding a record by its path finds what a whole load
// would.
//
// The file: a version line, the key line (head, then size, mtime, ctime
// and inode of .git/index), "exact" or "inexact", then one line per
// reference, "relation<TAB>id<TAB>referrer", sorted, so a lookup is a
// binary search over the bytes. E-mails are the relation "email", from the
// lower-cased, trimmed e-mail to the person.

const (
	neighbourName    = "accord/neighbours"
	neighbourVersion = "accord-neighbours/1"
	relEmail         = "email"
)

// nbKey is the state of the clone a neighbour index was made for.
type nbKey struct {
	head  string
	index fileStat
}

func (k nbKey) String() string {
	return fmt.Sprintf("%s %d %d %d %d", k.head, k.index.size, k.index.mtime, k.index.ctime, k.index.ino)
}

// neighbourKey reads HEAD and stats git's index, from the files, without
// go-git or the store's mutex (Load runs with and without it held). ok is
// false in a repository without commits or an index, or whose branch is
// only in packed-refs: one-record commands then load everything.
func (s *Store) neighbourKey() (nbKey, bool) {
	h, err := os.ReadFile(filepath.Join(s.gitDir, "HEAD"))
	if err != nil {
		return nbKey{}, false
	}
	head := strings.TrimSpace(string(h))
	if ref, ok := strings.CutPrefix(head, "ref: "); ok {
		if !strings.HasPrefix(ref, "refs/heads/") || strings.Contains(ref, "..") {
			return nbKey{}, false
		}
		data, err := os.ReadFile(filepath.Join(s.gitDir, filepath.FromSlash(ref)))
		if err != nil {
			return nbKey{}, false
		}
		head = strings.TrimSpace(string(data))
	}
	if !plumbing.IsHash(head) {
		return nbKey{}, false
	}
	info, err := os.Stat(filepath.Join(s.gitDir, "index"))
	if err != nil {
		return nbKey{}, false
	}
	return nbKey{head: head, index: statOf(info)}, true
}

// nbIndex is a neighbour index as read.
type nbIndex struct {
	key   string
	exact bool
	body  []byte // the sorted reference lines
}

// readNeighbours reads the index; nil when it is missing or damaged.
// It is mapped, not read: a one-record command looks up a few lines of
// megabytes (mapHeld), so the methods reading body keep x alive.
func (s *Store) readNeighbours() *nbIndex {
	return mapHeld(filepath.Join(s.gitDir, neighbourName), parseNeighbours)
}

// parseNeighbours checks the header and that the body is lines; a file
// that is not what writeNeighbours writes gives nil.
func parseNeighbours(data []byte) *nbIndex {
	var head [3]string
	for i := range head {
		line, rest, ok := bytes.Cut(data, []byte{'\n'})
		if !ok {
			return nil
		}
		head[i], data = string(line), rest
	}
	if head[0] != neighbourVersion || head[2] != "exact" && head[2] != "inexact" {
		return nil
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return nil
	}
	return &nbIndex{key: head[1], exact: head[2] == "exact", body: data}
}

// nbLine is one reference line without its newline.
func nbLine(rel, id, referrer string) string { return rel + "\t" + id + "\t" + referrer }

// lookup returns the referrers of id in rel, sorted.
func (x *nbIndex) lookup(rel, id string) []string {
	defer runtime.KeepAlive(x)
	prefix := []byte(rel + "\t" + id + "\t")
	b := x.body
	var out []string
	for lo := firstLineFrom(b, 0, prefix); lo < len(b); {
		end := bytes.IndexByte(b[lo:], '\n')
		if end < 0 {
			break
		}
		line := b[lo : lo+end]
		if !bytes.HasPrefix(line, prefix) {
			break
		}
		out = append(out, string(line[len(prefix):]))
		lo += end + 1
	}
	return out
}

// firstLineFrom returns the offset of the first line of b, sorted lines
// each ending in a newline, at or after from that is not below key:
// a binary search over byte offsets. It is len(b) when there is none.
func firstLineFrom(b []byte, from int, key []byte) int {
	lo, hi := from, len(b)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		start := bytes.LastIndexByte(b[:mid], '\n') + 1
		if start < lo {
			start = lo
		}
		end := bytes.IndexByte(b[start:], '\n')
		if end < 0 {
			break
		}
		end += start
		if bytes.Compare(b[start:end], key) < 0 {
			lo = end + 1
		} else {
			hi = start
		}
	}
	return lo
}

// neighbourLines are the reference lines a record makes.
func neighbourLines(r model.Record) []string {
	var out []string
	for _, b := range model.Backlinks(r) {
		if lineSafe(b.ID) {
			out = append(out, nbLine(string(b.Rel), b.ID, r.RecordID()))
		}
	}
	if p, ok := r.(*model.Person); ok {
		for _, e := range p.Emails {
			if e = strings.ToLower(strings.TrimSpace(e)); e != "" && lineSafe(e) {
				out = append(out, nbLine(relEmail, e, p.ID))
			}
		}
	}
	return out
}

// lineSafe says a value can stand in a line: no tab, no newline. Others are
// left out of the index (no git identity has one).
func lineSafe(s string) bool { return s != "" && !strings.ContainsAny(s, "\t\n\r") }

// writeNeighbours replaces the index. Failure is harmless: the next
// one-record command loads everything and writes it again.
func (s *Store) writeNeighbours(key nbKey, exact bool, lines []string) {
	slices.Sort(lines)
	lines = slices.Compact(lines)
	size := 64 + len(key.head)
	for _, l := range lines {
		size += len(l) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, neighbourHeader(key, exact)...)
	for _, l := range lines {
		b = append(b, l...)
		b = append(b, '\n')
	}
	replaceCacheFile(filepath.Join(s.gitDir, neighbourName), b)
}

// neighbourHeader is the index's first three lines.
func neighbourHeader(key nbKey, exact bool) string {
	word := "exact"
	if !exact {
		word = "inexact"
	}
	return neighbourVersion + "\n" + key.String() + "\n" + word + "\n"
}

// neighboursHeadOnDisk reads only the key and exactness lines of the index.
func (s *Store) neighboursHeadOnDisk() string {
	f, err := os.Open(filepath.Join(s.gitDir, neighbourName))
	if err != nil {
		return ""
	}
	defer f.Close()
	buf := make([]byte, 256)
	n, _ := io.ReadFull(f, buf)
	lines := strings.SplitN(string(buf[:n]), "\n", 4)
	if len(lines) < 4 || lines[0] != neighbourVersion {
		return ""
	}
	return lines[1] + "\n" + lines[2]
}

// indexNeighbours returns the write of the index for an organisation
// loaded whole, or nil when onDisk, the key and exactness lines of the
// index on disk (read before the load), already says what this load
// would: key was taken before the load, and whether every record is at
// its path is known from the load's problems and recordsAtPath (which the
// load knows without a lookup per record). A load of a worktree changed
// since the last commit can so mark the index inexact, never make it
// exact. The lines come from results, made there by the load's workers
// whenever the index on disk was for another key (Load); an index
// rewritten only to mark it inexact, which no command trusts, keeps none.
func (s *Store) indexNeighbours(key nbKey, onDisk string, problems []model.Finding, recordsAtPath bool, results [][]loaded) (write func()) {
	// Every record and every file that could not be read sits at the path
	// its ID gives; a folder or file that names no record, or a second
	// file claiming an ID, is only seen by a whole load.
	exact := recordsAtPath
	for _, f := range problems {
		if k, id, ok := model.KindOfPath(f.File); !ok || id != f.ID || !atPath(k, id, f.File) {
			exact = false
		}
	}
	word := "exact"
	if !exact {
		word = "inexact"
	}
	if onDisk == key.String()+"\n"+word || exact && strings.HasPrefix(onDisk, key.String()+"\n") {
		return nil
	}
	return func() {
		var lines []string
		for r := range eachLoaded(results) {
			lines = append(lines, r.nbLines...)
		}
		s.writeNeighbours(key, exact, lines)
	}
}

// atPath says p is the path the ID of kind k gives: model.PathOf(k, id)
// == p, without making the path (a whole load asks for every record).
func atPath(k model.Kind, id, p string) bool {
	dir := k.Dir()
	if dir == "" || model.CheckID(k, id) != nil {
		return false
	}
	rest, ok := strings.CutPrefix(p, dir)
	if !ok || len(rest) == 0 || rest[0] != '/' {
		return false
	}
	rest = rest[1:]
	if k.Sharded() {
		shard := id[len(k.Prefix())+1:][:2]
		if len(rest) < 3 || rest[:2] != shard || rest[2] != '/' {
			return false
		}
		rest = rest[3:]
	}
	file, ok := strings.CutSuffix(rest, ".yaml")
	return ok && file == id
}

// updateNeighbours brings the index on disk up to date with a commit the
// store just made, under the write lock: when it was made for before (the
// clone as the commit found it), its lines for the changed records are
// replaced and it is keyed by after. Otherwise it is left stale.
func (s *Store) updateNeighbours(before, after nbKey, changes []RecordChange) {
	s.settle()
	x := s.readNeighbours()
	if x == nil || x.key != before.String() {
		return
	}
	drop, add := map[string]bool{}, []string{}
	for _, c := range changes {
		if c.Old != nil {
			for _, l := range neighbourLines(c.Old) {
				drop[l] = true
			}
		}
		if c.New != nil {
			add = append(add, neighbourLines(c.New)...)
		}
	}
	pieces := append([][]byte{[]byte(neighbourHeader(after, x.exact))}, patchLines(x.body, add, drop)...)
	replaceCacheFile(filepath.Join(s.gitDir, neighbourName), pieces...)
	runtime.KeepAlive(x) // the pieces of its body are written
}

// patchLines returns body, sorted lines each ending in a newline, with the
// lines of drop taken out unless add has them too, and the lines of add
// put in order, as pieces that written one after the other are the new
// lines: runs of body between the lines that change, and those added.
// Each changed line is found by a binary search from the last, so an edit
// of a large organisation's index neither scans nor copies its megabytes.
func patchLines(body []byte, add []string, drop map[string]bool) (pieces [][]byte) {
	added := map[string]bool{}
	edits := make([]string, 0, len(add)+len(drop))
	for _, l := range add {
		added[l] = true
		edits = append(edits, l)
	}
	for l := range drop {
		edits = append(edits, l)
	}
	slices.Sort(edits)
	edits = slices.Compact(edits)
	pos := 0
	for _, l := range edits {
		at := firstLineFrom(body, pos, []byte(l))
		there := at+len(l) < len(body) && body[at+len(l)] == '\n' && string(body[at:at+len(l)]) == l
		switch {
		case there && !added[l]: // a reference the record no longer makes
			pieces = append(pieces, body[pos:at])
			pos = at + len(l) + 1
		case !there && added[l]:
			pieces = append(pieces, body[pos:at], []byte(l+"\n"))
			pos = at
		}
	}
	return append(pieces, body[pos:])
}
