package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/accordhq/accord/gitstore"
	"github.com/accordhq/accord/model"
	"github.com/spf13/cobra"
)

// remoteFlags are the authentication flags of clone and sync.
func remoteFlags(cmd *cobra.Command, o *gitstore.RemoteOptions) {
	cmd.Flags().StringVar(&o.SSHKey, "ssh-key", "", "SSH private key file (default: the SSH agent)")
	cmd.Flags().StringVar(&o.KnownHosts, "known-hosts", "", "known_hosts file (default ~/.ssh/known_hosts)")
	cmd.Flags().StringVar(&o.AcceptHostKey, "accept-host-key", "", "trust an unknown SSH host whose key has this SHA256:… fingerprint")
}

func (a *app) syncCmd() *cobra.Command {
	var o gitstore.SyncOptions
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Merge everyone's work through the remote: fetch, merge record by record, push",
		Long: `Commit records edited outside Accord, fetch the remote, merge record by
record (a record changed on both sides is merged field by field), and push
without force. Conflicts wait in a merge session: accord conflicts lists
them and accord resolve settles them; nothing is pushed until they are.

Exit status: 0 synced; 3 conflicts await resolution; 4 the remote could not
be reached (commits kept, nothing lost); 1 any other error.

HTTPS remotes use a token from ACCORD_TOKEN, or your git credential helper.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			o.Today = a.env.Now()
			res, err := s.Sync(ctx, o)
			err = syncError(res, err)
			if asJSON {
				return printSyncJSON(a.env.Stdout, res, err)
			}
			// A failed sync says only what failed and what waits (the
			// error), never "up to date".
			if err == nil || res.Changed() || res.Conflicts > 0 {
				fmt.Fprintln(a.env.Stdout, res.String())
			}
			for _, w := range res.Warnings {
				fmt.Fprintln(a.env.Stderr, "warning:", w)
			}
			return err
		},
	}
	remoteFlags(cmd, &o.Remote)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print what the sync did (and its error) as one JSON object")
	return cmd
}

// syncError gives a sync's error its exit status.
func syncError(res gitstore.SyncResult, err error) error {
	switch {
	case errors.Is(err, gitstore.ErrConflicts):
		return &ExitError{Code: ExitConflict, Err: err}
	case errors.Is(err, gitstore.ErrOffline):
		return &ExitError{Code: ExitOffline, Err: fmt.Errorf("offline, %s waiting: %w", plural(res.Ahead, "commit"), err)}
	}
	return remoteError(err)
}

// remoteError: no remote is the same usage error for sync and remote.
func remoteError(err error) error {
	if errors.Is(err, gitstore.ErrNoRemote) {
		return &ExitError{Code: ExitUsage, Err: err}
	}
	return err
}

// syncJSON is what sync --json prints: what the sync did, and its error
// with the exit status when it failed.
type syncJSON struct {
	Remote      string   `json:"remote"`
	Summary     string   `json:"summary"`
	Committed   int      `json:"committed"`
	Pulled      int      `json:"pulled"`
	PulledFrom  []string `json:"pulled_from"`
	Pushed      int      `json:"pushed"`
	Merged      []string `json:"merged"`
	Conflicts   int      `json:"conflicts"`
	Ahead       int      `json:"ahead"`
	FastForward bool     `json:"fast_forward"`
	Warnings    []string `json:"warnings"`
	Error       string   `json:"error,omitempty"`
	Code        int      `json:"code"`
}

// printSyncJSON prints one object whatever happened, and returns the exit
// status alone so that the error is not printed a second time.
func printSyncJSON(w io.Writer, res gitstore.SyncResult, err error) error {
	out := syncJSON{Remote: res.Remote, Summary: res.String(), Committed: res.Committed, Pulled: res.Pulled,
		PulledFrom: orEmpty(res.PulledFrom), Pushed: res.Pushed, Merged: orEmpty(res.Merged), Conflicts: res.Conflicts,
		Ahead: res.Ahead, FastForward: res.FastForward, Warnings: orEmpty(res.Warnings)}
	if err != nil {
		out.Code = ExitFailure
		var ee *ExitError
		if errors.As(err, &ee) {
			out.Code, err = ee.Code, ee.Err
		}
		out.Error = model.CleanText(err.Error(), true)
	}
	if perr := printJSON(w, out); perr != nil {
		return perr
	}
	if out.Code != 0 {
		return &ExitError{Code: out.Code}
	}
	return nil
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (a *app) remoteCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "remote [set URL]",
		Short: "Show or set the remote this repository syncs with",
		Example: `  accord remote
  accord remote set git@github.com:northwind/accord-data.git
  accord remote set https://git.example.com/northwind/accord-data.git`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			switch {
			case len(args) == 0:
				u, err := s.RemoteURL()
				if err != nil {
					return remoteError(err)
				}
				if asJSON {
					return printJSON(a.env.Stdout, map[string]string{"remote": u})
				}
				fmt.Fprintln(a.env.Stdout, u)
				return nil
			case len(args) == 2 && args[0] == "set":
				if err := s.SetRemote(args[1]); err != nil {
					return usageError("%v", err)
				}
				if asJSON {
					u, err := s.RemoteURL()
					if err != nil {
						return err
					}
					return printJSON(a.env.Stdout, map[string]string{"remote": u})
				}
				fmt.Fprintf(a.env.Stderr, "remote set; accord sync merges through it\n")
				return nil
			}
			return usageError("usage: accord remote [set URL]")
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `print {"remote": URL}`)
	return cmd
}

func (a *app) cloneCmd() *cobra.Command {
	var o gitstore.RemoteOptions
	cmd := &cobra.Command{
		Use:   "clone URL [DIR]",
		Short: "Copy a data repository from a remote",
		Long: `Copy a data repository from a remote into DIR (default: the last part of the
URL). An empty remote is set up as a new data repository and pushed.`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := ""
			if len(args) == 2 {
				dir = args[1]
			} else {
				dir = strings.TrimSuffix(lastPathPart(args[0]), ".git")
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			s, err := gitstore.Clone(ctx, args[0], dir, o, a.storeOptions()...)
			switch {
			case errors.Is(err, gitstore.ErrOffline):
				return &ExitError{Code: ExitOffline, Err: err}
			case errors.Is(err, gitstore.ErrCredentialInURL):
				return &ExitError{Code: ExitUsage, Err: err}
			}
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintln(a.env.Stdout, s.Dir())
			return nil
		},
	}
	remoteFlags(cmd, &o)
	return cmd
}

func lastPathPart(u string) string {
	u = strings.TrimRight(u, "/")
	if i := strings.LastIndexAny(u, "/:"); i >= 0 {
		return u[i+1:]
	}
	return u
}
