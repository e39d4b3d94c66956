package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/model/render"
	"github.com/spf13/cobra"
)

// siteMarker marks a folder as an Accord site, so publish may rewrite and
// prune it; a folder without it is never touched unless empty.
const siteMarker = ".accord-site"

// siteFolders are the folders publish owns inside a site: files there it
// did not write this time are pruned (a record deleted, a week gone).
var siteFolders = []string{"goals", "decisions", "raci", "handoffs", "teams", "people", "changes", "feeds"}

func (a *app) publishCmd() *cobra.Command {
	var weeks int
	var depth, period string
	cmd := &cobra.Command{
		Use:   "publish DIR",
		Short: "Write a static, linkable, read-only site of the organisation",
		Long: `Write the organisation as a static site in DIR: an index (the goal pyramid
with health and progress), a page per goal, decision, RACI item, hand-off, team
and person at stable addresses (goals/GOAL-7K3FQ2M1.html, teams/onboarding.html),
the decision log (filterable by status and team), the RACI matrix, the
leadership report with an anchor on every section and record, what changed
each week, and Atom feeds of decisions, check-ins, each team and each person.

The site is plain files: it works from file:// and from any static host, loads
nothing from elsewhere, and follows the reader's light or dark setting. Only
pages whose content changed are rewritten; pages of records that are gone are
removed. DIR must be empty, new, or a site publish wrote before.

Set site_url in accord.yaml to the address the site is served at: feeds then
link to it, and digests and the TUI's copy key give readers its links.`,
		Example: `  accord publish site
  accord publish public --weeks 12 --depth key_result`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := render.CheckDepth(depth); err != nil {
				return usageError("--depth: %v", err)
			}
			if weeks < 0 {
				return usageError("--weeks %d: want 0 or more", weeks)
			}
			s, org, err := a.load()
			if err != nil {
				return err
			}
			defer s.Close()
			opts := render.SiteOptions{Today: a.env.Now(), BaseURL: org.Config.SiteURL, Depth: depth,
				Report: model.ReportOptions{Period: strings.ToUpper(strings.TrimSpace(period))}}
			if err := model.CheckReportOptions(org, opts.Report); err != nil {
				return usageError("%v", err)
			}
			if opts.Steps, _, err = s.Verify("", "HEAD"); err != nil {
				return err
			}
			if opts.Weeks, err = weeklyChanges(s, a.env.Now(), weeks); err != nil {
				return err
			}
			st, err := publishSite(args[0], org, opts)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.env.Stdout, "published %s to %s: %s written, %s unchanged, %s removed\n",
				model.Plural(st.files, "file"), args[0], model.Plural(st.written, "file"), model.Plural(st.unchanged, "file"), model.Plural(st.removed, "file"))
			return nil
		},
	}
	cmd.Flags().IntVar(&weeks, "weeks", 8, "how many weeks of \"what changed\" to publish")
	cmd.Flags().StringVar(&depth, "depth", "", "how deep the index's goal pyramid goes: strategic, objective (default) or key_result")
	cmd.Flags().StringVar(&period, "period", "", "the report page's period: 2026-Q4, 2026-H2 or 2026 (default: the current period)")
	return cmd
}

// publishStats counts what a publish did.
type publishStats struct{ files, written, unchanged, removed int }

// publishSite writes the site into dir: each file whose bytes differ from
// what is there is written to a temporary file and renamed over it, so a
// server never sends half a page; files in the site's own folders that
// this run did not make are removed.
func publishSite(dir string, org *model.Org, opts render.SiteOptions) (publishStats, error) {
	var st publishStats
	if err := checkSiteDir(dir); err != nil {
		return st, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	defer root.Close()
	made := map[string]bool{}
	err = render.Site(org, opts, func(f render.SiteFile) error {
		st.files++
		made[f.Path] = true
		changed, err := writeIfChanged(root, f.Path, f.Data)
		if err != nil {
			return fmt.Errorf("publish %s: %w", filepath.Join(dir, filepath.FromSlash(f.Path)), err)
		}
		if changed {
			st.written++
		} else {
			st.unchanged++
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	if _, err := writeIfChanged(root, siteMarker, []byte("This folder is a site written by accord publish; it rewrites and prunes it.\n")); err != nil {
		return st, fmt.Errorf("publish: %w", err)
	}
	for _, folder := range siteFolders {
		err := fs.WalkDir(root.FS(), folder, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			if err != nil || d.IsDir() || made[p] {
				return err
			}
			if ext := path.Ext(p); ext != ".html" && ext != ".atom" {
				return nil // not one of ours
			}
			st.removed++
			return root.Remove(p)
		})
		if err != nil {
			return st, fmt.Errorf("publish: pruning %s: %w", filepath.Join(dir, folder), err)
		}
	}
	return st, nil
}

// checkSiteDir refuses a folder that holds files but is not a site, so
// publish never prunes someone's own files.
func checkSiteDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("publish: %w", err)
	}
	if len(entries) == 0 || slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == siteMarker }) {
		return nil
	}
	return usageError("publish: %s holds files and is not a site accord publish wrote (no %s): choose an empty or new folder", dir, siteMarker)
}

// writeIfChanged writes data at p under root unless it already holds
// exactly that, and says whether it wrote.
func writeIfChanged(root *os.Root, p string, data []byte) (bool, error) {
	if old, err := root.ReadFile(p); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if d := path.Dir(p); d != "." {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return false, err
		}
	}
	tmp := p + ".tmp-accord"
	if err := root.WriteFile(tmp, data, 0o644); err != nil {
		return false, err
	}
	if err := root.Rename(tmp, p); err != nil {
		_ = root.Remove(tmp)
		return false, err
	}
	return true, nil
}

// weeklyChanges are the semantic diffs of the last n ISO weeks up to now,
// newest first; weeks before the history began are left out.
func weeklyChanges(s *gitstore.Store, now time.Time, n int) ([]render.SiteWeek, error) {
	var out []render.SiteWeek
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	for i := 0; i < n; i++ {
		start := monday.AddDate(0, 0, -7*i)
		end := start.AddDate(0, 0, 6)
		to := end.Format(time.DateOnly)
		if i == 0 {
			to = "HEAD"
		}
		if _, err := s.LookupCommit(to); errors.Is(err, gitstore.ErrNotFound) {
			break // no history this far back
		} else if err != nil {
			return nil, err
		}
		diff, problems, err := semanticDiff(s, "", to, start.Format(time.DateOnly))
		if err != nil {
			return nil, err
		}
		diff.Range.FromDate, diff.Range.ToDate = start.Format(time.DateOnly), end.Format(time.DateOnly)
		out = append(out, render.SiteWeek{Week: render.WeekOf(start), Diff: diff, Problems: problems})
	}
	return out, nil
}
