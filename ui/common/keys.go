package common

import "charm.land/bubbles/v2/key"

// KeyMap is every key binding in one place; the help view is built from the
// same bindings, and screens disable what does not apply so help never lies.
type KeyMap struct {
	Quit, Help, NextTab, PrevTab, Tab                key.Binding
	Findings, Links, Back, Reload, Messages, Details key.Binding
	Up, Down, PageUp, PageDown, Top, Bottom          key.Binding
	Filter, ClearFilter, ApplyFilter, FuzzyToggle    key.Binding
	Open, Close, DetailDown, DetailUp                key.Binding
	Expand, Collapse, Toggle, ExpandAll, CollapseAll key.Binding
	Sort, SwitchView                                 key.Binding
	GoalPeriod, GoalTeam, GoalHealth                 key.Binding

	// The selected record's history and field blame; its page's address on
	// the published site, copied (when accord.yaml sets site_url).
	History, Blame, CopyURL key.Binding

	// Editing: a new record, the selected one in a form or in $EDITOR, a
	// check-in, a status change (decisions, hand-offs), a decision's
	// options, and undo and redo of this session's last change.
	New, Edit, EditYAML, CheckIn, Act, Options, Undo, Redo key.Binding

	// Sync and the conflicts it leaves.
	Sync, Conflicts                                   key.Binding
	KeepOurs, TakeTheirs, EditValue, Apply, ApplyText key.Binding
	AcceptHostKey, RefuseHostKey                      key.Binding

	// In the $EDITOR problems view: save again after a failed save,
	// discard the text, and the yes/no that confirms a discard (editing
	// again is Edit or Open).
	RetrySave, Discard, Yes, No key.Binding
}

// DefaultKeyMap returns Accord's bindings.
func DefaultKeyMap() *KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return &KeyMap{
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
		Help:        b([]string{"?"}, "?", "help"),
		NextTab:     b([]string{"tab"}, "tab", "next tab"),
		PrevTab:     b([]string{"shift+tab"}, "shift+tab", "previous tab"),
		Tab:         b([]string{"1", "2", "3", "4", "5", "6", "7"}, "1-7", "go to tab"),
		Findings:    b([]string{"!"}, "!", "findings"),
		Links:       b([]string{"l"}, "l", "linked records"),
		Back:        b([]string{"backspace", "ctrl+o"}, "⌫", "back"),
		Reload:      b([]string{"ctrl+r"}, "ctrl+r", "reload"),
		Messages:    b([]string{"m"}, "m", "messages"),
		Details:     b([]string{"P"}, "P", "hide details"),
		Up:          b([]string{"up", "k"}, "↑/k", "up"),
		Down:        b([]string{"down", "j"}, "↓/j", "down"),
		PageUp:      b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Top:         b([]string{"home", "g"}, "g", "top"),
		Bottom:      b([]string{"end", "G"}, "G", "bottom"),
		Filter:      b([]string{"/"}, "/", "filter"),
		ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
		ApplyFilter: b([]string{"enter"}, "enter", "keep filter"),
		FuzzyToggle: b([]string{"ctrl+t"}, "ctrl+t", "fuzzy/substring"),
		Open:        b([]string{"enter"}, "enter", "open"),
		Close:       b([]string{"esc"}, "esc", "close"),
		DetailDown:  b([]string{"J", "ctrl+d"}, "J/K", "scroll details"),
		DetailUp:    b([]string{"K", "ctrl+u"}, "K", "scroll details up"),
		Expand:      b([]string{"right"}, "→", "expand"),
		Collapse:    b([]string{"left"}, "←", "collapse"),
		Toggle:      b([]string{"space"}, "space", "fold/unfold"),
		ExpandAll:   b([]string{"+", "="}, "+", "expand all"),
		CollapseAll: b([]string{"-"}, "-", "collapse all"),
		Sort:        b([]string{"o"}, "o", "sort order"),
		SwitchView:  b([]string{"v"}, "v", "switch view"),
		GoalPeriod:  b([]string{"p"}, "p", "period"),
		GoalTeam:    b([]string{"t"}, "t", "team"),
		GoalHealth:  b([]string{"H"}, "H", "health"),

		History: b([]string{"h"}, "h", "history"),
		Blame:   b([]string{"b"}, "b", "blame"),
		CopyURL: b([]string{"y"}, "y", "copy link"),

		New:      b([]string{"n"}, "n", "new"),
		Edit:     b([]string{"e"}, "e", "edit"),
		EditYAML: b([]string{"E"}, "E", "edit YAML"),
		CheckIn:  b([]string{"u"}, "u", "check in"),
		Act:      b([]string{"a"}, "a", "status…"),
		Options:  b([]string{"O"}, "O", "options"),
		Undo:     b([]string{"U"}, "U", "undo"),
		Redo:     b([]string{"R"}, "R", "redo"),

		Sync:      b([]string{"s"}, "s", "sync"),
		Conflicts: b([]string{"C"}, "C", "conflicts"),
		// In the conflicts view, which has the keyboard while it is open.
		KeepOurs:   b([]string{"o"}, "o", "keep ours"),
		TakeTheirs: b([]string{"t"}, "t", "take theirs"),
		EditValue:  b([]string{"v"}, "v", "type a value"),
		Apply:      b([]string{"enter"}, "enter", "apply"),
		ApplyText:  b([]string{"ctrl+s"}, "ctrl+s", "apply"),
		// In the unknown-host prompt.
		AcceptHostKey: b([]string{"y"}, "y", "trust this host"),
		RefuseHostKey: b([]string{"n", "esc"}, "n/esc", "cancel"),

		// In the $EDITOR problems view.
		RetrySave: b([]string{"r"}, "r", "save again"),
		Discard:   b([]string{"d"}, "d", "discard"),
		Yes:       b([]string{"y"}, "y", "yes"),
		No:        b([]string{"n", "esc"}, "n/esc", "no"),
	}
}

// Move is ↑ and ↓ (k and j) as one binding, for the hints of a short
// list: one of them always moves.
func (k *KeyMap) Move() key.Binding {
	return key.NewBinding(key.WithKeys(append(k.Up.Keys(), k.Down.Keys()...)...), key.WithHelp("↑↓", "move"))
}

// ListKeys are the bindings every list shares, for help.
func (k *KeyMap) ListKeys() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, k.Filter}
}
