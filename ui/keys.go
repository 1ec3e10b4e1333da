package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sotay/i18n"
)

// KeyMap holds every binding of the program, grouped by where it works; no
// screen matches a key any other way. Help texts come from the catalog, so
// the map is rebuilt when the language changes.
type KeyMap struct {
	Global GlobalKeys
	List   ListKeys
	Filter FilterKeys
	Scroll ScrollKeys
	Form   FormKeys
	Detail DetailKeys
	Dialog DialogKeys
	Report ReportKeys
	Files  FilesKeys
	// Templates act in the template picker (N).
	Templates TemplateKeys
}

// TemplateKeys choose a template: the footer, help and the picker's own
// hint all read these.
type TemplateKeys struct {
	Use, Delete key.Binding
}

// GlobalKeys work on the main screen whatever tab is shown.
type GlobalKeys struct {
	Quit, ForceQuit, Help, NextTab, PrevTab, Sync, Settings, Report, Parked, Undo, Bin key.Binding
	// HelpAnywhere opens help even where ? is typed, in forms.
	HelpAnywhere key.Binding
	// Tabs picks a tab by its number, 1 to 5.
	Tabs [5]key.Binding
}

// ListKeys move through a list and act on its records.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Home, End, Open, New, Edit, Delete, Filter, ClearFilter,
	Category, Severity, Status key.Binding
	// Restore brings a record back from the recycle bin.
	Restore key.Binding
	// Duplicate opens the form of a new record filled as the selected
	// one, dated today; FromTemplate adds a record from a template;
	// SaveTemplate keeps the selected record as a template.
	Duplicate, FromTemplate, SaveTemplate key.Binding
}

// FilterKeys end the typing of a list's filter.
type FilterKeys struct {
	Done, Cancel key.Binding
}

// ScrollKeys move through a long text.
type ScrollKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// FormKeys edit a form.
type FormKeys struct {
	Next, Prev, Save, Cancel, ChoicePrev, ChoiceNext, PickUp, PickDown key.Binding
	// CompletePath completes the path typed in the attach page.
	CompletePath key.Binding
	// LineDown and LineUp leave a one-line field for the next or the
	// previous one (in a text area they move the cursor).
	LineDown, LineUp key.Binding
	// Submit is Enter in a one-line form (setup, a dialog): the next field,
	// or done on the last.
	Submit key.Binding
	// Complete takes the suggested completion at the end of a field.
	Complete key.Binding
	// ClearFind forgets the letters typed to pick a choice.
	ClearFind key.Binding
}

// DetailKeys act on one record shown whole.
type DetailKeys struct {
	Edit, Delete, Back key.Binding
	// Reply writes a follow-up on a difficulty; Resolve marks it resolved
	// on site with a note.
	Reply, Resolve key.Binding
	// Duplicate and SaveTemplate act as on a list, on the record shown.
	Duplicate, SaveTemplate key.Binding
	// Attach adds a file by its path; Open opens a file (of several, the
	// one picked: FilesKeys).
	Attach, Open key.Binding
}

// FilesKeys pick which of a record's files to open.
type FilesKeys struct {
	Up, Down, Open, Back key.Binding
}

// DialogKeys answer a question.
type DialogKeys struct {
	Yes, No key.Binding
}

// ReportKeys work on the report screen.
type ReportKeys struct {
	Prev, Next, Week, Month, Range, Edit, Docx, Markdown, Reset key.Binding
	NextSection, PrevSection                                    key.Binding
	// Open opens the file last written with the system's program;
	// OpenDir opens its folder; Folder chooses where reports are written.
	Open, OpenDir, Folder key.Binding
	// Shown in the footer only, for several keys at once: the footer must
	// fit 80 columns, and ? lists every key.
	PrevNext, Pick, Export key.Binding
}

