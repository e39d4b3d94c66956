package gitstore

// Reading packed objects without go-git's start-up cost. go-git's
// filesystem storage decodes every pack index (.idx) with a read call per
// object name (about 35,000 reads at 10,000 records) and, on the first
// object it takes from a pack, builds a map from every object's offset to
// its hash. That is paid by every process before its first object: 45 ms of
// a 50 ms `accord log` at 10,000 records, growing with the repository. Here
// an index file is read in one call and searched in place (git's fan-out
// table and sorted names), and offsets are turned into hashes through git's
// reverse index (.rev, which Accord asks git to write when it packs) or,
// without one, an array sorted once, only when a delta names its base by
// offset. Objects themselves are still decoded by go-git's packfile reader;
// loose objects and anything not found here go to go-git's storage.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// rawIndex is a version 2 pack index (.idx) searched in its bytes, which
// are mapped (mapHeld) while the index is reachable: every method that
// reads data keeps x alive until it is done, and none hands a slice of
// data out.
type rawIndex struct {
	data   []byte
	n      int
	fanout [256]uint32
	names  int // where each table starts in data
	crcs   int
	offs32 int
	offs64 int
	// byOffset lists object positions in offset order: git's .rev, or
	// made on first need.
	rev      []byte   // the .rev file's positions (4 bytes each), or nil
	byOffset []uint32 // made when there is no .rev
}

var errBadIndex = errors.New("not a version 2 pack index")

func parseRawIndex(data []byte) (*rawIndex, error) {
	if len(data) < 8+256*4+40 || !bytes.Equal(data[:8], []byte{0xff, 't', 'O', 'c', 0, 0, 0, 2}) {
		return nil, errBadIndex
	}
	x := &rawIndex{data: data}
	prev := uint32(0)
	for i := range x.fanout {
		v := binary.BigEndian.Uint32(data[8+4*i:])
		if v < prev {
			return nil, errBadIndex
		}
		x.fanout[i], prev = v, v
	}
	x.n = int(x.fanout[255])
	x.names = 8 + 256*4
	x.crcs = x.names + 20*x.n
	x.offs32 = x.crcs + 4*x.n
	x.offs64 = x.offs32 + 4*x.n
	if x.n < 0 || x.offs64+40 > len(data) || x.n >= 1<<31 {
		return nil, errBadIndex
	}
	return x, nil
}

func (x *rawIndex) name(i int) []byte { return x.data[x.names+20*i : x.names+20*i+20] }

func (x *rawIndex) offsetAt(i int) (int64, error) {
	defer runtime.KeepAlive(x)
	o := binary.BigEndian.Uint32(x.data[x.offs32+4*i:])
	if o&0x80000000 == 0 {
		return int64(o), nil
	}
	j := x.offs64 + 8*int(o&0x7fffffff)
	if j+8 > len(x.data)-40 {
		return 0, errBadIndex
	}
	return int64(binary.BigEndian.Uint64(x.data[j:])), nil
}

