package ui

import (
	tea "charm.land/bubbletea/v2"
	"github.com/accordhq/accord/model/render"
	"github.com/accordhq/accord/ui/common"
)

// copyURL puts the address of the selected record's page on the published
// site (accord publish) on the clipboard, through the terminal (OSC 52),
// when accord.yaml sets site_url.
func (m *Model) copyURL() tea.Cmd {
	id := m.screens[m.active].Selected()
	site := m.data.Org.Config.SiteURL
	switch {
	case id == "":
		return common.Status("nothing selected")
	case site == "":
		return common.StatusErr("no site_url in accord.yaml: set it to where accord publish's site is served to copy links")
	}
	u := render.SiteURL(m.data.Org, site, "", id)
	if u == "" {
		return common.StatusErr(common.Clean(id) + " has no page on the site")
	}
	return tea.Batch(tea.SetClipboard(u), common.Status("copied "+common.Clean(u)))
}