func newKeyMap(c i18n.Catalog) KeyMap {
	b := func(help i18n.Key, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyName(keys[0]), c.T(help)))
	}
	tab := func(n string) key.Binding { return b(i18n.UIKeyTab, n) }
	// One key, one meaning, wherever it works: C duplicates and T saves a
	// template on a list and on a record alike.
	duplicate, saveTemplate := b(i18n.UIKeyDuplicate, "C"), b(i18n.UIKeySaveTemplate, "T")
	return KeyMap{
		Global: GlobalKeys{
			Quit:         b(i18n.UIKeyQuit, "q"),
			ForceQuit:    b(i18n.UIKeyQuit, "ctrl+c"),
			Help:         b(i18n.UIKeyHelp, "?", "f1"),
			HelpAnywhere: b(i18n.UIKeyHelp, "f1"),
			NextTab:      b(i18n.UIKeyNextTab, "tab", "right", "l"),
			PrevTab:      b(i18n.UIKeyPrevTab, "shift+tab", "left", "h"),
			Tabs:         [5]key.Binding{tab("1"), tab("2"), tab("3"), tab("4"), tab("5")},
			Sync:         b(i18n.UIKeySync, "s"),
			Settings:     b(i18n.UIKeySettings, ","),
			Report:       b(i18n.UIKeyReport, "r"),
			Parked:       b(i18n.UIKeyParked, "p"),
			Undo:         b(i18n.UIKeyUndo, "u"),
			Bin:          b(i18n.UIKeyBin, "b"),
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
			Restore:     b(i18n.UIKeyRestore, "enter"),

			Duplicate:    duplicate,
			FromTemplate: b(i18n.UIKeyFromTemplate, "N"),
			SaveTemplate: saveTemplate,
		},
		Filter: FilterKeys{
			Done:   b(i18n.UIKeyOpen, "enter", "down"),
			Cancel: b(i18n.UIKeyClearFilter, "esc"),
		},
		Scroll: ScrollKeys{
			Up:       b(i18n.UIKeyUp, "up", "k"),
			Down:     b(i18n.UIKeyDown, "down", "j"),
			PageUp:   b(i18n.UIKeyPageUp, "pgup"),
			PageDown: b(i18n.UIKeyPageDown, "pgdown", "space"),
			Home:     b(i18n.UIKeyHome, "home", "g"),
			End:      b(i18n.UIKeyEnd, "end", "G"),
		},
		Form: FormKeys{
			Next:       b(i18n.UIKeyNextField, "tab"),
			Prev:       b(i18n.UIKeyPrevField, "shift+tab"),
			LineDown:   b(i18n.UIKeyNextField, "down", "enter"),
			LineUp:     b(i18n.UIKeyPrevField, "up"),
			Submit:     b(i18n.UIKeySave, "enter"),
			Save:       b(i18n.UIKeySave, "ctrl+s"),
			Cancel:     b(i18n.UIKeyCancel, "esc"),
			ChoicePrev: b(i18n.UIKeyChoice, "left"),
			ChoiceNext: b(i18n.UIKeyChoice, "right", "space"),
			PickUp:     b(i18n.UIKeyUp, "up"),
			PickDown:   b(i18n.UIKeyDown, "down"),
			Complete:   b(i18n.UIKeyChoice, "right"),
			ClearFind:  b(i18n.UIKeyChoice, "backspace"),

			CompletePath: b(i18n.UIKeyCompletePath, "tab"),
		},
		Detail: DetailKeys{
			Edit:    b(i18n.UIKeyEdit, "e"),
			Delete:  b(i18n.UIKeyDelete, "d"),
			Back:    b(i18n.UIKeyBack, "esc"), // q quits, everywhere
			Reply:   b(i18n.UIKeyReply, "a"),
			Resolve: b(i18n.UIKeyResolve, "x"),

			Duplicate:    duplicate,
			SaveTemplate: saveTemplate,
			Attach:       b(i18n.UIKeyAttach, "f"),
			Open:         b(i18n.UIKeyOpenFile, "o"),
		},
		Files: FilesKeys{
			Up:   b(i18n.UIKeyUp, "up", "k"),
			Down: b(i18n.UIKeyDown, "down", "j"),
			Open: b(i18n.UIKeyOpenFile, "enter", "o"),
			Back: b(i18n.UIKeyBack, "esc"),
		},
		Dialog: DialogKeys{
			// Only y says yes: a destructive answer is never on Enter, which
			// answers no, the default.
			Yes: b(i18n.UIKeyYes, "y"),
			No:  key.NewBinding(key.WithKeys("n", "k", "esc", "enter"), key.WithHelp("n/↵", c.T(i18n.UIKeyNo))),
		},
		Templates: TemplateKeys{
			Use:    b(i18n.UIKeyUseTemplate, "enter"),
			Delete: b(i18n.UIKeyDelTemplate, "d"),
		},
		Report: ReportKeys{
			Prev:        b(i18n.UIReportKeyPrev, "[", "left", "h"),
			Next:        b(i18n.UIReportKeyNext, "]", "right", "l"),
			Week:        b(i18n.UIReportKeyWeek, "w"),
			Month:       b(i18n.UIReportKeyMonth, "m"),
			Range:       b(i18n.UIReportKeyRange, "d"),
			Edit:        b(i18n.UIReportKeyEdit, "e"),
			Docx:        b(i18n.UIReportKeyDocx, "x"),
			Markdown:    b(i18n.UIReportKeyMarkdown, "X"),
			Reset:       b(i18n.UIReportKeyReset, "R"),
			NextSection: b(i18n.UIReportKeySection, "tab"),
			PrevSection: b(i18n.UIReportKeySection, "shift+tab"),
			PrevNext:    key.NewBinding(key.WithKeys("[", "]"), key.WithHelp("[ ]", c.T(i18n.UIReportKeyPeriod))),
			Pick:        key.NewBinding(key.WithKeys("w", "m", "d"), key.WithHelp("w/m/d", c.T(i18n.UIReportKeyPick))),
			Export:      key.NewBinding(key.WithKeys("x", "X"), key.WithHelp("x/X", c.T(i18n.UIReportKeyExport))),
			Open:        b(i18n.UIReportKeyOpen, "o"),
			OpenDir:     b(i18n.UIReportKeyOpenDir, "O"),
			Folder:      b(i18n.UIReportKeyFolder, "f"),
		},
	}
}

// tab is the index of the tab a number key picks.
func (g GlobalKeys) tab(msg tea.KeyPressMsg) (int, bool) {
	for i, b := range g.Tabs {
		if key.Matches(msg, b) {
			return i, true
		}
	}
	return 0, false
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
	case "f1":
		return "F1"
	}
	return k
}

// bindingsHint writes bindings as a one-line hint, "↵ dùng mẫu · d xóa
// mẫu", from the same help the footer shows, so the two never disagree.
func bindingsHint(bs ...key.Binding) string {
	parts := make([]string, len(bs))
	for i, b := range bs {
		parts[i] = b.Help().Key + " " + b.Help().Desc
	}
	return strings.Join(parts, " · ")
}
