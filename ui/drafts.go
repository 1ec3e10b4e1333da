package ui

import (
	"encoding/json"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
)

// draftsMsg lists the drafts left by the last session.
type draftsMsg struct{ drafts []draft }

// offerDrafts looks for forms left half-written (by quitting or a crash)
// and offers the first one back.
func offerDrafts(c *shared) tea.Cmd {
	st := c.st
	return func() tea.Msg {
		keys, err := st.DraftKeys()
		if err != nil || len(keys) == 0 {
			return nil
		}
		var ds []draft
		for _, k := range keys {
			if !strings.HasPrefix(k, "new:") && !strings.HasPrefix(k, "edit:") {
				continue
			}
			b, err := st.Draft(k)
			var d draft
			if err != nil || json.Unmarshal(b, &d) != nil {
				continue
			}
			ds = append(ds, d)
		}
		if len(ds) == 0 {
			return nil
		}
		return draftsMsg{ds}
	}
}

// offer asks whether to open the first draft again. "No" keeps it: the
// next form of its kind brings it back.
func (d draftsMsg) offer(c *shared) tea.Cmd {
	first := d.drafts[0]
	q := c.cat.N(i18n.UIDraftOffer, len(d.drafts), len(d.drafts), c.cat.Kind(first.Kind))
	st := c.st
	return push(newConfirm(c, q, func() tea.Cmd {
		if first.ID == "" {
			return openNewForm(c, first.Kind)
		}
		return func() tea.Msg {
			r, err := st.Get(first.ID)
			if err != nil || r.Deleted {
				_ = st.SetDraft(draftKey(first.Kind, first.ID), nil)
				return toastMsg{c.t(i18n.UIDraftGone), true}
			}
			return openForm(c, r.Kind, r)()
		}
	}))
}
