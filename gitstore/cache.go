package gitstore

import (
	"bufio"
	"encoding/gob"
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
// record); a cache hit costs a gob decode. The key is the content hash, so
// an entry can never be stale; only files that decoded without error are
// cached, so hardening is never skipped for content that was not already
// accepted. The cache lives in .git (never committed or pushed), is written
// atomically, and is ignored when it cannot be read or was written by a
// build with different record types.

const cacheName = "accord/load-cache"

// cacheVersion changes whenever the record types change, from their fields
// and types, so a new build never reads records shaped for an old one.
var cacheVersion = func() string {
	var b strings.Builder
	b.WriteString("accord-load-cache/1")
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

// cacheEntry holds one decoded record; exactly one pointer is set.
type cacheEntry struct {
	Goal     *model.Goal
	Update   *model.Update
	Decision *model.Decision
	RACI     *model.RACI
	Handoff  *model.Handoff
	Person   *model.Person
	Team     *model.Team
}

func (e cacheEntry) record() model.Record {
	switch {
	case e.Goal != nil:
		return e.Goal
	case e.Update != nil:
		return e.Update
	case e.Decision != nil:
		return e.Decision
	case e.RACI != nil:
		return e.RACI
	case e.Handoff != nil:
		return e.Handoff
	case e.Person != nil:
		return e.Person
	case e.Team != nil:
		return e.Team
	}
	return nil
}

func newCacheEntry(r model.Record) cacheEntry {
	var e cacheEntry
	switch r := r.(type) {
	case *model.Goal:
		e.Goal = r
	case *model.Update:
		e.Update = r
	case *model.Decision:
		e.Decision = r
	case *model.RACI:
		e.RACI = r
	case *model.Handoff:
		e.Handoff = r
	case *model.Person:
		e.Person = r
	case *model.Team:
		e.Team = r
	}
	return e
}

type cacheFile struct {
	Version string
	Entries map[string]cacheEntry // kind + ":" + blob hash
}

func cacheKey(k model.Kind, blob string) string { return string(k) + ":" + blob }

// readCache returns the cached records, or an empty map.
func (s *Store) readCache() map[string]cacheEntry {
	f, err := os.Open(filepath.Join(s.gitDir, cacheName))
	if err != nil {
		return map[string]cacheEntry{}
	}
	defer f.Close()
	var c cacheFile
	if err := gob.NewDecoder(bufio.NewReaderSize(f, 256<<10)).Decode(&c); err != nil || c.Version != cacheVersion || c.Entries == nil {
		return map[string]cacheEntry{}
	}
	return c.Entries
}

// writeCache replaces the cache with the records of this load. Failure is
// harmless: the next load decodes again.
func (s *Store) writeCache(entries map[string]cacheEntry) {
	path := filepath.Join(s.gitDir, cacheName)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".load-cache-*")
	if err != nil {
		return
	}
	w := bufio.NewWriterSize(tmp, 256<<10)
	err = gob.NewEncoder(w).Encode(cacheFile{Version: cacheVersion, Entries: entries})
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}
