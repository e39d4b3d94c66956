package gitstore

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

// Refreshing .git/index after a commit without decoding it. go-git decodes
// and encodes every entry to change one: at 100,000 records that was 86%
// of an edit. patchIndex instead walks the entries by their lengths and
// gives the new file as pieces: runs of the old file's own bytes and the
// changed entries between them. The caller writes the pieces straight
// from the old file mapped in memory (patchIndexFile), so a 10 MB index
// is neither read into memory nor copied there again, and takes the two
// checksums (the old file's, checked, and the new one's) beside it.
// It handles what Accord's own index holds (version 2 or 3, every entry
// at stage 0, no extended flags, no split or sparse index) and reports
// false for anything else, which takes go-git's path.

const (
	indexHeaderLen = 12
	indexEntryFix  = 62 // stat data, hash and flags before the name
	indexNameMask  = 0xfff
)

// patchIndex returns the pieces of data, an index file, with the entries
// of files put in place of those with the same names or inserted in name
// order, and the entries named in deleted taken out; the extensions,
// caches that the change makes stale, are dropped (as updateIndex drops
// them). Written one after the other and followed by their checksum
// (indexSum), the pieces are the new file: the header and the entries of
// files are new, every other piece is a slice of data. ok is false when
// data is not an index it handles. data's own checksum is not checked
// here: the caller checks it (indexSumOK) before it replaces data.
func patchIndex(data []byte, files []*index.Entry, deleted []string) (pieces [][]byte, ok bool) {
	body, n, ok := indexHeader(data)
	if !ok {
		return nil, false
	}
	deleted = slices.Sorted(slices.Values(deleted))
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b *index.Entry) int { return strings.Compare(a.Name, b.Name) })
	for i, f := range files {
		if f.CreatedAt.Unix() < 0 || f.ModifiedAt.Unix() < 0 || f.Stage != 0 || f.IntentToAdd || f.SkipWorktree || len(f.Name) >= indexNameMask || f.Name == "" ||
			i > 0 && files[i-1].Name == f.Name {
			return nil, false
		}
	}
	header := slices.Clone(data[:indexHeaderLen])
	pieces = [][]byte{header}
	// body[lo:hi] is the run of entries kept since the last piece, and
	// ends where the entry being walked starts (at).
	lo, hi, at := indexHeaderLen, indexHeaderLen, indexHeaderLen
	keep := func() {
		if hi > lo {
			pieces = append(pieces, body[lo:hi])
		}
		lo = hi
	}
	add := func(f *index.Entry) {
		keep()
		pieces = append(pieces, appendIndexEntry(nil, f))
	}
	count := uint32(0)
	ext, ok := eachIndexEntry(body, n, func(entry, name []byte) {
		for len(deleted) > 0 && deleted[0] < string(name) {
			deleted = deleted[1:]
		}
		for len(files) > 0 && files[0].Name < string(name) {
			add(files[0])
			files, count = files[1:], count+1
		}
		next := at + len(entry)
		switch {
		case len(files) > 0 && files[0].Name == string(name):
			add(files[0])
			files, count = files[1:], count+1
			lo, hi = next, next
		case len(deleted) > 0 && deleted[0] == string(name):
			keep()
			lo, hi = next, next
		default:
			hi = next
			count++
		}
		at = next
	})
	if !ok {
		return nil, false
	}
	keep()
	for _, f := range files {
		add(f)
		count++
	}
	// What follows the entries: extensions, each a 4-byte signature and
	// a 4-byte length. A split or sparse index is not Accord's to patch.
	for len(ext) > 0 {
		if len(ext) < 8 {
			return nil, false
		}
		sig, l := string(ext[:4]), binary.BigEndian.Uint32(ext[4:])
		if sig == "link" || sig == "sdir" || uint64(l) > uint64(len(ext)-8) {
			return nil, false
		}
		ext = ext[8+l:]
	}
	binary.BigEndian.PutUint32(header[8:], count)
	return pieces, true
}

