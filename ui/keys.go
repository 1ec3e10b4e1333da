package ui

import (
	"charm.land/bubbles/v2/key"

	"sotay/i18n"
)

// KeyMap holds every binding, grouped by where it works. Help texts come
// from the catalog, so the map is rebuilt when the language changes.
type KeyMap struct {
	Global GlobalKeys
	List   ListKeys
	Form   FormKeys
	Detail DetailKeys
	Dialog DialogKeys
}

// GlobalKeys work on the main screen whatever tab is shown.
type GlobalKeys struct {
	Quit, ForceQuit, Help, NextTab, PrevTab, Tab1, Tab2, Tab3, Tab4, Tab5, Sync, Settings, Report, Parked key.Binding
}

// ListKeys move through a list and act on its records.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Home, End, Open, New, Edit, Delete, Filter, ClearFilter,
	Category, Severity, Status key.Binding
}

// FormKeys edit a form.
type FormKeys struct {
	Next, Prev, Save, Cancel, ChoicePrev, ChoiceNext, PickUp, PickDown key.Binding
}

// DetailKeys scroll and act on one record.
type DetailKeys struct {
	Up, Down, Edit, Delete, Back key.Binding
}

// DialogKeys answer a question.
type DialogKeys struct {
	Yes, No key.Binding
}

func newKeyMap(c i18n.Catalog) KeyMap {
	b := func(help i18n.Key, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyName(keys[0]), c.T(help)))
	}
	return KeyMap{
		Global: GlobalKeys{
			Quit:      b(i18n.UIKeyQuit, "q"),
			ForceQuit: b(i18n.UIKeyQuit, "ctrl+c"),
			Help:      b(i18n.UIKeyHelp, "?", "f1"),
			NextTab:   b(i18n.UIKeyNextTab, "tab", "right", "l"),
			PrevTab:   b(i18n.UIKeyPrevTab, "shift+tab", "left", "h"),
			Tab1:      b(i18n.UIKeyTab, "1"),
			Tab2:      b(i18n.UIKeyTab, "2"),
			Tab3:      b(i18n.UIKeyTab, "3"),
			Tab4:      b(i18n.UIKeyTab, "4"),
			Tab5:      b(i18n.UIKeyTab, "5"),
			Sync:      b(i18n.UIKeySync, "s"),
			Settings:  b(i18n.UIKeySettings, ","),
			Report:    b(i18n.UIKeyReport, "r"),
			Parked:    b(i18n.UIKeyParked, "p"),
		},
		List: ListKeys{
			Up:          b(i18n.UIKeyUp, "up", "k"),
			Down:        b(i18n.UIKeyDown, "down", "j"),
			PageUp:      b(i18n.UIKeyPageUp, "pgup", "ctrl+u"),
			PageDown:    b(i18n.UIKeyPageDown, "pgdown", "ctrl+d"),
			Home:        b(i18n.UIKeyHome, "home", "g"),
			End:         b(i18n.UIKeyEnd, "end", "G"),
			Open:        b(i18n.UIKeyOpen, "enter"),
			New:         b(i18n.UIKeyNew, "n"),
			Edit:        b(i18n.UIKeyEdit, "e"),
			Delete:      b(i18n.UIKeyDelete, "d"),
			Filter:      b(i18n.UIKeyFilter, "/"),
			ClearFilter: b(i18n.UIKeyClearFilter, "esc"),
			Category:    b(i18n.UIKeyCategory, "c"),
			Severity:    b(i18n.UIKeySeverity, "m"),
			Status:      b(i18n.UIKeyStatus, "t"),
		},
		Form: FormKeys{
			Next:       b(i18n.UIKeyNextField, "tab", "down"),
			Prev:       b(i18n.UIKeyPrevField, "shift+tab", "up"),
			Save:       b(i18n.UIKeySave, "ctrl+s"),
			Cancel:     b(i18n.UIKeyCancel, "esc"),
			ChoicePrev: b(i18n.UIKeyChoice, "left"),
			ChoiceNext: b(i18n.UIKeyChoice, "right", "space"),
			PickUp:     b(i18n.UIKeyUp, "up"),
			PickDown:   b(i18n.UIKeyDown, "down"),
		},
		Detail: DetailKeys{
			Up:     b(i18n.UIKeyUp, "up", "k"),
			Down:   b(i18n.UIKeyDown, "down", "j"),
			Edit:   b(i18n.UIKeyEdit, "e"),
			Delete: b(i18n.UIKeyDelete, "d"),
			Back:   b(i18n.UIKeyBack, "esc", "q"),
		},
		Dialog: DialogKeys{
			Yes: b(i18n.UIKeyYes, "y", "c", "enter"),
			No:  b(i18n.UIKeyNo, "n", "k", "esc"),
		},
	}
}

// keyName is how a key is written in help: arrows as arrows.
func keyName(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "enter":
		return "↵"
	}
	return k
}
