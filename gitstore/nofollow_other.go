//go:build !unix

package gitstore

const noFollow = 0
