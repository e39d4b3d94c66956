package gitstore

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/accordhq/accord/model"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// loaded is one file's outcome.
type loaded struct {
	path string
	kind model.Kind
	rec  model.Record
	src  *model.Source
	err  error
	read bool     // the file was read, not trusted from the snapshot
	miss bool     // decoded from YAML: the snapshot did not hold its content
	stat fileStat // the file's stat data, for the snapshot
	// cached: the snapshot has an entry for this path.
	cached bool
	// fields is the encoding of the record's field positions (its
	// src.Positions); enc the snapshot's encoding of rec.
	fields, enc string
	// nbLines are rec's lines of the neighbour index, when the load
	// writes it (Load).
	nbLines []string
}

// loadDir reads and decodes every record file in one folder, in the
// order of their names. Files the snapshot trusts are not opened; files
// whose content it holds are not decoded (cache.go). The folder's
// entries and the snapshot's are both sorted by name, so they are walked
// side by side.
func loadDir(root *os.Root, folder recordFolder, snap *snapshot) []loaded {
	dir := folder.dir
	// Every file of a folder is of one kind, or of none.
	k, _, ok := model.KindOfPath(dir + "/x.yaml")
	if !ok {
		return nil
	}
	// Stat data is compared only with the snapshot's: where it holds none
	// of the folder's files (a cold load), each is stat'ed once opened.
	cached := snap.folder(dir)
	scan := scanDir
	if len(cached) == 0 {
		scan = listDir
	}
	entries, err := scan(root, folder)
	if err != nil {
		return []loaded{{path: dir, err: decodeErr("file.unreadable", dir, 0, 0, "cannot list folder: %v", pathErr(err))}}
	}
	out := make([]loaded, 0, len(entries))
	// The folder is opened only when a file must be read: one openat per
	// file instead of one per path component.
	files := folderReader{root: root, folder: folder}
	defer files.close()
	var enc []byte // each record read is encoded for the snapshot here
	for _, e := range entries {
		name := e.name
		if !strings.HasSuffix(name, ".yaml") || name[0] == '.' {
			continue
		}
		p := dir + "/" + name
		switch {
		case e.err == nil && e.typ == typeSymlink:
			out = append(out, loaded{path: p, err: decodeErr("file.symlink", p, 0, 0, "a symlink: records must be regular files, and Accord does not follow symlinks")})
			continue
		case e.err == nil && e.typ != typeRegular:
			out = append(out, loaded{path: p, err: decodeErr("file.not-regular", p, 0, 0, "not a regular file")})
			continue
		}
		// The snapshot's entries of this folder that sort before name are
		// files that are gone.
		for len(cached) > 0 && cached[0].path[len(dir)+1:] < name {
			cached = cached[1:]
		}
		var se *snapEntry
		if len(cached) > 0 && cached[0].path[len(dir)+1:] == name {
			se = &cached[0]
		}
		if e.err == nil && e.stat.size <= MaxFileSize && se != nil && snap.trusts(se, e.stat) {
			if l, ok := fromSnapshot(p, k, *se); ok {
				out = append(out, l)
				continue
			}
		}
		if err := files.open(); err != nil {
			return append(out, loaded{path: dir, err: decodeErr("file.unreadable", dir, 0, 0, "cannot open folder: %v", pathErr(err))})
		}
		out = append(out, readRecord(&files, name, p, k, se, &enc))
	}
	return out
}

// fromSnapshot is a trusted file's record, decoded from the snapshot.
// The fields' positions stay encoded until a finding asks for one.
func fromSnapshot(p string, k model.Kind, se snapEntry) (loaded, bool) {
	rec := cachedRecord(k, se.enc)
	if rec == nil {
		return loaded{}, false
	}
	return loaded{path: p, kind: k, rec: rec, stat: se.stat, fields: se.fields, enc: se.enc, cached: true,
		src: &model.Source{Path: p, Blob: hexString(se.blob), Positions: encodedFields(se.fields)}}, true
}

// readRecord reads a record file with the full hardening and hashes it,
// taking the record from the snapshot's entry for it, se (nil when there
// is none), when it holds that content.
func readRecord(files *folderReader, name, p string, k model.Kind, se *snapEntry, enc *[]byte) loaded {
	data, stat, err := files.read(name, p)
	if err != nil {
		return loaded{path: p, err: err}
	}
	blob := plumbing.ComputeHash(plumbing.BlobObject, data).String()
	l := loaded{path: p, kind: k, read: true, stat: stat, src: &model.Source{Path: p, Blob: blob}}
	// Touched but unchanged (or changed back): the snapshot holds this
	// path's content.
	if se != nil {
		l.cached = true
		if hexString(se.blob) == blob {
			l.rec, l.enc = cachedRecord(k, se.enc), se.enc
		}
	}
	if l.rec == nil {
		l.miss = true
		l.rec, l.err = decodeRecord(k, p, data)
		if l.err == nil {
			// Encoded for the snapshot here, on the load's workers, not
			// after them when the snapshot is written.
			*enc = encodeCached((*enc)[:0], l.rec)
			l.enc = string(*enc)
		}
	}
	if l.err == nil {
		f := topLevelFields(data)
		l.fields, l.src.Positions = string(f), f
	}
	return l
}

