//go:build !unix

package gitstore

import "io/fs"

// statOf is what the load cache compares to trust a file unchanged: here
// only size and modification time are known.
func statOf(info fs.FileInfo) fileStat {
	return fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
}
