package gitstore

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"

	"github.com/accordhq/accord/model"
)

// recordPaths lists every file in the kinds' folders that could be a record,
// sorted. Anything that is not a regular file (a symlink, a folder where a
// file belongs, a device) becomes a finding instead; files that do not end
// in .yaml are not records and are ignored.
func recordPaths(root *os.Root) (paths []string, problems []model.Finding) {
	for _, k := range model.Kinds {
		entries, err := readDir(root, k.Dir())
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				problems = append(problems, fileFinding("file.unreadable", k.Dir(), "cannot list folder: %v", pathErr(err)))
			}
			continue
		}
		if !k.Sharded() {
			paths, problems = collectFiles(k.Dir(), entries, paths, problems)
			continue
		}
		for _, shard := range entries {
			dir := path.Join(k.Dir(), shard.Name())
			if shard.Type()&fs.ModeSymlink != 0 {
				problems = append(problems, fileFinding("file.symlink", dir, "a symlink where a folder belongs: Accord does not follow symlinks"))
				continue
			}
			if !shard.IsDir() {
				continue
			}
			files, err := readDir(root, dir)
			if err != nil {
				problems = append(problems, fileFinding("file.unreadable", dir, "cannot list folder: %v", pathErr(err)))
				continue
			}
			paths, problems = collectFiles(dir, files, paths, problems)
		}
	}
	slices.Sort(paths)
	return paths, problems
}

func collectFiles(dir string, entries []fs.DirEntry, paths []string, problems []model.Finding) ([]string, []model.Finding) {
	for _, e := range entries {
		p := path.Join(dir, e.Name())
		if path.Ext(p) != ".yaml" || e.Name()[0] == '.' {
			continue
		}
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			problems = append(problems, fileFinding("file.symlink", p, "a symlink: records must be regular files, and Accord does not follow symlinks"))
		case !t.IsRegular():
			problems = append(problems, fileFinding("file.not-regular", p, "not a regular file"))
		default:
			paths = append(paths, p)
		}
	}
	return paths, problems
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
	if !info.Mode().IsRegular() {
		return nil, decodeErr("file.not-regular", p, 0, 0, "not a regular file")
	}
	if info.Size() > MaxFileSize {
		return nil, decodeErr("file.too-large", p, 0, 0, "file is %d bytes; records are at most %d", info.Size(), MaxFileSize)
	}
	f, err := root.OpenFile(p, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, decodeErr("file.unreadable", p, 0, 0, "cannot read: %v", pathErr(err))
	}
	if len(data) > MaxFileSize {
		return nil, decodeErr("file.too-large", p, 0, 0, "file grew past %d bytes while being read", MaxFileSize)
	}
	return data, nil
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
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, pathErr(err))
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("sync folder %s: %w", dir, pathErr(err))
	}
	return nil
}