// topLevelFields finds the line of each top-level key of a block mapping
// without parsing YAML (a key starts in the first column), encoded as the
// snapshot keeps them (encodedFields, in the file's order, each key once
// at its first line): a finding asks for one of them now and then, so a
// load makes no map or string per key.
func topLevelFields(data []byte) encodedFields {
	type key struct {
		name []byte
		line int
	}
	var buf [24]key
	keys := buf[:0]
	line := 0
	for len(data) > 0 {
		line++
		end := bytes.IndexByte(data, '\n')
		l := data
		if end >= 0 {
			l, data = data[:end], data[end+1:]
		} else {
			data = nil
		}
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' || l[0] == '#' || l[0] == '-' || l[0] == '{' {
			continue
		}
		colon := bytes.IndexByte(l, ':')
		if colon <= 0 {
			continue
		}
		name := bytes.Trim(bytes.TrimSpace(l[:colon]), `"'`)
		if !slices.ContainsFunc(keys, func(k key) bool { return bytes.Equal(k.name, name) }) {
			keys = append(keys, key{name, line})
		}
	}
	// Encoded on the stack, then copied once into the string: a record's
	// fields take a few dozen bytes.
	var stack [512]byte
	b := stack[:0]
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k.name)))
		b = append(b, k.name...)
		b = binary.AppendUvarint(b, uint64(k.line))
		b = binary.AppendUvarint(b, 1)
	}
	return encodedFields(b)
}

func readDir(root *os.Root, dir string) ([]fs.DirEntry, error) {
	f, err := root.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

func fileFinding(rule, p, format string, args ...any) model.Finding {
	id := ""
	if _, fid, ok := model.KindOfPath(p); ok {
		id = fid
	}
	return model.Finding{Rule: rule, Severity: model.SeverityError, File: p, ID: id, Message: fmt.Sprintf(format, args...)}
}

// pathErr drops the path from an *fs.PathError: findings name the file already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readRecordFile reads one file through root, refusing symlinks and files
// larger than MaxFileSize before reading them.
func readRecordFile(root *os.Root, p string) ([]byte, error) {
	info, err := root.Lstat(p)
	if err != nil {
		return nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		return nil, decodeErr("file.symlink", p, 0, 0, "a symlink: records must be regular files, and Accord does not follow symlinks")
	}
	return readOpen(root, p, p)
}

// readOpen opens name under root, checks it is a regular file no larger
// than MaxFileSize, and reads it. p names the file in errors. O_NOFOLLOW
// refuses a symlink that leads out of the root, but os.Root follows one
// that stays inside it: callers Lstat first (readRecordFile), and a load
// on Linux reads through folderReader, which refuses any symlink.
func readOpen(root *os.Root, name, p string) ([]byte, error) {
	data, _, err := readOpenStat(root, name, p)
	return data, err
}

// readOpenStat is readOpen that also returns the file's stat data, taken
// before it was read.
func readOpenStat(root *os.Root, name, p string) ([]byte, fs.FileInfo, error) {
	f, err := root.OpenFile(name, os.O_RDONLY|noFollow, 0)
	if err != nil {
		if errors.Is(err, syscallELOOP) {
			return nil, nil, decodeErr("file.symlink", p, 0, 0, "a symlink: records must be regular files, and Accord does not follow symlinks")
		}
		return nil, nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	if !info.Mode().IsRegular() {
		return nil, nil, decodeErr("file.not-regular", p, 0, 0, "not a regular file")
	}
	if info.Size() > MaxFileSize {
		return nil, nil, decodeErr("file.too-large", p, 0, 0, "file is %d bytes; records are at most %d", info.Size(), MaxFileSize)
	}
	buf := bytes.NewBuffer(make([]byte, 0, info.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, MaxFileSize+1))
	data := buf.Bytes()
	if err != nil {
		return nil, nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	if len(data) > MaxFileSize {
		return nil, nil, decodeErr("file.too-large", p, 0, 0, "file grew past %d bytes while being read", MaxFileSize)
	}
	return data, info, nil
}

// writeAtomic replaces p under root with data so that a crash leaves either
// the old file or the new one, never a torn one: write a temporary file in
// the same folder, fsync it, rename it over p, and fsync the folder. Without
// durable, the fsyncs are skipped (for freshly generated repositories).
func writeAtomic(root *os.Root, p string, data []byte, durable bool) error {
	dir := path.Dir(p)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, pathErr(err))
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(dir, ".accord-"+hex.EncodeToString(rnd[:])+".tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", p, pathErr(err))
	}
	_, werr := f.Write(data)
	if werr == nil && durable {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = root.Rename(tmp, p)
	}
	if werr != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("write %s: %w", p, pathErr(werr))
	}
	if !durable {
		return nil
	}
	return syncDir(root, dir)
}

