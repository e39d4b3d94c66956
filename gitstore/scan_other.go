//go:build !linux

package gitstore

import "os"

func scanDirFast(root *os.Root, f recordFolder, _ bool) ([]dirFile, error) {
	return scanDirPortable(root, f.dir)
}

func listTypes(f *os.File, _ string) ([]dirFile, error) { return listTypesPortable(f) }
