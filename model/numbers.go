package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseNumber reads a number as people type it: "1,250.5" as well as
// "1250.5". NaN and infinities are not numbers.
func ParseNumber(s string) (float64, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", strings.TrimSpace(s))
	}
	return v, nil
}

// ParseConfidence reads a confidence as 0.8, 80% or 80 (a number above 1
// is a percentage); nil for a blank one. It runs from 0 to 1.
func ParseConfidence(s string) (*float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	pct := strings.HasSuffix(s, "%")
	v, err := ParseNumber(strings.TrimSpace(strings.TrimSuffix(s, "%")))
	if err != nil {
		return nil, err
	}
	if pct || v > 1 {
		v /= 100
	}
	if v < 0 || v > 1 {
		return nil, fmt.Errorf("confidence is from 0 to 1 (or 0%% to 100%%)")
	}
	return &v, nil
}
