package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
	"sotay/store"
)

// takeNews tells, once, what syncs brought since the officer was last told
// ("Tổ công tác trả lời 2 khó khăn · 1 thông báo mới · 1 bản ghi cần sửa")
// after a sync; news of syncs run without the TUI (sotay sync from a
// scheduler) is told after the sync the TUI runs when it starts. The store
// clears the news as it hands it over.
func takeNews(c *shared) tea.Cmd {
	st, log, cat := c.st, c.log, c.cat
	return func() tea.Msg {
		n, err := st.TakeNews()
		if err != nil {
			log.Error("read the news of the last sync", "err", err)
			return nil
		}
		if n.Empty() {
			return nil
		}
		return toastMsg{newsText(cat, n), false}
	}
}

// newsText words the news in one line.
func newsText(cat i18n.Catalog, n store.News) string {
	var parts []string
	add := func(k i18n.Key, v int) {
		if v > 0 {
			parts = append(parts, cat.N(k, v, v))
		}
	}
	add(i18n.TalkNewsAnswered, n.Answered)
	add(i18n.TalkNewsNotices, n.Notices)
	add(i18n.TalkNewsNeedFix, n.NeedFix)
	return strings.Join(parts, " · ")
}
