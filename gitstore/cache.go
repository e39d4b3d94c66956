package gitstore

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
)

// The load cache maps a record file's git blob hash to the record decoded
// from it, so that loading decodes YAML only for files that changed since
// the last load. Decoding is most of the cost of a load (about 28 µs a
// record); a cache hit costs a decode of the record's binary image
// (cachecodec.go). The key is the content hash, so an entry can never be
// stale; only files that decoded without error are cached, so hardening is
// never skipped for content that was not already accepted. The cache lives
// in .git (never committed or pushed), is written atomically, and is
// ignored when it cannot be read or was written by a build with different
// record types.

const cacheName = "accord/load-cache"

// cacheVersion changes whenever the record types change, from their fields
// and types, so a new build never reads records shaped for an old one.
var cacheVersion = func() string {
	var b strings.Builder
	b.WriteString("accord-load-cache/2")
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

// The file: the version line, then entries of a key (kind:blob hash) and
// the record's encoding, each preceded by its length.

// readCache returns the encoded records by key, or an empty map. Records
// are decoded only when a file's hash is found (cachedRecord).
func (s *Store) readCache() map[string][]byte {
	data, err := os.ReadFile(filepath.Join(s.gitDir, cacheName))
	if err != nil {
		return map[string][]byte{}
	}
	r := &cacheReader{b: data}
	if string(r.bytes(r.uvarint())) != cacheVersion || r.err != nil {
		return map[string][]byte{}
	}
	n := r.uvarint()
	entries := make(map[string][]byte, min(n, uint64(len(data))))
	for range n {
		key := string(r.bytes(r.uvarint()))
		val := r.bytes(r.uvarint())
		if r.err != nil {
			return map[string][]byte{}
		}
		entries[key] = val
	}
	return entries
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

// writeCache replaces the cache. Failure is harmless: the next load decodes
// again.
func (s *Store) writeCache(entries map[string][]byte) {
	path := filepath.Join(s.gitDir, cacheName)
	size := len(cacheVersion) + 20
	for k, v := range entries {
		size += len(k) + len(v) + 2*binary.MaxVarintLen64
	}
	b := make([]byte, 0, size)
	b = binary.AppendUvarint(b, uint64(len(cacheVersion)))
	b = append(b, cacheVersion...)
	b = binary.AppendUvarint(b, uint64(len(entries)))
	for k, v := range entries {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
		b = binary.AppendUvarint(b, uint64(len(v)))
		b = append(b, v...)
	}
	_ = replaceGitFile(path, b)
}
