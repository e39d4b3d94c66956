//go:build !linux

package gitstore

func syncFS(string) error { return nil }

const haveSyncFS = false
