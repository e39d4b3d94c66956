package gitstore

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// The load cache is a snapshot of the decoded organisation: for every
// record file, the file's size, modification and change times and inode
// when it was read, its git blob hash, the line of each top-level field and
// the record decoded from it (an exact binary image, cachecodec.go).
//
// A load trusts a file whose stat data match its entry the way git's index
// trusts a worktree file: it lists the folders, stats each file (the
// listing does that already) and decodes the record from the snapshot,
// without opening the file. A file whose stat data differ is read and
// hashed; when its hash is one the snapshot holds, the record is taken
// from the snapshot, and only otherwise is its YAML decoded with the full
// hardening. Only files that passed every check are in the snapshot, so
// no check is skipped for content that was not already accepted.
//
// Racy files (git's word): a file changed again within the same tick of
// the filesystem's clock, at the same size, would keep its stat data. So
// an entry is trusted only if the file's modification time is older than
// a second before the load that wrote the entry began; newer files are
// always read and hashed.
//
// The snapshot lives in .git (never committed or pushed), is written
// atomically, and is ignored when it cannot be read or was written by a
// build with different record types. It is rewritten when a load had to
// read enough files that rewriting pays (rewriteSnapshot).

const cacheName = "accord/load-cache"

// cacheVersion changes whenever the record types change, from their fields
// and types, so a new build never reads records shaped for an old one.
// Made on first use: describing the types by reflection took 0.4 ms of
// every process's start, `accord version` included.
var cacheVersion = sync.OnceValue(func() string {
	var b strings.Builder
	b.WriteString("accord-load-cache/3")
	for _, k := range model.Kinds {
		describeType(&b, reflect.TypeOf(model.NewRecord(k)).Elem())
	}
	return plumbing.ComputeHash(plumbing.BlobObject, []byte(b.String())).String()
})

func describeType(b *strings.Builder, t reflect.Type) {
	fmt.Fprintf(b, "%s{", t.String())
	for i := range t.NumField() {
		f := t.Field(i)
		fmt.Fprintf(b, "%s %s %q;", f.Name, f.Type, f.Tag)
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct {
			describeType(b, ft)
		}
	}
	b.WriteString("}")
}

// fileStat is what a load compares to decide that a file is unchanged.
type fileStat struct {
	size, mtime, ctime int64 // times in nanoseconds since 1970
	ino                uint64
}

func (a fileStat) same(b fileStat) bool { return a == b }

// snapEntry is one record file in the snapshot. Its strings are parts of
// the snapshot file's contents, read into one string, and so are the
// strings of records decoded from enc.
type snapEntry struct {
	path   string
	stat   fileStat
	blob   string // 20 bytes
	fields string // the top-level fields' positions, encoded
	enc    string // the record's encoding
}

// snapshot is the load cache as read: entries sorted by path, and the
// range of entries in each folder. A map of every path would cost more to
// build than the rest of a warm load.
type snapshot struct {
	// trustBefore: files modified at or after it (ns) are always hashed.
	trustBefore int64
	entries     []snapEntry
	dirs        map[string][2]int

	once   sync.Once
	byBlob map[string]string // cacheKey → encoding, made on first use
}

// The file: the version line, trustBefore, the number of entries, then for
// each (sorted by path) the path, the blob hash, the stat data, the fields
// and the record's encoding. Lengths and numbers are varints.

// readSnapshot reads the load cache, or returns an empty one.
func (s *Store) readSnapshot() *snapshot {
	s.settle() // a load's cache still being written
	data, err := os.ReadFile(filepath.Join(s.gitDir, cacheName))
	if err != nil || len(data) == 0 {
		return &snapshot{}
	}
	// The entries are strings sliced from the file's bytes, which nothing
	// else holds or changes: taken as a string as they are, not copied
	// (at 100,000 records the file is 40 MB).
	return parseSnapshot(unsafe.String(&data[0], len(data)))
}

// parseSnapshot decodes the load cache without trusting it: a file that
// is not exactly what writeSnapshot writes gives an empty snapshot.
func parseSnapshot(data string) *snapshot {
	empty := &snapshot{}
	r := &cacheReader[string]{b: data}
	if r.bytes(r.uvarint()) != cacheVersion() || r.err != nil {
		return empty
	}
	snap := &snapshot{trustBefore: r.varint(), dirs: map[string][2]int{}}
	n := r.uvarint()
	snap.entries = make([]snapEntry, 0, min(n, uint64(len(data))/32))
	var dir string
	for i := range n {
		var e snapEntry
		e.path = r.bytes(r.uvarint())
		e.blob = r.bytes(20)
		e.stat.size, e.stat.mtime, e.stat.ctime = r.varint(), r.varint(), r.varint()
		e.stat.ino = r.uvarint()
		e.fields = r.bytes(r.uvarint())
		e.enc = r.bytes(r.uvarint())
		if r.err != nil || i > 0 && snap.entries[i-1].path >= e.path {
			return empty
		}
		if d := e.path[:max(strings.LastIndexByte(e.path, '/'), 0)]; i == 0 || d != dir {
			if _, seen := snap.dirs[d]; seen {
				return empty
			}
			dir = d
			snap.dirs[d] = [2]int{int(i), int(i)}
		}
		rg := snap.dirs[dir]
		rg[1] = int(i) + 1
		snap.dirs[dir] = rg
		snap.entries = append(snap.entries, e)
	}
	if len(r.b) != 0 {
		return empty
	}
	return snap
}

