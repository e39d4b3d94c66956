package model

import (
	"fmt"
	"net/url"
	"strings"
)

// Config is accord.yaml: the organisation's name and settings shared by
// everyone who works in the repository.
type Config struct {
	Org           string   `yaml:"org" json:"org"`
	Schema        int      `yaml:"schema" json:"schema"`
	Periods       []string `yaml:"periods,omitempty" json:"periods,omitempty"`
	CurrentPeriod string   `yaml:"current_period,omitempty" json:"current_period,omitempty"`
	Limits        Limits   `yaml:"limits,omitempty" json:"limits"`
	Enums         Enums    `yaml:"enums,omitempty" json:"enums"`
	Views         []View   `yaml:"views,omitempty" json:"views,omitempty"`
	// RequireSigned names the kinds of step that must be in commits signed
	// by a key of the person who may take them (StepClasses).
	RequireSigned []string `yaml:"require_signed,omitempty" json:"require_signed,omitempty"`
	// SiteURL is where the published site (accord publish) is served,
	// http or https: feeds, digests and the TUI's copy key link under it.
	SiteURL string `yaml:"site_url,omitempty" json:"site_url,omitempty"`
	// Pulse sets how often teams rate working with each other.
	Pulse PulseConfig `yaml:"pulse,omitempty" json:"pulse"`
}

// CheckSiteURL reports a site_url that is not an absolute http or https
// address.
func CheckSiteURL(u string) error {
	if u == "" {
		return nil
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.User != nil || strings.ContainsAny(u, " \t\r\n") {
		return fmt.Errorf("site_url %s is not an http or https address (https://accord.example.com/northwind)", quoteValue(u))
	}
	return nil
}

// SchemaVersion is the version of the file formats this Accord writes.
const SchemaVersion = 1

// Limits are thresholds for validation.
type Limits struct {
	// MaxAccountable is how many open RACI items one person may be
	// Accountable for before Accord warns of overload.
	MaxAccountable int `yaml:"max_accountable,omitempty" json:"max_accountable,omitempty"`
	// StaleGraceDays is how many days past its cadence a check-in may be
	// before it counts as stale.
	StaleGraceDays int `yaml:"stale_grace_days,omitempty" json:"stale_grace_days,omitempty"`
}

// Default limits, used where accord.yaml sets none.
const (
	DefaultMaxAccountable = 6
	DefaultStaleGraceDays = 3
)

// MaxAccountable returns the configured limit or its default.
func (c *Config) MaxAccountable() int {
	if c.Limits.MaxAccountable > 0 {
		return c.Limits.MaxAccountable
	}
	return DefaultMaxAccountable
}

// StaleGraceDays returns the configured grace or its default.
func (c *Config) StaleGraceDays() int {
	if c.Limits.StaleGraceDays > 0 {
		return c.Limits.StaleGraceDays
	}
	return DefaultStaleGraceDays
}

// Enums are organisation-specific vocabularies; an empty list allows any value.
type Enums struct {
	Units []string `yaml:"units,omitempty" json:"units,omitempty"`
	Tags  []string `yaml:"tags,omitempty" json:"tags,omitempty"`
}

// View is a saved filter people can pick by name.
type View struct {
	Name   string `yaml:"name" json:"name"`
	Kind   string `yaml:"kind" json:"kind"`
	Filter Filter `yaml:"filter,omitempty" json:"filter"`
}
