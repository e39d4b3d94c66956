// Package history shows what git knows about a record: its history (Log:
// the commits that changed it, newest first, and one commit's field
// changes in full) and its field blame (Blame: who last changed each
// field, when and why), each read from the store in a command; and the
// reads the root makes in the background (the history index, who last
// changed a decision).
package history

import (
	"runtime/debug"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model"
	"github.com/accordhq/accord/ui/common"
)

// LastChangeMsg is the last commit that changed a decision as of head;
// commit is nil when no commit has. Decided is the change that gave the
// decision its status, when that was a step someone answers for (accepted,
// rejected, proposed…), for "accepted by … on behalf of …".
type LastChangeMsg struct {
	ID, Head string
	Commit   *model.CommitInfo
	Decided  *model.HistoryEntry
	Err      error
}

// IndexedMsg is the end of bringing the history index up to date.
type IndexedMsg struct{ Err error }

// LastChangeCmd reads the last commit that changed a decision, at head
// (the commit the details were loaded from), and the one that gave it its
// status.
func LastChangeCmd(store Store, id, head string) tea.Cmd {
	return func() tea.Msg {
		es, err := store.History(model.KindDecision, id, model.HistoryOptions{Rev: head})
		msg := LastChangeMsg{ID: id, Head: head, Err: err}
		if err != nil || len(es) == 0 {
			return msg
		}
		c := es[0].Commit
		msg.Commit = &c
		status := func(r model.Record) string {
			if d, ok := r.(*model.Decision); ok && d != nil {
				return d.Status
			}
			return ""
		}
		for i := range es { // newest first
			if now := status(es[i].New); now != status(es[i].Old) && now == status(es[0].New) {
				msg.Decided = &es[i]
				break
			}
		}
		return msg
	}
}

// IndexCmd builds the history index in the background after the
// first load, so that the first h is fast. A first build in a large
// clone allocates hundreds of megabytes beside the organisation already
// in memory (at 100,000 records the two came to 927 MiB), so while it
// runs the Go runtime collects garbage and returns memory to the system
// to keep the process under IndexMemoryLimit (or the lower limit
// GOMEMLIMIT set). It is a soft limit: near it the build runs slower,
// it never fails for it.
func IndexCmd(store Store) tea.Cmd {
	return func() tea.Msg {
		if prev := debug.SetMemoryLimit(-1); prev > IndexMemoryLimit {
			debug.SetMemoryLimit(IndexMemoryLimit)
			defer debug.SetMemoryLimit(prev)
		}
		return IndexedMsg{Err: store.IndexHistory()}
	}
}

// IndexMemoryLimit is the memory the process aims to stay under while
// the history index builds: 768 MiB, so that with what the Go runtime
// keeps beside its heap the TUI stays under 1 GiB.
const IndexMemoryLimit = 768 << 20

// storeRead is the loading state of an overlay that reads from the store in
// a command: a spinner until the result arrives, then the result's error.
type storeRead struct {
	styles  *common.Styles
	spinner spinner.Model
	loading bool
	err     error
}

func newStoreRead(c common.Common) storeRead {
	return storeRead{styles: c.Styles, loading: true, spinner: spinner.New(spinner.WithSpinner(spinner.Dot))}
}

// spin is the spinner in the palette of the moment.
func (p *storeRead) spin() string {
	p.spinner.Style = p.styles.Cursor
	return p.spinner.View()
}

// tick turns the spinner while loading.
func (p *storeRead) tick(msg spinner.TickMsg) tea.Cmd {
	if !p.loading {
		return nil
	}
	var cmd tea.Cmd
	p.spinner, cmd = p.spinner.Update(msg)
	return cmd
}

// Store is what the history views read: a record's history and blame,
// and the index that makes them fast.
type Store interface {
	History(k model.Kind, id string, opts model.HistoryOptions) ([]model.HistoryEntry, error)
	Blame(k model.Kind, id string) ([]model.FieldBlame, error)
	IndexHistory() error
}
