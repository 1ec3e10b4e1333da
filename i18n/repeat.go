package i18n

// Keys of the officer's fast repeat entry (issue 13): a record duplicated
// as a new one, a new log that starts as the last one, and templates; and
// of the report's export: its folder, opening the file, a file held by
// another program.
const (
	UIKeyDuplicate     Key = "ui.key.duplicate"
	UIKeyFromTemplate  Key = "ui.key.from_template"
	UIKeySaveTemplate  Key = "ui.key.save_template"
	UIFormCopy         Key = "ui.form.copy"
	UIFormFromTmpl     Key = "ui.form.from_template"
	UIFormAsLast       Key = "ui.form.as_last"
	UIFormAsLastHint   Key = "ui.form.as_last_hint"
	UIFormAsLastChoice Key = "ui.form.as_last_choice"
	UIDraftFirst       Key = "ui.form.draft_first"

	UITemplatesTitle   Key = "ui.templates.title"
	UIKeyUseTemplate   Key = "ui.key.use_template"
	UIKeyDelTemplate   Key = "ui.key.delete_template"
	UITemplatesNone    Key = "ui.templates.none"
	UITemplateName     Key = "ui.template.name"
	UITemplateSaveAs   Key = "ui.template.save_as"
	UITemplateSaveHint Key = "ui.template.save_hint"
	UITemplateSaved    Key = "ui.template.saved"
	UITemplateReplace  Key = "ui.template.replace"
	UITemplateDelete   Key = "ui.template.delete"
	UITemplateDeleted  Key = "ui.template.deleted"
	UITemplateNameBad  Key = "ui.template.name_bad"

	UIReportKeyOpen       Key = "ui.report.key.open"
	UIReportKeyOpenDir    Key = "ui.report.key.open_dir"
	UIReportKeyFolder     Key = "ui.report.key.folder"
	UIReportKeyExport     Key = "ui.report.key.export"
	UIReportFolder        Key = "ui.report.folder"
	UIReportFolderTitle   Key = "ui.report.folder_title"
	UIReportFolderField   Key = "ui.report.folder_field"
	UIReportFolderHint    Key = "ui.report.folder_hint"
	UIReportFolderBad     Key = "ui.report.folder_bad"
	UIReportFolderSaved   Key = "ui.report.folder_saved"
	UIReportNothingOpen   Key = "ui.report.nothing_open"
	UIReportOpened        Key = "ui.report.opened"
	UIReportOpenFailed    Key = "ui.report.open_failed"
	UIReportInUse         Key = "ui.report.in_use"
	UIReportWroteOpenKeys Key = "ui.report.wrote_keys"

	UIStatusWaiting Key = "ui.status.waiting"
	UIStatusOffline Key = "ui.status.offline"
)

func repeatMessages() map[Key]msg {
	m := map[Key]msg{
		UIKeyDuplicate:     {"nhân bản", "duplicate"},
		UIKeyFromTemplate:  {"thêm từ mẫu", "new from template"},
		UIKeySaveTemplate:  {"lưu làm mẫu", "save as template"},
		UIFormCopy:         {"Thêm %s (bản sao, ngày hôm nay)", "New %s (a copy, dated today)"},
		UIFormFromTmpl:     {"Thêm %s theo mẫu «%s»", "New %s from template «%s»"},
		UIFormAsLast:       {"như lần trước · gõ để thay, ctrl+u để xóa", "as last time · type to replace, ctrl+u to clear"},
		UIFormAsLastChoice: {"như lần trước · ←/→ để đổi", "as last time · ←/→ to change"},
		UIFormAsLastHint:   {"Xã, hoạt động và người làm việc cùng lấy như nhật ký trước.", "Commune, activity and partners start as in your last log."},
		UIDraftFirst:       {"Có bản nháp chưa lưu: đã mở lại bản nháp. Lưu hoặc bỏ nó rồi làm lại.", "An unsaved draft is open again: save or discard it, then try again."},

		UITemplatesTitle:   {"Mẫu %s", "Templates: %s"},
		UIKeyUseTemplate:   {"dùng mẫu", "use template"},
		UIKeyDelTemplate:   {"xóa mẫu", "delete template"},
		UITemplatesNone:    {"Chưa có mẫu nào. Trong danh sách hoặc khi xem một bản ghi, nhấn %s để lưu nó làm mẫu.", "No templates yet. On a list or a record, press %s to save it as a template."},
		UITemplateName:     {"Tên mẫu", "Template name"},
		UITemplateSaveAs:   {"Lưu làm mẫu: %s", "Save as template: %s"},
		UITemplateSaveHint: {"Ngày không lưu vào mẫu · Enter: lưu · Esc: bỏ", "The date is not kept · Enter: save · Esc: cancel"},
		UITemplateSaved:    {"Đã lưu mẫu «%s».", "Template «%s» saved."},
		UITemplateReplace:  {"Đã có mẫu «%s». Thay bằng bản ghi này?", "A template «%s» exists. Replace it with this record?"},
		UITemplateDelete:   {"Xóa mẫu «%s»? Các bản ghi đã tạo từ mẫu không bị ảnh hưởng.", "Delete template «%s»? Records made from it stay."},
		UITemplateDeleted:  {"Đã xóa mẫu «%s».", "Template «%s» deleted."},
		UITemplateNameBad:  {"Tên mẫu cần từ 1 đến %d ký tự.", "A template name needs 1 to %d characters."},

		UIReportKeyOpen:       {"mở tệp", "open file"},
		UIReportKeyOpenDir:    {"mở thư mục", "open folder"},
		UIReportKeyFolder:     {"chọn thư mục", "choose folder"},
		UIReportKeyExport:     {"xuất docx/md", "export docx/md"},
		UIReportFolder:        {"Lưu vào: %s (f: đổi)", "Saved in: %s (f: change)"},
		UIReportFolderTitle:   {"Thư mục lưu báo cáo", "Folder for reports"},
		UIReportFolderField:   {"Thư mục", "Folder"},
		UIReportFolderHint:    {"Đường dẫn đầy đủ hoặc ~/… · Enter: lưu · Esc: bỏ", "A full path or ~/… · Enter: save · Esc: cancel"},
		UIReportFolderBad:     {"Không dùng được thư mục này: %s", "This folder cannot be used: %s"},
		UIReportFolderSaved:   {"Từ nay báo cáo lưu vào %s.", "Reports are saved in %s from now on."},
		UIReportNothingOpen:   {"Chưa xuất tệp nào: nhấn x hoặc X trước.", "No file exported yet: press x or X first."},
		UIReportOpened:        {"Đã mở %s.", "Opened %s."},
		UIReportOpenFailed:    {"Không mở được %s: %s", "Could not open %s: %s"},
		UIReportInUse:         {"Không ghi được %s: tệp đang mở trong chương trình khác (như Word) hoặc không được phép ghi. Đóng tệp rồi xuất lại, hoặc lưu với tên %s?", "Could not write %s: the file is open in another program (such as Word) or may not be written. Close it and export again, or save as %s?"},
		UIReportWroteOpenKeys: {"Đã ghi %s · o: mở tệp · O: mở thư mục", "Wrote %s · o: open the file · O: open its folder"},

		UIStatusWaiting: {"%s chờ gửi", "%s waiting"},
		UIStatusOffline: {"Ngoại tuyến", "Offline"},
	}
	return m
}
