package gitstore

// Reading packed objects by offset, for the history index build. go-git's
// packfile reader, given a delta, rebuilds the object, then hashes it
// (SHA-1 with collision detection) to file it in its cache, and copies
// it twice on the way: at 10,000 records that was a fifth of the first
// history call, which rebuilds thousands of versions of each kind's
// folder tree. Here an object is found through the pack index read in
// place (packindex.go), inflated straight into a buffer of its stated
// size, its delta applied with go-git's PatchDelta, and the result kept
// in a cache keyed by its offset in the pack: the index already names
// every object, so nothing is hashed. What is not in a pack (loose
// objects) is left to the caller.

import (
	"bufio"
	"compress/zlib"
	"container/list"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
)

// maxPackedObject caps what one object may claim to be: a tree of
// record folders is tens of kilobytes; a pack that says more is damaged
// or hostile, and the caller reports it.
const maxPackedObject = 64 << 20

// maxDeltaChain caps how many deltas rebuilding one object may follow
// (git writes chains of at most 50 by default, 250 with --aggressive).
const maxDeltaChain = 10_000

var errBadPackObject = errors.New("damaged pack object")

// packObjects reads the objects of a repository's packs. It is not safe
// for concurrent use: each worker makes its own (over the same pack
// files, read with ReadAt, and the same indexes, only searched).
type packObjects struct {
	packs []rawPack
	cache objectCache
	br    *bufio.Reader
	zr    io.ReadCloser
}

type rawPack struct {
	idx  *rawIndex
	file io.ReaderAt
	size int64
}

// newPackObjects reads the packs fp has open, keeping up to budget bytes
// of rebuilt objects.
func newPackObjects(fp *fastPacks, budget int) *packObjects {
	p := &packObjects{cache: objectCache{budget: budget, at: map[objectKey]*list.Element{}}}
	for _, fk := range fp.packs {
		f, ok := fk.file.(io.ReaderAt)
		if !ok {
			continue
		}
		info, err := os.Stat(filepath.Join(fp.dir, fk.name+".pack"))
		if err != nil {
			continue
		}
		p.packs = append(p.packs, rawPack{idx: fk.idx, file: f, size: info.Size()})
	}
	return p
}

// get returns object h's type and content; ok is false when no pack
// holds it. The content is shared with the cache: never modify it.
func (p *packObjects) get(h plumbing.Hash) (t plumbing.ObjectType, data []byte, ok bool, err error) {
	for i, rp := range p.packs {
		k := rp.idx.find(h)
		if k < 0 {
			continue
		}
		off, err := rp.idx.offsetAt(k)
		if err != nil {
			return 0, nil, true, err
		}
		t, data, err := p.at(i, off, 0)
		if err != nil {
			return 0, nil, true, fmt.Errorf("object %s: %w", h, err)
		}
		return t, data, true, nil
	}
	return 0, nil, false, nil
}

// at rebuilds the object at offset off of pack i.
func (p *packObjects) at(i int, off int64, depth int) (plumbing.ObjectType, []byte, error) {
	key := objectKey{pack: i, off: off}
	if o, ok := p.cache.get(key); ok {
		return o.t, o.data, nil
	}
	if depth > maxDeltaChain {
		return 0, nil, fmt.Errorf("%w: a delta chain longer than %d", errBadPackObject, maxDeltaChain)
	}
	rp := &p.packs[i]
	if off < 12 || off >= rp.size {
		return 0, nil, fmt.Errorf("%w: offset %d", errBadPackObject, off)
	}
	r := io.NewSectionReader(rp.file, off, rp.size-off)
	if p.br == nil {
		p.br = bufio.NewReaderSize(r, 16<<10)
	} else {
		p.br.Reset(r)
	}
	t, size, err := readObjectHeader(p.br)
	if err != nil {
		return 0, nil, err
	}
	var base int64 = -1
	switch t {
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	case plumbing.OFSDeltaObject:
		back, err := readDeltaOffset(p.br)
		if err != nil {
			return 0, nil, err
		}
		if back <= 0 || back > off {
			return 0, nil, fmt.Errorf("%w: delta base before the pack", errBadPackObject)
		}
		base = off - back
	case plumbing.REFDeltaObject:
		var h plumbing.Hash
		if _, err := io.ReadFull(p.br, h[:]); err != nil {
			return 0, nil, fmt.Errorf("%w: %v", errBadPackObject, err)
		}
		k := rp.idx.find(h)
		if k < 0 {
			return 0, nil, fmt.Errorf("%w: delta base %s not in the pack", errBadPackObject, h)
		}
		if base, err = rp.idx.offsetAt(k); err != nil {
			return 0, nil, err
		}
	default:
		return 0, nil, fmt.Errorf("%w: type %d", errBadPackObject, t)
	}
	data, err := p.inflate(size)
	if err != nil {
		return 0, nil, err
	}
	if base >= 0 {
		bt, bdata, err := p.at(i, base, depth+1)
		if err != nil {
			return 0, nil, err
		}
		if data, err = packfile.PatchDelta(bdata, data); err != nil {
			return 0, nil, fmt.Errorf("%w: %v", errBadPackObject, err)
		}
		t = bt
	}
	p.cache.put(key, cachedObject{t: t, data: data})
	return t, data, nil
}