// find returns the position of h, or -1.
func (x *rawIndex) find(h plumbing.Hash) int {
	defer runtime.KeepAlive(x)
	lo := 0
	if h[0] > 0 {
		lo = int(x.fanout[h[0]-1])
	}
	hi := int(x.fanout[h[0]])
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := bytes.Compare(x.name(m), h[:]); {
		case c == 0:
			return m
		case c < 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

func (x *rawIndex) Contains(h plumbing.Hash) (bool, error) { return x.find(h) >= 0, nil }

func (x *rawIndex) FindOffset(h plumbing.Hash) (int64, error) {
	i := x.find(h)
	if i < 0 {
		return 0, plumbing.ErrObjectNotFound
	}
	return x.offsetAt(i)
}

func (x *rawIndex) FindCRC32(h plumbing.Hash) (uint32, error) {
	defer runtime.KeepAlive(x)
	i := x.find(h)
	if i < 0 {
		return 0, plumbing.ErrObjectNotFound
	}
	return binary.BigEndian.Uint32(x.data[x.crcs+4*i:]), nil
}

// position returns the index position of the k-th object by offset.
func (x *rawIndex) position(k int) int {
	if x.rev != nil {
		return int(binary.BigEndian.Uint32(x.rev[4*k:]))
	}
	return int(x.byOffset[k])
}

func (x *rawIndex) sortByOffset() error {
	defer runtime.KeepAlive(x)
	if x.rev != nil || x.byOffset != nil {
		return nil
	}
	// Offset and position in one word (offsets below 2^40, fewer than
	// 2^24 objects): a plain sort of integers.
	keys := make([]uint64, x.n)
	for i := range keys {
		o, err := x.offsetAt(i)
		if err != nil {
			return err
		}
		if o >= 1<<40 || x.n >= 1<<24 {
			return errBadIndex // go-git's storage reads such packs
		}
		keys[i] = uint64(o)<<24 | uint64(i)
	}
	slices.Sort(keys)
	x.byOffset = make([]uint32, x.n)
	for i, k := range keys {
		x.byOffset[i] = uint32(k & (1<<24 - 1))
	}
	return nil
}

func (x *rawIndex) FindHash(o int64) (plumbing.Hash, error) {
	defer runtime.KeepAlive(x)
	if err := x.sortByOffset(); err != nil {
		return plumbing.ZeroHash, err
	}
	lo, hi := 0, x.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		p := x.position(m)
		off, err := x.offsetAt(p)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		switch {
		case off == o:
			var h plumbing.Hash
			copy(h[:], x.name(p))
			return h, nil
		case off < o:
			lo = m + 1
		default:
			hi = m
		}
	}
	return plumbing.ZeroHash, plumbing.ErrObjectNotFound
}

func (x *rawIndex) Count() (int64, error) { return int64(x.n), nil }

func (x *rawIndex) entry(i int) (*idxfile.Entry, error) {
	defer runtime.KeepAlive(x)
	o, err := x.offsetAt(i)
	if err != nil {
		return nil, err
	}
	e := &idxfile.Entry{CRC32: binary.BigEndian.Uint32(x.data[x.crcs+4*i:]), Offset: uint64(o)}
	copy(e.Hash[:], x.name(i))
	return e, nil
}

type rawEntryIter struct {
	x    *rawIndex
	i    int
	posf func(int) int
}

func (it *rawEntryIter) Next() (*idxfile.Entry, error) {
	if it.i >= it.x.n {
		return nil, io.EOF
	}
	it.i++
	return it.x.entry(it.posf(it.i - 1))
}

func (it *rawEntryIter) Close() error { it.i = it.x.n; return nil }

func (x *rawIndex) Entries() (idxfile.EntryIter, error) {
	return &rawEntryIter{x: x, posf: func(i int) int { return i }}, nil
}

func (x *rawIndex) EntriesByOffset() (idxfile.EntryIter, error) {
	if err := x.sortByOffset(); err != nil {
		return nil, err
	}
	return &rawEntryIter{x: x, posf: x.position}, nil
}

var _ idxfile.Index = (*rawIndex)(nil)

// readRev reads git's reverse index for a pack of n objects, or nil when
// there is none or it does not fit.
func readRev(path string, n int) []byte {
	data, err := os.ReadFile(path)
	if err != nil || len(data) != 12+4*n+40 || string(data[:4]) != "RIDX" ||
		binary.BigEndian.Uint32(data[4:]) != 1 || binary.BigEndian.Uint32(data[8:]) != 1 {
		return nil
	}
	return data[12 : 12+4*n]
}

// fastPack is one pack read through a rawIndex.
type fastPack struct {
	name string
	idx  *rawIndex
	file billy.File
	pf   *packfile.Packfile
}

// fastPacks are the packs of a repository, listed once and again when the
// pack folder changes.
type fastPacks struct {
	dir   string
	fs    billy.Filesystem
	cache cache.Object
	packs []*fastPack

	// raw reads objects by their offsets (rawpack.go), made on first
	// need and again when the packs change. go-git's packfile reader
	// turns each delta's base offset into a hash first, and without a
	// .rev (every fetched pack) sorts all the pack's offsets to do so:
	// 46% of an `accord log` in a clone of 100,000 records.
	rawMu     sync.Mutex
	raw       *packObjects
	rawBudget int
}

func newFastPacks(gitDir string, cacheSize cache.FileSize) *fastPacks {
	dir := filepath.Join(gitDir, "objects", "pack")
	f := &fastPacks{dir: dir, fs: osfs.New(dir), cache: cache.NewObjectLRU(cacheSize), rawBudget: int(cacheSize)}
	f.list()
	return f
}

// list (re)reads the pack folder, keeping packs already open.
func (f *fastPacks) list() {
	entries, err := os.ReadDir(f.dir)
	if err != nil {
		return
	}
	open := map[string]*fastPack{}
	for _, p := range f.packs {
		open[p.name] = p
	}
	var packs []*fastPack
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".idx")
		if !ok || !strings.HasPrefix(name, "pack-") {
			continue
		}
		if p := open[name]; p != nil {
			packs = append(packs, p)
			delete(open, name)
			continue
		}
		if p := f.openPack(name); p != nil {
			packs = append(packs, p)
		}
	}
	for _, p := range open { // gone from the folder (repacked)
		p.file.Close()
	}
	f.packs = packs
	f.rawMu.Lock()
	f.raw = nil
	f.rawMu.Unlock()
}

