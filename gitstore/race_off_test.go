//go:build !race

package gitstore

// raceDetector: see race_on_test.go.
const raceDetector = false
