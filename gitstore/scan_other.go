//go:build !linux

package gitstore

import "os"

func scanDirFast(root *os.Root, dir string) ([]dirFile, error) { return scanDirPortable(root, dir) }
