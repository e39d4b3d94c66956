package gitstore

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

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
var cacheVersion = func() string {
	var b strings.Builder
	b.WriteString("accord-load-cache/3")
	for _, k := range model.Kinds {
		describeType(&b, reflect.TypeOf(model.NewRecord(k)).Elem())
	}
	return plumbing.ComputeHash(plumbing.BlobObject, []byte(b.String())).String()
}()

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

// snapEntry is one record file in the snapshot. Its byte slices point into
// the snapshot file's bytes.
type snapEntry struct {
	stat   fileStat
	blob   []byte // 20 bytes
	fields []byte // the top-level fields' positions, encoded
	enc    []byte // the record's encoding
}

// snapshot is the load cache as read.
type snapshot struct {
	// trustBefore: files modified at or after it (ns) are always hashed.
	trustBefore int64
	byPath      map[string]snapEntry

	once   sync.Once
	byBlob map[string][]byte // cacheKey → encoding, made on first use
}

// The file: the version line, trustBefore, the number of entries, then for
// each the path, the blob hash, the stat data, the fields and the record's
// encoding. Lengths and numbers are varints.

// readSnapshot reads the load cache, or returns an empty one.
func (s *Store) readSnapshot() *snapshot {
	empty := &snapshot{byPath: map[string]snapEntry{}}
	data, err := os.ReadFile(filepath.Join(s.gitDir, cacheName))
	if err != nil {
		return empty
	}
	r := &cacheReader{b: data}
	if string(r.bytes(r.uvarint())) != cacheVersion || r.err != nil {
		return empty
	}
	snap := &snapshot{trustBefore: r.varint()}
	n := r.uvarint()
	snap.byPath = make(map[string]snapEntry, min(n, uint64(len(data))))
	for range n {
		p := string(r.bytes(r.uvarint()))
		var e snapEntry
		e.blob = r.bytes(20)
		e.stat.size, e.stat.mtime, e.stat.ctime = r.varint(), r.varint(), r.varint()
		e.stat.ino = r.uvarint()
		e.fields = r.bytes(r.uvarint())
		e.enc = r.bytes(r.uvarint())
		if r.err != nil {
			return empty
		}
		snap.byPath[p] = e
	}
	return snap
}

// blobs maps cacheKey (kind and blob hash) to a record's encoding, for
// files whose stat data changed but whose content did not, and for
// versions read from git objects.
func (snap *snapshot) blobs() map[string][]byte {
	snap.once.Do(func() {
		snap.byBlob = make(map[string][]byte, len(snap.byPath))
		for p, e := range snap.byPath {
			if k, _, ok := model.KindOfPath(p); ok {
				snap.byBlob[cacheKey(k, hex.EncodeToString(e.blob))] = e.enc
			}
		}
	})
	return snap.byBlob
}

// readCache returns the encoded records by cacheKey, or an empty map.
// Records are decoded only when a blob's hash is found (cachedRecord).
func (s *Store) readCache() map[string][]byte { return s.readSnapshot().blobs() }

// trusted returns the snapshot's entry for p when the file's stat data
// say it is unchanged.
func (snap *snapshot) trusted(p string, st fileStat) (snapEntry, bool) {
	e, ok := snap.byPath[p]
	if !ok || !e.stat.same(st) || st.mtime >= snap.trustBefore {
		return snapEntry{}, false
	}
	return e, true
}

// cachedRecord decodes a cached record of kind k, or returns nil.
func cachedRecord(k model.Kind, enc []byte) model.Record {
	rec := model.NewRecord(k)
	r := &cacheReader{b: enc}
	r.value(reflect.ValueOf(rec).Elem())
	if r.err != nil || len(r.b) != 0 {
		return nil
	}
	return rec
}

func encodeCached(rec model.Record) []byte {
	return appendValue(nil, reflect.ValueOf(rec).Elem())
}

func cacheKey(k model.Kind, blob string) string { return string(k) + ":" + blob }

// encodeFields and decodeFields keep Source.Fields in the snapshot. Field
// names repeat in every record, so decoding interns them in names.
func encodeFields(b []byte, fields map[string]model.Pos) []byte {
	b = binary.AppendUvarint(b, uint64(len(fields)))
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		p := fields[k]
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(p.Line))
		b = binary.AppendUvarint(b, uint64(p.Column))
	}
	return b
}

func decodeFields(enc []byte, names map[string]string) (map[string]model.Pos, bool) {
	r := &cacheReader{b: enc}
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		return nil, false
	}
	out := make(map[string]model.Pos, n)
	for range n {
		kb := r.bytes(r.uvarint())
		line, col := r.uvarint(), r.uvarint()
		if r.err != nil || line > 1<<31 || col > 1<<31 {
			return nil, false
		}
		k, ok := names[string(kb)]
		if !ok {
			k = string(kb)
			names[k] = k
		}
		out[k] = model.Pos{Line: int(line), Column: int(col)}
	}
	return out, r.err == nil && len(r.b) == 0
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
	fields []byte
	enc    []byte
}

// writeSnapshot replaces the load cache. Failure is harmless: the next load
// reads and decodes again.
func (s *Store) writeSnapshot(trustBefore int64, recs []snapRecord) {
	path := filepath.Join(s.gitDir, cacheName)
	size := len(cacheVersion) + 40
	for _, r := range recs {
		size += len(r.path) + 20 + len(r.fields) + len(r.enc) + 8*binary.MaxVarintLen64
	}
	b := make([]byte, 0, size)
	b = binary.AppendUvarint(b, uint64(len(cacheVersion)))
	b = append(b, cacheVersion...)
	b = binary.AppendVarint(b, trustBefore)
	b = binary.AppendUvarint(b, uint64(len(recs)))
	for _, r := range recs {
		blob, err := hex.DecodeString(r.blob)
		if err != nil || len(blob) != 20 {
			return
		}
		b = binary.AppendUvarint(b, uint64(len(r.path)))
		b = append(b, r.path...)
		b = append(b, blob...)
		b = binary.AppendVarint(b, r.stat.size)
		b = binary.AppendVarint(b, r.stat.mtime)
		b = binary.AppendVarint(b, r.stat.ctime)
		b = binary.AppendUvarint(b, r.stat.ino)
		b = binary.AppendUvarint(b, uint64(len(r.fields)))
		b = append(b, r.fields...)
		b = binary.AppendUvarint(b, uint64(len(r.enc)))
		b = append(b, r.enc...)
	}
	_ = replaceGitFile(path, b)
}

// trustHorizon is when a load starts, less a second for the filesystem's
// coarse clock: files modified after it are racy. It reads the real clock,
// not the store's (WithClock): it is compared with file times the kernel
// wrote, and it changes only how much is re-read, never what a load
// returns.
func trustHorizon() int64 { return time.Now().Add(-time.Second).UnixNano() }