// indexSum is the checksum that ends an index file made of the pieces.
func indexSum(pieces [][]byte) []byte {
	h := sha1.New()
	for _, p := range pieces {
		h.Write(p)
	}
	return h.Sum(nil)
}

// indexSumOK reports whether data, an index file, ends with the checksum
// of what comes before.
func indexSumOK(data []byte) bool {
	if len(data) < sha1.Size {
		return false
	}
	body, sum := data[:len(data)-sha1.Size], data[len(data)-sha1.Size:]
	h := sha1.Sum(body)
	return bytes.Equal(h[:], sum)
}

// indexBody returns an index file without its checksum, and the number
// of entries its header gives; ok is false unless it is of version 2 or
// 3 and its checksum is right.
func indexBody(data []byte) (body []byte, n uint32, ok bool) {
	if !indexSumOK(data) {
		return nil, 0, false
	}
	return indexHeader(data)
}

// indexHeader is indexBody without checking the checksum.
func indexHeader(data []byte) (body []byte, n uint32, ok bool) {
	if len(data) < indexHeaderLen+sha1.Size || string(data[:4]) != "DIRC" {
		return nil, 0, false
	}
	body = data[:len(data)-sha1.Size]
	if v := binary.BigEndian.Uint32(data[4:]); v != 2 && v != 3 {
		return nil, 0, false
	}
	n = binary.BigEndian.Uint32(data[8:])
	if uint64(n) > uint64(len(body))/indexEntryFix {
		return nil, 0, false
	}
	return body, n, true
}

// eachIndexEntry walks the n entries of an index body (indexBody), giving
// fn each entry's bytes (stat data, hash, flags, name and padding) and its
// name, and returns what follows them (the extensions). ok is false for an
// entry with extended flags, at a conflict stage, with a long name, or
// torn.
func eachIndexEntry(body []byte, n uint32, fn func(entry, name []byte)) (rest []byte, ok bool) {
	off := indexHeaderLen
	for range n {
		if off+indexEntryFix > len(body) {
			return nil, false
		}
		flags := binary.BigEndian.Uint16(body[off+60:])
		nameLen := int(flags & indexNameMask)
		if flags&0x4000 != 0 || flags&0x3000 != 0 || nameLen == indexNameMask {
			return nil, false // extended flags, a conflict stage, or a long name
		}
		size := (indexEntryFix + nameLen + 8) &^ 7
		if off+size > len(body) {
			return nil, false
		}
		fn(body[off:off+size], body[off+indexEntryFix:off+indexEntryFix+nameLen])
		off += size
	}
	return body[off:], true
}

// appendIndexEntry encodes an entry as go-git's encoder does for version
// 2 and 3: stat data, hash, flags, the name and 1 to 8 NULs to a multiple
// of 8 bytes.
func appendIndexEntry(b []byte, e *index.Entry) []byte {
	u32 := func(v uint32) { b = binary.BigEndian.AppendUint32(b, v) }
	times := func(sec int64, nsec int, zero bool) {
		if zero {
			u32(0)
			u32(0)
			return
		}
		u32(uint32(sec))
		u32(uint32(nsec))
	}
	start := len(b)
	times(e.CreatedAt.Unix(), e.CreatedAt.Nanosecond(), e.CreatedAt.IsZero())
	times(e.ModifiedAt.Unix(), e.ModifiedAt.Nanosecond(), e.ModifiedAt.IsZero())
	u32(e.Dev)
	u32(e.Inode)
	u32(uint32(e.Mode))
	u32(e.UID)
	u32(e.GID)
	u32(e.Size)
	b = append(b, e.Hash[:]...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(e.Name)))
	b = append(b, e.Name...)
	for pad := (indexEntryFix + len(e.Name) + 8) &^ 7; len(b)-start < pad; {
		b = append(b, 0)
	}
	return b
}
