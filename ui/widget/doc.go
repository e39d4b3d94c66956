// Package widget holds the pieces the TUI's screens are built from: a
// filterable List, a scrolling Detail pane, the Frame that lays a list
// and its details side by side, the Tree of the goals tab, and the small
// overlays (Help, Picker, Menu). Each takes common.Common and knows
// nothing of the tabs that use it.
package widget
