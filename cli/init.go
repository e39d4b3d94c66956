package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/accordhq/accord/gitstore"
	"github.com/spf13/cobra"
)

func (a *app) initCmd() *cobra.Command {
	var org string
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a data repository, or adopt an existing git repository",
		Long: `Create a data repository in DIR (default: the current directory): a git
repository on branch main with accord.yaml and a folder for each kind of
record. In an existing git repository, accord.yaml is added and committed.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			if org == "" {
				org = titleCase(filepath.Base(abs))
			}
			_, statErr := os.Lstat(filepath.Join(abs, "accord.yaml"))
			s, err := gitstore.Init(abs, org, a.storeOptions()...)
			if err != nil {
				return err
			}
			defer s.Close()
			if statErr == nil {
				// Adopting a clone: make sure plain git merges records too.
				local, err := s.InstallMergeDriver()
				if err != nil {
					return err
				}
				fmt.Fprintf(a.env.Stdout, "%s is already an Accord repository\n", abs)
				if local {
					fmt.Fprintln(a.env.Stdout, "installed Accord's merge driver for this clone (.git/info/attributes); add the line `*.yaml merge=accord` to .gitattributes to share it")
				}
				return nil
			}
			fmt.Fprintf(a.env.Stdout, "Initialised Accord repository for %s in %s\n", org, abs)
			return nil
		},
	}
	cmd.Flags().StringVar(&org, "org", "", "the organisation's name (default: from the folder's name)")
	return cmd
}

func titleCase(s string) string {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