func (f *fastPacks) openPack(name string) *fastPack {
	idx := mapHeld(filepath.Join(f.dir, name+".idx"), func(data []byte) *rawIndex {
		x, err := parseRawIndex(data)
		if err != nil {
			return nil
		}
		return x
	})
	if idx == nil {
		return nil // go-git's storage still reads it, or reports why not
	}
	idx.rev = readRev(filepath.Join(f.dir, name+".rev"), idx.n)
	file, err := f.fs.Open(name + ".pack")
	if err != nil {
		return nil
	}
	// No filesystem: objects are read into memory whole (records are
	// capped in size), never reopened later by name.
	pf := packfile.NewPackfileWithCache(idx, nil, file, f.cache, 0)
	return &fastPack{name: name, idx: idx, file: file, pf: pf}
}

// get returns the object h from the packs, or ErrObjectNotFound. It is
// read by its offsets (rawpack.go); what that reading refuses, go-git's
// packfile reader reads, or says why not.
func (f *fastPacks) get(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	if typ, data, ok := f.readRaw(h); ok {
		if t != plumbing.AnyObject && typ != t {
			return nil, plumbing.ErrObjectNotFound
		}
		obj := &plumbing.MemoryObject{}
		obj.SetType(typ)
		_, _ = obj.Write(data) // a copy: data is the reader's cache
		return obj, nil
	}
	for _, p := range f.packs {
		if p.idx.find(h) < 0 {
			continue
		}
		obj, err := p.pf.Get(h)
		if err != nil {
			return nil, fmt.Errorf("object %s in %s: %w", h, p.name, err)
		}
		if t != plumbing.AnyObject && obj.Type() != t {
			return nil, plumbing.ErrObjectNotFound
		}
		return obj, nil
	}
	return nil, plumbing.ErrObjectNotFound
}

// readRaw reads h through the raw reader; ok is false when no pack holds
// it or the reading fails.
func (f *fastPacks) readRaw(h plumbing.Hash) (t plumbing.ObjectType, data []byte, ok bool) {
	f.rawMu.Lock()
	defer f.rawMu.Unlock()
	if f.raw == nil {
		f.raw = newPackObjects(f, f.rawBudget)
	}
	t, data, found, err := f.raw.get(h)
	return t, data, found && err == nil
}

func (f *fastPacks) has(h plumbing.Hash) bool {
	for _, p := range f.packs {
		if p.idx.find(h) >= 0 {
			return true
		}
	}
	return false
}

func (f *fastPacks) close() {
	for _, p := range f.packs {
		p.file.Close()
	}
	f.packs = nil
	f.rawMu.Lock()
	f.raw = nil
	f.rawMu.Unlock()
}