// inflate reads size bytes of zlib data from p.br.
func (p *packObjects) inflate(size int64) ([]byte, error) {
	if size > maxPackedObject {
		return nil, fmt.Errorf("%w: %d bytes", errBadPackObject, size)
	}
	var err error
	if p.zr == nil {
		p.zr, err = zlib.NewReader(p.br)
	} else {
		err = p.zr.(zlib.Resetter).Reset(p.br, nil)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadPackObject, err)
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(p.zr, data); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadPackObject, err)
	}
	return data, nil
}

// readObjectHeader reads a pack object's type and inflated size.
func readObjectHeader(r io.ByteReader) (plumbing.ObjectType, int64, error) {
	c, err := r.ReadByte()
	if err != nil {
		return 0, 0, fmt.Errorf("%w: %v", errBadPackObject, err)
	}
	t := plumbing.ObjectType((c >> 4) & 7)
	size := int64(c & 15)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if shift > 56 {
			return 0, 0, fmt.Errorf("%w: size too long", errBadPackObject)
		}
		if c, err = r.ReadByte(); err != nil {
			return 0, 0, fmt.Errorf("%w: %v", errBadPackObject, err)
		}
		size |= int64(c&0x7f) << shift
	}
	return t, size, nil
}

// readDeltaOffset reads an offset delta's distance back to its base.
func readDeltaOffset(r io.ByteReader) (int64, error) {
	c, err := r.ReadByte()
	if err != nil {
		return 0, fmt.Errorf("%w: %v", errBadPackObject, err)
	}
	off := int64(c & 0x7f)
	for c&0x80 != 0 {
		if off >= 1<<55 {
			return 0, fmt.Errorf("%w: offset too long", errBadPackObject)
		}
		if c, err = r.ReadByte(); err != nil {
			return 0, fmt.Errorf("%w: %v", errBadPackObject, err)
		}
		off = (off+1)<<7 | int64(c&0x7f)
	}
	return off, nil
}

type objectKey struct {
	pack int
	off  int64
}

type cachedObject struct {
	key  objectKey
	t    plumbing.ObjectType
	data []byte
}

// objectCache keeps the most recently used rebuilt objects, up to
// budget bytes.
type objectCache struct {
	budget, size int
	order        list.List // front: most recent
	at           map[objectKey]*list.Element
}

func (c *objectCache) get(k objectKey) (cachedObject, bool) {
	e, ok := c.at[k]
	if !ok {
		return cachedObject{}, false
	}
	c.order.MoveToFront(e)
	return e.Value.(cachedObject), true
}

func (c *objectCache) put(k objectKey, o cachedObject) {
	if len(o.data) > c.budget/4 {
		return
	}
	o.key = k
	c.at[k] = c.order.PushFront(o)
	c.size += len(o.data)
	for c.size > c.budget {
		e := c.order.Back()
		old := e.Value.(cachedObject)
		c.order.Remove(e)
		delete(c.at, old.key)
		c.size -= len(old.data)
	}
}