// removeFile deletes p under root and fsyncs its folder. A file that is
// already gone is not an error.
func removeFile(root *os.Root, p string, durable bool) error {
	if err := root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", p, pathErr(err))
	}
	if !durable {
		return nil
	}
	return syncDir(root, path.Dir(p))
}

func syncDir(root *os.Root, dir string) error {
	d, err := root.Open(dir)
	if errors.Is(err, fs.ErrNotExist) && dir != "." {
		// The folder went with its last file (git rm removes it): the
		// removal is recorded in its parent.
		return syncDir(root, path.Dir(dir))
	}
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, pathErr(err))
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("sync folder %s: %w", dir, pathErr(err))
	}
	return nil
}

// writeMany replaces several files as atomically as writeAtomic does, but
// with two filesystem flushes for the lot: write every temporary file,
// flush, rename them all into place, flush again. A crash leaves each file
// old or new, never torn.
func writeMany(root *os.Root, rootDir string, files []File) error {
	if !haveSyncFS || len(files) < 8 {
		for _, f := range files {
			if f.Mode == filemode.Symlink {
				if err := writeSymlink(root, f.Path, string(f.Data)); err != nil {
					return err
				}
				continue
			}
			if err := writeAtomic(root, f.Path, f.Data, true); err != nil {
				return err
			}
		}
		return nil
	}
	tmps := make([]string, len(files))
	cleanup := func() {
		for _, t := range tmps {
			if t != "" {
				_ = root.Remove(t)
			}
		}
	}
	for i, f := range files {
		dir := path.Dir(f.Path)
		if err := root.MkdirAll(dir, 0o755); err != nil {
			cleanup()
			return fmt.Errorf("create folder %s: %w", dir, pathErr(err))
		}
		var rnd [6]byte
		_, _ = rand.Read(rnd[:])
		tmp := path.Join(dir, ".accord-"+hex.EncodeToString(rnd[:])+".tmp")
		write := func() error { return root.WriteFile(tmp, f.Data, 0o644) }
		if f.Mode == filemode.Symlink {
			write = func() error { return root.Symlink(string(f.Data), tmp) }
		}
		if err := write(); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", f.Path, pathErr(err))
		}
		tmps[i] = tmp
	}
	if err := syncFS(rootDir); err != nil {
		cleanup()
		return fmt.Errorf("flush: %w", err)
	}
	for i, f := range files {
		if err := root.Rename(tmps[i], f.Path); err != nil {
			cleanup()
			return fmt.Errorf("write %s: %w", f.Path, pathErr(err))
		}
		tmps[i] = ""
	}
	return syncFS(rootDir)
}

// replaceCacheFile is replaceGitFile for a cache, which nothing is lost
// by failing to write: the temporary files of earlier writes of it are
// removed first. A process killed while it wrote a cache (at 100,000
// records the load cache is 40 MB) left one behind each time. A write
// running now in another process then fails to rename its own and leaves
// the cache as it was.
func replaceCacheFile(path string, pieces ...[]byte) { writeCacheFile(path, writePieces(pieces)) }

// writeCacheFile is replaceCacheFile for a cache that write writes as it
// makes it, rather than made whole in memory first.
func writeCacheFile(path string, write func(*bufio.Writer) error) {
	if left, err := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"-*")); err == nil {
		for _, f := range left {
			os.Remove(f)
		}
	}
	_ = writeGitFile(path, write)
}

// replaceGitFile replaces one of Accord's own files in .git (the load cache,
// the history index, the merge session) by writing a temporary file beside
// it and renaming it over: readers see the old file or the new one. The
// new content is the pieces, one after the other.
func replaceGitFile(path string, pieces ...[]byte) error {
	return writeGitFile(path, writePieces(pieces))
}

// writeGitFile is replaceGitFile with the content written by write,
// through a buffer; the file is not replaced when write fails.
func writeGitFile(path string, write func(*bufio.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(tmp, 64<<10)
	if err = write(w); err == nil {
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
	return err
}

// writePieces writes the pieces one after the other.
func writePieces(pieces [][]byte) func(*bufio.Writer) error {
	return func(w *bufio.Writer) error { return writeAll(w, pieces) }
}

// writeSymlink replaces p under root with a symlink to target, through a
// temporary link renamed over it. The target is never followed.
func writeSymlink(root *os.Root, p, target string) error {
	dir := path.Dir(p)
	if err := root.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create folder %s: %w", dir, pathErr(err))
	}
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(dir, ".accord-"+hex.EncodeToString(rnd[:])+".tmp")
	if err := root.Symlink(target, tmp); err != nil {
		return fmt.Errorf("write %s: %w", p, pathErr(err))
	}
	if err := root.Rename(tmp, p); err != nil {
		_ = root.Remove(tmp)
		return fmt.Errorf("write %s: %w", p, pathErr(err))
	}
	return syncDir(root, dir)
}