// entry finds p's entry.
func (snap *snapshot) entry(p string) (snapEntry, bool) {
	rg, ok := snap.dirs[p[:max(strings.LastIndexByte(p, '/'), 0)]]
	if !ok {
		return snapEntry{}, false
	}
	in := snap.entries[rg[0]:rg[1]]
	i, found := slices.BinarySearchFunc(in, p, func(e snapEntry, p string) int { return strings.Compare(e.path, p) })
	if !found {
		return snapEntry{}, false
	}
	return in[i], true
}

// blobs maps cacheKey (kind and blob hash) to a record's encoding, for
// versions read from git objects.
func (snap *snapshot) blobs() map[string]string {
	snap.once.Do(func() {
		snap.byBlob = make(map[string]string, len(snap.entries))
		for _, e := range snap.entries {
			if k, _, ok := model.KindOfPath(e.path); ok {
				snap.byBlob[cacheKey(k, hexString(e.blob))] = e.enc
			}
		}
	})
	return snap.byBlob
}

// readCache returns the encoded records by cacheKey, or an empty map.
// Records are decoded only when a blob's hash is found (cachedRecord).
func (s *Store) readCache() map[string]string { return s.readSnapshot().blobs() }

// folder returns the entries of the files in dir, sorted by path.
func (snap *snapshot) folder(dir string) []snapEntry {
	rg, ok := snap.dirs[dir]
	if !ok {
		return nil
	}
	return snap.entries[rg[0]:rg[1]]
}

// trusts says whether a file whose lstat gave st is unchanged since e was
// written: the same stat data, and not modified within a second of the
// load that wrote it (racy, cache.go).
func (snap *snapshot) trusts(e *snapEntry, st fileStat) bool {
	return e.stat.same(st) && st.mtime < snap.trustBefore
}

// cachedRecord decodes a cached record of kind k, or returns nil. The
// record's strings are parts of enc when it is a string.
func cachedRecord[T ~string | ~[]byte](k model.Kind, enc T) model.Record {
	rec := model.NewRecord(k)
	r := &cacheReader[T]{b: enc}
	r.value(reflect.ValueOf(rec).Elem())
	if r.err != nil || len(r.b) != 0 {
		return nil
	}
	return rec
}

// encodeCached appends the snapshot's encoding of rec to b.
func encodeCached(b []byte, rec model.Record) []byte {
	return appendValue(b, reflect.ValueOf(rec).Elem())
}

func cacheKey(k model.Kind, blob string) string { return string(k) + ":" + blob }

// encodedFields is Source.Positions for a loaded record, as the snapshot
// keeps it (topLevelFields makes it): a count, then each field's name
// (its length first), line and column, as uvarints. It is searched when a
// finding asks for a field's line.
type encodedFields string

// FieldPos implements model.FieldPositions.
func (e encodedFields) FieldPos(field string) (model.Pos, bool) {
	r := &cacheReader[encodedFields]{b: e}
	n := r.uvarint()
	for range min(n, uint64(len(e))) {
		k := r.bytes(r.uvarint())
		line, col := r.uvarint(), r.uvarint()
		if r.err != nil || line > 1<<31 || col > 1<<31 {
			return model.Pos{}, false
		}
		if string(k) == field {
			return model.Pos{Line: int(line), Column: int(col)}, true
		}
	}
	return model.Pos{}, false
}

// rewriteSnapshot says whether a load that read (rather than trusted)
// misses of total files, or found gone entries of the snapshot's files
// missing, should rewrite the snapshot: always when there was none, and
// otherwise once re-reading costs more than a small share of a rewrite.
func rewriteSnapshot(snapLen, total, misses, gone int) bool {
	if snapLen == 0 {
		return total > 0
	}
	return misses+gone > 32+total/64
}

// snapRecord is one entry to write.
type snapRecord struct {
	path   string
	stat   fileStat
	blob   string
	fields string
	enc    string
}

// writeSnapshot replaces the load cache. Failure is harmless: the next load
// reads and decodes again.
func (s *Store) writeSnapshot(trustBefore int64, recs []snapRecord) {
	// Written as it is made: at 100,000 records the file is 40 MB, which
	// would otherwise be made whole in memory first.
	writeCacheFile(filepath.Join(s.gitDir, cacheName), func(w *bufio.Writer) error {
		var num [binary.MaxVarintLen64]byte
		uvarint := func(x uint64) { w.Write(binary.AppendUvarint(num[:0], x)) }
		varint := func(x int64) { w.Write(binary.AppendVarint(num[:0], x)) }
		version := cacheVersion()
		uvarint(uint64(len(version)))
		w.WriteString(version)
		varint(trustBefore)
		uvarint(uint64(len(recs)))
		for _, r := range recs {
			var blob plumbing.Hash
			if !parseHex(r.blob, &blob) {
				return fmt.Errorf("%s: blob %q is not a hash", r.path, r.blob)
			}
			uvarint(uint64(len(r.path)))
			w.WriteString(r.path)
			w.Write(blob[:])
			varint(r.stat.size)
			varint(r.stat.mtime)
			varint(r.stat.ctime)
			uvarint(r.stat.ino)
			uvarint(uint64(len(r.fields)))
			w.WriteString(r.fields)
			uvarint(uint64(len(r.enc)))
			w.WriteString(r.enc)
		}
		return nil // a failed write is the Flush's error
	})
}

// trustHorizon is when a load starts, less a second for the filesystem's
// coarse clock: files modified after it are racy. It reads the real clock,
// not the store's (WithClock): it is compared with file times the kernel
// wrote, and it changes only how much is re-read, never what a load
// returns.
// hexString is hex.EncodeToString of a string, with one allocation.
func hexString(b string) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 2*len(b))
	for i := range len(b) {
		out[2*i], out[2*i+1] = digits[b[i]>>4], digits[b[i]&15]
	}
	return string(out)
}

func trustHorizon() int64 { return time.Now().Add(-time.Second).UnixNano() }
