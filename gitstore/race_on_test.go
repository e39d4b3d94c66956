//go:build race

package gitstore

// raceDetector is whether the tests run under the race detector, which
// maps and clears shadow memory for every allocation.
const raceDetector = true
