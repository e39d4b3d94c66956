//go:build !unix

package gitstore

const noFollow = 0

var syscallELOOP error = nil
