//go:build !unix

package gitstore

import (
	"io/fs"

	"github.com/go-git/go-git/v5/plumbing/format/index"
)

func fillStat(*index.Entry, fs.FileInfo) {}
