package gitstore

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The merge driver as git knows it: .gitattributes names it for record
// files, and each clone's config says what runs it. With both, a plain
// git merge or git pull merges records field by field, as accord sync does.
const (
	attributesPath   = ".gitattributes"
	attributesLine   = "*.yaml merge=accord"
	mergeDriverName  = "Accord record merge"
	mergeDriverCmd   = "accord merge-driver %O %A %B %P"
	attributesHeader = "# Accord merges its records field by field (accord merge-driver; see Accord's docs/sync.md)"
)

// MergeDriverState says what of the merge driver a clone has.
type MergeDriverState struct {
	Attributes bool   // .gitattributes or .git/info/attributes routes *.yaml to it
	Local      bool   // only .git/info/attributes does: this clone alone
	Config     bool   // the clone's git config defines merge.accord.driver
	Driver     string // the command configured, when another
}

// MergeDriver reports whether plain git in this clone would merge records
// with Accord's merge driver.
func (s *Store) MergeDriver() (MergeDriverState, error) {
	var st MergeDriverState
	data, err := s.root.ReadFile(attributesPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return st, err
	}
	st.Attributes = hasAttributesLine(data)
	if !st.Attributes {
		local, err := os.ReadFile(s.localAttributesPath())
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return st, err
		}
		st.Attributes = hasAttributesLine(local)
		st.Local = st.Attributes
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg, err := s.repo.Config()
	if err != nil {
		return st, err
	}
	st.Driver = cfg.Raw.Section("merge").Subsection("accord").Option("driver")
	st.Config = strings.HasPrefix(strings.TrimSpace(st.Driver), "accord merge-driver ") ||
		strings.Contains(st.Driver, "/accord merge-driver ")
	return st, nil
}

func hasAttributesLine(data []byte) bool {
	for _, l := range bytes.Split(data, []byte("\n")) {
		if strings.Join(strings.Fields(string(l)), " ") == attributesLine {
			return true
		}
	}
	return false
}

// InstallMergeDriver makes plain git merge records with Accord in this
// clone: it defines merge.accord in the clone's git config and, when the
// shared .gitattributes lacks the line, routes records to it in
// .git/info/attributes, which git reads for this clone only. It never
// commits: a clone adopting the driver is not a change to the shared
// history (accord init puts the line in a new repository's first commit).
// It returns whether it wrote .git/info/attributes.
func (s *Store) InstallMergeDriver() (bool, error) {
	if err := s.configureMergeDriver(); err != nil {
		return false, err
	}
	st, err := s.MergeDriver()
	if err != nil || st.Attributes {
		return false, err
	}
	p := s.localAttributesPath()
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return false, err
	}
	tmp := p + ".accord.tmp"
	if err := os.WriteFile(tmp, withAttributesLine(data), 0o644); err != nil {
		return false, err
	}
	return true, os.Rename(tmp, p)
}

func (s *Store) localAttributesPath() string {
	return filepath.Join(s.gitDir, "info", "attributes")
}

// attributesWithDriver is .gitattributes as it is, with the driver's line
// added.
func (s *Store) attributesWithDriver() ([]byte, error) {
	data, err := s.root.ReadFile(attributesPath)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return withAttributesLine(data), nil
}

// withAttributesLine is an attributes file's text with the driver's line
// added, unless it has it.
func withAttributesLine(data []byte) []byte {
	if hasAttributesLine(data) {
		return data
	}
	if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, '\n')
	}
	return append(data, []byte(attributesHeader+"\n"+attributesLine+"\n")...)
}

// configureMergeDriver defines merge.accord in the clone's own config.
func (s *Store) configureMergeDriver() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	cfg, err := s.repo.Config()
	if err != nil {
		return err
	}
	sub := cfg.Raw.Section("merge").Subsection("accord")
	if sub.Option("driver") == mergeDriverCmd && sub.Option("name") == mergeDriverName {
		return nil
	}
	sub.SetOption("name", mergeDriverName)
	sub.SetOption("driver", mergeDriverCmd)
	return s.repo.SetConfig(cfg)
}

// initialFiles are the files a new data repository's first commit holds
// besides accord.yaml.
func (s *Store) initialFiles() ([]File, error) {
	data, err := s.attributesWithDriver()
	if err != nil {
		return nil, err
	}
	return []File{{Path: attributesPath, Data: data}}, nil
}
